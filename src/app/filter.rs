//! "Only this chain": the board shows just the chains of one persona — its goals, every goal
//! linked to them up and down, and the personas those belong to. Everything else is hidden until
//! the same key is pressed again.
//!
//! The cursor keeps pointing at a row of the whole column; the filter only decides which rows
//! are shown, so everything that moves the cursor by id keeps working.

use std::collections::BTreeSet;

use super::document::Document;
use crate::model::{ChainSet, Column};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The persona whose chains are shown (its id), and its name for the status bar.
    pub persona: String,
    pub name: String,
    /// For each column, the rows shown, in order.
    rows: [Vec<usize>; 3],
    /// The document state the rows were worked out for.
    state: u64,
}

impl Filter {
    /// The filter for the persona with this id, or `None` when it no longer exists.
    pub fn build(doc: &Document, persona: &str) -> Option<Filter> {
        let ws = doc.workspace();
        let index = &doc.derived().index;
        let (column, pi) = index.persona_pos(persona)?;
        let p = ws.column(column).get(pi)?;
        let mut chain = ChainSet::default();
        for g in &p.goals {
            chain.add_goal(ws, index, &g.id);
        }
        let mut rows: [BTreeSet<usize>; 3] = Default::default();
        rows[column.index()].insert(doc.row_of(column, pi, None));
        for gi in 0..p.goals.len() {
            rows[column.index()].insert(doc.row_of(column, pi, Some(gi)));
        }
        for id in chain.direct.iter().chain(&chain.indirect) {
            if let Some(pos) = index.goal_pos(id) {
                let c = pos.column.index();
                rows[c].insert(doc.row_of(pos.column, pos.persona, None));
                rows[c].insert(doc.row_of(pos.column, pos.persona, Some(pos.goal)));
            }
        }
        Some(Filter {
            persona: persona.to_string(),
            name: p.name.clone(),
            rows: rows.map(|r| r.into_iter().collect()),
            state: doc.state(),
        })
    }

    /// Brought up to date after a change (links and rows may have moved); `None` when the
    /// persona is gone.
    pub fn refreshed(self, doc: &Document) -> Option<Filter> {
        if self.state == doc.state() {
            Some(self)
        } else {
            Filter::build(doc, &self.persona)
        }
    }

    pub fn rows(&self, column: Column) -> &[usize] {
        &self.rows[column.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_chains_of_the_persona_are_shown() {
        let doc = Document::new(crate::store::example());
        let f = Filter::build(&doc, "procurement").expect("exists");
        let shown = |column: Column| -> Vec<String> {
            f.rows(column)
                .iter()
                .map(|r| match doc.row(column, *r) {
                    Some(crate::app::Row::Persona(p)) => {
                        doc.workspace().column(column)[p].id.clone()
                    }
                    Some(crate::app::Row::Goal(p, g)) => {
                        doc.workspace().column(column)[p].goals[g].id.clone()
                    }
                    None => "?".into(),
                })
                .collect()
        };
        assert_eq!(
            shown(Column::Buyers),
            [
                "procurement",
                "procurement-predictable-spend",
                "procurement-vendor-risk"
            ]
        );
        assert_eq!(
            shown(Column::Departments),
            ["it", "it-secure-data", "it-run-cost"]
        );
        assert_eq!(
            shown(Column::Users),
            [
                "it-department",
                "it-department-sso",
                "it-department-admin-time"
            ]
        );
        assert!(Filter::build(&doc, "nobody").is_none());
    }
}
