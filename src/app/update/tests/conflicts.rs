//! Merge conflicts in the app (SPEC §9, issue 16): counted in the status bar, listed first in
//! the Gaps view, resolved with o / t / e, each undoable; the last one resolved makes the file
//! format 1 again.

use super::*;
use crate::model::Conflict;

/// The example as a merge leaves it, with two conflicts: a persona name changed on both sides
/// (ours in place), and a goal deleted by theirs but edited by ours.
fn conflicted() -> State {
    conflicted_named("The Employee (main)")
}

/// The same, with the persona's name now `name` (edited again after the merge).
fn conflicted_named(name: &str) -> State {
    let mut w = crate::store::example();
    w.persona_mut(Column::Users, 0).name = name.into();
    w.conflicts = vec![
        Conflict {
            id: "employee".into(),
            field: "name".into(),
            base: Some("The Employee".into()),
            ours: Some("The Employee (main)".into()),
            theirs: Some("The Rep".into()),
        },
        Conflict {
            id: "employee-mobile".into(),
            field: crate::model::conflict::RECORD.into(),
            base: None,
            ours: Some("(kept)".into()),
            theirs: None,
        },
    ];
    State::new(w, "x.ron".into())
}

fn gaps_line(s: &State) -> crate::app::lists::ListLine {
    s.doc
        .gap_line(s.views.gaps.cursor)
        .expect("a line under the cursor")
}

fn open_first(s: &mut State) {
    press(s, "3");
    assert!(
        matches!(gaps_line(s).target, Some(Target::Conflict(0))),
        "the Gaps view starts on the first conflict: {:?}",
        gaps_line(s)
    );
    press(s, "enter");
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::Conflict { index: 0 })
    ));
}

#[test]
fn conflicts_are_counted_and_listed_first_in_the_gaps_view() {
    let s = conflicted();
    let markers = crate::app::layout::status::markers(&s);
    assert!(
        markers.iter().any(|(_, m)| m.contains("2 conflicts")),
        "{markers:?}"
    );
    let lines = s.doc.gap_lines(0, 3);
    assert!(lines[0].heading && lines[0].text.contains("merge conflicts (2)"));
    assert!(lines[1].text.contains("employee") && lines[1].text.contains("The Rep"));
    assert!(lines[2].text.contains("deleted by theirs"));
    // The findings follow them.
    let all = s.doc.gap_lines(0, usize::MAX);
    assert_eq!(all.len(), s.doc.derived().gap_lines.len());
    assert!(all[3].heading && !all[3].text.contains("conflict"));
}

#[test]
fn theirs_sets_the_field_and_undo_brings_the_conflict_back() {
    let mut s = conflicted();
    open_first(&mut s);
    press(&mut s, "t");
    assert!(is_normal(&s));
    assert_eq!(names(&s, Column::Users)[0], "The Rep");
    assert_eq!(ws(&s).conflicts.len(), 1);
    assert!(msg(&s).contains("1 conflict left"), "{}", msg(&s));
    press(&mut s, "u");
    assert_eq!(names(&s, Column::Users)[0], "The Employee (main)");
    assert_eq!(ws(&s).conflicts.len(), 2);
    press(&mut s, "ctrl-r");
    assert_eq!(names(&s, Column::Users)[0], "The Rep");
}

#[test]
fn ours_keeps_the_file_and_esc_decides_later() {
    // Edited again since the merge: `o` puts ours back, not base and not the edit.
    let mut s = conflicted_named("Edited after the merge");
    open_first(&mut s);
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(ws(&s).conflicts.len(), 2, "Esc resolves nothing");
    press(&mut s, "enter");
    press(&mut s, "o");
    assert_eq!(names(&s, Column::Users)[0], "The Employee (main)");
    assert_eq!(ws(&s).conflicts.len(), 1);
    assert!(s.modified(), "resolving is a change to save");
}

#[test]
fn e_edits_both_joined_in_a_form() {
    let mut s = conflicted();
    open_first(&mut s);
    press(&mut s, "e");
    assert!(is_form(&s));
    assert_eq!(field(&s, "resolved"), "The Employee (main)\nThe Rep");
    // A name is one line: the joined lines become one.
    press(&mut s, "ctrl-s");
    assert!(is_normal(&s), "{:?}", s.mode);
    assert_eq!(names(&s, Column::Users)[0], "The Employee (main) The Rep");
    press(&mut s, "u");
    assert_eq!(names(&s, Column::Users)[0], "The Employee (main)");
}

#[test]
fn a_deleted_record_takes_o_or_t_and_the_last_one_makes_format_1() {
    let mut s = conflicted();
    press(&mut s, "3");
    press(&mut s, "j");
    press(&mut s, "enter");
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::Conflict { index: 1 })
    ));
    press(&mut s, "e");
    assert!(msg(&s).contains("not a text field"), "{}", msg(&s));
    press(&mut s, "t");
    assert!(!has_goal(&s, "employee-mobile"), "theirs deleted it");
    assert!(crate::store::to_ron(ws(&s)).contains("format: 2"));
    press(&mut s, "enter");
    press(&mut s, "o");
    assert!(ws(&s).conflicts.is_empty());
    assert!(msg(&s).contains("format 1"), "{}", msg(&s));
    let text = crate::store::to_ron(ws(&s));
    assert!(
        text.contains("format: 1") && !text.contains("conflicts"),
        "{text}"
    );
    // Undo steps back through both resolutions.
    press(&mut s, "u");
    press(&mut s, "u");
    assert_eq!(ws(&s).conflicts.len(), 2);
    assert!(has_goal(&s, "employee-mobile"));
}

#[test]
fn read_only_resolves_nothing() {
    let mut s = conflicted();
    s.read_only = true;
    press(&mut s, "3");
    press(&mut s, "enter");
    assert!(is_normal(&s), "no question is asked: {:?}", s.mode);
    press(&mut s, "t");
    assert_eq!(ws(&s).conflicts.len(), 2);
    assert!(msg(&s).contains("read-only"), "{}", msg(&s));
}

#[test]
fn a_reload_closes_the_question_and_the_form_finds_its_conflict_by_id() {
    let mut s = conflicted();
    open_first(&mut s);
    let reorder = |s: &State| {
        let mut w = ws(s).clone();
        w.conflicts.reverse();
        w
    };
    let w = reorder(&s);
    update(
        &mut s,
        Event::Reloaded {
            workspace: w,
            why: "reloaded".into(),
        },
    );
    assert!(
        is_normal(&s),
        "the question closes: its place may mean another conflict"
    );
    // The form of `e` follows its conflict to its new place.
    keys(&mut s, "3 j");
    let at = s.views.gaps.cursor;
    let line = s.doc.gap_line(at).expect("line");
    assert!(line.text.contains("name"), "{}", line.text);
    press(&mut s, "enter");
    press(&mut s, "e");
    assert!(is_form(&s));
    let w = reorder(&s);
    update(
        &mut s,
        Event::Reloaded {
            workspace: w,
            why: "reloaded".into(),
        },
    );
    assert!(matches!(
        form(&s).target,
        crate::app::form::FormTarget::Conflict { index: 0 }
    ));
    press(&mut s, "ctrl-s");
    assert!(is_normal(&s), "{:?}", form(&s).error);
    assert_eq!(names(&s, Column::Users)[0], "The Employee (main) The Rep");
}
