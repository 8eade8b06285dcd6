//! A field's value and how a [`Field`] reads and writes it on the model, whatever its input
//! (text, list, choice, count). The rows themselves are in [`super`].

use std::borrow::Cow;

use super::{Access, Choice, Field};
use crate::model::Column;

/// A field's value, whatever its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    /// The index into the column's choices; None is "not set".
    Choice(Option<usize>),
    Count(u32),
}

impl<T> Field<T> {
    /// The value as display text: a list one item a line, a choice by its label, "" when unset.
    pub fn text<'a>(&self, item: &'a T) -> Cow<'a, str> {
        match &self.access {
            Access::Text { get, .. } => Cow::Borrowed(get(item)),
            Access::List { get, .. } => Cow::Owned(get(item).join("\n")),
            Access::Choice { get, .. } => Cow::Borrowed(get(item).map_or("", Choice::label)),
            Access::Count { get, .. } => match get(item) {
                0 => Cow::Borrowed(""),
                n => Cow::Owned(n.to_string()),
            },
        }
    }

    /// The list items (a one-item list for text, empty when blank).
    pub fn items<'a>(&self, item: &'a T) -> Vec<Cow<'a, str>> {
        match &self.access {
            Access::List { get, .. } => get(item)
                .iter()
                .map(|s| Cow::Borrowed(s.as_str()))
                .collect(),
            _ => {
                let text = self.text(item);
                if text.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                }
            }
        }
    }

    pub fn is_blank(&self, item: &T) -> bool {
        match &self.access {
            Access::Text { get, .. } => get(item).trim().is_empty(),
            Access::List { get, .. } => get(item).iter().all(|i| i.trim().is_empty()),
            Access::Choice { get, .. } => get(item).is_none(),
            Access::Count { get, .. } => get(item) == 0,
        }
    }

    /// The choices offered in `column` (empty for a field that is not a choice).
    pub fn choices(&self, column: Column) -> &'static [Choice] {
        match &self.access {
            Access::Choice { choices, .. } => choices(column),
            _ => &[],
        }
    }

    /// The value, as a form holds it.
    pub fn get(&self, item: &T, column: Column) -> Value {
        match &self.access {
            Access::Text { get, .. } => Value::Text(get(item).to_string()),
            Access::List { get, .. } => Value::List(get(item).to_vec()),
            Access::Choice { choices, get, .. } => {
                Value::Choice(get(item).and_then(|c| choices(column).iter().position(|x| *x == c)))
            }
            Access::Count { get, .. } => Value::Count(get(item)),
        }
    }

    /// The value as the file spells it, for a field of one value: the text, a choice by its
    /// name in the file (`GoalDirected`), "" when not set, a count in digits (`0` for none).
    /// `None` for a list. Merge conflicts and `personas diff` hold and show values this way.
    pub fn file_text<'a>(&self, item: &'a T) -> Option<Cow<'a, str>> {
        match &self.access {
            Access::Text { get, .. } => Some(Cow::Borrowed(get(item))),
            Access::Choice { get, .. } => Some(Cow::Borrowed(get(item).map_or("", Choice::ident))),
            Access::Count { get, .. } => Some(Cow::Owned(get(item).to_string())),
            Access::List { .. } => None,
        }
    }

    /// Writes a value spelled as [`Field::file_text`] gives it: any text for a text field, a
    /// choice's name in the file (of any column) or "" for a choice, digits or "" (0) for a
    /// count. `false`, and nothing written, for a name that is not one of the field's choices,
    /// a count that is not a number, or a list.
    pub fn set_file_text(&self, item: &mut T, value: &str) -> bool {
        match &self.access {
            Access::Text { set, .. } => set(item, value.to_string()),
            Access::Choice { choices, set, .. } => {
                let choice = if value.is_empty() {
                    None
                } else {
                    let all = Column::ALL.into_iter().flat_map(|c| choices(c).iter());
                    match all.copied().find(|c| c.ident() == value) {
                        Some(c) => Some(c),
                        None => return false,
                    }
                };
                set(item, choice);
            }
            Access::Count { set, .. } => match value.trim() {
                "" => set(item, 0),
                digits => match digits.parse() {
                    Ok(n) => set(item, n),
                    Err(_) => return false,
                },
            },
            Access::List { .. } => return false,
        }
        true
    }

    /// The value of a count field; `None` for any other.
    pub fn count(&self, item: &T) -> Option<u32> {
        match &self.access {
            Access::Count { get, .. } => Some(get(item)),
            _ => None,
        }
    }

    /// Whether the field is a list (the others hold one value: a text, a choice or a count).
    pub fn is_list(&self) -> bool {
        matches!(self.access, Access::List { .. })
    }

    /// The items of a list field; `None` for a field of one value.
    pub fn list<'a>(&self, item: &'a T) -> Option<&'a [String]> {
        match &self.access {
            Access::List { get, .. } => Some(get(item)),
            _ => None,
        }
    }

    /// Writes the items of a list field (nothing for a field of one value).
    pub fn set_list(&self, item: &mut T, items: Vec<String>) {
        if let Access::List { set, .. } = &self.access {
            set(item, items);
        }
    }

    /// Whether `a` and `b` hold the same value in this field.
    pub fn same(&self, a: &T, b: &T) -> bool {
        match &self.access {
            Access::Text { get, .. } => get(a) == get(b),
            Access::List { get, .. } => get(a) == get(b),
            Access::Choice { get, .. } => get(a) == get(b),
            Access::Count { get, .. } => get(a) == get(b),
        }
    }

    /// Copies this field's value from `from` to `to`.
    pub fn copy(&self, from: &T, to: &mut T) {
        match &self.access {
            Access::Text { get, set } => set(to, get(from).to_string()),
            Access::List { get, set } => set(to, get(from).to_vec()),
            Access::Choice { get, set, .. } => set(to, get(from)),
            Access::Count { get, set } => set(to, get(from)),
        }
    }

    /// Writes a value; a value of the wrong input (a list into a text field) is converted.
    pub fn set(&self, item: &mut T, column: Column, value: Value) {
        match (&self.access, value) {
            (Access::Text { set, .. }, Value::Text(v)) => set(item, v),
            (Access::Text { set, .. }, Value::List(v)) => set(item, v.join("\n")),
            (Access::List { set, .. }, Value::List(v)) => set(item, v),
            (Access::List { set, .. }, Value::Text(v)) => set(
                item,
                v.split('\n')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            (Access::Choice { choices, set, .. }, Value::Choice(at)) => {
                set(item, at.and_then(|i| choices(column).get(i).copied()))
            }
            (Access::Count { set, .. }, Value::Count(n)) => set(item, n),
            (Access::Choice { .. }, _)
            | (_, Value::Choice(_))
            | (Access::Count { .. }, _)
            | (_, Value::Count(_)) => {}
        }
    }
}
