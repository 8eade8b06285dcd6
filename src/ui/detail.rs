//! The detail pane: every field of the selected persona or goal (on the board, or the item of
//! the selected line in the Chains and Gaps views), and for a goal what it supports and what
//! supports it — in a part of its own beside the fields, so it is never below the edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::{Row, State};
use crate::model::Column;
use crate::model::fields::{self, GOAL_FIELDS, Show};
use crate::text::visible;

pub struct Detail<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

/// The pane never shows more than a screen, so a huge field (a 50 MB note) is cut to this many
/// lines of at most this many characters before it is wrapped, not after.
const MAX_LINES: usize = 200;
const MAX_CHARS: usize = 4096;

fn head_of(text: &str) -> &str {
    text.char_indices()
        .nth(MAX_CHARS)
        .map_or(text, |(at, _)| &text[..at])
}

fn field(lines: &mut Vec<Line<'_>>, t: &Theme, label: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    let mut first = true;
    for part in value.split('\n').take(MAX_LINES).map(head_of) {
        let head = if first {
            format!("{label}: ")
        } else {
            " ".repeat(label.len() + 2)
        };
        first = false;
        lines.push(Line::from(vec![
            Span::styled(head, t.dim),
            Span::styled(visible(part).into_owned(), t.text),
        ]));
    }
}

fn list(lines: &mut Vec<Line<'_>>, t: &Theme, label: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    lines.push(Line::styled(format!("{label}:"), t.dim));
    for item in items.iter().take(MAX_LINES) {
        lines.push(Line::styled(
            format!("  - {}", visible(head_of(item))),
            t.text,
        ));
    }
}

/// One described field (the title field is the pane's first line, so it is left out here).
fn described<T>(lines: &mut Vec<Line<'_>>, t: &Theme, f: &fields::Field<T>, item: &T) {
    let label = f.label.to_lowercase();
    match f.show {
        Show::Heading => {}
        Show::List => {
            let items: Vec<String> = f.items(item).into_iter().map(|i| i.into_owned()).collect();
            list(lines, t, &label, &items);
        }
        _ => field(lines, t, &label, &f.text(item)),
    }
}

/// What the pane shows: the board's selection, or the item of the selected line of a list.
fn item(state: &State) -> Option<(Column, Row)> {
    let Some(list) = state.view.list() else {
        return state.selected().map(|r| (state.column, r));
    };
    // One line, built alone: the whole list is never built for the pane (issue 14).
    let line = list.selected(state)?;
    state.doc.locate(line.target.as_ref()?)
}

/// The room's proposal on the selected line of view 4, if that is what it is.
fn proposal(state: &State) -> Option<&crate::room::Proposal> {
    let line = state.view.list()?.selected(state)?;
    match line.target? {
        crate::app::lists::Target::Proposal(id) => state.room.proposal(id),
        _ => None,
    }
}

/// At most `room` lines: the rest is named, not hidden.
fn capped<'a>(mut lines: Vec<Line<'a>>, room: usize, t: &Theme) -> Vec<Line<'a>> {
    if lines.len() > room && room > 0 {
        let more = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(Line::styled(
            format!("  … and {more} more (Shift-↓ scrolls, ] / [ go there)"),
            t.dim,
        ));
    }
    lines
}

