//! The lines of the Chains and Gaps views that are on screen, and no others: see
//! [`Document::chain_lines`] and [`Document::gap_lines`].
//!
//! The tally already knows how many lines each buyer goal has in the Chains view, which goals
//! reach no buyer and the finding codes of every goal and persona. So the view seeks to its
//! first line by adding those numbers up (no allocation, a few microseconds per thousand goals)
//! and builds only the lines it draws: the first frame after a change costs about the same at
//! 60,000 goals as at 600.

use super::*;
use crate::app::lists::unsupported_line;
use crate::app::lists::{conflict_heading, conflict_line};
use crate::app::lists::{gap_heading, gap_line, goal_line, line_of, unreached_heading};
use crate::model::findings::{empty_column_finding, goal_finding, no_goals_finding};

/// Collects lines `from..from + n` of a list that is walked from its start: lines before
/// `from` are counted, not kept.
struct Window {
    skip: usize,
    want: usize,
    out: Vec<ListLine>,
}

impl Window {
    fn new(from: usize, n: usize) -> Window {
        Window {
            skip: from,
            want: n,
            out: Vec::with_capacity(n.min(256)),
        }
    }

    fn full(&self) -> bool {
        self.out.len() >= self.want
    }

    /// Passes over `lines` lines at once when all of them come before the window; returns
    /// whether it did (then they need not be built).
    fn pass(&mut self, lines: usize) -> bool {
        if self.skip >= lines {
            self.skip -= lines;
            true
        } else {
            false
        }
    }

    fn push(&mut self, line: impl FnOnce() -> ListLine) {
        if self.skip > 0 {
            self.skip -= 1;
        } else if !self.full() {
            self.out.push(line());
        }
    }
}

