//! The three-way merge of workspaces by persona and goal ids, field by field (SPEC §9).
//!
//! Pure: three workspaces in, the merged workspace (with any new conflicts in its `conflicts`)
//! and what was dropped or renamed out. Deterministic: ids are visited in a fixed order (ours,
//! then theirs, then base) and no hash map order ever reaches the output.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::Arc;

use super::by_id::ById;
use super::order::{merge_list, order};
use super::rename::{Renamed, rename_clashes, same_persona};
use super::side::Side;
use crate::model::conflict::{COLUMN, PERSONA, RECORD, TITLE};
use crate::model::fields::{Field, GOAL_FIELDS, PERSONA_FIELDS};
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
    let mut seen = HashSet::with_capacity(lists.iter().map(|l| l.len()).max().unwrap_or(0));
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
    let (b, o) = (Side::new(base), Side::new(ours));
    let (theirs, renamed) = rename_clashes((base, &b), (ours, &o), theirs);
    let sides = [b, o, Side::new(&theirs)];
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
    let mut personas = merge_personas(&sides, &persona_order, &goals, &mut conflicts);
    let mut goals = GoalsToPlace {
        placed: HashSet::with_capacity(goal_order.len()),
        goals,
    };
    let mut out = Workspace {
        title,
        columns: Column::ALL
            .map(|c| place_personas(all, c, &persona_order, &mut personas, &mut goals)),
        conflicts: merge_list(&base.conflicts, &ours.conflicts, &theirs.conflicts),
    };
    let present = place_left_over_goals(&mut out, &goal_order, goals);
    let dropped = drop_dangling_links(&mut out, &present);
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
) -> ById<'a, (String, Goal)> {
    let mut goals = ById::with_capacity(order.len());
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

/// A persona that survives the merge, without its goals yet, with its column and what each side
/// has of it (so that its goals are placed without looking it up again).
struct Survivor<'a> {
    column: Column,
    persona: Persona,
    sides: [Option<&'a Persona>; 3],
}

/// Every persona that survives (without its goals), with its column. A persona deleted on one
/// side is kept, as a conflict, when the other side edited it or a goal of it survives.
fn merge_personas<'a>(
    [b, o, t]: &[Side<'a>; 3],
    order: &[&'a str],
    goals: &ById<(String, Goal)>,
    conflicts: &mut Vec<Conflict>,
) -> ById<'a, Survivor<'a>> {
    // Only wanted when a side deleted a persona: built then.
    let mut owners: Option<HashSet<&str>> = None;
    let mut owns_a_goal = |id: &str| {
        owners
            .get_or_insert_with(|| goals.values().map(|(owner, _)| owner.as_str()).collect())
            .contains(id)
    };
    let mut personas = ById::with_capacity(order.len());
    for &id in order {
        let (pb, po, pt) = (b.personas.get(id), o.personas.get(id), t.personas.get(id));
        let merged = match (pb, po, pt) {
            (Some(&bb), Some(&oo), Some(&tt)) => Some(merge_persona(id, bb, oo, tt, conflicts)),
            (None, Some(&(c, p)), _) | (None, None, Some(&(c, p))) => Some((c, without_goals(p))),
            (Some(&bb), Some(&now), None) | (Some(&bb), None, Some(&now)) => {
                (!same_persona(bb, now) || owns_a_goal(id)).then(|| {
                    let (base, edited) = (persona_ron(bb.0, bb.1), persona_ron(now.0, now.1));
                    conflicts.push(record_conflict(id, base, edited, po.is_some()));
                    (now.0, without_goals(now.1))
                })
            }
            _ => None,
        };
        if let Some((column, persona)) = merged {
            let sides = [pb, po, pt].map(|side| side.map(|&(_, p)| p));
            personas.insert(
                id,
                Survivor {
                    column,
                    persona,
                    sides,
                },
            );
        }
    }
    personas
}

/// A copy of the persona without its goals (they are merged on their own): copying them only
/// to drop them cost as much as the rest of the merge. Every field row is copied, so a new one
/// is not forgotten here.
pub(super) fn without_goals(p: &Persona) -> Persona {
    let mut out = Persona {
        id: p.id.clone(),
        ..Persona::default()
    };
    for f in PERSONA_FIELDS {
        f.copy(p, &mut out);
    }
    out
}

/// The personas of one column, in merged order, taken out of `personas`, each with its goals.
fn place_personas<'w>(
    [base, ours, theirs]: [&'w Workspace; 3],
    column: Column,
    order_of_ids: &[&str],
    personas: &mut ById<Survivor>,
    goals: &mut GoalsToPlace,
) -> Vec<Arc<Persona>> {
    let list = |s: &'w Workspace| -> Vec<&'w str> {
        s.column(column).iter().map(|p| p.id.as_str()).collect()
    };
    let here = |id: &str| personas.get(id).is_some_and(|s| s.column == column);
    let mut placed = order(&list(base), &list(ours), &list(theirs), |id: &&str| {
        here(id)
    });
    let mut seen: HashSet<&str> = placed.iter().copied().collect();
    // A persona that moved column on one side is in neither list of its new column's order.
    placed.extend(
        order_of_ids
            .iter()
            .copied()
            .filter(|id| here(id) && seen.insert(id)),
    );
    placed
        .into_iter()
        .filter_map(|id| personas.take(id))
        .map(|(_, mut survivor)| {
            goals.place(&mut survivor.persona, survivor.sides);
            Arc::new(survivor.persona)
        })
        .collect()
}

/// The merged goals not placed yet, and the ids of those placed.
struct GoalsToPlace<'a> {
    goals: ById<'a, (String, Goal)>,
    placed: HashSet<&'a str>,
}

