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

mod value;

pub use value::Value;

#[cfg(test)]
mod tests;
