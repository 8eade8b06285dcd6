//! End to end: the real `personas` binary in a pseudo-terminal (STYLE idiom 6).
//!
//! Each test spawns the binary in a PTY, types keys as raw bytes, waits for text on the screen
//! as a terminal would show it (parsed by `vt100`, never by matching raw bytes), and checks the
//! file written. HOME and the XDG directories point into a temporary directory, so the real home
//! directory is never touched. A session kills its child when dropped, so a failed test leaves
//! no process behind.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::{BIN, CTRL_S, ESC, Place, Recorder, SPACE, Session};
use personas::model::{Column, Goal, Persona, Workspace};
use personas::store;

/// Runs `personas check FILE` and returns its standard output.
fn check(file: &Path) -> String {
    let out = Command::new(BIN)
        .arg("check")
        .arg(file)
        .output()
        .expect("run personas check");
    assert!(
        out.status.success(),
        "check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn warning_lines(report: &str) -> usize {
    report.lines().filter(|l| l.contains(": warning[")).count()
}

fn coverage_line(report: &str) -> &str {
    report
        .lines()
        .find(|l| l.contains(": coverage "))
        .unwrap_or_else(|| panic!("no coverage line in:\n{report}"))
}

fn load(path: &Path) -> Workspace {
    store::load(path)
        .unwrap_or_else(|e| panic!("{} does not load:\n{}", path.display(), e.render("file")))
}

/// Waits for the board of the bundled example to be drawn.
fn wait_for_example_board(s: &Session) {
    s.wait_for("The Employee");
    s.wait_for("coverage");
}

#[test]
fn a_persona_and_a_goal_added_by_keys_are_saved() {
    let place = Place::new();
    let file = place.path("workshop.ron");
    let mut s = place.spawn(&["workshop.ron"], 40, 120);
    s.wait_for("created on first save");

    s.press("p", "new persona in Users");
    s.press("Ada the Admin", "Ada the Admin");
    // Committing a new persona opens the form of its first goal.
    s.press(CTRL_S, "new goal for Ada the Admin");
    assert!(s.screen().contains("[+] modified"), "{}", s.screen());
    s.press("Close the books in two days", "Close the books in two days");
    s.press(CTRL_S, "add goal \"Close the books in two days\"");
    assert!(s.screen().contains("[+] modified"), "{}", s.screen());

    s.press(CTRL_S, "saved workshop.ron");
    assert!(!s.screen().contains("[+] modified"), "{}", s.screen());
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    assert!(file.exists(), "the file was not created");
    let ws = load(&file);
    let users = ws.column(Column::Users);
    assert_eq!(users.len(), 1, "{users:#?}");
    assert_eq!(users[0].name, "Ada the Admin");
    let goals: Vec<&str> = users[0].goals.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(goals, ["Close the books in two days"]);
    assert!(ws.column(Column::Departments).is_empty() && ws.column(Column::Buyers).is_empty());
}

/// Opens a copy of the example, moves its first goal down (a change) and presses `q`.
fn change_and_ask_to_quit(place: &Place, name: &str) -> Session {
    let mut s = place.spawn(&[name], 40, 120);
    wait_for_example_board(&s);
    // To the first goal (the link lines redraw), then down one.
    s.send_and_wait_change("j");
    s.press("J", "move goal");
    s.press("q", "unsaved changes");
    for answer in [
        "y / Enter save and quit",
        "n quit without saving",
        "Esc stay",
    ] {
        s.wait_for(answer);
    }
    s
}

#[test]
fn quitting_with_unsaved_changes_asks_and_each_answer_does_what_it_says() {
    // Esc stays; then n quits without writing anything.
    let place = Place::new();
    let file = place.example("stay.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = change_and_ask_to_quit(&place, "stay.ron");
    s.press(ESC, "still here");
    assert!(
        !s.screen().contains("quit without saving"),
        "{}",
        s.screen()
    );
    assert!(s.screen().contains("The Employee"), "{}", s.screen());
    assert!(s.is_running(), "Esc must not quit");
    s.press("q", "quit without saving");
    s.send("n");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "n must not write"
    );

    // y saves, then quits.
    let place = Place::new();
    let file = place.example("save.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = change_and_ask_to_quit(&place, "save.ron");
    s.send("y");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_ne!(std::fs::read(&file).expect("read"), before, "y must write");
    let ids: Vec<String> = load(&file).column(Column::Users)[0]
        .goals
        .iter()
        .map(|g| g.id.clone())
        .collect();
    assert_eq!(
        ids,
        ["employee-upsell", "employee-log-calls", "employee-mobile"]
    );
}

#[test]
fn escape_sequences_in_a_name_never_reach_the_terminal() {
    let place = Place::new();
    let name = "Eve\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    let ws = Workspace {
        title: "Hostile".to_string(),
        columns: personas::model::shared([
            vec![Persona {
                id: "eve".to_string(),
                name: name.to_string(),
                goals: vec![Goal {
                    id: "eve-goal".to_string(),
                    text: "Read the board".to_string(),
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            Vec::new(),
            Vec::new(),
        ]),
        conflicts: Vec::new(),
    };
    // The harness itself notices a title change.
    let mut probe = vt100::Parser::new_with_callbacks(4, 20, 0, Recorder::default());
    probe.process(b"\x1b]0;PWNED\x07");
    assert_eq!(probe.callbacks().titles, ["PWNED", "PWNED"]);

    let text = store::to_ron(&ws);
    assert!(!text.contains('\u{1b}'), "to_ron must escape ESC:\n{text}");
    std::fs::write(place.path("hostile.ron"), &text).expect("write");

    let mut s = place.spawn(&["hostile.ron"], 40, 120);
    s.wait_for("Read the board");
    s.wait_for("coverage");
    s.wait_for("Eve␛]0;PWNED␇␛[2J");
    // Move about so the name is drawn again, then look once more.
    s.send_and_wait_change("j");
    s.send_and_wait_change("k");
    assert!(s.screen().contains("Eve␛]0;PWNED␇"), "{}", s.screen());
    assert!(
        !s.titles().iter().any(|t| t.contains("PWNED")),
        "the terminal title was set: {:?}",
        s.titles()
    );
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !s.titles().iter().any(|t| t.contains("PWNED")),
        "the terminal title was set: {:?}",
        s.titles()
    );
}

#[test]
fn linking_the_unlinked_user_goal_through_the_picker_closes_the_gap() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let before = check(&file);
    assert!(coverage_line(&before).contains("coverage 7/8"), "{before}");

    let mut s = place.spawn(&["acme.ron"], 40, 120);
    wait_for_example_board(&s);
    // Users: The Employee, then its goals; the third is the unlinked one. Each move redraws
    // the link lines.
    for _ in 0..3 {
        s.send_and_wait_change("j");
    }
    // The link picker: department goals only, the highlight on the first (Sales').
    s.press(SPACE, "Department goals it can support");
    s.wait_for("Enter link");
    // Filter to Marketing's pipeline goal, link it with Space and close with Esc.
    s.press("pipeline", "filter pipeline");
    s.press(SPACE, "linked: \"Update deals from my phone");
    s.wait_for("Enter unlink");
    s.wait_for("coverage 8/8");
    // The picker closes; only then is Ctrl-s sent (right after Esc it is read as Alt-Ctrl-s).
    s.press_gone(ESC, "Department goals it can support");
    s.press(CTRL_S, "saved acme.ron");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    let after = check(&file);
    assert_eq!(warning_lines(&after), warning_lines(&before) - 1, "{after}");
    assert!(coverage_line(&after).contains("coverage 8/8"), "{after}");
    let ws = load(&file);
    let mobile = &ws.column(Column::Users)[0].goals[2];
    assert_eq!(mobile.id, "employee-mobile");
    assert_eq!(mobile.supports, ["marketing-pipeline"]);
}

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn read_only_changes_nothing_and_quits_without_asking() {
    let place = Place::new();
    let file = place.example("browse.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = place.spawn(&["browse.ron", "--read-only"], 40, 120);
    wait_for_example_board(&s);
    s.wait_for("[read-only]");
    s.send_and_wait_change("j");
    s.press("d", "read-only: cannot delete");
    s.press("p", "read-only: cannot add a persona");
    s.press(CTRL_S, "read-only: cannot save");
    assert!(!s.screen().contains("new persona in"), "{}", s.screen());
    assert!(!s.screen().contains("[+] modified"), "{}", s.screen());
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!s.screen().contains("unsaved changes"), "{}", s.screen());
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let written = files_under(&place.data_dir());
    assert!(written.is_empty(), "read-only wrote {written:?}");
}

#[test]
fn a_file_that_fails_to_load_is_reported_and_left_alone() {
    let place = Place::new();
    let file = place.path("broken.ron");
    let text = "(\n    format: 1,\n    title: \"Broken\"\n    users: [],\n)\n";
    std::fs::write(&file, text).expect("write");
    let expected = Command::new(BIN)
        .arg("check")
        .arg("broken.ron")
        .current_dir(place.dir.path())
        .output()
        .expect("run personas check");
    let expected = String::from_utf8_lossy(&expected.stderr).into_owned();
    let located = expected
        .lines()
        .next()
        .and_then(|l| l.split(": ").next())
        .unwrap_or_else(|| panic!("check printed no location: {expected}"))
        .to_string();

    let mut s = place.spawn(&["broken.ron"], 40, 120);
    let status = s.wait_exit();
    assert!(!status.success(), "exit status {status:?}");
    s.wait_for("broken.ron:");
    let screen = s.screen();
    let line = screen
        .lines()
        .find(|l| l.starts_with("broken.ron:"))
        .unwrap_or_else(|| panic!("no FILE:LINE:COL: line:\n{screen}"));
    let parts: Vec<&str> = line.splitn(4, ':').collect();
    assert!(
        parts.len() == 4 && parts[1].parse::<u32>().is_ok() && parts[2].parse::<u32>().is_ok(),
        "not FILE:LINE:COL: {line:?}"
    );
    assert!(
        line.starts_with(&located),
        "{line:?} vs check's {located:?}"
    );
    assert!(
        !s.entered_alternate_screen(),
        "the board was drawn:\n{screen}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn the_board_and_hint_bar_fit_80_by_24() {
    let place = Place::new();
    place.example("small.ron");
    let mut s = place.spawn(&["small.ron"], 24, 80);
    wait_for_example_board(&s);
    assert!(
        s.entered_alternate_screen(),
        "the board is drawn on the alternate screen"
    );
    let rows = s.rows();
    let screen = rows.join("\n");
    assert!(!screen.contains("too small"), "{screen}");
    for header in ["Users", "Departments", "Buyers"] {
        assert!(screen.contains(header), "no {header}:\n{screen}");
    }
    let hints = rows.last().expect("24 rows");
    assert!(
        hints.contains("help") && hints.contains("quit"),
        "the hint bar is {hints:?}:\n{screen}"
    );
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

// The harness's own rules (tests/common/pty.rs): a test that breaks them fails at once, on any
// machine, instead of now and then on a slow one.

#[test]
#[should_panic(expected = "proves nothing: it was on screen before the keys were sent")]
fn waiting_for_text_already_on_screen_after_a_key_fails() {
    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn(&["acme.ron"], 40, 120);
    wait_for_example_board(&s);
    s.send("?");
    s.wait_for("The Employee");
}

#[test]
#[should_panic(expected = "before the effect of \"\\u{1b}\" was waited for")]
fn a_key_right_after_esc_fails() {
    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn(&["acme.ron"], 40, 120);
    wait_for_example_board(&s);
    s.press("p", "new persona in");
    s.send(ESC);
    s.send(CTRL_S);
}

#[test]
#[should_panic(expected = "has an Esc followed by another key")]
fn esc_and_a_key_in_one_send_fail() {
    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn(&["acme.ron"], 40, 120);
    wait_for_example_board(&s);
    s.send("\x1b\x13");
}