impl GoalsToPlace<'_> {
    /// Gives the persona its goals, in merged order (`sides`: the persona on base, ours and
    /// theirs).
    fn place(&mut self, persona: &mut Persona, sides: [Option<&Persona>; 3]) {
        fn ids(side: Option<&Persona>) -> Vec<&str> {
            side.map(|p| p.goals.iter().map(|g| g.id.as_str()).collect())
                .unwrap_or_default()
        }
        let [b, o, t] = sides;
        let Persona { id, goals, .. } = persona;
        let ids = order(&ids(b), &ids(o), &ids(t), |g: &&str| {
            self.goals.get(g).is_some_and(|(owner, _)| owner == id)
        });
        for g in ids {
            if let Some((key, (_, goal))) = self.goals.take(g) {
                self.placed.insert(key);
                goals.push(goal);
            }
        }
    }
}

/// Every surviving goal's persona survives (above), and each goal is in its persona's list on
/// the side it came from; should one not be placed, it joins its persona last rather than being
/// lost. Returns the ids of every goal placed.
fn place_left_over_goals<'a>(
    out: &mut Workspace,
    order_of_ids: &[&str],
    GoalsToPlace {
        mut goals,
        mut placed,
    }: GoalsToPlace<'a>,
) -> HashSet<&'a str> {
    if goals.is_empty() {
        return placed;
    }
    let mut left: HashMap<String, Vec<(&str, Goal)>> = HashMap::new();
    for id in order_of_ids {
        if let Some((key, (owner, goal))) = goals.take(id) {
            left.entry(owner).or_default().push((key, goal));
        }
    }
    for p in out.personas_mut() {
        for (key, goal) in left.remove(&p.id).unwrap_or_default() {
            placed.insert(key);
            p.goals.push(goal);
        }
    }
    placed
}

/// Drops links to goals that are not in the merged workspace (`present`); returns them.
fn drop_dangling_links(out: &mut Workspace, present: &HashSet<&str>) -> Vec<DroppedLink> {
    let mut dropped = Vec::new();
    for g in out.personas_mut().flat_map(|p| p.goals.iter_mut()) {
        let id = &g.id;
        g.supports.retain(|s| {
            let keep = present.contains(s.as_str());
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

/// The fields of a persona or a goal on all three sides, into `out` (a copy of ours): a list
/// merged item by item, a value taken from the side that changed it, or a conflict (ours kept).
fn merge_fields<T>(
    rows: &[Field<T>],
    id: &str,
    [b, o, t]: [&T; 3],
    out: &mut T,
    conflicts: &mut Vec<Conflict>,
) {
    for f in rows {
        if let (Some(lb), Some(lo), Some(lt)) = (f.list(b), f.list(o), f.list(t)) {
            f.set_list(out, merge_list(lb, lo, lt));
            continue;
        }
        let (Some(vb), Some(vo), Some(vt)) = (f.file_text(b), f.file_text(o), f.file_text(t))
        else {
            continue;
        };
        match pick(&vb, &vo, &vt) {
            Pick::Ours => {}
            Pick::Theirs => f.copy(t, out),
            Pick::Conflict => {
                conflicts.push(field_conflict(id, f.key, vb.into(), vo.into(), vt.into()))
            }
        }
    }
}

/// A goal on all three sides, field by field, then its persona (a conflict names persona ids).
fn merge_goal(
    id: &str,
    (bo, bg): (&str, &Goal),
    (oo, og): (&str, &Goal),
    (to, tg): (&str, &Goal),
    conflicts: &mut Vec<Conflict>,
) -> (String, Goal) {
    let mut g = og.clone();
    merge_fields(GOAL_FIELDS, id, [bg, og, tg], &mut g, conflicts);
    let owner = match pick(&bo, &oo, &to) {
        Pick::Ours => oo,
        Pick::Theirs => to,
        Pick::Conflict => {
            conflicts.push(field_conflict(id, PERSONA, bo.into(), oo.into(), to.into()));
            oo
        }
    };
    g.supports = merge_list(&bg.supports, &og.supports, &tg.supports);
    (owner.to_string(), g)
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

/// A persona on all three sides, field by field, then its column (its goals are merged on
/// their own).
fn merge_persona(
    id: &str,
    (bc, bp): (Column, &Persona),
    (oc, op): (Column, &Persona),
    (tc, tp): (Column, &Persona),
    conflicts: &mut Vec<Conflict>,
) -> (Column, Persona) {
    let mut p = without_goals(op);
    merge_fields(PERSONA_FIELDS, id, [bp, op, tp], &mut p, conflicts);
    let column = match pick(&bc, &oc, &tc) {
        Pick::Ours => oc,
        Pick::Theirs => tc,
        Pick::Conflict => {
            let key = |c: Column| c.key().to_string();
            conflicts.push(field_conflict(id, COLUMN, key(bc), key(oc), key(tc)));
            oc
        }
    };
    (column, p)
}
