//! The loop: draw → event → `update` → effects. The only impure part of the app. Generic over
//! ratatui's `Backend`, so tests drive the whole app on a `TestBackend` with scripted events.
//!
//! [`Storage`] is everything the loop does with the disk: the writer thread, the recovery-copy
//! schedule (it needs the clock) and watching the file for changes made by someone else.

mod editor;
mod ending;
pub mod hangup;
pub mod locale;
mod opening;
mod room;
pub mod signals;
mod storage;
pub mod terminal;
pub mod writer;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Effect, Event, State, update};

pub use opening::open_state;
pub use storage::{RECOVERY_DELAY, RECOVERY_EVERY, Storage};
pub use terminal::{Opening, open_app};

/// Where events come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, waiting at most `wait` (then [`Event::Idle`]) when it is given.
    fn next_within(&mut self, wait: Option<Duration>) -> io::Result<Option<Event>> {
        let _ = wait;
        self.next()
    }
    /// The next event; `None` when there are no more (a script ran out).
    fn next(&mut self) -> io::Result<Option<Event>>;
}

/// Effects that touch the terminal itself rather than the screen.
pub trait Host {
    fn set_mouse(&mut self, on: bool);

    /// Hands the terminal to `$EDITOR` on `text` and returns what was saved there.
    fn edit_text(&mut self, text: &str) -> Result<String, String> {
        let _ = text;
        Err("there is no terminal to hand over".into())
    }

    /// Called after each frame is drawn: the screen-reader mode says what the state shows now
    /// (SPEC §13). Other hosts need nothing.
    fn drawn(&mut self, state: &State) {
        let _ = state;
    }
}

/// A host that ignores terminal effects (tests).
pub struct NoHost;

impl Host for NoHost {
    fn set_mouse(&mut self, _on: bool) {}
}

/// Runs until the app quits or the events run out, writing on the caller's thread, with no
/// recovery copies and no watching of the file (what tests on a `TestBackend` want).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut dyn Events,
    host: &mut dyn Host,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut storage = Storage::inline(state);
    run_with(terminal, state, events, host, &mut storage)
}

/// [`run`] with the given storage (recovery copies, writer thread, watching the file).
pub fn run_with<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut dyn Events,
    host: &mut dyn Host,
    storage: &mut Storage,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    update(state, Event::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|f| crate::ui::view(state, f))
            .map_err(io::Error::other)?;
        host.drawn(state);
        // Work left (a search part way through) runs a slice per turn until a key comes.
        let wait = if state.busy() {
            Some(Duration::ZERO)
        } else {
            storage.wait()
        };
        let Some(event) = events.next_within(wait)? else {
            storage.finish();
            return Ok(());
        };
        if event == Event::Idle && state.busy() {
            state.work();
        }
        #[cfg(debug_assertions)]
        debug_panic(&event);
        let mut queue = VecDeque::from([event]);
        loop {
            while let Some(event) = queue.pop_front() {
                for effect in update(state, event) {
                    match effect {
                        Effect::Quit => {
                            storage.quit(state);
                            return Ok(());
                        }
                        Effect::RemoveRecovery => storage.remove_recovery(state),
                        Effect::SetMouse(on) => host.set_mouse(on),
                        Effect::EditText(text) => {
                            queue.push_back(Event::Edited(host.edit_text(&text)));
                            // The editor drew over the screen: draw all of it again. (`resize`
                            // clears without asking the terminal where its cursor is.)
                            let size = terminal.size().map_err(io::Error::other)?;
                            terminal
                                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
                                .map_err(io::Error::other)?;
                        }
                        Effect::Save {
                            path,
                            workspace,
                            state: saved,
                            force,
                        } => storage.save(path, workspace, saved, force),
                        Effect::Reload => queue.push_back(storage.reload(state)),
                        Effect::DiskSeen(seen) => storage.seen(seen),
                        Effect::Room(command) => queue.extend(storage.room(command, state)),
                    }
                }
            }
            queue.extend(storage.poll(state));
            if queue.is_empty() {
                break;
            }
        }
        for event in storage.tick(state) {
            // What tick reports (a recovery copy queued) needs no effect of its own.
            let _ = update(state, event);
        }
    }
}

/// Debug builds only: with `PERSONAS_DEBUG_PANIC=1` in the environment, F12 panics, so the
/// crash dump can be tested end to end. Release builds have no such key.
#[cfg(debug_assertions)]
fn debug_panic(event: &Event) {
    if let Event::Key(k) = event
        && Ok(crate::app::keys::Chord::from_event(k)) == crate::app::keys::Chord::parse("f12")
        && std::env::var_os("PERSONAS_DEBUG_PANIC").is_some()
    {
        panic!("debug panic requested with F12 (PERSONAS_DEBUG_PANIC is set)");
    }
}
