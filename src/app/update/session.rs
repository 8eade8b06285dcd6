//! Saving, quitting, the questions the app asks, and the help overlay.

use super::*;

pub(super) fn save(state: &mut State) -> Vec<Effect> {
    save_with(state, false)
}

/// Asks for a save; `force` writes even over a file that changed on disk.
fn save_with(state: &mut State, force: bool) -> Vec<Effect> {
    if state.saving {
        state.say(Tone::Info, "a save is already being written");
        return Vec::new();
    }
    state.saving = true;
    state.say(Tone::Info, "saving…");
    vec![Effect::Save {
        path: state.path.clone(),
        workspace: state.doc.snapshot(),
        state: state.doc.state(),
        force,
    }]
}

pub(super) fn on_saved(state: &mut State, saved: u64, result: Result<(), String>) -> Vec<Effect> {
    state.saving = false;
    match result {
        Ok(()) => {
            state.saved_state = saved;
            state.new_file = false;
            state.say(Tone::Success, format!("saved {}", state.file_name()));
            state.keep_recovery = false;
            if state.quit_after_save {
                if saved != state.doc.state() {
                    // Changes were made while an older save was being written: save them too.
                    return save(state);
                }
                return vec![Effect::RemoveRecovery, Effect::Quit];
            }
            return vec![Effect::RemoveRecovery];
        }
        Err(why) => {
            state.quit_after_save = false;
            state.say(
                Tone::Error,
                format!("save failed: {why} — nothing was written; your changes are still here"),
            );
        }
    }
    Vec::new()
}

pub(super) fn quit(state: &mut State) -> Vec<Effect> {
    if state.modified() && !state.read_only {
        state.mode = Mode::Prompt(Prompt::Quit);
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

/// An answer to the open question (the keymap's prompt modes name the keys).
pub(super) fn on_prompt_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let Mode::Prompt(prompt) = &state.mode else {
        return Vec::new();
    };
    let Some(action) = action else {
        return Vec::new();
    };
    match (prompt, action) {
        (Prompt::CloseRoom { .. } | Prompt::ReopenRoom { .. }, action) => {
            let prompt = prompt.clone();
            return super::room::on_prompt(state, &prompt, action);
        }
        (Prompt::Quit, Action::Yes) => {
            state.mode = Mode::Normal;
            state.quit_after_save = true;
            return save(state);
        }
        (Prompt::Quit, Action::No) => return vec![Effect::Quit],
        (Prompt::Quit, Action::Cancel) => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "still here: nothing was lost");
        }
        (Prompt::Recovery { .. }, Action::Restore) => {
            if let Some(ws) = state.recovered.take() {
                state.doc.replace(ws);
                // The restored content is not on disk yet.
                state.saved_state = u64::MAX;
            }
            state.mode = Mode::Normal;
            state.say(
                Tone::Success,
                "restored the recovery copy — Ctrl-s saves it to the file",
            );
        }
        (Prompt::Recovery { .. }, Action::Discard) => {
            state.recovered = None;
            state.mode = Mode::Normal;
            state.say(Tone::Info, "recovery copy discarded");
            return vec![Effect::RemoveRecovery];
        }
        (Prompt::Recovery { .. }, Action::Cancel) => {
            state.recovered = None;
            state.keep_recovery = true;
            state.mode = Mode::Normal;
            state.say(
                Tone::Info,
                "recovery copy kept for later; showing the file as it is",
            );
        }
        (Prompt::ChangedOnDisk, Action::Overwrite) => {
            state.mode = Mode::Normal;
            return save_with(state, true);
        }
        (Prompt::ChangedOnDisk, Action::Reload) => {
            if state.modified() {
                state.mode = Mode::Prompt(Prompt::ConfirmReload);
            } else {
                state.mode = Mode::Normal;
                return vec![Effect::Reload];
            }
        }
        (Prompt::ChangedOnDisk, Action::Cancel) => {
            state.mode = Mode::Normal;
            state.quit_after_save = false;
            state.say(
                Tone::Info,
                "not saved: your changes are still here, the file is untouched",
            );
        }
        (Prompt::ReadOnlyFile, Action::SaveAnyway) => {
            state.mode = Mode::Normal;
            return save_with(state, true);
        }
        (Prompt::ReadOnlyFile, Action::Cancel) => {
            state.mode = Mode::Normal;
            state.quit_after_save = false;
            state.say(
                Tone::Info,
                "not saved: your changes are still here, the read-only file is untouched",
            );
        }
        (Prompt::ConfirmReload, Action::Yes) => {
            state.mode = Mode::Normal;
            state.quit_after_save = false;
            return vec![Effect::Reload];
        }
        (Prompt::ConfirmReload, Action::No) => {
            state.mode = Mode::Normal;
            state.quit_after_save = false;
            state.say(
                Tone::Info,
                "kept your changes; nothing was reloaded or written",
            );
        }
        (Prompt::Conflict { index }, action) => {
            let index = *index;
            super::conflicts::on_conflict_answer(state, index, action);
        }
        (Prompt::Delete { .. }, Action::Yes) => {
            state.mode = Mode::Normal;
            delete_selected(state);
        }
        (Prompt::Delete { .. }, Action::No) => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "kept: nothing was deleted");
        }
        _ => {}
    }
    Vec::new()
}

/// Keys in the help overlay: scroll it, or close it.
pub(super) fn on_help_key(state: &mut State, action: Option<Action>) {
    let Mode::Help { scroll } = &mut state.mode else {
        return;
    };
    match action {
        Some(Action::Down) => *scroll += 1,
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::PageDown) => *scroll += 10,
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(_) => state.mode = Mode::Normal,
        None => {}
    }
}
