//! The lines of the Chains and Gaps views, built once per change from the model's chains and
//! findings. `update` uses them to jump; `view` draws them.

use crate::model::{Chains, Column, FindingCode, LinkIndex, Workspace};

/// What a line of a list points at on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Goal(String),
    Persona(String),
    Column(Column),
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
    fn heading(text: String) -> ListLine {
        ListLine {
            indent: 0,
            heading: true,
            code: None,
            target: None,
            text,
        }
    }
}

fn goal_line(ws: &Workspace, index: &LinkIndex, id: &str, indent: u8) -> ListLine {
    let text = match (index.goal(ws, id), index.persona_of(ws, id)) {
        (Some(g), Some(p)) => format!("{} — {}", g.text, p.name),
        _ => id.to_string(),
    };
    ListLine {
        indent,
        heading: false,
        code: None,
        target: Some(Target::Goal(id.to_string())),
        text,
    }
}

/// Chains view: each buyer goal with its department goals and their user goals, then the
/// goals that reach no buyer.
pub fn chain_lines(ws: &Workspace, index: &LinkIndex, chains: &Chains) -> Vec<ListLine> {
    let mut out = Vec::new();
    for b in &chains.buyers {
        out.push(goal_line(ws, index, &b.buyer_goal, 0));
        if b.departments.is_empty() {
            out.push(ListLine {
                indent: 1,
                heading: false,
                code: Some(FindingCode::UnsupportedBuyerGoal),
                target: None,
                text: "no department goal supports this yet".into(),
            });
        }
        for d in &b.departments {
            out.push(goal_line(ws, index, &d.department_goal, 1));
            for u in &d.user_goals {
                out.push(goal_line(ws, index, u, 2));
            }
        }
    }
    if !chains.unreached_departments.is_empty() || !chains.unreached_users.is_empty() {
        out.push(ListLine::heading(format!(
            "Goals that reach no buyer ({})",
            chains.unreached_departments.len() + chains.unreached_users.len()
        )));
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

/// Gaps view: every finding, grouped by code with a count per group.
pub fn gap_lines(findings: &[crate::model::Finding]) -> Vec<ListLine> {
    let mut out = Vec::new();
    for code in FindingCode::ALL {
        let group: Vec<_> = findings.iter().filter(|f| f.code == code).collect();
        if group.is_empty() {
            continue;
        }
        out.push(ListLine::heading(format!(
            "{code} ({}) — {}",
            group.len(),
            code.meaning()
        )));
        for f in group {
            let target = match (&f.goal, &f.persona) {
                (Some(g), _) => Target::Goal(g.clone()),
                (None, Some(p)) => Target::Persona(p.clone()),
                (None, None) => Target::Column(f.column),
            };
            out.push(ListLine {
                indent: 1,
                heading: false,
                code: Some(code),
                target: Some(target),
                text: f.message.clone(),
            });
        }
    }
    out
}
