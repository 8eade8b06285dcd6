//! `personas git-setup [--pattern GLOB]` (SPEC §9): makes git in the current repository merge
//! and diff workspaces with `personas merge --git` and `personas diff --git`, and show them
//! readably in `git log -p` (textconv). Writes the `.gitattributes` line(s) and the repository's
//! local config through `git config`; running it again changes nothing; says what it wrote.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use crate::cli::{EXIT_FAILED, EXIT_OK, output_failed};
use crate::store::read::{ReadError, read_file};
use crate::store::{self, format::HEADER};
use crate::text::visible;

pub const AFTER_HELP: &str = "\
Appends `PATTERN merge=personas diff=personas` to the repository's .gitattributes (and one line
for each tracked workspace file the pattern does not match), then sets in the repository's local
git config:
  merge.personas.name, merge.personas.driver   personas merge --git %O %A %B %P
  diff.personas.command                        personas diff --git      (git diff)
  diff.personas.textconv                       personas textconv        (git log -p, git show)
A tracked workspace whose name holds a newline (or another control character) cannot be named
in .gitattributes: it is left out, with a warning. Commit .gitattributes so that everyone
merges by ids; each clone runs git-setup once for the config. Hosted merges (pull-request
buttons on web sites) do not run custom drivers.

Exit status: 0 set up (or already set up), 1 not in a git repository, git failed,
.gitattributes cannot be read (over 64 MiB, endless) or written, or --pattern holds a control
character.";

/// The default pattern: files named `NAME.personas.ron`.
pub const DEFAULT_PATTERN: &str = "*.personas.ron";

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The files git should merge and diff with personas (a .gitattributes pattern)
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_PATTERN)]
    pub pattern: String,
}

/// Runs git in `dir`; its stdout, or a message with its stderr.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    git_bytes(dir, args).map(|out| String::from_utf8_lossy(&out).into_owned())
}

/// [`git`] with its stdout as it came (file names need not be UTF-8).
fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git (is it installed?): {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// How git should run this program: `personas` when that is the one on PATH, else its full path.
fn program() -> String {
    let Ok(me) = std::env::current_exe().and_then(std::fs::canonicalize) else {
        return "personas".into();
    };
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("personas"))
            .find(|p| p.is_file())
    });
    if on_path
        .and_then(|p| std::fs::canonicalize(p).ok())
        .is_some_and(|p| p == me)
    {
        "personas".into()
    } else {
        shell_quote(&me.to_string_lossy())
    }
}

/// Quotes a word for the shell git runs drivers with.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A path as a .gitattributes pattern matching exactly that file from the top of the repository.
fn path_pattern(path: &str) -> String {
    let mut p = String::from("/");
    for c in path.chars() {
        if "*?[\\".contains(c) {
            p.push('\\');
        }
        p.push(c);
    }
    if p.chars().any(|c| c.is_whitespace() || c == '"') {
        let escaped: String = p
            .chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    } else {
        p
    }
}

/// Why a name cannot be written into .gitattributes, if it cannot: a line holds one pattern, so
/// a newline (or any control character) would split it or hide in it.
fn unwritable_name(name: &str) -> Option<&'static str> {
    name.chars().any(char::is_control).then_some(
        "it holds a control character (a newline?), which a .gitattributes line cannot hold",
    )
}

/// Whether the file is a personas workspace: it loads, or starts with the workspace header.
/// Read once, never more than 64 MiB (a tracked symlink may point at `/dev/zero`).
fn is_workspace(path: &Path) -> bool {
    let Ok(bytes) = read_file(path) else {
        return false;
    };
    store::parse_bytes(&bytes).is_ok()
        || String::from_utf8_lossy(&bytes)
            .trim_start_matches('\u{feff}')
            .starts_with(HEADER)
}

/// A tracked file that is (or, when its name is not UTF-8, may be) a personas workspace.
struct Tracked {
    /// The name from the top of the repository (lossy when not UTF-8).
    name: String,
    utf8: bool,
    /// Why no .gitattributes line can name it.
    unwritable: Option<&'static str>,
}

/// Tracked `.ron` files that are personas workspaces. One whose name is not UTF-8 is not read:
/// no line can name it anyway.
fn tracked_workspaces(top: &Path) -> Vec<Tracked> {
    let Ok(listing) = git_bytes(top, &["ls-files", "-z"]) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for raw in listing.split(|b| *b == 0).filter(|p| p.ends_with(b".ron")) {
        let Ok(name) = std::str::from_utf8(raw) else {
            found.push(Tracked {
                name: String::from_utf8_lossy(raw).into_owned(),
                utf8: false,
                unwritable: Some("its name is not UTF-8, which a .gitattributes line cannot hold"),
            });
            continue;
        };
        if is_workspace(&top.join(name)) {
            found.push(Tracked {
                name: name.to_string(),
                utf8: true,
                unwritable: unwritable_name(name),
            });
        }
    }
    found
}

