//! The helper that finds the outside programs some tests need (tests/common/tools.rs): a program
//! that is there and runs is used; a missing one skips the test, or fails it when `CI` is set.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use common::tools::{Decision, Found, GIT, Tool, decide, look};

#[test]
fn found_runs_missing_skips_and_missing_under_ci_fails() {
    assert_eq!(decide(true, false), Decision::Run);
    assert_eq!(decide(true, true), Decision::Run);
    assert_eq!(decide(false, false), Decision::Skip);
    assert_eq!(decide(false, true), Decision::Fail);
}

/// A program at one place only, leaked so it is `'static` like the real ones.
fn only_at(name: &'static str, place: &Path) -> Tool {
    Tool {
        name,
        commands: &[],
        places: Box::leak(vec![&*place.display().to_string().leak()].into_boxed_slice()),
        first_on_path: false,
    }
}

fn script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn a_missing_program_is_named_in_the_skip_line_and_in_the_ci_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nowhere = only_at("Blinkbrowser", &dir.path().join("blinkbrowser"));
    assert_eq!(
        look(&nowhere, false),
        Found::Skip("skipped: Blinkbrowser not found — install it, or run bash .ci/run".to_owned())
    );
    match look(&nowhere, true) {
        Found::Fail(message) => {
            assert!(message.starts_with("Blinkbrowser not found"), "{message}");
            assert!(message.contains("CI is set"), "{message}");
        }
        other => panic!("under CI a missing program fails the test: {other:?}"),
    }
}

/// One test, so no other test of this file forks while a script is open for writing (exec would
/// fail with "text file busy").
#[test]
fn a_program_is_used_only_when_it_answers_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = script(dir.path(), "broken", "exit 1");
    match look(&only_at("Broken", &broken), false) {
        Found::Skip(line) => {
            assert!(line.starts_with("skipped: Broken not found"), "{line}");
            assert!(
                line.contains(&format!("{} does not answer --version", broken.display())),
                "{line}"
            );
        }
        other => panic!("{other:?}"),
    }
    let silent = script(dir.path(), "silent", "exit 0");
    assert!(matches!(
        look(&only_at("Silent", &silent), true),
        Found::Fail(_)
    ));

    let fake = script(dir.path(), "fake", "echo 'Fake 1.0'");
    assert_eq!(look(&only_at("Fake", &fake), true), Found::Run(fake));
    // git, which a fresh machine has, is found on the PATH.
    assert!(
        matches!(look(&GIT, true), Found::Run(_)),
        "git is on the PATH"
    );
}
