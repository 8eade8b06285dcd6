//! Merge conflicts in the app (SPEC §9): Enter on one in the Gaps view asks `o` ours, `t`
//! theirs or `e` edit both joined (in a form); each resolution is one undoable step. The model
//! decides what a resolution changes ([`crate::model::resolve`]); here it becomes edits.

use std::sync::Arc;

use super::*;
use crate::model::fields::{self, Input};
use crate::model::{Resolution, Workspace, resolve};

/// The answer to the conflict question.
pub(super) fn on_conflict_answer(state: &mut State, index: usize, action: Action) {
    match action {
        Action::TakeOurs => settle(state, index, Resolution::Ours),
        Action::TakeTheirs => settle(state, index, Resolution::Theirs),
        Action::EditJoined => open_edit(state, index),
        Action::Cancel => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "left as it is: the conflict stays in the list");
        }
        _ => {}
    }
}

/// `e`: the form with ours and theirs joined, for a text field.
fn open_edit(state: &mut State, index: usize) {
    let Some(c) = state.doc.workspace().conflicts.get(index) else {
        state.mode = Mode::Normal;
        return;
    };
    if !c.is_text() {
        state.say(
            Tone::Warning,
            format!("{} is not a text field: choose o ours or t theirs", c.field),
        );
        return;
    }
    let form = Form::for_conflict(index, &c.field, &c.joined());
    state.mode = Mode::Form(Box::new(form));
}

/// Ctrl-s in the form of `e`: the edited text resolves the conflict.
pub(super) fn commit_edit(state: &mut State, index: usize, text: String) {
    let Some(c) = state.doc.workspace().conflicts.get(index) else {
        if let Mode::Form(form) = &mut state.mode {
            form.error = Some("this conflict is no longer in the workspace".into());
        }
        return;
    };
    // One-line fields take the joined lines as one line.
    let one_line = fields::by_key(&c.field).is_some_and(|(_, input)| input == Input::Line);
    let text = if one_line {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.trim().to_string()
    };
    settle(state, index, Resolution::Edit(text));
}

/// Resolves conflict `index` as one undoable step.
fn settle(state: &mut State, index: usize, choice: Resolution) {
    let old = state.doc.workspace();
    let mut new = old.clone();
    let how = match &choice {
        Resolution::Ours => "ours",
        Resolution::Theirs => "theirs",
        Resolution::Edit(_) => "edited",
    };
    let conflict = match resolve(&mut new, index, choice) {
        Ok(c) => c,
        Err(e) => {
            if let Mode::Form(form) = &mut state.mode {
                form.error = Some(e.to_string());
            } else {
                state.mode = Mode::Normal;
                state.say(Tone::Error, format!("not resolved: {e}"));
            }
            return;
        }
    };
    let edits = edits_between(old, &new);
    let what = if conflict.id.is_empty() {
        format!("the title ({how})")
    } else {
        format!("{:?} {} ({how})", conflict.id, conflict.field)
    };
    let before = state.spot();
    state.doc.apply(format!("resolve {what}"), edits, before);
    state.mode = Mode::Normal;
    let left = state.doc.workspace().conflicts.len();
    let rest = match left {
        0 => "no conflicts left: the file is saved as format 1 again".to_string(),
        1 => "1 conflict left".to_string(),
        n => format!("{n} conflicts left"),
    };
    state.say(
        Tone::Success,
        format!("resolved {what} — {rest} — u undoes"),
    );
    // The cursor stays on the Gaps view's conflict lines (1..=left) while there are any.
    let lines = state.doc.derived().gap_lines.len();
    let cursor = &mut state.views.gaps.cursor;
    *cursor = if left > 0 {
        (*cursor).clamp(1, left)
    } else {
        (*cursor).min(lines.saturating_sub(1))
    };
}

/// The edits that turn `old` into `new`: the title, the conflicts list, and per column the
/// personas that changed. Where the lists line up by id (a common head and tail) a changed
/// persona is set in place; the stretch between is removed and inserted again.
fn edits_between(old: &Workspace, new: &Workspace) -> Vec<Edit> {
    let mut edits = Vec::new();
    if old.title != new.title {
        edits.push(Edit::Title(new.title.clone()));
    }
    for column in Column::ALL {
        let (a, b) = (old.column(column), new.column(column));
        let same = |x: &&Arc<Persona>, y: &&Arc<Persona>| x.id == y.id;
        let head = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
        let room = a.len().min(b.len()) - head;
        let tail = a.iter().rev().zip(b.iter().rev()).take(room);
        let tail = tail.take_while(|(x, y)| same(x, y)).count();
        let changed = |x: &Arc<Persona>, y: &Arc<Persona>| !Arc::ptr_eq(x, y) && x != y;
        let set = |index: usize| Edit::Set {
            column,
            index,
            persona: Persona::clone(&b[index]),
        };
        edits.extend((0..head).filter(|&i| changed(&a[i], &b[i])).map(set));
        for index in (head..a.len() - tail).rev() {
            edits.push(Edit::Remove { column, index });
        }
        let inserted = b.iter().enumerate().take(b.len() - tail).skip(head);
        edits.extend(inserted.map(|(index, p)| Edit::Insert {
            column,
            index,
            persona: Persona::clone(p),
        }));
        let (from_a, from_b) = (a.len() - tail, b.len() - tail);
        edits.extend(
            (0..tail)
                .filter(|k| changed(&a[from_a + k], &b[from_b + k]))
                .map(|k| set(from_b + k)),
        );
    }
    if old.conflicts != new.conflicts {
        edits.push(Edit::Conflicts(new.conflicts.clone()));
    }
    edits
}
