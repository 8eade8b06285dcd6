//! The value chain as a tree: each buyer goal, the department goals that support it and the user
//! goals under those, then the goals that reach no buyer. Shared by the Chains view and exports.
//!
//! Cycles are impossible by construction: a goal may only support a goal in the next column up
//! (validation refuses anything else), so every link climbs one column and a path has at most two
//! links. That is why the walks below need no visited-set to terminate.

use std::collections::HashSet;

use super::findings::{department_reach, user_reaches};
use super::{Column, Coverage, LinkIndex, Workspace};

/// A department goal under a buyer goal, with the user goals that support it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentBranch {
    pub department_goal: String,
    pub user_goals: Vec<String>,
}

/// One buyer goal and everything below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyerChain {
    pub buyer_goal: String,
    pub departments: Vec<DepartmentBranch>,
}

/// One step of telling a buyer goal's chain, in the one order every telling follows (the story
/// export, the presenter's slides): the buyer goal, then each department goal that supports it,
/// each followed by the user goals under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told<'a> {
    Buyer(&'a BuyerChain),
    Department(&'a DepartmentBranch),
    User(&'a str),
}

impl BuyerChain {
    /// The chain, goal by goal, depth first (see [`Told`]).
    pub fn told(&self) -> impl Iterator<Item = Told<'_>> {
        std::iter::once(Told::Buyer(self)).chain(self.departments.iter().flat_map(|d| {
            std::iter::once(Told::Department(d))
                .chain(d.user_goals.iter().map(|u| Told::User(u.as_str())))
        }))
    }
}

impl BuyerChain {
    /// The chain of one buyer goal: the department goals that support it, each with the user
    /// goals that support that one (the presenter builds one chain at a time with this).
    pub fn of(index: &LinkIndex, buyer_goal: &str) -> BuyerChain {
        BuyerChain {
            buyer_goal: buyer_goal.to_string(),
            departments: index
                .supported_by(buyer_goal)
                .iter()
                .map(|d| DepartmentBranch {
                    department_goal: d.clone(),
                    user_goals: index.supported_by(d).to_vec(),
                })
                .collect(),
        }
    }
}

/// The goals that reach no buyer, each in workspace order, found without building any chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unreached {
    pub unreached_departments: Vec<String>,
    pub unreached_users: Vec<String>,
}

impl Unreached {
    pub fn find(ws: &Workspace, index: &LinkIndex) -> Unreached {
        // Reaching a buyer is worked out by place, each link looked up once.
        let reach = department_reach(ws, index);
        let unreached_departments = ws
            .column(Column::Departments)
            .iter()
            .zip(&reach)
            .flat_map(|(p, r)| p.goals.iter().zip(r))
            .filter(|(_, reaches)| !**reaches)
            .map(|(g, _)| g.id.clone())
            .collect();
        let unreached_users = ws
            .column(Column::Users)
            .iter()
            .flat_map(|p| &p.goals)
            .filter(|g| !user_reaches(index, &reach, g))
            .map(|g| g.id.clone())
            .collect();
        Unreached {
            unreached_departments,
            unreached_users,
        }
    }
}

/// The whole chain picture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chains {
    pub coverage: Coverage,
    pub buyers: Vec<BuyerChain>,
    /// Department goals that support no buyer goal, in workspace order.
    pub unreached_departments: Vec<String>,
    /// User goals that reach no buyer goal, in workspace order.
    pub unreached_users: Vec<String>,
}

impl Chains {
    pub fn build(ws: &Workspace, index: &LinkIndex) -> Chains {
        let buyers = ws
            .column(Column::Buyers)
            .iter()
            .flat_map(|p| &p.goals)
            .map(|b| BuyerChain::of(index, &b.id))
            .collect();
        let Unreached {
            unreached_departments,
            unreached_users,
        } = Unreached::find(ws, index);
        let total: usize = ws.column(Column::Users).iter().map(|p| p.goals.len()).sum();
        Chains {
            coverage: Coverage {
                reached: total - unreached_users.len(),
                total,
            },
            buyers,
            unreached_departments,
            unreached_users,
        }
    }

    /// The goals that reach no buyer, as the gaps of the story are told: department goals
    /// first, then user goals, each in workspace order.
    pub fn gaps(&self) -> impl Iterator<Item = (Column, &str)> {
        let departments = self
            .unreached_departments
            .iter()
            .map(|g| (Column::Departments, g.as_str()));
        let users = self
            .unreached_users
            .iter()
            .map(|g| (Column::Users, g.as_str()));
        departments.chain(users)
    }
}

/// The goals connected to one goal: reachable by following `supports` up and "supported by" down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainSet {
    /// Goals one link away.
    pub direct: HashSet<String>,
    /// Goals two links away (through a direct one).
    pub indirect: HashSet<String>,
}

impl ChainSet {
    pub fn contains(&self, id: &str) -> bool {
        self.direct.contains(id) || self.indirect.contains(id)
    }

    pub fn is_empty(&self) -> bool {
        self.direct.is_empty() && self.indirect.is_empty()
    }

