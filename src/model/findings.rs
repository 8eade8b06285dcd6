//! Findings (where the value chain breaks) and chain coverage, SPEC §5. One implementation shared
//! by the board, the Gaps view, `personas check` and every export.

use std::fmt::{self, Write as _};

use super::{Column, Goal, LinkIndex, Persona, Workspace};

/// The seven kinds of finding, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingCode {
    EmptyColumn,
    NoGoals,
    UnlinkedUserGoal,
    UnlinkedDepartmentGoal,
    UnsupportedDepartmentGoal,
    UnsupportedBuyerGoal,
    NoMetric,
}

impl FindingCode {
    pub const ALL: [FindingCode; 7] = [
        FindingCode::EmptyColumn,
        FindingCode::NoGoals,
        FindingCode::UnlinkedUserGoal,
        FindingCode::UnlinkedDepartmentGoal,
        FindingCode::UnsupportedDepartmentGoal,
        FindingCode::UnsupportedBuyerGoal,
        FindingCode::NoMetric,
    ];

    /// The code as printed: `unlinked-user-goal`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::EmptyColumn => "empty-column",
            FindingCode::NoGoals => "no-goals",
            FindingCode::UnlinkedUserGoal => "unlinked-user-goal",
            FindingCode::UnlinkedDepartmentGoal => "unlinked-department-goal",
            FindingCode::UnsupportedDepartmentGoal => "unsupported-department-goal",
            FindingCode::UnsupportedBuyerGoal => "unsupported-buyer-goal",
            FindingCode::NoMetric => "no-metric",
        }
    }

    /// What the finding means, in a few words.
    pub fn meaning(self) -> &'static str {
        match self {
            FindingCode::EmptyColumn => "a column has no personas",
            FindingCode::NoGoals => "a persona has no goals",
            FindingCode::UnlinkedUserGoal => "a user goal supports no department goal",
            FindingCode::UnlinkedDepartmentGoal => "a department goal supports no buyer goal",
            FindingCode::UnsupportedDepartmentGoal => "no user goal supports a department goal",
            FindingCode::UnsupportedBuyerGoal => "no department goal supports a buyer goal",
            FindingCode::NoMetric => "a goal says nothing about how it is measured",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place where the chain breaks. `persona` and `goal` are ids; empty-column has neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: FindingCode,
    pub column: Column,
    pub persona: Option<String>,
    pub goal: Option<String>,
    pub message: String,
}

/// User goals that reach a buyer goal through a department goal, out of all user goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub reached: usize,
    pub total: usize,
}

impl Coverage {
    /// Whole percent, rounded down; 0 when there are no user goals.
    pub fn percent(self) -> usize {
        (self.reached * 100).checked_div(self.total).unwrap_or(0)
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "coverage {}/{} user goals reach a buyer ({}%)",
            self.reached,
            self.total,
            self.percent()
        )
    }
}

/// A set of finding codes (a bit per code), small enough to keep per goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct CodeSet(u8);

impl CodeSet {
    pub fn insert(&mut self, code: FindingCode) {
        self.0 |= 1 << code as u8;
    }

