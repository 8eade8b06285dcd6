//! What changed between two workspaces, by persona and goal (SPEC §9, `personas diff`).
//!
//! [`diff`] compares by ids: personas and goals added, removed, moved (to another column or
//! persona, or to another position among the ones both versions have), edited field by field,
//! links added and removed, and the chain coverage before and after. [`render`] turns that into
//! one line per change, coloured only when asked (on a terminal). Values are printed quoted and
//! escaped, so nothing read from a file reaches a terminal raw. Knows nothing about files or git.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt::Write as _;

use crate::merge::side::Side;
use crate::model::fields::{self, Field, GOAL_FIELDS, PERSONA_FIELDS};
use crate::model::{Column, Coverage, LinkIndex, Persona, Workspace, coverage};

/// One difference between the old and the new workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Title {
        old: String,
        new: String,
    },
    PersonaAdded {
        column: Column,
        id: String,
        name: String,
    },
    PersonaRemoved {
        column: Column,
        id: String,
        name: String,
    },
    /// To another column, or to another position in its column.
    PersonaMoved {
        id: String,
        from: String,
        to: String,
    },
    PersonaEdited {
        id: String,
        field: &'static str,
        old: String,
        new: String,
    },
    GoalAdded {
        persona: String,
        id: String,
        text: String,
    },
    GoalRemoved {
        persona: String,
        id: String,
        text: String,
    },
    /// To another persona, or to another position among its persona's goals.
    GoalMoved {
        id: String,
        from: String,
        to: String,
    },
    GoalEdited {
        id: String,
        field: &'static str,
        old: String,
        new: String,
    },
    LinkAdded {
        from: String,
        to: String,
    },
    LinkRemoved {
        from: String,
        to: String,
    },
    Conflicts {
        old: usize,
        new: usize,
    },
}

/// Every change, in workspace order, and the coverage before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub coverage: (Coverage, Coverage),
}

/// Whether `field` is a list field of a persona or a goal (its edits are items added and
/// removed, not an old and a new value).
fn is_list(field: &str) -> bool {
    fields::persona_field(field).is_some_and(Field::is_list)
        || fields::goal_field(field).is_some_and(Field::is_list)
}

/// Items of `a` that are not in `b`, as many times as they are missing (a multiset difference).
fn missing<'a>(a: &'a [String], b: &[String]) -> Vec<&'a str> {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for s in b {
        *left.entry(s).or_default() += 1;
    }
    a.iter()
        .filter(|s| match left.get_mut(s.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .map(String::as_str)
        .collect()
}

/// The items of `new` that are out of place relative to `old`: those not on a longest run of
/// items kept in the same relative order (so one move reports one item, not every one after it).
fn moved<'a>(old: &[&'a str], new: &[&'a str]) -> HashSet<&'a str> {
    let at: HashMap<&str, usize> = old.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let seq: Vec<(&str, usize)> = new
        .iter()
        .filter_map(|id| Some((*id, *at.get(id)?)))
        .collect();
    // Longest increasing subsequence of old positions, O(n log n), with back links.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &(_, pos)) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t].1 < pos);
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = HashSet::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep.insert(i);
        cur = prev[i];
    }
    seq.iter()
        .enumerate()
        .filter(|(i, _)| !keep.contains(i))
        .map(|(_, (id, _))| *id)
        .collect()
}

fn position_text(list: &[&str], id: &str) -> String {
    list.iter()
        .position(|x| *x == id)
        .map_or_else(String::new, |i| format!("position {}", i + 1))
}

