//! The terminal goes away (SPEC §7): the window is closed, the ssh link drops, the tmux pane is
//! killed, or the app runs under a shell that never forwards SIGHUP. The app must notice by
//! itself within a second, keep the unsaved work, let go of its lock and exit — never linger,
//! never spin.
//!
//! crossterm cannot be trusted with a terminal that has hung up: once `read` gives 0 or EIO its
//! reader loops forever inside `event::poll` and never returns to us (crossterm #793). So the
//! loop asks the kernel itself, with poll(2) on standard input, whether input is ready or has
//! ended, and hands the terminal to crossterm only when there is something to read
//! ([`wait`]). A hangup that lands in the microseconds between that check and crossterm's read
//! is caught by the [`Lifeline`]'s watchdog thread: when the terminal is gone and the loop has
//! not answered for [`GRACE`], it writes the recovery copy of the unsaved work itself and ends
//! the process (the OS lock dies with it).

use std::os::fd::{AsFd as _, BorrowedFd};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::event::{self, PollFd, PollFlags, Timespec};

use super::signals::Received;
use crate::model::Workspace;
use crate::store;

/// How long the watchdog lets a loop that has not answered keep the process alive after the
/// terminal went away.
pub const GRACE: Duration = Duration::from_millis(500);
/// How often the watchdog looks.
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// What the terminal's input has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes (or a hangup crossterm would misread) are waiting: let crossterm read them.
    Ready,
    /// Nothing arrived in the time given.
    Quiet,
    /// The terminal hung up or the input ended: nothing more will ever come.
    Gone,
}

/// Waits at most `wait` for input on `fd`, without reading any of it.
pub fn wait(fd: BorrowedFd<'_>, wait: Duration) -> Input {
    let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
    let timeout = Timespec::try_from(wait).unwrap_or(Timespec {
        tv_sec: i64::MAX,
        tv_nsec: 0,
    });
    match event::poll(&mut fds, Some(&timeout)) {
        // Nothing yet, or interrupted by a signal (the caller looks at signals next).
        Ok(0) | Err(_) => Input::Quiet,
        Ok(_) => {
            let got = fds[0].revents();
            if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Input::Gone
            } else if got.contains(PollFlags::IN) {
                Input::Ready
            } else {
                Input::Quiet
            }
        }
    }
}

/// Waits at most `wait` for a key on the terminal.
/// (crossterm reads standard input when it is a terminal, and the app refuses to start when it
/// is not.)
pub fn wait_for_key(within: Duration) -> Input {
    wait(std::io::stdin().as_fd(), within)
}

/// Whether the terminal's input has ended (checked now, without waiting).
pub fn gone() -> bool {
    wait_for_key(Duration::ZERO) == Input::Gone
}

/// What the loop shares with the watchdog: when it last answered, the unsaved work, and whether
/// it is already ending the session itself.
#[derive(Clone)]
pub struct Lifeline {
    shared: Arc<Shared>,
}

struct Shared {
    started: Instant,
    /// Milliseconds after `started` when the loop last took a turn.
    beat: AtomicU64,
    /// The loop is ending the session itself (recovery copy, lock, exit).
    ending: AtomicBool,
    /// The recovery file and the unsaved workspace (`None` while everything is saved).
    work: Mutex<Option<(PathBuf, Arc<Workspace>)>>,
}

impl Lifeline {
    pub fn new() -> Lifeline {
        Lifeline {
            shared: Arc::new(Shared {
                started: Instant::now(),
                beat: AtomicU64::new(0),
                ending: AtomicBool::new(false),
                work: Mutex::new(None),
            }),
        }
    }

    /// The loop is alive (called every turn of the wait for a key).
    pub fn beat(&self) {
        self.shared.beat.store(self.now(), Ordering::SeqCst);
    }

    /// The unsaved work as it is now, for the watchdog to keep (`None`: nothing unsaved).
    pub fn keep(&self, work: Option<(PathBuf, Arc<Workspace>)>) {
        if let Ok(mut held) = self.shared.work.lock() {
            *held = work;
        }
    }

    /// The loop is ending the session itself: the watchdog stands down.
    pub fn ending(&self) {
        self.shared.ending.store(true, Ordering::SeqCst);
    }

    /// Starts the watchdog thread. It acts only when the terminal is gone (its input ended, or
    /// SIGHUP came) and the loop has not answered for [`GRACE`]; then it writes the recovery
    /// copy and exits with 129, as after SIGHUP.
    pub fn watch(&self, signals: Option<Received>) {
        let me = self.clone();
        let _ = std::thread::Builder::new()
            .name("personas-watchdog".into())
            .spawn(move || {
                let mut gone_since: Option<Instant> = None;
                loop {
                    std::thread::sleep(WATCH_EVERY);
                    if me.shared.ending.load(Ordering::SeqCst) {
                        return;
                    }
                    let hup = signals.as_ref().and_then(Received::signal)
                        == Some(signal_hook::consts::SIGHUP);
                    if !(hup || gone()) {
                        gone_since = None;
                        continue;
                    }
                    let since = *gone_since.get_or_insert_with(Instant::now);
                    let silent = Duration::from_millis(
                        me.now()
                            .saturating_sub(me.shared.beat.load(Ordering::SeqCst)),
                    );
                    if since.elapsed() >= GRACE && silent >= GRACE {
                        me.rescue();
                    }
                }
            });
    }

    /// The loop is stuck and the terminal gone: keep the work and end the process.
    fn rescue(&self) -> ! {
        if !self.shared.ending.swap(true, Ordering::SeqCst)
            && let Ok(held) = self.shared.work.lock()
            && let Some((file, workspace)) = held.as_ref()
        {
            let _ = store::recovery::write(file, workspace);
        }
        std::process::exit(i32::from(super::signals::exit_code(
            signal_hook::consts::SIGHUP,
        )))
    }

    fn now(&self) -> u64 {
        u64::try_from(self.shared.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

impl Default for Lifeline {
    fn default() -> Self {
        Lifeline::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe stands in for the terminal: open with nothing written is quiet, written is ready,
    /// and once its writing end is closed the input has ended.
    #[test]
    fn input_is_quiet_ready_or_gone() {
        use std::io::{Read as _, Write as _};
        use std::os::fd::AsFd as _;
        let (mut reader, mut writer) = std::io::pipe().expect("pipe");
        assert_eq!(
            wait(reader.as_fd(), Duration::from_millis(10)),
            Input::Quiet
        );
        writer.write_all(b"x").expect("write");
        assert_eq!(wait(reader.as_fd(), Duration::ZERO), Input::Ready);
        drop(writer);
        let mut byte = [0u8; 1];
        reader.read_exact(&mut byte).expect("read");
        assert_eq!(wait(reader.as_fd(), Duration::from_secs(1)), Input::Gone);
    }
}
