//! Facts derived from the workspace and kept up to date edit by edit: see [`Derived`].

use super::*;

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
    pub(super) tally: Tally,
}

/// What is kept about one goal (or persona), to take it out of the totals when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Facts {
    pub(super) column: Column,
    pub(super) codes: CodeSet,
    /// Supports a goal or is supported by one.
    pub(super) linked: bool,
    /// A user goal that reaches a buyer goal, or a department goal that supports one.
    pub(super) reaches: bool,
    /// A buyer goal's lines in the Chains view.
    pub(super) chain_lines: u32,
}

impl Facts {
    /// Counts for nothing (a place whose facts are not worked out yet).
    pub(super) fn none(column: Column) -> Facts {
        Facts {
            column,
            codes: CodeSet::default(),
            linked: false,
            reaches: false,
            chain_lines: 0,
        }
    }

    pub(super) fn of_goal(ws: &Workspace, index: &LinkIndex, column: Column, goal: &Goal) -> Facts {
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

    pub(super) fn of_persona(column: Column, persona: &Persona) -> Facts {
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
pub(super) struct Tally {
    pub(super) goals: [Vec<Vec<Facts>>; 3],
    pub(super) personas: [Vec<Facts>; 3],
    pub(super) codes: [usize; FindingCode::ALL.len()],
    pub(super) linked: [usize; 3],
    pub(super) reaching: [usize; 3],
    pub(super) chain_lines: usize,
}

impl Tally {
    pub(super) fn count(&mut self, f: Facts, add: bool) {
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
    pub(super) fn forget(&mut self, column: Column, index: usize) {
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
    pub(super) fn replace(&mut self, column: Column, index: usize, goals: usize) {
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

    pub(super) fn insert(&mut self, column: Column, index: usize, goals: usize) {
        let c = column.index();
        let index = index.min(self.personas[c].len());
        self.goals[c].insert(index, vec![Facts::none(column); goals]);
        self.personas[c].insert(index, Facts::none(column));
    }

    pub(super) fn remove(&mut self, column: Column, index: usize) {
        self.forget(column, index);
        let c = column.index();
        if index < self.personas[c].len() {
            self.goals[c].remove(index);
            self.personas[c].remove(index);
        }
    }

    /// Puts `now` in the place of a goal (`Some(goal)`) or a persona, in the totals too.
    pub(super) fn set(&mut self, column: Column, persona: usize, goal: Option<usize>, now: Facts) {
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
pub(super) fn mark(marks: &mut HashMap<String, Vec<FindingCode>>, id: &str, codes: CodeSet) {
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
pub(super) struct Touched {
    pub(super) personas: Vec<String>,
    pub(super) goals: Vec<String>,
    pub(super) targets: Vec<String>,
}

impl Touched {
    pub(super) fn note(&mut self, p: &Persona) {
        self.personas.push(p.id.clone());
        self.goals.extend(p.goals.iter().map(|g| g.id.clone()));
    }
}

pub(super) fn build_findings(ws: &Workspace, index: &LinkIndex) -> Vec<Finding> {
    crate::model::findings(ws, index)
}

pub(super) fn build_chain_lines(ws: &Workspace, index: &LinkIndex) -> Vec<ListLine> {
    chain_lines_of(ws, index)
}

pub(super) fn build_gap_lines(ws: &Workspace, index: &LinkIndex) -> Vec<ListLine> {
    let mut lines = crate::app::lists::conflict_lines(ws);
    lines.extend(gap_lines(&crate::model::findings(ws, index)));
    lines
}

impl Derived {
    /// Everything, from scratch (on open).
    pub(super) fn build(ws: &Arc<Workspace>) -> Derived {
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
    pub(super) fn release(&mut self) {
        self.findings = Lazy::default();
        self.chain_lines = Lazy::default();
        self.gap_lines = Lazy::default();
    }

    /// Totals and lazy lists from the tally.
    pub(super) fn relist(&mut self, ws: &Arc<Workspace>) {
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
        let conflicts = match ws.conflicts.len() {
            0 => 0,
            n => n + 1,
        };
        self.gap_lines = Lazy::new(
            conflicts + findings + groups,
            ws,
            &self.index,
            build_gap_lines,
        );
    }

    /// Recomputes the facts of these goals and personas (ids that are gone lose their marks).
    pub(super) fn refresh(&mut self, ws: &Workspace, goals: &[String], personas: &[String]) {
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
    pub(super) fn settle(&mut self, ws: &Arc<Workspace>, mut touched: Touched) {
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
    pub(super) fn resize_rows(
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
    pub(super) fn check(&self, ws: &Workspace) {
        use crate::app::lists::chain_lines;
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
        assert_eq!(
            self.gap_lines.len(),
            crate::app::lists::conflict_lines(ws).len() + gap_lines(&findings).len()
        );
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
