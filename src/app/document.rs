//! The open workspace with what is derived from it (link index, findings, coverage, row layout)
//! and its undo history.
//!
//! Every change is a list of [`Edit`]s on whole personas. Applying an edit returns its inverse,
//! so history holds only the personas a change touched: it grows with the size of the changes,
//! not of the workspace.

use std::collections::HashMap;
use std::sync::Arc;

use super::lists::{ListLine, chain_lines, gap_lines};
use crate::model::{Chains, Column, Coverage, Finding, FindingCode, LinkIndex, Persona, Workspace};

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

/// Facts computed from the workspace after every change, never per frame.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub index: LinkIndex,
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    /// Finding codes by goal or persona id.
    pub marks: HashMap<String, Vec<FindingCode>>,
    /// For each column, the first row of each persona (row = persona line, then its goals).
    pub row_starts: [Vec<usize>; 3],
    pub row_counts: [usize; 3],
    pub linked_goals: [usize; 3],
    pub goal_counts: [usize; 3],
    /// Lines of the Chains and Gaps views.
    pub chain_lines: Vec<ListLine>,
    pub gap_lines: Vec<ListLine>,
}

impl Derived {
    fn build(ws: &Workspace) -> Derived {
        let index = LinkIndex::build(ws);
        let findings = crate::model::findings(ws, &index);
        let coverage = crate::model::coverage(ws, &index);
        let mut marks: HashMap<String, Vec<FindingCode>> = HashMap::new();
        for f in &findings {
            if let Some(id) = f.goal.as_ref().or(f.persona.as_ref()) {
                marks.entry(id.clone()).or_default().push(f.code);
            }
        }
        let mut d = Derived {
            index,
            findings,
            coverage,
            marks,
            ..Derived::default()
        };
        for column in Column::ALL {
            let c = column.index();
            let mut row = 0;
            for p in ws.column(column) {
                d.row_starts[c].push(row);
                row += 1 + p.goals.len();
                d.goal_counts[c] += p.goals.len();
                d.linked_goals[c] += p
                    .goals
                    .iter()
                    .filter(|g| !g.supports.is_empty() || !d.index.supported_by(&g.id).is_empty())
                    .count();
            }
            d.row_counts[c] = row;
        }
        let chains = Chains::build(ws, &d.index);
        d.chain_lines = chain_lines(ws, &d.index, &chains);
        d.gap_lines = gap_lines(&d.findings);
        d
    }
}

/// The workspace being edited, its derived facts and its history.
#[derive(Debug, Clone)]
pub struct Document {
    /// Shared with a save in flight: handing the writer a snapshot costs one reference count,
    /// and the first edit during a save copies the workspace once (`Arc::make_mut`).
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
        let derived = Derived::build(&ws);
        Document {
            ws: Arc::new(ws),
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
        let inverse = self.run(edits);
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
        self.derived = Derived::build(&self.ws);
    }

    /// Undoes the last change; returns its label and where the cursor was before it.
    pub fn undo(&mut self, now: Spot) -> Option<(String, Spot)> {
        let step = self.undo.pop()?;
        let redo_edits = self.run(step.edits);
        let state_after_redo = step.state;
        self.state = self.undo.last().map_or(self.base_state, |s| s.state);
        self.redo.push(Step {
            label: step.label.clone(),
            edits: redo_edits,
            spot: now,
            state: state_after_redo,
        });
        self.derived = Derived::build(&self.ws);
        Some((step.label, step.spot))
    }

    /// Redoes the last undone change; returns its label and where the cursor was after it.
    pub fn redo(&mut self, now: Spot) -> Option<(String, Spot)> {
        let step = self.redo.pop()?;
        let undo_edits = self.run(step.edits);
        self.state = step.state;
        self.undo.push(Step {
            label: step.label.clone(),
            edits: undo_edits,
            spot: now,
            state: step.state,
        });
        self.derived = Derived::build(&self.ws);
        Some((step.label, step.spot))
    }

    /// Runs edits in order and returns the edits that undo them, in the order to run them.
    fn run(&mut self, edits: Vec<Edit>) -> Vec<Edit> {
        let mut inverse = Vec::with_capacity(edits.len());
        for edit in edits {
            if let Some(undo) = self.run_one(edit) {
                inverse.push(undo);
            }
        }
        inverse.reverse();
        inverse
    }

    fn run_one(&mut self, edit: Edit) -> Option<Edit> {
        match edit {
            Edit::Set {
                column,
                index,
                persona,
            } => {
                let slot = Arc::make_mut(&mut self.ws)
                    .column_mut(column)
                    .get_mut(index)?;
                let old = std::mem::replace(slot, persona);
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
                let col = Arc::make_mut(&mut self.ws).column_mut(column);
                let index = index.min(col.len());
                col.insert(index, persona);
                Some(Edit::Remove { column, index })
            }
            Edit::Remove { column, index } => {
                let col = Arc::make_mut(&mut self.ws).column_mut(column);
                (index < col.len()).then(|| Edit::Insert {
                    column,
                    index,
                    persona: col.remove(index),
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

    /// Every id in use (persona and goal ids share one namespace).
    pub fn id_taken(&self, id: &str) -> bool {
        self.derived.index.contains_id(id)
    }
}
