//! Presenter mode end to end (SPEC §12): the real binary in a pseudo-terminal. `personas
//! present FILE` moves through the slides, quits on Esc and writes nothing; in the app, `P` and
//! Esc land the board's cursor on the goal of the slide shown.

mod common;

use common::pty::{ESC, Place};

const RIGHT: &str = "\x1b[C";

#[test]
fn personas_present_moves_through_slides_quits_on_esc_and_writes_nothing() {
    let place = Place::new();
    let file = place.example("example.ron");
    let bytes = std::fs::read(&file).expect("read the example");
    let mtime = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let mut s = place.spawn(&["present", "example.ron"], 24, 80);
    s.wait_for("title · slide 1/9");
    s.send(RIGHT);
    s.wait_for("slide 2/9");
    s.wait_for("Grow annual revenue 15% year over year");
    s.send(RIGHT);
    s.wait_for("slide 3/9");
    s.wait_for("Become a top-three player in the mid-market");
    s.send(ESC);
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read(&file).expect("read again"), bytes);
    let after = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(after, mtime, "the file was touched");
    let names: Vec<_> = std::fs::read_dir(place.path(""))
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .filter(|n| n.to_string_lossy().starts_with("example"))
        .collect();
    assert_eq!(
        names.len(),
        1,
        "nothing else was written beside it: {names:?}"
    );
}

#[test]
fn in_the_app_esc_leaves_the_slides_at_the_goal_of_the_slide() {
    let place = Place::new();
    place.example("example.ron");
    let mut s = place.spawn(&["example.ron"], 40, 120);
    s.wait_for("coverage 7/8");
    s.send("P");
    s.wait_for("title · slide 1/9");
    s.send(RIGHT);
    s.wait_for("slide 2/9");
    s.send(RIGHT);
    s.wait_for("slide 3/9");
    s.send(ESC);
    // Back on the board (the status bar's coverage is not on any slide).
    s.wait_for("coverage 7/8");
    // The detail pane shows the selected goal: the buyer goal of slide 3, with its metric.
    s.send("i");
    s.wait_for("Share of segment revenue, from analyst reports");
    assert!(s.is_running());
}

#[test]
fn personas_present_on_a_missing_file_says_so() {
    let place = Place::new();
    let mut s = place.spawn(&["present", "missing.ron"], 24, 80);
    let status = s.wait_exit();
    assert!(!status.success());
    assert!(s.screen().contains("no such file"), "{}", s.screen());
    assert!(!place.path("missing.ron").exists());
}
