//! The open workspace with what is derived from it (link index, findings, coverage, row layout)
//! and its undo history. Derived facts are updated for what a change touches (see [`Derived`]).
//!
//! Every change is a list of [`Edit`]s on whole personas. Applying an edit returns its inverse,
//! so history holds only the personas a change touched: it grows with the size of the changes,
//! not of the workspace.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use super::lists::{ListLine, chain_lines_of, gap_lines};
use crate::model::findings::{department_reaches_buyer, user_reaches_buyer};
use crate::model::{
    CodeSet, Column, Coverage, Finding, FindingCode, Goal, LinkIndex, Persona, Workspace,
    goal_codes,
};

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

/// Facts derived from the workspace, kept up to date after every change, never per frame.
///
/// A change costs what it touches, not the size of the workspace: the link index is updated for
/// the changed personas only ([`LinkIndex::remove_persona`] / [`LinkIndex::add_persona`]), the
/// per-goal facts (finding codes, linked, reaches a buyer, lines in the Chains view) are
/// recomputed for the goals within two links of a changed goal, and the totals (coverage, counts,
/// list lengths) are adjusted by the difference. The Chains and Gaps lines and the list of
/// findings are built only when something reads them ([`Lazy`]); their lengths are known at once.
///
/// Hot paths, no allocation per goal of the workspace: a keystroke that changes nothing (a
/// cursor move) reads `row_starts` (binary search), the index and `marks` (hash lookups), and
/// the lazies' `len()` (a stored number); a change touches the changed personas, their links and
/// the goals two links away; a frame builds only the visible rows (`ui::board`).
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub index: Arc<LinkIndex>,
    /// Every finding, in `personas check` order; built when first read.
    pub findings: Lazy<Finding>,
    pub coverage: Coverage,
    /// Finding codes by goal or persona id.
    pub marks: HashMap<String, Vec<FindingCode>>,
    /// For each column, the first row of each persona (row = persona line, then its goals).
    pub row_starts: [Vec<usize>; 3],
    pub row_counts: [usize; 3],
    pub linked_goals: [usize; 3],
    pub goal_counts: [usize; 3],
    /// Lines of the Chains and Gaps views; built when first read, `len()` known at once.
    pub chain_lines: Lazy<ListLine>,
    pub gap_lines: Lazy<ListLine>,
    tally: Tally,
}

/// What is kept about one goal (or persona), to take it out of the totals when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    column: Column,
    codes: CodeSet,
    /// Supports a goal or is supported by one.
    linked: bool,
    /// A user goal that reaches a buyer goal, or a department goal that supports one.
    reaches: bool,
    /// A buyer goal's lines in the Chains view.
    chain_lines: u32,
}

impl Facts {
    /// Counts for nothing (a place whose facts are not worked out yet).
    fn none(column: Column) -> Facts {
        Facts {
            column,
            codes: CodeSet::default(),
            linked: false,
            reaches: false,
            chain_lines: 0,
        }
    }

    fn of_goal(ws: &Workspace, index: &LinkIndex, column: Column, goal: &Goal) -> Facts {
        let below = index.supported_by(&goal.id);
        let chain_lines = if column == Column::Buyers {
            1 + if below.is_empty() {
                1
            } else {
                below.iter().map(|d| 1 + index.supported_by(d).len()).sum()
            }
        } else {
            0
        };
        Facts {
            column,
            codes: goal_codes(index, column, goal),
            linked: !goal.supports.is_empty() || !below.is_empty(),
            reaches: match column {
                Column::Users => user_reaches_buyer(ws, index, &goal.id),
                Column::Departments => department_reaches_buyer(ws, index, &goal.id),
                Column::Buyers => false,
            },
            chain_lines: u32::try_from(chain_lines).unwrap_or(u32::MAX),
        }
    }

    fn of_persona(column: Column, persona: &Persona) -> Facts {
        let mut facts = Facts::none(column);
        if persona.goals.is_empty() {
            facts.codes.insert(FindingCode::NoGoals);
        }
        facts
    }
}

