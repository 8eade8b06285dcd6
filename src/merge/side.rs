//! One side of a merge, by id: each persona with its column, each goal with its persona. Built
//! once per side and shared by the renaming of clashing additions ([`super::rename`]) and the
//! merge proper ([`super::three_way`]).

use foldhash::{HashMap, HashMapExt};

use crate::model::fields::{self, GOAL_FIELDS};
use crate::model::{Column, Goal, Persona, Workspace};

/// One side's personas and goals by id.
pub struct Side<'a> {
    pub personas: HashMap<&'a str, (Column, &'a Persona)>,
    pub goals: HashMap<&'a str, (&'a str, &'a Goal)>,
}

impl<'a> Side<'a> {
    pub fn new(ws: &'a Workspace) -> Side<'a> {
        // Sized once: growing a map of 80,000 ids rehashes it again and again.
        let mut personas = HashMap::with_capacity(ws.persona_count());
        let mut goals = HashMap::with_capacity(ws.goal_count());
        for (c, p) in ws.personas() {
            personas.insert(p.id.as_str(), (c, p));
            for g in &p.goals {
                goals.insert(g.id.as_str(), (p.id.as_str(), g));
            }
        }
        Side { personas, goals }
    }

    /// Whether the side has a persona or a goal of this id.
    pub fn has(&self, id: &str) -> bool {
        self.personas.contains_key(id) || self.goals.contains_key(id)
    }

    /// The goal's fields, owner and links as they compare for "changed": links to goals this
    /// side no longer has are left out of `base`, so deleting a goal (and with it the links to
    /// it) is not an edit of the goals that linked to it.
    pub fn goal_changed(&self, base: (&str, &Goal), now: (&str, &Goal)) -> bool {
        let (bo, bg) = base;
        let (no, ng) = now;
        let kept: Vec<&String> = bg
            .supports
            .iter()
            .filter(|s| self.goals.contains_key(s.as_str()))
            .collect();
        bo != no || !fields::same(GOAL_FIELDS, bg, ng) || !kept.into_iter().eq(ng.supports.iter())
    }
}
