//! Applying a read table to a workspace: rows with an id update that persona or goal (or
//! create it with that id), rows without one create it with an id made as the app makes them;
//! rows naming the same persona are one persona. Fields are read and written through
//! `model::fields`, so every field the table has is imported without code of its own.
//!
//! Pure: no files, no printing. Every bad row is collected; the workspace is only returned
//! when there are none.

use std::collections::{HashMap, HashSet};

use super::changes::Change;
use super::links;
use super::table::{RowError, Table, norm};
use crate::export::csv::{CsvColumn, column_name};
use crate::model::fields::{
    Access, Field, GOAL_FIELDS, PERSONA_FIELDS, Show, Value, persona_fields,
};
use crate::model::ids::unique_id;
use crate::model::{Column, Persona, Workspace, validate};

/// The workspace after the import, and what changed.
#[derive(Debug)]
pub struct Outcome {
    pub workspace: Workspace,
    pub changes: Vec<Change>,
}

/// Where a goal of the table ended up: (table row index, column, persona index, goal index).
pub type GoalRow = (usize, Column, usize, usize);

/// The persona of rows that name the same one.
struct Group {
    /// The given id, or the id of the existing persona the rows name.
    id: Option<String>,
    /// The column named by the rows (when the persona is new).
    column: Option<Column>,
    rows: Vec<usize>,
}

