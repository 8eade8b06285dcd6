//! `personas completions SHELL` and `personas man` (SPEC §6), end to end: the real binary, the
//! shell that reads the script, and `man` / groff reading the page. Without bash, man or groff the
//! tests that need them are skipped and say so, or fail when `CI` is set (tests/common/tools.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use clap::CommandFactory as _;
use personas::cli::Cli;
use tempfile::TempDir;

use common::tools::{self, BASH, GROFF, MAN};

const BIN: &str = env!("CARGO_BIN_EXE_personas");
const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

/// A temp directory that is HOME, the XDG directories and the working directory of every run.
struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, program: &Path) -> Command {
        let home = self.dir.path();
        let mut cmd = Command::new(program);
        cmd.current_dir(home)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::null());
        cmd
    }

    fn personas(&self, args: &[&str]) -> Output {
        self.command(Path::new(BIN))
            .args(args)
            .output()
            .expect("run personas")
    }

    /// `personas ARGS`, which must succeed quietly; its stdout.
    fn stdout_of(&self, args: &[&str]) -> String {
        let out = self.personas(args);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "personas {args:?}: {}\n{}",
            out.status,
            text(&out.stderr)
        );
        text(&out.stdout)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The subcommands a user sees in `personas --help`.
fn visible_subcommands() -> Vec<clap::Command> {
    Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect()
}

#[test]
fn every_shell_gets_a_script_that_names_the_subcommands() {
    let place = Place::new();
    for shell in SHELLS {
        let script = place.stdout_of(&["completions", shell]);
        assert!(script.contains("personas"), "{shell}:\n{script}");
        for sub in [
            "new",
            "check",
            "export",
            "import",
            "merge",
            "diff",
            "git-setup",
        ] {
            assert!(script.contains(sub), "{shell}: no {sub} in\n{script}");
        }
        // fish names options without their dashes.
        assert!(script.contains("deny-warnings"), "{shell}:\n{script}");
    }
}

#[test]
fn bash_reads_the_script_and_completes_subcommands_and_shells() {
    let Some(bash) = tools::find(&BASH) else {
        return;
    };
    let place = Place::new();
    let file = place.path("personas.bash");
    std::fs::write(&file, place.stdout_of(&["completions", "bash"])).expect("write script");
    let syntax = place
        .command(&bash)
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash -n");
    assert!(syntax.status.success(), "bash -n: {}", text(&syntax.stderr));

    // What Tab offers after the words given: the script's function, called as bash calls it.
    let complete = |words: &[&str]| {
        let program = r#"source "$1"; shift
            COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            _personas personas "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\n' "${COMPREPLY[@]}""#;
        let out = place
            .command(&bash)
            .arg("-c")
            .arg(program)
            .arg("bash")
            .arg(&file)
            .args(words)
            .output()
            .expect("bash");
        assert!(out.status.success(), "{words:?}: {}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(complete(&["personas", "ex"]), ["export"]);
    assert_eq!(complete(&["personas", "completions", "f"]), ["fish"]);
    let shells = complete(&["personas", "completions", ""]);
    for shell in SHELLS {
        assert!(shells.iter().any(|s| s == shell), "{shells:?}");
    }
    assert!(complete(&["personas", "check", "--d"]).contains(&"--deny-warnings".to_owned()));
    // Tab offers what --help shows, not the hidden plumbing (generate, textconv).
    let subcommands = complete(&["personas", ""]);
    for sub in visible_subcommands() {
        assert!(
            subcommands.iter().any(|s| s == sub.get_name()),
            "{subcommands:?}"
        );
    }
    for hidden in ["generate", "textconv"] {
        assert!(!subcommands.iter().any(|s| s == hidden), "{subcommands:?}");
    }
}

#[test]
fn a_bad_or_missing_shell_is_a_usage_error() {
    let place = Place::new();
    let out = place.personas(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");

    let out = place.personas(&["completions"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("<SHELL>"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn man_renders_every_subcommand_without_warnings() {
    let Some(man) = tools::find(&MAN) else { return };
    let Some(groff) = tools::find(&GROFF) else {
        return;
    };
    let place = Place::new();
    let page = place.path("personas.1");
    std::fs::write(&page, place.stdout_of(&["man"])).expect("write page");

    let out = place
        .command(&man)
        .args(["--warnings=w", "-l"])
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("man -l");
    let shown = text(&out.stdout);
    assert!(out.status.success(), "man -l: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "man -l warned");
    for heading in [
        "PERSONAS(1)",
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "EXIT STATUS",
        "FILES",
        "EXAMPLES",
    ] {
        assert!(
            shown.lines().any(|l| l.trim_end().ends_with(heading)),
            "no {heading} in\n{shown}"
        );
    }
    // The header and footer lines: the manual's name on top, the version at the bottom.
    let lines: Vec<&str> = shown.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines[0].contains("User Commands"), "{}", lines[0]);
    let version = format!("personas {}", env!("CARGO_PKG_VERSION"));
    assert!(lines[lines.len() - 1].contains(&version), "{shown}");
    for file in ["~/.config/personas/config.ron", "~/.local/share/personas/"] {
        assert!(shown.contains(file), "no {file} in\n{shown}");
    }
    // Each subcommand under a heading of its own, with each of its options.
    let subcommands = visible_subcommands();
    let names: Vec<&str> = subcommands.iter().map(clap::Command::get_name).collect();
    for name in [
        "new",
        "check",
        "export",
        "merge",
        "diff",
        "git-setup",
        "import",
        "man",
    ] {
        assert!(names.contains(&name), "{names:?}");
    }
    for sub in subcommands {
        let heading = format!("   personas {}\n", sub.get_name());
        let at = shown
            .find(&heading)
            .unwrap_or_else(|| panic!("no {heading:?} in\n{shown}"));
        let section = &shown[at..];
        let section = &section[..section[heading.len()..]
            .find("\n   personas ")
            .map_or(section.len(), |end| end + heading.len())];
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                assert!(
                    section.contains(&format!("--{long}")),
                    "no --{long} under personas {}:\n{section}",
                    sub.get_name()
                );
            }
        }
    }

    // groff itself, all warnings on, with no help from man's preprocessors.
    let out = place
        .command(&groff)
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff");
    assert!(out.status.success(), "groff: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "groff warned");
}

#[test]
fn output_goes_to_stdout_so_a_redirect_gets_all_of_it() {
    let place = Place::new();
    for args in [&["man"][..], &["completions", "zsh"]] {
        let piped = place.stdout_of(args);
        let file = place.path("redirected");
        let out = place
            .command(Path::new(BIN))
            .args(args)
            .stdout(std::fs::File::create(&file).expect("create"))
            .output()
            .expect("run personas");
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
        let written = std::fs::read_to_string(&file).expect("read");
        assert!(!written.is_empty());
        assert_eq!(written, piped, "{args:?}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error_message() {
    let place = Place::new();
    for args in [&["man"][..], &["completions", "bash"]] {
        // `| head -1` that has already gone: the reading end is closed before personas writes.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = place
            .command(Path::new(BIN))
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run personas");
        assert_eq!(text(&out.stderr), "", "{args:?}");
        // Not a panic (101) and not killed by a signal: the ordinary failure code.
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
}
