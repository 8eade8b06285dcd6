//! End to end: recovery copies with the real `personas` binary in a pseudo-terminal.
//!
//! An edit makes the app write a recovery copy to `$XDG_DATA_HOME/personas/recovery/` (about
//! 2 s after the change); a killed process leaves it behind, and reopening the file offers to
//! restore (`r`) or discard (`d`) it. A clean quit removes it, and a crash (the debug-only F12
//! panic) restores the terminal and dumps the unsaved workspace to it. Screens are read through
//! `vt100`, never by matching raw bytes. HOME and the XDG directories live in a temp dir; a
//! session kills its child when dropped.

mod common;

use std::path::{Path, PathBuf};

use common::pty::{CTRL_S, ESC, F12, Place, Session};
use personas::store;

const ROWS: u16 = 30;
const COLS: u16 = 100;

fn wait_for_board(s: &Session) {
    s.wait_for("The Employee");
    s.wait_for("coverage");
}

/// Adds a persona called `name` in the selected column and waits until it is on the board.
fn add_persona(s: &mut Session, name: &str) {
    s.press("p", "new persona in");
    s.press(name, name);
    // The persona's first goal form opens; Esc there adds no goal.
    s.press(CTRL_S, &format!("new goal for {name}"));
    s.press(ESC, "no goal added: the persona is saved");
    assert!(s.screen().contains("[+] modified"), "{}", s.screen());
}

/// Opens `name`, adds "Recovered Person", waits for the recovery copy, and SIGKILLs the app.
/// Returns the recovery file.
fn edit_and_kill(place: &Place, file: &Path, name: &str) -> PathBuf {
    let mut s = place.spawn(&[name], ROWS, COLS);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(file);
    s.sigkill();
    assert!(copy.exists(), "a killed app leaves its recovery copy");
    copy
}

/// Reopens `name` and waits for the recovery prompt.
fn reopen_with_prompt(place: &Place, name: &str) -> Session {
    let s = place.spawn(&[name], ROWS, COLS);
    s.wait_for("recovery copy found");
    s.wait_for("r restore");
    s.wait_for("d discard");
    s.wait_for("1 persona(s)");
    s
}

fn persona_names(path: &Path) -> Vec<String> {
    let ws = store::load(path).expect("load");
    ws.personas().map(|(_, p)| p.name.clone()).collect()
}

#[test]
fn restore_after_sigkill_shows_the_edit_and_leaves_the_file_alone() {
    let place = Place::new();
    let file = place.example("restore.ron");
    let before = std::fs::read(&file).expect("read");
    let copy = edit_and_kill(&place, &file, "restore.ron");
    assert!(persona_names(&copy).contains(&"Recovered Person".to_string()));
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "killed before saving"
    );

    let mut s = reopen_with_prompt(&place, "restore.ron");
    s.press("r", "restored the recovery copy");
    s.wait_for("Recovered Person");
    s.wait_for("[+] modified");
    assert!(
        !s.screen().contains("recovery copy found"),
        "{}",
        s.screen()
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "restoring must not write the file"
    );
}

#[test]
fn discard_after_sigkill_shows_the_file_and_removes_the_copy() {
    let place = Place::new();
    let file = place.example("discard.ron");
    let before = std::fs::read(&file).expect("read");
    let copy = edit_and_kill(&place, &file, "discard.ron");

    let mut s = reopen_with_prompt(&place, "discard.ron");
    s.press("d", "recovery copy discarded");
    let screen = s.screen();
    assert!(screen.contains("The Employee"), "{screen}");
    assert!(!screen.contains("Recovered Person"), "{screen}");
    assert!(!screen.contains("[+] modified"), "{screen}");
    assert!(!screen.contains("recovery copy found"), "{screen}");
    assert!(!copy.exists(), "d must remove {}", copy.display());
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn a_clean_quit_removes_the_recovery_copy() {
    let place = Place::new();

    // q n: quit without saving.
    let file = place.example("quit_n.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = place.spawn(&["quit_n.ron"], ROWS, COLS);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(&file);
    s.press("q", "quit without saving");
    s.send("n");
    assert!(s.wait_exit().success());
    assert!(!copy.exists(), "q n must remove {}", copy.display());
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "n must not write"
    );

    // q y: save and quit.
    let file = place.example("quit_y.ron");
    let mut s = place.spawn(&["quit_y.ron"], ROWS, COLS);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(&file);
    s.press("q", "save and quit");
    s.send("y");
    assert!(s.wait_exit().success());
    assert!(!copy.exists(), "q y must remove {}", copy.display());
    assert!(persona_names(&file).contains(&"Recovered Person".to_string()));
    assert!(
        place.recovery_files().is_empty(),
        "{:?}",
        place.recovery_files()
    );
}

#[test]
fn a_panic_restores_the_terminal_and_dumps_the_unsaved_work() {
    let place = Place::new();
    let file = place.example("crash.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = place.spawn_env(&["crash.ron"], ROWS, COLS, &[("PERSONAS_DEBUG_PANIC", "1")]);
    wait_for_board(&s);
    assert!(
        s.with_screen(|sc| sc.alternate_screen()),
        "board on the alternate screen"
    );
    add_persona(&mut s, "Crash Person");
    // Usually the 2 s delay has not passed yet; if it has, remove the periodic copy, so the one
    // checked below can only come from the crash dump.
    let copy = store::recovery::recovery_path(&place.recovery_dir(), &file);
    store::recovery::remove(&copy).expect("remove an early copy");
    s.send(F12);
    let status = s.wait_exit();
    assert!(!status.success(), "a panic must fail");
    assert_eq!(status.exit_code(), 101, "{status:?}");

    // The message is the last thing written; once it is on screen, the output is processed.
    s.wait_for("your unsaved work is in");
    s.wait_for("press r to restore it");
    let (alternate, hidden, screen) =
        s.with_screen(|sc| (sc.alternate_screen(), sc.hide_cursor(), sc.contents()));
    assert!(!alternate, "still on the alternate screen:\n{screen}");
    assert!(!hidden, "the cursor is still hidden:\n{screen}");
    assert!(screen.contains("crashed"), "{screen}");

    assert!(
        copy.exists(),
        "no recovery copy at {}:\n{screen}",
        copy.display()
    );
    let names = persona_names(&copy);
    assert!(names.contains(&"Crash Person".to_string()), "{names:?}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "a crash must not write the file"
    );
}
