//! Reading the table of `personas import`: bytes → checked UTF-8 text → rows numbered as a
//! spreadsheet numbers them (the header is row 1) → cells under the csv report's columns.
//!
//! Header names are matched in any case, with spaces, underscores or dashes (`Persona`,
//! `goal text`, `Buying role`), by a column's file name or one of its labels; `--map` names the
//! header of a field, `--ignore` leaves a header out. Every problem found is a [`RowError`]
//! with its row: nothing here stops at the first one. The `'` the export writes before a cell
//! that would run as a formula is taken off as a cell is read. Knows nothing of workspaces.

use super::values::{norm, unguarded};
use crate::export::csv::{CsvColumn, columns};

/// One problem, on one row (0 when it concerns no row, e.g. a `--map` naming no header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

impl RowError {
    pub fn new(row: usize, message: impl Into<String>) -> RowError {
        RowError {
            row,
            message: message.into(),
        }
    }
}

/// The column a field name (a header, or the FIELD of `--map`) stands for.
pub fn column_named(name: &str) -> Option<CsvColumn> {
    let wanted = norm(name);
    columns()
        .into_iter()
        .find(|c| norm(c.header()) == wanted || c.aliases().into_iter().any(|a| norm(a) == wanted))
}

/// The known column names, for messages.
pub fn known_names() -> String {
    columns()
        .into_iter()
        .map(|c| match c {
            CsvColumn::Persona(f) if f.show == crate::model::fields::Show::Heading => {
                format!("{} (or persona)", c.header())
            }
            CsvColumn::Goal(f) if f.show == crate::model::fields::Show::Heading => {
                format!("{} (or goal)", c.header())
            }
            _ => c.header().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--map FIELD=HEADER,…` and `--ignore HEADER,…`.
#[derive(Debug, Default)]
pub struct Mapping {
    map: Vec<(CsvColumn, String, String)>,
    ignore: Vec<String>,
}

impl Mapping {
    /// Reads the options; a FIELD that is no column is an error listing the known ones.
    pub fn parse(map: &[String], ignore: &[String]) -> Result<Mapping, String> {
        let mut out = Mapping::default();
        for item in map.iter().filter(|m| !m.trim().is_empty()) {
            let Some((field, header)) = item.split_once('=') else {
                return Err(format!(
                    "--map {item:?}: expected FIELD=HEADER, e.g. --map goal=Content"
                ));
            };
            let column = column_named(field).ok_or_else(|| {
                format!(
                    "--map {item:?}: unknown field {:?}; the fields are: {}",
                    field.trim(),
                    known_names()
                )
            })?;
            if norm(header).is_empty() {
                return Err(format!("--map {item:?}: the header name is empty"));
            }
            out.map
                .push((column, norm(header), header.trim().to_string()));
        }
        out.ignore = ignore
            .iter()
            .map(|h| norm(h))
            .filter(|h| !h.is_empty())
            .collect();
        Ok(out)
    }
}

/// One row of the table below the header.
#[derive(Debug)]
pub struct Row {
    /// The row number a spreadsheet shows (the header is row 1).
    pub number: usize,
    pub cells: csv::StringRecord,
}

/// The table: which column each cell position holds, and the rows that are not blank.
#[derive(Debug)]
pub struct Table {
    /// The columns the table has, with the cell position of each.
    present: Vec<(CsvColumn, usize)>,
    /// The rows that can be read (a row with a cell under no header is left out of them).
    pub rows: Vec<Row>,
    /// The rows left out, and why: reported with what the import finds in the others.
    pub problems: Vec<RowError>,
}

impl Table {
    /// Whether the table has this column.
    pub fn has(&self, column: CsvColumn) -> bool {
        self.present.iter().any(|(c, _)| c.same(column))
    }

    /// The columns the table has, in the order of [`columns`].
    pub fn present(&self) -> impl Iterator<Item = CsvColumn> + '_ {
        columns().into_iter().filter(|c| self.has(*c))
    }

    /// The cell of `row` in `column`, without the `'` the export puts before a formula
    /// ([`unguarded`]): `None` when the table has no such column, `""` when the row is short.
    pub fn cell<'r>(&self, row: &'r Row, column: CsvColumn) -> Option<&'r str> {
        let (_, at) = self.present.iter().find(|(c, _)| c.same(column))?;
        Some(unguarded(row.cells.get(*at).unwrap_or_default()))
    }

    /// The cell, trimmed, `None` when absent or blank.
    pub fn value<'r>(&self, row: &'r Row, column: CsvColumn) -> Option<&'r str> {
        self.cell(row, column)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// Where rows start and which quotes are broken, found by one pass over the bytes.
struct Scan {
    /// Byte offset at which each row starts (row 1 at 0).
    starts: Vec<usize>,
    errors: Vec<RowError>,
}

impl Scan {
    /// The row a byte offset is on.
    fn row_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1)
    }
}

