//! Programs from outside the project that some tests run (Chromium, chromedriver, git): found on
//! the PATH or at the usual places, and checked to run (`--version` answers). Where one is
//! missing, a test that needs it skips with one line on the real stderr — `cargo test` passes on a
//! machine with only Rust and git — unless `CI` is set: CI must run the real check, so there it
//! fails.
//!
//! A test starts with `let Some(chromium) = tools::find(&tools::CHROMIUM) else { return };`.

#![allow(dead_code)] // each test file uses part of it

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An outside program: what it is called in messages, the names it has on the PATH, and the
/// places it is installed where the PATH may not reach.
pub struct Tool {
    pub name: &'static str,
    pub commands: &'static [&'static str],
    pub places: &'static [&'static str],
    /// The program under test runs it by name, so only the first match on the PATH counts: the
    /// one it would run.
    pub first_on_path: bool,
}

/// The html export is checked in a real headless browser (tests/browser.rs); Chrome takes the
/// same flags.
pub const CHROMIUM: Tool = Tool {
    name: "Chromium",
    commands: &[
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ],
    places: &[
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ],
    first_on_path: false,
};

/// The room's page is driven in Chromium through WebDriver (tests/room_browser.rs); Debian's
/// `chromium-driver` matches the `chromium` package.
pub const CHROMEDRIVER: Tool = Tool {
    name: "chromedriver",
    commands: &["chromedriver"],
    places: &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    first_on_path: false,
};

/// The merge driver's tests run real git, and so does the program under test (`git merge-file`,
/// `git config`) by name: so only the git the PATH gives counts.
pub const GIT: Tool = Tool {
    name: "git",
    commands: &["git"],
    places: &[],
    first_on_path: true,
};

/// The completion scripts are checked by the shell that reads them (tests/completions.rs).
pub const BASH: Tool = Tool {
    name: "bash",
    commands: &["bash"],
    places: &["/bin/bash", "/usr/local/bin/bash", "/opt/homebrew/bin/bash"],
    first_on_path: false,
};

/// `personas man` is rendered with `man -l` (man-db), as a user reads it (tests/completions.rs).
pub const MAN: Tool = Tool {
    name: "man (man-db)",
    commands: &["man"],
    places: &["/usr/bin/man"],
    first_on_path: false,
};

/// `man` formats with groff; the page is also checked with groff's own warnings on
/// (tests/completions.rs).
pub const GROFF: Tool = Tool {
    name: "groff",
    commands: &["groff"],
    places: &["/usr/bin/groff", "/opt/homebrew/bin/groff"],
    first_on_path: false,
};

/// What a test does about a program it needs.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// It is there and runs: the test goes on.
    Run,
    /// It is not: the test says so and passes.
    Skip,
    /// It is not, under CI: the test fails.
    Fail,
}

/// The decision, from whether the program was found (and runs) and whether `CI` is set.
pub fn decide(found: bool, ci: bool) -> Decision {
    match (found, ci) {
        (true, _) => Decision::Run,
        (false, false) => Decision::Skip,
        (false, true) => Decision::Fail,
    }
}

/// `CI` is set (to anything but empty, `0` or `false`), as CI and `.ci/run` do.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The outcome of looking for a program: its path, or the line a skipped test prints, or the
/// message a failed one panics with.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    Run(PathBuf),
    Skip(String),
    Fail(String),
}

/// Looks for the program and decides; `ci` is whether `CI` is set.
pub fn look(tool: &Tool, ci: bool) -> Found {
    let probed = probe(tool);
    let why = match &probed {
        Err(why) if !why.is_empty() => format!(" ({why})"),
        _ => String::new(),
    };
    let name = tool.name;
    match (decide(probed.is_ok(), ci), probed) {
        (Decision::Run, Ok(path)) => Found::Run(path),
        (Decision::Skip, _) => Found::Skip(format!(
            "skipped: {name} not found — install it, or run bash .ci/run{why}"
        )),
        _ => Found::Fail(format!(
            "{name} not found — install it, or run bash .ci/run{why}. CI is set, so a missing \
             {name} fails the test instead of skipping it"
        )),
    }
}

/// The program's path when it is there and runs. Otherwise the test is skipped — one line on
/// stderr naming the program and the test, and `None` — or, when `CI` is set, fails.
#[track_caller]
pub fn find(tool: &Tool) -> Option<PathBuf> {
    match look(tool, ci()) {
        Found::Run(path) => Some(path),
        Found::Skip(line) => {
            let test = std::thread::current().name().unwrap_or("a test").to_owned();
            say(&format!("{line} [{test}]"));
            None
        }
        Found::Fail(message) => panic!("{message}"),
    }
}

/// Writes a line to the process's real stderr: libtest captures only what `eprintln!` prints, and
/// shows a passing test's captured output to no one.
fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// The first candidate that runs; `Err` says why none did (empty when none was there at all).
fn probe(tool: &Tool) -> Result<PathBuf, String> {
    let mut broken = Vec::new();
    for path in candidates(tool) {
        match answers(&path) {
            Ok(()) => return Ok(path),
            Err(e) => broken.push(format!("{} {e}", path.display())),
        }
    }
    Err(broken.join("; "))
}

/// Executable files with the tool's names on the PATH, then at its usual places; each file once
/// (`/bin` is often `/usr/bin`). Only the first, when the program under test runs the tool.
fn candidates(tool: &Tool) -> Vec<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path = std::env::split_paths(&path)
        .filter(|dir| dir.is_absolute())
        .flat_map(|dir| tool.commands.iter().map(move |c| dir.join(c)));
    let mut found = Vec::new();
    let mut seen = Vec::new();
    for p in on_path.chain(tool.places.iter().map(PathBuf::from)) {
        let real = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if executable(&p) && !seen.contains(&real) {
            seen.push(real);
            found.push(p);
        }
    }
    if tool.first_on_path {
        found.truncate(1);
    }
    found
}

fn executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `PROGRAM --version` exits 0 and prints something within 30 seconds.
fn answers(path: &Path) -> Result<(), String> {
    let mut child = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("does not start: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("does not answer --version within 30 s".into());
            }
            Err(e) => return Err(format!("cannot be waited for: {e}")),
        }
    };
    let mut said = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut said);
    }
    if !status.success() {
        return Err(format!("does not answer --version, {status}"));
    }
    if said.trim().is_empty() {
        return Err("prints nothing for --version".into());
    }
    Ok(())
}
