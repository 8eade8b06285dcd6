//! Merge conflicts kept in a workspace (SPEC §9, file format 2), and resolving them.
//!
//! A [`Conflict`] is recorded by `personas merge` when both sides changed the same field
//! differently, or one side edited a persona or goal that the other deleted. The workspace keeps
//! one version in place (ours for a field, the edited one for edit vs delete) and the conflict
//! keeps base, ours and theirs verbatim until [`resolve`] applies a choice. Nothing here knows
//! about the screen or the file: values are the field's text as the file spells it.

use std::sync::Arc;
use thiserror::Error;

use super::fields::{self, Access, Field};
use super::{Column, Persona, Workspace};

/// The `field` of a conflict about a whole persona or goal: edited on one side, deleted on the
/// other. Its `base`, `ours` and `theirs` hold the record as RON, `None` on the deleting side.
pub const RECORD: &str = "record";

/// The field of a persona's conflict when both sides moved it to different columns (its other
/// conflicts are about the fields of [`fields::PERSONA_FIELDS`] of one value: lists and
/// `supports` merge without conflicts).
pub const COLUMN: &str = "column";

/// The field of a goal's conflict when both sides moved it to different personas; its values
/// are persona ids (its other conflicts are about the fields of [`fields::GOAL_FIELDS`]).
pub const PERSONA: &str = "persona";

/// The field name of the workspace's title in a conflict whose `id` is empty.
pub const TITLE: &str = "title";

/// One unresolved conflict: the id, the field, and the three versions verbatim (`None` where
/// the side has no such persona or goal).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Conflict {
    /// The persona or goal the conflict is about; empty for the workspace's title.
    pub id: String,
    /// The field both sides changed, or [`RECORD`] for edit vs delete.
    pub field: String,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

impl Conflict {
    /// Whether this is an edit on one side of something the other side deleted.
    pub fn is_record(&self) -> bool {
        self.field == RECORD
    }

    /// Whether the field holds free text, so that `e` (edit the two joined) makes sense: the
    /// title and the text fields of a persona or a goal.
    pub fn is_text(&self) -> bool {
        fn text<T>(f: &Field<T>) -> bool {
            matches!(f.access, Access::Text { .. })
        }
        let key = self.field.as_str();
        key == TITLE
            || fields::persona_field(key).is_some_and(text)
            || fields::goal_field(key).is_some_and(text)
    }

    /// Ours and theirs joined, as the starting text of an edit: ours, a new line, theirs.
    pub fn joined(&self) -> String {
        let ours = self.ours.as_deref().unwrap_or_default();
        let theirs = self.theirs.as_deref().unwrap_or_default();
        if ours.is_empty() || theirs.is_empty() {
            format!("{ours}{theirs}")
        } else {
            format!("{ours}\n{theirs}")
        }
    }

    /// One line for people: what conflicts, and the two versions.
    pub fn describe(&self) -> String {
        let what = if self.id.is_empty() {
            "the workspace".to_string()
        } else {
            format!("{:?}", self.id)
        };
        if self.is_record() {
            let (editor, deleter) = if self.ours.is_some() {
                ("ours", "theirs")
            } else {
                ("theirs", "ours")
            };
            return format!(
                "{what} was deleted by {deleter} but changed by {editor} (it or its goals); \
                 the changed version is kept until resolved"
            );
        }
        let show = |v: &Option<String>| v.as_ref().map_or("(none)".into(), |s| format!("{s:?}"));
        format!(
            "{what}: {} changed on both sides: ours {}, theirs {} (base {})",
            self.field,
            show(&self.ours),
            show(&self.theirs),
            show(&self.base)
        )
    }
}

