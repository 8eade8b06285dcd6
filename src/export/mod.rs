//! Reports written by `personas export`: markdown, html, svg, story, mermaid, dot, json and csv.
//! Each is a pure function of the workspace; the chains, findings and coverage come from `model`,
//! never recomputed here. [`render_chain`] makes any of them of the chain through one goal.
//!
//! Every report is deterministic (the same workspace gives the same bytes), ends with a newline,
//! and never carries a raw control character from the file (SPEC §10): text is escaped for its
//! syntax and passed through [`crate::text::visible`]; json writes them as `\uXXXX` escapes,
//! which read back as the same text; csv keeps tabs and line ends inside its quoted cells and
//! writes the rest as their [`crate::text::placeholder`] ([`csv::guarded`]).

mod chain;
pub mod csv;
mod dot;
mod graph;
mod html;
mod json;
mod layout;
mod markdown;
mod markup;
mod mermaid;
/// The colours of the html page, also the room's page (SPEC §11).
pub(crate) mod palette;
mod story;
mod svg;
mod width;

pub use chain::{UnknownGoal, through as chain_through};
/// The one escaper of html and svg text (also draws `docs/board.svg` in `tests/board_picture.rs`).
pub use markup::escape;

use crate::model::Workspace;

/// The formats `personas export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Mermaid,
    Dot,
    Json,
    /// One self-contained page: picture, stories, personas, findings.
    Html,
    /// The value-chain picture alone.
    Svg,
    /// The chains told as plain sentences.
    Story,
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
        ExportFormat::Html => html::render(ws),
        ExportFormat::Svg => svg::render(ws, svg::Frame::File),
        ExportFormat::Story => story::render(ws),
        ExportFormat::Csv => csv::render(ws),
    }
}

/// The report of only the chain through `goal_id` (up to the buyers, down to the users); an svg
/// is sized for a 16:9 slide. An id that names no goal is an error naming it.
pub fn render_chain(
    ws: &Workspace,
    format: ExportFormat,
    goal_id: &str,
) -> Result<String, UnknownGoal> {
    // csv keeps each goal's links and the title, so the table imports back whole.
    if format == ExportFormat::Csv {
        return Ok(csv::render(&csv::only_chain(ws, goal_id)?));
    }
    let chain = chain::through(ws, goal_id)?;
    Ok(match format {
        ExportFormat::Svg => svg::render(&chain, svg::Frame::Slide),
        format => render(&chain, format),
    })
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
