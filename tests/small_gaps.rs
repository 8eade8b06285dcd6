//! The smaller ways work was lost or hidden (issue 11.10): the file deleted, or made a directory,
//! under unsaved changes; a dangling symlink as FILE; a file without write permission; the lock
//! on a full disk; control characters pasted into a form field.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Command;

use common::pty::{CTRL_S, Place, Session};
use common::tui::{key, key_with, run_script, screen_text, typed};
use personas::app::{Event, Mode, Prompt};
use personas::store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const ROWS: u16 = 30;
const COLS: u16 = 120;

fn board(place: &Place, name: &str) -> Session {
    let s = place.spawn(&[name], ROWS, COLS);
    s.wait_for("The Employee");
    s.wait_for("coverage");
    s
}

/// Moves the first goal down (`j J`): an unsaved change.
fn edit(s: &mut Session) {
    s.send_and_wait_change("j");
    s.press("J", "[+] modified");
}

#[test]
fn deleting_the_file_under_unsaved_changes_is_reported() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let mut s = board(&place, "acme.ron");
    edit(&mut s);
    std::fs::remove_file(&file).expect("delete");
    s.wait_for("acme.ron was deleted on disk");
    s.wait_for("your unsaved changes are still");
    // Saving asks before writing it again; o writes it.
    s.press(CTRL_S, "the file changed on disk");
    s.press("o", "saved acme.ron");
    assert!(store::load(&file).is_ok());
}

#[test]
fn a_path_that_became_a_directory_is_named_in_the_error() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let mut s = board(&place, "acme.ron");
    edit(&mut s);
    std::fs::remove_file(&file).expect("delete");
    std::fs::create_dir(&file).expect("mkdir");
    s.wait_for("is a directory now");
    s.press(CTRL_S, "save failed");
    let screen = s.screen();
    assert!(screen.contains("acme.ron is a directory now"), "{screen}");
    assert!(!screen.contains("backups"), "{screen}");
    assert!(screen.contains("[+] modified"), "{screen}");
}

#[test]
fn a_dangling_symlink_as_file_is_created_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real").join("acme.ron");
    std::fs::create_dir_all(real.parent().expect("parent")).expect("mkdir");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real/acme.ron", &link).expect("symlink");
    let mut state = personas::run::open_state(&link, false).expect("a dangling link opens");
    assert!(state.new_file);
    let mut events = typed("p");
    events.extend(typed("Linked"));
    events.push(key_with(KeyCode::Char('s'), KeyModifiers::CONTROL));
    // The persona's first goal form opens; Esc there adds no goal.
    events.push(key_with(KeyCode::Esc, KeyModifiers::NONE));
    events.push(key_with(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let terminal = run_script(&mut state, 120, 40, events);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("saved link.ron"), "{screen}");
    let meta = std::fs::symlink_metadata(&link).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let ws = store::load(&real).expect("the target was written");
    assert_eq!(ws.columns[0][0].name, "Linked");
}

#[test]
fn a_file_without_write_permission_is_not_replaced_without_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("acme.ron");
    std::fs::write(&file, store::EXAMPLE).expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let ctrl_s = key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);

    // Esc: nothing written.
    let mut state = personas::run::open_state(&file, false).expect("opens");
    let mut events = typed("jJ");
    events.push(ctrl_s.clone());
    let terminal = run_script(&mut state, 120, 40, events.clone());
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("has no write permission"), "{screen}");
    assert!(matches!(state.mode, Mode::Prompt(Prompt::ReadOnlyFile)));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        store::EXAMPLE
    );
    let mut cancel = events.clone();
    cancel.push(key(KeyCode::Esc));
    let mut state = personas::run::open_state(&file, false).expect("opens");
    run_script(&mut state, 120, 40, cancel);
    assert!(state.modified());
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        store::EXAMPLE
    );

    // o: saved, and still read-only.
    events.push(key(KeyCode::Char('o')));
    let mut state = personas::run::open_state(&file, false).expect("opens");
    let terminal = run_script(&mut state, 120, 40, events);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("saved acme.ron"), "{screen}");
    assert!(!state.modified());
    assert_eq!(&store::load(&file).expect("loads"), state.doc.workspace());
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

/// Unmounts when dropped.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn fill(dir: &Path) {
    let mut f = std::fs::File::create(dir.join("filler")).expect("filler");
    let mut n = 0;
    while std::io::Write::write_all(&mut f, &[b'x'; 4096]).is_ok() && n < 1000 {
        n += 1;
    }
}

#[test]
fn a_second_instance_is_warned_when_the_data_disk_is_full() {
    let place = Place::new();
    place.example("acme.ron");
    let data = place.data_dir();
    std::fs::create_dir_all(&data).expect("mkdir");
    let spot = data.to_string_lossy().into_owned();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs", &spot])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        println!("skipped: no tmpfs can be mounted here (the OS lock itself is unit-tested)");
        return;
    }
    let _mounted = Mounted(data.clone());
    // Room for the directories, then none at all.
    std::fs::create_dir_all(data.join("personas").join("locks")).expect("mkdir");
    fill(&data);
    let first = board(&place, "acme.ron");
    first.wait_for("[no recovery copies]");
    let second = board(&place, "acme.ron");
    second.wait_for("already open in another personas");
}

#[test]
fn control_characters_pasted_into_a_field_show_as_placeholders_while_editing() {
    let mut state = personas::app::State::new(store::example(), "acme.ron".into());
    let mut events = typed("p");
    events.push(Event::Paste("\u{1b}]0;pwned\u{7} name\u{202e}x".into()));
    let terminal = run_script(&mut state, 120, 40, events);
    let screen = screen_text(terminal.backend().buffer());
    assert!(matches!(state.mode, Mode::Form(_)), "still editing");
    assert!(
        screen.contains("␛]0;pwned␇ name\u{fffd}x"),
        "the pasted controls are not visible:\n{screen}"
    );
}
