//! Beside the Room view's list (SPEC §11): the QR code of the room's address, dark modules on a
//! light ground whatever the theme (so it scans off a projector), then the address and the code
//! in words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget as _, Wrap};

use super::theme::Theme;
use crate::app::State;

/// Columns the QR code takes (a version-3 code and its quiet zone) and a space before it.
pub const WIDTH: u16 = 34;
/// The list keeps at least this many columns; below it the code is left out (the address is
/// in the list's heading too).
const LIST_AT_LEAST: u16 = 36;

/// The list's area and the code's, side by side when both fit.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    if area.width < WIDTH + LIST_AT_LEAST {
        return (area, None);
    }
    let list = Rect {
        width: area.width - WIDTH,
        ..area
    };
    let aside = Rect {
        x: area.x + area.width - WIDTH,
        width: WIDTH,
        ..area
    };
    (list, Some(aside))
}

pub fn aside(state: &State, t: &Theme, area: Rect, buf: &mut Buffer) {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    let room = &state.room;
    let mut y = area.y;
    let bottom = area.y + area.height;
    let words: Vec<Line> = match &room.open {
        None => vec![
            Line::styled("The room is closed.", t.text),
            Line::styled(
                "R opens it: phones on this network scan the code that shows here, send goals and vote.",
                t.dim,
            ),
        ],
        Some(open) => {
            let qr = room.qr.as_ref().filter(|q| {
                !state.ascii
                    && q.len() as u16 + 2 <= area.height
                    && q.iter().all(|r| r.chars().count() as u16 <= area.width)
            });
            if let Some(rows) = qr {
                let ink = Style::default().fg(Color::Black).bg(Color::White);
                for row in rows {
                    buf.set_stringn(area.x, y, row, usize::from(area.width), ink);
                    y += 1;
                }
            }
            let mut words = vec![
                Line::styled(open.url.clone(), t.title),
                Line::styled(format!("code {}", open.code), t.text),
            ];
            if qr.is_none() {
                words.push(Line::styled(
                    "(the QR code needs a bigger UTF-8 terminal)",
                    t.dim,
                ));
            }
            words
        }
    };
    if y < bottom {
        Paragraph::new(words)
            .wrap(Wrap { trim: true })
            .render(Rect::new(area.x, y, area.width, bottom - y), buf);
    }
}
