//! The fields of a persona and of a goal, described once.
//!
//! Each [`Field`] says what the field is called in the file, how people see it named, what kind
//! of input it takes, which columns have it, how reports show it and how to read and write it on
//! the model. The forms, the detail pane, the board's persona line, the spoken sentences
//! (`personas read`, the screen reader), every report, the csv import, validation, merge, diff,
//! the file writer's field order and search all walk these tables, so a new field is one row
//! here (plus the model, the serde structs of the file and the example); `tests/field_names.rs`
//! checks that no other file under src/ names one.
//!
//! Ids and the goal list are not fields: ids are made by the program, goals are their own table,
//! and `supports` is the link set of a goal.

use std::borrow::Cow;

use super::{BuyingRole, Column, Goal, Kind, Persona};

/// The kind of input a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Multi,
    /// A list, one item a line.
    List,
    /// One of a fixed list of choices (or not set).
    Choice,
    /// A count the program keeps (a vote round's dots): shown, never typed in a form.
    Count,
}

/// How a report (markdown, html) shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// The item's title: a persona's name, a goal's text.
    Heading,
    /// `Label: value`; left out when blank, unless `when_blank` says what to show instead.
    Bullet { when_blank: Option<&'static str> },
    /// A titled paragraph.
    Section,
    /// A quotation.
    Quote,
    /// A titled list.
    List,
}

/// Where a field goes in the short descriptions of an item: the board's persona line, and the
/// sentences of `personas read` and the screen reader (SPEC §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brief {
    /// The item's title: a persona's name, a goal's text.
    Title,
    /// Right after the title, left out when blank: on the board's persona line
    /// (`Name · role · kind`, choices shortened when the line is tight) and in the first
    /// sentence ("Name, role, kind.").
    Aside,
    /// A sentence after the first one: "`label`: value." (the value alone when `label` is
    /// None). Left out when blank, unless `when_blank` says what to say instead.
    Sentence {
        label: Option<&'static str>,
        when_blank: Option<&'static str>,
    },
    /// A paragraph of its own in `personas read`: "Label: a; b." (left out when blank).
    Paragraph,
}

/// One choice of a choice field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Kind(Kind),
    BuyingRole(BuyingRole),
}

impl Choice {
    /// The name used in the file (`GoalDirected`).
    pub fn ident(self) -> &'static str {
        match self {
            Choice::Kind(k) => k.ident(),
            Choice::BuyingRole(r) => r.ident(),
        }
    }

    /// The name shown to people ("goal-directed").
    pub fn label(self) -> &'static str {
        match self {
            Choice::Kind(k) => k.label(),
            Choice::BuyingRole(r) => r.label(),
        }
    }

    /// A short form of the label, for the board's persona line when it is tight ("goal-dir.").
    pub fn short(self) -> &'static str {
        match self {
            Choice::Kind(k) => match k {
                Kind::GoalDirected => "goal-dir.",
                Kind::RoleBased => "role-based",
                Kind::Engaging => "engaging",
                Kind::Fictional => "fictional",
                Kind::Competitive => "compet.",
                Kind::Spontaneous => "spont.",
                Kind::Humanistic => "human.",
                Kind::Methodical => "method.",
            },
            Choice::BuyingRole(r) => match r {
                BuyingRole::UltimateBuyer => "ult. buyer",
                BuyingRole::DecisionMaker => "decider",
                BuyingRole::Influencer => "influencer",
            },
        }
    }
}

const USER_KINDS: [Choice; 4] = [
    Choice::Kind(Kind::GoalDirected),
    Choice::Kind(Kind::RoleBased),
    Choice::Kind(Kind::Engaging),
    Choice::Kind(Kind::Fictional),
];
const BUYER_KINDS: [Choice; 4] = [
    Choice::Kind(Kind::Competitive),
    Choice::Kind(Kind::Spontaneous),
    Choice::Kind(Kind::Humanistic),
    Choice::Kind(Kind::Methodical),
];
const BUYING_ROLES: [Choice; 3] = [
    Choice::BuyingRole(BuyingRole::UltimateBuyer),
    Choice::BuyingRole(BuyingRole::DecisionMaker),
    Choice::BuyingRole(BuyingRole::Influencer),
];

/// How a field is read from and written to the model.
pub enum Access<T: 'static> {
    Text {
        get: fn(&T) -> &str,
        set: fn(&mut T, String),
    },
    List {
        get: fn(&T) -> &[String],
        set: fn(&mut T, Vec<String>),
    },
    Choice {
        /// The choices offered in a column, in the order they are offered.
        choices: fn(Column) -> &'static [Choice],
        get: fn(&T) -> Option<Choice>,
        set: fn(&mut T, Option<Choice>),
    },
    /// A count; 0 is none (blank).
    Count {
        get: fn(&T) -> u32,
        set: fn(&mut T, u32),
    },
}

