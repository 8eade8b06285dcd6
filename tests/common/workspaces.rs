//! Workspaces written in a few lines, for the tests that build one by hand.

#![allow(dead_code)] // each test file uses part of it

use personas::export::ExportFormat;
use personas::model::{Goal, Persona};

pub fn goal(id: &str, text: &str, why: &str, metric: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        why: why.into(),
        metric: metric.into(),
        supports: supports.iter().map(|s| (*s).to_string()).collect(),
        ..Goal::default()
    }
}

/// A persona with a name and goals, every other field empty.
pub fn persona(id: &str, name: &str, goals: Vec<Goal>) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        goals,
        ..Persona::default()
    }
}

/// Every export format.
pub const EVERY_FORMAT: [ExportFormat; 8] = [
    ExportFormat::Markdown,
    ExportFormat::Html,
    ExportFormat::Svg,
    ExportFormat::Story,
    ExportFormat::Mermaid,
    ExportFormat::Dot,
    ExportFormat::Json,
    ExportFormat::Csv,
];

/// No `_` arm: a new format does not compile until it is in [`EVERY_FORMAT`] too.
fn _every_format_is_listed(format: ExportFormat) {
    match format {
        ExportFormat::Markdown
        | ExportFormat::Html
        | ExportFormat::Svg
        | ExportFormat::Story
        | ExportFormat::Mermaid
        | ExportFormat::Dot
        | ExportFormat::Json
        | ExportFormat::Csv => {}
    }
}
