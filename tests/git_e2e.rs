//! Teams in git, end to end (SPEC §9): a temporary repository, `personas git-setup`, branches
//! editing the bundled example, real `git merge`, `git diff` and `git log -p`. git's global and
//! system config are kept out (GIT_CONFIG_GLOBAL / GIT_CONFIG_NOSYSTEM, HOME in the temp dir).
//! Without git the tests are skipped and say so, or fail when `CI` is set (tests/common/tools.rs).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use personas::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use common::tools::{self, GIT};

const FILE: &str = "acme.personas.ron";

struct Repo {
    dir: TempDir,
    git: PathBuf,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Repo {
    /// A new repository; `None` when git is missing (the test is skipped).
    fn new() -> Option<Repo> {
        let git = tools::find(&GIT)?;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("repo")).expect("repo dir");
        let repo = Repo { dir, git };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Test"]);
        repo.git_ok(&["config", "user.email", "test@example.com"]);
        Some(repo)
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn file(&self) -> PathBuf {
        self.root().join(FILE)
    }

    fn env(&self, cmd: &mut Command) {
        cmd.current_dir(self.root())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("GIT_CONFIG_GLOBAL", self.dir.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", self.dir.path())
            .env("GIT_PAGER", "cat")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(&self.git);
        self.env(&mut cmd);
        cmd.args(args).output().expect("git runs")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn personas(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("personas"));
        self.env(&mut cmd);
        cmd.args(args).output().expect("personas runs")
    }

    /// Rewrites the workspace with `edit`, through the library, and commits it.
    fn commit_edit(&self, message: &str, edit: impl FnOnce(&mut personas::model::Workspace)) {
        let mut ws = store::load(&self.file()).expect("loads");
        edit(&mut ws);
        store::save(&self.file(), &ws).expect("saves");
        self.git_ok(&["commit", "-q", "-am", message]);
    }
}

fn set_up() -> Option<Repo> {
    let repo = Repo::new()?;
    std::fs::write(repo.file(), store::EXAMPLE).expect("write");
    // A tracked workspace the default pattern does not match: git-setup finds it.
    std::fs::create_dir(repo.root().join("plans")).expect("dir");
    std::fs::write(repo.root().join("plans/q3.ron"), store::EXAMPLE).expect("write");
    std::fs::write(repo.root().join("notes.ron"), "(not: \"a workspace\")\n").expect("write");
    repo.git_ok(&["add", "."]);
    repo.git_ok(&["commit", "-q", "-m", "the example"]);
    let setup = repo.personas(&["git-setup"]);
    assert_eq!(setup.status.code(), Some(0), "{}", text(&setup.stderr));
    let said = text(&setup.stdout);
    assert!(
        said.contains("*.personas.ron merge=personas diff=personas"),
        "{said}"
    );
    assert!(
        said.contains("/plans/q3.ron merge=personas diff=personas"),
        "{said}"
    );
    assert!(said.contains("merge.personas.driver") && said.contains("diff.personas.textconv"));
    assert!(!said.contains("notes.ron"), "not a workspace: {said}");
    repo.git_ok(&["add", ".gitattributes"]);
    repo.git_ok(&["commit", "-q", "-m", "merge workspaces by ids"]);
    Some(repo)
}

#[test]
fn git_setup_is_idempotent_and_uses_git_config() {
    let Some(repo) = set_up() else {
        return;
    };
    let attributes = std::fs::read_to_string(repo.root().join(".gitattributes")).expect("read");
    let again = repo.personas(&["git-setup"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stdout).contains("already set up"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(repo.root().join(".gitattributes")).expect("read"),
        attributes
    );
    let driver = repo.git_ok(&["config", "--local", "--get", "merge.personas.driver"]);
    assert!(
        driver.trim_end().ends_with("merge --git %O %A %B %P"),
        "{driver}"
    );
    let attr = repo.git_ok(&["check-attr", "merge", "diff", "--", FILE, "plans/q3.ron"]);
    assert_eq!(attr.matches(": personas").count(), 4, "{attr}");
}

#[test]
fn git_setup_outside_a_repository_is_a_clear_error() {
    let Some(repo) = Repo::new() else {
        return;
    };
    std::fs::remove_dir_all(repo.root().join(".git")).expect("un-init");
    let out = repo.personas(&["git-setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not inside a git repository"),
        "{}",
        text(&out.stderr)
    );
    assert!(!repo.root().join(".gitattributes").exists());
}

#[test]
fn edits_of_different_personas_merge_cleanly() {
    let Some(repo) = set_up() else {
        return;
    };
    repo.git_ok(&["checkout", "-q", "-b", "breakout"]);
    repo.commit_edit("rename the employee", |ws| {
        std::sync::Arc::make_mut(&mut ws.columns[0][0]).name = "The Staff".into()
    });
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.commit_edit("rename the manager", |ws| {
        std::sync::Arc::make_mut(&mut ws.columns[0][1]).name = "The Boss".into()
    });
    let merge = repo.git(&["merge", "-q", "-m", "merge", "breakout"]);
    assert!(
        merge.status.success(),
        "{}{}",
        text(&merge.stdout),
        text(&merge.stderr)
    );
    let ws = store::load(&repo.file()).expect("loads");
    assert_eq!(
        (
            ws.columns[0][0].name.as_str(),
            ws.columns[0][1].name.as_str()
        ),
        ("The Staff", "The Boss")
    );
    let check = repo.personas(&["check", FILE]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
fn the_same_field_edited_on_both_branches_is_a_conflict_that_loads_and_resolves() {
    let Some(repo) = set_up() else {
        return;
    };
    repo.git_ok(&["checkout", "-q", "-b", "breakout"]);
    repo.commit_edit("their role", |ws| {
        std::sync::Arc::make_mut(&mut ws.columns[0][1]).role = "Team lead (breakout)".into()
    });
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.commit_edit("our role", |ws| {
        std::sync::Arc::make_mut(&mut ws.columns[0][1]).role = "Team lead (main)".into()
    });
    let merge = repo.git(&["merge", "-m", "merge", "breakout"]);
    assert!(!merge.status.success(), "git reports a conflict");
    assert!(
        text(&merge.stdout).contains("CONFLICT"),
        "{}",
        text(&merge.stdout)
    );
    assert!(
        text(&merge.stderr).contains("acme.personas.ron: error[conflict]: user \"manager\": role")
    );

    let ws = store::load(&repo.file()).expect("the conflicted file loads");
    assert_eq!(ws.columns[0][1].role, "Team lead (main)", "ours in place");
    let check = repo.personas(&["check", FILE]);
    assert_eq!(check.status.code(), Some(1));
    let err = text(&check.stderr);
    assert!(
        err.contains("\"manager\"") && err.contains("role") && err.contains("Team lead (breakout)"),
        "{err}"
    );

    // Resolved as a person would in the app: `3` Gaps, Enter on the conflict, `t` theirs.
    let mut state = personas::app::State::new(ws, repo.file());
    for c in ['3', '\n', 't'] {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        personas::app::update(
            &mut state,
            personas::app::Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
    }
    let ws = state.doc.workspace();
    assert!(ws.conflicts.is_empty(), "resolved in the app");
    store::save(&repo.file(), ws).expect("saves");
    repo.git_ok(&["add", FILE]);
    repo.git_ok(&["commit", "-q", "-m", "merged, theirs for the role"]);
    let check = repo.personas(&["check", FILE]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let shown = std::fs::read_to_string(repo.file()).expect("read");
    assert!(shown.contains("Team lead (breakout)") && shown.contains("    format: 1,\n"));
}

#[test]
fn git_diff_shows_the_personas_diff_and_git_log_the_readable_form() {
    let Some(repo) = set_up() else {
        return;
    };
    repo.commit_edit("rename the manager", |ws| {
        std::sync::Arc::make_mut(&mut ws.columns[0][1]).name = "The Boss".into()
    });
    let mut ws = store::load(&repo.file()).expect("loads");
    std::sync::Arc::make_mut(&mut ws.columns[1][0]).goals[0].text = "Grow faster".into();
    store::save(&repo.file(), &ws).expect("saves");

    let diff = repo.git_ok(&["diff", "--", FILE]);
    assert!(
        diff.starts_with("personas diff a/acme.personas.ron b/acme.personas.ron\n"),
        "{diff}"
    );
    assert!(diff.contains("→ \"Grow faster\""), "{diff}");
    assert!(diff.contains("coverage "), "{diff}");

    let log = repo.git_ok(&["log", "-p", "-1", "--", FILE]);
    assert!(
        log.contains("-### The Manager") && log.contains("+### The Boss"),
        "{log}"
    );
    assert!(!log.contains("name: \"The Boss\""), "not the RON: {log}");
    let show = repo.git_ok(&["show", "HEAD"]);
    assert!(show.contains("+### The Boss"), "{show}");
}

#[test]
fn git_setup_takes_a_pattern() {
    let Some(repo) = Repo::new() else {
        return;
    };
    let out = repo.personas(&["git-setup", "--pattern", "personas/*.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let attributes = std::fs::read_to_string(repo.root().join(".gitattributes")).expect("read");
    assert_eq!(attributes, "personas/*.ron merge=personas diff=personas\n");
    let attr = repo.git_ok(&["check-attr", "merge", "--", "personas/a.ron", "b.ron"]);
    assert!(attr.contains("personas/a.ron: merge: personas"), "{attr}");
    assert!(attr.contains("b.ron: merge: unspecified"), "{attr}");
}
