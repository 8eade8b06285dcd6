//! `personas read FILE` (SPEC §13): the whole workspace as headings and sentences, for a screen
//! reader, a braille display or a pager. The sentences come from [`crate::speech`], the same
//! builder the app's screen-reader mode speaks with.

use std::io::Write;
use std::path::Path;

use super::{EXIT_FAILED, EXIT_OK, load_or_report, output_failed, shown};

/// Prints FILE as sentences, wrapped to `width` columns when given (a terminal) and not at all
/// otherwise. Exit codes as `check`: 0 valid, 1 invalid or conflicted, 2 cannot read.
pub fn read(file: &Path, width: Option<usize>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let ws = match load_or_report(file, err) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let mut text = String::new();
    for line in crate::speech::workspace(&ws) {
        match width {
            Some(w) if w > 0 => {
                for part in crate::speech::wrap(&line, w) {
                    text.push_str(&part);
                    text.push('\n');
                }
            }
            _ => {
                text.push_str(&line);
                text.push('\n');
            }
        }
    }
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        return output_failed(&e, err);
    }
    if ws.conflicts.is_empty() {
        EXIT_OK
    } else {
        let _ = writeln!(
            err,
            "{}: error: {} unresolved merge conflict(s) (resolve them in the app)",
            shown(file),
            ws.conflicts.len()
        );
        EXIT_FAILED
    }
}

/// The width to wrap to when standard output is a terminal: its width, less one column so a
/// full line never makes the terminal wrap on its own.
pub fn terminal_width(is_terminal: bool) -> Option<usize> {
    if !is_terminal {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w).saturating_sub(1).max(20))
}
