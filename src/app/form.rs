//! The edit form for a persona or a goal: one form field per described field
//! ([`crate::model::fields`]), choices picked from their lists, multi-line fields edited as
//! multi-line text.

use ratatui_textarea::{CursorMove, TextArea};

use crate::model::fields::{self, Choice, GOAL_FIELDS, Input, Value};
use crate::model::{Column, Goal, Persona};
use crate::text::visible_lines;

/// What the form edits, and where a new item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    NewPersona {
        column: Column,
        index: usize,
    },
    Persona {
        column: Column,
        index: usize,
    },
    NewGoal {
        column: Column,
        persona: usize,
        index: usize,
    },
    Goal {
        column: Column,
        persona: usize,
        goal: usize,
    },
    /// The workspace title (`t`).
    Title,
    /// The text that resolves a merge conflict (`e` on one), by its place in the list.
    Conflict {
        index: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Multi,
    /// A list, one item a line.
    List,
    /// One of a fixed list of choices; the form's `choice` 0 is "not set", k is `choices[k - 1]`.
    Choice(&'static [Choice]),
}

impl FieldKind {
    /// The label shown for choice `at` (0: "—").
    pub fn choice_label(self, at: usize) -> &'static str {
        match self {
            FieldKind::Choice(choices) => at
                .checked_sub(1)
                .and_then(|i| choices.get(i))
                .map_or("—", |c| c.label()),
            _ => "",
        }
    }

    /// How many positions a choice field cycles through ("not set" included).
    pub fn choice_count(self) -> usize {
        match self {
            FieldKind::Choice(choices) => choices.len() + 1,
            _ => 0,
        }
    }
}

/// One field of the form.
#[derive(Clone)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub text: TextArea<'static>,
    pub choice: usize,
    /// The choice as the form opened with it.
    first_choice: usize,
    /// The value as stored, and as first shown (control characters made visible). If the
    /// shown text is left as it was, the stored value is kept byte for byte.
    original: String,
    shown: String,
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("key", &self.key)
            .field("value", &self.value())
            .field("choice", &self.choice)
            .finish()
    }
}

impl Field {
    fn text(key: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Field {
        let lines: Vec<String> = visible_lines(value).map(|l| l.into_owned()).collect();
        let shown = lines.join("\n");
        let mut text = TextArea::new(lines);
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        Field {
            key,
            label,
            kind,
            text,
            choice: 0,
            first_choice: 0,
            original: value.to_string(),
            shown,
        }
    }

    fn choice(
        key: &'static str,
        label: &'static str,
        choices: &'static [Choice],
        at: usize,
    ) -> Field {
        let mut f = Field::text(key, label, FieldKind::Choice(choices), "");
        f.choice = at.min(choices.len());
        f.first_choice = f.choice;
        f
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn changed(&self) -> bool {
        self.choice != self.first_choice || self.text.lines().join("\n") != self.shown
    }

    /// For a choice field: the next choice after the current one whose label starts with the
    /// letter (any case), or None when no choice does.
    pub fn choice_by_letter(&self, letter: char) -> Option<usize> {
        let FieldKind::Choice(choices) = self.kind else {
            return None;
        };
        let starts = |k: usize| {
            self.kind
                .choice_label(k)
                .chars()
                .next()
                .is_some_and(|c| c.to_lowercase().eq(letter.to_lowercase()))
        };
        let n = choices.len() + 1;
        (1..=n)
            .map(|step| (self.choice + step) % n)
            .find(|&k| k != 0 && starts(k))
    }

    /// The form field for one described field of `item`; none for a field that is not typed
    /// (a count: vote rounds set it).
    fn of<T>(spec: &fields::Field<T>, item: &T, column: Column) -> Option<Field> {
        let kind = match spec.input {
            Input::Line => FieldKind::Line,
            Input::Multi => FieldKind::Multi,
            Input::List => FieldKind::List,
            Input::Choice => {
                let at = match spec.get(item, column) {
                    Value::Choice(Some(i)) => i + 1,
                    _ => 0,
                };
                return Some(Field::choice(
                    spec.key,
                    spec.form_label,
                    spec.choices(column),
                    at,
                ));
            }
            Input::Count => return None,
        };
        Some(Field::text(
            spec.key,
            spec.form_label,
            kind,
            &spec.text(item),
        ))
    }

    /// The value for `spec`, as the model takes it: one-line text trimmed, multi-line text
    /// trimmed at the end, lists without blank items, a choice by its index.
    fn model_value(&self) -> Value {
        match self.kind {
            FieldKind::Line => Value::Text(self.value().trim().to_string()),
            FieldKind::Multi => Value::Text(self.value().trim_end().to_string()),
            FieldKind::List => Value::List(self.items()),
            FieldKind::Choice(_) => Value::Choice(self.choice.checked_sub(1)),
        }
    }

    /// The text as typed, or the stored value when the shown text was not changed.
    pub fn value(&self) -> String {
        let now = self.text.lines().join("\n");
        if now == self.shown {
            self.original.clone()
        } else {
            now
        }
    }

    fn items(&self) -> Vec<String> {
        self.value()
            .split('\n')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn is_text(&self) -> bool {
        !matches!(self.kind, FieldKind::Choice(_))
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, FieldKind::Multi | FieldKind::List)
    }
}

/// The open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub target: FormTarget,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the form could not be saved (e.g. an empty name).
    pub error: Option<String>,
    /// Esc was pressed after typing: "discard what you typed?" is being asked.
    pub asking: bool,
    /// The first goal of a persona just added (Esc adds no goal and says so).
    pub first_goal: bool,
    /// The room's proposal this form was filled in from: committing its goal marks it taken.
    pub proposal: Option<Box<crate::room::Proposal>>,
}

impl Form {
    pub fn for_persona(target: FormTarget, column: Column, p: &Persona) -> Form {
        Form {
            target,
            fields: fields::persona_fields(column)
                .filter_map(|spec| Field::of(spec, p, column))
                .collect(),
            focus: 0,
            error: None,
            asking: false,
            first_goal: false,
            proposal: None,
        }
    }