/// The facts of every goal and persona, by place (column, persona, goal: no copies of ids),
/// and their totals. Places follow the workspace edit by edit; a place whose persona was
/// replaced or inserted counts for nothing until [`Derived::settle`] works its facts out.
#[derive(Debug, Clone, Default)]
struct Tally {
    goals: [Vec<Vec<Facts>>; 3],
    personas: [Vec<Facts>; 3],
    codes: [usize; FindingCode::ALL.len()],
    linked: [usize; 3],
    reaching: [usize; 3],
    chain_lines: usize,
}

impl Tally {
    fn count(&mut self, f: Facts, add: bool) {
        let step = |n: &mut usize, by: usize| {
            if add { *n += by } else { *n -= by }
        };
        for code in f.codes.iter() {
            step(&mut self.codes[code as usize], 1);
        }
        let c = f.column.index();
        step(&mut self.linked[c], usize::from(f.linked));
        step(&mut self.reaching[c], usize::from(f.reaches));
        step(&mut self.chain_lines, f.chain_lines as usize);
    }

    /// Takes the persona at `index` of `column` (and its goals) out of the totals.
    fn forget(&mut self, column: Column, index: usize) {
        let c = column.index();
        let mut gone: Vec<Facts> = Vec::new();
        if let Some(goals) = self.goals[c].get(index) {
            gone.extend(goals.iter().copied());
        }
        gone.extend(self.personas[c].get(index).copied());
        for f in gone {
            self.count(f, false);
        }
    }

    /// The persona at `index` of `column` was replaced by one with `goals` goals.
    fn replace(&mut self, column: Column, index: usize, goals: usize) {
        self.forget(column, index);
        let c = column.index();
        if let Some(slot) = self.goals[c].get_mut(index) {
            slot.clear();
            slot.resize(goals, Facts::none(column));
        }
        if let Some(slot) = self.personas[c].get_mut(index) {
            *slot = Facts::none(column);
        }
    }

    fn insert(&mut self, column: Column, index: usize, goals: usize) {
        let c = column.index();
        let index = index.min(self.personas[c].len());
        self.goals[c].insert(index, vec![Facts::none(column); goals]);
        self.personas[c].insert(index, Facts::none(column));
    }

    fn remove(&mut self, column: Column, index: usize) {
        self.forget(column, index);
        let c = column.index();
        if index < self.personas[c].len() {
            self.goals[c].remove(index);
            self.personas[c].remove(index);
        }
    }

    /// Puts `now` in the place of a goal (`Some(goal)`) or a persona, in the totals too.
    fn set(&mut self, column: Column, persona: usize, goal: Option<usize>, now: Facts) {
        let c = column.index();
        let slot = match goal {
            Some(g) => self.goals[c].get_mut(persona).and_then(|p| p.get_mut(g)),
            None => self.personas[c].get_mut(persona),
        };
        if let Some(slot) = slot {
            let old = std::mem::replace(slot, now);
            self.count(old, false);
            self.count(now, true);
        }
    }
}

/// Keeps `marks` in step with the finding codes of one id.
fn mark(marks: &mut HashMap<String, Vec<FindingCode>>, id: &str, codes: CodeSet) {
    if codes.is_empty() {
        marks.remove(id);
    } else if let Some(list) = marks.get_mut(id) {
        list.clear();
        list.extend(codes.iter());
    } else {
        marks.insert(id.to_string(), codes.iter().collect());
    }
}

/// What one step of changes touched: the ids of the personas and goals it replaced, inserted
/// or removed (old and new), and the goals whose supporters changed.
#[derive(Debug, Default)]
struct Touched {
    personas: Vec<String>,
    goals: Vec<String>,
    targets: Vec<String>,
}

impl Touched {
    fn note(&mut self, p: &Persona) {
        self.personas.push(p.id.clone());
        self.goals.extend(p.goals.iter().map(|g| g.id.clone()));
    }
}

