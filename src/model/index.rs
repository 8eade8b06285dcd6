//! The link index: where every goal and persona sits, and the reverse of `supports`
//! ("supported by"). Built from a [`Workspace`] on load and kept up to date by the app one
//! changed persona at a time ([`LinkIndex::remove_persona`], [`LinkIndex::add_persona`],
//! [`LinkIndex::insert_place`], [`LinkIndex::remove_place`]); never stored.

use foldhash::HashMap;

use super::{Column, Goal, Persona, Workspace};

/// Where a goal sits: column, persona position in the column, goal position in the persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalPos {
    pub column: Column,
    pub persona: usize,
    pub goal: usize,
}

/// A persona's place as the index keeps it: its column and a slot that stays the same while
/// personas are inserted or removed before it; [`Slots`] says where each slot is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    column: Column,
    slot: u32,
}

/// A goal's place: its persona's place and its position in the persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GoalPlace {
    place: Place,
    goal: u32,
}

/// The slots of one column: the slot of the persona at each position, and the position of
/// each slot. Inserting or removing a persona shifts these two arrays of numbers, not the
/// places of every goal after it (which would be a hash update per goal).
#[derive(Debug, Clone, Default)]
struct Slots {
    at: Vec<u32>,
    position: Vec<usize>,
}

impl Slots {
    fn new(len: usize) -> Slots {
        Slots {
            at: (0..len as u32).collect(),
            position: (0..len).collect(),
        }
    }

    fn slot(&self, index: usize) -> Option<u32> {
        self.at.get(index).copied()
    }

    fn position(&self, slot: u32) -> Option<usize> {
        self.position
            .get(slot as usize)
            .copied()
            .filter(|p| *p != usize::MAX)
    }

    fn insert(&mut self, index: usize) {
        let index = index.min(self.at.len());
        let slot = self.position.len() as u32;
        self.position.push(index);
        self.at.insert(index, slot);
        for &s in &self.at[index + 1..] {
            self.position[s as usize] += 1;
        }
    }

    fn remove(&mut self, index: usize) {
        if index >= self.at.len() {
            return;
        }
        let slot = self.at.remove(index);
        self.position[slot as usize] = usize::MAX;
        for &s in &self.at[index..] {
            self.position[s as usize] -= 1;
        }
    }
}

/// Lookups by id, and who supports each goal.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    goals: HashMap<String, GoalPlace>,
    personas: HashMap<String, Place>,
    supported_by: HashMap<String, Vec<String>>,
    slots: [Slots; 3],
}

/// Two indexes are equal when they give the same answers (whatever their slot numbers).
impl PartialEq for LinkIndex {
    fn eq(&self, other: &LinkIndex) -> bool {
        self.supported_by == other.supported_by
            && self.goals.len() == other.goals.len()
            && self.personas.len() == other.personas.len()
            && self
                .goals
                .keys()
                .all(|id| self.goal_pos(id) == other.goal_pos(id))
            && self
                .personas
                .keys()
                .all(|id| self.persona_pos(id) == other.persona_pos(id))
    }
}

