//! Reports written by `personas export`: markdown, mermaid, dot and json. Each is a pure function
//! of the workspace; the chains, findings and coverage come from `model`, never recomputed here.
//!
//! Every report is deterministic (the same workspace gives the same bytes), ends with a newline,
//! and never carries a raw control character from the file: text is escaped for its syntax and
//! passed through [`crate::text::visible`].

pub mod csv;
mod dot;
mod graph;
mod json;
mod markdown;
mod mermaid;

use crate::model::Workspace;

/// The formats `personas export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Mermaid,
    Dot,
    Json,
    Csv,
}

/// The report for a (valid) workspace, as text.
///
/// An invalid workspace (dangling links, duplicate ids) still gives a report without panicking;
/// links to goals that do not exist are shown as missing in markdown and left out of the graphs.
pub fn render(ws: &Workspace, format: ExportFormat) -> String {
    match format {
        ExportFormat::Markdown => markdown::render(ws),
        ExportFormat::Mermaid => mermaid::render(ws),
        ExportFormat::Dot => dot::render(ws),
        ExportFormat::Json => json::render(ws),
        ExportFormat::Csv => csv::render(ws),
    }
}

/// Text from the file as display lines: trimmed, split at newlines (`\r\n` too), tabs as spaces
/// and every other unsafe character as its visible placeholder. Never empty: blank text gives
/// one empty line.
fn display_lines(s: &str) -> Vec<String> {
    s.trim()
        .split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line).replace('\t', " ");
            crate::text::visible(&line).into_owned()
        })
        .collect()
}

/// Text from the file on one line: [`display_lines`] joined with spaces.
fn one_line(s: &str) -> String {
    display_lines(s).join(" ")
}
