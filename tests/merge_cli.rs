//! `personas merge`, `personas diff` and `check` on conflicts, end to end with the real binary
//! (SPEC §9): exit codes, OURS untouched on bad input, messages naming the file, format 2 files.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use personas::model::{Conflict, Resolution, Workspace, resolve};
use personas::store;
use tempfile::TempDir;

use common::tools::{self, GIT};

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).expect("write");
        p
    }

    fn save(&self, name: &str, ws: &Workspace) -> PathBuf {
        self.write(name, &store::to_ron(ws))
    }

    fn personas(&self) -> Command {
        let mut cmd = Command::cargo_bin("personas").expect("binary");
        cmd.current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"));
        cmd
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The example, ours with the employee renamed, theirs with the manager renamed.
fn three(sb: &Sandbox) -> (PathBuf, PathBuf, PathBuf) {
    let base = store::example();
    let mut ours = base.clone();
    std::sync::Arc::make_mut(&mut ours.columns[0][0]).name = "The Staff".into();
    let mut theirs = base.clone();
    std::sync::Arc::make_mut(&mut theirs.columns[0][1]).name = "The Boss".into();
    (
        sb.save("base.ron", &base),
        sb.save("ours.ron", &ours),
        sb.save("theirs.ron", &theirs),
    )
}

#[test]
fn a_clean_merge_replaces_ours_and_exits_0() {
    let sb = Sandbox::new();
    let (b, o, t) = three(&sb);
    let run = sb
        .personas()
        .args(["merge"])
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let merged = store::load(&o).expect("loads");
    assert_eq!(merged.columns[0][0].name, "The Staff");
    assert_eq!(merged.columns[0][1].name, "The Boss");
    assert!(text(&run.stdout).contains("merged into"));
    let saved = std::fs::read_to_string(&o).expect("read");
    assert!(
        saved.contains("    format: 1,\n") && !saved.contains("conflicts"),
        "{saved}"
    );
}

#[test]
fn output_goes_to_out_or_to_stdout_and_ours_is_kept() {
    let sb = Sandbox::new();
    let (b, o, t) = three(&sb);
    let before = std::fs::read(&o).expect("read");
    let out = sb.path("out.ron");
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(std::fs::read(&o).expect("read"), before);
    let written = std::fs::read_to_string(&out).expect("written");
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .args(["-o", "-"])
        .output()
        .expect("runs");
    assert_eq!(text(&run.stdout), written, "the same bytes on stdout");
    assert!(text(&run.stderr).contains("merged into -"));
}

#[test]
fn a_conflict_is_recorded_in_format_2_and_check_names_it() {
    let sb = Sandbox::new();
    let base = store::example();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    std::sync::Arc::make_mut(&mut ours.columns[1][0]).goals[0].metric = "Ours metric".into();
    std::sync::Arc::make_mut(&mut theirs.columns[1][0]).goals[0].metric =
        "Their \"metric\"\nwith a new line".into();
    let id = base.columns[1][0].goals[0].id.clone();
    let (b, o, t) = (
        sb.save("b.ron", &base),
        sb.save("o.ron", &ours),
        sb.save("t.ron", &theirs),
    );
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    assert!(text(&run.stderr).contains(&format!("error[conflict]: goal {id:?}: metric")));

    let saved = std::fs::read_to_string(&o).expect("read");
    assert!(saved.contains("    format: 2,\n"), "{saved}");
    let ws = store::load(&o).expect("a conflicted file loads");
    assert_eq!(
        ws.conflicts,
        [Conflict {
            id: id.clone(),
            field: "metric".into(),
            base: Some(base.columns[1][0].goals[0].metric.clone()),
            ours: Some("Ours metric".into()),
            theirs: Some("Their \"metric\"\nwith a new line".into()),
        }]
    );
    assert_eq!(store::to_ron(&ws), saved, "byte-identical round trip");
    ron::from_str::<ron::Value>(&saved).expect("valid RON");

    let check = sb.personas().arg("check").arg(&o).output().expect("runs");
    assert_eq!(check.status.code(), Some(1));
    let err = text(&check.stderr);
    assert!(
        err.contains("o.ron: error[conflict]: goal") && err.contains(&id),
        "{err}"
    );

    // Resolving the last conflict makes the file format 1 again.
    let mut ws = ws;
    resolve(&mut ws, 0, Resolution::Theirs).expect("resolves");
    store::save(&o, &ws).expect("saves");
    let saved = std::fs::read_to_string(&o).expect("read");
    assert!(saved.contains("    format: 1,\n") && !saved.contains("conflicts"));
    let check = sb.personas().arg("check").arg(&o).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
fn bad_inputs_exit_2_name_the_file_and_leave_ours_untouched() {
    let good = store::to_ron(&store::example());
    let bad: [(&str, Option<&str>, &str); 4] = [
        ("missing", None, "cannot read"),
        (
            "not-ron",
            Some("this is { not RON"),
            "not a personas workspace",
        ),
        ("newer", Some("(format: 4, title: \"x\")"), "newer"),
        ("unreadable", None, "cannot read"),
    ];
    for (kind, content, message) in bad {
        for role in 0..3 {
            let sb = Sandbox::new();
            let mut paths = [
                sb.write("b.ron", &good),
                sb.write("o.ron", &good),
                sb.write("t.ron", &good),
            ];
            let bad_path = sb.path(&format!("{kind}.ron"));
            match (kind, content) {
                ("unreadable", _) => std::fs::create_dir(&bad_path).expect("dir"),
                (_, Some(c)) => std::fs::write(&bad_path, c).expect("write"),
                _ => {}
            }
            paths[role] = bad_path.clone();
            let ours_before = std::fs::read(&paths[1]).ok();
            let run = sb
                .personas()
                .arg("merge")
                .args(&paths)
                .output()
                .expect("runs");
            let err = text(&run.stderr);
            assert_eq!(run.status.code(), Some(2), "{kind} as input {role}: {err}");
            assert!(
                err.contains(&format!("{kind}.ron")),
                "{kind}: names the file: {err}"
            );
            assert!(err.contains(message), "{kind}: {err}");
            assert_eq!(
                std::fs::read(&paths[1]).ok(),
                ours_before,
                "{kind}: OURS untouched"
            );
            assert!(!err.contains("panicked"));
        }
    }
}

#[test]
fn files_that_are_not_workspaces_are_merged_as_text() {
    // `personas merge` runs `git merge-file` on them.
    if tools::find(&GIT).is_none() {
        return;
    }
    let sb = Sandbox::new();
    let b = sb.write("b.txt", "one\ntwo\nthree\n");
    let o = sb.write("o.txt", "ONE\ntwo\nthree\n");
    let t = sb.write("t.txt", "one\ntwo\nTHREE\n");
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        std::fs::read_to_string(&o).expect("read"),
        "ONE\ntwo\nTHREE\n"
    );
    let t = sb.write("t2.txt", "uno\ntwo\nthree\n");
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(&o)
            .expect("read")
            .contains("<<<<<<<")
    );
}

