//! The edit form for a persona or a goal: one field per item of SPEC §2, kinds and buying roles
//! chosen from their lists, multi-line fields edited as multi-line text.

use ratatui_textarea::{CursorMove, TextArea};

use crate::model::{BuyingRole, Column, Goal, Persona};
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
}

impl FormTarget {
    pub fn is_goal(self) -> bool {
        matches!(self, FormTarget::NewGoal { .. } | FormTarget::Goal { .. })
    }

    pub fn is_new(self) -> bool {
        matches!(
            self,
            FormTarget::NewPersona { .. } | FormTarget::NewGoal { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Multi,
    /// A list, one item a line.
    List,
    /// One of a fixed list of labels; 0 is "not set".
    Choice(&'static [&'static str]),
}

const KIND_CHOICES_USER: &[&str] = &["—", "goal-directed", "role-based", "engaging", "fictional"];
const KIND_CHOICES_BUYER: &[&str] = &[
    "—",
    "competitive",
    "spontaneous",
    "humanistic",
    "methodical",
];
const ROLE_CHOICES: &[&str] = &["—", "ultimate buyer", "decision maker", "influencer"];

/// One field of the form.
#[derive(Clone)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub text: TextArea<'static>,
    pub choice: usize,
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
            original: value.to_string(),
            shown,
        }
    }

    fn list(key: &'static str, label: &'static str, items: &[String]) -> Field {
        Field::text(key, label, FieldKind::List, &items.join("\n"))
    }

    fn choice(
        key: &'static str,
        label: &'static str,
        options: &'static [&'static str],
        at: usize,
    ) -> Field {
        let mut f = Field::text(key, label, FieldKind::Choice(options), "");
        f.choice = at.min(options.len().saturating_sub(1));
        f
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
}

impl Form {
    pub fn for_persona(target: FormTarget, column: Column, p: &Persona) -> Form {
        let kinds = if column == Column::Buyers {
            KIND_CHOICES_BUYER
        } else {
            KIND_CHOICES_USER
        };
        let kind_at = p
            .kind
            .and_then(|k| column.kinds().iter().position(|c| *c == k))
            .map_or(0, |i| i + 1);
        let mut fields = vec![
            Field::text("name", "Name", FieldKind::Line, &p.name),
            Field::text("role", "Role", FieldKind::Line, &p.role),
            Field::choice("kind", "Kind", kinds, kind_at),
        ];
        if column == Column::Buyers {
            let role_at = p
                .buying_role
                .and_then(|r| BuyingRole::ALL.iter().position(|c| *c == r))
                .map_or(0, |i| i + 1);
            fields.push(Field::choice(
                "buying_role",
                "Buying role",
                ROLE_CHOICES,
                role_at,
            ));
        }
        fields.push(Field::text(
            "summary",
            "Summary",
            FieldKind::Multi,
            &p.summary,
        ));
        fields.push(Field::list("pains", "Pains", &p.pains));
        if column == Column::Buyers {
            fields.push(Field::list("objections", "Objections", &p.objections));
            fields.push(Field::list("criteria", "Criteria", &p.criteria));
        }
        fields.push(Field::text("quote", "Quote", FieldKind::Line, &p.quote));
        fields.push(Field::text("notes", "Notes", FieldKind::Multi, &p.notes));
        Form {
            target,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn for_goal(target: FormTarget, g: &Goal) -> Form {
        Form {
            target,
            fields: vec![
                Field::text("text", "Goal", FieldKind::Line, &g.text),
                Field::text("why", "Why it matters", FieldKind::Multi, &g.why),
                Field::text("metric", "Metric", FieldKind::Line, &g.metric),
            ],
            focus: 0,
            error: None,
        }
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

    pub fn is_last_field(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }

    fn text_of(&self, key: &str) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    fn items_of(&self, key: &str) -> Vec<String> {
        self.field(key).map(Field::items).unwrap_or_default()
    }

    /// The persona as the form says, on top of `base` (id and goals are kept).
    /// Err when the name is empty.
    pub fn apply_persona(&self, column: Column, base: &Persona) -> Result<Persona, String> {
        let name = self.text_of("name").trim().to_string();
        if name.is_empty() {
            return Err("a persona needs a name".into());
        }
        let kind = self
            .field("kind")
            .and_then(|f| f.choice.checked_sub(1))
            .and_then(|i| column.kinds().get(i).copied());
        let buying_role = self
            .field("buying_role")
            .and_then(|f| f.choice.checked_sub(1))
            .and_then(|i| BuyingRole::ALL.get(i).copied());
        Ok(Persona {
            id: base.id.clone(),
            name,
            role: self.text_of("role").trim().to_string(),
            kind,
            buying_role: if column == Column::Buyers {
                buying_role
            } else {
                None
            },
            summary: self.text_of("summary").trim_end().to_string(),
            goals: base.goals.clone(),
            pains: self.items_of("pains"),
            quote: self.text_of("quote").trim().to_string(),
            notes: self.text_of("notes").trim_end().to_string(),
            objections: self.items_of("objections"),
            criteria: self.items_of("criteria"),
        })
    }

    /// The goal as the form says, on top of `base` (id and links are kept). Err when empty.
    pub fn apply_goal(&self, base: &Goal) -> Result<Goal, String> {
        let text = self.text_of("text").trim().to_string();
        if text.is_empty() {
            return Err("a goal needs a text: what success is".into());
        }
        Ok(Goal {
            id: base.id.clone(),
            text,
            why: self.text_of("why").trim_end().to_string(),
            metric: self.text_of("metric").trim().to_string(),
            supports: base.supports.clone(),
        })
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
