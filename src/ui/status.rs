//! The status bar (file, markers, last message, coverage) and the key hint bar (generated from
//! the keymap for the current mode).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::textfit::{fit, width};
use super::theme::Theme;
use crate::app::keymap::{LINK_OR_UNLINK, NEW_LINE_HINT};
use crate::app::layout::status as layout;
use crate::app::{Action, Mode, State, Tone};

pub fn status(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let cells = usize::from(area.width);
    let mut left = vec![Span::styled(layout::file_part(state), theme.status)];
    for (tone, text) in layout::markers(state) {
        let style = match tone {
            "dim" => theme.dim,
            "room" => theme.success,
            _ => theme.warning,
        };
        left.push(Span::styled(text, style));
    }
    left.push(Span::styled(layout::title_part(state), theme.title));
    let (first, second) = layout::message_lines(state);
    let used: usize = left.iter().map(|s| width(&s.content)).sum::<usize>() + width(&first);
    // The coverage figure always shows; it is shortened when the message needs the room.
    let long = layout::coverage(state, true);
    let right = if used + width(&long) <= cells {
        long
    } else {
        layout::coverage(state, false)
    };
    let style = match state.message.as_ref().map(|m| m.tone) {
        Some(Tone::Success) => theme.success,
        Some(Tone::Warning) => theme.warning,
        Some(Tone::Error) => theme.error,
        Some(Tone::Info) | None => theme.text,
    };
    left.push(Span::styled(first, style));
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    if used + width(&right) <= cells {
        left.push(Span::raw(" ".repeat(cells - used - width(&right))));
        left.push(Span::styled(right, theme.dim));
    }
    let line1 = Rect { height: 1, ..area };
    Line::from(left).render(line1, buf);
    if area.height > 1 && !second.is_empty() {
        let line2 = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        Line::styled(fit(&second, cells), style).render(line2, buf);
    }
}

pub fn hints(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mode = state.key_mode();
    let pairs = if mode.is_question() {
        state.keymap.answers(mode)
    } else {
        state.keymap.hints_for(mode, state.read_only)
    };
    let one_line =
        matches!(&state.mode, Mode::Form(f) if f.focused().is_some_and(|f| !f.is_multiline()));
    let mut pairs: Vec<(String, String)> = pairs
        .into_iter()
        // A one-line field takes no new line: its hint would take the room of one that works.
        .filter(|(_, l)| !(one_line && *l == NEW_LINE_HINT))
        .map(|(k, l)| (k, picker_label(state, l).to_string()))
        .collect();
    if let Some(keep) = keep_selected(state) {
        pairs.insert(0, keep);
    }
    let cells = usize::from(area.width);
    let cost = |(k, l): &(String, String)| width(k) + width(l) + 3;
    // Help, quit, save and undo are always shown: a newcomer needs those above all; the rest
    // as room allows, in the table's order of importance, and all shown in that order.
    let must = |l: &str| {
        matches!(l, "help" | "quit" | "cancel" | "close" | "save" | "undo")
            || l.starts_with("close help")
            || l == KEEP_SELECTED
    };
    let mut budget = cells.saturating_sub(
        1 + pairs
            .iter()
            .filter(|(_, l)| must(l))
            .map(cost)
            .sum::<usize>(),
    );
    let mut keep = vec![false; pairs.len()];
    for (i, pair) in pairs.iter().enumerate() {
        if must(&pair.1) {
            keep[i] = true;
        } else if cost(pair) <= budget {
            budget -= cost(pair);
            keep[i] = true;
        } else {
            budget = 0;
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for ((key, label), _) in pairs.into_iter().zip(keep).filter(|(_, k)| *k) {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    Line::from(spans).render(area, buf);
}

/// The hint for selected text (the last query, a default the program made).
const KEEP_SELECTED: &str = "keep it (typing replaces it)";

/// While the text being edited is selected: the keys that keep it, from the keymap.
fn keep_selected(state: &State) -> Option<(String, String)> {
    let selected = match &state.mode {
        Mode::Search(search) => search.input.is_selected(),
        Mode::Form(form) if !form.asking => form.focused().is_some_and(|f| f.text.is_selecting()),
        _ => false,
    };
    if !selected {
        return None;
    }
    let mode = state.key_mode();
    let keys: Vec<String> = [Action::CursorRight, Action::LineEnd]
        .iter()
        .filter_map(|a| state.keymap.keys(mode, *a).first().map(|k| k.short()))
        .collect();
    (!keys.is_empty()).then(|| (keys.join("/"), KEEP_SELECTED.to_string()))
}

/// In the link picker, Enter's hint names what it does to the highlighted goal.
fn picker_label(state: &State, label: &'static str) -> &'static str {
    match &state.mode {
        Mode::LinkPicker(p) if label == LINK_OR_UNLINK => match p.current() {
            Some(line) if p.linked(state.doc.workspace(), &state.doc.derived().index, line) => {
                "unlink"
            }
            Some(_) => "link",
            None => label,
        },
        _ => label,
    }
}