impl Eq for LinkIndex {}

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
            slots: Column::ALL.map(|c| Slots::new(ws.column(c).len())),
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
                let place = Place {
                    column,
                    slot: pi as u32,
                };
                index.personas.entry(persona.id.clone()).or_insert(place);
                for (gi, goal) in persona.goals.iter().enumerate() {
                    let at = GoalPlace {
                        place,
                        goal: gi as u32,
                    };
                    index.goals.entry(goal.id.clone()).or_insert(at);
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

    /// The place of the persona now at `index` of `column`.
    fn place(&self, column: Column, index: usize) -> Option<Place> {
        let slot = self.slots[column.index()].slot(index)?;
        Some(Place { column, slot })
    }

    /// Where a place is now.
    fn position(&self, place: Place) -> Option<usize> {
        self.slots[place.column.index()].position(place.slot)
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
        let place = self.place(column, index);
        if place.is_some() && self.personas.get(&persona.id).copied() == place {
            self.personas.remove(&persona.id);
        }
        for (gi, goal) in persona.goals.iter().enumerate() {
            if let Some(place) = place
                && self.goals.get(&goal.id)
                    == Some(&GoalPlace {
                        place,
                        goal: gi as u32,
                    })
            {
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
        let Some(place) = self.place(column, index) else {
            return;
        };
        self.personas.insert(persona.id.clone(), place);
        for (gi, goal) in persona.goals.iter().enumerate() {
            let at = GoalPlace {
                place,
                goal: gi as u32,
            };
            self.goals.insert(goal.id.clone(), at);
            for target in &goal.supports {
                self.supported_by
                    .entry(target.clone())
                    .or_default()
                    .push(goal.id.clone());
                touched.push(target.clone());
            }
        }
    }

    /// Makes room for a persona inserted at `index` of `column` (then [`LinkIndex::add_persona`]
    /// records it). The personas after it move down without their entries changing.
    pub fn insert_place(&mut self, column: Column, index: usize) {
        self.slots[column.index()].insert(index);
    }

    /// Closes the place of the persona removed from `index` of `column` (after
    /// [`LinkIndex::remove_persona`] forgot it).
    pub fn remove_place(&mut self, column: Column, index: usize) {
        self.slots[column.index()].remove(index);
    }

    /// Puts the supporters of each goal named in `targets` back in workspace order (the order
    /// [`LinkIndex::build`] gives), dropping duplicates of a name left by a move.
    pub fn sort_supporters(&mut self, targets: &mut Vec<String>) {
        targets.sort_unstable();
        targets.dedup();
        let mut lists = std::mem::take(&mut self.supported_by);
        for target in targets.iter() {
            let Some(list) = lists.get_mut(target) else {
                continue;
            };
            list.sort_by_cached_key(|s| {
                self.goal_pos(s).map_or((usize::MAX, 0, 0), |p| {
                    (p.column.index(), p.persona, p.goal)
                })
            });
            list.dedup();
            if list.is_empty() {
                lists.remove(target);
            }
        }
        self.supported_by = lists;
    }

    pub fn goal_pos(&self, id: &str) -> Option<GoalPos> {
        let at = self.goals.get(id)?;
        Some(GoalPos {
            column: at.place.column,
            persona: self.position(at.place)?,
            goal: at.goal as usize,
        })
    }

    pub fn persona_pos(&self, id: &str) -> Option<(Column, usize)> {
        let place = *self.personas.get(id)?;
        Some((place.column, self.position(place)?))
    }

    pub fn goal<'w>(&self, ws: &'w Workspace, id: &str) -> Option<&'w Goal> {
        let pos = self.goal_pos(id)?;
        ws.column(pos.column).get(pos.persona)?.goals.get(pos.goal)
    }

    pub fn persona_of<'w>(&self, ws: &'w Workspace, goal_id: &str) -> Option<&'w Persona> {
        let pos = self.goal_pos(goal_id)?;
        ws.column(pos.column).get(pos.persona).map(|p| &**p)
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

    fn persona(id: &str, goals: &[(&str, &[&str])]) -> std::sync::Arc<Persona> {
        std::sync::Arc::new(Persona {
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
        })
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

    #[test]
    fn inserting_and_removing_a_persona_moves_the_ones_after_it() {
        let mut ws = Workspace {
            title: String::new(),
            columns: [
                vec![persona("u", &[("u1", &["d2"])])],
                vec![
                    persona("d", &[("d1", &[])]),
                    persona("e", &[("d2", &[]), ("d3", &[])]),
                ],
                vec![],
            ],
            conflicts: Vec::new(),
        };
        let mut index = LinkIndex::build(&ws);
        let mut touched = Vec::new();
        let new = persona("n", &[("n1", &[])]);
        ws.columns[1].insert(1, new.clone());
        index.insert_place(Column::Departments, 1);
        index.add_persona(Column::Departments, 1, &new, &mut touched);
        assert_eq!(index, LinkIndex::build(&ws));
        assert_eq!(index.persona_pos("e"), Some((Column::Departments, 2)));
        assert_eq!(
            index.goal_pos("d3").map(|p| (p.persona, p.goal)),
            Some((2, 1))
        );
        let gone = ws.columns[1].remove(0);
        index.remove_persona(Column::Departments, 0, &gone, &mut touched);
        index.remove_place(Column::Departments, 0);
        index.sort_supporters(&mut touched);
        assert_eq!(index, LinkIndex::build(&ws));
        assert_eq!(index.goal_pos("d2").map(|p| p.persona), Some(1));
        assert_eq!(index.goal_pos("d1"), None);
        assert_eq!(index.supported_by("d2"), ["u1"]);
    }
}
