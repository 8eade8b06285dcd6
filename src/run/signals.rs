//! The signals that end a session (SPEC §7): SIGHUP (the terminal window closed, the ssh link
//! dropped), SIGTERM, SIGINT and SIGQUIT. A thread of signal-hook's receives them and records the
//! first; the event loop sees it within one poll slice and ends, so the terminal code can write
//! the recovery copy, restore the terminal, release the lock and exit with 128 + the number.
//!
//! While `$EDITOR` has the terminal, SIGINT and SIGQUIT typed there (Ctrl-C, Ctrl-\) reach every
//! process of the foreground group; they are the editor's, and personas ignores them.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// The signals handled, in the order they are named in messages.
pub const HANDLED: [i32; 4] = [SIGHUP, SIGTERM, SIGINT, SIGQUIT];

/// What the signal thread has seen, shared with the loop.
#[derive(Clone, Default)]
pub struct Received {
    signal: Arc<AtomicI32>,
    editor: Arc<AtomicBool>,
}

impl Received {
    /// Starts receiving the handled signals; from now on they no longer end the process by
    /// themselves. `None` when they cannot be registered (the defaults then stay).
    pub fn install() -> Option<Received> {
        let received = Received::default();
        let mut signals = Signals::new(HANDLED).ok()?;
        let shared = received.clone();
        std::thread::Builder::new()
            .name("personas-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    let typed = signal == SIGINT || signal == SIGQUIT;
                    if typed && shared.editor.load(Ordering::SeqCst) {
                        continue;
                    }
                    // The first one counts; later ones change nothing.
                    let _ = shared.signal.compare_exchange(
                        0,
                        signal,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                }
            })
            .ok()?;
        Some(received)
    }

    /// The signal received, if any.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n),
        }
    }

    /// Whether `$EDITOR` has the terminal (SIGINT and SIGQUIT are then ignored).
    pub fn set_editor(&self, running: bool) {
        self.editor.store(running, Ordering::SeqCst);
    }
}

/// The signal's name for messages.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGHUP => "SIGHUP",
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        _ => "a signal",
    }
}

/// The exit status after a signal: 128 + its number.
pub fn exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(128)
}
