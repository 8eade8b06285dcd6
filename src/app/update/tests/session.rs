//! Saving, quitting, read-only, help, detail, focus, and the recovery question.

use super::*;

// ---------------------------------------------------------------------------------------------
// Save and quit
// ---------------------------------------------------------------------------------------------

#[test]
fn ctrl_s_saves_the_workspace_and_saved_ok_clears_modified() {
    let mut s = example_state();
    press(&mut s, "J");
    let effects = press(&mut s, "ctrl-s");
    assert_eq!(
        effects,
        [Effect::Save {
            path: "x.ron".into(),
            workspace: std::sync::Arc::new(ws(&s).clone()),
            state: s.doc.state(),
            force: false,
        }]
    );
    assert!(s.modified(), "modified until the save is done");
    let st = save_state(&effects);
    let effects = saved(&mut s, st, Ok(()));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert!(!s.modified());
    assert!(msg(&s).contains("saved x.ron"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Success));
}

#[test]
fn ctrl_s_with_no_changes_still_writes_and_works_in_every_view() {
    let mut s = example_state();
    for view in ["1", "2", "3"] {
        press(&mut s, view);
        let effects = press(&mut s, "ctrl-s");
        assert!(
            effects.iter().any(|e| matches!(e, Effect::Save { .. })),
            "view {view}: Ctrl-s asks for a save even with nothing changed"
        );
        saved(&mut s, save_state(&effects), Ok(()));
        assert!(!s.modified());
        assert!(msg(&s).contains("saved x.ron"), "{}", msg(&s));
    }
    // And a real change in a list view is saved: modified before, not after.
    press(&mut s, "1");
    press(&mut s, "J");
    press(&mut s, "2");
    assert!(s.modified(), "the move is unsaved");
    let st = save_state(&press(&mut s, "ctrl-s"));
    saved(&mut s, st, Ok(()));
    assert!(!s.modified(), "saved from the Chains view");
}

#[test]
fn a_failed_save_keeps_the_changes_modified_with_a_message() {
    let mut s = example_state();
    press(&mut s, "J");
    let st = save_state(&press(&mut s, "ctrl-s"));
    let effects = saved(&mut s, st, Err("disk full".into()));
    assert!(effects.is_empty());
    assert!(s.modified());
    assert!(msg(&s).contains("save failed"), "{}", msg(&s));
    assert!(msg(&s).contains("disk full"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Error));
    // Saving again works.
    let st = save_state(&press(&mut s, "ctrl-s"));
    saved(&mut s, st, Ok(()));
    assert!(!s.modified());
}

#[test]
fn a_save_of_an_older_state_leaves_later_changes_modified() {
    let mut s = example_state();
    press(&mut s, "J");
    let st = save_state(&press(&mut s, "ctrl-s"));
    assert!(press(&mut s, "ctrl-s").is_empty(), "one save at a time");
    assert!(msg(&s).contains("already"), "{}", msg(&s));
    press(&mut s, "J");
    saved(&mut s, st, Ok(()));
    assert!(s.modified(), "the second move was not written");
    press(&mut s, "u");
    assert!(!s.modified(), "undo back to what was written");
}

#[test]
fn q_with_no_changes_quits() {
    let mut s = example_state();
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
    assert_eq!(press(&mut s, "ctrl-c"), [Effect::Quit]);
    press(&mut s, "2");
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
}

#[test]
fn q_with_changes_asks_and_y_saves_then_quits() {
    let mut s = example_state();
    press(&mut s, "J");
    assert!(press(&mut s, "q").is_empty());
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
    let effects = press(&mut s, "y");
    let st = save_state(&effects);
    assert_eq!(st, s.doc.state());
    let effects = saved(&mut s, st, Ok(()));
    assert_eq!(effects.last(), Some(&Effect::Quit), "{effects:?}");
}

#[test]
fn q_with_changes_then_enter_saves_and_a_failed_save_does_not_quit() {
    let mut s = example_state();
    press(&mut s, "J");
    press(&mut s, "ctrl-c");
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
    let st = save_state(&press(&mut s, "enter"));
    assert!(saved(&mut s, st, Err("read-only file system".into())).is_empty());
    assert!(s.modified());
    assert!(msg(&s).contains("save failed"), "{}", msg(&s));
    // A later plain save does not quit either.
    let st = save_state(&press(&mut s, "ctrl-s"));
    let effects = saved(&mut s, st, Ok(()));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
}

