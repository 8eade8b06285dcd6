//! The writer: the workspace as RON text, by hand, so that the output is fixed (every field in
//! the field description's order, one item a line, no struct names, byte-identical for the same
//! workspace).

use std::fmt::Write as _;

use super::{HEADER, format_of};
use crate::model::fields::{self, Access};
use crate::model::{Column, Goal, Persona, Workspace};

/// The workspace as RON text, in the lowest format that holds it ([`format_of`]).
/// Deterministic: the same workspace gives the same bytes.
pub fn to_ron(ws: &Workspace) -> String {
    let mut w = Writer {
        out: String::with_capacity(256 + ws.goal_count() * 256),
        depth: 0,
    };
    w.out.push_str(HEADER);
    w.out.push('\n');
    w.open('(');
    w.field_raw("format", &format_of(ws).to_string());
    w.field_str("title", &ws.title);
    for column in Column::ALL {
        w.key(column.key());
        w.open_inline('[');
        for p in ws.column(column) {
            w.persona(column, p);
        }
        w.close("],");
    }
    w.conflicts(&ws.conflicts);
    w.depth -= 1;
    w.out.push_str(")\n");
    w.out
}

pub(super) struct Writer {
    pub(super) out: String,
    pub(super) depth: usize,
}

impl Writer {
    pub(super) fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    pub(super) fn open(&mut self, bracket: char) {
        self.indent();
        self.open_inline(bracket);
    }

    pub(super) fn open_inline(&mut self, bracket: char) {
        self.out.push(bracket);
        self.out.push('\n');
        self.depth += 1;
    }

    pub(super) fn close(&mut self, closing: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str(closing);
        self.out.push('\n');
    }

    pub(super) fn key(&mut self, key: &str) {
        self.indent();
        self.out.push_str(key);
        self.out.push_str(": ");
    }

    pub(super) fn field_raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    pub(super) fn field_str(&mut self, key: &str, value: &str) {
        self.key(key);
        push_string(&mut self.out, value);
        self.out.push_str(",\n");
    }

    pub(super) fn field_list(&mut self, key: &str, items: &[String]) {
        self.key(key);
        if items.is_empty() {
            self.out.push_str("[],\n");
            return;
        }
        self.open_inline('[');
        for item in items {
            self.indent();
            push_string(&mut self.out, item);
            self.out.push_str(",\n");
        }
        self.close("],");
    }

    /// A persona in the order of [`fields::PERSONA_FIELDS`], its goals after [`fields::GOALS_AFTER`].
    fn persona(&mut self, column: Column, p: &Persona) {
        self.open('(');
        self.field_str("id", &p.id);
        for f in fields::persona_fields(column) {
            self.value(f, p);
            if f.key == fields::GOALS_AFTER {
                self.goals(&p.goals);
            }
        }
        self.close("),");
    }

    fn goals(&mut self, goals: &[Goal]) {
        self.key("goals");
        if goals.is_empty() {
            self.out.push_str("[],\n");
            return;
        }
        self.open_inline('[');
        for g in goals {
            self.open('(');
            self.field_str("id", &g.id);
            for f in fields::GOAL_FIELDS {
                self.value(f, g);
            }
            self.field_list("supports", &g.supports);
            self.close("),");
        }
        self.close("],");
    }

    fn value<T>(&mut self, f: &fields::Field<T>, item: &T) {
        match &f.access {
            Access::Text { get, .. } => self.field_str(f.key, get(item)),
            Access::List { get, .. } => self.field_list(f.key, get(item)),
            Access::Choice { get, .. } => {
                self.field_raw(f.key, get(item).map_or("None", fields::Choice::ident))
            }
            // Optional (format 3): written only when there is something to count.
            Access::Count { get, .. } => match get(item) {
                0 => {}
                n => self.field_raw(f.key, &n.to_string()),
            },
        }
    }
}

/// A RON string literal. Quotes, backslashes and every control character are escaped, so the
/// file never holds a raw escape sequence and each item stays on its own line.
pub(crate) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
