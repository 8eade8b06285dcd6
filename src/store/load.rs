//! Loading a workspace: bytes → UTF-8 → RON → validated [`Workspace`], with errors that say where.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use thiserror::Error;

use super::format::{FORMAT_VERSION, FileWorkspace, FormatProbe};
use super::read::{ReadError, is_stdin, read_file, read_input};
use crate::model::{ValidationError, Workspace, validate};

pub use super::read::MAX_FILE_BYTES;

/// How many validation errors are printed; the rest are counted.
pub const ERRORS_SHOWN: usize = 100;

/// A validation error with the line it was found on, where one could be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub error: ValidationError,
    pub line: Option<usize>,
}

/// Why a file could not be loaded. Nothing is ever written because of one of these.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "file is {size} bytes; the largest workspace this program opens is {MAX_FILE_BYTES} \
         bytes (64 MiB)"
    )]
    TooLarge { size: u64 },
    #[error(
        "more than {MAX_FILE_BYTES} bytes (64 MiB) came from it and it had not ended (a device \
         or an endless pipe?); the largest workspace this program opens is 64 MiB"
    )]
    Endless,
    #[error("{line}:{col}: file is not UTF-8 text (invalid byte at this position)")]
    NotUtf8 { line: usize, col: usize },
    #[error("{line}:{col}: {message}")]
    Parse {
        line: usize,
        col: usize,
        message: String,
        source_line: String,
    },
    #[error(
        "file format {found} is newer than this program knows (it reads up to format \
         {FORMAT_VERSION}); update personas to open it"
    )]
    NewerFormat { found: u32 },
    #[error(
        "file format {found} is not a known personas format (this program reads 1 to {FORMAT_VERSION})"
    )]
    UnknownFormat { found: u32 },
    #[error("{} error(s) in the workspace", .0.len())]
    Invalid(Vec<Located>),
}

impl LoadError {
    /// Whether the file could not be read at all (exit code 2 in `check`), as opposed to read
    /// and found invalid (exit code 1).
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            LoadError::Io { .. } | LoadError::TooLarge { .. } | LoadError::Endless
        )
    }

    /// Why `path` could not be read, as a load error.
    pub fn unreadable(path: &Path, e: ReadError) -> LoadError {
        match e {
            ReadError::Io(source) => LoadError::Io {
                path: path.to_path_buf(),
                source,
            },
            ReadError::TooLarge { size } => LoadError::TooLarge { size },
            ReadError::Endless => LoadError::Endless,
        }
    }

    /// The error as printed for people: `FILE:LINE:COL: message`, then the offending line with a
    /// marker under the column. One block per error.
    pub fn render(&self, file: &str) -> String {
        let mut out = String::new();
        match self {
            LoadError::Parse {
                line,
                col,
                message,
                source_line,
            } => {
                let _ = writeln!(out, "{file}:{line}:{col}: error: {message}");
                show_line(&mut out, *line, *col, source_line);
            }
            LoadError::NotUtf8 { line, col } => {
                let _ = writeln!(
                    out,
                    "{file}:{line}:{col}: error: file is not UTF-8 text (invalid byte here)"
                );
            }
            LoadError::Invalid(errors) => {
                // A broken file must not flood the terminal: the first errors, then a count.
                for e in errors.iter().take(ERRORS_SHOWN) {
                    match e.line {
                        Some(line) => {
                            let _ = writeln!(out, "{file}:{line}: error: {}", e.error);
                        }
                        None => {
                            let _ = writeln!(out, "{file}: error: {}", e.error);
                        }
                    }
                }
                if errors.len() > ERRORS_SHOWN {
                    let _ = writeln!(
                        out,
                        "{file}: error: … and {} more errors ({} in all; the first {ERRORS_SHOWN} \
                         are shown)",
                        errors.len() - ERRORS_SHOWN,
                        errors.len()
                    );
                }
            }
            LoadError::Io { source, .. } => {
                let _ = writeln!(out, "{file}: error: cannot read: {source}");
            }
            other => {
                let _ = writeln!(out, "{file}: error: {other}");
            }
        }
        out
    }
}

/// Cells of the offending line shown around the column (long lines are cut with "…").
const LINE_WINDOW: usize = 80;

fn show_line(out: &mut String, line: usize, col: usize, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let at = col.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(LINE_WINDOW / 2);
    let end = (start + LINE_WINDOW).min(chars.len());
    let window: String = chars[start..end].iter().collect();
    let shown = crate::text::visible(&window);
    let (lead, tail) = (
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" },
    );
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, " {number} | {lead}{shown}{tail}");
    let marker_at: usize = usize::from(start > 0)
        + shown
            .chars()
            .take(at - start)
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
            .sum::<usize>();
    let _ = writeln!(out, " {pad} | {}^", " ".repeat(marker_at));
}

