//! Save error paths (SPEC §7, issue 5.5): a save that fails keeps the old file byte for byte,
//! leaves no temporary file behind, keeps the workspace modified and says "save failed".
//!
//! The failing directories are real where the machine allows: as root, a tmpfs mounted
//! read-only (written first, then remounted) and a 64 KiB tmpfs that a big workspace cannot fit
//! in; as another user, a directory chmod 0555. Where neither works the read-only test is skipped
//! with a message, and the full-disk test falls back to a writer error that needs no privilege
//! (a path whose parent is a regular file). Each app run goes through the real loop
//! (`personas::run::run`) on a `TestBackend`; its storage writes on the same thread, so the
//! save's result comes back within the run.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use personas::app::{Event, State};
use personas::model::{Goal, Kind, Persona, Workspace};
use personas::run::writer::{Done, Job, perform};
use personas::store::{self, disk, to_ron};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

// ---------------------------------------------------------------------------------------------
// Directories that refuse writes

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .is_some_and(|uid| uid.trim() == "0")
}

fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A temporary directory, possibly with a tmpfs mounted on it. The tmpfs is unmounted before
/// the directory is removed (fields drop in order).
struct Place {
    mounted: Option<Mounted>,
    dir: tempfile::TempDir,
    /// How the directory was made to refuse writes, for messages.
    how: &'static str,
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Lazily, so the temporary directory can still go.
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

impl Place {
    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Files in the directory other than `keep` (a failed save must leave none).
    fn strays(&self, keep: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(self.dir())
            .expect("list the directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p != keep)
            .collect()
    }
}

/// Whether a new file can be created in `dir` (the probe is removed again).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let made = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    made
}

/// A directory holding `name` with `bytes` that can no longer be written to: a tmpfs remounted
/// read-only (root), else the directory chmod 0555 (other users). The reason as an error
/// when neither refuses writes here.
fn read_only_place(name: &str, bytes: &[u8]) -> Result<(Place, PathBuf), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join(name);
    let root = is_root();
    let spot = dir.path().to_string_lossy().into_owned();
    if root && mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs", &spot]) {
        let mounted = Mounted(dir.path().to_path_buf());
        std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
        if mount(&["-o", "remount,ro", &spot]) && !writable(dir.path()) {
            return Ok((
                Place {
                    mounted: Some(mounted),
                    dir,
                    how: "tmpfs remounted read-only",
                },
                file,
            ));
        }
        drop(mounted);
    }
    std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555))
        .map_err(|e| e.to_string())?;
    if writable(dir.path()) {
        let _ = std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755));
        return Err(format!(
            "cannot make a directory read-only here (root: {root}; mounting a tmpfs failed and \
             root ignores chmod)"
        ));
    }
    Ok((
        Place {
            mounted: None,
            dir,
            how: "directory chmod 0555",
        },
        file,
    ))
}

