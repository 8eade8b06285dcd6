//! The three-way merge of workspaces by persona and goal ids, field by field (SPEC §9).
//!
//! Pure: three workspaces in, the merged workspace (with any new conflicts in its `conflicts`)
//! and what was dropped or renamed out. Deterministic: ids are visited in a fixed order (ours,
//! then theirs, then base) and no hash map order ever reaches the output.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::Arc;

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
    let sides = [Side::new(base), Side::new(ours), Side::new(&theirs)];
    let all = [base, ours, &theirs];
    let mut conflicts: Vec<Conflict> = Vec::new();
    let title = merge_title(all, &mut conflicts);
    // Goals first: a persona deleted on one side survives while a goal of it survives.
    let goal_order = ids_in_order([&goal_ids(ours), &goal_ids(&theirs), &goal_ids(base)]);
    let goals = merge_goals(&sides, &goal_order, &mut conflicts);
    let persona_order = ids_in_order([
        &persona_ids(ours),
        &persona_ids(&theirs),
        &persona_ids(base),
    ]);
    let personas = merge_personas(&sides, &persona_order, &goals, &mut conflicts);
    let mut out = Workspace {
        title,
        columns: Column::ALL.map(|c| place_personas(all, c, &persona_order, &personas)),
        conflicts: merge_list(&base.conflicts, &ours.conflicts, &theirs.conflicts),
    };
    place_goals(&sides, &mut out, &goal_order, &goals);
    let dropped = drop_dangling_links(&mut out);
    // A set, not `contains` on the list: one conflict per persona would be quadratic.
    let mut recorded: HashSet<Conflict> = out.conflicts.iter().cloned().collect();
    for c in conflicts {
        if recorded.insert(c.clone()) {
            out.conflicts.push(c);
        }
    }
    Merged {
        workspace: out,
        dropped,
        renamed,
    }
}

fn merge_title([base, ours, theirs]: [&Workspace; 3], conflicts: &mut Vec<Conflict>) -> String {
    match pick(&base.title, &ours.title, &theirs.title) {
        Pick::Ours => ours.title.clone(),
        Pick::Theirs => theirs.title.clone(),
        Pick::Conflict => {
            conflicts.push(field_conflict(
                "",
                TITLE,
                base.title.clone(),
                ours.title.clone(),
                theirs.title.clone(),
            ));
            ours.title.clone()
        }
    }
}

/// Edit vs delete: the record on the side that edited it, `None` on the side that deleted it.
fn record_conflict(id: &str, base: String, edited: String, edited_by_ours: bool) -> Conflict {
    Conflict {
        id: id.to_string(),
        field: RECORD.into(),
        base: Some(base),
        ours: edited_by_ours.then(|| edited.clone()),
        theirs: (!edited_by_ours).then_some(edited),
    }
}

/// Every goal that survives, with the id of the persona that holds it.
fn merge_goals<'a>(
    [b, o, t]: &[Side; 3],
    order: &[&'a str],
    conflicts: &mut Vec<Conflict>,
) -> HashMap<&'a str, (String, Goal)> {
    let mut goals = HashMap::with_capacity(order.len());
    for &id in order {
        let (gb, go, gt) = (b.goals.get(id), o.goals.get(id), t.goals.get(id));
        let merged = match (gb, go, gt) {
            (Some(&bb), Some(&oo), Some(&tt)) => Some(merge_goal(id, bb, oo, tt, conflicts)),
            // Added on one side, or on both (same content: clashes were renamed).
            (None, Some(&(owner, g)), _) | (None, None, Some(&(owner, g))) => {
                Some((owner.to_string(), g.clone()))
            }
            (Some(&bb), Some(&now), None) | (Some(&bb), None, Some(&now)) => {
                let (editor, by_ours) = if go.is_some() { (o, true) } else { (t, false) };
                editor.goal_changed(bb, now).then(|| {
                    conflicts.push(record_conflict(
                        id,
                        goal_ron(bb.1),
                        goal_ron(now.1),
                        by_ours,
                    ));
                    (now.0.to_string(), now.1.clone())
                })
            }
            _ => None,
        };
        if let Some(g) = merged {
            goals.insert(id, g);
        }
    }
    goals
}

