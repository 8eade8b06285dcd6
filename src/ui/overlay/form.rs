//! The edit form: its fields (text and choices), scrolled to the focused one, and a footer
//! saying what the focused field takes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{boxed, centered};
use crate::app::form::{FieldKind, Form, FormTarget};
use crate::app::{Action, KeyMode, Keymap, State};
use crate::ui::textfit::{fit, fit_pad};
use crate::ui::theme::Theme;

/// What the keys do to selected text, named from the keymap of `mode`: "typing replaces it,
/// → or End keeps it".
fn selected_note(keymap: &Keymap, mode: KeyMode) -> String {
    let keys: Vec<String> = [Action::CursorRight, Action::LineEnd]
        .iter()
        .filter_map(|a| keymap.keys(mode, *a).first().map(|k| k.to_string()))
        .collect();
    if keys.is_empty() {
        return "typing replaces it".to_string();
    }
    format!("typing replaces it, {} keeps it", keys.join(" or "))
}

fn form_title(form: &Form, state: &State) -> String {
    let column = match form.target {
        FormTarget::NewPersona { column, .. }
        | FormTarget::Persona { column, .. }
        | FormTarget::NewGoal { column, .. }
        | FormTarget::Goal { column, .. } => column,
        FormTarget::Title => {
            return " workspace title: the status bar and every export show it ".into();
        }
        FormTarget::Conflict { .. } => {
            return " resolve a merge conflict: keep what should stay, Ctrl-s saves ".into();
        }
    };
    let persona_name = |c: crate::model::Column, i: usize| {
        state
            .doc
            .workspace()
            .column(c)
            .get(i)
            .map(|p| fit(&p.name, 30))
            .unwrap_or_default()
    };
    match form.target {
        FormTarget::NewPersona { .. } => format!(" new persona in {column} "),
        FormTarget::Persona { .. } => format!(" edit {} persona ", column.noun()),
        FormTarget::NewGoal { persona, .. } => {
            format!(" new goal for {} ", persona_name(column, persona))
        }
        FormTarget::Goal { persona, .. } => {
            format!(" edit goal of {} ", persona_name(column, persona))
        }
        FormTarget::Title | FormTarget::Conflict { .. } => String::new(),
    }
}

pub fn form(state: &State, form: &Form, t: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(1, 90);
    let singles = form.fields.iter().filter(|f| !f.is_multiline()).count() as u16;
    let multis = form.fields.len() as u16 - singles;
    let room = area.height.saturating_sub(2 + 2);
    let multi_h = room
        .saturating_sub(singles)
        .checked_div(multis)
        .map_or(1, |h| h.clamp(1, 4));
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| if f.is_multiline() { multi_h } else { 1 })
        .collect();
    let total: u16 = heights.iter().sum();
    let r = centered(area, width, (total + 4).min(area.height));
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let block = boxed(form_title(form, state), t);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let body_h = inner.height.saturating_sub(2);
    // Scroll so the focused field is on screen.
    let mut start = 0;
    while start < form.focus {
        let h: u16 = heights[start..=form.focus].iter().sum();
        if h <= body_h {
            break;
        }
        start += 1;
    }
    let label_w = 16.min(inner.width / 3).max(2);
    let mut y = inner.y;
    for (i, f) in form.fields.iter().enumerate().skip(start) {
        let h = heights[i];
        if y + h > inner.y + body_h {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { t.key } else { t.dim };
        let marker = if focused { "›" } else { " " };
        Line::styled(
            format!("{marker}{}", fit_pad(f.label, usize::from(label_w) - 1)),
            label_style,
        )
        .render(Rect::new(inner.x, y, label_w, 1), buf);
        let value_area = Rect::new(inner.x + label_w + 1, y, inner.width - label_w - 1, h);
        match f.kind {
            FieldKind::Choice(_) => {
                let mut spans = Vec::new();
                for k in 0..f.kind.choice_count() {
                    let o = f.kind.choice_label(k);
                    let style = if k == f.choice {
                        if focused { t.cursor } else { t.persona }
                    } else {
                        t.dim
                    };
                    let text = if k == f.choice {
                        format!("[{o}]")
                    } else {
                        format!(" {o} ")
                    };
                    spans.push(Span::styled(text, style));
                }
                Line::from(spans).render(value_area, buf);
            }
            _ => {
                let mut ta = with_placeholders(&f.text);
                ta.set_cursor_line_style(Style::default());
                ta.set_cursor_style(if focused { t.cursor } else { Style::default() });
                // Selected text (a default the program made) reversed, as the cursor is, in
                // every theme.
                ta.set_selection_style(t.cursor);
                ta.set_style(if focused { t.text } else { t.dim });
                ta.render(value_area, buf);
            }
        }
        y += h;
    }
    let footer = match &form.error {
        Some(e) => Line::styled(format!("! {e}"), t.error),
        None => {
            let field = form.focused();
            let text = match field.map(|f| f.kind) {
                _ if field.is_some_and(|f| f.text.is_selecting()) => {
                    let note = selected_note(&state.keymap, KeyMode::Form);
                    format!("a default the program made: {note}")
                }
                Some(FieldKind::Choice(_)) => "choose one from the list (keys below)".into(),
                Some(FieldKind::List) => "a list: one item a line".into(),
                Some(FieldKind::Multi) => "free text: several lines allowed".into(),
                _ => String::new(),
            };
            Line::styled(fit(&text, usize::from(inner.width)), t.dim)
        }
    };
    footer.render(
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
        buf,
    );
}

/// The field as shown while editing: control characters typed or pasted into it appear as
/// their placeholders (one character for one, so the cursor stays where it is), never raw and
/// never dropped unseen. The stored text is not changed.
fn with_placeholders(
    text: &ratatui_textarea::TextArea<'static>,
) -> ratatui_textarea::TextArea<'static> {
    use crate::text::{is_unsafe, visible};
    if !text.lines().iter().any(|l| l.chars().any(is_unsafe)) {
        return text.clone();
    }
    let lines: Vec<String> = text
        .lines()
        .iter()
        .map(|l| visible(l).into_owned())
        .collect();
    let jump = |(row, col): (usize, usize)| {
        ratatui_textarea::CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        )
    };
    let mut shown = ratatui_textarea::TextArea::new(lines);
    // The selection too, from its other end to the cursor.
    if let Some((start, end)) = text.selection_range() {
        let other = if start == text.cursor() { end } else { start };
        shown.move_cursor(jump(other));
        shown.start_selection();
    }
    shown.move_cursor(jump(text.cursor()));
    shown
}
