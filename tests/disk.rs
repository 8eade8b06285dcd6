//! The file on disk changing under the app (SPEC §7 "If the file changed on disk since it was
//! opened, saving asks before overwriting it"), backups before the first save, and a second
//! instance being warned. The real loop runs on a `TestBackend` with scripted steps; a step can
//! also change the file from outside, as a colleague would.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::script::{Step, run_steps};
use personas::app::{Event, Mode, Prompt, State};
use personas::model::Workspace;
use personas::run::Storage;
use personas::run::writer::Writer;
use personas::store::{self, Dirs};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn keys(text: &str) -> Vec<Step> {
    text.split(' ')
        .filter(|k| !k.is_empty())
        .map(|k| {
            let (code, mods) = match k {
                "ctrl-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                _ => {
                    let c = k.chars().next().unwrap_or(' ');
                    let mods = if c.is_ascii_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    (KeyCode::Char(c), mods)
                }
            };
            Step::Ev(Event::Key(KeyEvent::new(code, mods)))
        })
        .collect()
}

struct World {
    dir: tempfile::TempDir,
    file: PathBuf,
    dirs: Dirs,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("acme.ron");
        std::fs::write(&file, store::EXAMPLE).expect("write the example");
        let dirs = Dirs {
            config: dir.path().join("config"),
            data: dir.path().join("data"),
        };
        World { dir, file, dirs }
    }

    /// Opens the file and runs the script to its end; returns the state and the screen.
    fn run(&self, steps: Vec<Step>) -> (State, String) {
        let mut state = personas::run::open_state(&self.file, false).expect("opens");
        let mut storage = Storage::full(&state, Some(&self.dirs), Writer::inline());
        let screen = run_steps(&mut state, &mut storage, (120, 40), steps);
        (state, screen)
    }
}

/// What a colleague saves: the example with the first persona renamed.
fn theirs() -> Workspace {
    let mut ws = store::example();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).name = "Their Employee".into();
    ws
}

fn write_theirs(file: &Path) -> Box<dyn FnOnce()> {
    let file = file.to_path_buf();
    Box::new(move || store::save(&file, &theirs()).expect("their save"))
}

fn steps(parts: Vec<Vec<Step>>) -> Vec<Step> {
    parts.into_iter().flatten().collect()
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_and_cancel_writes_nothing() {
    let w = World::new();
    let (state, screen) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s"),
    ]));
    assert!(matches!(state.mode, Mode::Prompt(Prompt::ChangedOnDisk)));
    assert!(screen.contains("the file changed on disk"), "{screen}");
    assert!(screen.contains("o overwrite it"), "{screen}");
    assert_eq!(
        store::load(&w.file).expect("loads"),
        theirs(),
        "nothing written"
    );

    let w = World::new();
    let (state, _) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s esc"),
    ]));
    assert!(matches!(state.mode, Mode::Normal));
    assert!(state.modified(), "cancel keeps the changes");
    assert_eq!(store::load(&w.file).expect("loads"), theirs());
}

#[test]
fn overwrite_writes_our_version() {
    let w = World::new();
    let (state, screen) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s o"),
    ]));
    assert!(!state.modified(), "{screen}");
    assert!(screen.contains("saved acme.ron"), "{screen}");
    let on_disk = store::load(&w.file).expect("loads");
    assert_eq!(&on_disk, state.doc.workspace());
    assert_eq!(on_disk.columns[0][0].name, "The Employee");
}

#[test]
fn reload_asks_a_second_time_before_losing_changes() {
    let w = World::new();
    let (state, screen) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s r"),
    ]));
    assert!(matches!(state.mode, Mode::Prompt(Prompt::ConfirmReload)));
    assert!(screen.contains("lose your changes"), "{screen}");

    let w = World::new();
    let (state, _) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s r n"),
    ]));
    assert!(state.modified(), "n keeps the changes");

    let w = World::new();
    let (state, screen) = w.run(steps(vec![
        keys("j J"),
        vec![Step::Do(write_theirs(&w.file))],
        keys("ctrl-s r y"),
    ]));
    assert!(!state.modified());
    assert_eq!(state.doc.workspace(), &theirs());
    assert!(screen.contains("Their Employee"), "{screen}");
    assert!(screen.contains("reloaded acme.ron"), "{screen}");
}

#[test]
fn an_unmodified_board_reloads_a_file_changed_on_disk() {
    let w = World::new();
    let (state, screen) = w.run(vec![
        Step::Do(write_theirs(&w.file)),
        Step::Wait(Duration::from_millis(1100)),
    ]);
    assert_eq!(state.doc.workspace(), &theirs());
    assert!(screen.contains("changed on disk: reloaded it"), "{screen}");
    assert!(screen.contains("Their Employee"), "{screen}");
}

// What update does when the file changes under unsaved work: src/app/update/tests/disk.rs.

#[test]
fn our_own_saves_are_not_taken_for_changes_on_disk() {
    let w = World::new();
    let (state, screen) = w.run(steps(vec![
        keys("j J ctrl-s"),
        vec![Step::Wait(Duration::from_millis(1100))],
        keys("J ctrl-s"),
    ]));
    assert!(!state.modified(), "{screen}");
    assert!(screen.contains("saved acme.ron"), "{screen}");
}

#[test]
fn the_first_save_of_a_session_backs_up_the_old_file() {
    let w = World::new();
    let backups = w.dirs.backups_dir();
    w.run(keys("j J ctrl-s J ctrl-s"));
    let files: Vec<_> = std::fs::read_dir(&backups)
        .expect("backups dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "one backup per session: {files:?}");
    assert_eq!(
        std::fs::read_to_string(&files[0]).expect("read"),
        store::EXAMPLE,
        "the file as it was before the first save"
    );
    w.run(keys("j J ctrl-s"));
    assert_eq!(std::fs::read_dir(&backups).expect("dir").count(), 2);
    let _ = &w.dir;
}

#[test]
fn a_second_instance_is_warned() {
    let place = common::pty::Place::new();
    let file = place.example("shared.ron");
    let name = file.to_string_lossy().into_owned();
    let first = place.spawn(&[&name], 30, 100);
    first.wait_for("The Employee");
    let second = place.spawn(&[&name], 30, 100);
    second.wait_for("already open in another personas");
    drop(second);
    drop(first);
}