/// Compares two workspaces by ids.
pub fn diff(old: &Workspace, new: &Workspace) -> Diff {
    let mut changes = Vec::new();
    if old.title != new.title {
        changes.push(Change::Title {
            old: old.title.clone(),
            new: new.title.clone(),
        });
    }
    let (os, ns) = (Side::new(old), Side::new(new));
    let (op, np) = (&os.personas, &ns.personas);
    for column in Column::ALL {
        let ids = |ws: &Workspace| -> Vec<String> {
            ws.column(column).iter().map(|p| p.id.clone()).collect()
        };
        let (oi, ni) = (ids(old), ids(new));
        let (o_ref, n_ref): (Vec<&str>, Vec<&str>) = (
            oi.iter().map(String::as_str).collect(),
            ni.iter().map(String::as_str).collect(),
        );
        for p in old
            .column(column)
            .iter()
            .filter(|p| !np.contains_key(p.id.as_str()))
        {
            changes.push(Change::PersonaRemoved {
                column,
                id: p.id.clone(),
                name: p.name.clone(),
            });
        }
        let out_of_place = moved(&o_ref, &n_ref);
        for p in new.column(column) {
            let Some((oc, before)) = op.get(p.id.as_str()) else {
                changes.push(Change::PersonaAdded {
                    column,
                    id: p.id.clone(),
                    name: p.name.clone(),
                });
                continue;
            };
            if *oc != column {
                changes.push(Change::PersonaMoved {
                    id: p.id.clone(),
                    from: oc.title().into(),
                    to: column.title().into(),
                });
            } else if out_of_place.contains(p.id.as_str()) {
                changes.push(Change::PersonaMoved {
                    id: p.id.clone(),
                    from: position_text(&o_ref, &p.id),
                    to: position_text(&n_ref, &p.id),
                });
            }
            for (field, old, new) in edits(PERSONA_FIELDS, before, p) {
                changes.push(Change::PersonaEdited {
                    id: p.id.clone(),
                    field,
                    old,
                    new,
                });
            }
        }
    }
    goal_changes(old, new, (&os, &ns), &mut changes);
    if old.conflicts.len() != new.conflicts.len() {
        changes.push(Change::Conflicts {
            old: old.conflicts.len(),
            new: new.conflicts.len(),
        });
    }
    let cov = |ws: &Workspace| coverage(ws, &LinkIndex::build(ws));
    Diff {
        changes,
        coverage: (cov(old), cov(new)),
    }
}

/// The fields that differ, in the order of `rows`, those of one value first (old and new
/// value as the file spells them), then the lists (old empty, new saying what was added and
/// removed, or "reordered").
fn edits<T>(rows: &[Field<T>], before: &T, after: &T) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    for f in rows {
        if let (Some(o), Some(n)) = (f.file_text(before), f.file_text(after))
            && o != n
        {
            out.push((f.key, o.to_string(), n.to_string()));
        }
    }
    for f in rows {
        let (Some(o), Some(n)) = (f.list(before), f.list(after)) else {
            continue;
        };
        if o == n {
            continue;
        }
        let (gone, added) = (missing(o, n), missing(n, o));
        let mut parts: Vec<String> = Vec::new();
        parts.extend(added.iter().map(|s| format!("added {s:?}")));
        parts.extend(gone.iter().map(|s| format!("removed {s:?}")));
        if parts.is_empty() {
            parts.push("reordered".into());
        }
        out.push((f.key, String::new(), parts.join(", ")));
    }
    out
}

fn goal_changes(
    old: &Workspace,
    new: &Workspace,
    (os, ns): (&Side, &Side),
    changes: &mut Vec<Change>,
) {
    let (og, ng) = (&os.goals, &ns.goals);
    let mut links = Vec::new();
    for (_, p, g) in old
        .goals()
        .filter(|(_, _, g)| !ng.contains_key(g.id.as_str()))
    {
        changes.push(Change::GoalRemoved {
            persona: p.id.clone(),
            id: g.id.clone(),
            text: g.text.clone(),
        });
        links.extend(g.supports.iter().map(|s| Change::LinkRemoved {
            from: g.id.clone(),
            to: s.clone(),
        }));
    }
    fn goal_ids(p: &Persona) -> Vec<&str> {
        p.goals.iter().map(|g| g.id.as_str()).collect()
    }
    for (_, p) in new.personas() {
        let new_list = goal_ids(p);
        let old_list = os
            .personas
            .get(p.id.as_str())
            .map(|(_, before)| goal_ids(before))
            .unwrap_or_default();
        let out_of_place = moved(&old_list, &new_list);
        for g in &p.goals {
            let Some((owner, before)) = og.get(g.id.as_str()) else {
                changes.push(Change::GoalAdded {
                    persona: p.id.clone(),
                    id: g.id.clone(),
                    text: g.text.clone(),
                });
                links.extend(g.supports.iter().map(|s| Change::LinkAdded {
                    from: g.id.clone(),
                    to: s.clone(),
                }));
                continue;
            };
            if *owner != p.id {
                changes.push(Change::GoalMoved {
                    id: g.id.clone(),
                    from: format!("persona {owner:?}"),
                    to: format!("persona {:?}", p.id),
                });
            } else if out_of_place.contains(g.id.as_str()) {
                changes.push(Change::GoalMoved {
                    id: g.id.clone(),
                    from: position_text(&old_list, &g.id),
                    to: position_text(&new_list, &g.id),
                });
            }
            for (field, old, new) in edits(GOAL_FIELDS, before, g) {
                changes.push(Change::GoalEdited {
                    id: g.id.clone(),
                    field,
                    old,
                    new,
                });
            }
            let (was, now): (HashSet<&String>, HashSet<&String>) = (
                before.supports.iter().collect(),
                g.supports.iter().collect(),
            );
            links.extend(g.supports.iter().filter(|s| !was.contains(s)).map(|s| {
                Change::LinkAdded {
                    from: g.id.clone(),
                    to: s.clone(),
                }
            }));
            links.extend(
                before
                    .supports
                    .iter()
                    .filter(|s| !now.contains(s))
                    .map(|s| Change::LinkRemoved {
                        from: g.id.clone(),
                        to: s.clone(),
                    }),
            );
        }
    }
    changes.extend(links);
}