/// One field of a persona or a goal.
pub struct Field<T: 'static> {
    /// The name in the file (and in the csv header).
    pub key: &'static str,
    /// The name people read in reports and the detail pane ("Decision criteria").
    pub label: &'static str,
    /// The name in the edit form, where space is short ("Criteria").
    pub form_label: &'static str,
    pub input: Input,
    /// The columns whose personas have it.
    pub columns: &'static [Column],
    pub show: Show,
    /// How the board's persona line and the spoken sentences give it.
    pub brief: Brief,
    /// Whether `/` searches it.
    pub searched: bool,
    pub access: Access<T>,
}

const ALL: &[Column] = &Column::ALL;
const BUYERS: &[Column] = &[Column::Buyers];

/// A persona's fields, in the order of the file, the form, the detail pane and the reports.
pub const PERSONA_FIELDS: &[Field<Persona>] = &[
    Field {
        key: "name",
        label: "Name",
        form_label: "Name",
        input: Input::Line,
        columns: ALL,
        show: Show::Heading,
        brief: Brief::Title,
        searched: true,
        access: Access::Text {
            get: |p| &p.name,
            set: |p, v| p.name = v,
        },
    },
    Field {
        key: "role",
        label: "Role",
        form_label: "Role",
        input: Input::Line,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Aside,
        searched: true,
        access: Access::Text {
            get: |p| &p.role,
            set: |p, v| p.role = v,
        },
    },
    Field {
        key: "kind",
        label: "Kind",
        form_label: "Kind",
        input: Input::Choice,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Aside,
        searched: false,
        access: Access::Choice {
            choices: |c| match c {
                Column::Buyers => &BUYER_KINDS,
                _ => &USER_KINDS,
            },
            get: |p| p.kind.map(Choice::Kind),
            set: |p, v| {
                p.kind = match v {
                    Some(Choice::Kind(k)) => Some(k),
                    _ => None,
                }
            },
        },
    },
    Field {
        key: "buying_role",
        label: "Buying role",
        form_label: "Buying role",
        input: Input::Choice,
        columns: BUYERS,
        show: Show::Bullet {
            when_blank: Some("not set"),
        },
        brief: Brief::Aside,
        searched: false,
        access: Access::Choice {
            choices: |_| &BUYING_ROLES,
            get: |p| p.buying_role.map(Choice::BuyingRole),
            set: |p, v| {
                p.buying_role = match v {
                    Some(Choice::BuyingRole(r)) => Some(r),
                    _ => None,
                }
            },
        },
    },
    Field {
        key: "summary",
        label: "Summary",
        form_label: "Summary",
        input: Input::Multi,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Sentence {
            label: None,
            when_blank: None,
        },
        searched: false,
        access: Access::Text {
            get: |p| &p.summary,
            set: |p, v| p.summary = v,
        },
    },
    Field {
        key: "pains",
        label: "Pains",
        form_label: "Pains",
        input: Input::List,
        columns: ALL,
        show: Show::List,
        brief: Brief::Paragraph,
        searched: false,
        access: Access::List {
            get: |p| &p.pains,
            set: |p, v| p.pains = v,
        },
    },
    Field {
        key: "objections",
        label: "Objections",
        form_label: "Objections",
        input: Input::List,
        columns: BUYERS,
        show: Show::List,
        brief: Brief::Paragraph,
        searched: false,
        access: Access::List {
            get: |p| &p.objections,
            set: |p, v| p.objections = v,
        },
    },
    Field {
        key: "criteria",
        label: "Decision criteria",
        form_label: "Criteria",
        input: Input::List,
        columns: BUYERS,
        show: Show::List,
        brief: Brief::Paragraph,
        searched: false,
        access: Access::List {
            get: |p| &p.criteria,
            set: |p, v| p.criteria = v,
        },
    },
    Field {
        key: "quote",
        label: "Quote",
        form_label: "Quote",
        input: Input::Line,
        columns: ALL,
        show: Show::Quote,
        brief: Brief::Paragraph,
        searched: false,
        access: Access::Text {
            get: |p| &p.quote,
            set: |p, v| p.quote = v,
        },
    },
    Field {
        key: "notes",
        label: "Notes",
        form_label: "Notes",
        input: Input::Multi,
        columns: ALL,
        show: Show::Section,
        brief: Brief::Paragraph,
        searched: false,
        access: Access::Text {
            get: |p| &p.notes,
            set: |p, v| p.notes = v,
        },
    },
];

/// In the file, a persona's goals come right after this field.
pub const GOALS_AFTER: &str = "summary";