impl Drop for Place {
    fn drop(&mut self) {
        if self.mounted.is_none() {
            // Let the temporary directory remove itself.
            let _ =
                std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// Where a save cannot fit: a 64 KiB tmpfs holding `name` with `bytes` (root only).
fn full_place(name: &str, bytes: &[u8]) -> Option<(Place, PathBuf)> {
    if !is_root() {
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    let spot = dir.path().to_string_lossy().into_owned();
    if !mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs", &spot]) {
        return None;
    }
    let mounted = Mounted(dir.path().to_path_buf());
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).ok()?;
    Some((
        Place {
            mounted: Some(mounted),
            dir,
            how: "64 KiB tmpfs",
        },
        file,
    ))
}

// ---------------------------------------------------------------------------------------------
// Workspaces and the app

/// A small valid workspace: one user with two goals (so `J` on the first goal moves it).
fn small() -> Workspace {
    let goal = |id: &str, text: &str| Goal {
        id: id.into(),
        text: text.into(),
        ..Goal::default()
    };
    let mut ws = Workspace {
        title: "small".into(),
        ..Workspace::default()
    };
    ws.columns[0] = vec![Persona {
        id: "u".into(),
        name: "Uma".into(),
        kind: Some(Kind::GoalDirected),
        goals: vec![goal("g1", "First goal"), goal("g2", "Second goal")],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws
}

/// The small workspace plus enough personas that its RON is well over 64 KiB.
fn big() -> Workspace {
    let mut ws = small();
    for i in 0..400 {
        ws.columns[0].push(std::sync::Arc::new(Persona {
            id: format!("filler-{i}"),
            name: format!("Filler persona number {i}"),
            role: "Takes up room on the disk".into(),
            summary: "A persona whose only job is to make the file too big for the disk.".into(),
            goals: vec![Goal {
                id: format!("filler-{i}-goal"),
                text: format!("Goal of filler persona {i}"),
                why: "So the save needs more room than the filesystem has".into(),
                ..Goal::default()
            }],
            ..Persona::default()
        }));
    }
    let size = to_ron(&ws).len();
    assert!(
        size > 3 * 64 * 1024,
        "the big workspace is only {size} bytes"
    );
    ws
}

use common::tui::{key_with as key, run_script, screen_text};

/// Down to the first goal, move it down (`J`), save (Ctrl-s).
fn edit_and_save() -> Vec<Event> {
    vec![
        key(KeyCode::Char('j'), KeyModifiers::NONE),
        key(KeyCode::Char('J'), KeyModifiers::SHIFT),
        key(KeyCode::Char('s'), KeyModifiers::CONTROL),
    ]
}

/// Opens `ws` as the file at `path`, runs `events` through the real loop and returns the
/// screen as text and the state the app ended in.
fn drive(ws: Workspace, path: &Path, events: Vec<Event>) -> (String, State) {
    let mut state = State::new(ws, path.to_path_buf());
    let terminal = run_script(&mut state, 200, 30, events);
    (screen_text(terminal.backend().buffer()), state)
}

/// The user-visible outcome of a failed save: the status line says so, the workspace is still
/// modified and was really edited, the old file is byte-identical, and nothing was left next
/// to it.
fn assert_failed_save(screen: &str, state: &State, file: &Path, before: &[u8], strays: &[PathBuf]) {
    let status = screen
        .lines()
        .find(|l| l.contains("save failed"))
        .unwrap_or_else(|| panic!("no \"save failed\" on the screen:\n{screen}"));
    assert!(
        status.contains("changes are still here"),
        "the status does not say the changes are kept: {status}"
    );
    assert!(state.modified(), "the workspace is no longer modified");
    assert!(
        !state.saving,
        "the app still thinks a save is being written"
    );
    let goals: Vec<&str> = state.doc.workspace().columns[0][0]
        .goals
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(goals, ["g2", "g1"], "the edit is still on the board");
    assert!(
        std::fs::read(file).is_ok_and(|now| now == before),
        "the old file changed"
    );
    assert!(strays.is_empty(), "left behind: {strays:?}");
}

/// A save job as the app hands it to the writer, expecting the file as it is now.
fn save_job(path: &Path, ws: Workspace) -> Job {
    Job::Save {
        path: path.to_path_buf(),
        workspace: Arc::new(ws),
        state: 7,
        expect: disk::fingerprint(path),
        force: false,
        backup_to: None,
    }
}

/// The writer's error text for a save job that must fail.
fn writer_error(job: Job) -> String {
    match perform(job) {
        Some(Done::Saved {
            state: 7,
            result: Err(why),
        }) => why,
        other => panic!("the save did not fail: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// A read-only directory

#[test]
fn a_save_into_a_read_only_directory_fails_and_keeps_everything() {
    let before = to_ron(&small()).into_bytes();
    let (place, file) = match read_only_place("ws.ron", &before) {
        Ok(p) => p,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    println!("read-only directory: {}", place.how);
    let ws = store::load(&file).expect("the file loads");
    let (screen, state) = drive(ws, &file, edit_and_save());
    assert_failed_save(&screen, &state, &file, &before, &place.strays(&file));
}

#[test]
fn the_writer_names_a_read_only_directory() {
    let before = to_ron(&small()).into_bytes();
    let (place, file) = match read_only_place("ws.ron", &before) {
        Ok(p) => p,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let why = writer_error(save_job(&file, big()));
    let lower = why.to_lowercase();
    assert!(
        lower.contains("read-only") || lower.contains("permission denied"),
        "{}: the message does not name the problem: {why}",
        place.how
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    assert!(place.strays(&file).is_empty());
}

// ---------------------------------------------------------------------------------------------
// A full filesystem

#[test]
fn a_save_onto_a_full_filesystem_fails_and_keeps_everything() {
    let before = to_ron(&small()).into_bytes();
    let Some((place, file)) = full_place("ws.ron", &before) else {
        println!("no tmpfs can be mounted here: a parent that is a file stands in for a full disk");
        return not_a_directory_stands_in();
    };
    println!("full filesystem: {}", place.how);
    // The app shows the big workspace for a file that holds the small one: the save must
    // write all of it, which does not fit.
    let (screen, state) = drive(big(), &file, edit_and_save());
    assert_failed_save(&screen, &state, &file, &before, &place.strays(&file));
    assert!(
        screen.contains("No space left") || screen.contains("space"),
        "the status does not say the disk is full:\n{screen}"
    );
}

/// Without a tmpfs: the writer fails because the file's parent is a regular file (ENOTDIR).
fn not_a_directory_stands_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let parent = dir.path().join("not-a-dir");
    std::fs::write(&parent, b"a file").expect("write");
    let file = parent.join("ws.ron");
    let (screen, state) = drive(small(), &file, edit_and_save());
    assert!(screen.contains("save failed"), "{screen}");
    assert!(state.modified());
    assert_eq!(std::fs::read(&parent).expect("read"), b"a file");
    let why = writer_error(save_job(&file, small()));
    assert!(why.to_lowercase().contains("not a directory"), "{why}");
}

#[test]
fn the_writer_names_a_full_filesystem() {
    let before = to_ron(&small()).into_bytes();
    let Some((place, file)) = full_place("ws.ron", &before) else {
        println!("skipped: no tmpfs can be mounted here");
        return;
    };
    let why = writer_error(save_job(&file, big()));
    assert!(
        why.to_lowercase().contains("no space left"),
        "the message does not name the problem: {why}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    assert!(
        place.strays(&file).is_empty(),
        "left behind: {:?}",
        place.strays(&file)
    );
    // The disk has room again once the save gave up: a small save still works.
    let mut smaller = small();
    smaller.title = "still fits".into();
    match perform(save_job(&file, smaller.clone())) {
        Some(Done::Saved { result: Ok(_), .. }) => {}
        other => panic!("a small save after a failed big one: {other:?}"),
    }
    assert_eq!(store::load(&file).expect("loads"), smaller);
}

#[test]
fn a_parent_that_is_a_file_fails_the_save_and_keeps_the_workspace() {
    not_a_directory_stands_in();
}