impl Widget for &Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let t = self.theme;
        let ws = state.doc.workspace();
        let d = state.doc.derived();
        let mut lines: Vec<Line> = Vec::new();
        let mut links: Vec<Line> = Vec::new();
        let title;
        let (column, selected) = match item(state) {
            Some((c, r)) => (c, Some(r)),
            None => (state.column, None),
        };
        match selected {
            Some(Row::Persona(pi)) => {
                let p = &ws.column(column)[pi];
                title = format!(" {} persona ", column.noun());
                lines.push(Line::from(vec![
                    Span::styled(visible(&p.name).into_owned(), t.persona),
                    Span::styled(format!("  id: {}", visible(&p.id)), t.dim),
                ]));
                for f in fields::persona_fields(column) {
                    described(&mut lines, t, f, p);
                }
                field(&mut lines, t, "goals", &p.goals.len().to_string());
                for code in d.marks.get(&p.id).into_iter().flatten() {
                    lines.push(Line::styled(
                        format!("! {code}: {}", code.meaning()),
                        t.finding,
                    ));
                }
            }
            Some(Row::Goal(pi, gi)) => {
                let p = &ws.column(column)[pi];
                let g = &p.goals[gi];
                title = format!(" {} goal ", column.noun());
                lines.push(Line::from(vec![
                    Span::styled(visible(&g.text).into_owned(), t.persona),
                    Span::styled(format!("  id: {}", visible(&g.id)), t.dim),
                ]));
                field(&mut lines, t, "persona", &p.name);
                for f in GOAL_FIELDS {
                    described(&mut lines, t, f, g);
                }
                let describe = |id: &str| match (d.index.goal(ws, id), d.index.persona_of(ws, id)) {
                    (Some(g), Some(p)) => format!("{} — {}", visible(&g.text), visible(&p.name)),
                    _ => visible(id).into_owned(),
                };
                if !g.supports.is_empty() {
                    links.push(Line::styled("supports (] goes there):", t.dim));
                    for id in &g.supports {
                        links.push(Line::styled(
                            format!("  ↑ {}", describe(id)),
                            t.chain_direct,
                        ));
                    }
                }
                let below = d.index.supported_by(&g.id);
                if !below.is_empty() {
                    links.push(Line::styled("supported by ([ goes there):", t.dim));
                    for id in below {
                        links.push(Line::styled(
                            format!("  ↓ {}", describe(id)),
                            t.chain_direct,
                        ));
                    }
                }
                for code in d.marks.get(&g.id).into_iter().flatten() {
                    lines.push(Line::styled(
                        format!("! {code}: {}", code.meaning()),
                        t.finding,
                    ));
                }
            }
            None => match proposal(state) {
                // View 4: the proposal under the cursor, whole.
                Some(p) => {
                    title = format!(" proposal ({}) ", p.state.label());
                    lines.push(Line::styled(visible(&p.text).into_owned(), t.persona));
                    field(&mut lines, t, "why", &p.why);
                    field(&mut lines, t, "metric", &p.metric);
                    field(&mut lines, t, "from", &p.author);
                    field(&mut lines, t, "column", p.column.key());
                    field(
                        &mut lines,
                        t,
                        "persona",
                        &crate::app::room::for_whom(state, p),
                    );
                }
                None => {
                    title = " detail ".to_string();
                    lines.push(Line::styled("nothing selected", t.dim));
                }
            },
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(title, t.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let room = usize::from(inner.height);
        // Shift-↓ scrolls the fields and the links together (never past the last line).
        let scroll = state.detail_scroll;
        let skip = usize::from(scroll).min(links.len().saturating_sub(1));
        links.drain(..skip);
        if links.is_empty() {
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .render(inner, buf);
            return;
        }
        // The links beside the fields on a wide pane, under a cut of them on a narrow one.
        let (fields_area, links_area) = if inner.width >= 60 {
            let [a, b] = ratatui::layout::Layout::horizontal([
                ratatui::layout::Constraint::Fill(1),
                ratatui::layout::Constraint::Fill(1),
            ])
            .spacing(1)
            .areas(inner);
            (a, b)
        } else {
            let link_rows = (links.len() as u16).min(inner.height.saturating_sub(1).max(1));
            let [a, b] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Fill(1),
                ratatui::layout::Constraint::Length(link_rows),
            ])
            .areas(inner);
            (a, b)
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(fields_area, buf);
        let link_room = usize::from(links_area.height).min(room);
        // Each link is one line (cut, not wrapped), so the count of lines is exact.
        let cells = usize::from(links_area.width);
        let links: Vec<Line> = links
            .into_iter()
            .map(|l| {
                let style = l.style;
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                let style = l.spans.first().map_or(style, |s| s.style);
                Line::styled(super::textfit::fit(&text, cells), style)
            })
            .collect();
        Paragraph::new(capped(links, link_room, t)).render(links_area, buf);
    }
}
