//! Things drawn over the board: the box of a question, the edit form, the search box, and the
//! choice of which link to follow (the help overlay is `help.rs`, the link picker `picker.rs`).
//! This file holds what they share: a centred, framed box and a line of typed text.

mod form;
mod question;
mod search;

pub use form::form;
pub use question::prompt;
pub use search::search;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::textfit::{fit, fit_pad};
use super::theme::Theme;
use crate::app::State;
use crate::app::typing::LineInput;

/// A centred box of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

fn boxed<'a>(title: String, t: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(title, t.title))
}

/// A line of typed text in at most `cells` cells (control characters made visible): selected
/// text reversed (typing replaces it), else the text with a bar at the cursor, the part around
/// the cursor shown when the whole does not fit.
pub fn line_input(input: &LineInput, cells: usize, t: &Theme) -> Vec<Span<'static>> {
    use super::textfit::width;
    let shown = crate::text::visible(input.text());
    if input.is_selected() {
        return vec![Span::styled(fit(&shown, cells), t.cursor)];
    }
    let at = shown
        .char_indices()
        .nth(input.cursor())
        .map_or(shown.len(), |(i, _)| i);
    let (before, after) = shown.split_at(at);
    let room = cells.saturating_sub(1);
    let (before, after) = if width(before) + width(after) <= room {
        (before.to_string(), after.to_string())
    } else {
        // Some of what follows the cursor, the rest for what comes before it.
        let after = fit(after, width(after).min(room / 3));
        let before_room = room.saturating_sub(width(&after));
        (fit_tail(before, before_room), after)
    };
    vec![
        Span::styled(before, t.text),
        Span::styled("▏", t.key),
        Span::styled(after, t.text),
    ]
}

/// The end of `s` in at most `cells` cells, "…" first when cut.
fn fit_tail(s: &str, cells: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    if super::textfit::width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > cells {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Which link to follow, when a goal has several.
pub fn pick(state: &State, pick: &crate::app::Pick, t: &Theme, area: Rect, buf: &mut Buffer) {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let mut lines = Vec::new();
    for (i, id) in pick.goals.iter().enumerate() {
        let text = match (index.goal(ws, id), index.persona_of(ws, id)) {
            (Some(g), Some(p)) => format!("{} — {}", g.text, p.name),
            _ => id.clone(),
        };
        let style = if i == pick.cursor { t.cursor } else { t.text };
        let number = if i < 9 {
            format!("{} ", i + 1)
        } else {
            "  ".into()
        };
        lines.push(Line::from(vec![
            Span::styled(number, t.key),
            Span::styled(fit_pad(&text, 70), style),
        ]));
    }
    let title = if pick.up {
        " go up the chain to… "
    } else {
        " go down the chain to… "
    };
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centered(area, 76, h);
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let visible = usize::from(r.height.saturating_sub(2));
    let scroll = pick.cursor.saturating_sub(visible.saturating_sub(1));
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(0), 0))
        .block(boxed(title.into(), t))
        .render(r, buf);
}

#[cfg(test)]
mod tests;
