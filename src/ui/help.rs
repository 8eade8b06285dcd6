//! The help overlay (`?`): a first screen that teaches (how the chain works, every symbol on
//! the board, the five keys a newcomer needs), then every key by mode from the keymap, each
//! description wrapped to the width of the box so nothing is cut at its right edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::overlay::centered;
use super::textfit::{fit, width};
use super::theme::Theme;
use crate::app::rows::word_wrap;
use crate::app::{Action, KeyMode, State};

/// Lines with a key (or symbol) column and a wrapped description.
fn entry(
    lines: &mut Vec<Line<'static>>,
    t: &Theme,
    key: &str,
    text: &str,
    key_w: usize,
    cells: usize,
) {
    let mut room = cells.saturating_sub(key_w + 3);
    if room < 12 {
        // Too narrow for two columns: the key on its line, the description under it.
        lines.push(Line::styled(
            format!("  {}", fit(key, cells.saturating_sub(2))),
            t.key,
        ));
        room = cells.saturating_sub(4).max(1);
        for part in word_wrap(text, room) {
            lines.push(Line::styled(format!("    {part}"), t.text));
        }
        return;
    }
    let key = fit(key, key_w);
    for (i, part) in word_wrap(text, room).into_iter().enumerate() {
        let head = if i == 0 {
            format!("  {key}{} ", " ".repeat(key_w.saturating_sub(width(&key))))
        } else {
            " ".repeat(key_w + 3)
        };
        lines.push(Line::from(vec![
            Span::styled(head, t.key),
            Span::styled(part, t.text),
        ]));
    }
}

fn heading(lines: &mut Vec<Line<'static>>, t: &Theme, text: &str, cells: usize) {
    for part in word_wrap(text, cells.max(1)) {
        lines.push(Line::styled(part, t.title));
    }
}

fn para(lines: &mut Vec<Line<'static>>, t: &Theme, text: &str, cells: usize) {
    for part in word_wrap(text, cells.saturating_sub(3).max(1)) {
        lines.push(Line::styled(format!("  {part}"), t.text));
    }
}

/// The first keys of an action on the board, for the first screen.
fn key_of(state: &State, action: Action) -> String {
    state
        .keymap
        .keys(KeyMode::Board, action)
        .first()
        .map_or_else(|| "(unbound)".to_string(), |k| k.short())
}

/// The whole help text for a box `cells` wide.
pub fn help_lines(state: &State, t: &Theme, cells: usize) -> Vec<Line<'static>> {
    let g = &t.glyphs;
    let mut lines = Vec::new();
    heading(&mut lines, t, "How the chain works", cells);
    para(
        &mut lines,
        t,
        "Each user goal supports a department goal, and each department goal supports a \
         buyer goal: users → departments → buyers. A chain is complete when a user's goal \
         reaches a buyer's goal through a department.",
        cells,
    );
    heading(&mut lines, t, "Symbols on the board", cells);
    let line_glyphs = if g.ascii { "-|+" } else { "─│┼" };
    let symbols = [
        (
            g.direct.to_string(),
            "one link from the selected goal (on its chain)",
        ),
        (
            g.indirect.to_string(),
            "two links away, further along the chain",
        ),
        (
            format!("{}n {}n", g.up, g.down),
            "supports n goals / n goals support it",
        ),
        (
            g.finding.to_string(),
            "breaks the chain (3 lists every gap)",
        ),
        (g.marked.to_string(), "the goal marked for linking"),
        (
            line_glyphs.to_string(),
            "link lines between columns; an arrow and a count at the edge: links to rows off screen",
        ),
    ];
    for (sym, text) in symbols {
        entry(&mut lines, t, &sym, text, 7, cells);
    }
    heading(&mut lines, t, "Five keys to start", cells);
    let five = format!(
        "{} move · {} edit · {} link · {} undo · {} save",
        "←→↑↓",
        key_of(state, Action::Edit),
        key_of(state, Action::Link),
        key_of(state, Action::Undo),
        key_of(state, Action::Save),
    );
    para(&mut lines, t, &five, cells);
    para(
        &mut lines,
        t,
        &format!(
            "{} quits, {} closes this help. Below: every key, by mode.",
            key_of(state, Action::Quit),
            key_of(state, Action::Help)
        ),
        cells,
    );
    lines.push(Line::raw(""));
    for mode in KeyMode::ALL {
        heading(&mut lines, t, mode.title(), cells);
        for (action, keys) in state.keymap.bindings(mode) {
            let names: Vec<String> = keys.iter().map(ToString::to_string).collect();
            entry(
                &mut lines,
                t,
                &names.join(", "),
                action.describe(),
                20,
                cells,
            );
        }
        lines.push(Line::raw(""));
    }
    heading(&mut lines, t, "Mouse", cells);
    para(
        &mut lines,
        t,
        "click selects, wheel scrolls, double click edits; m turns capture off and on",
        cells,
    );
    lines
}

pub fn help(state: &State, t: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 84, area.height.saturating_sub(2).max(3));
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let lines = help_lines(state, t, usize::from(r.width.saturating_sub(2)));
    let visible = usize::from(r.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let title = fit(
        " help (↓ PgDn scroll, any other key closes) ",
        usize::from(r.width.saturating_sub(2)),
    );
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(0), 0))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border_focus)
                .title(Span::styled(title, t.title)),
        )
        .render(r, buf);
}
