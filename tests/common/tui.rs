//! Driving the whole app on a ratatui `TestBackend` with a script of events (STYLE idiom 5),
//! shared by the screen tests.
#![allow(dead_code)] // each test file uses part of it

use std::collections::VecDeque;
use std::io;

use personas::app::{Event, State};
use personas::run::{Events, NoHost, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr as _;

/// Events from a script; `None` once it runs out, so `run` returns after drawing the last frame.
pub struct Script(pub VecDeque<Event>);

impl Events for Script {
    fn next(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

pub fn key(code: KeyCode) -> Event {
    key_with(code, KeyModifiers::NONE)
}

pub fn key_with(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// Keys typed as text: `"jjJq"` is j, j, J, q. Upper-case letters carry Shift, as a terminal
/// sends them.
pub fn typed(keys: &str) -> Vec<Event> {
    keys.chars()
        .map(|c| {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            key_with(KeyCode::Char(c), mods)
        })
        .collect()
}

/// Runs the real loop on a `width`×`height` test terminal through `events`; returns the
/// terminal (for its buffer).
pub fn run_script(
    state: &mut State,
    width: u16,
    height: u16,
    events: Vec<Event>,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    run(
        &mut terminal,
        state,
        &mut Script(events.into()),
        &mut NoHost,
    )
    .expect("the app runs");
    terminal
}

/// The screen as a terminal shows it, one line a row: the cell after a wide character is hidden
/// by it and skipped (a `TestBackend` may keep a stale symbol there from an earlier frame).
pub fn screen_text(buf: &Buffer) -> String {
    let width = usize::from(buf.area.width).max(1);
    buf.content
        .chunks(width)
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0usize;
            for cell in cells {
                if skip > 0 {
                    skip -= 1;
                } else {
                    row.push_str(cell.symbol());
                    skip = cell.symbol().width().saturating_sub(1);
                }
            }
            row
        })
        .collect::<Vec<_>>()
        .join("\n")
}
