//! A reload (the file changed on disk while nothing was unsaved) under an open form, question
//! or cursor. Forms and questions point at personas and goals by position; before the new
//! workspace replaces the old one, what they point at is noted by id, and afterwards found again
//! by id — so a form never writes onto, and `d` → `y` never deletes, a different persona that
//! now sits at the same place. When the item is gone, the app says so and keeps the typed text
//! (SPEC §7): an edited persona or goal becomes a new one on commit, and a goal whose persona is
//! gone stays in its form with a message.

use super::*;
use crate::model::Workspace;

/// What the open form edits, by id.
enum FormIds {
    /// A new persona, to go after this one (None: at the top).
    NewPersona {
        column: Column,
        after: Option<String>,
    },
    Persona {
        column: Column,
        id: String,
    },
    /// A new goal of this persona, after this goal (None: first).
    NewGoal {
        column: Column,
        persona: String,
        after: Option<String>,
    },
    Goal {
        column: Column,
        persona: String,
        goal: String,
    },
}

/// What the screen was working on, noted by id before a reload.
struct Held {
    selected: Option<Target>,
    form: Option<FormIds>,
}

fn persona_id(ws: &Workspace, column: Column, index: usize) -> Option<String> {
    ws.column(column).get(index).map(|p| p.id.clone())
}

fn note(state: &State) -> Held {
    let ws = state.doc.workspace();
    let selected = match state.selected() {
        Some(Row::Persona(pi)) => persona_id(ws, state.column, pi).map(Target::Persona),
        Some(Row::Goal(pi, gi)) => ws
            .column(state.column)
            .get(pi)
            .and_then(|p| p.goals.get(gi))
            .map(|g| Target::Goal(g.id.clone())),
        None => None,
    };
    let form = match &state.mode {
        Mode::Form(form) => match form.target {
            FormTarget::NewPersona { column, index } => Some(FormIds::NewPersona {
                column,
                after: index.checked_sub(1).and_then(|i| persona_id(ws, column, i)),
            }),
            FormTarget::Persona { column, index } => {
                persona_id(ws, column, index).map(|id| FormIds::Persona { column, id })
            }
            FormTarget::NewGoal {
                column,
                persona,
                index,
            } => ws.column(column).get(persona).map(|p| FormIds::NewGoal {
                column,
                persona: p.id.clone(),
                after: index
                    .checked_sub(1)
                    .and_then(|i| p.goals.get(i))
                    .map(|g| g.id.clone()),
            }),
            FormTarget::Goal {
                column,
                persona,
                goal,
            } => ws.column(column).get(persona).and_then(|p| {
                p.goals.get(goal).map(|g| FormIds::Goal {
                    column,
                    persona: p.id.clone(),
                    goal: g.id.clone(),
                })
            }),
            // The title is the workspace's own: the form applies to whatever title is read.
            FormTarget::Title | FormTarget::Conflict { .. } => None,
        },
        _ => None,
    };
    Held { selected, form }
}

/// Replaces the workspace with what was read from disk, keeping forms, questions and the cursor
/// on the same personas and goals (by id).
pub(super) fn on_reloaded(state: &mut State, workspace: Workspace, why: String) {
    let held = note(state);
    // A conflict's form or question holds its place in the list: find it again by id and field.
    let conflict = match &state.mode {
        Mode::Form(form) => match form.target {
            FormTarget::Conflict { index } => state.doc.workspace().conflicts.get(index).cloned(),
            _ => None,
        },
        _ => None,
    };
    if matches!(state.mode, Mode::Prompt(Prompt::Conflict { .. })) {
        state.mode = Mode::Normal;
    }
    state.doc.replace(workspace);
    state.saved_state = state.doc.state();
    state.new_file = false;
    state.say(Tone::Info, why);
    let found = held.selected.as_ref().is_some_and(|t| find_again(state, t));
    if let Mode::Prompt(Prompt::Delete { what, .. }) = &state.mode
        && !found
    {
        let text = format!(
            "{what} was removed from the file on disk, so nothing was deleted (reloaded the file)"
        );
        state.mode = Mode::Normal;
        state.say(Tone::Warning, text);
    }
    if let Some(ids) = held.form {
        retarget_form(state, ids);
    }
    if let (Some(c), Mode::Form(form)) = (conflict, &mut state.mode) {
        let conflicts = &state.doc.workspace().conflicts;
        match conflicts
            .iter()
            .position(|x| x.id == c.id && x.field == c.field)
        {
            Some(index) => form.target = FormTarget::Conflict { index },
            None => {
                form.error = Some(
                    "this conflict is no longer in the file on disk (reloaded): Esc closes the \
                     form"
                        .into(),
                )
            }
        }
    }
    // The picker lists goals by place: list them again, or close it when its goal is gone.
    if let Mode::LinkPicker(picker) = &mut state.mode {
        if state.doc.derived().index.goal_pos(&picker.from).is_some() {
            picker.rebuild(state.doc.workspace());
        } else {
            state.mode = Mode::Normal;
            state.say(
                Tone::Warning,
                "the goal whose links you were choosing was removed from the file on disk \
                 (reloaded the file)",
            );
        }
    }
}

