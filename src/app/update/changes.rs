//! Changes to the workspace outside the form: delete (asking first when links would go),
//! reorder, undo and redo.

use super::*;

/// The edits that remove goal ids from every `supports` list in `column` that names them. The
/// personas to change are found through the link index (who supports each id), not by reading
/// the whole column.
pub(super) fn unlink_edits(state: &State, column: Column, ids: &[&str]) -> Vec<Edit> {
    let ws = state.doc.workspace();
    let links = &state.doc.derived().index;
    let mut places: Vec<usize> = ids
        .iter()
        .flat_map(|id| links.supported_by(id))
        .filter_map(|s| links.goal_pos(s))
        .filter(|pos| pos.column == column)
        .map(|pos| pos.persona)
        .collect();
    places.sort_unstable();
    places.dedup();
    let mut edits = Vec::new();
    for (index, p) in places
        .into_iter()
        .filter_map(|i| Some((i, ws.column(column).get(i)?)))
    {
        if p.goals
            .iter()
            .any(|g| g.supports.iter().any(|s| ids.contains(&s.as_str())))
        {
            let mut p = Persona::clone(p);
            for g in &mut p.goals {
                g.supports.retain(|s| !ids.contains(&s.as_str()));
            }
            edits.push(Edit::Set {
                column,
                index,
                persona: p,
            });
        }
    }
    edits
}

/// The goals that would lose a link if these goals went, by text.
pub(super) fn dependents(state: &State, ids: &[&str]) -> Vec<String> {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let mut out = Vec::new();
    for id in ids {
        let Some(goal) = index.goal(ws, id) else {
            continue;
        };
        for other in goal.supports.iter().chain(index.supported_by(id)) {
            if !ids.contains(&other.as_str())
                && let Some(g) = index.goal(ws, other)
                && !out.contains(&g.text)
            {
                out.push(g.text.clone());
            }
        }
    }
    out
}

/// The selected item's goal ids and a description, for deleting.
pub(super) fn delete_subject(state: &State) -> Option<(String, Vec<String>)> {
    let p = persona_at(state, state.column, selected_persona_index(state)?)?;
    match state.selected()? {
        Row::Persona(_) => Some((
            format!("persona {:?}", p.name),
            p.goals.iter().map(|g| g.id.clone()).collect(),
        )),
        Row::Goal(_, g) => {
            let g = p.goals.get(g)?;
            Some((format!("goal {:?}", g.text), vec![g.id.clone()]))
        }
    }
}

pub(super) fn ask_delete(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let Some((what, ids)) = delete_subject(state) else {
        state.say(Tone::Info, "nothing to delete here");
        return;
    };
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let names = dependents(state, &ids);
    if names.is_empty() {
        delete_selected(state);
    } else {
        state.mode = Mode::Prompt(Prompt::Delete {
            what,
            dependents: names.len(),
            names: names.into_iter().take(3).collect(),
        });
    }
}

pub(super) fn delete_selected(state: &mut State) {
    let column = state.column;
    let before = state.spot();
    let Some(pi) = selected_persona_index(state) else {
        return;
    };
    let Some((what, ids)) = delete_subject(state) else {
        return;
    };
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut edits = column
        .down()
        .map(|down| unlink_edits(state, down, &ids))
        .unwrap_or_default();
    match state.selected() {
        Some(Row::Persona(_)) => edits.push(Edit::Remove { column, index: pi }),
        Some(Row::Goal(_, gi)) => {
            if let Some(p) = persona_at(state, column, pi) {
                let mut p = p.clone();
                p.goals.remove(gi);
                edits.push(Edit::Set {
                    column,
                    index: pi,
                    persona: p,
                });
            }
        }
        None => return,
    }
    let label = format!("delete {what}");
    state.doc.apply(label.clone(), edits, before);
    state.say(Tone::Success, format!("deleted {what} — u undoes"));
}

pub(super) fn move_item(state: &mut State, delta: isize) {
    if state.view != View::Board {
        return;
    }
    let column = state.column;
    let before = state.spot();
    let ws = state.doc.workspace();
    match state.selected() {
        Some(Row::Persona(pi)) => {
            let Some(to) = pi
                .checked_add_signed(delta)
                .filter(|t| *t < ws.column(column).len())
            else {
                return;
            };
            let (a, b) = (
                Persona::clone(&ws.column(column)[pi]),
                Persona::clone(&ws.column(column)[to]),
            );
            let label = format!("move persona {:?}", a.name);
            state.doc.apply(
                label.clone(),
                vec![
                    Edit::Set {
                        column,
                        index: pi,
                        persona: b,
                    },
                    Edit::Set {
                        column,
                        index: to,
                        persona: a,
                    },
                ],
                before,
            );
            state.columns[column.index()].cursor = state.doc.row_of(column, to, None);
            state.say(Tone::Success, format!("{label} — u undoes"));
        }
        Some(Row::Goal(pi, gi)) => {
            let mut p = Persona::clone(&ws.column(column)[pi]);
            let Some(to) = gi.checked_add_signed(delta).filter(|t| *t < p.goals.len()) else {
                return;
            };
            p.goals.swap(gi, to);
            let label = format!("move goal {:?}", p.goals[to].text);
            state.doc.apply(
                label.clone(),
                vec![Edit::Set {
                    column,
                    index: pi,
                    persona: p,
                }],
                before,
            );
            state.columns[column.index()].cursor = state.doc.row_of(column, pi, Some(to));
            state.say(Tone::Success, format!("{label} — u undoes"));
        }
        None => {}
    }
}

pub(super) fn undo(state: &mut State) {
    let now = state.spot();
    match state.doc.undo(now) {
        Some((label, spot)) => {
            set_spot(state, spot);
            state.say(Tone::Info, format!("undone: {label} (Ctrl-r redoes)"));
        }
        None => state.say(Tone::Info, "nothing to undo"),
    }
}

pub(super) fn redo(state: &mut State) {
    let now = state.spot();
    match state.doc.redo(now) {
        Some((label, spot)) => {
            set_spot(state, spot);
            state.say(Tone::Info, format!("redone: {label}"));
        }
        None => state.say(Tone::Info, "nothing to redo"),
    }
}
