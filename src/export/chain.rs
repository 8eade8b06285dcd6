//! `--chain GOAL_ID`: the workspace cut down to the chain through one goal — the goal, the goals
//! it supports up to the buyers and the goals that support it down to the users (the model's
//! [`ChainSet`]) — so that every report can be made of one chain. Personas keep only their goals
//! in the chain (personas with none are left out), links only to goals in the chain, and the
//! title says whose chain it is.

use std::collections::HashSet;

use crate::model::{ChainSet, LinkIndex, Persona, Workspace};

/// The id given to `--chain` names no goal of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownGoal(pub String);

impl std::fmt::Display for UnknownGoal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no goal has the id \"{}\"",
            crate::text::visible(&self.0).escape_debug()
        )
    }
}

impl std::error::Error for UnknownGoal {}

/// The chain through `goal_id` as a workspace of its own.
pub fn through(ws: &Workspace, goal_id: &str) -> Result<Workspace, UnknownGoal> {
    let index = LinkIndex::build(ws);
    let Some(goal) = index.goal(ws, goal_id) else {
        return Err(UnknownGoal(goal_id.to_string()));
    };
    let set = ChainSet::of_goal(ws, &index, goal_id);
    let mut keep: HashSet<&str> = set
        .direct
        .iter()
        .chain(&set.indirect)
        .map(String::as_str)
        .collect();
    keep.insert(goal_id);
    let text = if goal.text.trim().is_empty() {
        goal_id
    } else {
        goal.text.as_str()
    };
    let title = if ws.title.trim().is_empty() {
        format!("The chain through “{}”", text.trim())
    } else {
        format!("{} — the chain through “{}”", ws.title.trim(), text.trim())
    };
    let mut out = Workspace {
        title,
        columns: Default::default(),
        conflicts: Vec::new(),
    };
    for (i, column) in ws.columns.iter().enumerate() {
        out.columns[i] = column
            .iter()
            .filter_map(|p| {
                let goals: Vec<_> = p
                    .goals
                    .iter()
                    .filter(|g| keep.contains(g.id.as_str()))
                    .map(|g| {
                        let mut g = g.clone();
                        g.supports.retain(|t| keep.contains(t.as_str()));
                        g
                    })
                    .collect();
                (!goals.is_empty()).then(|| {
                    let mut p = Persona::clone(p);
                    p.goals = goals;
                    std::sync::Arc::new(p)
                })
            })
            .collect();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_of_a_buyer_goal_keeps_only_what_reaches_it() {
        let ws = crate::store::example();
        let buyer = &ws.columns[2][0].goals[0];
        let chain = through(&ws, &buyer.id).expect("a goal of the example");
        assert!(chain.title.contains(&buyer.text));
        assert_eq!(chain.columns[2].len(), 1);
        assert_eq!(chain.columns[2][0].goals.len(), 1);
        let index = LinkIndex::build(&chain);
        for (_, _, g) in chain.goals() {
            for t in &g.supports {
                assert!(
                    index.goal(&chain, t).is_some(),
                    "links stay inside the chain"
                );
            }
        }
        assert!(chain.goal_count() < ws.goal_count());
        assert!(chain.goal_count() > 1);
    }

    #[test]
    fn an_unknown_goal_is_named_in_the_error() {
        let err = through(&crate::store::example(), "nope\u{1b}").expect_err("unknown");
        assert_eq!(err.to_string(), "no goal has the id \"nope␛\"");
    }
}
