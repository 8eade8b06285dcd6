//! What the loop saw on disk and what `update` makes of it: instant tests of the decisions
//! (the loop's watching itself is tested end to end in tests/disk.rs).

use super::*;
use crate::app::Gone;
use crate::store::disk::{Fingerprint, fingerprint};

fn a_fingerprint() -> Fingerprint {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("x.ron");
    std::fs::write(&file, "()").expect("write");
    fingerprint(&file).expect("a fingerprint")
}

fn theirs() -> Workspace {
    let mut ws = crate::store::example();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).name = "Their Employee".into();
    ws
}

#[test]
fn an_unmodified_board_shows_the_file_changed_on_disk() {
    let mut s = example_state();
    let seen = a_fingerprint();
    let effects = update(
        &mut s,
        Event::DiskChanged {
            read: Ok(theirs()),
            seen,
        },
    );
    assert_eq!(ws(&s), &theirs());
    assert!(!s.modified());
    assert!(
        msg(&s).contains("changed on disk: reloaded it"),
        "{}",
        msg(&s)
    );
    assert_eq!(
        effects,
        vec![Effect::DiskSeen(seen)],
        "storage learns what is shown"
    );
}

#[test]
fn a_modified_board_is_told_and_not_reloaded() {
    let mut s = example_state();
    keys(&mut s, "j J");
    assert!(s.modified());
    let before = ws(&s).clone();
    let effects = update(
        &mut s,
        Event::DiskChanged {
            read: Ok(theirs()),
            seen: a_fingerprint(),
        },
    );
    assert_eq!(ws(&s), &before, "nothing of the user's is replaced");
    assert!(s.modified());
    assert_eq!(tone(&s), Some(Tone::Warning));
    assert!(
        msg(&s).contains("changed on disk while you have unsaved changes"),
        "{}",
        msg(&s)
    );
    assert!(
        effects.is_empty(),
        "the file stays unseen: the next save asks"
    );
}

#[test]
fn a_file_that_no_longer_loads_is_not_shown() {
    let mut s = example_state();
    let effects = update(
        &mut s,
        Event::DiskChanged {
            read: Err("x.ron:3:1: error: Expected comma".into()),
            seen: a_fingerprint(),
        },
    );
    assert_eq!(ws(&s), &crate::store::example());
    assert!(msg(&s).contains("does not load (x.ron:3:1"), "{}", msg(&s));
    assert!(effects.is_empty());
}

#[test]
fn a_file_gone_is_said_with_what_it_means_for_unsaved_work() {
    let mut s = example_state();
    update(&mut s, Event::FileGone(Gone::Deleted));
    assert!(
        msg(&s).contains("x.ron was deleted on disk; the board still shows"),
        "{}",
        msg(&s)
    );
    press(&mut s, "J");
    update(&mut s, Event::FileGone(Gone::Directory));
    assert!(msg(&s).contains("is a directory now"), "{}", msg(&s));
    assert!(
        msg(&s).contains("your unsaved changes are still here"),
        "{}",
        msg(&s)
    );
}

#[test]
fn unprotected_work_is_announced_once_and_its_end_too() {
    let mut s = example_state();
    update(
        &mut s,
        Event::Copies(Err("the data directory is read-only".into())),
    );
    assert_eq!(
        s.unprotected.as_deref(),
        Some("the data directory is read-only")
    );
    assert!(
        msg(&s).contains("not protected by recovery copies"),
        "{}",
        msg(&s)
    );
    update(&mut s, Event::Copies(Ok(())));
    assert_eq!(s.unprotected, None);
    assert!(msg(&s).contains("can be written again"), "{}", msg(&s));
    s.message = None;
    update(&mut s, Event::Copies(Ok(())));
    assert!(s.message.is_none(), "said once");
}

#[test]
fn a_queued_recovery_copy_replaces_the_one_kept_for_later() {
    let mut s = example_state();
    s.keep_recovery = true;
    update(&mut s, Event::RecoveryQueued);
    assert!(!s.keep_recovery);
}
