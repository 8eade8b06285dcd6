//! The search box (`/`): the query, and the matches best first with their matched letters
//! highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{boxed, centered, line_input};
use crate::ui::textfit::fit;
use crate::ui::theme::Theme;

/// The search box and its matches, best first, matched letters highlighted.
pub fn search(search: &crate::app::search::Search, t: &Theme, area: Rect, buf: &mut Buffer) {
    use unicode_width::UnicodeWidthChar as _;
    let w = area.width.saturating_sub(4).clamp(1, 100);
    let list_rows = search.hits.len().clamp(1, 15) as u16;
    let r = centered(area, w, list_rows + 3);
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let title = if search.searching() {
        format!(" search — {} match(es) so far, searching… ", search.total)
    } else if search.total > search.hits.len() {
        format!(
            " search — first {} of {} matches ",
            search.hits.len(),
            search.total
        )
    } else {
        format!(" search — {} match(es) ", search.hits.len())
    };
    let block = boxed(title, t);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let cells = usize::from(inner.width);
    // The last query shows selected (the hint bar says what → and typing do to it).
    let mut spans = vec![Span::styled("/ ", t.key)];
    spans.extend(line_input(&search.input, cells.saturating_sub(3), t));
    Line::from(spans).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let rows = usize::from(inner.height.saturating_sub(1));
    if search.hits.is_empty() {
        let text = if search.query().is_empty() {
            "type to search names, roles, goal texts and metrics"
        } else {
            "nothing matches"
        };
        Line::styled(text, t.dim).render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
        return;
    }
    let scroll = search.cursor.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in search.hits.iter().enumerate().skip(scroll).take(rows) {
        let y = inner.y + 1 + (i - scroll) as u16;
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        let selected = i == search.cursor;
        let base = if selected { t.cursor } else { t.text };
        let label = format!("{:<10} {:<6} ", hit.column.noun(), hit.field.to_lowercase());
        let mut spans = vec![Span::styled(label.clone(), t.dim)];
        let mut used = label.chars().count();
        let shown = crate::text::visible(&hit.text);
        // Whose it is and where always shows: the text is cut first.
        let context = format!("  — {}", fit(&hit.context, cells / 3));
        let text_room = cells.saturating_sub(crate::ui::textfit::width(&context));
        for (ci, c) in shown.chars().enumerate() {
            let cw = c.width().unwrap_or(0);
            if used + cw + 1 > text_room {
                spans.push(Span::styled("…", base));
                used += 1;
                break;
            }
            let matched = hit.indices.binary_search(&(ci as u32)).is_ok();
            let style = if matched {
                base.patch(t.key)
                    .add_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
            used += cw;
        }
        if used + 3 < cells {
            spans.push(Span::styled(fit(&context, cells - used), t.dim));
        }
        buf.set_style(line_area, base);
        Line::from(spans).render(line_area, buf);
    }
}