    pub fn contains(self, code: FindingCode) -> bool {
        self.0 & (1 << code as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The codes in [`FindingCode::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = FindingCode> {
        FindingCode::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

/// The findings about one goal in `column`: unlinked, unsupported, no metric. Shared by
/// [`findings`] and the app, which keeps them up to date one changed goal at a time.
pub fn goal_codes(index: &LinkIndex, column: Column, goal: &Goal) -> CodeSet {
    codes_given(index, column, goal, links_up(index, column, goal))
}

/// Whether a goal in `column` supports an existing goal in the column above.
fn links_up(index: &LinkIndex, column: Column, goal: &Goal) -> bool {
    goal.supports
        .iter()
        .any(|t| index.goal_pos(t).map(|p| p.column) == column.up())
}

/// [`goal_codes`] when whether the goal links up is known.
fn codes_given(index: &LinkIndex, column: Column, goal: &Goal, links_up: bool) -> CodeSet {
    let mut codes = CodeSet::default();
    match column {
        Column::Users if !links_up => codes.insert(FindingCode::UnlinkedUserGoal),
        Column::Departments if !links_up => codes.insert(FindingCode::UnlinkedDepartmentGoal),
        _ => {}
    }
    if column != Column::Users && index.supported_by(&goal.id).is_empty() {
        codes.insert(if column == Column::Departments {
            FindingCode::UnsupportedDepartmentGoal
        } else {
            FindingCode::UnsupportedBuyerGoal
        });
    }
    // A metric that starts with a visible ASCII character is not blank (no trim needed).
    let visible_start = goal
        .metric
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_graphic());
    if !visible_start && goal.metric.trim().is_empty() {
        codes.insert(FindingCode::NoMetric);
    }
    codes
}

/// Whether a department goal supports at least one existing buyer goal.
pub fn department_reaches_buyer(ws: &Workspace, index: &LinkIndex, dept_goal: &str) -> bool {
    index.goal(ws, dept_goal).is_some_and(|g| {
        g.supports.iter().any(|b| {
            index
                .goal_pos(b)
                .is_some_and(|p| p.column == Column::Buyers)
        })
    })
}

/// Whether a user goal reaches a buyer goal through a department goal.
pub fn user_reaches_buyer(ws: &Workspace, index: &LinkIndex, user_goal: &str) -> bool {
    index.goal(ws, user_goal).is_some_and(|g| {
        g.supports.iter().any(|d| {
            index
                .goal_pos(d)
                .is_some_and(|p| p.column == Column::Departments)
                && department_reaches_buyer(ws, index, d)
        })
    })
}

/// Whether each department goal supports an existing buyer goal, by place (persona, goal):
/// each link is looked up once, not once per user goal that leads to it.
pub fn department_reach(ws: &Workspace, index: &LinkIndex) -> Vec<Vec<bool>> {
    ws.column(Column::Departments)
        .iter()
        .map(|p| {
            p.goals
                .iter()
                .map(|g| {
                    g.supports.iter().any(|b| {
                        index
                            .goal_pos(b)
                            .is_some_and(|p| p.column == Column::Buyers)
                    })
                })
                .collect()
        })
        .collect()
}

/// [`user_reaches_buyer`] for a user goal at hand, with [`department_reach`] worked out.
pub fn user_reaches(index: &LinkIndex, reach: &[Vec<bool>], goal: &Goal) -> bool {
    goal.supports.iter().any(|d| {
        index.goal_pos(d).is_some_and(|p| {
            p.column == Column::Departments
                && reach
                    .get(p.persona)
                    .and_then(|r| r.get(p.goal))
                    .is_some_and(|r| *r)
        })
    })
}

pub fn coverage(ws: &Workspace, index: &LinkIndex) -> Coverage {
    let reach = department_reach(ws, index);
    let users = ws.column(Column::Users);
    Coverage {
        total: users.iter().map(|p| p.goals.len()).sum(),
        reached: users
            .iter()
            .flat_map(|p| &p.goals)
            .filter(|g| user_reaches(index, &reach, g))
            .count(),
    }
}

/// `{noun} goal {text:?} of {name:?} {what}`, without the formatting machinery for the usual
/// printable-ASCII text (about a third of the time of all findings at 60,000 goals).
fn goal_message(column: Column, text: &str, name: &str, what: &str) -> String {
    fn quoted(out: &mut String, s: &str) {
        if s.bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
        {
            out.push('"');
            out.push_str(s);
            out.push('"');
        } else {
            let _ = write!(out, "{s:?}");
        }
    }
    let mut out = String::with_capacity(text.len() + name.len() + what.len() + 24);
    out.push_str(column.noun());
    out.push_str(" goal ");
    quoted(&mut out, text);
    out.push_str(" of ");
    quoted(&mut out, name);
    out.push(' ');
    out.push_str(what);
    out
}

/// The empty-column finding of a column.
pub fn empty_column_finding(column: Column) -> Finding {
    let why = if column == Column::Departments {
        " (the department layer is the missing link between users and buyers)"
    } else {
        ""
    };
    Finding {
        code: FindingCode::EmptyColumn,
        column,
        persona: None,
        goal: None,
        message: format!("the {column} column has no personas{why}"),
    }
}

/// The no-goals finding of a persona.
pub fn no_goals_finding(column: Column, persona: &Persona) -> Finding {
    Finding {
        code: FindingCode::NoGoals,
        column,
        persona: Some(persona.id.clone()),
        goal: None,
        message: format!("{} persona {:?} has no goals", column.noun(), persona.name),
    }
}

/// A finding of `code` about one goal (one of the goal codes: unlinked, unsupported, no metric).
pub fn goal_finding(code: FindingCode, column: Column, persona: &Persona, goal: &Goal) -> Finding {
    let what = match code {
        FindingCode::UnlinkedUserGoal => "supports no department goal",
        FindingCode::UnlinkedDepartmentGoal => "supports no buyer goal",
        FindingCode::UnsupportedDepartmentGoal => "is supported by no user goal",
        FindingCode::UnsupportedBuyerGoal => "is supported by no department goal",
        _ => "has no metric",
    };
    Finding {
        code,
        column,
        persona: Some(persona.id.clone()),
        goal: Some(goal.id.clone()),
        message: goal_message(column, &goal.text, &persona.name, what),
    }
}

/// Every finding, grouped by code in [`FindingCode::ALL`] order, workspace order within a code.
pub fn findings(ws: &Workspace, index: &LinkIndex) -> Vec<Finding> {
    findings_and_coverage(ws, index).0
}

/// [`findings`] and [`coverage`] in one walk (what `personas check` prints): a department
/// goal that links up is one that reaches a buyer, and a user goal's links are looked up once
/// for both its finding and the coverage.
pub fn findings_and_coverage(ws: &Workspace, index: &LinkIndex) -> (Vec<Finding>, Coverage) {
    let mut out = Vec::new();
    for column in Column::ALL {
        if ws.column(column).is_empty() {
            out.push(empty_column_finding(column));
        }
    }
    for (column, persona) in ws.personas() {
        if persona.goals.is_empty() {
            out.push(no_goals_finding(column, persona));
        }
    }
    // Departments first: which of their goals reach a buyer is what user goals need.
    let mut reach: Vec<Vec<bool>> = Vec::with_capacity(ws.column(Column::Departments).len());
    let mut coverage = Coverage::default();
    // Findings by code, then by column: read out in that order they need no sorting.
    let mut by_code: [[Vec<Finding>; 3]; FindingCode::ALL.len()] = Default::default();
    for column in [Column::Departments, Column::Users, Column::Buyers] {
        for persona in ws.column(column) {
            if column == Column::Departments {
                reach.push(Vec::with_capacity(persona.goals.len()));
            }
            for goal in &persona.goals {
                let up = match column {
                    Column::Departments => {
                        let up = links_up(index, column, goal);
                        if let Some(r) = reach.last_mut() {
                            r.push(up);
                        }
                        up
                    }
                    Column::Users => {
                        coverage.total += 1;
                        let (mut up, mut reaches) = (false, false);
                        for t in &goal.supports {
                            if let Some(p) = index.goal_pos(t)
                                && p.column == Column::Departments
                            {
                                up = true;
                                if reach
                                    .get(p.persona)
                                    .and_then(|r| r.get(p.goal))
                                    .is_some_and(|r| *r)
                                {
                                    reaches = true;
                                    break;
                                }
                            }
                        }
                        coverage.reached += usize::from(reaches);
                        up
                    }
                    Column::Buyers => false,
                };
                for code in codes_given(index, column, goal, up).iter() {
                    by_code[code as usize][column.index()]
                        .push(goal_finding(code, column, persona, goal));
                }
            }
        }
    }
    // Empty columns and goal-less personas (already in `out`) come first in code order.
    out.sort_by_key(|f| f.code);
    for found in by_code.into_iter().flatten() {
        out.extend(found);
    }
    (out, coverage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_walk_gives_the_findings_and_the_coverage() {
        use crate::model::generate::{Size, generate};
        for seed in 0..4 {
            let mut ws = generate(Size::S, seed);
            std::sync::Arc::make_mut(&mut ws.columns[1][0])
                .goals
                .clear();
            std::sync::Arc::make_mut(&mut ws.columns[0][1]).goals[0]
                .supports
                .push("nowhere".into());
            let index = LinkIndex::build(&ws);
            let (found, cov) = findings_and_coverage(&ws, &index);
            assert_eq!(cov, coverage(&ws, &index));
            let reached = ws
                .column(Column::Users)
                .iter()
                .flat_map(|p| &p.goals)
                .filter(|g| user_reaches_buyer(&ws, &index, &g.id))
                .count();
            assert_eq!(cov.reached, reached);
            let codes: usize = ws
                .goals()
                .map(|(c, _, g)| goal_codes(&index, c, g).iter().count())
                .sum();
            assert_eq!(found.len(), codes + 1, "the goal codes and one no-goals");
        }
    }

    #[test]
    fn goal_messages_quote_like_debug() {
        for text in [
            "Plain text",
            "a \"quote\"",
            "back\\slash",
            "é 日本 🚀",
            "tab\there",
            "",
        ] {
            assert_eq!(
                goal_message(Column::Users, text, "N", "has no metric"),
                format!("user goal {text:?} of \"N\" has no metric")
            );
        }
    }
}
