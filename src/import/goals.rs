//! The goals on the rows of one persona: a goal id updates that goal (or creates it with the
//! id), a row without one names the persona's goal of the same text or creates a goal.

use std::collections::{HashMap, HashSet};

use super::changes::Change;
use super::group::GoalRow;
use super::table::{RowError, Table};
use super::values::{heading, is_blank, parse_value};
use crate::export::csv::CsvColumn;
use crate::model::fields::{GOAL_FIELDS, Show};
use crate::model::ids::unique_id;
use crate::model::{Column, Workspace};

/// The goals on the rows of one persona.
#[allow(clippy::too_many_arguments)]
pub fn goals(
    ws: &mut Workspace,
    table: &Table,
    (column, pi): (Column, usize),
    rows: &[usize],
    goal_at: &HashMap<String, (Column, usize, usize)>,
    persona_at: &HashMap<String, (Column, usize)>,
    taken: &mut HashSet<String>,
    seen: &mut HashMap<String, usize>,
    goal_rows: &mut Vec<GoalRow>,
    changes: &mut Vec<Change>,
    errors: &mut Vec<RowError>,
) {
    let text_col = heading(GOAL_FIELDS).map(CsvColumn::Goal);
    let persona_id = ws.column(column)[pi].id.clone();
    for &ri in rows {
        let row = &table.rows[ri];
        let id = table.value(row, CsvColumn::GoalId);
        let text = text_col.and_then(|c| table.value(row, c));
        if id.is_none() && text.is_none() {
            let stray = table
                .present()
                .filter(|c| matches!(c, CsvColumn::Goal(_) | CsvColumn::Supports))
                .find(|c| table.value(row, *c).is_some());
            if let Some(c) = stray {
                errors.push(RowError::new(
                    row.number,
                    format!("the row has a {} but no goal text", c.header()),
                ));
            }
            continue;
        }
        // A row without a goal id names its persona's goal of the same text, if there is one,
        // so a table without ids can be imported again without duplicating its goals.
        let same_text = match (id, text) {
            (None, Some(text)) => {
                let mut same = ws.column(column)[pi]
                    .goals
                    .iter()
                    .filter(|g| g.text.trim() == text);
                match (same.next(), same.next()) {
                    (Some(g), None) => Some(g.id.clone()),
                    _ => None,
                }
            }
            _ => None,
        };
        let id = id.or(same_text.as_deref());
        if let Some(id) = id {
            if let Some(first) = seen.insert(id.to_string(), row.number) {
                errors.push(RowError::new(
                    row.number,
                    format!("rows {first} and {} both give goal {id:?}", row.number),
                ));
                continue;
            }
            if persona_at.contains_key(id) {
                errors.push(RowError::new(
                    row.number,
                    format!("goal id {id:?} is already a persona's id; ids are unique"),
                ));
                continue;
            }
        }
        let existing = id.and_then(|id| goal_at.get(id)).copied();
        if let Some((c, p, _)) = existing
            && (c, p) != (column, pi)
        {
            errors.push(RowError::new(
                row.number,
                format!(
                    "goal {:?} belongs to persona {:?}, the row names persona {persona_id:?}; \
                     goals are moved between personas in the app",
                    id.unwrap_or_default(),
                    ws.column(c)[p].id
                ),
            ));
            continue;
        }
        let before = existing.map(|(_, _, gi)| ws.column(column)[pi].goals[gi].clone());
        let mut goal = before.clone().unwrap_or_default();
        for col in table.present() {
            let CsvColumn::Goal(field) = col else {
                continue;
            };
            let cell = table.cell(row, col).unwrap_or_default();
            match parse_value(field, column, cell) {
                Ok(value) if field.show == Show::Heading && is_blank(&value) => {
                    errors.push(RowError::new(
                        row.number,
                        format!("goal {:?} has an empty text", id.unwrap_or_default()),
                    ));
                }
                Ok(value) => field.set(&mut goal, column, value),
                Err(message) => errors.push(RowError::new(row.number, message)),
            }
        }
        if before.is_none()
            && goal.text.trim().is_empty()
            && text_col.is_some_and(|c| !table.has(c))
        {
            errors.push(RowError::new(
                row.number,
                format!(
                    "goal {:?} is new and the table has no goal text",
                    id.unwrap_or_default()
                ),
            ));
        }
        let gi = match (existing, &before) {
            (Some((_, _, gi)), Some(before)) => {
                let fields: Vec<_> = GOAL_FIELDS
                    .iter()
                    .filter(|f| f.get(before, column) != f.get(&goal, column))
                    .map(|f| f.key)
                    .collect();
                if !fields.is_empty() {
                    changes.push(Change::UpdateGoal {
                        id: goal.id.clone(),
                        fields,
                    });
                }
                ws.persona_mut(column, pi).goals[gi] = goal;
                gi
            }
            _ => {
                goal.id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        let made = unique_id(&goal.text, "goal", |id| taken.contains(id));
                        taken.insert(made.clone());
                        made
                    }
                };
                seen.insert(goal.id.clone(), row.number);
                changes.push(Change::CreateGoal {
                    persona: persona_id.clone(),
                    id: goal.id.clone(),
                    text: goal.text.clone(),
                });
                let goals = &mut ws.persona_mut(column, pi).goals;
                goals.push(goal);
                goals.len() - 1
            }
        };
        goal_rows.push((ri, column, pi, gi));
    }
}
