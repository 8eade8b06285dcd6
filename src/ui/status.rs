//! The status bar (file, markers, last message, coverage) and the key hint bar (generated from
//! the keymap for the current mode).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::textfit::{fit, width};
use super::theme::Theme;
use crate::app::keymap::LINK_OR_UNLINK;
use crate::app::{Mode, State, Tone};

pub fn status(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let cells = usize::from(area.width);
    let mut left = vec![Span::styled(
        format!(" {} ", fit(&state.file_name(), 30)),
        theme.status,
    )];
    if state.modified() {
        left.push(Span::styled("[+] modified ", theme.warning));
    }
    if state.new_file {
        left.push(Span::styled("[new file] ", theme.dim));
    }
    if let Some(f) = &state.filter {
        left.push(Span::styled(
            format!("[only: {}] ", fit(&f.name, 24)),
            theme.warning,
        ));
    }
    if state.read_only {
        left.push(Span::styled("[read-only] ", theme.warning));
    }
    let title = state.doc.workspace().title.trim();
    if !title.is_empty() {
        let title = crate::text::visible(title);
        left.push(Span::styled(
            format!("{} ", fit(&title, (cells / 6).clamp(8, 28))),
            theme.title,
        ));
    }
    let cov = state.doc.derived().coverage;
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let room = cells.saturating_sub(used);
    let msg_w = state.message.as_ref().map_or(0, |m| width(&m.text));
    // The coverage figure always shows; it is shortened when the message needs the room.
    let long = format!(
        " coverage {}/{} user goals reach a buyer ",
        cov.reached, cov.total
    );
    let right = if room >= width(&long) + msg_w.max(10) {
        long
    } else {
        format!(" coverage {}/{} ", cov.reached, cov.total)
    };
    let show_right = room >= width(&right) + 10;
    let msg_room = room.saturating_sub(if show_right { width(&right) } else { 0 });
    if let Some(m) = &state.message {
        let style = match m.tone {
            Tone::Info => theme.text,
            Tone::Success => theme.success,
            Tone::Warning => theme.warning,
            Tone::Error => theme.error,
        };
        left.push(Span::styled(fit(&m.text, msg_room), style));
    }
    if show_right {
        let used: usize = left.iter().map(|s| width(&s.content)).sum();
        left.push(Span::raw(
            " ".repeat(cells.saturating_sub(used + width(&right))),
        ));
        left.push(Span::styled(right, theme.dim));
    }
    Line::from(left).render(area, buf);
}

pub fn hints(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mode = state.key_mode();
    let pairs = if mode.is_question() {
        state.keymap.answers(mode)
    } else {
        state.keymap.hints(mode)
    };
    let pairs: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(k, l)| (k, picker_label(state, l).to_string()))
        .collect();
    let cells = usize::from(area.width);
    let cost = |(k, l): &(String, String)| width(k) + width(l) + 3;
    // Help and quit are always shown: a newcomer needs those two above all.
    let (must, rest): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(_, l)| {
        matches!(l.as_str(), "help" | "quit" | "cancel" | "close") || l.starts_with("close help")
    });
    let mut budget = cells.saturating_sub(1 + must.iter().map(cost).sum::<usize>());
    let mut shown = Vec::new();
    for pair in rest {
        if cost(&pair) > budget {
            break;
        }
        budget -= cost(&pair);
        shown.push(pair);
    }
    shown.extend(must);
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in shown {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    Line::from(spans).render(area, buf);
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
