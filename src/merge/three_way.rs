//! The three-way merge of workspaces by persona and goal ids, field by field (SPEC §9).
//!
//! Pure: three workspaces in, the merged workspace (with any new conflicts in its `conflicts`)
//! and what was dropped or renamed out. Deterministic: ids are visited in a fixed order (ours,
//! then theirs, then base) and no hash map order ever reaches the output.

use std::collections::{HashMap, HashSet};

use super::order::{merge_list, order};
use super::rename::{Renamed, rename_clashes, same_persona};
use crate::model::conflict::{GOAL_FIELDS, PERSONA_FIELDS, RECORD, TITLE, persona_field};
use crate::model::{Column, Conflict, Goal, Persona, Workspace};
use crate::store::format::{FileBuyer, FileGoal, FileUser};

/// A link that was dropped because the goal it pointed to was deleted on the other side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedLink {
    pub goal: String,
    pub target: String,
}

/// What a merge gives: the workspace, the links dropped and their ids renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub workspace: Workspace,
    pub dropped: Vec<DroppedLink>,
    pub renamed: Vec<Renamed>,
}

impl Merged {
    /// Conflicts added by this merge or carried over from the inputs.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.workspace.conflicts
    }
}

/// One side's personas and goals by id.
struct Side<'a> {
    personas: HashMap<&'a str, (Column, &'a Persona)>,
    goals: HashMap<&'a str, (&'a str, &'a Goal)>,
}

impl<'a> Side<'a> {
    fn new(ws: &'a Workspace) -> Side<'a> {
        Side {
            personas: ws
                .personas()
                .map(|(c, p)| (p.id.as_str(), (c, p)))
                .collect(),
            goals: ws
                .goals()
                .map(|(_, p, g)| (g.id.as_str(), (p.id.as_str(), g)))
                .collect(),
        }
    }

    /// The goal's fields, owner and links as they compare for "changed": links to goals this
    /// side no longer has are left out of `base`, so deleting a goal (and with it the links to
    /// it) is not an edit of the goals that linked to it.
    fn goal_changed(&self, base: (&str, &Goal), now: (&str, &Goal)) -> bool {
        let (bo, bg) = base;
        let (no, ng) = now;
        let kept: Vec<&String> = bg
            .supports
            .iter()
            .filter(|s| self.goals.contains_key(s.as_str()))
            .collect();
        bo != no
            || bg.text != ng.text
            || bg.why != ng.why
            || bg.metric != ng.metric
            || !kept.into_iter().eq(ng.supports.iter())
    }
}

/// The value of a scalar on three sides: taken from one side, or a conflict (ours in place).
enum Pick {
    Ours,
    Theirs,
    Conflict,
}

fn pick<T: PartialEq>(b: &T, o: &T, t: &T) -> Pick {
    if o == t || t == b {
        Pick::Ours
    } else if o == b {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

fn ids_in_order<'a>(lists: [&[&'a str]; 3]) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    lists
        .into_iter()
        .flatten()
        .copied()
        .filter(|id| seen.insert(*id))
        .collect()
}

fn persona_ids(ws: &Workspace) -> Vec<&str> {
    ws.personas().map(|(_, p)| p.id.as_str()).collect()
}

fn goal_ids(ws: &Workspace) -> Vec<&str> {
    ws.goals().map(|(_, _, g)| g.id.as_str()).collect()
}

/// A persona as RON, verbatim, for a conflict about the whole record.
fn persona_ron(column: Column, p: &Persona) -> String {
    let text = if column == Column::Buyers {
        ron::to_string(&FileBuyer::from(p))
    } else {
        ron::to_string(&FileUser::from(p))
    };
    text.unwrap_or_default()
}

