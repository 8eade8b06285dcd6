//! `personas import TABLE.csv` (SPEC §6, §10): a spreadsheet or a board tool's csv export read
//! into a new workspace, or into an existing one by ids.
//!
//! [`args`] is the command line, [`table`] reads the bytes into rows under known columns,
//! [`apply`] applies them to a workspace (`group` finds which rows are one persona, `goals`
//! and `links` do the goals and their `supports`, `values` turns cells into field values),
//! [`changes`] says what that did. This module is the command around them:
//! it reads the files, prints the report and writes the result — a new file that must not exist
//! yet, or the `--into` file through the app's own save (content check, backup, atomic write).
//! Nothing is written unless every row is good.

pub mod apply;
pub mod args;
pub mod changes;
mod goals;
mod group;
mod links;
pub mod table;
mod values;

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::exit::{EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, output_failed};
use crate::model::Workspace;
use crate::store::jobs::{Done, Job, perform};
use crate::store::load::ERRORS_SHOWN;
use crate::store::read::{MAX_FILE_BYTES, ReadError, is_stdin, read_input};
use crate::store::{Dirs, disk, to_ron};
use crate::text::visible;
pub use apply::Outcome;
pub use args::ImportArgs;
pub use table::{Mapping, RowError};

/// The table's bytes (`-`: standard input), or why it could not be read at all (exit status 2).
fn read_table(path: &Path) -> Result<Vec<u8>, String> {
    const LARGEST: &str = "the largest table this program reads is";
    read_input(path).map_err(|e| match e {
        ReadError::Io(e) => format!("cannot read: {e}"),
        ReadError::TooLarge { size } => format!(
            "the table is {size} bytes; {LARGEST} {MAX_FILE_BYTES} bytes (64 MiB); nothing read"
        ),
        ReadError::Endless => format!(
            "more than {MAX_FILE_BYTES} bytes came from the table and it had not ended (a \
             device or an endless pipe?); {LARGEST} {MAX_FILE_BYTES} bytes (64 MiB); nothing read"
        ),
    })
}

/// Why `-` (standard input) cannot be used where it was given: the result of `--into` is
/// written back to it, and a table read from standard input has no name to make the output's.
fn stdin_misuse(args: &ImportArgs) -> Option<&'static str> {
    if args.into.as_deref().is_some_and(is_stdin) {
        Some("--into needs a workspace file to update, not `-` (standard input)")
    } else if is_stdin(&args.table) && args.into.is_none() && args.output.is_none() && !args.dry_run
    {
        Some("a table read from standard input (`-`) needs -o OUT (`-o -` for standard output)")
    } else {
        None
    }
}

/// The table applied to `base`: the pure part of the command.
pub fn import_bytes(
    bytes: &[u8],
    base: Workspace,
    mapping: &Mapping,
) -> Result<Outcome, Vec<RowError>> {
    let table = table::read(bytes, mapping)?;
    apply::apply(base, &table)
}

/// Prints the errors (capped) and the count of bad rows.
fn report_errors(name: &str, errors: &[RowError], err: &mut impl Write) {
    let mut text = String::new();
    for e in errors.iter().take(ERRORS_SHOWN) {
        let message = visible(&e.message);
        let _ = if e.row == 0 {
            writeln!(text, "{name}: error: {message}")
        } else {
            writeln!(text, "{name}: row {}: error: {message}", e.row)
        };
    }
    if errors.len() > ERRORS_SHOWN {
        let _ = writeln!(
            text,
            "{name}: … and {} more errors",
            errors.len() - ERRORS_SHOWN
        );
    }
    let mut rows: Vec<usize> = errors.iter().map(|e| e.row).filter(|r| *r > 0).collect();
    rows.dedup();
    let _ = writeln!(
        text,
        "{name}: {} bad {}; nothing written",
        rows.len().max(1),
        if rows.len() > 1 { "rows" } else { "row" }
    );
    let _ = err.write_all(text.as_bytes());
}