/// A goal's fields, in the order of the file, the form, the detail pane and the reports. The
/// goal's links (`supports`) follow them in the file.
pub const GOAL_FIELDS: &[Field<Goal>] = &[
    Field {
        key: "text",
        label: "Goal",
        form_label: "Goal",
        input: Input::Line,
        columns: ALL,
        show: Show::Heading,
        brief: Brief::Title,
        searched: true,
        access: Access::Text {
            get: |g| &g.text,
            set: |g, v| g.text = v,
        },
    },
    Field {
        key: "why",
        label: "Why",
        form_label: "Why it matters",
        input: Input::Multi,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Sentence {
            label: Some("Why"),
            when_blank: None,
        },
        searched: false,
        access: Access::Text {
            get: |g| &g.why,
            set: |g, v| g.why = v,
        },
    },
    Field {
        key: "metric",
        label: "Metric",
        form_label: "Metric",
        input: Input::Line,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Sentence {
            label: Some("Measured by"),
            when_blank: Some("nothing yet."),
        },
        searched: true,
        access: Access::Text {
            get: |g| &g.metric,
            set: |g, v| g.metric = v,
        },
    },
    Field {
        key: "votes",
        label: "Votes",
        form_label: "Votes",
        input: Input::Count,
        columns: ALL,
        show: Show::Bullet { when_blank: None },
        brief: Brief::Sentence {
            label: Some("Votes"),
            when_blank: None,
        },
        searched: false,
        access: Access::Count {
            get: |g| g.votes,
            set: |g, v| g.votes = v,
        },
    },
];

/// A goal's dots: the value of its count field (`votes`, the last vote round's result), 0 for
/// none. The board and the pictures show them after the goal's text (`●3`).
pub fn dots(goal: &Goal) -> u32 {
    GOAL_FIELDS.iter().find_map(|f| f.count(goal)).unwrap_or(0)
}

/// The persona fields a column has, in order.
pub fn persona_fields(column: Column) -> impl Iterator<Item = &'static Field<Persona>> {
    PERSONA_FIELDS
        .iter()
        .filter(move |f| f.columns.contains(&column))
}

/// The form label and input of the persona or goal field with this key (the workspace's
/// `title` too), for code that knows a field only by its key (merge conflicts).
pub fn by_key(key: &str) -> Option<(&'static str, Input)> {
    if key == "title" {
        return Some(("Title", Input::Line));
    }
    let persona = PERSONA_FIELDS
        .iter()
        .map(|f| (f.key, f.form_label, f.input));
    let goal = GOAL_FIELDS.iter().map(|f| (f.key, f.form_label, f.input));
    persona
        .chain(goal)
        .find(|(k, _, _)| *k == key)
        .map(|(_, label, input)| (label, input))
}

/// The persona field with this key.
pub fn persona_field(key: &str) -> Option<&'static Field<Persona>> {
    PERSONA_FIELDS.iter().find(|f| f.key == key)
}

/// The goal field with this key.
pub fn goal_field(key: &str) -> Option<&'static Field<Goal>> {
    GOAL_FIELDS.iter().find(|f| f.key == key)
}

/// Whether `a` and `b` hold the same value in every one of these fields.
pub fn same<T>(rows: &[Field<T>], a: &T, b: &T) -> bool {
    rows.iter().all(|f| f.same(a, b))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_persona_field_reads_back_what_it_writes() {
        for column in Column::ALL {
            for f in persona_fields(column) {
                let mut p = Persona::default();
                let value = match f.input {
                    Input::Line | Input::Multi => Value::Text(format!("{} text", f.key)),
                    Input::List => Value::List(vec!["one".into(), "two".into()]),
                    Input::Choice => Value::Choice(Some(1)),
                    Input::Count => Value::Count(3),
                };
                f.set(&mut p, column, value.clone());
                assert_eq!(f.get(&p, column), value, "{} in {column}", f.key);
                assert!(!f.is_blank(&p));
            }
        }
    }

    #[test]
    fn buyers_have_their_own_fields_and_kinds() {
        let keys = |c| persona_fields(c).map(|f| f.key).collect::<Vec<_>>();
        assert!(keys(Column::Buyers).contains(&"buying_role"));
        assert!(!keys(Column::Users).contains(&"objections"));
        let kind = &PERSONA_FIELDS[2];
        assert_eq!(kind.choices(Column::Users)[0].ident(), "GoalDirected");
        assert_eq!(kind.choices(Column::Buyers)[0].ident(), "Competitive");
        assert!(PERSONA_FIELDS.iter().any(|f| f.key == GOALS_AFTER));
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = PERSONA_FIELDS.iter().map(|f| f.key).collect();
        keys.extend(GOAL_FIELDS.iter().map(|f| f.key));
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
