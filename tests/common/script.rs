//! The real loop (`run_with`) on a `TestBackend`, fed a script: events, things done to the world
//! outside the app (a colleague changing the file), and time passing.

#![allow(dead_code)] // each test file uses part of the harness

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use personas::app::{Event, State};
use personas::run::{Events, NoHost, Storage, run_with};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One step of a script: an event, or something done to the world outside the app.
pub enum Step {
    Ev(Event),
    Do(Box<dyn FnOnce()>),
    /// Lets time pass (the loop watches the file once a second).
    Wait(Duration),
}

struct Script(VecDeque<Step>);

impl Events for Script {
    fn next(&mut self) -> io::Result<Option<Event>> {
        loop {
            match self.0.pop_front() {
                None => return Ok(None),
                Some(Step::Ev(e)) => return Ok(Some(e)),
                Some(Step::Do(f)) => f(),
                Some(Step::Wait(d)) => {
                    std::thread::sleep(d);
                    return Ok(Some(Event::Idle));
                }
            }
        }
    }
}

/// Runs the loop over `steps` on a `width`×`height` screen to the script's end; returns the
/// screen's text.
pub fn run_steps(
    state: &mut State,
    storage: &mut Storage,
    (width, height): (u16, u16),
    steps: Vec<Step>,
) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    run_with(
        &mut terminal,
        state,
        &mut Script(steps.into()),
        &mut NoHost,
        storage,
    )
    .expect("runs");
    super::tui::screen_text(terminal.backend().buffer())
}