#[test]
fn q_with_changes_then_n_quits_without_saving() {
    let mut s = example_state();
    press(&mut s, "J");
    press(&mut s, "q");
    assert_eq!(press(&mut s, "n"), [Effect::Quit]);
}

#[test]
fn q_with_changes_then_esc_stays() {
    let mut s = example_state();
    press(&mut s, "J");
    let after = ws(&s).clone();
    press(&mut s, "q");
    assert!(press(&mut s, "esc").is_empty());
    assert!(is_normal(&s));
    assert!(s.modified());
    assert_eq!(ws(&s), &after);
    assert!(msg(&s).contains("still here"), "{}", msg(&s));
    // Other keys leave the question open.
    press(&mut s, "q");
    assert!(keys(&mut s, "j x q").is_empty());
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
}

#[test]
fn quitting_while_an_older_save_is_in_flight_does_not_lose_changes() {
    let mut s = example_state();
    press(&mut s, "J");
    let first = save_state(&press(&mut s, "ctrl-s"));
    press(&mut s, "J");
    press(&mut s, "q");
    let mut effects = press(&mut s, "y");
    effects.extend(saved(&mut s, first, Ok(())));
    // Quitting now would drop the second move: the app must write it first.
    if effects.contains(&Effect::Quit) {
        panic!(
            "quit with unsaved changes: {effects:?}, modified = {}",
            s.modified()
        );
    }
    let second = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save { state, .. } => Some(*state),
            _ => None,
        })
        .expect("the newer state is written");
    let effects = saved(&mut s, second, Ok(()));
    assert_eq!(effects.last(), Some(&Effect::Quit), "{effects:?}");
}

// ---------------------------------------------------------------------------------------------
// Read-only
// ---------------------------------------------------------------------------------------------

#[test]
fn read_only_refuses_every_edit_key() {
    let mut s = example_state();
    s.read_only = true;
    let before = ws(&s).clone();
    for at in ["employee", "employee-log-calls"] {
        if at.contains('-') {
            select_goal(&mut s, at);
        } else {
            select_persona(&mut s, at);
        }
        for key in [
            "enter", "e", "p", "g", "d", "delete", "J", "K", "space", "u", "ctrl-z", "ctrl-r",
            "ctrl-y", "ctrl-s",
        ] {
            s.message = None;
            let effects = press(&mut s, key);
            assert!(effects.is_empty(), "{key}: {effects:?}");
            assert!(is_normal(&s), "{key} on {at}: mode {:?}", s.mode);
            assert_eq!(ws(&s), &before, "{key} on {at}");
            assert!(
                msg(&s).contains("read-only"),
                "{key} on {at}: {:?}",
                msg(&s)
            );
        }
    }
    let (x, y) = row_cell(&s, Column::Users, 1);
    click(&mut s, x, y, true);
    assert!(is_normal(&s), "a double click does not edit either");
    assert!(msg(&s).contains("read-only"), "{}", msg(&s));
    // Looking around still works, and quitting does not ask.
    keys(&mut s, "j ] 2 1");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
}

// ---------------------------------------------------------------------------------------------
// Help, detail, focus, mouse capture
// ---------------------------------------------------------------------------------------------

