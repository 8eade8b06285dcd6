//! A reload (the file changed on disk, nothing unsaved) under an open form or question: what
//! they work on is found again by id, never by position (SPEC §7).

use super::*;

fn reload(s: &mut State, workspace: Workspace) {
    update(
        s,
        Event::Reloaded {
            workspace,
            why: "x.ron changed on disk: reloaded it".into(),
        },
    );
}

/// Two user personas `a` and `b`; `b` has a goal `b-1`.
fn two_users() -> State {
    small_state(
        vec![
            persona("a", vec![goal("a-1", &[])]),
            persona("b", vec![goal("b-1", &[])]),
        ],
        vec![],
        vec![],
    )
}

fn without(s: &State, id: &str) -> Workspace {
    let mut w = ws(s).clone();
    w.columns[0].retain(|p| p.id != id);
    w
}

#[test]
fn a_form_on_a_persona_removed_on_disk_keeps_the_text_as_a_new_persona() {
    let mut s = two_users();
    select_persona(&mut s, "a");
    press(&mut s, "enter");
    type_text(&mut s, "-EDIT");
    let untouched = ws(&s).column(Column::Users)[1].clone();
    // Someone else removes `a`: `b` now sits where `a` was.
    let w = without(&s, "a");
    reload(&mut s, w);
    assert!(is_form(&s), "the form stays open over a reload");
    assert!(msg(&s).contains("removed from the file"), "{}", msg(&s));
    press(&mut s, "ctrl-s");
    assert!(form(&s).error.is_none(), "{:?}", form(&s).error);
    // The new persona's first goal form: Esc adds no goal.
    press(&mut s, "esc");
    assert!(is_normal(&s));
    let users = ws(&s).column(Column::Users);
    assert_eq!(users[0], untouched, "b is untouched");
    assert_eq!(users.len(), 2);
    assert_eq!(
        users[1].name, "Persona a-EDIT",
        "the typed text became a new persona"
    );
    assert_ne!(users[1].id, "b");
}

#[test]
fn a_form_follows_its_persona_when_others_move_on_disk() {
    let mut s = two_users();
    select_persona(&mut s, "b");
    press(&mut s, "enter");
    type_text(&mut s, "-EDIT");
    // `a` goes: `b` moves from place 1 to place 0.
    let w = without(&s, "a");
    reload(&mut s, w);
    press(&mut s, "ctrl-s");
    let users = ws(&s).column(Column::Users);
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, "b");
    assert_eq!(users[0].name, "Persona b-EDIT");
}

#[test]
fn a_goal_form_whose_persona_is_gone_stays_open_with_the_text() {
    let mut s = two_users();
    select_goal(&mut s, "b-1");
    press(&mut s, "enter");
    type_text(&mut s, " typed");
    let w = without(&s, "b");
    reload(&mut s, w);
    press(&mut s, "ctrl-s");
    assert!(is_form(&s), "nothing to put it in: the form stays");
    assert!(field(&s, "text").ends_with(" typed"), "the text is kept");
    assert_eq!(ws(&s).column(Column::Users).len(), 1);
    assert_eq!(
        ws(&s).column(Column::Users)[0].goals.len(),
        1,
        "a keeps its goal"
    );
}

#[test]
fn delete_asked_then_removed_on_disk_deletes_nothing_else() {
    let mut s = small_state(
        vec![persona("u", vec![goal("u-1", &["d-1"])])],
        vec![
            persona("d", vec![goal("d-1", &[])]),
            persona("e", vec![goal("e-1", &[])]),
        ],
        vec![],
    );
    select_persona(&mut s, "d");
    press(&mut s, "d");
    assert!(
        matches!(s.mode, Mode::Prompt(Prompt::Delete { .. })),
        "asks: u-1 links to it"
    );
    let mut w = ws(&s).clone();
    w.columns[1].retain(|p| p.id != "d");
    std::sync::Arc::make_mut(&mut w.columns[0][0]).goals[0]
        .supports
        .clear();
    reload(&mut s, w);
    assert!(
        is_normal(&s),
        "the question about a persona that is gone is withdrawn"
    );
    assert!(msg(&s).contains("nothing was deleted"), "{}", msg(&s));
    press(&mut s, "y");
    assert_eq!(
        names(&s, Column::Departments),
        vec!["Persona e".to_string()]
    );
}

#[test]
fn delete_asked_then_moved_on_disk_deletes_the_same_persona() {
    let mut s = small_state(
        vec![persona("u", vec![goal("u-1", &["e-1"])])],
        vec![
            persona("d", vec![goal("d-1", &[])]),
            persona("e", vec![goal("e-1", &[])]),
        ],
        vec![],
    );
    select_persona(&mut s, "e");
    press(&mut s, "d");
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Delete { .. })));
    let mut w = ws(&s).clone();
    w.columns[1].swap(0, 1);
    reload(&mut s, w);
    press(&mut s, "y");
    assert_eq!(
        names(&s, Column::Departments),
        vec!["Persona d".to_string()]
    );
}