/// Finds the rows (newlines outside quotes end a row, as in every spreadsheet) and two broken
/// quotes: text after a closing quote, and a quote never closed.
fn scan(bytes: &[u8], delimiter: u8) -> Scan {
    #[derive(PartialEq)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let mut scan = Scan {
        starts: vec![0],
        errors: Vec::new(),
    };
    let (mut state, mut cell, mut opened) = (State::Start, 1usize, (1usize, 1usize));
    let mut reported_row = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let row = scan.starts.len();
        let ends_row = b == b'\n' || b == b'\r';
        match state {
            State::Quoted => {
                if b == b'"' {
                    state = State::AfterQuote;
                }
            }
            _ if ends_row => {
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                scan.starts.push(i + 1);
                (state, cell) = (State::Start, 1);
            }
            _ if b == delimiter => (state, cell) = (State::Start, cell + 1),
            State::Start if b == b'"' => (state, opened) = (State::Quoted, (row, cell)),
            State::AfterQuote if b == b'"' => state = State::Quoted,
            State::AfterQuote => {
                if reported_row != row {
                    reported_row = row;
                    scan.errors.push(RowError::new(
                        row,
                        format!(
                            "broken quote in cell {cell}: text after the closing quote (a quote \
                             inside a quoted cell is written twice: \"\")"
                        ),
                    ));
                }
                state = State::Unquoted;
            }
            State::Start | State::Unquoted => state = State::Unquoted,
        }
        i += 1;
    }
    if state == State::Quoted {
        scan.errors.push(RowError::new(
            opened.0,
            format!(
                "broken quote in cell {}: the quote that opens it is never closed",
                opened.1
            ),
        ));
    }
    scan
}

/// The delimiter: `,` unless the header line has more `;` or tabs (a spreadsheet set to a
/// language that writes decimal commas saves `;`-separated files).
fn delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first.iter().filter(|b| **b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .unwrap_or(b',')
}

/// Every invalid UTF-8 sequence, as row errors with the byte offset in the file.
fn utf8_errors(bytes: &[u8], skipped: usize, scan: &Scan) -> Vec<RowError> {
    let mut errors = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => break,
            Err(e) => {
                let bad = at + e.valid_up_to();
                errors.push(RowError::new(
                    scan.row_at(bad),
                    format!(
                        "not UTF-8 text: invalid byte 0x{:02X} at byte offset {} (save the \
                         table as \"CSV UTF-8\")",
                        bytes[bad],
                        bad + skipped
                    ),
                ));
                at = bad + e.error_len().unwrap_or(bytes.len() - bad).max(1);
            }
        }
    }
    errors
}

