//! The Chains and Gaps views: the lines on screen (built for the screen only), scrolled, with a
//! cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::textfit::fit;
use super::theme::{Theme, symbols};
use crate::app::lists::{ListLine, Target};
use crate::app::{ColumnView, State};

/// Draws a list of `total` lines; `window(from, n)` builds the lines `from..from + n` (only
/// those on screen are built).
/// What a list view shows: its title, the line under it, what to say when it is empty, how
/// many lines it has and how to build a window of them, and where its cursor is.
pub struct ListView<'a> {
    pub title: &'a str,
    pub heading: String,
    pub empty: &'a str,
    pub total: usize,
    pub window: &'a dyn Fn(usize, usize) -> Vec<ListLine>,
    pub cv: ColumnView,
}

pub fn list(state: &State, t: &Theme, view: &ListView<'_>, area: Rect, buf: &mut Buffer) {
    let ListView {
        title,
        heading,
        empty,
        total,
        window,
        cv,
    } = view;
    let (total, cv) = (*total, *cv);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(title.to_string(), t.title));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 || inner.width == 0 {
        return;
    }
    Line::styled(fit(heading, usize::from(inner.width)), t.dim)
        .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let body = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    if total == 0 {
        Line::styled(*empty, t.success).render(body, buf);
        return;
    }
    let cells = usize::from(body.width);
    let index = &state.doc.derived().index;
    let lines = window(cv.scroll, usize::from(body.height));
    for (i, line) in lines.iter().enumerate().map(|(i, l)| (i + cv.scroll, l)) {
        let y = body.y + (i - cv.scroll) as u16;
        let area = Rect::new(body.x, y, body.width, 1);
        let indent = "  ".repeat(usize::from(line.indent));
        let lead = if line.heading || matches!(line.target, Some(Target::Proposal(_))) {
            String::new()
        } else if line.code.is_some() {
            format!("{} ", symbols::FINDING)
        } else {
            let column = match &line.target {
                Some(Target::Goal(id)) => index.goal_pos(id).map(|p| p.column.noun()),
                _ => None,
            };
            format!("{} {:<11}", symbols::GOAL, column.unwrap_or(""))
        };
        let style = if line.heading {
            t.title
        } else if line.code.is_some() {
            t.finding
        } else {
            t.text
        };
        let text = format!("{indent}{lead}");
        let rest = cells.saturating_sub(super::textfit::width(&text));
        let l = Line::from(vec![
            Span::styled(text, style),
            Span::styled(
                fit(&line.text, rest),
                if line.heading { t.title } else { t.text },
            ),
        ]);
        buf.set_style(
            area,
            if i == cv.cursor {
                t.cursor
            } else {
                Default::default()
            },
        );
        l.render(area, buf);
        if i == cv.cursor {
            buf.set_style(area, t.cursor);
        }
    }
}
