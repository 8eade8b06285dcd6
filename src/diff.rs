//! What changed between two workspaces, by persona and goal (SPEC §9, `personas diff`).
//!
//! [`diff`] compares by ids: personas and goals added, removed, moved (to another column or
//! persona, or to another position among the ones both versions have), edited field by field,
//! links added and removed, and the chain coverage before and after. [`render`] turns that into
//! one line per change, coloured only when asked (on a terminal). Values are printed quoted and
//! escaped, so nothing read from a file reaches a terminal raw. Knows nothing about files or git.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt::Write as _;

use crate::model::conflict::persona_field;
use crate::model::{Column, Coverage, Goal, LinkIndex, Persona, Workspace, coverage};

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

const LIST_FIELDS: [&str; 3] = ["pains", "objections", "criteria"];

fn list<'a>(p: &'a Persona, field: &str) -> &'a [String] {
    match field {
        "pains" => &p.pains,
        "objections" => &p.objections,
        _ => &p.criteria,
    }
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
    fn personas(ws: &Workspace) -> HashMap<&str, (Column, &Persona)> {
        ws.personas()
            .map(|(c, p)| (p.id.as_str(), (c, p)))
            .collect()
    }
    let (op, np) = (personas(old), personas(new));
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
            persona_edits(column, before, p, &mut changes);
        }
    }
    goal_changes(old, new, &mut changes);
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

fn persona_edits(column: Column, before: &Persona, after: &Persona, changes: &mut Vec<Change>) {
    for field in crate::model::conflict::PERSONA_FIELDS {
        if field == "column" {
            continue;
        }
        let (Some(o), Some(n)) = (
            persona_field(column, before, field),
            persona_field(column, after, field),
        ) else {
            continue;
        };
        if o != n {
            changes.push(Change::PersonaEdited {
                id: after.id.clone(),
                field,
                old: o,
                new: n,
            });
        }
    }
    for field in LIST_FIELDS {
        let (o, n) = (list(before, field), list(after, field));
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
        changes.push(Change::PersonaEdited {
            id: after.id.clone(),
            field,
            old: String::new(),
            new: parts.join(", "),
        });
    }
}

fn goal_changes(old: &Workspace, new: &Workspace, changes: &mut Vec<Change>) {
    fn goals(ws: &Workspace) -> HashMap<&str, (&str, &Goal)> {
        ws.goals()
            .map(|(_, p, g)| (g.id.as_str(), (p.id.as_str(), g)))
            .collect()
    }
    let (og, ng) = (goals(old), goals(new));
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
    let old_goal_lists: HashMap<&str, Vec<&str>> = old
        .personas()
        .map(|(_, p)| {
            (
                p.id.as_str(),
                p.goals.iter().map(|g| g.id.as_str()).collect(),
            )
        })
        .collect();
    for (_, p) in new.personas() {
        let new_list: Vec<&str> = p.goals.iter().map(|g| g.id.as_str()).collect();
        let old_list = old_goal_lists
            .get(p.id.as_str())
            .cloned()
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
            for (field, o, n) in [
                ("text", &before.text, &g.text),
                ("why", &before.why, &g.why),
                ("metric", &before.metric, &g.metric),
            ] {
                if o != n {
                    changes.push(Change::GoalEdited {
                        id: g.id.clone(),
                        field,
                        old: o.clone(),
                        new: n.clone(),
                    });
                }
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
            } if old.is_empty() && LIST_FIELDS.contains(field) => {
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