/// ANSI colours of the four kinds of line.
const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// One line per change, then the coverage line. With `colour`, lines are coloured by kind.
pub fn render(d: &Diff, colour: bool) -> String {
    let mut out = String::new();
    let mut line = |colour_code: &str, text: String| {
        if colour {
            let _ = writeln!(out, "{colour_code}{text}{RESET}");
        } else {
            let _ = writeln!(out, "{text}");
        }
    };
    if d.changes.is_empty() {
        line("", "no changes to personas, goals or links".into());
    }
    for c in &d.changes {
        match c {
            Change::Title { old, new } => line(YELLOW, format!("~ title: {old:?} → {new:?}")),
            Change::PersonaAdded { column, id, name } => {
                line(GREEN, format!("+ {} {id:?}: {name:?}", column.noun()))
            }
            Change::PersonaRemoved { column, id, name } => {
                line(RED, format!("- {} {id:?}: {name:?}", column.noun()))
            }
            Change::PersonaMoved { id, from, to } => {
                line(CYAN, format!("> persona {id:?} moved: {from} → {to}"));
            }
            Change::PersonaEdited {
                id,
                field,
                old,
                new,
            } if old.is_empty() && is_list(field) => {
                line(YELLOW, format!("~ persona {id:?} {field}: {new}"));
            }
            Change::PersonaEdited {
                id,
                field,
                old,
                new,
            } => {
                line(
                    YELLOW,
                    format!("~ persona {id:?} {field}: {old:?} → {new:?}"),
                );
            }
            Change::GoalAdded { persona, id, text } => {
                line(GREEN, format!("+ goal {id:?} of {persona:?}: {text:?}"));
            }
            Change::GoalRemoved { persona, id, text } => {
                line(RED, format!("- goal {id:?} of {persona:?}: {text:?}"));
            }
            Change::GoalMoved { id, from, to } => {
                line(CYAN, format!("> goal {id:?} moved: {from} → {to}"));
            }
            Change::GoalEdited {
                id,
                field,
                old,
                new,
            } if old.is_empty() && is_list(field) => {
                line(YELLOW, format!("~ goal {id:?} {field}: {new}"));
            }
            Change::GoalEdited {
                id,
                field,
                old,
                new,
            } => {
                line(YELLOW, format!("~ goal {id:?} {field}: {old:?} → {new:?}"));
            }
            Change::LinkAdded { from, to } => line(GREEN, format!("+ link {from:?} → {to:?}")),
            Change::LinkRemoved { from, to } => line(RED, format!("- link {from:?} → {to:?}")),
            Change::Conflicts { old, new } => {
                line(
                    YELLOW,
                    format!("~ unresolved merge conflicts: {old} → {new}"),
                );
            }
        }
    }
    let (before, after) = d.coverage;
    let text = if before == after {
        format!("{after} (unchanged)")
    } else {
        format!(
            "coverage {}/{} ({}%) → {}/{} ({}%) user goals reach a buyer",
            before.reached,
            before.total,
            before.percent(),
            after.reached,
            after.total,
            after.percent()
        )
    };
    line(BOLD, text);
    out
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