impl Document {
    /// Lines `from..from + n` of the Chains view (fewer at its end): the same lines as the
    /// whole list ([`chain_lines_of`]), built for that window only.
    pub fn chain_lines(&self, from: usize, n: usize) -> Vec<ListLine> {
        let ws = &*self.ws;
        let d = &self.derived;
        let index = &*d.index;
        let t = &d.tally;
        let mut w = Window::new(from, n);
        let buyers = Column::Buyers.index();
        if !w.pass(t.chain_lines) {
            'buyers: for (pi, p) in ws.column(Column::Buyers).iter().enumerate() {
                for (gi, b) in p.goals.iter().enumerate() {
                    if w.full() {
                        break 'buyers;
                    }
                    let lines = t.goals[buyers]
                        .get(pi)
                        .and_then(|g| g.get(gi))
                        .map_or(0, |f| f.chain_lines as usize);
                    if w.pass(lines) {
                        continue;
                    }
                    w.push(|| line_of(b, p, 0));
                    let departments = index.supported_by(&b.id);
                    if departments.is_empty() {
                        w.push(unsupported_line);
                    }
                    for dg in departments {
                        w.push(|| goal_line(ws, index, dg, 1));
                        for u in index.supported_by(dg) {
                            w.push(|| goal_line(ws, index, u, 2));
                        }
                    }
                }
            }
        }
        let unreached = self.unreached();
        if unreached == 0 || w.full() {
            return w.out;
        }
        w.push(|| unreached_heading(unreached));
        for column in [Column::Departments, Column::Users] {
            let c = column.index();
            for (pi, p) in ws.column(column).iter().enumerate() {
                if w.full() {
                    return w.out;
                }
                let Some(facts) = t.goals[c].get(pi) else {
                    continue;
                };
                let missing = facts.iter().filter(|f| !f.reaches).count();
                if w.pass(missing) {
                    continue;
                }
                for (g, f) in p.goals.iter().zip(facts) {
                    if !f.reaches {
                        w.push(|| line_of(g, p, 1));
                    }
                }
            }
        }
        w.out
    }

    /// Department and user goals that reach no buyer.
    fn unreached(&self) -> usize {
        let d = &self.derived;
        let t = &d.tally;
        let departments = Column::Departments.index();
        (d.goal_counts[departments] - t.reaching[departments])
            + (d.coverage.total - d.coverage.reached)
    }

    /// Lines `from..from + n` of the Gaps view (fewer at its end): the same lines as the whole
    /// list ([`gap_lines`] of every finding), built for that window only.
    pub fn gap_lines(&self, from: usize, n: usize) -> Vec<ListLine> {
        let ws = &*self.ws;
        let t = &self.derived.tally;
        let mut w = Window::new(from, n);
        if !ws.conflicts.is_empty() {
            w.push(|| conflict_heading(ws.conflicts.len()));
            for i in 0..ws.conflicts.len() {
                if let Some(line) = conflict_line(ws, i) {
                    w.push(|| line);
                }
            }
        }
        for code in FindingCode::ALL {
            let count = t.codes[code as usize];
            if count == 0 || w.pass(count + 1) {
                continue;
            }
            if w.full() {
                break;
            }
            w.push(|| gap_heading(code, count));
            match code {
                FindingCode::EmptyColumn => {
                    for column in Column::ALL {
                        if ws.column(column).is_empty() {
                            w.push(|| gap_line(empty_column_finding(column)));
                        }
                    }
                }
                FindingCode::NoGoals => {
                    for (column, p) in ws.personas() {
                        if w.full() {
                            break;
                        }
                        if p.goals.is_empty() {
                            w.push(|| gap_line(no_goals_finding(column, p)));
                        }
                    }
                }
                _ => self.goal_findings(code, &mut w),
            }
        }
        w.out
    }

    /// The findings of one goal code, in workspace order, into the window.
    fn goal_findings(&self, code: FindingCode, w: &mut Window) {
        let ws = &*self.ws;
        let t = &self.derived.tally;
        for column in Column::ALL {
            let c = column.index();
            for (pi, p) in ws.column(column).iter().enumerate() {
                if w.full() {
                    return;
                }
                let Some(facts) = t.goals[c].get(pi) else {
                    continue;
                };
                let found = facts.iter().filter(|f| f.codes.contains(code)).count();
                if w.pass(found) {
                    continue;
                }
                for (g, f) in p.goals.iter().zip(facts) {
                    if f.codes.contains(code) {
                        w.push(|| gap_line(goal_finding(code, column, p, g)));
                    }
                }
            }
        }
    }

    /// One line of the Chains view.
    pub fn chain_line(&self, at: usize) -> Option<ListLine> {
        self.chain_lines(at, 1).pop()
    }

    /// One line of the Gaps view.
    pub fn gap_line(&self, at: usize) -> Option<ListLine> {
        self.gap_lines(at, 1).pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Size, generate};

    /// Every window of both views, read line by line and a screen at a time, against the
    /// whole lists built from scratch.
    fn windows_match_whole_lists(doc: &Document) {
        let ws = doc.workspace();
        let index = LinkIndex::build(ws);
        let chains = chain_lines_of(ws, &index);
        let gaps = gap_lines(&crate::model::findings(ws, &index));
        assert_eq!(doc.derived().chain_lines.len(), chains.len());
        assert_eq!(doc.derived().gap_lines.len(), gaps.len());
        for (whole, window) in [
            (
                &chains,
                Document::chain_lines as fn(&Document, usize, usize) -> Vec<ListLine>,
            ),
            (&gaps, Document::gap_lines),
        ] {
            for from in (0..whole.len() + 3).step_by(7) {
                let end = (from + 38).min(whole.len());
                let want = whole.get(from..end).unwrap_or(&[]);
                assert_eq!(window(doc, from, 38), want, "window at {from}");
            }
            let one_by_one: Vec<ListLine> = (0..whole.len())
                .filter_map(|i| window(doc, i, 1).pop())
                .collect();
            assert_eq!(&one_by_one, whole);
        }
    }

    #[test]
    fn windows_are_the_lines_of_the_whole_lists() {
        let mut ws = generate(Size::S, 5);
        // Some of every finding: an empty column, goal-less personas, dangling links.
        std::sync::Arc::make_mut(&mut ws.columns[1][0])
            .goals
            .clear();
        std::sync::Arc::make_mut(&mut ws.columns[0][2]).goals[0]
            .supports
            .push("nowhere".into());
        windows_match_whole_lists(&Document::new(ws));
        let mut empty = generate(Size::S, 6);
        empty.columns[2].clear();
        windows_match_whole_lists(&Document::new(empty));
        windows_match_whole_lists(&Document::new(crate::store::example()));
        windows_match_whole_lists(&Document::new(Workspace::default()));
    }

    #[test]
    fn windows_follow_changes() {
        let mut doc = Document::new(generate(Size::S, 8));
        let p = Persona::clone(&doc.workspace().column(Column::Departments)[3]);
        doc.apply(
            "delete",
            vec![Edit::Remove {
                column: Column::Departments,
                index: 3,
            }],
            Spot::default(),
        );
        windows_match_whole_lists(&doc);
        let mut q = Persona::clone(&doc.workspace().column(Column::Users)[0]);
        q.goals[0].supports = p.goals.iter().map(|g| g.id.clone()).collect();
        doc.apply(
            "relink",
            vec![Edit::Set {
                column: Column::Users,
                index: 0,
                persona: q,
            }],
            Spot::default(),
        );
        windows_match_whole_lists(&doc);
        doc.undo(Spot::default());
        doc.undo(Spot::default());
        windows_match_whole_lists(&doc);
    }
}