#[test]
fn an_empty_base_is_an_empty_workspace() {
    // git gives an empty %O when both branches added the file.
    let sb = Sandbox::new();
    let b = sb.write("b.ron", "");
    let ws = store::example();
    let (o, t) = (sb.save("o.ron", &ws), sb.save("t.ron", &ws));
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(store::load(&o).expect("loads"), ws);
}

#[test]
fn dropped_links_and_renames_are_reported() {
    let sb = Sandbox::new();
    let base = store::example();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Theirs deletes a department goal; ours links a user goal to it.
    let target = base.columns[1][1].goals[0].id.clone();
    std::sync::Arc::make_mut(&mut theirs.columns[1][1])
        .goals
        .remove(0);
    for g in theirs.columns[0]
        .iter_mut()
        .flat_map(|p| std::sync::Arc::make_mut(p).goals.iter_mut())
    {
        g.supports.retain(|s| *s != target);
    }
    std::sync::Arc::make_mut(&mut ours.columns[0][0]).goals[2]
        .supports
        .push(target.clone());
    let (b, o, t) = (
        sb.save("b.ron", &base),
        sb.save("o.ron", &ours),
        sb.save("t.ron", &theirs),
    );
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("dropped the link") && err.contains(&target),
        "{err}"
    );
    let check = sb.personas().arg("check").arg(&o).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
fn diff_lists_changes_exits_0_and_2_when_a_file_cannot_be_read() {
    let sb = Sandbox::new();
    let (b, o, _) = three(&sb);
    let run = sb
        .personas()
        .arg("diff")
        .args([&b, &o])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let out = text(&run.stdout);
    assert!(
        out.contains(r#"~ persona "employee" name: "The Employee" → "The Staff""#),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "plain when piped");
    let same = sb
        .personas()
        .arg("diff")
        .args([&b, &b])
        .output()
        .expect("runs");
    assert_eq!(same.status.code(), Some(0));
    assert!(text(&same.stdout).starts_with("no changes"));
    let missing = sb
        .personas()
        .arg("diff")
        .arg(&b)
        .arg(sb.path("nope.ron"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("nope.ron"));
}

#[test]
fn diff_with_git_takes_seven_arguments() {
    let sb = Sandbox::new();
    let (b, o, _) = three(&sb);
    let hex = "0000000";
    let run = sb
        .personas()
        .args(["diff", "--git", "plans/acme.ron"])
        .arg(&b)
        .args([hex, "100644"])
        .arg(&o)
        .args([hex, "100644"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    assert!(
        out.starts_with("personas diff a/plans/acme.ron b/plans/acme.ron\n"),
        "{out}"
    );
    assert!(out.contains("The Staff"));
    let added = sb
        .personas()
        .args(["diff", "--git", "new.ron", "/dev/null", hex, "."])
        .arg(&o)
        .args([hex, "100644"])
        .output()
        .expect("runs");
    assert!(text(&added.stdout).contains("+ user \"employee\""));
}

#[test]
fn output_to_a_fifo_is_written_into_not_replaced() {
    let sb = Sandbox::new();
    let (b, o, t) = three(&sb);
    let fifo = sb.path("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("reads the fifo"))
    };
    let run = sb
        .personas()
        .arg("merge")
        .args([&b, &o, &t])
        .arg("-o")
        .arg(&fifo)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let merged = reader.join().expect("reader");
    assert!(merged.contains("The Staff") && merged.contains("The Boss"));
    let still_fifo = std::fs::symlink_metadata(&fifo)
        .expect("exists")
        .file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&still_fifo));
}
