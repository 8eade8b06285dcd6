//! Screen-reader mode (SPEC §13) with the real binary in a pseudo-terminal: no alternate
//! screen, no box drawing, no colour, and after each key the line at the cursor says where the
//! cursor is, in full.

mod common;

use common::pty::{CTRL_S, ESC, Place, SPACE, Session};

const ROWS: u16 = 40;
/// Wide enough that a whole sentence stays on one row of the screen.
const COLS: u16 = 600;

/// The row the terminal's cursor is on, and whether the cursor is at its end.
fn cursor_line(s: &Session) -> (String, bool) {
    s.with_screen(|screen| {
        let (row, col) = screen.cursor_position();
        let line = screen
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default();
        let at_end = usize::from(col) == unicode_width::UnicodeWidthStr::width(line.as_str());
        (line, at_end)
    })
}

/// Types `keys` (nothing: the first line after start), waits until text holding `expect` is
/// written after them (new output, never what was there before), and returns the line at the
/// cursor once it holds `expect`.
fn press(s: &mut Session, keys: &str, expect: &str) -> String {
    let before = s.recorded(|r| r.raw.len());
    if !keys.is_empty() {
        s.send(keys);
    }
    let mut found = String::new();
    s.wait_until(&format!("a line {expect:?} after {keys:?}"), |s| {
        let new = s.recorded(|r| String::from_utf8_lossy(&r.raw[before..]).into_owned());
        let (line, at_end) = cursor_line(s);
        let done = new.contains(expect) && line.contains(expect) && at_end;
        if done {
            found = line;
        }
        done
    });
    found
}

/// Types one key and waits until something new is written (a letter typed into a field).
fn type_key(s: &mut Session, key: &str) {
    let before = s.recorded(|r| r.raw.len());
    s.send(key);
    s.wait_until(&format!("output after {key:?}"), |s| {
        s.recorded(|r| r.raw.len()) > before
    });
}

#[test]
fn every_key_leaves_a_sentence_at_the_cursor_and_nothing_is_drawn() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let mut s = place.spawn(&["--screen-reader", "acme.ron"], ROWS, COLS);
    let line = press(&mut s, "", "Persona 1 of 3 in Users: The Employee");
    assert!(line.contains("3 goals."), "{line}");

    // Move: the goal in full, with its metric, what it supports and its place.
    let line = press(
        &mut s,
        "j",
        "Goal 1 of 8 in Users, persona The Employee: Log every customer call in under a minute.",
    );
    assert!(
        line.contains("Measured by: Median seconds per call log."),
        "{line}"
    );
    assert!(
        line.contains("Supports 1: Grow new-business revenue 20% this year (of Sales)."),
        "{line}"
    );
    press(&mut s, "j", "Goal 2 of 8 in Users");
    let line = press(&mut s, "j", "Goal 3 of 8 in Users");
    assert!(
        line.ends_with("Supports nothing. Finding: unlinked user goal."),
        "{line}"
    );
    press(&mut s, "k", "Goal 2 of 8 in Users");
    press(&mut s, "k", "Goal 1 of 8 in Users");

    // Open the goal: the form says its first field, labelled, with what it holds.
    let line = press(&mut s, "e", "Field 1 of ");
    assert!(
        line.contains("Log every customer call in under a minute"),
        "{line}"
    );
    press(&mut s, ESC, "Goal 1 of 8 in Users");

    // Link through the picker: the highlighted goal, linked or not; Enter unlinks it.
    let line = press(&mut s, SPACE, "Link picker, goal 1 of ");
    assert!(
        line.contains(", linked: Grow new-business revenue 20% this year."),
        "{line}"
    );
    let line = press(&mut s, "\x1b[B", "Link picker, goal 2 of ");
    assert!(line.contains("not linked"), "{line}");
    let line = press(&mut s, "\r", "Goal 1 of 8 in Users");
    assert!(
        line.contains("Supports 2: "),
        "linked a second goal: {line}"
    );

    // Search: one match a line; Enter jumps to it on the board.
    press(&mut s, "/", "Search");
    for letter in ["p", "h", "o", "n"] {
        type_key(&mut s, letter);
    }
    let line = press(&mut s, "e", "Search phone: match 1 of ");
    assert!(
        line.contains("Update deals from my phone between visits."),
        "{line}"
    );
    press(
        &mut s,
        "\r",
        "Goal 3 of 8 in Users, persona The Employee: Update deals from my phone",
    );

    // Save: the message is a line of its own.
    press(&mut s, CTRL_S, "Message: saved acme.ron");
    let saved = personas::store::load(&file).expect("saved file loads");
    let log = saved
        .goals()
        .find(|(_, _, g)| g.id == "employee-log-calls")
        .expect("the goal");
    assert_eq!(
        log.2.supports.len(),
        2,
        "the link made in the picker was saved"
    );

    let raw = s.recorded(|r| r.raw.clone());
    assert!(
        !s.entered_alternate_screen(),
        "the alternate screen was entered"
    );
    assert!(!raw.windows(8).any(|w| w == b"\x1b[?1049h"));
    let text = String::from_utf8_lossy(&raw);
    let drawn: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259f}').contains(c) || matches!(c, '◆' | '◇' | '●'))
        .collect();
    assert!(drawn.is_empty(), "box drawing or marks written: {drawn:?}");
    assert!(
        !text.contains("\x1b[38;") && !text.contains("\x1b[48;"),
        "colour written"
    );
}

#[test]
fn the_environment_variable_turns_it_on_and_help_is_plain_text() {
    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn_env(
        &["acme.ron"],
        ROWS,
        COLS,
        &[("PERSONAS_SCREEN_READER", "1")],
    );
    press(&mut s, "", "Persona 1 of 3 in Users: The Employee");
    let before = s.recorded(|r| r.raw.len());
    press(&mut s, "?", "m turns capture off and on");
    let help = s.recorded(|r| String::from_utf8_lossy(&r.raw[before..]).into_owned());
    assert!(
        help.contains("Help. Escape closes it.\r\nHow the chain works"),
        "{help}"
    );
    assert!(help.contains("Down, j"), "{help}");
    let symbols: Vec<char> = help
        .chars()
        .filter(
            |c| matches!(c, '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{259f}' | '◆' | '◇' | '●'),
        )
        .collect();
    assert!(symbols.is_empty(), "help says {symbols:?}");
    assert!(!s.entered_alternate_screen());
}
