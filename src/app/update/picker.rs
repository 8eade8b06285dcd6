//! The link picker's keys and clicks: open it on a goal, filter, move, link and unlink.
//! Each toggle is one undoable step; the board cursor never leaves the goal it was opened on.

use super::*;
use crate::app::picker::{PickLine, Picker, PickerAreas};

/// Space on the board: opens the picker on the selected goal.
pub(super) fn open_picker(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let Some(from) = state.selected_goal_id().map(str::to_string) else {
        state.say(
            Tone::Info,
            "the link picker works on goals: move to a goal first",
        );
        return;
    };
    let column = state.column;
    let picker = Picker::open(state.doc.workspace(), from, column);
    let text = match column {
        Column::Users => "buyers not listed: the department layer links users to them",
        Column::Departments => "buyer goals it can support, user goals that can support it",
        Column::Buyers => "users not listed: they reach buyers through the department layer",
    };
    let text = if picker.goals.is_empty() {
        format!("nothing to link to yet: add goals next door — {text}")
    } else {
        format!("{text} · type to filter, Space links or unlinks, Enter too and closes")
    };
    state.say(Tone::Info, text);
    state.mode = Mode::LinkPicker(Box::new(picker));
    fit_picker(state);
}

/// Keys in the picker: the keymap's `LinkPicker` mode, and typed letters for the filter.
pub(super) fn on_picker_key(state: &mut State, key: KeyEvent, action: Option<Action>) {
    let Mode::LinkPicker(picker) = &mut state.mode else {
        return;
    };
    let page = PickerAreas::new(state.size)
        .list
        .height
        .saturating_sub(1)
        .max(1) as isize;
    match action {
        Some(Action::Up) => picker.step(-1),
        Some(Action::Down) => picker.step(1),
        Some(Action::PageUp) => picker.step(-page),
        Some(Action::PageDown) => picker.step(page),
        Some(Action::First) => picker.step(isize::MIN / 2),
        Some(Action::Last) => picker.step(isize::MAX / 2),
        Some(Action::Toggle) => {
            toggle(state);
        }
        Some(Action::ToggleClose) => {
            if toggle(state) {
                state.mode = Mode::Normal;
            }
        }
        Some(Action::Cancel) => {
            state.mode = Mode::Normal;
            if !state
                .message
                .as_ref()
                .is_some_and(|m| m.tone == Tone::Success)
            {
                state.say(Tone::Info, "link picker closed");
            }
        }
        // The deleting keys of every text field (SPEC §3).
        Some(action) => {
            if !picker.filter.edit(action) {
                return fit_picker(state);
            }
            picker.rebuild(state.doc.workspace());
            say_if_nothing_matches(state);
        }
        None => type_filter(state, key),
    }
    fit_picker(state);
}

/// Typed text is the filter; a space is refused, it toggles.
fn type_filter(state: &mut State, key: KeyEvent) {
    let Mode::LinkPicker(picker) = &mut state.mode else {
        return;
    };
    match crate::app::typing::typed(&key) {
        Some(' ') => {
            state.say(
                Tone::Info,
                "the filter takes no spaces: Space links or unlinks",
            );
            return;
        }
        Some(c) => {
            picker.filter.insert(c.encode_utf8(&mut [0; 4]));
            // A letter added at the end only narrows what is listed.
            picker.refilter(state.doc.workspace(), true);
        }
        None => return,
    }
    say_if_nothing_matches(state);
}

fn say_if_nothing_matches(state: &mut State) {
    let Mode::LinkPicker(picker) = &state.mode else {
        return;
    };
    if picker.goals.is_empty() && !picker.filter.text().is_empty() {
        let text = format!(
            "no goal matches {:?} — Backspace takes a letter off",
            picker.filter.text()
        );
        state.say(Tone::Info, text);
    }
}

/// A click on a goal line highlights it and toggles it.
pub(super) fn on_picker_click(state: &mut State, x: u16, y: u16) {
    let Mode::LinkPicker(picker) = &mut state.mode else {
        return;
    };
    let Some(line) = PickerAreas::new(state.size).line_at(picker, x, y) else {
        return;
    };
    if let Some(at) = picker.goals.iter().position(|&l| l == line) {
        picker.cursor = at;
        toggle(state);
    }
    fit_picker(state);
}

pub(super) fn fit_picker(state: &mut State) {
    let rows = usize::from(PickerAreas::new(state.size).list.height);
    if let Mode::LinkPicker(picker) = &mut state.mode {
        picker.fit(rows);
    }
}

/// Links or unlinks the highlighted goal with the picker's goal, as one undoable step.
/// Returns whether there was a goal to toggle.
fn toggle(state: &mut State) -> bool {
    let Mode::LinkPicker(picker) = &state.mode else {
        return false;
    };
    let Some(PickLine::Goal(column, pi, gi)) = picker.current() else {
        state.say(Tone::Info, "no goal listed to link: change the filter");
        return false;
    };
    let from = picker.from.clone();
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let (Some(here), Some(other)) = (
        index.goal_pos(&from),
        ws.column(column).get(pi).and_then(|p| p.goals.get(gi)),
    ) else {
        state.mode = Mode::Normal;
        state.say(Tone::Warning, "that goal is gone");
        return false;
    };
    let other_id = other.id.clone();
    let other_text = other.text.clone();
    let here_text = ws.column(here.column)[here.persona].goals[here.goal]
        .text
        .clone();
    // The lower goal supports the upper one.
    let (low_column, low_persona, low_goal, high_id) = if Some(column) == here.column.up() {
        (here.column, here.persona, here.goal, other_id)
    } else {
        (column, pi, gi, from.clone())
    };
    let (low_text, high_text) = if low_column == here.column {
        (here_text, other_text)
    } else {
        (other_text, here_text)
    };
    let mut persona = Persona::clone(&ws.column(low_column)[low_persona]);
    let g = &mut persona.goals[low_goal];
    let (label, said) = if let Some(at) = g.supports.iter().position(|s| *s == high_id) {
        g.supports.remove(at);
        (
            format!("unlink {low_text:?} from {high_text:?}"),
            format!("unlinked: {low_text:?} supports {high_text:?} no more — u undoes"),
        )
    } else {
        g.supports.push(high_id);
        (
            format!("link {low_text:?} → {high_text:?}"),
            format!("linked: {low_text:?} supports {high_text:?} — u undoes"),
        )
    };
    let before = state.spot();
    state.doc.apply(
        label,
        vec![Edit::Set {
            column: low_column,
            index: low_persona,
            persona,
        }],
        before,
    );
    // The cursor stays on the goal the picker was opened from.
    let row = state.doc.row_of(here.column, here.persona, Some(here.goal));
    state.column = here.column;
    state.columns[here.column.index()].cursor = row;
    state.say(Tone::Success, said);
    true
}