/// Every persona that survives (without its goals), with its column. A persona deleted on one
/// side is kept, as a conflict, when the other side edited it or a goal of it survives.
fn merge_personas<'a>(
    [b, o, t]: &[Side; 3],
    order: &[&'a str],
    goals: &HashMap<&str, (String, Goal)>,
    conflicts: &mut Vec<Conflict>,
) -> HashMap<&'a str, (Column, Persona)> {
    let owners: HashSet<&str> = goals.values().map(|(owner, _)| owner.as_str()).collect();
    let mut personas = HashMap::with_capacity(order.len());
    for &id in order {
        let (pb, po, pt) = (b.personas.get(id), o.personas.get(id), t.personas.get(id));
        let merged = match (pb, po, pt) {
            (Some(&bb), Some(&oo), Some(&tt)) => Some(merge_persona(id, bb, oo, tt, conflicts)),
            (None, Some(&(c, p)), _) | (None, None, Some(&(c, p))) => Some((c, p.clone())),
            (Some(&bb), Some(&now), None) | (Some(&bb), None, Some(&now)) => {
                (!same_persona(bb, now) || owners.contains(id)).then(|| {
                    let (base, edited) = (persona_ron(bb.0, bb.1), persona_ron(now.0, now.1));
                    conflicts.push(record_conflict(id, base, edited, po.is_some()));
                    (now.0, now.1.clone())
                })
            }
            _ => None,
        };
        if let Some((c, mut p)) = merged {
            p.goals.clear();
            personas.insert(id, (c, p));
        }
    }
    personas
}

/// The personas of one column, in merged order.
fn place_personas(
    [base, ours, theirs]: [&Workspace; 3],
    column: Column,
    order_of_ids: &[&str],
    personas: &HashMap<&str, (Column, Persona)>,
) -> Vec<Arc<Persona>> {
    let list =
        |s: &Workspace| -> Vec<String> { s.column(column).iter().map(|p| p.id.clone()).collect() };
    let here = |id: &str| personas.get(id).is_some_and(|(c, _)| *c == column);
    let placed = order(&list(base), &list(ours), &list(theirs), |id: &String| {
        here(id)
    });
    let mut seen: HashSet<&str> = placed.iter().map(String::as_str).collect();
    // A persona that moved column on one side is in neither list of its new column's order.
    let leftovers = order_of_ids
        .iter()
        .copied()
        .filter(|id| here(id) && seen.insert(id));
    placed
        .iter()
        .map(String::as_str)
        .chain(leftovers)
        .filter_map(|id| personas.get(id).map(|(_, p)| Arc::new(p.clone())))
        .collect()
}

/// Each persona's goals, in merged order.
fn place_goals(
    [b, o, t]: &[Side; 3],
    out: &mut Workspace,
    order_of_ids: &[&str],
    goals: &HashMap<&str, (String, Goal)>,
) {
    let goal_list = |s: &Side, persona: &str| -> Vec<String> {
        s.personas
            .get(persona)
            .map(|(_, p)| p.goals.iter().map(|g| g.id.clone()).collect())
            .unwrap_or_default()
    };
    let mut placed: HashSet<String> = HashSet::with_capacity(goals.len());
    for p in out.personas_mut() {
        let id = p.id.as_str();
        let ids = order(
            &goal_list(b, id),
            &goal_list(o, id),
            &goal_list(t, id),
            |g: &String| goals.get(g.as_str()).is_some_and(|(owner, _)| owner == id),
        );
        for g in ids {
            if let Some((_, goal)) = goals.get(g.as_str()) {
                p.goals.push(goal.clone());
                placed.insert(g);
            }
        }
    }
    // Every surviving goal's persona survives (above), and each goal is in its persona's list
    // on the side it came from; should one not be placed, it joins its persona last rather than
    // being lost.
    let mut left: HashMap<&str, Vec<&Goal>> = HashMap::new();
    for &id in order_of_ids {
        if let Some((owner, goal)) = goals.get(id).filter(|_| !placed.contains(id)) {
            left.entry(owner.as_str()).or_default().push(goal);
        }
    }
    if left.is_empty() {
        return;
    }
    for p in out.personas_mut() {
        if let Some(goals) = left.get(p.id.as_str()) {
            p.goals.extend(goals.iter().map(|g| (*g).clone()));
        }
    }
}

/// Drops links to goals that are not in the merged workspace; returns them.
fn drop_dangling_links(out: &mut Workspace) -> Vec<DroppedLink> {
    let present: HashSet<String> = out.goals().map(|(_, _, g)| g.id.clone()).collect();
    let mut dropped = Vec::new();
    for g in out.personas_mut().flat_map(|p| p.goals.iter_mut()) {
        let id = &g.id;
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
    dropped
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
