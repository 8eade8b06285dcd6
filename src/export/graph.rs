//! The value chain as a graph, shared by the mermaid and dot exports: goals as numbered nodes
//! grouped by column and persona, `supports` links as edges (from the supporting goal to the
//! supported one), and which goals break the chain. Syntax and escaping belong to each format.

use std::collections::{HashMap, HashSet};

use crate::model::fields;
use crate::model::{
    Column, Coverage, FindingCode, Goal, LinkIndex, Persona, Workspace, coverage, findings,
};

/// The findings that mean a goal is not part of a chain; such goals are drawn marked.
pub(super) const UNLINKED: [FindingCode; 4] = [
    FindingCode::UnlinkedUserGoal,
    FindingCode::UnlinkedDepartmentGoal,
    FindingCode::UnsupportedDepartmentGoal,
    FindingCode::UnsupportedBuyerGoal,
];

/// Put in front of the label of a marked goal.
pub(super) const MARK: &str = "⚠ ";

/// Put after the label of a goal with no metric.
pub(super) const NO_METRIC_MARK: &str = "◌ no metric";

pub(super) struct Graph<'w> {
    pub title: &'w str,
    pub coverage: Coverage,
    pub columns: Vec<ColumnNodes<'w>>,
    /// `(from, to)` node numbers, in workspace order of the supporting goal and its `supports`.
    pub edges: Vec<(usize, usize)>,
}

pub(super) struct ColumnNodes<'w> {
    pub column: Column,
    pub personas: Vec<PersonaNodes<'w>>,
}

pub(super) struct PersonaNodes<'w> {
    /// Position of the persona in the whole workspace, column by column.
    pub number: usize,
    pub persona: &'w Persona,
    pub goals: Vec<GoalNode<'w>>,
}

pub(super) struct GoalNode<'w> {
    /// Position of the goal in the whole workspace, column by column: the node is `n{number}`.
    pub number: usize,
    pub goal: &'w Goal,
    /// The goal has one of the [`UNLINKED`] findings.
    pub unlinked: bool,
    /// The goal has the no-metric finding.
    pub no_metric: bool,
}

impl GoalNode<'_> {
    /// The text a node shows: the goal's text, or its id when the text is blank.
    pub fn text(&self) -> &str {
        if self.goal.text.trim().is_empty() {
            &self.goal.id
        } else {
            &self.goal.text
        }
    }

    /// The goal's dots, shown right after its text as on the board (`" ●3"`; nothing for none).
    pub fn dots(&self) -> String {
        match fields::dots(self.goal) {
            0 => String::new(),
            n => format!(" ●{n}"),
        }
    }
}

impl<'w> Graph<'w> {
    pub fn build(ws: &'w Workspace) -> Graph<'w> {
        let index = LinkIndex::build(ws);
        let all = findings(ws, &index);
        let marked = |codes: &[FindingCode]| -> HashSet<&str> {
            all.iter()
                .filter(|f| codes.contains(&f.code))
                .filter_map(|f| f.goal.as_deref())
                .collect()
        };
        let unlinked = marked(&UNLINKED);
        let no_metric = marked(&[FindingCode::NoMetric]);
        let mut columns = Vec::with_capacity(Column::ALL.len());
        let (mut goals_before, mut personas_before) = (0, 0);
        for column in Column::ALL {
            let mut personas = Vec::with_capacity(ws.column(column).len());
            for persona in ws.column(column) {
                let goals = persona
                    .goals
                    .iter()
                    .enumerate()
                    .map(|(i, goal)| GoalNode {
                        number: goals_before + i,
                        goal,
                        unlinked: unlinked.contains(goal.id.as_str()),
                        no_metric: no_metric.contains(goal.id.as_str()),
                    })
                    .collect();
                goals_before += persona.goals.len();
                personas.push(PersonaNodes {
                    number: personas_before,
                    persona,
                    goals,
                });
                personas_before += 1;
            }
            columns.push(ColumnNodes { column, personas });
        }

        // The first goal with an id owns it, as in the link index.
        let nodes = || {
            columns
                .iter()
                .flat_map(|c: &ColumnNodes<'w>| &c.personas)
                .flat_map(|p| &p.goals)
        };
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for node in nodes() {
            by_id.entry(node.goal.id.as_str()).or_insert(node.number);
        }
        let edges = nodes()
            .flat_map(|node| {
                node.goal
                    .supports
                    .iter()
                    .filter_map(|target| by_id.get(target.as_str()).map(|&to| (node.number, to)))
            })
            .collect();

        Graph {
            title: &ws.title,
            coverage: coverage(ws, &index),
            columns,
            edges,
        }
    }
}