    /// The chain of one goal. The goal itself is in neither set.
    pub fn of_goal(ws: &Workspace, index: &LinkIndex, id: &str) -> ChainSet {
        let mut set = ChainSet::default();
        set.add_goal(ws, index, id);
        set
    }

    /// The union of the chains of several goals (e.g. all goals of a persona).
    pub fn add_goal(&mut self, ws: &Workspace, index: &LinkIndex, id: &str) {
        let Some(goal) = index.goal(ws, id) else {
            return;
        };
        for up in &goal.supports {
            self.direct.insert(up.clone());
            if let Some(g) = index.goal(ws, up) {
                self.indirect.extend(g.supports.iter().cloned());
            }
        }
        for down in index.supported_by(id) {
            self.direct.insert(down.clone());
            self.indirect
                .extend(index.supported_by(down).iter().cloned());
        }
        self.indirect.retain(|g| !self.direct.contains(g));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Persona};

    fn persona(id: &str, goals: &[(&str, &[&str])]) -> std::sync::Arc<Persona> {
        std::sync::Arc::new(Persona {
            id: id.into(),
            name: id.into(),
            goals: goals
                .iter()
                .map(|(gid, sup)| Goal {
                    id: (*gid).into(),
                    text: (*gid).into(),
                    metric: "m".into(),
                    supports: sup.iter().map(|s| (*s).into()).collect(),
                    ..Goal::default()
                })
                .collect(),
            ..Persona::default()
        })
    }

    /// u1 → d1, u2 → d1 and d2 (a diamond into b1), d2 → b1 and b2, u3 unlinked, d3 unlinked.
    fn diamond() -> Workspace {
        Workspace {
            title: String::new(),
            columns: [
                vec![persona(
                    "u",
                    &[("u1", &["d1"]), ("u2", &["d1", "d2"]), ("u3", &[])],
                )],
                vec![persona(
                    "d",
                    &[("d1", &["b1"]), ("d2", &["b1", "b2"]), ("d3", &[])],
                )],
                vec![persona("b", &[("b1", &[]), ("b2", &[])])],
            ],
            conflicts: Vec::new(),
        }
    }

    #[test]
    fn buyer_trees_list_every_path() {
        let ws = diamond();
        let index = LinkIndex::build(&ws);
        let chains = Chains::build(&ws, &index);
        assert_eq!(chains.buyers.len(), 2);
        assert_eq!(chains.buyers[0].buyer_goal, "b1");
        let b1: Vec<_> = chains.buyers[0]
            .departments
            .iter()
            .map(|d| (d.department_goal.as_str(), d.user_goals.clone()))
            .collect();
        assert_eq!(
            b1,
            vec![
                ("d1", vec!["u1".to_string(), "u2".to_string()]),
                ("d2", vec!["u2".to_string()])
            ]
        );
        // A department goal supporting several buyer goals appears under each.
        assert_eq!(chains.buyers[1].departments[0].department_goal, "d2");
        assert_eq!(chains.unreached_departments, ["d3"]);
        assert_eq!(chains.unreached_users, ["u3"]);
        assert_eq!(
            chains.coverage,
            Coverage {
                reached: 2,
                total: 3
            }
        );
    }

    #[test]
    fn a_chain_is_told_depth_first_and_gaps_departments_first() {
        let ws = diamond();
        let index = LinkIndex::build(&ws);
        let chains = Chains::build(&ws, &index);
        let ids: Vec<&str> = chains.buyers[0]
            .told()
            .map(|t| match t {
                Told::Buyer(b) => b.buyer_goal.as_str(),
                Told::Department(d) => d.department_goal.as_str(),
                Told::User(u) => u,
            })
            .collect();
        assert_eq!(ids, ["b1", "d1", "u1", "u2", "d2", "u2"]);
        let gaps: Vec<(Column, &str)> = chains.gaps().collect();
        assert_eq!(gaps, [(Column::Departments, "d3"), (Column::Users, "u3")]);
    }

    #[test]
    fn chain_of_a_department_goal_goes_both_ways() {
        let ws = diamond();
        let index = LinkIndex::build(&ws);
        let set = ChainSet::of_goal(&ws, &index, "d2");
        let mut direct: Vec<_> = set.direct.iter().cloned().collect();
        direct.sort();
        assert_eq!(direct, ["b1", "b2", "u2"]);
        assert!(set.indirect.is_empty());
        assert!(!set.contains("d1"), "a sibling is not in the chain");
    }

    #[test]
    fn chain_of_a_user_goal_reaches_buyers_indirectly() {
        let ws = diamond();
        let index = LinkIndex::build(&ws);
        let set = ChainSet::of_goal(&ws, &index, "u2");
        let mut direct: Vec<_> = set.direct.iter().cloned().collect();
        direct.sort();
        let mut indirect: Vec<_> = set.indirect.iter().cloned().collect();
        indirect.sort();
        assert_eq!(direct, ["d1", "d2"]);
        assert_eq!(indirect, ["b1", "b2"]);
        assert!(ChainSet::of_goal(&ws, &index, "u3").is_empty());
    }
}