/// A list built from the workspace the first time it is read, after which it is kept until the
/// next change. Its length is known without building it (`len` is this type's own method, so
/// `derived().chain_lines.len()` never builds the list); everything else reads the built list
/// through `Deref<Target = [T]>`.
pub struct Lazy<T> {
    len: usize,
    source: Option<(Arc<Workspace>, Arc<LinkIndex>)>,
    build: fn(&Workspace, &LinkIndex) -> Vec<T>,
    built: OnceLock<Vec<T>>,
}

impl<T> Lazy<T> {
    fn new(
        len: usize,
        ws: &Arc<Workspace>,
        index: &Arc<LinkIndex>,
        build: fn(&Workspace, &LinkIndex) -> Vec<T>,
    ) -> Lazy<T> {
        Lazy {
            len,
            source: Some((Arc::clone(ws), Arc::clone(index))),
            build,
            built: OnceLock::new(),
        }
    }

    /// Lines (or findings) in the list, without building it.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T> Deref for Lazy<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.built.get_or_init(|| match &self.source {
            Some((ws, index)) => (self.build)(ws, index),
            None => Vec::new(),
        })
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Lazy<T> {
        Lazy {
            len: 0,
            source: None,
            build: |_, _| Vec::new(),
            built: OnceLock::new(),
        }
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Lazy<T> {
        Lazy {
            len: self.len,
            source: self.source.clone(),
            build: self.build,
            built: self.built.clone(),
        }
    }
}

impl<T> std::fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lazy")
            .field("len", &self.len)
            .field("built", &self.built.get().is_some())
            .finish()
    }
}

fn build_findings(ws: &Workspace, index: &LinkIndex) -> Vec<Finding> {
    crate::model::findings(ws, index)
}

fn build_chain_lines(ws: &Workspace, index: &LinkIndex) -> Vec<ListLine> {
    chain_lines_of(ws, index)
}

fn build_gap_lines(ws: &Workspace, index: &LinkIndex) -> Vec<ListLine> {
    gap_lines(&crate::model::findings(ws, index))
}

impl Derived {
    /// Everything, from scratch (on open).
    fn build(ws: &Arc<Workspace>) -> Derived {
        let mut d = Derived {
            index: Arc::new(LinkIndex::build(ws)),
            ..Derived::default()
        };
        let index = Arc::clone(&d.index);
        for column in Column::ALL {
            let c = column.index();
            let mut row = 0;
            d.row_starts[c].reserve_exact(ws.column(column).len());
            for (pi, p) in ws.column(column).iter().enumerate() {
                d.row_starts[c].push(row);
                row += 1 + p.goals.len();
                d.goal_counts[c] += p.goals.len();
                d.tally.insert(column, pi, p.goals.len());
                for (gi, g) in p.goals.iter().enumerate() {
                    let f = Facts::of_goal(ws, &index, column, g);
                    d.tally.set(column, pi, Some(gi), f);
                    mark(&mut d.marks, &g.id, f.codes);
                }
                let f = Facts::of_persona(column, p);
                d.tally.set(column, pi, None, f);
                mark(&mut d.marks, &p.id, f.codes);
            }
            d.row_counts[c] = row;
        }
        drop(index);
        d.relist(ws);
        d
    }

    /// Lets go of the lists' hold on the workspace and the index, so that a change can edit
    /// both in place (`Arc::make_mut` copies only what a save in flight still holds).
    fn release(&mut self) {
        self.findings = Lazy::default();
        self.chain_lines = Lazy::default();
        self.gap_lines = Lazy::default();
    }

