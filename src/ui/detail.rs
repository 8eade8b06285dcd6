//! The detail pane: every field of the selected persona or goal, and for a goal what it
//! supports and what supports it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::{Row, State};
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

impl Widget for &Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let t = self.theme;
        let ws = state.doc.workspace();
        let d = state.doc.derived();
        let mut lines: Vec<Line> = Vec::new();
        let title;
        match state.selected() {
            Some(Row::Persona(pi)) => {
                let p = &ws.column(state.column)[pi];
                title = format!(" {} persona ", state.column.noun());
                lines.push(Line::from(vec![
                    Span::styled(visible(&p.name).into_owned(), t.persona),
                    Span::styled(format!("  id: {}", visible(&p.id)), t.dim),
                ]));
                for f in fields::persona_fields(state.column) {
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
                let p = &ws.column(state.column)[pi];
                let g = &p.goals[gi];
                title = format!(" {} goal ", state.column.noun());
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
                    lines.push(Line::styled("supports (] goes there):", t.dim));
                    for id in &g.supports {
                        lines.push(Line::styled(
                            format!("  ↑ {}", describe(id)),
                            t.chain_direct,
                        ));
                    }
                }
                let below = d.index.supported_by(&g.id);
                if !below.is_empty() {
                    lines.push(Line::styled("supported by ([ goes there):", t.dim));
                    for id in below {
                        lines.push(Line::styled(
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
            None => {
                title = " detail ".to_string();
                lines.push(Line::styled("nothing selected", t.dim));
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border)
                    .title(Span::styled(title, t.title)),
            )
            .render(area, buf);
    }
}