/// Which of `paths` git already merges with personas.
fn already_merged_by_personas(top: &Path, paths: &[String]) -> Vec<String> {
    if paths.is_empty() {
        return Vec::new();
    }
    let mut args = vec!["check-attr", "-z", "merge", "--"];
    args.extend(paths.iter().map(String::as_str));
    let Ok(out) = git(top, &args) else {
        return Vec::new();
    };
    // -z output: path NUL attribute NUL value NUL, repeated.
    let fields: Vec<&str> = out.split('\0').collect();
    fields
        .chunks(3)
        .filter(|c| c.len() == 3 && c[2] == "personas")
        .map(|c| c[0].to_string())
        .collect()
}

fn attribute_line(pattern: &str) -> String {
    format!("{pattern} merge=personas diff=personas")
}

/// Appends the lines not in .gitattributes yet; returns the ones appended, or what went wrong.
fn append_attributes(file: &Path, lines: &[String]) -> Result<Vec<String>, String> {
    let existing = match read_file(file) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| "cannot read .gitattributes: it is not UTF-8 text".to_string())?,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read .gitattributes: {e}")),
    };
    let present: Vec<&str> = existing.lines().map(str::trim).collect();
    let mut added = Vec::new();
    for line in lines {
        if !present.contains(&line.as_str()) && !added.contains(line) {
            added.push(line.clone());
        }
    }
    if added.is_empty() {
        return Ok(added);
    }
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &added {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomic(file, text.as_bytes())
        .map_err(|e| format!("cannot write .gitattributes: {e}"))?;
    Ok(added)
}

pub fn run(args: GitSetupArgs, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let top = match git(&cwd, &["rev-parse", "--show-toplevel"]) {
        Ok(top) => PathBuf::from(top.trim_end_matches('\n')),
        Err(e) => {
            let _ = writeln!(
                err,
                "personas git-setup: error: not inside a git repository ({e}); run it from a \
                 repository (or run git init first)"
            );
            return EXIT_FAILED;
        }
    };
    if let Some(why) = unwritable_name(&args.pattern) {
        let _ = writeln!(
            err,
            "personas git-setup: error: --pattern {:?}: {why}; nothing written",
            visible(&args.pattern)
        );
        return EXIT_FAILED;
    }
    let mut report = Vec::new();
    let attributes = top.join(".gitattributes");
    let fail = |what: &str, e: &dyn std::fmt::Display, err: &mut dyn Write| {
        let _ = writeln!(err, "personas git-setup: error: {what}: {e}");
        EXIT_FAILED
    };
    let appended = |added: Vec<String>| {
        added
            .into_iter()
            .map(|l| format!("appended to .gitattributes: {}", visible(&l)))
    };
    match append_attributes(&attributes, &[attribute_line(&args.pattern)]) {
        Ok(added) => report.extend(appended(added)),
        Err(e) => {
            let _ = writeln!(err, "personas git-setup: error: {e}");
            return EXIT_FAILED;
        }
    }
    let found = tracked_workspaces(&top);
    let names: Vec<String> = found
        .iter()
        .filter(|t| t.utf8)
        .map(|t| t.name.clone())
        .collect();
    let covered = already_merged_by_personas(&top, &names);
    let mut extra = Vec::new();
    for t in found.iter().filter(|t| !covered.contains(&t.name)) {
        match t.unwritable {
            None => extra.push(attribute_line(&path_pattern(&t.name))),
            Some(why) => {
                let _ = writeln!(
                    err,
                    "personas git-setup: warning: {:?} not added to .gitattributes: {why}; \
                     rename it for git to merge it with personas",
                    visible(&t.name)
                );
            }
        }
    }
    match append_attributes(&attributes, &extra) {
        Ok(added) => report.extend(appended(added)),
        Err(e) => {
            let _ = writeln!(err, "personas git-setup: error: {e}");
            return EXIT_FAILED;
        }
    }
    let me = program();
    let settings = [
        (
            "merge.personas.name",
            "personas: merge workspaces by persona and goal ids".to_string(),
        ),
        (
            "merge.personas.driver",
            format!("{me} merge --git %O %A %B %P"),
        ),
        ("diff.personas.command", format!("{me} diff --git")),
        ("diff.personas.textconv", format!("{me} textconv")),
    ];
    for (key, value) in settings {
        let current = git(&top, &["config", "--local", "--get", key]).unwrap_or_default();
        if current.trim_end_matches('\n') == value {
            continue;
        }
        if let Err(e) = git(&top, &["config", "--local", key, &value]) {
            return fail(&format!("cannot set {key}"), &e, err);
        }
        report.push(format!("set git config {key} = {value}"));
    }
    if report.is_empty() {
        report.push("already set up: .gitattributes and git config unchanged".into());
    } else {
        report.push("commit .gitattributes so that everyone merges workspaces by ids".into());
    }
    let text: String = report.iter().map(|l| format!("{l}\n")).collect();
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => output_failed(&e, err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_exact_patterns() {
        assert_eq!(path_pattern("plans/acme.ron"), "/plans/acme.ron");
        assert_eq!(path_pattern("a b/x*.ron"), "\"/a b/x\\\\*.ron\"");
    }

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("/usr/bin/personas"), "/usr/bin/personas");
        assert_eq!(shell_quote("/tmp/it's here/p"), r"'/tmp/it'\''s here/p'");
    }
}
