//! Cells as field values: a list one item a line, a choice by its file name or label in any
//! case, the column of the value chain by any of its names. Used by every step of the import.

use crate::export::csv::FORMULA_STARTS;
use crate::model::Column;
use crate::model::fields::{Access, Field, Show, Value};

/// A name as compared: trimmed, lower case, without spaces, underscores and dashes.
pub fn norm(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn heading<T>(fields: &'static [Field<T>]) -> Option<&'static Field<T>> {
    fields.iter().find(|f| f.show == Show::Heading)
}

/// A cell as the export meant it: one `'` taken off when it stands before one of the
/// characters the export guards with it ([`FORMULA_STARTS`]: `=`, `+`, `-`, `@`, tab, carriage
/// return, `'`), and nowhere else, so that `'=x` is read `=x`, `''x` is `'x` and `'x` stays.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// `users` / `user` / `Departments` … in any case.
pub fn parse_column(cell: &str) -> Option<Column> {
    let n = norm(cell);
    Column::ALL
        .into_iter()
        .find(|c| n == c.key() || n == c.noun())
}

/// List cells hold one item a line; blank lines are dropped.
pub fn list_items(cell: &str) -> Vec<String> {
    cell.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A cell as a field's value: text as it is, a list one item a line, a choice by its file name
/// or its label in any case, a count in digits (blank is 0).
pub fn parse_value<T>(field: &Field<T>, column: Column, cell: &str) -> Result<Value, String> {
    match &field.access {
        Access::Text { .. } => Ok(Value::Text(cell.to_string())),
        Access::List { .. } => Ok(Value::List(list_items(cell))),
        Access::Choice { .. } if cell.trim().is_empty() => Ok(Value::Choice(None)),
        Access::Count { .. } if cell.trim().is_empty() => Ok(Value::Count(0)),
        Access::Count { .. } => cell.trim().parse().map(Value::Count).map_err(|_| {
            format!(
                "{} {:?} is not a whole number of 0 or more",
                field.label.to_lowercase(),
                cell.trim()
            )
        }),
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

pub fn blank_value<T>(field: &Field<T>) -> Value {
    match field.access {
        Access::Text { .. } => Value::Text(String::new()),
        Access::List { .. } => Value::List(Vec::new()),
        Access::Choice { .. } => Value::Choice(None),
        Access::Count { .. } => Value::Count(0),
    }
}

pub fn is_blank(value: &Value) -> bool {
    match value {
        Value::Text(t) => t.trim().is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Choice(c) => c.is_none(),
        Value::Count(n) => *n == 0,
    }
}

/// Values that only differ in surrounding spaces are the same.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        (Value::List(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.trim() == y.trim())
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::guarded;

    #[test]
    fn the_import_takes_off_exactly_the_quote_the_export_put_on() {
        for text in [
            "=1+1", "+", "-x", "@a", "\tx", "\rx", "'", "'x", "''=", "plain", "", "a=b", " =x",
        ] {
            assert_eq!(unguarded(&guarded(text)), text, "{text:?}");
        }
        assert_eq!(guarded(" =x"), " =x");
        assert_eq!(unguarded("'x"), "'x");
    }
}