fn heading<T>(fields: &'static [Field<T>]) -> Option<&'static Field<T>> {
    fields.iter().find(|f| f.show == Show::Heading)
}

/// `users` / `user` / `Departments` … in any case.
pub fn parse_column(cell: &str) -> Option<Column> {
    let n = norm(cell);
    Column::ALL
        .into_iter()
        .find(|c| n == column_name(*c) || n == c.noun())
}

/// List cells hold one item a line; blank lines are dropped.
fn list_items(cell: &str) -> Vec<String> {
    cell.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A cell as a field's value: text as it is, a list one item a line, a choice by its file name
/// or its label in any case.
fn parse_value<T>(field: &Field<T>, column: Column, cell: &str) -> Result<Value, String> {
    match &field.access {
        Access::Text { .. } => Ok(Value::Text(cell.to_string())),
        Access::List { .. } => Ok(Value::List(list_items(cell))),
        Access::Choice { .. } if cell.trim().is_empty() => Ok(Value::Choice(None)),
        Access::Choice { .. } => {
            let choices = field.choices(column);
            let n = norm(cell);
            choices
                .iter()
                .position(|c| norm(c.ident()) == n || norm(c.label()) == n)
                .map(|i| Value::Choice(Some(i)))
                .ok_or_else(|| {
                    format!(
                        "unknown {} {:?} for a {} persona; it is one of: {}",
                        field.label.to_lowercase(),
                        cell.trim(),
                        column.noun(),
                        choices
                            .iter()
                            .map(|c| c.ident())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
        }
    }
}

fn blank_value<T>(field: &Field<T>) -> Value {
    match field.access {
        Access::Text { .. } => Value::Text(String::new()),
        Access::List { .. } => Value::List(Vec::new()),
        Access::Choice { .. } => Value::Choice(None),
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Text(t) => t.trim().is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Choice(c) => c.is_none(),
    }
}

/// Values that only differ in surrounding spaces are the same.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        (Value::List(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.trim() == y.trim())
        }
        _ => a == b,
    }
}

/// Applies `table` to `base`.
pub fn apply(base: Workspace, table: &Table) -> Result<Outcome, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut changes = Vec::new();
    let mut ws = base;
    let name_col = heading(PERSONA_FIELDS).map(CsvColumn::Persona);
    let cell = |ri: usize, c: Option<CsvColumn>| c.and_then(|c| table.value(&table.rows[ri], c));
    let number = |ri: usize| table.rows[ri].number;

    // Where everything already is.
    let mut persona_at: HashMap<String, (Column, usize)> = HashMap::new();
    let mut goal_at: HashMap<String, (Column, usize, usize)> = HashMap::new();
    let mut by_base_name: HashMap<(Column, String), Vec<String>> = HashMap::new();
    for column in Column::ALL {
        for (pi, p) in ws.column(column).iter().enumerate() {
            persona_at.insert(p.id.clone(), (column, pi));
            by_base_name
                .entry((column, p.name.trim().to_string()))
                .or_default()
                .push(p.id.clone());
            for (gi, g) in p.goals.iter().enumerate() {
                goal_at.insert(g.id.clone(), (column, pi, gi));
            }
        }
    }

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

    // Ids the table gives: made ids must not take them.
    let mut taken: HashSet<String> = persona_at.keys().chain(goal_at.keys()).cloned().collect();
    let given_goal_ids: HashMap<&str, usize> = (0..table.rows.len())
        .filter_map(|ri| Some((cell(ri, Some(CsvColumn::GoalId))?, ri)))
        .collect();
    taken.extend(given_goal_ids.keys().map(|s| s.to_string()));

    // Rows → personas: first the rows with an id, then those naming a persona by name.
    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<(Column, String), usize> = HashMap::new();
    for ri in 0..table.rows.len() {
        let Some(id) = cell(ri, Some(CsvColumn::PersonaId)) else {
            continue;
        };
        taken.insert(id.to_string());
        if !persona_at.contains_key(id) {
            let clash = match (given_goal_ids.get(id), goal_at.contains_key(id)) {
                (Some(&goal_ri), _) => Some(format!("the goal id of row {}", number(goal_ri))),
                (None, true) => Some("a goal's id already".to_string()),
                (None, false) => None,
            };
            if let Some(clash) = clash {
                errors.push(RowError::new(
                    number(ri),
                    format!("persona id {id:?} is {clash}; ids are unique in a workspace"),
                ));
            }
        }
        let g = *by_id.entry(id.to_string()).or_insert_with(|| {
            groups.push(Group {
                id: Some(id.to_string()),
                column: None,
                rows: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].rows.push(ri);
    }
    for group in 0..groups.len() {
        let first = groups[group].rows[0];
        let id = groups[group].id.clone().unwrap_or_default();
        let known = persona_at.get(&id).copied();
        let column = known.map(|(c, _)| c).or(row_columns[first]);
        let name = groups[group]
            .rows
            .iter()
            .find_map(|ri| cell(*ri, name_col))
            .map(str::to_string)
            .or_else(|| known.map(|(c, pi)| ws.column(c)[pi].name.trim().to_string()));
        if let (Some(column), Some(name)) = (column, name) {
            by_name.entry((column, name)).or_insert(group);
        }
    }
    for ri in 0..table.rows.len() {
        if cell(ri, Some(CsvColumn::PersonaId)).is_some() {
            continue;
        }
        let Some(name) = cell(ri, name_col) else {
            errors.push(RowError::new(
                number(ri),
                "the persona name is empty (each row names its persona, or gives persona_id)",
            ));
            continue;
        };
        let candidates: Vec<Column> = match row_columns[ri] {
            Some(c) => vec![c],
            None => Column::ALL
                .into_iter()
                .filter(|c| {
                    let key = (*c, name.to_string());
                    by_name.contains_key(&key) || by_base_name.contains_key(&key)
                })
                .collect(),
        };
        let column = match candidates[..] {
            [c] => c,
            _ => {
                let why = if cell(ri, Some(CsvColumn::Column)).is_some() {
                    continue; // the unknown column is reported already
                } else if candidates.is_empty() {
                    format!(
                        "persona {name:?} is new and the row names no column (users, \
                         departments or buyers)"
                    )
                } else {
                    format!("several columns have a persona {name:?}; name the column")
                };
                errors.push(RowError::new(number(ri), why));
                continue;
            }
        };
        let key = (column, name.to_string());
        let group = if let Some(&g) = by_name.get(&key) {
            g
        } else {
            let existing = match by_base_name.get(&key).map(Vec::as_slice) {
                Some([id]) => Some(id.clone()),
                Some(ids) if ids.len() > 1 => {
                    errors.push(RowError::new(
                        number(ri),
                        format!(
                            "several {} personas are named {name:?} ({}); give persona_id",
                            column.noun(),
                            ids.join(", ")
                        ),
                    ));
                    continue;
                }
                _ => None,
            };
            let g = match existing.as_ref().and_then(|id| by_id.get(id)) {
                Some(&g) => g,
                None => {
                    groups.push(Group {
                        id: existing,
                        column: Some(column),
                        rows: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            by_name.insert(key, g);
            g
        };
        groups[group].rows.push(ri);
    }
    for g in &mut groups {
        g.rows.sort_unstable();
    }
    groups.sort_by_key(|g| g.rows[0]);

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
                            column_name(a),
                            column_name(b)
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
        let before = known.map(|(c, pi)| ws.column(c)[pi].clone());
        let mut persona = before.clone().unwrap_or_default();
        let mut shown = group.id.clone().unwrap_or_default();
        let mut unnamed_reported = false;
        for col in table.present() {
            let CsvColumn::Persona(field) = col else {
                continue;
            };
            let mut agreed: Option<(usize, Value, &str)> = None;
            for &ri in &group.rows {
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
                                    cell(first, name_col).unwrap_or(shown.as_str()),
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
                if before.is_none() {
                    unnamed_reported = true;
                    errors.push(RowError::new(
                        number(first),
                        format!("the persona name is empty (persona {shown:?})"),
                    ));
                }
                continue;
            }
            if field.columns.contains(&column) {
                field.set(&mut persona, column, value);
            }
        }
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
        shown = persona.id.clone();
        let pi = match known {
            Some((_, pi)) => pi,
            None => {
                changes.push(Change::CreatePersona {
                    column,
                    id: persona.id.clone(),
                    name: persona.name.clone(),
                });
                persona_at.insert(persona.id.clone(), (column, ws.column(column).len()));
                ws.column_mut(column).push(Persona::default());
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
        ws.column_mut(column)[pi] = persona;
        goals(
            &mut ws,
            table,
            (column, pi),
            &group.rows,
            &goal_at,
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

/// The goals on the rows of one persona.
#[allow(clippy::too_many_arguments)]
fn goals(
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
                ws.column_mut(column)[pi].goals[gi] = goal;
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
                let goals = &mut ws.column_mut(column)[pi].goals;
                goals.push(goal);
                goals.len() - 1
            }
        };
        goal_rows.push((ri, column, pi, gi));
    }
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
