//! The link index: where every goal and persona sits, and the reverse of `supports`
//! ("supported by"). Built from a [`Workspace`] on load and kept up to date by the app one
//! changed persona at a time ([`LinkIndex::remove_persona`], [`LinkIndex::add_persona`],
//! [`LinkIndex::reposition`]); never stored.

use foldhash::HashMap;

use super::{Column, Goal, Persona, Workspace};

/// Where a goal sits: column, persona position in the column, goal position in the persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalPos {
    pub column: Column,
    pub persona: usize,
    pub goal: usize,
}

/// Lookups by id, and who supports each goal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkIndex {
    goals: HashMap<String, GoalPos>,
    personas: HashMap<String, (Column, usize)>,
    supported_by: HashMap<String, Vec<String>>,
}

impl LinkIndex {
    pub fn build(ws: &Workspace) -> LinkIndex {
        let goal_total = ws.goal_count();
        let mut index = LinkIndex {
            goals: HashMap::with_capacity_and_hasher(goal_total, Default::default()),
            personas: HashMap::with_capacity_and_hasher(ws.persona_count(), Default::default()),
            supported_by: HashMap::with_capacity_and_hasher(
                goal_total
                    - ws.column(Column::Users)
                        .iter()
                        .map(|p| p.goals.len())
                        .sum::<usize>(),
                Default::default(),
            ),
        };
        // Keys of "supported by" made in workspace order, so that walking the goals in order
        // (findings, coverage) reads them one after the other in memory; unused ones are
        // dropped below.
        for column in [Column::Departments, Column::Buyers] {
            for goal in ws.column(column).iter().flat_map(|p| &p.goals) {
                index.supported_by.insert(goal.id.clone(), Vec::new());
            }
        }
        for column in Column::ALL {
            for (pi, persona) in ws.column(column).iter().enumerate() {
                index
                    .personas
                    .entry(persona.id.clone())
                    .or_insert((column, pi));
                for (gi, goal) in persona.goals.iter().enumerate() {
                    let pos = GoalPos {
                        column,
                        persona: pi,
                        goal: gi,
                    };
                    index.goals.entry(goal.id.clone()).or_insert(pos);
                    for target in &goal.supports {
                        index
                            .supported_by
                            .entry(target.clone())
                            .or_default()
                            .push(goal.id.clone());
                    }
                }
            }
        }
        index.supported_by.retain(|_, list| !list.is_empty());
        index
    }

    /// Forgets a persona that was at `index` of `column`: its id, its goals' ids and the links
    /// of its goals. An id is forgotten only where it still points at this place, so a persona
    /// that briefly sits in two places (a move is two replacements) keeps its newer place.
    /// Lists of supporters touched here are named in `touched`, to be put back in order with
    /// [`LinkIndex::sort_supporters`].
    pub fn remove_persona(
        &mut self,
        column: Column,
        index: usize,
        persona: &Persona,
        touched: &mut Vec<String>,
    ) {
        if self.personas.get(&persona.id) == Some(&(column, index)) {
            self.personas.remove(&persona.id);
        }
        for (gi, goal) in persona.goals.iter().enumerate() {
            let pos = GoalPos {
                column,
                persona: index,
                goal: gi,
            };
            if self.goals.get(&goal.id) == Some(&pos) {
                self.goals.remove(&goal.id);
            }
            for target in &goal.supports {
                if let Some(list) = self.supported_by.get_mut(target) {
                    if let Some(at) = list.iter().position(|s| *s == goal.id) {
                        list.remove(at);
                    }
                    if list.is_empty() {
                        self.supported_by.remove(target);
                    }
                }
                touched.push(target.clone());
            }
        }
    }

    /// Records a persona now at `index` of `column`, with its goals and their links. Supporter
    /// lists are appended to; [`LinkIndex::sort_supporters`] puts them back in workspace order.
    pub fn add_persona(
        &mut self,
        column: Column,
        index: usize,
        persona: &Persona,
        touched: &mut Vec<String>,
    ) {
        self.personas.insert(persona.id.clone(), (column, index));
        for (gi, goal) in persona.goals.iter().enumerate() {
            let pos = GoalPos {
                column,
                persona: index,
                goal: gi,
            };
            self.goals.insert(goal.id.clone(), pos);
            for target in &goal.supports {
                self.supported_by
                    .entry(target.clone())
                    .or_default()
                    .push(goal.id.clone());
                touched.push(target.clone());
            }
        }
    }