#[test]
fn question_mark_opens_help_and_a_key_closes_it() {
    let mut s = example_state();
    for close in ["esc", "x", "?", "q", "enter"] {
        press(&mut s, "?");
        assert!(matches!(s.mode, Mode::Help { scroll: 0, .. }));
        let effects = press(&mut s, close);
        assert!(effects.is_empty(), "{close} in help: {effects:?}");
        assert!(is_normal(&s), "{close} closes help");
    }
    press(&mut s, "?");
    keys(&mut s, "j j pagedown k");
    assert!(
        matches!(s.mode, Mode::Help { scroll: 11, .. }),
        "{:?}",
        s.mode
    );
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(
        (s.column, s.cursor()),
        (Column::Users, 0),
        "help keys do not move the board"
    );
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn i_toggles_the_detail_pane() {
    let mut s = example_state();
    assert!(!s.detail);
    press(&mut s, "i");
    assert!(s.detail);
    press(&mut s, "i");
    assert!(!s.detail);
}

#[test]
fn m_turns_mouse_capture_off_and_on() {
    let mut s = example_state();
    assert_eq!(press(&mut s, "m"), [Effect::SetMouse(false)]);
    assert!(!s.mouse);
    assert!(msg(&s).contains("mouse off"), "{}", msg(&s));
    assert_eq!(press(&mut s, "m"), [Effect::SetMouse(true)]);
    assert!(s.mouse);
}

#[test]
fn f_toggles_focus_and_esc_leaves_it() {
    let mut s = example_state();
    press(&mut s, "f");
    assert!(s.focus);
    press(&mut s, "f");
    assert!(!s.focus);
    press(&mut s, "f");
    press(&mut s, "esc");
    assert!(!s.focus);
    assert!(s.message.is_none(), "Esc clears the message");
}

#[test]
fn key_releases_are_ignored() {
    let mut s = example_state();
    let mut ev = key_event("j");
    ev.kind = KeyEventKind::Release;
    update(&mut s, Event::Key(ev));
    assert_eq!(s.cursor(), 0);
}

// ---------------------------------------------------------------------------------------------
// Recovery question, tiny screens
// ---------------------------------------------------------------------------------------------

#[test]
fn the_recovery_question_restores_discards_or_keeps() {
    let mut copy = crate::store::example();
    std::sync::Arc::make_mut(&mut copy.columns[0][0]).name = "Recovered Employee".into();

    let mut s = example_state();
    s.offer_recovery(copy.clone(), "2 minutes ago".into());
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::Recovery { personas: 1, .. })
    ));
    let effects = keys(&mut s, "j q ctrl-s y");
    assert!(
        effects.is_empty(),
        "other keys wait for the answer: {effects:?}"
    );
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Recovery { .. })));
    press(&mut s, "r");
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &copy);
    assert!(s.modified(), "the restored copy is not in the file yet");

    let mut s = example_state();
    s.offer_recovery(copy.clone(), "now".into());
    assert_eq!(press(&mut s, "d"), [Effect::RemoveRecovery]);
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &crate::store::example());
    assert!(!s.modified());

    let mut s = example_state();
    s.offer_recovery(copy, "now".into());
    assert!(press(&mut s, "esc").is_empty());
    assert!(is_normal(&s));
    assert!(s.keep_recovery);
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn tiny_screens_never_panic() {
    for size in [(0, 0), (1, 1), (5, 3), (20, 4), (59, 11), (60, 12)] {
        let mut s = example_state();
        update(&mut s, Event::Resize(size.0, size.1));
        s.detail = true;
        keys(
            &mut s,
            "j pagedown end l pagedown pageup home h i J u ctrl-r 2 pagedown end enter 3 end enter",
        );
        for (x, y) in [(0, 0), (size.0 / 2, size.1 / 2), (size.0, size.1)] {
            click(&mut s, x, y, false);
            click(&mut s, x, y, true);
            press(&mut s, "esc");
            update(&mut s, Event::Scroll { x, y, down: true });
        }
        assert_eq!(s.size, size);
    }
}

#[test]
fn a_goal_with_several_links_asks_which_to_follow() {
    let mut s = example_state();
    select_goal(&mut s, "sales-wallet-share");
    press(&mut s, "]");
    let Mode::Pick(pick) = &s.mode else {
        panic!("expected the link picker, got {:?}", s.mode)
    };
    assert_eq!(pick.goals, ["exec-revenue-growth", "exec-cost-of-sales"]);
    press(&mut s, "2");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-cost-of-sales"));
    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));

    select_goal(&mut s, "exec-revenue-growth");
    press(&mut s, "[");
    press(&mut s, "j");
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));

    press(&mut s, "[");
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("employee-upsell"),
        "one link: no question"
    );
    select_goal(&mut s, "exec-revenue-growth");
    press(&mut s, "[");
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-revenue-growth"));
}

#[test]
fn ctrl_c_quits_from_the_picker_search_and_the_link_choice() {
    for keys_first in ["j space", "/ g", "l l j ["] {
        let mut s = example_state();
        keys(&mut s, keys_first);
        assert!(!is_normal(&s), "{keys_first}: a list is open");
        let effects = press(&mut s, "ctrl-c");
        assert!(
            effects.iter().any(|e| matches!(e, Effect::Quit)),
            "{keys_first}: {effects:?}"
        );
    }
    // With unsaved changes it asks first, as q does on the board.
    let mut s = example_state();
    keys(&mut s, "j J j space");
    press(&mut s, "ctrl-c");
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
}