/// Reads and loads a workspace file (or FIFO, or device), never more than [`MAX_FILE_BYTES`].
/// Leftover temporary files of an interrupted save next to it are never read.
pub fn load(path: &Path) -> Result<Workspace, LoadError> {
    let bytes = read_file(path).map_err(|e| LoadError::unreadable(path, e))?;
    super::save::clean_stale_temp_files(path);
    parse_bytes(&bytes)
}

/// [`load`] for a command's input: `-` is standard input.
pub fn load_input(path: &Path) -> Result<Workspace, LoadError> {
    if is_stdin(path) {
        let bytes = read_input(path).map_err(|e| LoadError::unreadable(path, e))?;
        parse_bytes(&bytes)
    } else {
        load(path)
    }
}

pub fn parse_bytes(bytes: &[u8]) -> Result<Workspace, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(LoadError::NotUtf8 { line, col })
        }
    }
}

fn ron_options() -> ron::Options {
    // implicit_some lets the file say `kind: GoalDirected` rather than `kind: Some(GoalDirected)`.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and validates workspace text (already UTF-8).
pub fn parse(text: &str) -> Result<Workspace, LoadError> {
    // Some editors start a file with a byte-order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron_options();
    // One parse. Only when it fails is the version read on its own, so that a newer file is
    // refused for its version, not for a field it added (parsing twice cost 2× at L).
    // The serde structs of `store::format` are the only description of the layout: one reader.
    let file: FileWorkspace = match options.from_str(text) {
        Ok(file) => file,
        Err(e) => {
            if let Ok(probe) = options.from_str::<FormatProbe>(text) {
                check_version(probe.format)?;
            }
            return Err(parse_error(text, &e));
        }
    };
    check_version(file.format)?;
    let ws = Workspace::from(file);
    let errors = validate(&ws);
    if errors.is_empty() {
        Ok(ws)
    } else {
        // One pass over the text, then one lookup per error: linear in the file.
        let mut locator = super::locate::Locator::new(text);
        Err(LoadError::Invalid(
            errors
                .into_iter()
                .map(|error| Located {
                    line: locator.locate(&error),
                    error,
                })
                .collect(),
        ))
    }
}

/// Refuses a file format this program cannot read.
fn check_version(format: u32) -> Result<(), LoadError> {
    if format > FORMAT_VERSION {
        Err(LoadError::NewerFormat { found: format })
    } else if format == 0 {
        Err(LoadError::UnknownFormat { found: 0 })
    } else {
        Ok(())
    }
}

fn parse_error(text: &str, e: &ron::error::SpannedError) -> LoadError {
    let line = e.span.start.line.max(1);
    let col = e.span.start.col.max(1);
    let source_line = text.lines().nth(line - 1).unwrap_or_default();
    LoadError::Parse {
        line,
        col,
        message: e.code.to_string(),
        source_line: source_line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_hand_written_file_loads() {
        let ws = parse(r#"(users: [(id: "u", name: "U", goals: [(id: "g", text: "T")])])"#)
            .expect("loads");
        assert_eq!(ws.columns[0][0].goals[0].text, "T");
        assert!(ws.columns[1].is_empty());
    }

    #[test]
    fn parse_errors_point_at_line_and_column() {
        let err = parse("(\n    title: \"x\",\n    users: [ nope ],\n)").unwrap_err();
        let LoadError::Parse { line, col, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!((*line, *col), (3, 14));
        let shown = err.render("w.ron");
        assert!(shown.starts_with("w.ron:3:14: error: "), "{shown}");
        assert!(
            shown.contains(" 3 |     users: [ nope ],\n   |              ^"),
            "{shown}"
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = parse("(titel: \"x\")").unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
    }

    #[test]
    fn newer_formats_are_refused_by_version() {
        let err = parse("(format: 4, shiny_new_field: 1)").unwrap_err();
        assert!(matches!(err, LoadError::NewerFormat { found: 4 }));
        assert!(err.to_string().contains("newer"));
    }

    #[test]
    fn invalid_utf8_gives_its_position() {
        let err = parse_bytes(b"(\n  title: \"a\xff\")").unwrap_err();
        assert!(
            matches!(err, LoadError::NotUtf8 { line: 2, col: 12 }),
            "{err:?}"
        );
    }

    #[test]
    fn validation_errors_find_their_line() {
        let text = "(\n users: [(\n  id: \"u\",\n  name: \"U\",\n  goals: [(\n   id: \"g\",\n   text: \"t\",\n   supports: [\n    \"ghost\",\n   ],\n  )],\n )],\n)";
        let err = parse(text).unwrap_err();
        let LoadError::Invalid(errors) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(errors[0].line, Some(9));
        assert!(
            err.render("f.ron")
                .starts_with("f.ron:9: error: goal \"g\" of persona \"u\" supports \"ghost\"")
        );
    }
}
