//! Draws the link picker over the board: the goal it links from, the filter, and the goals it
//! can link to in sections, `[x]` linked and `[ ]` not, the highlighted one reversed. Where it
//! goes is [`PickerAreas`], shared with `update` for clicks.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::textfit::fit;
use super::theme::Theme;
use crate::app::State;
use crate::app::picker::{PickLine, Picker, PickerAreas};
use crate::model::Column;

/// What a section lists, seen from the picker's goal (and why the column two away is not
/// there).
fn section_title(from: Column, section: Column) -> String {
    let noun = section.noun();
    let mut chars = noun.chars();
    let noun: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let mut text = if Some(section) == from.up() {
        format!("{noun} goals it can support")
    } else {
        format!("{noun} goals that can support it")
    };
    match from {
        Column::Users => text.push_str(" (buyers: via the department layer)"),
        Column::Buyers => text.push_str(" (users: via the department layer)"),
        Column::Departments => {}
    }
    text
}

pub fn picker(state: &State, picker: &Picker, t: &Theme, buf: &mut Buffer) {
    let areas = PickerAreas::new(state.size);
    if areas.frame.width < 8 || areas.frame.height < 4 {
        return;
    }
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let from_text = index
        .goal(ws, &picker.from)
        .map(|g| crate::text::visible(&g.text).into_owned())
        .unwrap_or_default();
    let width = usize::from(areas.list.width);
    let title = format!(
        " link {} — {} goal(s) listed ",
        fit(&format!("{from_text:?}"), width.saturating_sub(30).max(8)),
        picker.goals.len()
    );
    Clear.render(areas.frame, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(title, t.title))
        .render(areas.frame, buf);
    let filter = if picker.filter.text().is_empty() {
        Line::from(vec![
            Span::styled("filter ", t.key),
            Span::styled("type to filter", t.dim),
        ])
    } else {
        let mut spans = vec![Span::styled("filter ", t.key)];
        spans.extend(super::overlay::line_input(
            &picker.filter,
            width.saturating_sub(8),
            t,
        ));
        Line::from(spans)
    };
    filter.render(areas.filter, buf);
    let rows = usize::from(areas.list.height);
    if picker.goals.is_empty() {
        let text = if picker.filter.text().is_empty() {
            "no goals next door yet"
        } else {
            "nothing matches the filter (Backspace takes a letter off)"
        };
        Line::styled(text, t.dim).render(
            ratatui::layout::Rect {
                height: 1.min(areas.list.height),
                ..areas.list
            },
            buf,
        );
    }
    let current = picker.goals.get(picker.cursor).copied();
    for (i, line) in picker
        .lines
        .iter()
        .enumerate()
        .skip(picker.scroll)
        .take(rows)
    {
        let y = areas.list.y + (i - picker.scroll) as u16;
        let area = ratatui::layout::Rect::new(areas.list.x, y, areas.list.width, 1);
        let drawn = match *line {
            PickLine::Section(c) => {
                Line::styled(fit(&section_title(picker.column, c), width), t.title)
            }
            PickLine::Persona(c, pi) => {
                let name = ws.column(c).get(pi).map_or("", |p| p.name.as_str());
                let name = crate::text::visible(name);
                Line::styled(fit(&format!(" {name}"), width), t.persona)
            }
            PickLine::Goal(c, pi, gi) => {
                let text = ws
                    .column(c)
                    .get(pi)
                    .and_then(|p| p.goals.get(gi))
                    .map_or("", |g| g.text.as_str());
                let text = crate::text::visible(text);
                let mark = if picker.linked(ws, index, *line) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let style = if Some(i) == current { t.cursor } else { t.text };
                let body = fit(&format!("   {mark} {text}"), width);
                let pad = width.saturating_sub(super::textfit::width(&body));
                Line::styled(format!("{body}{}", " ".repeat(pad)), style)
            }
        };
        drawn.render(area, buf);
    }
}