    pub fn for_goal(target: FormTarget, g: &Goal) -> Form {
        Form {
            target,
            fields: GOAL_FIELDS
                .iter()
                .filter_map(|spec| Field::of(spec, g, Column::Users))
                .collect(),
            focus: 0,
            error: None,
            asking: false,
            first_goal: false,
            proposal: None,
        }
    }

    /// The form for the workspace title: one line.
    pub fn for_title(title: &str) -> Form {
        Form {
            target: FormTarget::Title,
            fields: vec![Field::text("title", "Title", FieldKind::Line, title)],
            focus: 0,
            error: None,
            asking: false,
            first_goal: false,
            proposal: None,
        }
    }

    /// The form that resolves a merge conflict of a text field: ours and theirs joined.
    pub fn for_conflict(index: usize, field: &str, joined: &str) -> Form {
        let label = fields::by_key(field).map_or("Text", |(label, _)| label);
        Form {
            target: FormTarget::Conflict { index },
            fields: vec![Field::text("resolved", label, FieldKind::Multi, joined)],
            focus: 0,
            error: None,
            asking: false,
            first_goal: false,
            proposal: None,
        }
    }

    /// The resolved text of a conflict's form.
    pub fn resolved(&self) -> String {
        self.text_of("resolved")
    }

    /// The title as the form says, trimmed.
    pub fn title(&self) -> String {
        self.text_of("title").trim().to_string()
    }

    /// Whether anything was typed or chosen in any field since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// Selects the whole text of the focused field: a default the program made, which typing
    /// replaces (SPEC §3).
    pub fn select_focused(&mut self) {
        if let Some(f) = self.focused_mut()
            && f.is_text()
        {
            f.text.select_all();
        }
    }

    pub fn is_last_field(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }

    fn text_of(&self, key: &str) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    /// Every form field written onto `item` through its description.
    fn apply<T: 'static>(
        &self,
        specs: impl Iterator<Item = &'static fields::Field<T>>,
        item: &mut T,
        column: Column,
    ) {
        for spec in specs {
            if let Some(f) = self.field(spec.key) {
                spec.set(item, column, f.model_value());
            }
        }
    }

    /// The persona as the form says, on top of `base` (id and goals are kept).
    /// Err when the name is empty.
    pub fn apply_persona(&self, column: Column, base: &Persona) -> Result<Persona, String> {
        if self.text_of("name").trim().is_empty() {
            return Err("a persona needs a name".into());
        }
        let mut p = base.clone();
        self.apply(fields::persona_fields(column), &mut p, column);
        Ok(p)
    }

    /// The goal as the form says, on top of `base` (id and links are kept). Err when empty.
    pub fn apply_goal(&self, base: &Goal) -> Result<Goal, String> {
        if self.text_of("text").trim().is_empty() {
            return Err("a goal needs a text: what success is".into());
        }
        let mut g = base.clone();
        self.apply(GOAL_FIELDS.iter(), &mut g, Column::Users);
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_fields_keep_control_characters_byte_for_byte() {
        let p = Persona {
            id: "x".into(),
            name: "Evil\u{1b}]0;title\u{7}".into(),
            ..Persona::default()
        };
        let form = Form::for_persona(
            FormTarget::Persona {
                column: Column::Users,
                index: 0,
            },
            Column::Users,
            &p,
        );
        assert_eq!(form.fields[0].text.lines()[0], "Evil␛]0;title␇");
        let back = form.apply_persona(Column::Users, &p).expect("valid");
        assert_eq!(back.name, p.name);
    }

    #[test]
    fn empty_names_are_refused() {
        let p = Persona::default();
        let form = Form::for_persona(
            FormTarget::NewPersona {
                column: Column::Buyers,
                index: 0,
            },
            Column::Buyers,
            &p,
        );
        assert!(form.apply_persona(Column::Buyers, &p).is_err());
        assert!(form.field("buying_role").is_some());
    }
}