    /// Updates the places of the personas of `column` from `from` on, after a persona was
    /// inserted or removed before them. No allocation: only existing entries change.
    pub fn reposition(&mut self, column: Column, personas: &[Persona], from: usize) {
        for (pi, persona) in personas.iter().enumerate().skip(from) {
            if let Some(place) = self.personas.get_mut(&persona.id) {
                *place = (column, pi);
            }
            for goal in &persona.goals {
                if let Some(pos) = self.goals.get_mut(&goal.id)
                    && pos.column == column
                {
                    pos.persona = pi;
                }
            }
        }
    }

    /// Puts the supporters of each goal named in `targets` back in workspace order (the order
    /// [`LinkIndex::build`] gives), dropping duplicates of a name left by a move.
    pub fn sort_supporters(&mut self, targets: &mut Vec<String>) {
        targets.sort_unstable();
        targets.dedup();
        let goals = &self.goals;
        for target in targets.iter() {
            let Some(list) = self.supported_by.get_mut(target) else {
                continue;
            };
            list.sort_by_cached_key(|s| {
                goals.get(s).map_or((usize::MAX, 0, 0), |p| {
                    (p.column.index(), p.persona, p.goal)
                })
            });
            list.dedup();
            if list.is_empty() {
                self.supported_by.remove(target);
            }
        }
    }

    pub fn goal_pos(&self, id: &str) -> Option<GoalPos> {
        self.goals.get(id).copied()
    }

    pub fn persona_pos(&self, id: &str) -> Option<(Column, usize)> {
        self.personas.get(id).copied()
    }

    pub fn goal<'w>(&self, ws: &'w Workspace, id: &str) -> Option<&'w Goal> {
        let pos = self.goal_pos(id)?;
        ws.column(pos.column).get(pos.persona)?.goals.get(pos.goal)
    }

    pub fn persona_of<'w>(&self, ws: &'w Workspace, goal_id: &str) -> Option<&'w Persona> {
        let pos = self.goal_pos(goal_id)?;
        ws.column(pos.column).get(pos.persona)
    }

    /// Ids of the goals (one column down) that list `id` in their `supports`, in workspace order.
    pub fn supported_by(&self, id: &str) -> &[String] {
        self.supported_by.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.goals.contains_key(id) || self.personas.contains_key(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Persona};

    fn persona(id: &str, goals: &[(&str, &[&str])]) -> Persona {
        Persona {
            id: id.into(),
            name: id.into(),
            goals: goals
                .iter()
                .map(|(gid, sup)| Goal {
                    id: (*gid).into(),
                    text: (*gid).into(),
                    supports: sup.iter().map(|s| (*s).into()).collect(),
                    ..Goal::default()
                })
                .collect(),
            ..Persona::default()
        }
    }

    #[test]
    fn supported_by_is_the_reverse_of_supports() {
        let ws = Workspace {
            title: String::new(),
            columns: [
                vec![persona("u", &[("u1", &["d1"]), ("u2", &["d1", "d2"])])],
                vec![persona("d", &[("d1", &["b1"]), ("d2", &[])])],
                vec![persona("b", &[("b1", &[])])],
            ],
            conflicts: Vec::new(),
        };
        let index = LinkIndex::build(&ws);
        assert_eq!(index.supported_by("d1"), ["u1", "u2"]);
        assert_eq!(index.supported_by("d2"), ["u2"]);
        assert_eq!(index.supported_by("b1"), ["d1"]);
        assert!(index.supported_by("u1").is_empty());
        assert_eq!(
            index.goal_pos("d2"),
            Some(GoalPos {
                column: Column::Departments,
                persona: 0,
                goal: 1
            })
        );
        assert_eq!(index.persona_pos("b"), Some((Column::Buyers, 0)));
    }
}
