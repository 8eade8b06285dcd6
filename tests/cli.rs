//! The command line end to end: the real binary, its output and its exit codes (SPEC §6).
//! Every run has `HOME` and the XDG directories pointed at a temp dir.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// One user goal → one department goal → one buyer goal, all measured: no findings.
const LINKED: &str = r#"(
    format: 1,
    title: "Linked",
    users: [
        (
            id: "zelda",
            name: "Zelda Operator",
            goals: [
                (id: "zelda-fast", text: "Close tickets fast", metric: "Median minutes", supports: ["support-csat"]),
            ],
        ),
    ],
    departments: [
        (
            id: "support",
            name: "Support",
            goals: [
                (id: "support-csat", text: "Raise CSAT", metric: "CSAT score", supports: ["cfo-churn"]),
            ],
        ),
    ],
    buyers: [
        (
            id: "cfo",
            name: "The CFO",
            kind: Methodical,
            buying_role: UltimateBuyer,
            goals: [
                (id: "cfo-churn", text: "Cut churn", metric: "Annual churn rate"),
            ],
        ),
    ],
)
"#;

/// LINKED plus a user goal that supports nothing and has no metric: two findings, 1/2 coverage.
const GAPPY: &str = r#"(
    format: 1,
    title: "Gappy",
    users: [
        (
            id: "zelda",
            name: "Zelda Operator",
            goals: [
                (id: "zelda-fast", text: "Close tickets fast", metric: "Median minutes", supports: ["support-csat"]),
                (id: "zelda-home", text: "Work from home"),
            ],
        ),
    ],
    departments: [
        (
            id: "support",
            name: "Support",
            goals: [
                (id: "support-csat", text: "Raise CSAT", metric: "CSAT score", supports: ["cfo-churn"]),
            ],
        ),
    ],
    buyers: [
        (
            id: "cfo",
            name: "The CFO",
            goals: [
                (id: "cfo-churn", text: "Cut churn", metric: "Annual churn rate"),
            ],
        ),
    ],
)
"#;

/// Two validation errors: a link to a goal that does not exist, and a duplicate id.
const TWO_ERRORS: &str = r#"(
    users: [
        (
            id: "zelda",
            name: "Zelda",
            goals: [
                (id: "g1", text: "One", supports: ["ghost"]),
                (id: "g1", text: "Two"),
            ],
        ),
    ],
)
"#;

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write fixture");
        path
    }

    /// The binary, run in the sandbox with its home and XDG directories there too.
    fn personas(&self) -> Command {
        let mut cmd = Command::cargo_bin("personas").expect("binary");
        let home = self.path("home");
        cmd.current_dir(self.dir.path())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("NO_COLOR")
            .env("TERM", "dumb");
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = self.personas().args(args).output().expect("runs");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
        }
    }
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

// ---- new ----

