//! The `csv` report (SPEC §10): one row per goal and one per persona without goals, in board
//! order, for editing in a spreadsheet and reading back with `personas import`.
//!
//! The columns are [`columns`]: the persona's column, the persona id, every persona field of
//! [`PERSONA_FIELDS`], the goal id, every goal field of [`GOAL_FIELDS`], the goal's `supports`
//! and the workspace title. A new field in `model::fields` becomes a new column here and in the
//! import without new code. Cells hold the text as in the file: lists one item a line, choices
//! by their file name (`GoalDirected`), `supports` as goal ids joined by `;`. Two things are
//! changed, by [`guarded`]: a control character other than tab, line feed and carriage return is
//! written as its visible placeholder, and a cell that a spreadsheet would run as a formula gets
//! one `'` in front (which the import takes off again).

use crate::model::fields::{Access, Field, GOAL_FIELDS, PERSONA_FIELDS, Show};
use crate::model::{ChainSet, Column, Goal, LinkIndex, Persona, Workspace};
use crate::text::placeholder;

/// The byte order mark that makes Excel read a csv file as UTF-8 (`export --bom`).
pub const BOM: &str = "\u{feff}";

/// One column of the table.
#[derive(Clone, Copy)]
pub enum CsvColumn {
    /// Which column of the value chain the persona is in: `users`, `departments`, `buyers`.
    Column,
    PersonaId,
    Persona(&'static Field<Persona>),
    GoalId,
    Goal(&'static Field<Goal>),
    /// The goal ids (or, on import, exact goal texts) the goal supports.
    Supports,
    /// The workspace title, repeated on every row so that a round trip keeps it.
    Workspace,
}

/// A cell starting with one of these is written with one more `'` in front: the starts that make
/// a spreadsheet read a formula (OWASP's CSV-injection rule: `=`, `+`, `-`, `@`, tab, carriage
/// return), and `'` itself, so that the import can take off exactly the `'` the export added.
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell as written: every control character but tab, line feed and carriage return as its
/// visible placeholder (␛ for ESC), then one `'` in front if it starts with a
/// [`FORMULA_STARTS`] character.
pub fn guarded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if text.starts_with(FORMULA_STARTS) {
        out.push('\'');
    }
    out.extend(text.chars().map(|c| {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            placeholder(c)
        } else {
            c
        }
    }));
    out
}

/// The table's columns, in order: generated from the field tables.
pub fn columns() -> Vec<CsvColumn> {
    let mut out = vec![CsvColumn::Column, CsvColumn::PersonaId];
    out.extend(PERSONA_FIELDS.iter().map(CsvColumn::Persona));
    out.push(CsvColumn::GoalId);
    out.extend(GOAL_FIELDS.iter().map(CsvColumn::Goal));
    out.push(CsvColumn::Supports);
    out.push(CsvColumn::Workspace);
    out
}

impl std::fmt::Debug for CsvColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.header())
    }
}

impl CsvColumn {
    /// The header the export writes.
    pub fn header(self) -> &'static str {
        match self {
            CsvColumn::Column => "column",
            CsvColumn::PersonaId => "persona_id",
            CsvColumn::Persona(f) => f.key,
            CsvColumn::GoalId => "goal_id",
            CsvColumn::Goal(f) => f.key,
            CsvColumn::Supports => "supports",
            CsvColumn::Workspace => "workspace",
        }
    }

    /// Other names the import accepts for this column: the field's labels, and `persona` /
    /// `goal` for the persona's name and the goal's text.
    pub fn aliases(self) -> Vec<&'static str> {
        match self {
            CsvColumn::Column => vec!["column"],
            CsvColumn::PersonaId => vec!["persona id"],
            CsvColumn::GoalId => vec!["goal id"],
            CsvColumn::Supports => vec!["supports", "links"],
            CsvColumn::Workspace => vec!["workspace title"],
            CsvColumn::Persona(f) => {
                let mut names = vec![f.key, f.label, f.form_label];
                if f.show == Show::Heading {
                    names.extend(["persona", "persona name"]);
                }
                names
            }
            CsvColumn::Goal(f) => {
                let mut names = vec![f.key, f.label, f.form_label];
                if f.show == Show::Heading {
                    names.extend(["goal", "goal text"]);
                }
                names
            }
        }
    }

    /// Whether two columns are the same (headers are unique: the field tests check the keys).
    pub fn same(self, other: CsvColumn) -> bool {
        self.header() == other.header()
    }

    /// The cell of this column on the row of `persona` (and `goal`, if the row is a goal's).
    fn cell(
        self,
        ws: &Workspace,
        column: Column,
        persona: &Persona,
        goal: Option<&Goal>,
    ) -> String {
        match self {
            CsvColumn::Column => column.key().to_string(),
            CsvColumn::PersonaId => persona.id.clone(),
            CsvColumn::Persona(f) if f.columns.contains(&column) => field_cell(f, persona),
            CsvColumn::Persona(_) => String::new(),
            CsvColumn::GoalId => goal.map(|g| g.id.clone()).unwrap_or_default(),
            CsvColumn::Goal(f) => goal.map(|g| field_cell(f, g)).unwrap_or_default(),
            CsvColumn::Supports => goal.map(|g| g.supports.join(";")).unwrap_or_default(),
            CsvColumn::Workspace => ws.title.clone(),
        }
    }
}