/// How a person settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Ours,
    Theirs,
    /// A new text for the field (text fields only).
    Edit(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResolveError {
    #[error("there is no conflict #{0}")]
    NoSuchConflict(usize),
    #[error("{id:?} is no longer in the workspace")]
    Gone { id: String },
    #[error("{field} is not a text field; choose ours or theirs")]
    NotText { field: String },
    #[error("{value:?} is not a valid {field}")]
    BadValue { field: String, value: String },
    #[error("{field} is not a field that can conflict")]
    UnknownField { field: String },
}

/// Applies `choice` to the field the conflict is about and removes the conflict from the
/// workspace. Returns the removed conflict (for undo). On error nothing changes. Choosing the
/// side that deleted a persona deletes it with its goals, the links to them, and the other
/// conflicts about them (nothing is left to resolve there).
pub fn resolve(
    ws: &mut Workspace,
    conflict: usize,
    choice: Resolution,
) -> Result<Conflict, ResolveError> {
    let c = ws
        .conflicts
        .get(conflict)
        .cloned()
        .ok_or(ResolveError::NoSuchConflict(conflict))?;
    if c.is_record() {
        let keep = match choice {
            Resolution::Ours => c.ours.is_some(),
            Resolution::Theirs => c.theirs.is_some(),
            Resolution::Edit(_) => {
                return Err(ResolveError::NotText { field: c.field });
            }
        };
        if !keep {
            let gone = delete(ws, &c.id).ok_or_else(|| ResolveError::Gone { id: c.id.clone() })?;
            ws.conflicts.remove(conflict);
            ws.conflicts
                .retain(|other| other.id != c.id && !gone.contains(&other.id));
            return Ok(c);
        }
    } else {
        let value = match choice {
            Resolution::Ours => c.ours.clone().unwrap_or_default(),
            Resolution::Theirs => c.theirs.clone().unwrap_or_default(),
            Resolution::Edit(text) if c.is_text() => text,
            Resolution::Edit(_) => return Err(ResolveError::NotText { field: c.field }),
        };
        set_field(ws, &c.id, &c.field, &value)?;
    }
    ws.conflicts.remove(conflict);
    Ok(c)
}

/// Deletes the persona or goal with this id, and every link to the goals deleted with it.
/// Returns the ids of the goals deleted.
fn delete(ws: &mut Workspace, id: &str) -> Option<Vec<String>> {
    let gone: Vec<String> = if let Some((column, at)) = find_persona(ws, id) {
        let p = ws.column_mut(column).remove(at);
        p.goals.iter().map(|g| g.id.clone()).collect()
    } else {
        let (column, pi, gi) = find_goal(ws, id)?;
        vec![ws.persona_mut(column, pi).goals.remove(gi).id]
    };
    // Only the personas that link to a deleted goal are copied (the rest stay shared).
    let links_to_gone = |p: &Persona| {
        p.goals
            .iter()
            .any(|g| g.supports.iter().any(|s| gone.contains(s)))
    };
    for p in ws.columns.iter_mut().flatten() {
        if links_to_gone(p) {
            for g in &mut Arc::make_mut(p).goals {
                g.supports.retain(|s| !gone.contains(s));
            }
        }
    }
    Some(gone)
}

fn find_persona(ws: &Workspace, id: &str) -> Option<(Column, usize)> {
    Column::ALL
        .into_iter()
        .find_map(|c| Some((c, ws.column(c).iter().position(|p| p.id == id)?)))
}

fn bad(field: &str, value: &str) -> ResolveError {
    ResolveError::BadValue {
        field: field.to_string(),
        value: value.to_string(),
    }
}

/// Sets one field of the persona or goal `id` (or the title when `id` is empty) to `value`.
pub fn set_field(
    ws: &mut Workspace,
    id: &str,
    field: &str,
    value: &str,
) -> Result<(), ResolveError> {
    if id.is_empty() {
        return if field == TITLE {
            ws.title = value.to_string();
            Ok(())
        } else {
            Err(unknown(field))
        };
    }
    let gone = || ResolveError::Gone { id: id.to_string() };
    if let Some((column, at)) = find_persona(ws, id) {
        if field == COLUMN {
            let to = Column::ALL
                .into_iter()
                .find(|c| c.key() == value)
                .ok_or_else(|| bad(field, value))?;
            if to != column {
                let p = ws.column_mut(column).remove(at);
                ws.column_mut(to).push(p);
            }
            return Ok(());
        }
        let f = fields::persona_field(field)
            .filter(|f| !f.is_list())
            .ok_or_else(|| unknown(field))?;
        return set_file_text(f, ws.persona_mut(column, at), field, value);
    }
    let (column, pi, gi) = find_goal(ws, id).ok_or_else(gone)?;
    if field == PERSONA {
        let (to_column, to) = Column::ALL
            .into_iter()
            .find_map(|c| Some((c, ws.column(c).iter().position(|p| p.id == value)?)))
            .ok_or_else(|| bad(field, value))?;
        if (to_column, to) != (column, pi) {
            let g = ws.persona_mut(column, pi).goals.remove(gi);
            ws.persona_mut(to_column, to).goals.push(g);
        }
        return Ok(());
    }
    let f = fields::goal_field(field)
        .filter(|f| !f.is_list())
        .ok_or_else(|| unknown(field))?;
    set_file_text(f, &mut ws.persona_mut(column, pi).goals[gi], field, value)
}

fn unknown(field: &str) -> ResolveError {
    ResolveError::UnknownField {
        field: field.into(),
    }
}

/// Writes a field of one value, or says the value is not one the field takes.
fn set_file_text<T>(
    f: &Field<T>,
    item: &mut T,
    field: &str,
    value: &str,
) -> Result<(), ResolveError> {
    if f.set_file_text(item, value) {
        Ok(())
    } else {
        Err(bad(field, value))
    }
}

fn find_goal(ws: &Workspace, id: &str) -> Option<(Column, usize, usize)> {
    Column::ALL.into_iter().find_map(|c| {
        ws.column(c).iter().enumerate().find_map(|(pi, p)| {
            p.goals
                .iter()
                .position(|g| g.id == id)
                .map(|gi| (c, pi, gi))
        })
    })
}

#[cfg(test)]
mod tests;
