//! `personas diff OLD NEW` and `--git` (git's external-diff arguments), and the hidden
//! `personas textconv FILE` that git's textconv runs for `git log -p` and `git show` (SPEC §9).
//! Files that are not workspaces are shown the way git would show them.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use crate::cli::{EXIT_OK, EXIT_UNREADABLE, output_failed, shown};
use crate::diff::{diff, render};
use crate::export::{self, ExportFormat};
use crate::model::Workspace;
use crate::store::read::{is_stdin, read_file};
use crate::store::{self, LoadError};

pub const AFTER_HELP: &str = "\
Output, one line per change:
  + / -   a persona, goal or link added / removed
  ~       a field edited (old → new), a list field's items added or removed
  >       a persona or goal moved: to another column or persona, or to another position
then the chain coverage before → after. Coloured on a terminal (unless NO_COLOR is set), plain
when piped.

With --git, takes the seven (or nine) arguments git gives an external diff
(PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE); a file that is not a workspace is
shown as git diff --no-index shows it.

Exit status: 0 whether or not there are differences, 2 a file cannot be read.";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old workspace, `-` for standard input (with --git: the path git names)
    #[arg(value_name = "OLD")]
    pub old: OsString,
    /// The new workspace, `-` for standard input (with --git: git's old file)
    #[arg(value_name = "NEW")]
    pub new: OsString,
    /// With --git: the rest of git's external-diff arguments
    #[arg(value_name = "GIT_ARGS", hide = true, requires = "git")]
    pub rest: Vec<OsString>,
    /// Take the seven arguments git gives an external diff (diff.personas.command)
    #[arg(long)]
    pub git: bool,
}

#[derive(Debug, Args)]
pub struct TextconvArgs {
    /// The workspace file to show
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

fn load(path: &Path) -> Result<Workspace, LoadError> {
    // git passes /dev/null for the missing side of an added or deleted file.
    if path == Path::new("/dev/null") {
        return Ok(Workspace::default());
    }
    store::load_input(path)
}

fn report_load_error(path: &Path, e: &LoadError, err: &mut impl Write) {
    let _ = err.write_all(crate::cli::load_error_text(path, e).as_bytes());
}

/// `colour` says whether `out` is a terminal; `NO_COLOR` (set and not empty) turns colour off.
pub fn run(args: DiffArgs, out: &mut impl Write, err: &mut impl Write, colour: bool) -> u8 {
    let colour = colour && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let files: Vec<PathBuf> = [&args.old, &args.new]
        .into_iter()
        .chain(&args.rest)
        .map(PathBuf::from)
        .collect();
    let (label, old, new) = match (args.git, files.as_slice()) {
        (false, [old, new]) if is_stdin(old) && is_stdin(new) => {
            let _ = writeln!(
                err,
                "personas diff: error: OLD and NEW are both `-`; standard input can be only one \
                 of them"
            );
            return EXIT_UNREADABLE;
        }
        (false, [old, new]) => (None, old, new),
        (true, [path, old, _, _, new, _, _]) | (true, [path, old, _, _, new, _, _, _, _]) => {
            (Some(path), old, new)
        }
        _ => {
            let _ = writeln!(
                err,
                "personas diff: error: expected OLD NEW, or with --git the seven arguments git \
                 gives an external diff (got {})",
                files.len()
            );
            return EXIT_UNREADABLE;
        }
    };
    let (o, n) = (load(old), load(new));
    let mut text = String::new();
    if let Some(path) = label {
        let path = shown(path);
        text.push_str(&format!("personas diff a/{path} b/{path}\n"));
    }
    match (o, n) {
        (Ok(o), Ok(n)) => text.push_str(&render(&diff(&o, &n), colour)),
        (o, n) => {
            // A file that cannot be read (too large, endless, missing) is not handed to git:
            // git would read `/dev/zero` for ever.
            let unreadable = [&o, &n]
                .into_iter()
                .any(|r| r.as_ref().is_err_and(LoadError::is_unreadable));
            if label.is_some() && !unreadable {
                return git_text_diff(old, new, out, err);
            }
            for (path, result) in [(old, o), (new, n)] {
                if let Err(e) = result {
                    report_load_error(path, &e, err);
                }
            }
            return EXIT_UNREADABLE;
        }
    }
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => output_failed(&e, err),
    }
}

/// A file that is not a workspace, under git: shown as `git diff --no-index` shows it.
fn git_text_diff(old: &Path, new: &Path, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match Command::new("git")
        .args(["diff", "--no-index", "--no-color", "--no-ext-diff", "--"])
        .args([old, new])
        .output()
    {
        Ok(o) => {
            let _ = out.write_all(&o.stdout);
            let _ = err.write_all(&o.stderr);
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "personas diff: error: cannot run git diff: {e}");
            EXIT_UNREADABLE
        }
    }
}

/// git's textconv: the workspace as the markdown report; a file that does not load is shown as
/// it is, so `git log -p` still works on a broken revision.
pub fn textconv(args: TextconvArgs, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let bytes = match read_file(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            report_load_error(&args.file, &LoadError::unreadable(&args.file, e), err);
            return EXIT_UNREADABLE;
        }
    };
    let text = match store::parse_bytes(&bytes) {
        Ok(ws) => export::render(&ws, ExportFormat::Markdown).into_bytes(),
        Err(_) => bytes,
    };
    match out.write_all(&text).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => output_failed(&e, err),
    }
}
