//! Sharing the result: `--format html`, `svg`, `story` and `--chain GOAL_ID`, from the binary and
//! the library — snapshots of the example's picture, of one buyer goal's chain and of the story,
//! the picture in docs/sharing.md kept up to date, and a clear error for an unknown goal id.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use personas::export::{ExportFormat, render, render_chain};

/// The first buyer goal of the example: "Grow annual revenue 15% year over year".
const BUYER_GOAL: &str = "exec-revenue-growth";

fn example() -> personas::model::Workspace {
    personas::store::example()
}

/// The binary with its home and XDG directories in `dir`.
fn personas(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("personas").expect("binary");
    cmd.current_dir(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("home/config"))
        .env("XDG_DATA_HOME", dir.join("home/data"));
    cmd
}

fn example_file(dir: &Path) -> PathBuf {
    let path = dir.join("acme.ron");
    std::fs::write(&path, personas::store::EXAMPLE).expect("write the example");
    path
}

#[test]
fn the_buyer_goal_of_the_snapshots_is_in_the_example() {
    let ws = example();
    assert_eq!(ws.columns[2][0].goals[0].id, BUYER_GOAL);
}

#[test]
fn snapshot_svg_of_the_example() {
    insta::assert_snapshot!(render(&example(), ExportFormat::Svg));
}

#[test]
fn snapshot_svg_of_one_buyer_goals_chain() {
    let svg = render_chain(&example(), ExportFormat::Svg, BUYER_GOAL).expect("a goal");
    assert!(
        svg.contains("width=\"1920\" height=\"1080\""),
        "a 16:9 slide"
    );
    insta::assert_snapshot!(svg);
}

#[test]
fn snapshot_story_of_the_example() {
    insta::assert_snapshot!(render(&example(), ExportFormat::Story));
}

#[test]
fn snapshot_story_of_one_buyer_goals_chain() {
    insta::assert_snapshot!(
        render_chain(&example(), ExportFormat::Story, BUYER_GOAL).expect("a goal")
    );
}

#[test]
fn snapshot_mermaid_of_the_example() {
    insta::assert_snapshot!(render(&example(), ExportFormat::Mermaid));
}

#[test]
fn snapshot_dot_of_the_example() {
    insta::assert_snapshot!(render(&example(), ExportFormat::Dot));
}

/// The picture in docs/sharing.md is the example's svg export. This test writes it afresh and fails
/// when the committed one was stale, so a change of the picture shows up in review.
#[test]
fn the_readme_picture_is_the_current_svg_of_the_example() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example.svg");
    let fresh = render(&example(), ExportFormat::Svg);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        std::fs::create_dir_all(path.parent().expect("docs/")).expect("create docs/");
        std::fs::write(&path, &fresh).expect("write docs/example.svg");
        panic!("docs/example.svg was stale and has been regenerated; commit it");
    }
    let sharing =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sharing.md"))
            .expect("docs/sharing.md");
    assert!(
        sharing.contains("](example.svg)"),
        "docs/sharing.md shows the picture"
    );
}

#[test]
fn the_chain_of_a_goal_keeps_only_that_chain_in_every_format() {
    let ws = example();
    let full = render(&ws, ExportFormat::Markdown);
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Svg,
        ExportFormat::Story,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Json,
    ] {
        let chain = render_chain(&ws, format, BUYER_GOAL).expect("a goal");
        assert!(
            chain.contains("Grow annual revenue 15% year over year"),
            "{format:?}"
        );
        // Another buyer goal with its own chain is left out.
        assert!(
            !chain.contains("Pass every security and privacy audit"),
            "{format:?}"
        );
        assert!(full.contains("Pass every security and privacy audit"));
    }
}

#[test]
fn every_format_with_chain_from_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example_file(dir.path());
    for format in ["markdown", "html", "svg", "story", "mermaid", "dot", "json"] {
        let out = personas(dir.path())
            .args(["export", file.to_str().expect("utf-8"), "--format", format])
            .args(["--chain", BUYER_GOAL])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(
            text.contains("the chain through"),
            "{format}: titled as a chain"
        );
    }
}

#[test]
fn an_unknown_chain_id_is_a_clear_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example_file(dir.path());
    let report = dir.path().join("out.svg");
    let out = personas(dir.path())
        .args(["export", file.to_str().expect("utf-8"), "--format", "svg"])
        .args([
            "--chain",
            "no-such-goal",
            "-o",
            report.to_str().expect("utf-8"),
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("acme.ron: error: --chain: no goal has the id \"no-such-goal\""),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert!(!report.exists(), "nothing written");
}

#[test]
fn html_svg_and_story_from_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example_file(dir.path());
    for (format, start) in [
        ("html", "<!DOCTYPE html>"),
        (
            "svg",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=",
        ),
        ("story", "Acme CRM — B2B personas\n"),
    ] {
        let target = dir.path().join(format!("out.{format}"));
        let out = personas(dir.path())
            .args(["export", file.to_str().expect("utf-8"), "-f", format, "-o"])
            .arg(&target)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        let written = std::fs::read_to_string(&target).expect("written");
        assert!(written.starts_with(start), "{format}: {}", &written[..80]);
        assert_eq!(
            written,
            render(
                &example(),
                match format {
                    "html" => ExportFormat::Html,
                    "svg" => ExportFormat::Svg,
                    _ => ExportFormat::Story,
                }
            )
        );
    }
}
