//! Same id added on both sides with different content: their addition gets a fresh id.
//!
//! Runs before the merge proper, on their copy: the persona or goal is renamed (`sales` →
//! `sales-2`) and every link on their side that pointed to it follows, so the merge then sees two
//! different additions and keeps both.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::side::Side;

use crate::model::fields::{self, GOAL_FIELDS, PERSONA_FIELDS};
use crate::model::{Column, Persona, Workspace, ids};

/// An id of theirs that was changed because ours added the same id with other content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub from: String,
    pub to: String,
}

/// A persona's own fields (not its goals) and its column, for comparing additions.
pub fn same_persona(a: (Column, &Persona), b: (Column, &Persona)) -> bool {
    let (pa, pb) = (a.1, b.1);
    a.0 == b.0 && pa.id == pb.id && fields::same(PERSONA_FIELDS, pa, pb)
}

/// Every id of a workspace: personas and goals.
fn all_ids(ws: &Workspace) -> impl Iterator<Item = &str> {
    ws.personas()
        .map(|(_, p)| p.id.as_str())
        .chain(ws.goals().map(|(_, _, g)| g.id.as_str()))
}

/// Their workspace with clashing additions renamed, and the renames made. `base` and `ours`
/// come with their [`Side`]s, built once for the whole merge.
pub fn rename_clashes<'a>(
    (base, base_side): (&Workspace, &Side),
    (ours, our_side): (&Workspace, &Side),
    theirs: &'a Workspace,
) -> (Cow<'a, Workspace>, Vec<Renamed>) {
    let in_base = |id: &str| base_side.has(id);
    let our_personas = &our_side.personas;
    let our_goals = &our_side.goals;
    // Built on the first clash only: most merges have none.
    let mut taken: Option<HashSet<String>> = None;
    let mut map: HashMap<String, String> = HashMap::new();
    let mut renamed = Vec::new();
    let mut rename = |id: &str, map: &mut HashMap<String, String>| {
        let taken = taken.get_or_insert_with(|| {
            all_ids(base)
                .chain(all_ids(ours))
                .chain(all_ids(theirs))
                .map(String::from)
                .collect()
        });
        let to = ids::unique_id(id, id, |c| taken.contains(c));
        taken.insert(to.clone());
        map.insert(id.to_string(), to.clone());
        renamed.push(Renamed {
            from: id.to_string(),
            to,
        });
    };
    for (column, p) in theirs.personas() {
        if in_base(&p.id) {
            continue;
        }
        let clash = match our_personas.get(p.id.as_str()) {
            Some(ours_p) => !same_persona(*ours_p, (column, p)),
            None => our_goals.contains_key(p.id.as_str()),
        };
        if clash {
            rename(&p.id, &mut map);
        }
    }
    // Top column first, so a goal's links are compared after the goals they point to were
    // renamed.
    for column in Column::ALL.into_iter().rev() {
        for p in theirs.column(column) {
            let owner: Cow<str> = map
                .get(&p.id)
                .map_or(Cow::Borrowed(p.id.as_str()), |to| Cow::Owned(to.clone()));
            for g in &p.goals {
                if in_base(&g.id) {
                    continue;
                }
                let clash = match our_goals.get(g.id.as_str()) {
                    Some((our_owner, ours_g)) => {
                        let supports: Vec<&str> = g
                            .supports
                            .iter()
                            .map(|s| map.get(s).map_or(s.as_str(), String::as_str))
                            .collect();
                        *our_owner != owner.as_ref()
                            || !fields::same(GOAL_FIELDS, ours_g, g)
                            || !ours_g.supports.iter().map(String::as_str).eq(supports)
                    }
                    None => our_personas.contains_key(g.id.as_str()),
                };
                if clash {
                    rename(&g.id, &mut map);
                }
            }
        }
    }
    if map.is_empty() {
        return (Cow::Borrowed(theirs), renamed);
    }
    let follow = |id: &mut String| {
        if let Some(to) = map.get(id.as_str()) {
            id.clone_from(to);
        }
    };
    let mut out = theirs.clone();
    for p in out.personas_mut() {
        follow(&mut p.id);
        for g in &mut p.goals {
            follow(&mut g.id);
            g.supports.iter_mut().for_each(follow);
        }
    }
    for c in &mut out.conflicts {
        follow(&mut c.id);
    }
    (Cow::Owned(out), renamed)
}
