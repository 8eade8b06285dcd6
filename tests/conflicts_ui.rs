//! Merge conflicts in the app (issue 16, SPEC §9): the status bar counts them, the Gaps view
//! lists them first, Enter asks o / t / e, and the last one resolved saves as format 1 — on
//! screen (TestBackend snapshots) and in the real binary (a pseudo-terminal).

mod common;

use std::path::PathBuf;

use common::pty::{CTRL_S, Place};
use common::tui::{key, run_script, screen_text, typed};
use personas::app::State;
use personas::model::{Conflict, Workspace};
use ratatui::crossterm::event::KeyCode;

fn conflicted() -> Workspace {
    let mut w = personas::store::example();
    w.persona_mut(personas::model::Column::Users, 0).name = "The Employee (main)".into();
    w.conflicts = vec![
        Conflict {
            id: "employee".into(),
            field: "name".into(),
            base: Some("The Employee".into()),
            ours: Some("The Employee (main)".into()),
            theirs: Some("The Field Rep".into()),
        },
        Conflict {
            id: "sales-competitive-wins".into(),
            field: "metric".into(),
            base: Some("Win rate in competitive deals, %".into()),
            ours: Some("Win rate vs the top two rivals, %".into()),
            theirs: Some("Deals won against rivals per quarter".into()),
        },
    ];
    w
}

fn shot(w: u16, h: u16, events: Vec<personas::app::Event>) -> String {
    let mut state = State::new(conflicted(), PathBuf::from("merged.ron"));
    let terminal = run_script(&mut state, w, h, events);
    screen_text(terminal.backend().buffer())
}

#[test]
fn the_gaps_view_lists_conflicts_first_and_enter_asks() {
    let gaps = shot(120, 40, typed("3"));
    assert!(gaps.contains("[2 conflicts: 3 Gaps]"), "{gaps}");
    insta::assert_snapshot!("gaps_with_conflicts_120x40", gaps);
    let mut keys = typed("3");
    keys.push(key(KeyCode::Enter));
    let asked = shot(80, 24, keys);
    for answer in ["o take ours", "t take theirs", "e edit both joined"] {
        assert!(asked.contains(answer), "{answer}:\n{asked}");
    }
    insta::assert_snapshot!("conflict_question_80x24", asked);
}

#[test]
fn resolving_every_conflict_in_the_binary_saves_format_1() {
    let place = Place::new();
    let file = place.path("merged.ron");
    personas::store::save(&file, &conflicted()).expect("write the merged file");
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("format: 2")
    );
    let mut s = place.spawn(&["merged.ron"], 40, 120);
    s.wait_for("[2 conflicts: 3 Gaps]");
    s.press("3", "merge conflicts (2)");
    s.press("\r", "The name of employee changed on both sides.");
    s.press("t", "[1 conflict: 3 Gaps]");
    assert!(s.screen().contains("[+] modified"), "{}", s.screen());
    s.press(
        "\r",
        "The metric of sales-competitive-wins changed on both sides.",
    );
    s.press_gone("o", "conflict: 3 Gaps]");
    assert!(s.screen().contains("[+] modified"), "{}", s.screen());
    s.press(CTRL_S, "saved merged.ron");
    s.send("q");
    assert!(s.wait_exit().success());
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        text.contains("format: 1") && !text.contains("conflicts"),
        "{text}"
    );
    let ws = personas::store::load(&file).expect("load");
    assert_eq!(ws.columns[0][0].name, "The Field Rep", "t took theirs");
    let metric = &ws.columns[1][0].goals[1];
    assert_eq!(metric.id, "sales-competitive-wins");
    assert_eq!(
        metric.metric, "Win rate vs the top two rivals, %",
        "o took ours"
    );
}
