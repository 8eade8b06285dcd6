//! A broken data directory never stops a save (SPEC §7, issue 11.2). With the data directory
//! read-only, full, replaced by a file, or impossible to create, Ctrl-s and `q` → `y` still write
//! the workspace, and the status bar says that work is not protected by recovery copies; once
//! copies can be written again, it stops saying so.
//!
//! Read-only and full are real filesystems where mounting is allowed (root): a tmpfs remounted
//! read-only, and a 64 KiB tmpfs filled to the last block. Elsewhere a directory chmod 0555 and a
//! file in the data directory's place stand in. The real loop runs on a `TestBackend`, with
//! storage writing on the test's thread.

mod common;

use std::io;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::script::{Step, run_steps};
use personas::app::{Event, State};
use personas::run::Storage;
use personas::run::writer::Writer;
use personas::store::{self, Dirs};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char, mods: KeyModifiers) -> Step {
    Step::Ev(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)))
}

/// Down to the first goal, move it down (`J`): an unsaved change.
fn edit() -> Vec<Step> {
    vec![key('j', KeyModifiers::NONE), key('J', KeyModifiers::SHIFT)]
}

fn save() -> Step {
    key('s', KeyModifiers::CONTROL)
}

const RETRY: Duration = Duration::from_millis(50);

/// Opens `file` with the data directory `data` (or none) and runs the steps; returns the state
/// and the screen's text.
fn run(file: &Path, data: Option<PathBuf>, steps: Vec<Step>) -> (State, String) {
    let dirs = data.map(|data| Dirs {
        config: file.with_file_name("config"),
        data,
    });
    let mut state = personas::run::open_state(file, false).expect("opens");
    let mut storage = Storage::full(&state, dirs.as_ref(), Writer::inline());
    storage.recovery_delay = RETRY;
    let screen = run_steps(&mut state, &mut storage, (160, 40), steps);
    (state, screen)
}

/// The edit was saved, and the app says that recovery copies cannot be written.
fn assert_saved_unprotected(file: &Path, state: &State, screen: &str) {
    assert!(!state.modified(), "still modified:\n{screen}");
    assert_eq!(
        &store::load(file).expect("the saved file loads"),
        state.doc.workspace(),
        "the file is not what was on screen"
    );
    assert_ne!(
        store::parse(store::EXAMPLE).ok().as_ref(),
        Some(state.doc.workspace())
    );
    assert!(screen.contains("saved acme.ron"), "{screen}");
    assert!(screen.contains("[no recovery copies]"), "{screen}");
    assert!(state.unprotected.is_some());
}

fn example(dir: &Path) -> PathBuf {
    let file = dir.join("acme.ron");
    std::fs::write(&file, store::EXAMPLE).expect("write");
    file
}

fn steps(parts: Vec<Vec<Step>>) -> Vec<Step> {
    parts.into_iter().flatten().collect()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Unmounts when dropped.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Both save paths: Ctrl-s, and `q` → `y` (save and quit).
fn save_both_ways(file: &Path, data: &Path) {
    let (state, screen) = run(
        file,
        Some(data.to_path_buf()),
        steps(vec![edit(), vec![save()]]),
    );
    assert_saved_unprotected(file, &state, &screen);
    let (state, screen) = run(
        file,
        Some(data.to_path_buf()),
        steps(vec![
            edit(),
            vec![key('q', KeyModifiers::NONE), key('y', KeyModifiers::NONE)],
        ]),
    );
    assert!(!state.modified(), "q y did not save:\n{screen}");
    assert_eq!(&store::load(file).expect("loads"), state.doc.workspace());
}

#[test]
fn a_read_only_data_directory_does_not_stop_a_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let spot = data.to_string_lossy().into_owned();
    let _mounted = if is_root() && mount(&["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", &spot]) {
        println!("data directory: a read-only tmpfs");
        Some(Mounted(data.clone()))
    } else {
        println!("data directory: chmod 0555");
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        None
    };
    save_both_ways(&file, &data);
    let _ = std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn a_full_data_directory_does_not_stop_a_save_and_recovers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let spot = data.to_string_lossy().into_owned();
    if !(is_root() && mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs", &spot])) {
        println!("no tmpfs can be mounted here: a file in the data directory's place stands in");
        return a_data_directory_replaced_by_a_file_does_not_stop_a_save();
    }
    let _mounted = Mounted(data.clone());
    // Fill it to the last block.
    let filler = data.join("filler");
    let mut chunk = 0;
    let mut f = std::fs::File::create(&filler).expect("filler");
    while io::Write::write_all(&mut f, &[b'x'; 4096]).is_ok() && chunk < 1000 {
        chunk += 1;
    }
    drop(f);
    save_both_ways(&file, &data);

    // Room again: within a retry the marker goes and says so.
    let free = Box::new(move || std::fs::remove_file(&filler).expect("free the disk"));
    let (state, screen) = run(
        &file,
        Some(data.clone()),
        steps(vec![
            edit(),
            vec![
                save(),
                Step::Do(free),
                Step::Wait(RETRY * 4),
                Step::Wait(RETRY * 4),
            ],
        ]),
    );
    assert!(state.unprotected.is_none(), "{screen}");
    assert!(!screen.contains("[no recovery copies]"), "{screen}");
    assert!(
        screen.contains("recovery copies can be written again"),
        "{screen}"
    );
}

#[test]
fn a_data_directory_replaced_by_a_file_does_not_stop_a_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let data = dir.path().join("data");
    std::fs::write(&data, "not a directory").expect("write");
    save_both_ways(&file, &data);
    assert_eq!(
        std::fs::read_to_string(&data).expect("read"),
        "not a directory"
    );
}

#[test]
fn a_data_directory_that_cannot_be_created_does_not_stop_a_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    // Nothing can be created under /proc, not even by root.
    let data = PathBuf::from("/proc/personas-no-such-home/.local/share/personas");
    save_both_ways(&file, &data);
}

#[test]
fn no_data_directory_at_all_does_not_stop_a_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let (state, screen) = run(&file, None, steps(vec![edit(), vec![save()]]));
    assert_saved_unprotected(&file, &state, &screen);
}
