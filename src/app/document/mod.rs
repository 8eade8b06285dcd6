//! The open workspace with what is derived from it (link index, findings, coverage, row layout)
//! and its undo history. Derived facts are updated for what a change touches (see [`Derived`]).
//!
//! Every change is a list of [`Edit`]s on whole personas. Applying an edit returns its inverse,
//! so history holds only the personas a change touched: it grows with the size of the changes,
//! not of the workspace.

mod derived;
mod lazy;
mod window;

use std::collections::HashMap;
use std::sync::Arc;

use super::lists::{ListLine, chain_lines_of, gap_lines};
use crate::model::findings::{department_reaches_buyer, user_reaches_buyer};
use crate::model::{
    CodeSet, Column, Coverage, Finding, FindingCode, Goal, LinkIndex, Persona, Workspace,
    goal_codes,
};

pub use derived::Derived;
use derived::Touched;
pub use lazy::Lazy;

/// Undo steps kept; older ones are dropped.
pub const HISTORY_DEPTH: usize = 1000;

/// One primitive change to a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace the persona at `index` (its fields or its goals).
    Set {
        column: Column,
        index: usize,
        persona: Persona,
    },
    Insert {
        column: Column,
        index: usize,
        persona: Persona,
    },
    Remove {
        column: Column,
        index: usize,
    },
    /// Replace the workspace title.
    Title(String),
    /// Replace the list of merge conflicts (resolving one).
    Conflicts(Vec<crate::model::Conflict>),
}

/// A persona taken out of the workspace, as an edit to keep: copied only if a snapshot (a
/// save in flight) still shares it.
fn unshare(p: Arc<Persona>) -> Persona {
    Arc::try_unwrap(p).unwrap_or_else(|shared| Persona::clone(&shared))
}

/// Where the cursor was: a column and a row in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spot {
    pub column: usize,
    pub row: usize,
}

/// A step of history: the edits that undo (or redo) one change, and what it was called.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    edits: Vec<Edit>,
    /// Where the cursor goes after this step is applied.
    spot: Spot,
    /// Identifies the workspace state this step leads to (for the modified marker).
    state: u64,
}

/// A row of a column: a persona, or one of its goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Persona(usize),
    Goal(usize, usize),
}

/// The workspace being edited, its derived facts and its history.
#[derive(Debug, Clone)]
pub struct Document {
    /// Shared with a save in flight: handing the writer a snapshot costs one reference count,
    /// and an edit during a save copies the column lists (one reference count per persona) and
    /// the personas it changes, never the rest (`Arc::make_mut`; personas are shared).
    ws: Arc<Workspace>,
    derived: Derived,
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    /// The state reached by undoing every step still in history.
    base_state: u64,
}