fn goal_ron(g: &Goal) -> String {
    ron::to_string(&FileGoal::from(g)).unwrap_or_default()
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Merged {
    let (theirs, renamed) = rename_clashes(base, ours, theirs);
    let (b, o, t) = (Side::new(base), Side::new(ours), Side::new(&theirs));
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut out = Workspace::default();

    out.title = match pick(&base.title, &ours.title, &theirs.title) {
        Pick::Theirs => theirs.title.clone(),
        Pick::Conflict => {
            conflicts.push(Conflict {
                id: String::new(),
                field: TITLE.into(),
                base: Some(base.title.clone()),
                ours: Some(ours.title.clone()),
                theirs: Some(theirs.title.clone()),
            });
            ours.title.clone()
        }
        Pick::Ours => ours.title.clone(),
    };

    // Goals first: a persona deleted on one side survives while a goal of it survives.
    let mut goals: HashMap<&str, (String, Goal)> = HashMap::new();
    let goal_order = ids_in_order([&goal_ids(ours), &goal_ids(&theirs), &goal_ids(base)]);
    for &id in &goal_order {
        let (gb, go, gt) = (b.goals.get(id), o.goals.get(id), t.goals.get(id));
        let merged = match (gb, go, gt) {
            (_, Some(&(oo, og)), None) | (_, None, Some(&(oo, og))) if gb.is_none() => {
                Some((oo.to_string(), og.clone()))
            }
            (Some(&bb), Some(&oo), Some(&tt)) => Some(merge_goal(id, bb, oo, tt, &mut conflicts)),
            (None, Some(&(oo, og)), Some(_)) => Some((oo.to_string(), og.clone())),
            (Some(&bb), Some(&now), None) | (Some(&bb), None, Some(&now)) => {
                let (editor, ours_side) = if go.is_some() {
                    (&o, true)
                } else {
                    (&t, false)
                };
                if editor.goal_changed(bb, now) {
                    let (bron, nron) = (Some(goal_ron(bb.1)), Some(goal_ron(now.1)));
                    conflicts.push(Conflict {
                        id: id.to_string(),
                        field: RECORD.into(),
                        base: bron,
                        ours: if ours_side { nron.clone() } else { None },
                        theirs: if ours_side { None } else { nron },
                    });
                    Some((now.0.to_string(), now.1.clone()))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(g) = merged {
            goals.insert(id, g);
        }
    }
    let owners: HashSet<&str> = goals.values().map(|(owner, _)| owner.as_str()).collect();

    let mut personas: HashMap<&str, (Column, Persona)> = HashMap::new();
    let persona_order = ids_in_order([
        &persona_ids(ours),
        &persona_ids(&theirs),
        &persona_ids(base),
    ]);
    for &id in &persona_order {
        let (pb, po, pt) = (b.personas.get(id), o.personas.get(id), t.personas.get(id));
        let merged = match (pb, po, pt) {
            (Some(&bb), Some(&oo), Some(&tt)) => {
                Some(merge_persona(id, bb, oo, tt, &mut conflicts))
            }
            (None, Some(&(c, p)), _) | (None, None, Some(&(c, p))) => Some((c, p.clone())),
            (Some(&bb), Some(&now), None) | (Some(&bb), None, Some(&now)) => {
                let edited = !same_persona(bb, now);
                if edited || owners.contains(id) {
                    let ours_side = po.is_some();
                    let nron = Some(persona_ron(now.0, now.1));
                    conflicts.push(Conflict {
                        id: id.to_string(),
                        field: RECORD.into(),
                        base: Some(persona_ron(bb.0, bb.1)),
                        ours: if ours_side { nron.clone() } else { None },
                        theirs: if ours_side { None } else { nron },
                    });
                    Some((now.0, now.1.clone()))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((c, mut p)) = merged {
            p.goals.clear();
            personas.insert(id, (c, p));
        }
    }

    // Columns in order, then each persona's goals in order.
    for column in Column::ALL {
        fn list(s: &Workspace, column: Column) -> Vec<&str> {
            s.column(column).iter().map(|p| p.id.as_str()).collect()
        }
        let placed = order(
            &list(base, column),
            &list(ours, column),
            &list(&theirs, column),
            |id: &&str| personas.get(id).is_some_and(|(c, _)| *c == column),
        );
        let mut placed_set: HashSet<&str> = placed.iter().copied().collect();
        let leftovers: Vec<&str> = persona_order
            .iter()
            .copied()
            .filter(|id| personas.get(id).is_some_and(|(c, _)| *c == column))
            .filter(|id| placed_set.insert(id))
            .collect();
        for id in placed.into_iter().chain(leftovers) {
            if let Some((_, p)) = personas.get(id) {
                out.column_mut(column).push(p.clone());
            }
        }
    }
    let goal_list = |s: &Side, persona: &str| -> Vec<String> {
        s.personas
            .get(persona)
            .map(|(_, p)| p.goals.iter().map(|g| g.id.clone()).collect())
            .unwrap_or_default()
    };
    let mut goal_placed: HashSet<&str> = HashSet::new();
    for p in out.columns.iter_mut().flatten() {
        let id = p.id.as_str();
        let ids = order(
            &goal_list(&b, id),
            &goal_list(&o, id),
            &goal_list(&t, id),
            |g: &String| goals.get(g.as_str()).is_some_and(|(owner, _)| owner == id),
        );
        for g in &ids {
            if let Some((key, (_, goal))) = goals.get_key_value(g.as_str()) {
                goal_placed.insert(key);
                p.goals.push(goal.clone());
            }
        }
    }
    // A goal whose persona is gone on every side cannot happen (its owner survives above); any
    // goal not placed yet joins its owner last, in id order, so nothing is ever lost.
    for &id in &goal_order {
        if goal_placed.contains(id) {
            continue;
        }
        if let Some((owner, goal)) = goals.get(id) {
            if let Some(p) = out.columns.iter_mut().flatten().find(|p| &p.id == owner) {
                p.goals.push(goal.clone());
            }
        }
    }

    // Links to goals that are gone are dropped, and reported.
    let present: HashSet<String> = out.goals().map(|(_, _, g)| g.id.clone()).collect();
    let mut dropped = Vec::new();
    for g in out
        .columns
        .iter_mut()
        .flatten()
        .flat_map(|p| p.goals.iter_mut())
    {
        let id = g.id.clone();
        g.supports.retain(|s| {
            let keep = present.contains(s);
            if !keep {
                dropped.push(DroppedLink {
                    goal: id.clone(),
                    target: s.clone(),
                });
            }
            keep
        });
    }

    out.conflicts = merge_list(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for c in conflicts {
        if !out.conflicts.contains(&c) {
            out.conflicts.push(c);
        }
    }
    Merged {
        workspace: out,
        dropped,
        renamed,
    }
}

/// A goal on all three sides, field by field.
fn merge_goal(
    id: &str,
    (bo, bg): (&str, &Goal),
    (oo, og): (&str, &Goal),
    (to, tg): (&str, &Goal),
    conflicts: &mut Vec<Conflict>,
) -> (String, Goal) {
    let mut g = og.clone();
    let mut owner = oo.to_string();
    for field in GOAL_FIELDS {
        let value = |owner: &str, g: &Goal| -> String {
            match field {
                "text" => g.text.clone(),
                "why" => g.why.clone(),
                "metric" => g.metric.clone(),
                _ => owner.to_string(),
            }
        };
        let (vb, vo, vt) = (value(bo, bg), value(oo, og), value(to, tg));
        match pick(&vb, &vo, &vt) {
            Pick::Ours => {}
            Pick::Theirs => match field {
                "text" => g.text = vt,
                "why" => g.why = vt,
                "metric" => g.metric = vt,
                _ => owner = vt,
            },
            Pick::Conflict => conflicts.push(field_conflict(id, field, vb, vo, vt)),
        }
    }
    g.supports = merge_list(&bg.supports, &og.supports, &tg.supports);
    (owner, g)
}

fn field_conflict(id: &str, field: &str, base: String, ours: String, theirs: String) -> Conflict {
    Conflict {
        id: id.to_string(),
        field: field.to_string(),
        base: Some(base),
        ours: Some(ours),
        theirs: Some(theirs),
    }
}

/// A persona on all three sides, field by field (its goals are merged on their own).
fn merge_persona(
    id: &str,
    (bc, bp): (Column, &Persona),
    (oc, op): (Column, &Persona),
    (tc, tp): (Column, &Persona),
    conflicts: &mut Vec<Conflict>,
) -> (Column, Persona) {
    let mut p = op.clone();
    let mut column = oc;
    for field in PERSONA_FIELDS {
        let (Some(vb), Some(vo), Some(vt)) = (
            persona_field(bc, bp, field),
            persona_field(oc, op, field),
            persona_field(tc, tp, field),
        ) else {
            continue;
        };
        match pick(&vb, &vo, &vt) {
            Pick::Ours => {}
            Pick::Theirs => match field {
                "name" => p.name.clone_from(&tp.name),
                "role" => p.role.clone_from(&tp.role),
                "kind" => p.kind = tp.kind,
                "buying_role" => p.buying_role = tp.buying_role,
                "summary" => p.summary.clone_from(&tp.summary),
                "quote" => p.quote.clone_from(&tp.quote),
                "notes" => p.notes.clone_from(&tp.notes),
                _ => column = tc,
            },
            Pick::Conflict => conflicts.push(field_conflict(id, field, vb, vo, vt)),
        }
    }
    p.pains = merge_list(&bp.pains, &op.pains, &tp.pains);
    p.objections = merge_list(&bp.objections, &op.objections, &tp.objections);
    p.criteria = merge_list(&bp.criteria, &op.criteria, &tp.criteria);
    (column, p)
}
