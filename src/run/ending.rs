//! How a session ends when it cannot end normally: a signal or the terminal going away (the
//! recovery copy at once, the terminal restored, 128 + the signal), or a crash (the dump).

use std::io::{self, Write as _};
use std::process::ExitCode;

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::execute;

use super::Storage;
use super::signals;
use crate::app::State;
use crate::text::{shown_path, visible};

/// Ends the session after a signal or the terminal going away (SPEC §7): the recovery copy of
/// unsaved work is written at once, the terminal is restored, the lock released, and the exit
/// status is 128 + the signal (129 when the terminal went away without one). Nothing here may
/// panic: after SIGHUP the terminal is gone and every write to it fails.
pub(super) fn end_by_signal(
    storage: &mut Storage,
    state: &State,
    why: &str,
    signal: i32,
) -> ExitCode {
    let kept = if state.modified() && !state.read_only {
        Some(storage.dump(state))
    } else {
        storage.finish();
        None
    };
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let mut err = io::stderr();
    let _ = match kept {
        None => writeln!(
            err,
            "personas: ended by {why}; there were no unsaved changes."
        ),
        Some(Ok(file)) => writeln!(
            err,
            "personas: ended by {why}; your unsaved work is in {}\npersonas: open {} again and \
             press r to restore it.",
            shown_path(&file),
            shown_path(&state.path)
        ),
        Some(Err(e)) => writeln!(
            err,
            "personas: ended by {why}; could not write a recovery copy ({}): unsaved changes \
             are lost.",
            visible(&e)
        ),
    };
    ExitCode::from(signals::exit_code(signal))
}

/// After a crash: the unsaved workspace goes to the recovery copy, and we say where.
pub(super) fn dump(storage: &mut Storage, state: &State) {
    if !state.modified() {
        storage.finish();
        let _ = writeln!(
            io::stderr(),
            "personas: there were no unsaved changes; {} is as last saved.",
            shown_path(&state.path)
        );
        return;
    }
    let mut err = io::stderr();
    let _ = match storage.dump(state) {
        Ok(file) => writeln!(
            err,
            "personas: your unsaved work is in {}\npersonas: open {} again and press r to restore it.",
            shown_path(&file),
            shown_path(&state.path)
        ),
        Err(e) => writeln!(
            err,
            "personas: could not write a recovery copy ({}); unsaved changes are lost.",
            visible(&e)
        ),
    };
}
