//! Signals end a session without losing work (SPEC §7, issue 11.3), with the real binary in a
//! pseudo-terminal: SIGHUP, SIGTERM, SIGINT and SIGQUIT sent right after an unsaved edit (well
//! inside the 2 s before a periodic recovery copy) leave a recovery copy holding the edit, the
//! exit status is 128 + the signal's number (an exit, not a death by the signal), the terminal's
//! mode after exit is the one before start (`stty -g` on the PTY device), the alternate screen
//! and mouse reporting are off, the lock is gone, and reopening offers `r`, which restores it.

mod common;

use std::path::Path;

use common::pty::{Place, Session, stty_mode};
use personas::store;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const NAME: &str = "Signal Survivor";

fn wait_for_board(s: &Session) {
    s.wait_for("The Employee");
    s.wait_for("coverage");
}

/// Adds a persona called `name` and waits until the board shows it, modified.
fn add_persona(s: &mut Session, name: &str) {
    s.press("p", "new persona in");
    s.press(name, name);
    s.press(common::pty::CTRL_S, &format!("add persona \"{name}\""));
    s.wait_for("[+] modified");
}

fn persona_names(path: &Path) -> Vec<String> {
    let ws = store::load(path).expect("load");
    ws.personas().map(|(_, p)| p.name.clone()).collect()
}

/// Spawns `personas FILE` and returns the session with the terminal's mode before it started.
fn spawn(place: &Place, name: &str) -> (Session, String) {
    let mut mode = String::new();
    let s = place.spawn_watched(&[name], ROWS, COLS, &[], &mut |tty| mode = stty_mode(tty));
    assert!(!mode.is_empty(), "the PTY has no device name");
    (s, mode)
}

fn edit_then_signal(signal: &str, number: u32) {
    let place = Place::new();
    let file = place.example("sig.ron");
    let before = std::fs::read(&file).expect("read");
    let (mut s, mode_before) = spawn(&place, "sig.ron");
    wait_for_board(&s);
    add_persona(&mut s, NAME);
    let copy = store::recovery::recovery_path(&place.recovery_dir(), &file);
    assert!(
        !copy.exists(),
        "a recovery copy already exists; the edit was meant to be younger than the delay"
    );
    s.signal(signal);
    let status = s.wait_exit();
    assert_eq!(
        status.signal(),
        None,
        "SIG{signal} killed the program instead of ending it"
    );
    assert_eq!(status.exit_code(), 128 + number, "{status:?}");

    assert!(copy.exists(), "no recovery copy after SIG{signal}");
    assert!(persona_names(&copy).contains(&NAME.to_string()));
    assert_eq!(std::fs::read(&file).expect("read"), before, "not saved");

    let tty = s.tty().expect("tty").to_path_buf();
    assert_eq!(stty_mode(&tty), mode_before, "the terminal's mode changed");
    s.wait_for("press r to restore it");
    let (alternate, mouse, hidden) = s.with_screen(|sc| {
        (
            sc.alternate_screen(),
            sc.mouse_protocol_mode(),
            sc.hide_cursor(),
        )
    });
    assert!(!alternate, "still on the alternate screen");
    assert_eq!(mouse, vt100::MouseProtocolMode::None, "mouse reporting on");
    assert!(!hidden, "the cursor is still hidden");

    // Reopened: no warning about another instance, the copy is offered and restores the edit.
    let mut again = place.spawn(&["sig.ron"], ROWS, COLS);
    again.wait_for("recovery copy found");
    assert!(
        !again.screen().contains("already open"),
        "{}",
        again.screen()
    );
    again.press("r", "restored the recovery copy");
    again.wait_for(NAME);
    again.wait_for("[+] modified");
}

#[test]
fn sighup_keeps_the_edit_and_the_terminal() {
    edit_then_signal("HUP", 1);
}

#[test]
fn sigint_keeps_the_edit_and_the_terminal() {
    edit_then_signal("INT", 2);
}

#[test]
fn sigquit_keeps_the_edit_and_the_terminal() {
    edit_then_signal("QUIT", 3);
}

#[test]
fn sigterm_keeps_the_edit_and_the_terminal() {
    edit_then_signal("TERM", 15);
}

#[test]
fn a_signal_without_unsaved_changes_leaves_no_copy() {
    let place = Place::new();
    let file = place.example("clean.ron");
    let (mut s, mode_before) = spawn(&place, "clean.ron");
    wait_for_board(&s);
    s.signal("TERM");
    let status = s.wait_exit();
    assert_eq!((status.signal(), status.exit_code()), (None, 128 + 15));
    s.wait_for("no unsaved changes");
    assert!(place.recovery_files().is_empty());
    let tty = s.tty().expect("tty").to_path_buf();
    assert_eq!(stty_mode(&tty), mode_before);
    let again = place.spawn(&["clean.ron"], ROWS, COLS);
    wait_for_board(&again);
    assert!(!again.screen().contains("already open"));
    assert!(file.exists());
}
