//! `personas export`: a report of the workspace to standard output or a file (SPEC §6, §10).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use super::teams::write_to;
use super::{EXIT_FAILED, EXIT_OK, Format, load_or_report, output_failed, shown};
use crate::export;
use crate::text::{is_unsafe, placeholder};

/// The report with control characters made visible, keeping newlines and tabs (for a terminal).
fn for_terminal(report: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && is_unsafe(c);
    if report.chars().any(unsafe_char) {
        Cow::Owned(
            report
                .chars()
                .map(|c| if unsafe_char(c) { placeholder(c) } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(report)
    }
}

/// Whether `path` exists and is not a regular file (through symlinks): a FIFO, a device node.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `personas export FILE --format F [-o OUT] [--chain GOAL_ID]`. OUT is written atomically and
/// only once the workspace has loaded; the workspace file itself is never overwritten by its
/// report. An OUT that is not a regular file (a FIFO, a device) is written straight into; `-` is
/// stdout. A `--chain` id that names no goal is an error naming it (exit 1), nothing written.
pub fn export(
    file: &Path,
    format: Format,
    (output, chain, bom): (Option<&Path>, Option<&str>, bool),
    out: &mut impl Write,
    err: &mut impl Write,
    out_is_terminal: bool,
) -> u8 {
    let ws = match load_or_report(file, err) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let csv = matches!(format, Format::Csv);
    if bom && !csv {
        let _ = writeln!(err, "personas: error: --bom is for --format csv");
        return EXIT_FAILED;
    }
    let report = match chain {
        None => export::render(&ws, format.into()),
        Some(id) => match export::render_chain(&ws, format.into(), id) {
            Ok(report) => report,
            Err(e) => {
                let _ = writeln!(err, "{}: error: --chain: {e}", shown(file));
                return EXIT_FAILED;
            }
        },
    };
    // Excel reads a csv file as UTF-8 only when it starts with a byte order mark.
    let report = if bom {
        format!("{}{report}", export::csv::BOM)
    } else {
        report
    };
    // `-o -` is standard output (SPEC §6).
    let output = output.filter(|p| p.as_os_str() != "-");
    match output {
        Some(path) => {
            let target = shown(path);
            if same_file(file, path) {
                let _ = writeln!(
                    err,
                    "{target}: error: is the workspace being exported; not overwriting it"
                );
                return EXIT_FAILED;
            }
            // A FIFO, a device, a socket is written straight into, never replaced (and not
            // reported, since its reader may be this terminal); a file atomically.
            let special = is_special(path);
            if let Err(e) = write_to(path, report.as_bytes(), out) {
                let _ = writeln!(err, "{target}: error: cannot write: {e}");
                return EXIT_FAILED;
            }
            if special {
                return EXIT_OK;
            }
            match writeln!(out, "wrote {target}") {
                Ok(()) => EXIT_OK,
                Err(e) => output_failed(&e, err),
            }
        }
        None => {
            let text = if out_is_terminal {
                for_terminal(&report)
            } else {
                Cow::Borrowed(report.as_str())
            };
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => EXIT_OK,
                Err(e) => output_failed(&e, err),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_output_keeps_layout_but_not_escapes() {
        assert_eq!(for_terminal("a\tb\n\u{1b}[2J"), "a\tb\n␛[2J");
    }
}
