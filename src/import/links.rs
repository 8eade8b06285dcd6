//! The `supports` cells of an import: each item (items are separated by `;` or a new line) is a
//! goal id or a goal's exact text. A text that several goals of the next column up have is an
//! error listing them; a link to any other column than the next one up is refused with the
//! message validation gives everywhere else.

use std::collections::HashMap;

use super::changes::Change;
use super::group::GoalRow;
use super::table::{RowError, Table};
use crate::export::csv::CsvColumn;
use crate::model::{Column, ValidationError, Workspace};

/// The items of a `supports` cell: one a line, and each line split at `;` — unless the whole
/// line is a goal's id or text (a goal text may hold a `;`).
fn items(cell: &str, known: impl Fn(&str) -> bool) -> Vec<&str> {
    cell.split('\n')
        .map(str::trim)
        .flat_map(|line| {
            if known(line) {
                vec![line]
            } else {
                line.split(';').map(str::trim).collect()
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Sets the supports of every goal on a row of the table.
pub fn resolve(
    ws: &mut Workspace,
    table: &Table,
    goal_rows: &[GoalRow],
    changes: &mut Vec<Change>,
    errors: &mut Vec<RowError>,
) {
    let mut by_id: HashMap<&str, Column> = HashMap::new();
    let mut by_text: HashMap<&str, Vec<(Column, &str, &str)>> = HashMap::new();
    for (column, persona, goal) in ws.goals() {
        by_id.insert(&goal.id, column);
        by_text.entry(goal.text.trim()).or_default().push((
            column,
            goal.id.as_str(),
            persona.name.as_str(),
        ));
    }
    let mut updates = Vec::new();
    for &(ri, column, pi, gi) in goal_rows {
        let row = &table.rows[ri];
        let goal = &ws.column(column)[pi].goals[gi];
        let persona = &ws.column(column)[pi];
        let mut targets: Vec<String> = Vec::new();
        let cell = table.cell(row, CsvColumn::Supports).unwrap_or_default();
        let known = |s: &str| by_id.contains_key(s) || by_text.contains_key(s);
        for item in items(cell, known) {
            let target = match by_id.get(item) {
                Some(&c) => Some((c, item.to_string())),
                None => match by_text.get(item).map(Vec::as_slice) {
                    None | Some([]) => {
                        errors.push(RowError::new(
                            row.number,
                            format!("supports {item:?}: no goal has this id or this text"),
                        ));
                        None
                    }
                    Some(all) => {
                        let up: Vec<_> = all
                            .iter()
                            .filter(|(c, _, _)| Some(*c) == column.up())
                            .collect();
                        match up[..] {
                            [(c, id, _)] => Some((*c, id.to_string())),
                            [] => all.first().map(|(c, id, _)| (*c, id.to_string())),
                            _ => {
                                errors.push(RowError::new(
                                    row.number,
                                    format!(
                                        "supports {item:?}: several goals have this text ({}); \
                                         give the goal id instead",
                                        up.iter()
                                            .map(|(_, id, p)| format!("{id} of {p:?}"))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                ));
                                None
                            }
                        }
                    }
                },
            };
            let Some((to, id)) = target else {
                continue;
            };
            if Some(to) != column.up() {
                let refused = ValidationError::WrongColumn {
                    persona: persona.id.clone(),
                    goal: goal.id.clone(),
                    target: id,
                    from: column,
                    to,
                };
                errors.push(RowError::new(row.number, refused.to_string()));
                continue;
            }
            if !targets.contains(&id) {
                targets.push(id);
            }
        }
        if targets != goal.supports {
            for to in targets.iter().filter(|t| !goal.supports.contains(t)) {
                changes.push(Change::Link {
                    from: goal.id.clone(),
                    to: to.clone(),
                });
            }
            for to in goal.supports.iter().filter(|t| !targets.contains(t)) {
                changes.push(Change::Unlink {
                    from: goal.id.clone(),
                    to: to.clone(),
                });
            }
            updates.push((column, pi, gi, targets));
        }
    }
    for (column, pi, gi, targets) in updates {
        ws.persona_mut(column, pi).goals[gi].supports = targets;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_at_semicolons_and_lines_unless_a_goal_has_the_whole_line() {
        let known = |s: &str| s == "Hit target; fast";
        assert_eq!(items("a; b\nc;;", known), ["a", "b", "c"]);
        assert_eq!(
            items(" Hit target; fast \nx;y", known),
            ["Hit target; fast", "x", "y"]
        );
    }
}
