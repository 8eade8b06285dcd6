//! Reports written by `personas export`: markdown, mermaid, dot and json. Each is a pure function
//! of the workspace; the chains, findings and coverage come from `model`, never recomputed here.

use crate::model::Workspace;

/// The formats `personas export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Mermaid,
    Dot,
    Json,
}

/// The report for a (valid) workspace, as text.
pub fn render(ws: &Workspace, format: ExportFormat) -> String {
    let _ = (ws, format);
    String::new()
}
