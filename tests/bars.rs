//! What a newcomer reads around the board (issue 12): the hint bar keeps save and undo at 80
//! columns, read-only hints only keys that work, a long message wraps instead of being cut,
//! the Gaps view starts on a finding, the detail pane fits 80×24 and follows the Chains and
//! Gaps views, and search results say whose goal each is and how many were left out.

mod common;

use std::path::PathBuf;

use common::tui::{key, run_script, screen_text, typed};
use personas::app::{Event, State, Tone};
use ratatui::crossterm::event::KeyCode;

fn example_state() -> State {
    State::new(personas::store::example(), PathBuf::from("acme.ron"))
}

fn screen_after(mut state: State, w: u16, h: u16, events: Vec<Event>) -> (State, Vec<String>) {
    let terminal = run_script(&mut state, w, h, events);
    let text = screen_text(terminal.backend().buffer());
    (
        state,
        text.lines().map(|l| l.trim_end().to_string()).collect(),
    )
}

#[test]
fn the_hint_bar_at_80_columns_keeps_save_undo_help_and_quit() {
    let (_, rows) = screen_after(example_state(), 80, 24, vec![]);
    let hints = rows.last().expect("rows");
    for needed in ["Ctrl-s save", "u undo", "? help", "q quit"] {
        assert!(hints.contains(needed), "{needed:?} missing: {hints:?}");
    }
    // The form's keeps Ctrl-s.
    let (_, rows) = screen_after(example_state(), 80, 24, typed("e"));
    let hints = rows.last().expect("rows");
    assert!(hints.contains("Ctrl-s save"), "{hints:?}");
}

#[test]
fn read_only_hints_only_keys_that_work() {
    let mut state = example_state();
    state.read_only = true;
    let (_, rows) = screen_after(state, 120, 40, vec![]);
    let hints = rows.last().expect("rows");
    for gone in ["edit", "persona", "link", "delete", "undo", "save"] {
        assert!(
            !hints.split("  ").any(|h| h.ends_with(gone)),
            "{gone:?} hinted in read-only: {hints:?}"
        );
    }
    assert!(
        hints.contains("help") && hints.contains("quit"),
        "{hints:?}"
    );
}

#[test]
fn a_long_message_wraps_onto_a_second_line_at_a_word() {
    let mut state = example_state();
    let long = "the file changed on disk since it was opened: nothing was written, press \
                Ctrl-s again to choose overwrite or reload";
    state.say(Tone::Warning, long);
    let (_, rows) = screen_after(state, 80, 24, vec![]);
    let status = &rows[rows.len() - 3..rows.len() - 1];
    let first = status[0].replace("coverage 7/8", "");
    let joined = format!("{first} {}", status[1]);
    let words: Vec<&str> = joined.split_whitespace().collect();
    let shown = words.join(" ");
    assert!(
        shown.contains(long),
        "the whole message in two lines: {status:?}"
    );
    // (The workspace title before it is cut to its share of the bar.)
    let message = status[0]
        .split_once("B… ")
        .map_or(status[0].as_str(), |(_, m)| m);
    assert!(!message.contains('…'), "not cut: {status:?}");
    assert!(
        status[0].contains("coverage"),
        "the coverage figure stays: {status:?}"
    );
    // The board gave up one line for it; the hint bar is still the last line.
    assert!(rows[rows.len() - 1].contains("help"), "{rows:?}");
}

#[test]
fn the_gaps_view_starts_on_a_finding_not_a_heading() {
    let (state, _) = screen_after(example_state(), 120, 40, typed("3"));
    let lines = &state.doc.derived().gap_lines;
    assert!(lines[0].heading, "the example's gaps begin with a heading");
    assert!(!lines[state.views.gaps.cursor].heading);
}

#[test]
fn the_detail_pane_fits_80x24_and_follows_the_list_views() {
    // A department goal with links both ways: both lists are on screen.
    let (_, rows) = screen_after(example_state(), 80, 24, typed("lji"));
    let screen = rows.join("\n");
    assert!(screen.contains("supports (] goes there)"), "{screen}");
    assert!(screen.contains("supported by ([ goes there)"), "{screen}");
    assert!(screen.contains("↓ Log every customer call"), "{screen}");
    // Shift-↓ scrolls the pane: its first line (the goal's text) goes off its top.
    let mut keys = typed("lji");
    keys.push(common::tui::key_with(
        KeyCode::Down,
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    ));
    let (_, scrolled) = screen_after(example_state(), 80, 24, keys);
    let first = |rows: &[String]| {
        rows.iter()
            .position(|r| r.contains("department goal"))
            .and_then(|at| rows.get(at + 1).cloned())
            .unwrap_or_default()
    };
    assert_ne!(first(&rows), first(&scrolled), "{}", scrolled.join("\n"));
    // In the Chains view, i shows the item of the selected line.
    let (_, rows) = screen_after(example_state(), 120, 40, typed("2ji"));
    let screen = rows.join("\n");
    assert!(screen.contains(" department goal "), "{screen}");
    // In the Gaps view, the pane shows the selected finding's goal (its id is in the pane only).
    let (_, rows) = screen_after(example_state(), 120, 40, typed("3i"));
    let screen = rows.join("\n");
    assert!(screen.contains(" user goal "), "{screen}");
    assert!(screen.contains("id: employee-mobile"), "{screen}");
    let (_, rows) = screen_after(example_state(), 120, 40, typed("3"));
    assert!(!rows.join("\n").contains("id: employee-mobile"));
}

#[test]
fn search_results_name_persona_and_column_and_a_capped_list_says_so() {
    let (_, rows) = screen_after(example_state(), 120, 40, typed("/grow"));
    let screen = rows.join("\n");
    let line = |text: &str| {
        rows.iter()
            .find(|r| r.contains(text) && r.contains(" — "))
            .unwrap_or_else(|| panic!("{text:?} not listed:\n{screen}"))
            .clone()
    };
    // Each goal's column and persona are on its line, however long its text.
    let sales = line("Grow new-business revenue");
    assert!(
        sales.contains("department goal") && sales.contains("— Sales"),
        "{sales}"
    );
    let buyer = line("Grow annual revenue");
    assert!(
        buyer.contains("buyer") && buyer.contains("— Executive Leadership"),
        "{buyer}"
    );
    let ws = personas::model::generate::generate(personas::model::generate::Size::M, 7);
    let mut state = State::new(ws, PathBuf::from("m.ron"));
    state.size = (120, 40);
    let mut events = vec![key(KeyCode::Char('/'))];
    events.extend(typed("e"));
    let (mut state, _) = screen_after(state, 120, 40, events);
    // The search runs a slice per idle turn of the loop: let it finish.
    while state.busy() {
        state.work();
    }
    let (state, rows) = screen_after(state, 120, 40, vec![]);
    let screen = rows.join("\n");
    let personas::app::Mode::Search(search) = &state.mode else {
        panic!("searching");
    };
    assert!(search.total > 200, "the query matches more than the cap");
    assert!(
        screen.contains(&format!("first 200 of {} matches", search.total)),
        "{screen}"
    );
}
