//! Private stays private (SPEC §7), end to end: after a session with an edit, a recovery copy,
//! a save with its backup and an `$EDITOR` edit, run under umask 022, every directory the app
//! made or uses in the data directory is 0700 and every file 0600 (one made 0755 by an older
//! version is mended). Also: a workspace with other hard links is warned about when opened, and a
//! file name holding an escape sequence never reaches the terminal raw.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use common::editor::{FakeEditor, open_the_first_summary};
use common::pty::{CTRL_S, Place};

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .expect("stat")
        .permissions()
        .mode()
        & 0o7777
}

/// Every directory and file under `dir` (itself included), with its mode.
fn modes_under(dir: &Path) -> Vec<(String, u32)> {
    let mut found = vec![(dir.display().to_string(), mode(dir))];
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(modes_under(&path));
        } else {
            found.push((path.display().to_string(), mode(&path)));
        }
    }
    found
}

#[test]
fn everything_the_app_keeps_is_private_whatever_the_umask() {
    // The child inherits this test binary's umask; 022 is the common one that made 0644 files.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
    let place = Place::new();
    // An older version made the data directory and its recovery directory 0755, a copy 0644.
    let data = place.data_dir().join("personas");
    let old_recovery = data.join("recovery");
    std::fs::create_dir_all(&old_recovery).expect("mkdir");
    for dir in [&data, &old_recovery] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let old_copy = old_recovery.join("old.ron-0000000000000000.ron");
    std::fs::write(&old_copy, "(title: \"old\")").expect("write");
    std::fs::set_permissions(&old_copy, std::fs::Permissions::from_mode(0o644)).expect("chmod");

    let editor = FakeEditor::new(place.path("tools"), "editor.sh", "Written in the editor\n");
    let file = place.example("acme.ron");
    let mut s = place.spawn_env(
        &[&file.to_string_lossy()],
        30,
        120,
        &[("VISUAL", &editor.command())],
    );
    open_the_first_summary(&mut s);
    s.press("\x05", "text from $EDITOR is in the form"); // Ctrl-e
    s.press(CTRL_S, "edit persona");
    let copy = place.wait_for_recovery(&file);
    assert_eq!(mode(&copy), 0o600, "the recovery copy");
    s.press(CTRL_S, "saved acme.ron");
    s.send("q");
    assert!(s.wait_exit().success());

    assert_eq!(
        editor.modes_seen(),
        ["600", "700"],
        "the $EDITOR file and its directory"
    );
    let backups: Vec<_> = std::fs::read_dir(data.join("backups"))
        .expect("a backup was made")
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1, "one backup of the first save");
    let kept = modes_under(&data);
    assert!(
        kept.iter().any(|(p, _)| p.ends_with(".lock")),
        "the lock file is checked too: {kept:?}"
    );
    for (path, m) in &kept {
        let want = if Path::new(path).is_dir() {
            0o700
        } else {
            0o600
        };
        assert_eq!(
            *m, want,
            "{path} is {m:o}; everything kept is private: {kept:?}"
        );
    }
    // The workspace itself keeps the mode it had.
    assert_eq!(mode(&file), 0o644);
}

#[test]
fn a_workspace_with_other_hard_links_is_warned_about_when_opened() {
    let place = Place::new();
    let file = place.example("acme.ron");
    std::fs::hard_link(&file, place.path("copy-for-the-team.ron")).expect("hard link");
    let mut s = place.spawn(&[&file.to_string_lossy()], 30, 120);
    s.wait_for("has 1 other hard link");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_not_run() {
    let place = Place::new();
    let name = "bad\u{1b}]0;pwned\u{7}.ron";
    std::fs::write(place.path(name), "(title: \"unclosed").expect("write");
    let mut s = place.spawn(&[name], 30, 120);
    s.wait_for("bad␛]0;pwned␇.ron");
    assert!(!s.wait_exit().success());
    assert!(
        s.titles().is_empty(),
        "the name set the window title: {:?}",
        s.titles()
    );
    let raw = s.recorded(|r| r.raw.clone());
    assert!(
        !raw.windows(4).any(|w| w == b"\x1b]0;"),
        "an OSC sequence from the file name reached the terminal"
    );
}
