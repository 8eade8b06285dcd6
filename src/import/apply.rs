//! Applying a read table to a workspace: rows with an id update that persona or goal (or
//! create it with that id), rows without one create it with an id made as the app makes them
//! (or name the persona of that name, and its goal of that text, when there is one); rows
//! naming the same persona are one persona. Fields are read and written through
//! `model::fields`, so every field the table has is imported without code of its own.
//!
//! Pure: no files, no printing. Every bad row is collected; the workspace is only returned
//! when there are none.

use std::collections::{HashMap, HashSet};

use super::changes::Change;
use super::goals::goals;
use super::group::{GoalRow, Known, group_rows};
use super::links;
use super::table::{RowError, Table};
use super::values::{blank_value, heading, is_blank, parse_column, parse_value, same_value};
use crate::export::csv::CsvColumn;
use crate::model::fields::{PERSONA_FIELDS, Show, Value, persona_fields};
use crate::model::ids::unique_id;
use crate::model::{Column, Persona, Workspace, validate};

/// The workspace after the import, and what changed.
#[derive(Debug)]
pub struct Outcome {
    pub workspace: Workspace,
    pub changes: Vec<Change>,
}

/// Applies `table` to `base`.
pub fn apply(base: Workspace, table: &Table) -> Result<Outcome, Vec<RowError>> {
    let mut errors = table.problems.clone();
    let mut changes = Vec::new();
    let mut ws = base;
    let name_col = heading(PERSONA_FIELDS).map(CsvColumn::Persona);
    let cell = |ri: usize, c: Option<CsvColumn>| c.and_then(|c| table.value(&table.rows[ri], c));
    let number = |ri: usize| table.rows[ri].number;

    let known = Known::of(&ws);
    let mut persona_at = known.persona_at.clone();
    let goal_at = &known.goal_at;

    // The column each row names.
    let row_columns: Vec<Option<Column>> = (0..table.rows.len())
        .map(|ri| {
            let given = cell(ri, Some(CsvColumn::Column))?;
            let found = parse_column(given);
            if found.is_none() {
                errors.push(RowError::new(
                    number(ri),
                    format!(
                        "unknown column {given:?}; it is one of users, departments, buyers \
                         (or user, department, buyer)"
                    ),
                ));
            }
            found
        })
        .collect();

    let mut taken = HashSet::new();
    let groups = group_rows(table, &ws, &known, &row_columns, &mut taken, &mut errors);

    // Personas, in the order the table first names them.
    let mut goal_rows: Vec<GoalRow> = Vec::new();
    let mut goal_seen: HashMap<String, usize> = HashMap::new();
    for group in &groups {
        let first = group.rows[0];
        let known = group.id.as_ref().and_then(|id| persona_at.get(id)).copied();
        let mut column = known.map(|(c, _)| c).or(group.column);
        for &ri in &group.rows {
            match (column, row_columns[ri]) {
                (None, Some(c)) => column = Some(c),
                (Some(a), Some(b)) if a != b => {
                    let who = group
                        .id
                        .clone()
                        .or_else(|| cell(ri, name_col).map(str::to_string));
                    errors.push(RowError::new(
                        number(ri),
                        format!(
                            "persona {:?} is in {}, the row says {}; personas are moved \
                             between columns in the app",
                            who.unwrap_or_default(),
                            a.key(),
                            b.key()
                        ),
                    ));
                }
                _ => {}
            }
        }
        let Some(column) = column else {
            errors.push(RowError::new(
                number(first),
                format!(
                    "persona {:?} is new and no row names its column (users, departments or \
                     buyers)",
                    group.id.clone().unwrap_or_default()
                ),
            ));
            continue;
        };
        let before = known.map(|(c, pi)| Persona::clone(&ws.column(c)[pi]));
        let mut persona = before.clone().unwrap_or_default();
        let shown = group.id.clone().unwrap_or_default();
        let unnamed_reported = fill_persona(
            table,
            &group.rows,
            column,
            &mut persona,
            (before.is_none(), &shown),
            &mut errors,
        );
        if before.is_none() {
            persona.id = match &group.id {
                Some(id) => id.clone(),
                None => {
                    let id = unique_id(&persona.name, "persona", |id| taken.contains(id));
                    taken.insert(id.clone());
                    id
                }
            };
            if persona.name.trim().is_empty() && !unnamed_reported {
                errors.push(RowError::new(
                    number(first),
                    format!("persona {:?} is new and has no name", persona.id),
                ));
            }
        }
        let shown = persona.id.clone();
        let pi = match known {
            Some((_, pi)) => pi,
            None => {
                changes.push(Change::CreatePersona {
                    column,
                    id: persona.id.clone(),
                    name: persona.name.clone(),
                });
                persona_at.insert(persona.id.clone(), (column, ws.column(column).len()));
                ws.column_mut(column).push(std::sync::Arc::default());
                ws.column(column).len() - 1
            }
        };
        if let Some(before) = &before {
            let fields: Vec<_> = persona_fields(column)
                .filter(|f| f.get(before, column) != f.get(&persona, column))
                .map(|f| f.key)
                .collect();
            if !fields.is_empty() {
                changes.push(Change::UpdatePersona {
                    id: shown.clone(),
                    fields,
                });
            }
        }
        ws.column_mut(column)[pi] = std::sync::Arc::new(persona);
        goals(
            &mut ws,
            table,
            (column, pi),
            &group.rows,
            goal_at,
            &persona_at,
            &mut taken,
            &mut goal_seen,
            &mut goal_rows,
            &mut changes,
            &mut errors,
        );
    }

    if table.has(CsvColumn::Supports) {
        links::resolve(&mut ws, table, &goal_rows, &mut changes, &mut errors);
    }
    retitle(&mut ws, table, &mut changes, &mut errors);

    if errors.is_empty() {
        errors.extend(
            validate(&ws).into_iter().map(|e| {
                RowError::new(0, format!("the imported workspace would not be valid: {e}"))
            }),
        );
    }
    if errors.is_empty() {
        Ok(Outcome {
            workspace: ws,
            changes,
        })
    } else {
        errors.sort_by_key(|e| e.row);
        Err(errors)
    }
}