    /// Totals and lazy lists from the tally.
    fn relist(&mut self, ws: &Arc<Workspace>) {
        let t = &mut self.tally;
        t.codes[FindingCode::EmptyColumn as usize] =
            ws.columns.iter().filter(|c| c.is_empty()).count();
        self.coverage = Coverage {
            reached: t.reaching[Column::Users.index()],
            total: self.goal_counts[Column::Users.index()],
        };
        self.linked_goals = t.linked;
        let findings: usize = t.codes.iter().sum();
        let groups = t.codes.iter().filter(|n| **n > 0).count();
        let unreached = (self.goal_counts[Column::Departments.index()]
            - t.reaching[Column::Departments.index()])
            + (self.coverage.total - self.coverage.reached);
        let chain_lines = t.chain_lines + if unreached > 0 { 1 + unreached } else { 0 };
        self.findings = Lazy::new(findings, ws, &self.index, build_findings);
        self.chain_lines = Lazy::new(chain_lines, ws, &self.index, build_chain_lines);
        self.gap_lines = Lazy::new(findings + groups, ws, &self.index, build_gap_lines);
    }

    /// Recomputes the facts of these goals and personas (ids that are gone lose their marks).
    fn refresh(&mut self, ws: &Workspace, goals: &[String], personas: &[String]) {
        let index = &*self.index;
        for id in goals {
            let found = index.goal_pos(id).and_then(|pos| {
                let goal = ws
                    .column(pos.column)
                    .get(pos.persona)?
                    .goals
                    .get(pos.goal)?;
                Some((pos, Facts::of_goal(ws, index, pos.column, goal)))
            });
            match found {
                Some((pos, f)) => {
                    self.tally.set(pos.column, pos.persona, Some(pos.goal), f);
                    mark(&mut self.marks, id, f.codes);
                }
                None => mark(&mut self.marks, id, CodeSet::default()),
            }
        }
        for id in personas {
            let found = index.persona_pos(id).and_then(|(column, pi)| {
                Some((
                    column,
                    pi,
                    Facts::of_persona(column, ws.column(column).get(pi)?),
                ))
            });
            match found {
                Some((column, pi, f)) => {
                    self.tally.set(column, pi, None, f);
                    mark(&mut self.marks, id, f.codes);
                }
                None => mark(&mut self.marks, id, CodeSet::default()),
            }
        }
    }

    /// After the edits of one step: puts supporter lists back in order, then recomputes the
    /// facts of every goal a finding, the coverage or a Chains line of which may have changed:
    /// the changed goals, the goals they support (their supporters changed) and the goals two
    /// links away up and down (reaching a buyer and Chains lines look two links far).
    fn settle(&mut self, ws: &Arc<Workspace>, mut touched: Touched) {
        Arc::make_mut(&mut self.index).sort_supporters(&mut touched.targets);
        let index = &*self.index;
        let mut affected: Vec<String> = Vec::new();
        let mut down = Vec::new();
        for id in &touched.goals {
            down.extend(index.supported_by(id).iter().cloned());
        }
        for id in &down {
            affected.extend(index.supported_by(id).iter().cloned());
        }
        for id in &touched.targets {
            if let Some(g) = index.goal(ws, id) {
                affected.extend(g.supports.iter().cloned());
            }
        }
        affected.append(&mut down);
        affected.append(&mut touched.goals);
        affected.append(&mut touched.targets);
        affected.sort_unstable();
        affected.dedup();
        touched.personas.sort_unstable();
        touched.personas.dedup();
        self.refresh(ws, &affected, &touched.personas);
        self.relist(ws);
    }

    /// Row bookkeeping when the persona at `index` of `column` now has `new` goals instead of
    /// `old` (`None`: inserted or removed).
    fn resize_rows(
        &mut self,
        column: Column,
        index: usize,
        old: Option<usize>,
        new: Option<usize>,
    ) {
        let c = column.index();
        let starts = &mut self.row_starts[c];
        let rows = |n: Option<usize>| n.map_or(0, |g| 1 + g);
        match (old, new) {
            (None, Some(_)) => {
                let start = starts.get(index).copied().unwrap_or(self.row_counts[c]);
                starts.insert(index, start);
            }
            (Some(_), None) => {
                starts.remove(index);
            }
            _ => {}
        }
        let first_after = if new.is_some() { index + 1 } else { index };
        let (grow, shrink) = (rows(new), rows(old));
        for s in &mut starts[first_after..] {
            *s = *s + grow - shrink;
        }
        self.row_counts[c] = self.row_counts[c] + grow - shrink;
        self.goal_counts[c] = self.goal_counts[c] + new.unwrap_or(0) - old.unwrap_or(0);
    }