/// A field's cell: text as it is, a list one item a line, a choice by its file name, a count in
/// digits (blank for 0).
fn field_cell<T>(field: &Field<T>, item: &T) -> String {
    match &field.access {
        Access::Text { get, .. } => get(item).to_string(),
        Access::List { get, .. } => get(item).join("\n"),
        Access::Choice { get, .. } => get(item).map(|c| c.ident()).unwrap_or_default().into(),
        Access::Count { .. } => field.text(item).into_owned(),
    }
}

/// The whole workspace as a table.
pub fn render(ws: &Workspace) -> String {
    let columns = columns();
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing into a Vec cannot fail; a failure would only leave the table short.
    let _ = write_rows(ws, &columns, &mut writer);
    let bytes = writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn write_rows(
    ws: &Workspace,
    columns: &[CsvColumn],
    writer: &mut csv::Writer<Vec<u8>>,
) -> csv::Result<()> {
    writer.write_record(columns.iter().map(|c| c.header()))?;
    for (column, persona) in ws.personas() {
        if persona.goals.is_empty() {
            writer.write_record(
                columns
                    .iter()
                    .map(|c| guarded(&c.cell(ws, column, persona, None))),
            )?;
        }
        for goal in &persona.goals {
            writer.write_record(
                columns
                    .iter()
                    .map(|c| guarded(&c.cell(ws, column, persona, Some(goal)))),
            )?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// Only the chain through one goal (`export --chain`): the goal, the goals it supports and those
/// they support, the goals that support it and those that support them, each with its persona,
/// in board order. Each goal keeps all its links, so the table imports back into the full
/// workspace without losing any.
pub fn only_chain(ws: &Workspace, goal_id: &str) -> Result<Workspace, super::UnknownGoal> {
    let index = LinkIndex::build(ws);
    if index.goal(ws, goal_id).is_none() {
        return Err(super::UnknownGoal(goal_id.to_string()));
    }
    let chain = ChainSet::of_goal(ws, &index, goal_id);
    let keep = |g: &Goal| g.id == goal_id || chain.contains(&g.id);
    let mut out = Workspace {
        title: ws.title.clone(),
        columns: Default::default(),
        conflicts: Vec::new(),
    };
    for (column, persona) in ws.personas() {
        if persona.goals.iter().any(keep) {
            let mut p = persona.clone();
            p.goals.retain(keep);
            out.column_mut(column).push(std::sync::Arc::new(p));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::persona_fields;

    #[test]
    fn every_field_is_a_column_and_every_name_is_unique() {
        let headers: Vec<_> = columns().into_iter().map(|c| c.header()).collect();
        for f in PERSONA_FIELDS {
            assert!(headers.contains(&f.key), "{}", f.key);
        }
        for f in GOAL_FIELDS {
            assert!(headers.contains(&f.key), "{}", f.key);
        }
        let mut across: Vec<String> = Vec::new();
        for c in columns() {
            let mut own: Vec<String> = c
                .aliases()
                .into_iter()
                .chain([c.header()])
                .map(|n| n.to_lowercase().replace([' ', '_', '-'], ""))
                .collect();
            own.sort();
            own.dedup();
            for n in own {
                assert!(!across.contains(&n), "{n} names two columns");
                across.push(n);
            }
        }
    }

    #[test]
    fn one_row_per_goal_and_per_persona_without_goals() {
        let ws = crate::store::example();
        let table = render(&ws);
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        let rows = reader.records().count();
        let empty = ws.personas().filter(|(_, p)| p.goals.is_empty()).count();
        assert_eq!(rows, ws.goal_count() + empty);
        let first = table.lines().next().unwrap_or_default();
        assert!(first.starts_with("column,persona_id,name,role,kind,buying_role,summary,pains"));
        assert!(first.ends_with("goal_id,text,why,metric,votes,supports,workspace"));
        assert!(persona_fields(Column::Users).all(|f| first.contains(f.key)));
    }

    #[test]
    fn lists_are_one_item_a_line_and_links_are_joined_by_semicolons() {
        let ws = Workspace::new(
            "T",
            [
                vec![Persona {
                    id: "u".into(),
                    name: "U, \"quoted\"".into(),
                    pains: vec!["one".into(), "two".into()],
                    goals: vec![Goal {
                        id: "g".into(),
                        text: "G".into(),
                        supports: vec!["a".into(), "b".into()],
                        ..Goal::default()
                    }],
                    ..Persona::default()
                }],
                vec![],
                vec![],
            ],
        );
        let table = render(&ws);
        assert!(table.contains("\"U, \"\"quoted\"\"\""), "{table}");
        assert!(table.contains("\"one\ntwo\""), "{table}");
        assert!(table.ends_with(",g,G,,,,a;b,T\n"), "{table}");
    }

    #[test]
    fn a_chain_keeps_its_goals_in_board_order() {
        let ws = crate::store::example();
        let (_, _, goal) = ws
            .goals()
            .find(|(c, _, g)| *c == Column::Users && !g.supports.is_empty())
            .expect("a linked user goal");
        let chain = only_chain(&ws, &goal.id).expect("a goal");
        assert!(chain.goal_count() < ws.goal_count());
        assert!(chain.goals().any(|(_, _, g)| g.id == goal.id));
        assert!(chain.goals().any(|(c, _, _)| c == Column::Buyers));
        assert!(only_chain(&ws, "no-such-goal").is_err());
    }
}