impl Document {
    pub fn new(ws: Workspace) -> Document {
        let ws = Arc::new(ws);
        let derived = Derived::build(&ws);
        Document {
            ws,
            derived,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            base_state: 0,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The workspace as it is now, to hand to a writer thread without copying it.
    pub fn snapshot(&self) -> Arc<Workspace> {
        Arc::clone(&self.ws)
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// An id for the current content: equal ids mean equal workspaces (used for "modified").
    pub fn state(&self) -> u64 {
        self.state
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Replaces the whole workspace (reload); history is cleared.
    pub fn replace(&mut self, ws: Workspace) {
        *self = Document::new(ws);
    }

    /// Applies a change as one undoable step. `before` is where the cursor was.
    pub fn apply(&mut self, label: impl Into<String>, edits: Vec<Edit>, before: Spot) {
        if edits.is_empty() {
            return;
        }
        let inverse = self.change(edits);
        self.state = self.next_state;
        self.next_state += 1;
        self.undo.push(Step {
            label: label.into(),
            edits: inverse,
            spot: before,
            state: self.state,
        });
        if self.undo.len() > HISTORY_DEPTH {
            let dropped = self.undo.remove(0);
            self.base_state = dropped.state;
        }
        self.redo.clear();
    }

    /// Undoes the last change; returns its label and where the cursor was before it.
    pub fn undo(&mut self, now: Spot) -> Option<(String, Spot)> {
        let step = self.undo.pop()?;
        let redo_edits = self.change(step.edits);
        let state_after_redo = step.state;
        self.state = self.undo.last().map_or(self.base_state, |s| s.state);
        self.redo.push(Step {
            label: step.label.clone(),
            edits: redo_edits,
            spot: now,
            state: state_after_redo,
        });
        Some((step.label, step.spot))
    }

    /// Redoes the last undone change; returns its label and where the cursor was after it.
    pub fn redo(&mut self, now: Spot) -> Option<(String, Spot)> {
        let step = self.redo.pop()?;
        let undo_edits = self.change(step.edits);
        self.state = step.state;
        self.undo.push(Step {
            label: step.label.clone(),
            edits: undo_edits,
            spot: now,
            state: step.state,
        });
        Some((step.label, step.spot))
    }

    /// Runs the edits of one step and brings the derived facts up to date; returns the edits
    /// that undo them.
    fn change(&mut self, edits: Vec<Edit>) -> Vec<Edit> {
        self.derived.release();
        let mut touched = Touched::default();
        let mut inverse = Vec::with_capacity(edits.len());
        for edit in edits {
            if let Some(undo) = self.run_one(edit, &mut touched) {
                inverse.push(undo);
            }
        }
        inverse.reverse();
        self.derived.settle(&self.ws, touched);
        #[cfg(debug_assertions)]
        self.derived.check(&self.ws);
        inverse
    }

    /// Runs one edit on the workspace and the link index; returns the edit that undoes it.
    fn run_one(&mut self, edit: Edit, touched: &mut Touched) -> Option<Edit> {
        let ws = Arc::make_mut(&mut self.ws);
        let d = &mut self.derived;
        match edit {
            Edit::Title(title) => Some(Edit::Title(std::mem::replace(&mut ws.title, title))),
            Edit::Conflicts(list) => {
                Some(Edit::Conflicts(std::mem::replace(&mut ws.conflicts, list)))
            }
            Edit::Set {
                column,
                index,
                persona,
            } => {
                let slot = ws.column_mut(column).get_mut(index)?;
                let old = unshare(std::mem::replace(slot, Arc::new(persona)));
                let new = &ws.column(column)[index];
                let links = Arc::make_mut(&mut d.index);
                links.remove_persona(column, index, &old, &mut touched.targets);
                links.add_persona(column, index, new, &mut touched.targets);
                touched.note(&old);
                touched.note(new);
                d.tally.replace(column, index, new.goals.len());
                d.resize_rows(column, index, Some(old.goals.len()), Some(new.goals.len()));
                Some(Edit::Set {
                    column,
                    index,
                    persona: old,
                })
            }
            Edit::Insert {
                column,
                index,
                persona,
            } => {
                let col = ws.column_mut(column);
                let index = index.min(col.len());
                col.insert(index, Arc::new(persona));
                let links = Arc::make_mut(&mut d.index);
                links.insert_place(column, index);
                links.add_persona(column, index, &col[index], &mut touched.targets);
                touched.note(&col[index]);
                d.tally.insert(column, index, col[index].goals.len());
                d.resize_rows(column, index, None, Some(col[index].goals.len()));
                Some(Edit::Remove { column, index })
            }
            Edit::Remove { column, index } => {
                let col = ws.column_mut(column);
                if index >= col.len() {
                    return None;
                }
                let old = unshare(col.remove(index));
                let links = Arc::make_mut(&mut d.index);
                links.remove_persona(column, index, &old, &mut touched.targets);
                links.remove_place(column, index);
                touched.note(&old);
                d.tally.remove(column, index);
                d.resize_rows(column, index, Some(old.goals.len()), None);
                Some(Edit::Insert {
                    column,
                    index,
                    persona: old,
                })
            }
        }
    }

    /// Rows in a column: each persona, then its goals.
    pub fn row_count(&self, column: Column) -> usize {
        self.derived.row_counts[column.index()]
    }

    /// What is on a row of a column.
    pub fn row(&self, column: Column, row: usize) -> Option<Row> {
        let starts = &self.derived.row_starts[column.index()];
        let pi = match starts.binary_search(&row) {
            Ok(pi) => return Some(Row::Persona(pi)),
            Err(0) => return None,
            Err(next) => next - 1,
        };
        let gi = row - starts[pi] - 1;
        let persona = self.ws.column(column).get(pi)?;
        (gi < persona.goals.len()).then_some(Row::Goal(pi, gi))
    }

    /// The row a persona (or one of its goals) is on.
    pub fn row_of(&self, column: Column, persona: usize, goal: Option<usize>) -> usize {
        let start = self.derived.row_starts[column.index()]
            .get(persona)
            .copied()
            .unwrap_or(0);
        start + goal.map_or(0, |g| g + 1)
    }

    /// Where a persona or goal of a list line or a search hit is now (`None` for a column, a
    /// conflict, or an id that is gone).
    pub fn locate(&self, target: &crate::app::lists::Target) -> Option<(Column, Row)> {
        use crate::app::lists::Target;
        let index = &self.derived.index;
        match target {
            Target::Goal(id) => index
                .goal_pos(id)
                .map(|p| (p.column, Row::Goal(p.persona, p.goal))),
            Target::Persona(id) => index.persona_pos(id).map(|(c, pi)| (c, Row::Persona(pi))),
            Target::Column(_) | Target::Conflict(_) | Target::Proposal(_) => None,
        }
    }

    /// The cursor's spot for a row of a column.
    pub fn spot_of(&self, column: Column, row: Row) -> Spot {
        let (persona, goal) = match row {
            Row::Persona(pi) => (pi, None),
            Row::Goal(pi, gi) => (pi, Some(gi)),
        };
        Spot {
            column: column.index(),
            row: self.row_of(column, persona, goal),
        }
    }

    /// Every id in use (persona and goal ids share one namespace).
    pub fn id_taken(&self, id: &str) -> bool {
        self.derived.index.contains_id(id)
    }
}

#[cfg(test)]
mod tests;