    /// Debug builds, small workspaces: the kept facts equal the ones computed from scratch.
    #[cfg(debug_assertions)]
    fn check(&self, ws: &Workspace) {
        use super::lists::chain_lines;
        use crate::model::Chains;
        if ws.goal_count() > 2000 {
            return;
        }
        let index = LinkIndex::build(ws);
        assert_eq!(*self.index, index, "link index drifted");
        let findings = crate::model::findings(ws, &index);
        let mut marks: HashMap<String, Vec<FindingCode>> = HashMap::new();
        for f in &findings {
            if let Some(id) = f.goal.as_ref().or(f.persona.as_ref()) {
                marks.entry(id.clone()).or_default().push(f.code);
            }
        }
        assert_eq!(self.marks, marks, "finding marks drifted");
        assert_eq!(self.coverage, crate::model::coverage(ws, &index));
        assert_eq!(self.findings.len(), findings.len());
        assert_eq!(self.gap_lines.len(), gap_lines(&findings).len());
        let chains = chain_lines(ws, &index, &Chains::build(ws, &index));
        assert_eq!(self.chain_lines.len(), chains.len(), "chain lines drifted");
        assert_eq!(
            chain_lines_of(ws, &index),
            chains,
            "two ways to the Chains lines"
        );
        for column in Column::ALL {
            let c = column.index();
            let mut row = 0;
            let mut starts = Vec::new();
            for p in ws.column(column) {
                starts.push(row);
                row += 1 + p.goals.len();
            }
            assert_eq!(self.row_starts[c], starts);
            assert_eq!(self.row_counts[c], row);
            let goals = ws.column(column).iter().flat_map(|p| &p.goals);
            assert_eq!(self.goal_counts[c], goals.clone().count());
            let linked = goals
                .filter(|g| !g.supports.is_empty() || !index.supported_by(&g.id).is_empty())
                .count();
            assert_eq!(self.linked_goals[c], linked);
            let shape: Vec<usize> = ws.column(column).iter().map(|p| p.goals.len()).collect();
            let kept: Vec<usize> = self.tally.goals[c].iter().map(Vec::len).collect();
            assert_eq!(kept, shape, "facts out of step with the workspace");
            assert_eq!(self.tally.personas[c].len(), shape.len());
        }
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
            Edit::Set {
                column,
                index,
                persona,
            } => {
                let slot = ws.column_mut(column).get_mut(index)?;
                let old = std::mem::replace(slot, persona);
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
                col.insert(index, persona);
                let links = Arc::make_mut(&mut d.index);
                links.reposition(column, col, index + 1);
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
                let old = col.remove(index);
                let links = Arc::make_mut(&mut d.index);
                links.remove_persona(column, index, &old, &mut touched.targets);
                links.reposition(column, col, index);
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

    /// Every id in use (persona and goal ids share one namespace).
    pub fn id_taken(&self, id: &str) -> bool {
        self.derived.index.contains_id(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Size, generate};

    /// A small deterministic sequence of numbers for choosing edits.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    fn random_edits(doc: &Document, rng: &mut Lcg, serial: usize) -> Vec<Edit> {
        let ws = doc.workspace();
        let column = Column::ALL[rng.below(3)];
        let len = ws.column(column).len();
        let index = rng.below(len);
        let Some(p) = ws.column(column).get(index) else {
            return vec![Edit::Insert {
                column,
                index: 0,
                persona: Persona {
                    id: format!("new-{serial}"),
                    name: "New".into(),
                    ..Persona::default()
                },
            }];
        };
        let up_goals: Vec<String> = column
            .up()
            .map(|up| {
                ws.column(up)
                    .iter()
                    .flat_map(|p| p.goals.iter().map(|g| g.id.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut p = p.clone();
        match rng.below(8) {
            // Relink a goal: drop a link, add one.
            0 | 1 if !p.goals.is_empty() => {
                let g = rng.below(p.goals.len());
                let goal = &mut p.goals[g];
                if !goal.supports.is_empty() {
                    let at = rng.below(goal.supports.len());
                    goal.supports.remove(at);
                }
                if !up_goals.is_empty() {
                    let t = up_goals[rng.below(up_goals.len())].clone();
                    if !goal.supports.contains(&t) {
                        goal.supports.push(t);
                    }
                }
                vec![Edit::Set {
                    column,
                    index,
                    persona: p,
                }]
            }
            // Remove a goal, leaving links to it dangling for a while.
            2 if !p.goals.is_empty() => {
                let g = rng.below(p.goals.len());
                p.goals.remove(g);
                vec![Edit::Set {
                    column,
                    index,
                    persona: p,
                }]
            }
            // Add a goal, without a metric.
            3 => {
                p.goals.push(Goal {
                    id: format!("goal-{serial}"),
                    text: "New goal".into(),
                    ..Goal::default()
                });
                vec![Edit::Set {
                    column,
                    index,
                    persona: p,
                }]
            }
            // Insert a copy with new ids.
            4 => {
                p.id = format!("copy-{serial}");
                for (i, g) in p.goals.iter_mut().enumerate() {
                    g.id = format!("copy-{serial}-{i}");
                }
                vec![Edit::Insert {
                    column,
                    index: rng.below(len + 1),
                    persona: p,
                }]
            }
            5 => vec![Edit::Remove { column, index }],
            // Move: two replacements, as Shift-J does.
            _ => {
                let to = rng.below(len);
                let other = ws.column(column)[to].clone();
                vec![
                    Edit::Set {
                        column,
                        index,
                        persona: other,
                    },
                    Edit::Set {
                        column,
                        index: to,
                        persona: p,
                    },
                ]
            }
        }
    }

    /// Every change keeps the derived facts equal to a build from scratch (`Derived::check`
    /// runs after each change in debug builds), through edits, undo and redo.
    #[test]
    fn derived_facts_follow_every_change() {
        let mut doc = Document::new(generate(Size::S, 3));
        let mut rng = Lcg(42);
        for serial in 0..300 {
            match rng.below(10) {
                0 | 1 => {
                    doc.undo(Spot::default());
                }
                2 => {
                    doc.redo(Spot::default());
                }
                _ => {
                    let edits = random_edits(&doc, &mut rng, serial);
                    doc.apply("change", edits, Spot::default());
                }
            }
        }
        while doc.undo(Spot::default()).is_some() {}
        let fresh = Document::new(generate(Size::S, 3));
        assert_eq!(doc.workspace(), fresh.workspace());
        assert_eq!(*doc.derived().index, *fresh.derived().index);
        assert_eq!(doc.derived().marks, fresh.derived().marks);
        assert_eq!(
            doc.derived().chain_lines.len(),
            fresh.derived().chain_lines.len()
        );
        assert_eq!(
            &doc.derived().chain_lines[..],
            &fresh.derived().chain_lines[..]
        );
        assert_eq!(&doc.derived().gap_lines[..], &fresh.derived().gap_lines[..]);
    }

    #[test]
    fn lazy_lists_know_their_length_before_they_are_built() {
        let doc = Document::new(generate(Size::S, 1));
        let d = doc.derived();
        let n = d.chain_lines.len();
        assert!(d.chain_lines.built.get().is_none());
        assert_eq!(d.chain_lines.iter().count(), n);
        assert_eq!(d.gap_lines.len(), d.gap_lines.iter().count());
        assert_eq!(d.findings.len(), d.findings.iter().count());
    }
}
