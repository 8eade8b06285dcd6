//! The lines of the Chains and Gaps views, as whole lists built from the model's chains and
//! findings (tests, and the reference for `Document::chain_lines` / `gap_lines`, which build
//! only the lines on screen). `update` uses lines to jump; `view` draws them.

use crate::model::findings::{department_reach, user_reaches};
use crate::model::{Chains, Column, FindingCode, Goal, LinkIndex, Persona, Workspace};

/// What a line of a list points at on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Goal(String),
    Persona(String),
    Column(Column),
    /// A merge conflict, by its place in the workspace's list (the Gaps view lists them first).
    Conflict(usize),
    /// A proposal from the room, by its id (the Room view).
    Proposal(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLine {
    pub indent: u8,
    pub heading: bool,
    pub code: Option<FindingCode>,
    pub target: Option<Target>,
    pub text: String,
}

impl ListLine {
    pub(crate) fn heading(text: String) -> ListLine {
        ListLine {
            indent: 0,
            heading: true,
            code: None,
            target: None,
            text,
        }
    }
}

pub(crate) fn goal_line(ws: &Workspace, index: &LinkIndex, id: &str, indent: u8) -> ListLine {
    // One lookup for the goal and its persona (a Chains list at L has 140,000 lines).
    let found = index.goal_pos(id).and_then(|pos| {
        let p = ws.column(pos.column).get(pos.persona)?;
        Some((p.goals.get(pos.goal)?, p))
    });
    match found {
        Some((g, p)) => line_of(g, p, indent),
        None => ListLine {
            indent,
            heading: false,
            code: None,
            target: Some(Target::Goal(id.to_string())),
            text: id.to_string(),
        },
    }
}

/// `goal text — persona name`, pointing at the goal.
pub(crate) fn line_of(g: &Goal, p: &Persona, indent: u8) -> ListLine {
    let mut text = String::with_capacity(g.text.len() + p.name.len() + 5);
    text.push_str(&g.text);
    text.push_str(" — ");
    text.push_str(&p.name);
    ListLine {
        indent,
        heading: false,
        code: None,
        target: Some(Target::Goal(g.id.clone())),
        text,
    }
}

/// The line under a buyer goal that no department goal supports.
pub(crate) fn unsupported_line() -> ListLine {
    ListLine {
        indent: 1,
        heading: false,
        code: Some(FindingCode::UnsupportedBuyerGoal),
        target: None,
        text: "no department goal supports this yet".into(),
    }
}

/// The heading of the Chains view's last part.
pub(crate) fn unreached_heading(count: usize) -> ListLine {
    ListLine::heading(format!("Goals that reach no buyer ({count})"))
}

/// The heading of a group of the Gaps view.
pub(crate) fn gap_heading(code: FindingCode, count: usize) -> ListLine {
    ListLine::heading(format!("{code} ({count}) — {}", code.meaning()))
}

/// A line of the Gaps view.
pub(crate) fn gap_line(f: crate::model::Finding) -> ListLine {
    let target = match (f.goal, f.persona) {
        (Some(g), _) => Target::Goal(g),
        (None, Some(p)) => Target::Persona(p),
        (None, None) => Target::Column(f.column),
    };
    ListLine {
        indent: 1,
        heading: false,
        code: Some(f.code),
        target: Some(target),
        text: f.message,
    }
}

/// The same lines as [`chain_lines`] of [`Chains::build`], made straight from the workspace:
/// buyer goals and unreached goals are walked in place, and only the links are looked up
/// (the Chains view builds these on its first frame after a change).
pub fn chain_lines_of(ws: &Workspace, index: &LinkIndex) -> Vec<ListLine> {
    let mut out = Vec::new();
    for p in ws.column(Column::Buyers) {
        for b in &p.goals {
            out.push(line_of(b, p, 0));
            let departments = index.supported_by(&b.id);
            if departments.is_empty() {
                out.push(unsupported_line());
            }
            for d in departments {
                out.push(goal_line(ws, index, d, 1));
                for u in index.supported_by(d) {
                    out.push(goal_line(ws, index, u, 2));
                }
            }
        }
    }
    let reach = department_reach(ws, index);
    let mut unreached: Vec<ListLine> = Vec::new();
    for (p, r) in ws.column(Column::Departments).iter().zip(&reach) {
        for (g, reaches) in p.goals.iter().zip(r) {
            if !reaches {
                unreached.push(line_of(g, p, 1));
            }
        }
    }
    for p in ws.column(Column::Users) {
        for g in &p.goals {
            if !user_reaches(index, &reach, g) {
                unreached.push(line_of(g, p, 1));
            }
        }
    }
    if !unreached.is_empty() {
        out.push(unreached_heading(unreached.len()));
        out.append(&mut unreached);
    }
    out
}

/// Chains view: each buyer goal with its department goals and their user goals, then the
/// goals that reach no buyer.
pub fn chain_lines(ws: &Workspace, index: &LinkIndex, chains: &Chains) -> Vec<ListLine> {
    let mut out = Vec::new();
    for b in &chains.buyers {
        out.push(goal_line(ws, index, &b.buyer_goal, 0));
        if b.departments.is_empty() {
            out.push(unsupported_line());
        }
        for d in &b.departments {
            out.push(goal_line(ws, index, &d.department_goal, 1));
            for u in &d.user_goals {
                out.push(goal_line(ws, index, u, 2));
            }
        }
    }
    if !chains.unreached_departments.is_empty() || !chains.unreached_users.is_empty() {
        out.push(unreached_heading(
            chains.unreached_departments.len() + chains.unreached_users.len(),
        ));
        for id in chains
            .unreached_departments
            .iter()
            .chain(&chains.unreached_users)
        {
            out.push(goal_line(ws, index, id, 1));
        }
    }
    out
}

/// The Gaps view's first lines when a merge left conflicts: a heading with their count, then
/// one line each (Enter on it offers ours, theirs or an edit of both).
pub fn conflict_lines(ws: &Workspace) -> Vec<ListLine> {
    if ws.conflicts.is_empty() {
        return Vec::new();
    }
    let mut out = vec![conflict_heading(ws.conflicts.len())];
    out.extend((0..ws.conflicts.len()).filter_map(|i| conflict_line(ws, i)));
    out
}

pub(crate) fn conflict_heading(count: usize) -> ListLine {
    ListLine::heading(format!(
        "merge conflicts ({count}) — Enter on one: o ours, t theirs, e edit both"
    ))
}

pub(crate) fn conflict_line(ws: &Workspace, index: usize) -> Option<ListLine> {
    let c = ws.conflicts.get(index)?;
    Some(ListLine {
        indent: 1,
        heading: false,
        code: None,
        target: Some(Target::Conflict(index)),
        text: c.describe(),
    })
}

/// Gaps view: every finding, grouped by code with a count per group.
pub fn gap_lines(findings: &[crate::model::Finding]) -> Vec<ListLine> {
    let mut out = Vec::new();
    for code in FindingCode::ALL {
        let group: Vec<_> = findings.iter().filter(|f| f.code == code).collect();
        if group.is_empty() {
            continue;
        }
        out.push(gap_heading(code, group.len()));
        out.extend(group.into_iter().map(|f| gap_line(f.clone())));
    }
    out
}
