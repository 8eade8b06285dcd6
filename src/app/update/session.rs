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

pub(super) fn on_prompt_key(state: &mut State, chord: Chord) -> Vec<Effect> {
    let Mode::Prompt(prompt) = &state.mode else {
        return Vec::new();
    };
    let yes = matches!(chord.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter);
    let no = matches!(chord.code, KeyCode::Char('n' | 'N'));
    let esc = chord.code == KeyCode::Esc;
    match prompt {
        Prompt::Quit => {
            if yes {
                state.mode = Mode::Normal;
                state.quit_after_save = true;
                return save(state);
            } else if no {
                return vec![Effect::Quit];
            } else if esc {
                state.mode = Mode::Normal;
                state.say(Tone::Info, "still here: nothing was lost");
            }
        }
        Prompt::Recovery { .. } => match chord.code {
            KeyCode::Char('r' | 'R') => {
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
            KeyCode::Char('d' | 'D') => {
                state.recovered = None;
                state.mode = Mode::Normal;
                state.say(Tone::Info, "recovery copy discarded");
                return vec![Effect::RemoveRecovery];
            }
            KeyCode::Esc => {
                state.recovered = None;
                state.keep_recovery = true;
                state.mode = Mode::Normal;
                state.say(
                    Tone::Info,
                    "recovery copy kept for later; showing the file as it is",
                );
            }
            _ => {}
        },
        Prompt::ChangedOnDisk => match chord.code {
            KeyCode::Char('o' | 'O') => {
                state.mode = Mode::Normal;
                return save_with(state, true);
            }
            KeyCode::Char('r' | 'R') => {
                if state.modified() {
                    state.mode = Mode::Prompt(Prompt::ConfirmReload);
                } else {
                    state.mode = Mode::Normal;
                    return vec![Effect::Reload];
                }
            }
            KeyCode::Esc | KeyCode::Char('n' | 'N') => {
                state.mode = Mode::Normal;
                state.quit_after_save = false;
                state.say(
                    Tone::Info,
                    "not saved: your changes are still here, the file is untouched",
                );
            }
            _ => {}
        },
        Prompt::ReadOnlyFile => match chord.code {
            KeyCode::Char('o' | 'O') => {
                state.mode = Mode::Normal;
                return save_with(state, true);
            }
            KeyCode::Esc | KeyCode::Char('n' | 'N') => {
                state.mode = Mode::Normal;
                state.quit_after_save = false;
                state.say(
                    Tone::Info,
                    "not saved: your changes are still here, the read-only file is untouched",
                );
            }
            _ => {}
        },
        Prompt::ConfirmReload => {
            if yes {
                state.mode = Mode::Normal;
                state.quit_after_save = false;
                return vec![Effect::Reload];
            } else if no || esc {
                state.mode = Mode::Normal;
                state.quit_after_save = false;
                state.say(
                    Tone::Info,
                    "kept your changes; nothing was reloaded or written",
                );
            }
        }
        Prompt::Delete { .. } => {
            if yes {
                state.mode = Mode::Normal;
                delete_selected(state);
            } else if no || esc {
                state.mode = Mode::Normal;
                state.say(Tone::Info, "kept: nothing was deleted");
            }
        }
    }
    Vec::new()
}

pub(super) fn on_help_key(state: &mut State, chord: Chord) {
    let Mode::Help { scroll, linking } = &mut state.mode else {
        return;
    };
    match chord.code {
        KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
        KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => *scroll += 10,
        KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
        _ => {
            state.mode = match linking.take() {
                Some(from) => Mode::Linking { from },
                None => Mode::Normal,
            }
        }
    }
}
