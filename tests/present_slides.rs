//! Presenter mode (SPEC §12) on a `TestBackend`: each kind of slide at 80×24 and 120×40 as text
//! snapshots, a chain that goes on to a continuation slide, a 300-character goal, and every goal
//! of every chain shown whole on some slide.

mod common;

use std::path::PathBuf;

use common::tui::{key, run_script, screen_text, typed};
use personas::app::present::{Deck, Screen, SlideKind};
use personas::app::{Event, State};
use personas::model::{Column, Goal, LinkIndex, Persona, Workspace};
use ratatui::crossterm::event::KeyCode;

fn example() -> Workspace {
    personas::store::example()
}

/// The screen after `P` and then `keys`, on a `width`×`height` terminal.
fn slide_screen(ws: Workspace, width: u16, height: u16, keys: Vec<Event>) -> String {
    let mut state = State::new(ws, PathBuf::from("acme.ron"));
    let mut events = typed("P");
    events.extend(keys);
    let terminal = run_script(&mut state, width, height, events);
    screen_text(terminal.backend().buffer())
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn right(n: usize) -> Vec<Event> {
    (0..n).map(|_| key(KeyCode::Right)).collect()
}

#[test]
fn look() {
    for n in 0..4 {
        println!("{}\n-----", slide_screen(example(), 80, 24, right(n)));
    }
    println!("{}\n-----", slide_screen(example(), 120, 40, right(1)));
    println!(
        "{}\n-----",
        slide_screen(example(), 80, 24, vec![key(KeyCode::End)])
    );
}
