//! The link picker on screen (issue 13): snapshots at 80×24 and 120×40 for a user, a
//! department and a buyer goal of the example, driven through the real loop on a
//! `TestBackend`; and the hint bar naming what Enter does to the highlighted goal.

mod common;

use common::tui::{key, run_script, screen_text, typed};
use personas::app::{Event, Mode, State};
use ratatui::crossterm::event::KeyCode;

/// The screen after `events` on the example, trailing blanks trimmed.
fn shot(width: u16, height: u16, events: Vec<Event>) -> (String, State) {
    let mut state = State::new(personas::store::example(), "acme.ron".into());
    let terminal = run_script(&mut state, width, height, events);
    let text = screen_text(terminal.backend().buffer())
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    (text, state)
}

/// The keys that open the picker on the first goal of the first persona of a column.
fn open_in(column: usize) -> Vec<Event> {
    let mut events: Vec<Event> = (0..column).map(|_| key(KeyCode::Right)).collect();
    events.extend(typed("j "));
    events
}

fn picker_shot(width: u16, height: u16, column: usize) -> String {
    let (text, state) = shot(width, height, open_in(column));
    assert!(matches!(state.mode, Mode::LinkPicker(_)), "{text}");
    assert!(text.contains("[x]") && text.contains("[ ]"), "{text}");
    text
}

#[test]
fn picker_on_a_user_goal_80x24() {
    let text = picker_shot(80, 24, 0);
    assert!(text.contains("department layer"), "{text}");
    assert!(!text.contains("Buyer goals"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn picker_on_a_user_goal_120x40() {
    insta::assert_snapshot!(picker_shot(120, 40, 0));
}

#[test]
fn picker_on_a_department_goal_80x24() {
    let text = picker_shot(80, 24, 1);
    assert!(text.contains("Buyer goals it can support"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn picker_on_a_department_goal_120x40() {
    let text = picker_shot(120, 40, 1);
    assert!(text.contains("Buyer goals it can support"), "{text}");
    assert!(text.contains("User goals that can support it"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn picker_on_a_buyer_goal_80x24() {
    insta::assert_snapshot!(picker_shot(80, 24, 2));
}

#[test]
fn picker_on_a_buyer_goal_120x40() {
    let text = picker_shot(120, 40, 2);
    assert!(
        text.contains("Department goals that can support it"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn the_hint_bar_says_enter_link_or_enter_unlink() {
    // The first department goal listed for "Log every customer call" is linked already.
    let (text, _) = shot(120, 40, open_in(0));
    let hints = text.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("Enter unlink"), "{hints}");
    let mut events = open_in(0);
    events.push(key(KeyCode::Down));
    let (text, _) = shot(120, 40, events);
    let hints = text.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("Enter link"), "{hints}");
    assert!(hints.contains("Esc close"), "{hints}");
}

#[test]
fn the_status_bar_shows_the_workspace_title() {
    let (text, _) = shot(120, 40, Vec::new());
    let status = text.lines().nth(38).unwrap_or_default().to_string();
    assert!(status.contains("acme.ron Acme CRM"), "{status}");
}