/// Puts the cursor on `target` again; false when it is gone.
fn find_again(state: &mut State, target: &Target) -> bool {
    let spot = state
        .doc
        .locate(target)
        .map(|(c, r)| state.doc.spot_of(c, r));
    match spot {
        Some(spot) => {
            set_spot(state, spot);
            true
        }
        None => false,
    }
}

fn retarget_form(state: &mut State, ids: FormIds) {
    let index = &state.doc.derived().index;
    let ws = state.doc.workspace();
    let persona_at = |column: Column, id: &str| {
        index
            .persona_pos(id)
            .filter(|(c, _)| *c == column)
            .map(|(_, i)| i)
    };
    let (target, warning) = match ids {
        FormIds::NewPersona { column, after } => {
            let index = after
                .and_then(|id| persona_at(column, &id))
                .map_or(0, |i| i + 1)
                .min(ws.column(column).len());
            (FormTarget::NewPersona { column, index }, None)
        }
        FormIds::Persona { column, id } => match persona_at(column, &id) {
            Some(index) => (FormTarget::Persona { column, index }, None),
            None => (
                FormTarget::NewPersona {
                    column,
                    index: ws.column(column).len(),
                },
                Some(
                    "this persona was removed from the file on disk: Ctrl-s adds what you typed \
                     as a new persona",
                ),
            ),
        },
        FormIds::NewGoal {
            column,
            persona,
            after,
        } => match persona_at(column, &persona) {
            Some(pi) => {
                let goals = &ws.column(column)[pi].goals;
                let index = after
                    .and_then(|id| goals.iter().position(|g| g.id == id))
                    .map_or(0, |i| i + 1)
                    .min(goals.len());
                (
                    FormTarget::NewGoal {
                        column,
                        persona: pi,
                        index,
                    },
                    None,
                )
            }
            None => gone_persona(column),
        },
        FormIds::Goal {
            column,
            persona,
            goal,
        } => match index.goal_pos(&goal).filter(|p| p.column == column) {
            Some(p) => (
                FormTarget::Goal {
                    column,
                    persona: p.persona,
                    goal: p.goal,
                },
                None,
            ),
            None => match persona_at(column, &persona) {
                Some(pi) => (
                    FormTarget::NewGoal {
                        column,
                        persona: pi,
                        index: ws.column(column)[pi].goals.len(),
                    },
                    Some(
                        "this goal was removed from the file on disk: Ctrl-s adds what you \
                         typed as a new goal of its persona",
                    ),
                ),
                None => gone_persona(column),
            },
        },
    };
    if let Mode::Form(form) = &mut state.mode {
        form.target = target;
        if let Some(text) = warning {
            form.error = Some(text.to_string());
        }
    }
    if let Some(text) = warning {
        state.say(Tone::Warning, text);
    }
}

/// A goal form whose persona was removed on disk: it stays open with the text (no persona to
/// put it in), and committing says why.
fn gone_persona(column: Column) -> (FormTarget, Option<&'static str>) {
    (
        FormTarget::NewGoal {
            column,
            persona: usize::MAX,
            index: 0,
        },
        Some(
            "this goal's persona was removed from the file on disk: your text stays in the form \
             (copy it, then Esc)",
        ),
    )
}