/// Sets a persona's fields from its rows: the one value the rows that fill a field give (two
/// different ones are an error naming both rows). Returns whether an empty name was reported.
fn fill_persona(
    table: &Table,
    rows: &[usize],
    column: Column,
    persona: &mut Persona,
    (new, shown): (bool, &str),
    errors: &mut Vec<RowError>,
) -> bool {
    let mut unnamed_reported = false;
    let first = rows[0];
    let name_col = heading(PERSONA_FIELDS).map(CsvColumn::Persona);
    let cell = |ri: usize, c: Option<CsvColumn>| c.and_then(|c| table.value(&table.rows[ri], c));
    let number = |ri: usize| table.rows[ri].number;
    for col in table.present() {
        let CsvColumn::Persona(field) = col else {
            continue;
        };
        let mut agreed: Option<(usize, Value, &str)> = None;
        for &ri in rows {
            let Some(text) = table
                .cell(&table.rows[ri], col)
                .filter(|t| !t.trim().is_empty())
            else {
                continue;
            };
            if !field.columns.contains(&column) {
                errors.push(RowError::new(
                    number(ri),
                    format!(
                        "{} is a field of {} personas only; {:?} is a {} persona",
                        field.key,
                        field
                            .columns
                            .iter()
                            .map(|c| c.noun())
                            .collect::<Vec<_>>()
                            .join(" and "),
                        persona.name.trim(),
                        column.noun()
                    ),
                ));
                continue;
            }
            match parse_value(field, column, text) {
                Err(message) => errors.push(RowError::new(number(ri), message)),
                Ok(value) => match &agreed {
                    None => agreed = Some((ri, value, text)),
                    Some((r0, v0, t0)) if !same_value(v0, &value) => {
                        errors.push(RowError::new(
                            number(ri),
                            format!(
                                "rows {} and {} give persona {:?} two values of {}: {:?} \
                                 and {:?}",
                                number(*r0),
                                number(ri),
                                cell(first, name_col).unwrap_or(shown),
                                field.key,
                                t0.trim(),
                                text.trim()
                            ),
                        ));
                        break;
                    }
                    Some(_) => {}
                },
            }
        }
        // All blank: the first row's cell as it is (spaces too), so a round trip keeps it.
        let value = agreed.map_or_else(
            || {
                table
                    .cell(&table.rows[first], col)
                    .and_then(|t| parse_value(field, column, t).ok())
                    .unwrap_or_else(|| blank_value(field))
            },
            |(_, v, _)| v,
        );
        if field.show == Show::Heading && is_blank(&value) {
            if new {
                unnamed_reported = true;
                errors.push(RowError::new(
                    number(first),
                    format!("the persona name is empty (persona {shown:?})"),
                ));
            }
            continue;
        }
        if field.columns.contains(&column) {
            field.set(persona, column, value);
        }
    }
    unnamed_reported
}

/// The workspace title from the `workspace` column, which every row that fills it must agree on.
fn retitle(
    ws: &mut Workspace,
    table: &Table,
    changes: &mut Vec<Change>,
    errors: &mut Vec<RowError>,
) {
    let mut agreed: Option<(usize, &str)> = None;
    for row in &table.rows {
        let Some(title) = table
            .cell(row, CsvColumn::Workspace)
            .filter(|t| !t.trim().is_empty())
        else {
            continue;
        };
        match agreed {
            None => agreed = Some((row.number, title)),
            Some((first, t)) if t.trim() != title.trim() => {
                errors.push(RowError::new(
                    row.number,
                    format!(
                        "rows {first} and {} name two workspaces: {:?} and {:?}",
                        row.number,
                        t.trim(),
                        title.trim()
                    ),
                ));
                return;
            }
            Some(_) => {}
        }
    }
    if let Some((_, title)) = agreed
        && ws.title != title
    {
        ws.title = title.to_string();
        changes.push(Change::Retitle {
            title: title.to_string(),
        });
    }
}
