//! Which rows are one persona: rows with the same `persona_id`, then rows naming a persona by
//! name (in its column) — joining the persona of that name the workspace or the table already
//! has. Also reserves every id the table gives, so that ids made later never take one.

use std::collections::{HashMap, HashSet};

use super::table::{RowError, Table};
use super::values::heading;
use crate::export::csv::CsvColumn;
use crate::model::fields::PERSONA_FIELDS;
use crate::model::{Column, Workspace};

/// Where a goal of the table ended up: (table row index, column, persona index, goal index).
pub type GoalRow = (usize, Column, usize, usize);

/// The persona of rows that name the same one.
pub struct Group {
    /// The given id, or the id of the existing persona the rows name.
    pub id: Option<String>,
    /// The column named by the rows (when the persona is new).
    pub column: Option<Column>,
    /// Indices into the table's rows, in order.
    pub rows: Vec<usize>,
}

/// Where everything of the workspace is before the import.
pub struct Known {
    pub persona_at: HashMap<String, (Column, usize)>,
    pub goal_at: HashMap<String, (Column, usize, usize)>,
    pub by_name: HashMap<(Column, String), Vec<String>>,
}

impl Known {
    pub fn of(ws: &Workspace) -> Known {
        let mut known = Known {
            persona_at: HashMap::new(),
            goal_at: HashMap::new(),
            by_name: HashMap::new(),
        };
        for column in Column::ALL {
            for (pi, p) in ws.column(column).iter().enumerate() {
                known.persona_at.insert(p.id.clone(), (column, pi));
                known
                    .by_name
                    .entry((column, p.name.trim().to_string()))
                    .or_default()
                    .push(p.id.clone());
                for (gi, g) in p.goals.iter().enumerate() {
                    known.goal_at.insert(g.id.clone(), (column, pi, gi));
                }
            }
        }
        known
    }
}

/// The table's rows as personas, in the order the table first names them. `taken` gets every
/// id of the workspace and of the table.
pub fn group_rows(
    table: &Table,
    ws: &Workspace,
    known: &Known,
    row_columns: &[Option<Column>],
    taken: &mut HashSet<String>,
    errors: &mut Vec<RowError>,
) -> Vec<Group> {
    let Known {
        persona_at,
        goal_at,
        by_name: by_base_name,
    } = known;
    let name_col = heading(PERSONA_FIELDS).map(CsvColumn::Persona);
    let cell = |ri: usize, c: Option<CsvColumn>| c.and_then(|c| table.value(&table.rows[ri], c));
    let number = |ri: usize| table.rows[ri].number;
    taken.extend(persona_at.keys().chain(goal_at.keys()).cloned());

    // Ids the table gives: made ids must not take them.
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
    for (at, group) in groups.iter().enumerate() {
        let first = group.rows[0];
        let id = group.id.clone().unwrap_or_default();
        let known = persona_at.get(&id).copied();
        let column = known.map(|(c, _)| c).or(row_columns[first]);
        let name = group
            .rows
            .iter()
            .find_map(|ri| cell(*ri, name_col))
            .map(str::to_string)
            .or_else(|| known.map(|(c, pi)| ws.column(c)[pi].name.trim().to_string()));
        if let (Some(column), Some(name)) = (column, name) {
            by_name.entry((column, name)).or_insert(at);
        }
    }
    for (ri, row_column) in row_columns.iter().enumerate() {
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
        let candidates: Vec<Column> = match *row_column {
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
        let in_table = by_name.get(&key).copied();
        // The personas of this name: in the workspace, and given an id by the table.
        let mut ids: Vec<String> = by_base_name.get(&key).cloned().unwrap_or_default();
        if let Some(id) = in_table.and_then(|g| groups[g].id.clone())
            && !ids.contains(&id)
        {
            ids.push(id);
        }
        if ids.len() > 1 {
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
        let group = match in_table {
            Some(g) => g,
            None => {
                let existing = ids.pop();
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
            }
        };
        groups[group].rows.push(ri);
    }
    for g in &mut groups {
        g.rows.sort_unstable();
    }
    groups.sort_by_key(|g| g.rows[0]);
    groups
}