#[test]
fn new_writes_the_example_and_check_accepts_it() {
    let sb = Sandbox::new();
    let file = sb.path("acme.ron");
    let run = sb.run(&["new", s(&file)]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("created {}\n", s(&file)));
    assert_eq!(
        std::fs::read_to_string(&file).expect("created"),
        personas::store::EXAMPLE
    );

    let run = sb.run(&["check", s(&file)]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let prefix = format!("{}: ", s(&file));
    assert!(
        run.stdout.lines().all(|l| l.starts_with(&prefix)),
        "{run:?}"
    );
    assert!(
        run.stdout.contains(" user goals reach a buyer ("),
        "{run:?}"
    );
    let last = run.stdout.lines().last().expect("summary");
    assert!(last.starts_with(&format!("{prefix}ok (")), "{run:?}");
}

#[test]
fn new_refuses_to_overwrite_anything() {
    let sb = Sandbox::new();
    let precious = b"precious \x00 bytes, not even RON\n";
    let file = sb.path("mine.ron");
    std::fs::write(&file, precious).expect("write");
    for blank in [false, true] {
        let mut args = vec!["new", s(&file)];
        if blank {
            args.push("--blank");
        }
        let run = sb.run(&args);
        assert_eq!(run.code, Some(1), "{run:?}");
        assert!(run.stderr.contains("already exists"), "{run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        assert_eq!(std::fs::read(&file).expect("read"), precious);
    }

    let dir = sb.path("a-directory");
    std::fs::create_dir(&dir).expect("mkdir");
    let run = sb.run(&["new", s(&dir)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(dir.is_dir());
    assert_eq!(std::fs::read_dir(&dir).expect("ls").count(), 0);

    let dangling = sb.path("dangling.ron");
    let target = sb.path("nowhere.ron");
    std::os::unix::fs::symlink(&target, &dangling).expect("symlink");
    let run = sb.run(&["new", s(&dangling)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(!target.exists(), "wrote through a dangling symlink");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("still there")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn new_in_a_missing_directory_fails_cleanly() {
    let sb = Sandbox::new();
    let file = sb.path("no/such/dir/w.ron");
    let run = sb.run(&["new", s(&file)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("cannot create"), "{run:?}");
}

#[test]
fn new_blank_writes_an_empty_workspace_titled_after_the_file() {
    let sb = Sandbox::new();
    let file = sb.path("team.ron");
    let run = sb.run(&["new", s(&file), "--blank"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let ws = personas::store::load(&file).expect("loads");
    assert_eq!(ws.title, "team");
    assert_eq!(ws.persona_count(), 0);
    // Nothing but the file itself is left in the directory (no temporary files).
    let names: Vec<_> = std::fs::read_dir(sb.dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["team.ron"]);

    let run = sb.run(&["check", s(&file)]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout.matches("warning[empty-column]").count(),
        3,
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("coverage 0/0 user goals reach a buyer (0%)")
    );
    let run = sb.run(&["check", s(&file), "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{run:?}");
}

// ---- check ----

#[test]
fn check_prints_findings_coverage_and_a_summary() {
    let sb = Sandbox::new();
    sb.write("gappy.ron", GAPPY);
    let run = sb.run(&["check", "gappy.ron"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{run:?}");
    assert!(
        lines[0].starts_with("gappy.ron: warning[unlinked-user-goal]: "),
        "{run:?}"
    );
    assert!(lines[0].contains("Work from home"), "{run:?}");
    assert!(
        lines[1].starts_with("gappy.ron: warning[no-metric]: "),
        "{run:?}"
    );
    assert_eq!(
        lines[2],
        "gappy.ron: coverage 1/2 user goals reach a buyer (50%)"
    );
    assert_eq!(
        lines[3],
        "gappy.ron: ok (3 personas, 4 goals, 2 links, 2 warnings)"
    );
}

#[test]
fn deny_warnings_fails_only_when_there_are_findings() {
    let sb = Sandbox::new();
    sb.write("gappy.ron", GAPPY);
    let run = sb.run(&["check", "gappy.ron", "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("warning[no-metric]"), "{run:?}");
    assert!(run.stderr.contains("--deny-warnings"), "{run:?}");

    sb.write("linked.ron", LINKED);
    let run = sb.run(&["check", "linked.ron", "--deny-warnings"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "linked.ron: coverage 1/1 user goals reach a buyer (100%)\n\
         linked.ron: ok (3 personas, 3 goals, 2 links, 0 warnings)\n"
    );
    assert!(run.stderr.is_empty(), "{run:?}");
}

#[test]
fn check_shows_where_a_syntax_error_is() {
    let sb = Sandbox::new();
    sb.write("bad.ron", "(\n    title: \"x\",\n    users: [ nope ],\n)\n");
    let run = sb.run(&["check", "bad.ron"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(run.stderr.starts_with("bad.ron:3:14: error: "), "{run:?}");
    assert!(
        run.stderr
            .contains(" 3 |     users: [ nope ],\n   |              ^"),
        "{run:?}"
    );
}

#[test]
fn check_on_an_unreadable_path_exits_2() {
    let sb = Sandbox::new();
    let run = sb.run(&["check", "missing.ron"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.starts_with("missing.ron: error: cannot read"),
        "{run:?}"
    );

    std::fs::create_dir(sb.path("folder.ron")).expect("mkdir");
    let run = sb.run(&["check", "folder.ron"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("folder.ron"), "{run:?}");
}

#[test]
fn check_reports_every_validation_error() {
    let sb = Sandbox::new();
    sb.write("two.ron", TWO_ERRORS);
    let run = sb.run(&["check", "two.ron"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("two.ron:") && l.contains("error:"))
        .collect();
    assert_eq!(errors.len(), 2, "{run:?}");
    assert!(run.stderr.contains("ghost"), "{run:?}");
    assert!(run.stderr.contains("duplicate id \"g1\""), "{run:?}");
}

#[test]
fn no_escape_sequence_from_a_file_reaches_the_terminal() {
    let sb = Sandbox::new();
    // A persona named with raw ESC/BEL bytes (a title-setting sequence), with no goals: a finding
    // quotes the name. The file name itself carries an escape sequence too.
    let evil = "(users: [(id: \"e\", name: \"\u{1b}]0;pwned\u{7}\u{1b}[2J Evil\")])";
    let name = "evil\u{1b}[31m.ron";
    sb.write(name, evil);
    let run = sb.run(&["check", name]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("warning[no-goals]"), "{run:?}");
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{run:?}"
    );
    assert!(!run.stderr.contains('\u{1b}'), "{run:?}");

    // A syntax error on a line holding raw escapes: the shown line is made visible.
    let broken = "(users: [(id: \"e\", name: \"\u{1b}[2J\" oops)])";
    sb.write(name, broken);
    let run = sb.run(&["check", name]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains('␛'), "{run:?}");
    assert!(!run.stderr.contains('\u{1b}'), "{run:?}");

    // A validation error naming a bad id with escapes in it.
    let bad_link = "(users: [(id: \"e\", name: \"E\", goals: [(id: \"g\", text: \"t\", supports: [\"\u{1b}[5m\"])])])";
    sb.write(name, bad_link);
    let run = sb.run(&["check", name]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(!run.stderr.contains('\u{1b}'), "{run:?}");
}

// ---- export ----

const FORMATS: [&str; 7] = ["markdown", "mermaid", "dot", "json", "html", "svg", "story"];

#[test]
fn export_writes_every_format_to_stdout_and_to_a_file() {
    let sb = Sandbox::new();
    sb.write("linked.ron", LINKED);
    for format in FORMATS {
        let run = sb.run(&["export", "linked.ron", "--format", format]);
        assert_eq!(run.code, Some(0), "{format}: {run:?}");
        assert!(!run.stdout.trim().is_empty(), "{format}: empty report");

        let out = sb.path(&format!("report.{format}"));
        let run = sb.run(&["export", "linked.ron", "-f", format, "-o", s(&out)]);
        assert_eq!(run.code, Some(0), "{format}: {run:?}");
        let written = std::fs::read_to_string(&out).expect("report written");
        assert!(!written.trim().is_empty(), "{format}: empty report file");

        match format {
            "json" => {
                serde_json::from_str::<serde_json::Value>(&written).expect("json parses");
            }
            "markdown" => assert!(written.contains("Zelda Operator"), "{written}"),
            _ => {}
        }
    }
}

#[test]
fn export_of_a_bad_file_writes_nothing() {
    let sb = Sandbox::new();
    sb.write("two.ron", TWO_ERRORS);
    let out = sb.path("out.md");
    let run = sb.run(&["export", "two.ron", "--format", "markdown", "-o", s(&out)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("two.ron:"), "{run:?}");
    assert!(!out.exists());

    let run = sb.run(&["export", "missing.ron", "--format", "json", "-o", s(&out)]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(!out.exists());
}

#[test]
fn export_never_overwrites_the_workspace_it_reads() {
    let sb = Sandbox::new();
    let file = sb.write("linked.ron", LINKED);
    let run = sb.run(&["export", "linked.ron", "--format", "json", "-o", s(&file)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), LINKED);
}

// ---- usage and help ----

#[test]
fn every_command_has_help_naming_its_flags() {
    let sb = Sandbox::new();
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["--help"],
            &["--read-only", "new", "check", "export", "Examples"],
        ),
        (&["new", "--help"], &["--blank", "FILE"]),
        (
            &["check", "--help"],
            &["--deny-warnings", "FILE", "Exit status"],
        ),
        (
            &["export", "--help"],
            &[
                "--format", "--output", "-o", "markdown", "mermaid", "dot", "json", "html", "svg",
                "story", "--chain",
            ],
        ),
    ];
    for (args, words) in cases {
        let run = sb.run(args);
        assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
        for word in words {
            assert!(
                run.stdout.contains(word),
                "{args:?} lacks {word}: {}",
                run.stdout
            );
        }
    }
    let run = sb.run(&["--version"]);
    assert_eq!(run.code, Some(0), "{run:?}");
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    sb.write("linked.ron", LINKED);
    for args in [
        &["export", "linked.ron"][..],
        &["export", "linked.ron", "--format", "pdf"],
        &["check"],
        &["new"],
        &["check", "linked.ron", "--frobnicate"],
        &["linked.ron", "check", "linked.ron"],
    ] {
        let run = sb.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}
