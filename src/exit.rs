//! What every command shares: the exit codes, paths as shown in messages, a failed write to
//! the output, a new file claimed and written, a workspace loaded or its errors printed. Used by
//! `cli` and `import`; it reads only `model`, `store` and `text`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use crate::model::Workspace;
use crate::store::{self, LoadError};
use crate::text::visible;

/// Exit code: success (and, for `check`, a valid workspace).
pub const EXIT_OK: u8 = 0;
/// Exit code: the workspace is invalid, warnings were denied, or the command failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the workspace file could not be read at all (also clap's code for usage errors).
pub const EXIT_UNREADABLE: u8 = 2;

/// A path as shown in messages: lossy UTF-8 with control characters made visible.
pub(crate) fn shown(path: &Path) -> String {
    visible(&path.to_string_lossy()).into_owned()
}

/// Reports a failed write to stdout. A closed pipe (`| head`) is not worth a message.
pub(crate) fn output_failed(e: &io::Error, err: &mut impl Write) -> u8 {
    if e.kind() != io::ErrorKind::BrokenPipe {
        let _ = writeln!(err, "personas: error: cannot write output: {e}");
    }
    EXIT_FAILED
}

/// Writes `text` to a file that must not exist yet, atomically, and says so on `out`.
pub(crate) fn create(file: &Path, text: &str, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let name = shown(file);
    // create_new is O_CREAT|O_EXCL: it fails on anything already at the path, symlinks included,
    // so two `new`s racing for one name cannot both win.
    if let Err(e) = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
    {
        let _ = if e.kind() == io::ErrorKind::AlreadyExists {
            writeln!(
                err,
                "{name}: error: already exists; not overwriting it (choose another name, or \
                 open it with: personas FILE)"
            )
        } else {
            writeln!(err, "{name}: error: cannot create: {e}")
        };
        return EXIT_FAILED;
    }
    // The empty file just claimed is replaced in one rename; a crash leaves it empty, never half
    // written.
    if let Err(e) = store::write_atomic(file, text.as_bytes()) {
        if std::fs::symlink_metadata(file).is_ok_and(|m| m.is_file() && m.len() == 0) {
            let _ = std::fs::remove_file(file);
        }
        let _ = writeln!(err, "{name}: error: cannot write: {e}");
        return EXIT_FAILED;
    }
    match writeln!(out, "created {name}") {
        Ok(()) => EXIT_OK,
        Err(e) => output_failed(&e, err),
    }
}

/// A load error as printed for FILE: every line of it, each made visible (never raw control
/// characters from the file), one a line.
pub(crate) fn load_error_text(file: &Path, e: &LoadError) -> String {
    let rendered = e.render(&shown(file));
    let mut text = String::with_capacity(rendered.len());
    for line in rendered.lines() {
        let _ = writeln!(text, "{}", visible(line));
    }
    text
}

/// Loads FILE (`-`: standard input), or prints every error to `err` and returns the exit code
/// to use.
pub(crate) fn load_or_report(file: &Path, err: &mut impl Write) -> Result<Workspace, u8> {
    store::load_input(file).map_err(|e: LoadError| {
        let _ = err.write_all(load_error_text(file, &e).as_bytes());
        if e.is_unreadable() {
            EXIT_UNREADABLE
        } else {
            EXIT_FAILED
        }
    })
}