/// Reads a whole table. A UTF-8 byte order mark is skipped. A file that cannot be read as a
/// table at all (broken quotes, not UTF-8, a bad header) is an error; rows that cannot be
/// read are left out and listed in [`Table::problems`].
pub fn read(bytes: &[u8], mapping: &Mapping) -> Result<Table, Vec<RowError>> {
    let bom = crate::export::csv::BOM.as_bytes();
    let (bytes, skipped) = match bytes.strip_prefix(bom) {
        Some(rest) => (rest, bom.len()),
        None => (bytes, 0),
    };
    let delimiter = delimiter(bytes);
    let scan = scan(bytes, delimiter);
    let mut errors = scan.errors.clone();
    errors.extend(utf8_errors(bytes, skipped, &scan));
    let text = match std::str::from_utf8(bytes) {
        Ok(text) if errors.is_empty() => text,
        _ => {
            errors.sort_by_key(|e| e.row);
            return Err(errors);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The reader may place a record at the line end before it (the `\n` of a `\r\n`).
    let row_of = |p: &csv::Position| {
        let mut at = usize::try_from(p.byte()).unwrap_or(usize::MAX);
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        scan.row_at(at)
    };
    let mut records = reader.records().map(|record| match record {
        Ok(r) => Ok((r.position().map_or(1, row_of), r)),
        Err(e) => Err(vec![RowError::new(
            e.position().map_or(0, row_of),
            e.to_string(),
        )]),
    });
    let Some((header_row, header)) = records.next().transpose()? else {
        return Err(vec![RowError::new(
            1,
            "the table is empty: its first row must name the columns, e.g. column,persona,goal",
        )]);
    };
    let present = header_columns(header_row, &header, mapping)?;
    let width = header.len();
    let mut rows = Vec::new();
    for record in records {
        let (number, record) = record?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let stray = record.iter().enumerate().find(|(at, c)| {
            !c.trim().is_empty()
                && header.get(*at).is_none_or(|h| h.trim().is_empty())
                && !present.iter().any(|(_, p)| p == at)
        });
        if let Some((at, _)) = stray {
            errors.push(RowError::new(
                number,
                if at >= width {
                    format!(
                        "has a value in cell {}, but the header names only {width} columns",
                        at + 1
                    )
                } else {
                    format!("has a value in cell {}, which has no header", at + 1)
                },
            ));
            continue;
        }
        rows.push(Row {
            number,
            cells: record,
        });
    }
    Ok(Table {
        present,
        rows,
        problems: errors,
    })
}

/// Which column each header cell names, after `--map` and `--ignore`.
fn header_columns(
    row: usize,
    header: &csv::StringRecord,
    mapping: &Mapping,
) -> Result<Vec<(CsvColumn, usize)>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut present: Vec<(CsvColumn, usize, &str)> = Vec::new();
    for (at, name) in header.iter().enumerate() {
        let n = norm(name);
        let column = if let Some((c, _, _)) = mapping.map.iter().find(|(_, h, _)| *h == n) {
            *c
        } else if n.is_empty() || mapping.ignore.contains(&n) {
            continue;
        } else if let Some(c) = column_named(name) {
            c
        } else {
            errors.push(RowError::new(
                row,
                format!(
                    "unknown column {:?} (cell {}); the known columns are: {}. Read it as a \
                     field with --map FIELD={}, or leave it out with --ignore {}",
                    name.trim(),
                    at + 1,
                    known_names(),
                    name.trim(),
                    name.trim()
                ),
            ));
            continue;
        };
        if let Some((_, first, first_name)) = present.iter().find(|(c, _, _)| c.same(column)) {
            errors.push(RowError::new(
                row,
                format!(
                    "columns {:?} (cell {}) and {:?} (cell {}) both hold {}; keep one",
                    first_name.trim(),
                    first + 1,
                    name.trim(),
                    at + 1,
                    column.header()
                ),
            ));
            continue;
        }
        present.push((column, at, name));
    }
    for (column, header_norm, header_name) in &mapping.map {
        if !header.iter().any(|h| norm(h) == *header_norm) {
            errors.push(RowError::new(
                row,
                format!(
                    "--map {}={header_name}: the table has no column {header_name:?} (its \
                     headers are: {})",
                    column.header(),
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let names_persona = present.iter().any(|(c, _, _)| match c {
        CsvColumn::PersonaId => true,
        CsvColumn::Persona(f) => f.show == crate::model::fields::Show::Heading,
        _ => false,
    });
    if errors.is_empty() && !names_persona {
        errors.push(RowError::new(
            row,
            "no column names the persona: the table needs `persona` (or `name`) or \
             `persona_id`, e.g. column,persona,goal (or --map persona=HEADER)",
        ));
    }
    if errors.is_empty() {
        Ok(present.into_iter().map(|(c, at, _)| (c, at)).collect())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(text: &str) -> Vec<usize> {
        scan(text.as_bytes(), b',').starts
    }

    #[test]
    fn rows_end_at_newlines_outside_quotes() {
        assert_eq!(rows_of("a,b\n\"x\ny\",z\r\nlast"), vec![0, 4, 13]);
        let s = scan(b"a\n\"x\ny\",z\nq\n", b',');
        assert_eq!(s.row_at(5), 2);
        assert_eq!(s.row_at(10), 3);
    }

    #[test]
    fn broken_quotes_are_found_on_their_row() {
        let s = scan(b"h1,h2\nok,\"fine\"\"\"\nbad,\"x\"y\n", b',');
        assert_eq!(s.errors.iter().map(|e| e.row).collect::<Vec<_>>(), vec![3]);
        assert!(s.errors[0].message.contains("cell 2"));
        let s = scan(b"h\nok\n\"never\nclosed\n", b',');
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].row, 3);
        assert!(s.errors[0].message.contains("never closed"));
    }

    #[test]
    fn headers_match_in_any_case_and_spelling() {
        assert!(column_named("Persona").is_some_and(|c| c.header() == "name"));
        assert!(column_named(" goal text ").is_some_and(|c| c.header() == "text"));
        assert!(column_named("Buying Role").is_some_and(|c| c.header() == "buying_role"));
        assert!(column_named("Decision criteria").is_some_and(|c| c.header() == "criteria"));
        assert!(column_named("GOAL_ID").is_some_and(|c| c.header() == "goal_id"));
        assert!(column_named("Author").is_none());
    }

    #[test]
    fn rows_are_numbered_the_same_with_windows_line_ends() {
        for end in ["\n", "\r\n"] {
            let text = [
                "persona,goal",
                "Ann,Log",
                "",
                "Bob,\"two\nlines\"",
                "Cy,Plan",
            ]
            .join(end);
            let table = read(text.as_bytes(), &Mapping::default()).expect("reads");
            let rows: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
            assert_eq!(rows, [2, 4, 5], "line ends {end:?}");
        }
    }

    #[test]
    fn semicolon_tables_are_read_too() {
        assert_eq!(delimiter(b"column;persona;goal\nusers;a;b"), b';');
        assert_eq!(delimiter(b"column,persona,goal"), b',');
        assert_eq!(delimiter(b"persona"), b',');
    }
}
