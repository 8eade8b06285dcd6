//! The board: three columns of persona cards with their goals beneath. Only the visible rows are
//! built each frame; link counts and finding marks come from the document's derived facts.
//!
//! A frame costs the same at 600 goals as at 60,000 (the frame bench checks L ÷ S): a row is
//! found by a binary search of `Derived::row_starts`, its marks and "supported by" count by one
//! hash lookup each, and the column headers read counts kept by the document. Nothing here walks
//! the workspace or allocates per goal of it; the highlighted chain is the selected goal's
//! neighbours up to two links away (a few hash lookups, under 25 µs for a whole persona at L).
//! Rows are laid out by `app::rows` (the same layout `update` scrolls and clicks with); the
//! gutters between the columns draw the links of the rows on screen (`ui::gutter`).

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::gutter::{self, End, Link};
use super::textfit::{fit, width};
use super::theme::Theme;
use crate::app::layout::{below_title, board};
use crate::app::rows::{self, Placed, RowLines};
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

/// The selected goal, or the selected persona's goals: with the chain around them, the goals
/// whose links are the selected chain's.
fn selected_goals(state: &State) -> Vec<&str> {
    match state.selected() {
        Some(Row::Goal(..)) => state.selected_goal_id().into_iter().collect(),
        Some(Row::Persona(pi)) => state
            .doc
            .workspace()
            .column(state.column)
            .get(pi)
            .map(|p| p.goals.iter().map(|g| g.id.as_str()).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

pub struct Board<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub chain: &'a ChainSet,
}

impl Board<'_> {
    fn title(&self, column: Column, room: usize) -> String {
        let d = self.state.doc.derived();
        let c = column.index();
        let personas = self.state.doc.workspace().column(column).len();
        let (name, goals, linked) = (column.title(), d.goal_counts[c], d.linked_goals[c]);
        let short = match column {
            Column::Users => "Users",
            Column::Departments => "Depts",
            Column::Buyers => "Buyers",
        };
        // Shorter words, never fewer numbers.
        [
            format!(
                " {name} {personas} · {goals} {} · {linked} linked ",
                if goals == 1 { "goal" } else { "goals" }
            ),
            format!(" {name} {personas} · {linked}/{goals} linked "),
            format!(" {name} {personas} · {linked}/{goals} "),
            format!(" {short} {personas} · {linked}/{goals} "),
            format!(" {short} {personas}·{linked}/{goals} "),
            format!("{personas}·{linked}/{goals}"),
        ]
        .into_iter()
        .find(|t| width(t) <= room)
        .unwrap_or_default()
    }

    fn column(&self, column: Column, area: Rect, placed: &[Placed], buf: &mut Buffer) {
        let state = self.state;
        let t = self.theme;
        let focused = state.column == column;
        let room = usize::from(area.width.saturating_sub(2));
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(if focused { t.border_focus } else { t.border })
            .title(Span::styled(
                self.title(column, room),
                if focused { t.title } else { t.text },
            ));
        let inner = below_title(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        if state.doc.workspace().column(column).is_empty() {
            let hint = format!("no {} personas yet — p adds one", column.noun());
            Line::styled(fit(&hint, usize::from(inner.width)), t.dim).render(inner, buf);
            return;
        }
        let cv = state.columns[column.index()];
        let cells = usize::from(inner.width);
        for p in placed {
            let Some(r) = state.doc.row(column, p.row) else {
                break;
            };
            let selected = p.row == cv.cursor;
            let style = if selected && focused {
                t.cursor
            } else if selected {
                t.cursor_unfocused
            } else {
                Style::default()
            };
            let laid = rows::row_lines(state, column, p.row, cells, usize::from(inner.height));
            let lines = self.row_lines(column, r, laid, cells);
            for (i, line) in lines.into_iter().take(usize::from(p.height)).enumerate() {
                let line_area = Rect::new(inner.x, inner.y + p.y + i as u16, inner.width, 1);
                buf.set_style(line_area, style);
                line.render(line_area, buf);
                if selected {
                    buf.set_style(line_area, style);
                }
            }
        }
    }

    fn row_lines(
        &self,
        column: Column,
        row: Row,
        laid: RowLines,
        cells: usize,
    ) -> Vec<Line<'static>> {
        let state = self.state;
        let t = self.theme;
        let g = &t.glyphs;
        let ws = state.doc.workspace();
        let d = state.doc.derived();
        let dimmed = |on_chain: bool| state.focus && !on_chain;
        match (row, laid) {
            (Row::Persona(pi), RowLines::Persona(lines)) => {
                let p = &ws.column(column)[pi];
                let mark = d.marks.contains_key(&p.id);
                let in_chain = state.selected() == Some(Row::Persona(pi)) && state.column == column
                    || p.goals.iter().any(|g| self.chain.contains(&g.id));
                let base = if dimmed(in_chain) { t.dim } else { t.persona };
                let mut first = vec![
                    Span::styled(lines.name, base),
                    Span::styled(lines.inline, t.dim),
                ];
                if mark {
                    let used: usize = first.iter().map(|s| width(&s.content)).sum();
                    first.push(Span::raw(" ".repeat(cells.saturating_sub(used + 1))));
                    first.push(Span::styled(g.finding, t.finding));
                }
                let mut out = vec![Line::from(first)];
                out.extend(lines.more.into_iter().map(|l| Line::styled(l, t.dim)));
                out
            }
            (
                Row::Goal(pi, gi),
                RowLines::Goal {
                    lines,
                    finding,
                    lead,
                    ..
                },
            ) => {
                let goal = &ws.column(column)[pi].goals[gi];
                let up = goal.supports.len();
                let down = d.index.supported_by(&goal.id).len();
                let counts = format!(" {}", rows::counts(column, up, down, (g.up, g.down)));
                let dots = rows::dots(goal, if g.ascii { "*" } else { "●" });
                let marked = matches!(&state.mode, Mode::LinkPicker(p) if p.from == goal.id);
                let (symbol, style) = if marked {
                    (g.marked, t.marked)
                } else if self.chain.direct.contains(&goal.id) {
                    (g.direct, t.chain_direct)
                } else if self.chain.indirect.contains(&goal.id) {
                    (g.indirect, t.chain_indirect)
                } else {
                    let selected =
                        state.column == column && state.selected() == Some(Row::Goal(pi, gi));
                    let on_chain = selected
                        || state.column == column && state.selected() == Some(Row::Persona(pi));
                    (g.goal, if dimmed(on_chain) { t.dim } else { t.text })
                };
                let lead_text = if lead >= 3 {
                    format!(" {symbol} ")
                } else {
                    format!("{symbol} ")
                };
                let n = lines.len();
                let right = width(&counts) + 1;
                lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let lead_span = if i == 0 {
                            Span::styled(lead_text.clone(), style)
                        } else {
                            Span::raw(" ".repeat(lead))
                        };
                        if i + 1 < n {
                            return Line::from(vec![lead_span, Span::styled(text, style)]);
                        }
                        let pad = cells.saturating_sub(lead + width(&text) + width(&dots) + right);
                        let mut spans = vec![
                            lead_span,
                            Span::styled(text, style),
                            Span::styled(dots.clone(), style.add_modifier(Modifier::BOLD)),
                            Span::raw(" ".repeat(pad)),
                            Span::styled(counts.clone(), t.dim),
                        ];
                        if finding {
                            spans.push(Span::styled(g.finding, t.finding));
                        }
                        Line::from(spans)
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Where a goal is, seen from its column on screen: on a line, above, below, or not shown.
    fn end_of(&self, column: Column, id: &str, placed: &[Placed]) -> Option<End> {
        let state = self.state;
        let pos = state.doc.derived().index.goal_pos(id)?;
        if pos.column != column {
            return None;
        }
        let row = state.doc.row_of(column, pos.persona, Some(pos.goal));
        let shown = state.shown_pos(column, row)?;
        let first = placed.first()?;
        let last = placed.last()?;
        if shown < first.pos {
            Some(End::Above)
        } else if shown > last.pos {
            Some(End::Below)
        } else {
            placed.iter().find(|p| p.pos == shown).map(|p| End::At(p.y))
        }
    }

    /// The links to draw between a column and the next one up.
    fn links(&self, left: Column, right: Column, placed: [&[Placed]; 2]) -> Vec<Link> {
        let state = self.state;
        let ws = state.doc.workspace();
        let d = state.doc.derived();
        // Hash lookups: a persona of a large workspace can have thousands of links in view.
        let selected = selected_goals(state);
        let lookup: HashSet<&str> = selected.iter().copied().collect();
        let in_chain = |id: &str| self.chain.contains(id) || lookup.contains(id);
        let mut out = Vec::new();
        let mut push = |from: &str, to: &str, chain: bool| {
            if let (Some(l), Some(r)) = (
                self.end_of(left, from, placed[0]),
                self.end_of(right, to, placed[1]),
            ) {
                out.push(Link {
                    left: l,
                    right: r,
                    chain,
                });
            }
        };
        let members = (self.chain.direct.iter().chain(&self.chain.indirect))
            .map(String::as_str)
            .chain(selected.iter().copied());
        for id in members {
            let Some(goal) = d.index.goal(ws, id) else {
                continue;
            };
            if d.index.goal_pos(id).map(|p| p.column) != Some(left) {
                continue;
            }
            for up in goal.supports.iter().filter(|u| in_chain(u)) {
                push(id, up, true);
            }
        }
        if state.all_links {
            let goal_at = |column: Column, p: &Placed| match state.doc.row(column, p.row) {
                Some(Row::Goal(pi, gi)) => ws.column(column).get(pi)?.goals.get(gi),
                _ => None,
            };
            for p in placed[0] {
                let Some(goal) = goal_at(left, p) else {
                    continue;
                };
                for up in &goal.supports {
                    if !(in_chain(&goal.id) && in_chain(up)) {
                        push(&goal.id, up, false);
                    }
                }
            }
            for p in placed[1] {
                let Some(goal) = goal_at(right, p) else {
                    continue;
                };
                for down in d.index.supported_by(&goal.id) {
                    let left_on_screen =
                        matches!(self.end_of(left, down, placed[0]), Some(End::At(_)));
                    let drawn = in_chain(&goal.id) && in_chain(down);
                    if !left_on_screen && !drawn {
                        push(down, &goal.id, false);
                    }
                }
            }
        }
        out
    }

    fn gutter(&self, area: Rect, links: &[Link], buf: &mut Buffer) {
        let t = self.theme;
        let grid = gutter::draw(area.width, area.height, links, t.glyphs.ascii);
        for (y, row) in (area.y..).zip(grid) {
            for (x, cell) in (area.x..).zip(row) {
                if let Some(c) = cell
                    && let Some(target) = buf.cell_mut((x, y))
                {
                    target.set_char(c.ch);
                    target.set_style(if c.chain { t.link } else { t.link_other });
                }
            }
        }
    }
}

impl Widget for &Board<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (columns, gutters) = board(area);
        let placed =
            Column::ALL.map(|c| rows::placed_in(self.state, c, below_title(columns[c.index()])));
        for column in Column::ALL {
            let c = column.index();
            self.column(column, columns[c], &placed[c], buf);
        }
        let pairs = [
            (Column::Users, Column::Departments),
            (Column::Departments, Column::Buyers),
        ];
        for (i, (left, right)) in pairs.into_iter().enumerate() {
            let links = self.links(left, right, [&placed[left.index()], &placed[right.index()]]);
            self.gutter(gutters[i], &links, buf);
        }
    }
}
