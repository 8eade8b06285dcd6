//! `personas merge BASE OURS THEIRS [-o OUT]` and `--git %O %A %B [%P]` (SPEC §9): reads the
//! three files, merges workspaces by ids (or other files as text, with `git merge-file`), writes
//! the result and says on stderr what it renamed, dropped and left in conflict.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::output::write_to;
use crate::cli::{EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, shown};
use crate::merge::{self, text::merge_text};
use crate::model::Workspace;
use crate::store::read::{is_stdin, read_input};
use crate::store::{self, LoadError, format::HEADER};
use crate::text::visible;

pub const AFTER_HELP: &str = "\
Merges by persona and goal ids, field by field: a change on one side is taken, the same change
on both is taken once, list fields and links merge as lists and sets (our order, their additions
after their predecessor). The same id added on both sides with different content keeps both
(theirs gets a fresh id, and their links follow). A link to a goal deleted on the other side is
dropped and reported. The same field changed differently on both sides, or an edit of something
the other side deleted, is recorded in the file's conflicts list (format 2) with our version in
place: see them with personas check, resolve them in the app. Files that are not workspaces are
merged as text by git merge-file.

Examples:
  personas merge base.ron mine.ron theirs.ron            the result replaces mine.ron
  personas merge base.ron mine.ron theirs.ron -o out.ron
  personas merge --git %O %A %B %P                       git's merge driver (see git-setup)

Exit status: 0 merged cleanly, 1 conflicts recorded (or left as text markers), 2 an input could
not be read or the result not written (OURS is then left untouched).";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file is an empty workspace; `-` (for any one
    /// input) is standard input
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); the result replaces it unless -o is given
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B)
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// With --git: the file's path in the repository (git's %P), named in messages
    #[arg(value_name = "PATH", requires = "git")]
    pub path: Option<PathBuf>,
    /// Write the result to OUT (`-` for standard output) instead of replacing OURS
    #[arg(short, long = "output", value_name = "OUT", conflicts_with = "git")]
    pub output: Option<PathBuf>,
    /// Follow git's merge-driver contract: %O %A %B [%P]; the result replaces %A
    #[arg(long)]
    pub git: bool,
}

/// One input, read.
enum Input {
    Workspace(Workspace),
    /// An empty file: git's base when both sides added the file.
    Empty,
    /// Text that is not a workspace and does not try to be one.
    Other(LoadError),
}

/// Reads one input; an error is the message to print (the file cannot be read, or it is a
/// workspace this program cannot read: a newer format, invalid).
fn read(role: &str, path: &Path) -> Result<Input, String> {
    let name = shown(path);
    let fail = |e: &LoadError| {
        format!(
            "{}{name}: error: cannot merge: {role} is not a workspace this program can read",
            crate::cli::load_error_text(path, e)
        )
    };
    let bytes = match read_input(path) {
        Ok(bytes) => bytes,
        Err(e) => return Err(format!("{name}: error: cannot read {role}: {e}")),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Input::Empty);
    }
    match store::parse_bytes(&bytes) {
        Ok(ws) => Ok(Input::Workspace(ws)),
        Err(e) => {
            let text = String::from_utf8_lossy(&bytes);
            let says_workspace = text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with(HEADER);
            match e {
                LoadError::NewerFormat { .. }
                | LoadError::UnknownFormat { .. }
                | LoadError::Invalid(_) => Err(fail(&e)),
                _ if says_workspace => Err(fail(&e)),
                _ => Ok(Input::Other(e)),
            }
        }
    }
}

