//! What the loop saw on disk, and what the app makes of it. The loop only reports (the file
//! changed and what it holds now, the file is gone, recovery copies can or cannot be written);
//! the decisions — reload or warn, what to say, when work is unprotected — are made here.

use super::reload::on_reloaded;
use super::*;
use crate::app::Gone;
use crate::model::Workspace;
use crate::store::disk::Fingerprint;

/// The file changed on disk. An unmodified board shows it (and the form or question open on
/// it keeps its item by id); with unsaved changes the user is told, and saving will ask.
pub(super) fn on_disk_changed(
    state: &mut State,
    read: Result<Workspace, String>,
    seen: Fingerprint,
) -> Vec<Effect> {
    let name = state.file_name();
    if state.modified() {
        state.say(
            Tone::Warning,
            format!(
                "{name} changed on disk while you have unsaved changes: saving will ask before \
                 overwriting"
            ),
        );
        return Vec::new();
    }
    match read {
        Ok(workspace) => {
            on_reloaded(
                state,
                workspace,
                format!("{name} changed on disk: reloaded it"),
            );
            vec![Effect::DiskSeen(seen)]
        }
        Err(why) => {
            state.say(
                Tone::Warning,
                format!(
                    "the file changed on disk but does not load ({why}) — showing what was there"
                ),
            );
            Vec::new()
        }
    }
}

/// The file is no longer there: said once, with what it means for the work on screen.
pub(super) fn on_file_gone(state: &mut State, gone: Gone) {
    let name = state.file_name();
    let what = match gone {
        Gone::Directory => format!(
            "{} is a directory now, not a workspace file: saving there fails",
            state.path.display()
        ),
        Gone::Unreadable => format!("{name} can no longer be read on disk"),
        Gone::Deleted => format!("{name} was deleted on disk"),
    };
    let tail = if state.modified() {
        "; your unsaved changes are still here, and saving asks before writing it again"
    } else {
        "; the board still shows what it held, and saving asks before writing it again"
    };
    state.say(Tone::Warning, format!("{what}{tail}"));
}

/// Recovery copies can (again) or cannot be written: the status bar keeps saying so while they
/// cannot, and the change is announced once each way.
pub(super) fn on_copies(state: &mut State, result: Result<(), String>) {
    match result {
        Ok(()) => {
            if state.unprotected.take().is_some() {
                state.say(
                    Tone::Success,
                    "recovery copies can be written again: your work is protected",
                );
            }
        }
        Err(why) => {
            if state.unprotected.is_none() {
                state.say(
                    Tone::Warning,
                    format!(
                        "{why} — your work is not protected by recovery copies until they can \
                         be written (saving still works)"
                    ),
                );
            }
            state.unprotected = Some(why);
        }
    }
}
