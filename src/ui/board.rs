//! The board: three columns of persona cards with their goals beneath. Only the visible rows are
//! built each frame; link counts and finding marks come from the document's derived facts.
//!
//! A frame costs the same at 600 goals as at 60,000 (the frame bench checks L ÷ S): a row is
//! found by a binary search of `Derived::row_starts`, its marks and "supported by" count by one
//! hash lookup each, and the column headers read counts kept by the document. Nothing here walks
//! the workspace or allocates per goal of it; the highlighted chain is the selected goal's
//! neighbours up to two links away (a few hash lookups, under 25 µs for a whole persona at L).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::textfit::{fit, fit_pad, width};
use super::theme::{Theme, symbols};
use crate::app::{Mode, Row, State};
use crate::model::{ChainSet, Column};

/// What is highlighted: the chain of the selected goal (or of the selected persona's goals).
pub fn highlighted_chain(state: &State) -> ChainSet {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let mut set = ChainSet::default();
    match state.selected() {
        Some(Row::Goal(..)) => {
            if let Some(id) = state.selected_goal_id() {
                set.add_goal(ws, index, id);
            }
        }
        Some(Row::Persona(pi)) => {
            if let Some(p) = ws.column(state.column).get(pi) {
                for g in &p.goals {
                    set.add_goal(ws, index, &g.id);
                }
                for g in &p.goals {
                    set.direct.remove(&g.id);
                    set.indirect.remove(&g.id);
                }
            }
        }
        None => {}
    }
    set
}

pub struct Board<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub chain: &'a ChainSet,
}

impl Board<'_> {
    fn column(&self, column: Column, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let t = self.theme;
        let d = state.doc.derived();
        let c = column.index();
        let focused = state.column == column;
        let personas = state.doc.workspace().column(column).len();
        let (name, goals, linked) = (column.title(), d.goal_counts[c], d.linked_goals[c]);
        let room = usize::from(area.width.saturating_sub(2));
        let title = [
            format!(
                " {name} {personas} · {goals} {} · {linked} linked ",
                if goals == 1 { "goal" } else { "goals" }
            ),
            format!(" {name} {personas} · {linked}/{goals} linked "),
            format!(" {name} {personas} · {linked}/{goals} "),
        ]
        .into_iter()
        .find(|t| width(t) <= room)
        .unwrap_or_else(|| format!(" {name} "));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { t.border_focus } else { t.border })
            .title(Span::styled(
                fit(&title, usize::from(area.width.saturating_sub(2))),
                if focused { t.title } else { t.text },
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let cv = state.columns[c];
        if personas == 0 {
            let hint = format!("no {} personas yet — p adds one", column.noun());
            Line::styled(fit(&hint, usize::from(inner.width)), t.dim).render(inner, buf);
            return;
        }
        for (i, pos) in (cv.scroll..).take(usize::from(inner.height)).enumerate() {
            let Some(row) = state.shown_row(column, pos) else {
                break;
            };
            let Some(r) = state.doc.row(column, row) else {
                break;
            };
            let y = inner.y + i as u16;
            let line_area = Rect::new(inner.x, y, inner.width, 1);
            let selected = row == cv.cursor;
            let line = self.row_line(column, r, usize::from(inner.width));
            let style = if selected && focused {
                t.cursor
            } else if selected {
                t.cursor_unfocused
            } else {
                Style::default()
            };
            buf.set_style(line_area, style);
            line.render(line_area, buf);
            if selected {
                buf.set_style(line_area, style);
            }
        }
    }

    fn row_line(&self, column: Column, row: Row, cells: usize) -> Line<'static> {
        let state = self.state;
        let t = self.theme;
        let ws = state.doc.workspace();
        let d = state.doc.derived();
        let dimmed = |on_chain: bool| state.focus && !on_chain;
        match row {
            Row::Persona(pi) => {
                let p = &ws.column(column)[pi];
                let mut spans = Vec::new();
                let mark = d.marks.contains_key(&p.id);
                let tail: String = [
                    Some(p.role.as_str()).filter(|r| !r.is_empty()),
                    p.kind.map(|k| k.label()),
                    p.buying_role.map(|r| r.label()),
                ]
                .into_iter()
                .flatten()
                .map(|s| format!(" · {s}"))
                .collect();
                let mark_w = if mark { 2 } else { 0 };
                let name_w = width(&fit(&p.name, cells.saturating_sub(mark_w)));
                let in_chain = state.selected() == Some(Row::Persona(pi)) && state.column == column
                    || p.goals.iter().any(|g| self.chain.contains(&g.id));
                let base = if dimmed(in_chain) { t.dim } else { t.persona };
                spans.push(Span::styled(
                    fit(&p.name, cells.saturating_sub(mark_w)),
                    base,
                ));
                let rest = cells.saturating_sub(name_w + mark_w);
                if rest > 1 {
                    spans.push(Span::styled(fit(&tail, rest), t.dim));
                }
                if mark {
                    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
                    spans.push(Span::raw(" ".repeat(cells.saturating_sub(used + 1))));
                    spans.push(Span::styled(symbols::FINDING, t.finding));
                }
                Line::from(spans)
            }
            Row::Goal(pi, gi) => {
                let g = &ws.column(column)[pi].goals[gi];
                let up = g.supports.len();
                let down = d.index.supported_by(&g.id).len();
                let mut counts = String::new();
                if column != Column::Buyers {
                    counts.push_str(&format!("↑{up}"));
                }
                if column != Column::Users {
                    counts.push_str(&format!("↓{down}"));
                }
                let finding = d.marks.contains_key(&g.id);
                let marked = matches!(&state.mode, Mode::LinkPicker(p) if p.from == g.id);
                let (lead, style) = if marked {
                    (symbols::MARKED, t.marked)
                } else if self.chain.direct.contains(&g.id) {
                    (symbols::DIRECT, t.chain_direct)
                } else if self.chain.indirect.contains(&g.id) {
                    (symbols::INDIRECT, t.chain_indirect)
                } else {
                    let selected =
                        state.column == column && state.selected() == Some(Row::Goal(pi, gi));
                    let on_chain = selected
                        || state.column == column && state.selected() == Some(Row::Persona(pi));
                    (symbols::GOAL, if dimmed(on_chain) { t.dim } else { t.text })
                };
                let right = format!(" {counts}{}", if finding { symbols::FINDING } else { " " });
                let text_w = cells.saturating_sub(width(&right) + 3);
                let mut spans = vec![
                    Span::styled(format!(" {lead} "), style),
                    Span::styled(fit_pad(&g.text, text_w), style),
                    Span::styled(format!(" {counts}"), t.dim),
                ];
                if finding {
                    spans.push(Span::styled(symbols::FINDING, t.finding));
                }
                Line::from(spans)
            }
        }
    }
}

impl Widget for &Board<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let areas = super::layout::Areas::new(self.state.size, self.state.detail);
        for column in Column::ALL {
            self.column(column, areas.columns[column.index()], buf);
        }
    }
}