/// `personas import TABLE [--into FILE] [--map …] [--ignore …] [--dry-run] [-o OUT]`.
pub fn run(args: &ImportArgs, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let name = crate::exit::shown(&args.table);
    let mapping = match Mapping::parse(&args.map, &args.ignore) {
        Ok(m) => m,
        Err(message) => {
            let _ = writeln!(err, "personas: error: {}", visible(&message));
            return EXIT_UNREADABLE;
        }
    };
    if let Some(message) = stdin_misuse(args) {
        let _ = writeln!(err, "personas import: error: {message}");
        return EXIT_UNREADABLE;
    }
    let output: Option<PathBuf> = match (args.into.as_deref(), args.output.as_deref()) {
        (_, Some(o)) => Some(o.to_path_buf()),
        (None, None) => Some(args.table.with_extension("ron")),
        (Some(_), None) => None,
    };
    let to_stdout = output.as_deref() == Some(Path::new("-"));
    if let Some(o) = output.as_deref().filter(|_| !to_stdout && !args.dry_run)
        && std::fs::symlink_metadata(o).is_ok()
    {
        let _ = writeln!(
            err,
            "{}: error: already exists; not overwriting it (choose another name with -o, or \
             update it with --into)",
            crate::exit::shown(o)
        );
        return EXIT_FAILED;
    }
    let bytes = match read_table(&args.table) {
        Ok(b) => b,
        Err(message) => {
            let _ = writeln!(err, "{name}: error: {message}");
            return EXIT_UNREADABLE;
        }
    };
    let (base, known) = match args.into.as_deref() {
        Some(into) => {
            // Taken before reading: a change made while the import runs is noticed at the save.
            // Only of a regular file within the limit: the fingerprint reads the whole file,
            // and would read /dev/zero for ever; anything else is refused by the load below.
            let known = std::fs::metadata(into)
                .is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE_BYTES)
                .then(|| disk::fingerprint(into))
                .flatten();
            match crate::exit::load_or_report(into, err) {
                Ok(ws) => (ws, known),
                Err(code) => return code,
            }
        }
        None => {
            let titled = output
                .as_deref()
                .filter(|_| !to_stdout)
                .unwrap_or(&args.table);
            let base = Workspace {
                title: crate::model::blank_title(titled),
                ..Workspace::default()
            };
            (base, None)
        }
    };
    let outcome = match import_bytes(&bytes, base, &mapping) {
        Ok(o) => o,
        Err(errors) => {
            report_errors(&name, &errors, err);
            return EXIT_FAILED;
        }
    };
    let summary = changes::summary(&outcome.changes);
    if args.dry_run {
        let mut text = String::new();
        for change in &outcome.changes {
            let _ = writeln!(text, "would {}", visible(&change.to_string()));
        }
        let _ = writeln!(text, "{name}: {summary}; nothing written (--dry-run)");
        return finish(out.write_all(text.as_bytes()), err);
    }
    let text = to_ron(&outcome.workspace);
    match (output, args.into.as_deref()) {
        (Some(_), _) if to_stdout => finish(out.write_all(text.as_bytes()), err),
        (Some(path), _) => match crate::exit::create(&path, &text, out, err) {
            EXIT_OK => finish(writeln!(out, "{name}: {summary}"), err),
            code => code,
        },
        (None, Some(into)) => update(into, outcome, known, &summary, out, err),
        (None, None) => EXIT_FAILED,
    }
}

/// Writes the result over the `--into` file the way the app saves it: a backup of the file in
/// the data directory first (one that cannot be made is said, and does not stop the save, as in
/// the app), then the app's own save — only if the file is still what was read, atomically.
fn update(
    into: &Path,
    outcome: Outcome,
    known: Option<disk::Fingerprint>,
    summary: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let file = crate::exit::shown(into);
    if outcome.changes.is_empty() {
        return finish(writeln!(out, "{file}: unchanged; nothing to import"), err);
    }
    if std::fs::metadata(into).is_ok_and(|m| m.permissions().readonly()) {
        let _ = writeln!(
            err,
            "{file}: error: the file has no write permission; nothing written (give it write \
             permission, or write the result elsewhere with -o)"
        );
        return EXIT_FAILED;
    }
    let kept = match Dirs::from_env().map(|d| d.backups_dir()) {
        Some(dir) => match disk::backup(into, &dir) {
            Ok(Some(copy)) => format!(" (the old file is kept as {})", crate::exit::shown(&copy)),
            Ok(None) => String::new(),
            Err(e) => {
                let _ = writeln!(
                    err,
                    "{file}: warning: could not back up the old file to {}: {e}; saving all \
                     the same",
                    crate::exit::shown(&dir)
                );
                String::new()
            }
        },
        None => {
            let _ = writeln!(err, "{file}: warning: no data directory; no backup made");
            String::new()
        }
    };
    let done = perform(Job::Save {
        path: into.to_path_buf(),
        workspace: Arc::new(outcome.workspace),
        state: 0,
        expect: known,
        force: false,
        backup_to: None,
    });
    let why = match done {
        Some(Done::Saved { result: Ok(_), .. }) => {
            return finish(
                writeln!(out, "updated {file}{kept}\n{file}: {summary}"),
                err,
            );
        }
        Some(Done::Conflict { .. }) => {
            "it changed on disk while importing (run the import again)".to_string()
        }
        Some(Done::Saved { result: Err(e), .. }) => format!("cannot write: {}", visible(&e)),
        _ => "cannot write it (no write permission?)".to_string(),
    };
    let _ = writeln!(err, "{file}: error: {why}; nothing written");
    EXIT_FAILED
}

fn finish(written: io::Result<()>, err: &mut impl Write) -> u8 {
    written.map_or_else(|e| output_failed(&e, err), |()| EXIT_OK)
}