fn is_regular_file(path: &Path) -> bool {
    !is_stdin(path) && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

pub fn run(args: MergeArgs, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let name = shown(args.path.as_deref().unwrap_or(&args.ours));
    let files = [
        ("BASE", &args.base),
        ("OURS", &args.ours),
        ("THEIRS", &args.theirs),
    ];
    if files.iter().filter(|(_, path)| is_stdin(path)).count() > 1 {
        let _ = writeln!(
            err,
            "{name}: error: more than one input is `-`; standard input can be only one of them; \
             nothing was merged"
        );
        return EXIT_UNREADABLE;
    }
    let mut inputs = Vec::with_capacity(3);
    let mut failed = false;
    for (role, path) in files {
        match read(role, path) {
            Ok(input) => inputs.push(input),
            Err(message) => {
                let _ = writeln!(err, "{message}");
                failed = true;
            }
        }
    }
    if failed {
        let _ = writeln!(err, "{name}: error: nothing was merged; OURS is unchanged");
        return EXIT_UNREADABLE;
    }
    let target = args.output.clone().unwrap_or_else(|| args.ours.clone());
    let any_workspace = inputs.iter().any(|i| matches!(i, Input::Workspace(_)));
    if !any_workspace {
        // git merge-file reads the files again: a pipe or a device was read once already.
        if let Some((role, path)) = files.iter().find(|(_, p)| !is_regular_file(p)) {
            let _ = writeln!(
                err,
                "{}: error: cannot merge as text: {role} is not a personas workspace and not a \
                 regular file (git merge-file needs files); nothing was merged, OURS is unchanged",
                shown(path)
            );
            return EXIT_UNREADABLE;
        }
        return text_merge(&args, &name, &target, out, err);
    }
    let mut sides: Vec<Workspace> = Vec::with_capacity(3);
    for ((role, path), input) in files.iter().zip(inputs) {
        match input {
            Input::Workspace(ws) => sides.push(ws),
            Input::Empty => sides.push(Workspace::default()),
            Input::Other(e) => {
                let _ = write!(err, "{}", crate::cli::load_error_text(path, &e));
                let _ = writeln!(
                    err,
                    "{}: error: cannot merge: {role} is not a personas workspace but another \
                     input is; nothing was merged, OURS is unchanged",
                    shown(path)
                );
                return EXIT_UNREADABLE;
            }
        }
    }
    let merged = merge::merge(&sides[0], &sides[1], &sides[2]);
    report(&name, &merged, err);
    let text = store::to_ron(&merged.workspace);
    if let Err(e) = write_to(&target, text.as_bytes(), out) {
        let _ = writeln!(
            err,
            "{}: error: cannot write the result: {e}",
            shown(&target)
        );
        return EXIT_UNREADABLE;
    }
    let conflicts = merged.workspace.conflicts.len();
    summary(&args, &name, &target, conflicts, out, err);
    if conflicts > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// What the merge renamed, dropped and left in conflict, one line each.
fn report(name: &str, merged: &merge::Merged, err: &mut impl Write) {
    for r in &merged.renamed {
        let _ = writeln!(
            err,
            "{name}: note: both sides added {:?} with different content; theirs is now {:?}",
            visible(&r.from),
            visible(&r.to)
        );
    }
    for d in &merged.dropped {
        let _ = writeln!(
            err,
            "{name}: note: dropped the link from goal {:?} to {:?}: that goal was deleted on the other side",
            visible(&d.goal),
            visible(&d.target)
        );
    }
    print_conflicts(name, &merged.workspace, err);
}

/// Prints each unresolved conflict as an error line; returns how many there are.
pub fn print_conflicts(name: &str, ws: &Workspace, err: &mut impl Write) -> usize {
    for c in &ws.conflicts {
        let what = if c.id.is_empty() {
            String::new()
        } else if let Some((column, _)) = ws.personas().find(|(_, p)| p.id == c.id) {
            format!("{} ", column.noun())
        } else if ws.goals().any(|(_, _, g)| g.id == c.id) {
            "goal ".to_string()
        } else {
            String::new()
        };
        let _ = writeln!(
            err,
            "{name}: error[conflict]: {what}{}",
            visible(&c.describe())
        );
    }
    ws.conflicts.len()
}

fn summary(
    args: &MergeArgs,
    name: &str,
    target: &Path,
    conflicts: usize,
    out: &mut impl Write,
    err: &mut impl Write,
) {
    // Under git the target is a temporary file; the repository path is what people know.
    let shown_target = if args.git {
        name.to_string()
    } else {
        shown(target)
    };
    let line = if conflicts == 0 {
        format!("merged into {shown_target}")
    } else {
        format!(
            "merged into {shown_target} with {conflicts} conflict{} recorded; list them with: \
             personas check {shown_target}",
            if conflicts == 1 { "" } else { "s" },
        )
    };
    if args.git || target == Path::new("-") {
        let _ = writeln!(err, "{line}");
    } else {
        let _ = writeln!(out, "{line}");
    }
}

fn text_merge(
    args: &MergeArgs,
    name: &str,
    target: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let labels = ["ours", "base", "theirs"];
    let merged = match merge_text(&args.base, &args.ours, &args.theirs, labels) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(
                err,
                "{name}: error: not a personas workspace, and {e}; OURS is unchanged"
            );
            return EXIT_UNREADABLE;
        }
    };
    if let Err(e) = write_to(target, &merged.bytes, out) {
        let _ = writeln!(
            err,
            "{}: error: cannot write the result: {e}",
            shown(target)
        );
        return EXIT_UNREADABLE;
    }
    let _ = writeln!(
        err,
        "{name}: not a personas workspace; merged as text{}",
        if merged.conflicted {
            " with conflict markers"
        } else {
            ""
        }
    );
    if merged.conflicted {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}
