//! Delete, reorder, undo and redo.

use super::*;

// ---------------------------------------------------------------------------------------------
// Delete
// ---------------------------------------------------------------------------------------------

#[test]
fn d_deletes_an_unlinked_goal_at_once() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "d");
    assert!(is_normal(&s), "no question for an unlinked goal");
    assert!(!has_goal(&s, "employee-mobile"));
    assert_eq!(
        goal_ids(&s, Column::Users, 0),
        ["employee-log-calls", "employee-upsell"]
    );
    assert!(msg(&s).starts_with("deleted goal"), "{}", msg(&s));
    assert!(
        msg(&s).contains("u undoes"),
        "the status bar says how to undo"
    );
    assert!(s.modified());
}

#[test]
fn d_on_a_linked_goal_asks_naming_its_dependents_and_n_or_esc_keeps_it() {
    let mut s = example_state();
    let before = ws(&s).clone();
    select_goal(&mut s, "sales-new-revenue");
    for no in ["n", "esc"] {
        press(&mut s, "d");
        match &s.mode {
            Mode::Prompt(Prompt::Delete {
                what,
                dependents,
                names,
            }) => {
                assert!(
                    what.contains("Grow new-business revenue 20% this year"),
                    "{what}"
                );
                assert_eq!(
                    *dependents, 3,
                    "exec-revenue-growth, employee-log-calls, manager-forecast"
                );
                assert!(names.contains(&"Log every customer call in under a minute".to_string()));
                assert!(names.len() <= 3);
            }
            other => panic!("expected the delete question, got {other:?}"),
        }
        press(&mut s, "j");
        assert_eq!(
            selected_goal(&s).as_deref(),
            Some("sales-new-revenue"),
            "the question has the keys"
        );
        press(&mut s, no);
        assert!(is_normal(&s), "{no} answers the question");
        assert_eq!(ws(&s), &before, "{no} keeps it");
        assert!(msg(&s).contains("nothing was deleted"), "{}", msg(&s));
        assert!(!s.modified());
    }
}

#[test]
fn y_deletes_a_linked_goal_and_removes_it_from_every_supports_list() {
    let mut s = example_state();
    select_goal(&mut s, "sales-new-revenue");
    press(&mut s, "d");
    press(&mut s, "y");
    assert!(is_normal(&s));
    assert!(!has_goal(&s, "sales-new-revenue"));
    assert!(links_to(&s, "sales-new-revenue").is_empty());
    assert!(supports(&s, "employee-log-calls").is_empty());
    assert!(supports(&s, "manager-forecast").is_empty());
    assert_eq!(
        supports(&s, "employee-upsell"),
        ["sales-wallet-share"],
        "other links stay"
    );
    assert!(msg(&s).contains("u undoes"), "{}", msg(&s));
}

#[test]
fn delete_on_a_linked_persona_asks_and_enter_deletes_it_with_all_its_links() {
    let mut s = example_state();
    select_persona(&mut s, "sales");
    press(&mut s, "delete");
    match &s.mode {
        Mode::Prompt(Prompt::Delete {
            what, dependents, ..
        }) => {
            assert!(what.contains("Sales"), "{what}");
            assert_eq!(*dependents, 7);
        }
        other => panic!("expected the delete question, got {other:?}"),
    }
    press(&mut s, "enter");
    assert!(is_normal(&s));
    assert_eq!(names(&s, Column::Departments), ["Marketing", "IT"]);
    for id in [
        "sales-new-revenue",
        "sales-competitive-wins",
        "sales-wallet-share",
    ] {
        assert!(links_to(&s, id).is_empty(), "{id} still linked");
    }
    assert_eq!(
        supports(&s, "manager-lead-follow-up"),
        ["marketing-pipeline", "marketing-cac"]
    );
}

#[test]
fn d_on_an_unlinked_persona_deletes_it_at_once() {
    let mut s = small_state(
        vec![
            persona("a", vec![goal("a1", &[])]),
            persona("b", vec![goal("b1", &["d1"])]),
        ],
        vec![persona("d", vec![goal("d1", &[])])],
        vec![],
    );
    press(&mut s, "d");
    assert!(is_normal(&s));
    assert_eq!(names(&s, Column::Users), ["Persona b"]);
    assert_eq!(s.selected(), Some(Row::Persona(0)));
}

// ---------------------------------------------------------------------------------------------
// Reorder
// ---------------------------------------------------------------------------------------------

#[test]
fn shift_j_and_k_move_a_persona_and_the_cursor_follows() {
    let mut s = example_state();
    let before = ws(&s).clone();
    press(&mut s, "K");
    assert_eq!(ws(&s), &before, "K on the first persona does nothing");
    press(&mut s, "J");
    assert_eq!(
        names(&s, Column::Users),
        ["The Manager", "The Employee", "The IT Department"]
    );
    assert_eq!(
        s.selected(),
        Some(Row::Persona(1)),
        "the cursor stays on the moved persona"
    );
    assert_eq!(s.cursor(), 4);
    assert!(
        msg(&s).contains("move persona \"The Employee\""),
        "{}",
        msg(&s)
    );
    press(&mut s, "J");
    assert_eq!(
        names(&s, Column::Users),
        ["The Manager", "The IT Department", "The Employee"]
    );
    let after = ws(&s).clone();
    press(&mut s, "J");
    assert_eq!(ws(&s), &after, "J on the last persona does nothing");
    keys(&mut s, "K K");
    assert_eq!(ws(&s), &before);
    assert_eq!(s.cursor(), 0);
}

#[test]
fn shift_j_and_k_move_a_goal_within_its_persona() {
    let mut s = example_state();
    select_goal(&mut s, "employee-log-calls");
    press(&mut s, "J");
    assert_eq!(
        goal_ids(&s, Column::Users, 0),
        ["employee-upsell", "employee-log-calls", "employee-mobile"]
    );
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    press(&mut s, "J");
    assert_eq!(
        goal_ids(&s, Column::Users, 0),
        ["employee-upsell", "employee-mobile", "employee-log-calls"]
    );
    let after = ws(&s).clone();
    press(&mut s, "J");
    assert_eq!(ws(&s), &after, "the last goal stays with its persona");
    press(&mut s, "K");
    assert_eq!(
        goal_ids(&s, Column::Users, 0),
        ["employee-upsell", "employee-log-calls", "employee-mobile"]
    );
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    assert_eq!(
        supports(&s, "employee-log-calls"),
        ["sales-new-revenue"],
        "links move along"
    );
}

// ---------------------------------------------------------------------------------------------
// Undo and redo
// ---------------------------------------------------------------------------------------------

#[test]
fn undo_and_redo_an_added_persona_and_goal() {
    let mut s = example_state();
    assert_undo_redo(&mut s, "add persona", |s| {
        press(s, "p");
        type_text(s, "New one");
        keys(s, "ctrl-s esc");
    });
    assert_undo_redo(&mut s, "add goal", |s| {
        select_goal(s, "marketing-cac");
        press(s, "g");
        type_text(s, "Another goal");
        press(s, "ctrl-s");
    });
}

#[test]
fn undo_and_redo_an_edited_persona_and_goal() {
    let mut s = example_state();
    assert_undo_redo(&mut s, "edit persona", |s| {
        select_persona(s, "cto");
        press(s, "e");
        type_text(s, " and CISO");
        keys(s, "tab tab");
        press(s, "right");
        press(s, "ctrl-s");
    });
    assert_undo_redo(&mut s, "edit goal", |s| {
        select_goal(s, "manager-coaching");
        press(s, "e");
        keys(s, "tab tab");
        type_text(s, "Deals coached per week");
        press(s, "ctrl-s");
    });
}

#[test]
fn undo_and_redo_deletes_with_and_without_links() {
    let mut s = example_state();
    assert_undo_redo(&mut s, "delete goal", |s| {
        select_goal(s, "employee-mobile");
        press(s, "d");
    });
    assert_undo_redo(&mut s, "delete goal", |s| {
        select_goal(s, "it-secure-data");
        keys(s, "d y");
    });
    assert_undo_redo(&mut s, "delete persona", |s| {
        select_persona(s, "marketing");
        keys(s, "d y");
    });
    assert_undo_redo(&mut s, "delete persona", |s| {
        select_persona(s, "exec");
        keys(s, "delete y");
    });
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn undo_and_redo_reorders() {
    let mut s = example_state();
    assert_undo_redo(&mut s, "move persona", |s| {
        select_persona(s, "marketing");
        press(s, "K");
    });
    assert_undo_redo(&mut s, "move goal", |s| {
        select_goal(s, "cto-total-cost");
        press(s, "K");
    });
}

#[test]
fn undo_and_redo_link_and_unlink() {
    let mut s = example_state();
    assert_undo_redo(&mut s, "link", |s| {
        select_goal(s, "employee-mobile");
        press(s, "space");
        type_text(s, "existingacc");
        press(s, "enter");
    });
    assert_undo_redo(&mut s, "unlink", |s| {
        select_goal(s, "it-run-cost");
        press(s, "space");
        type_text(s, "totalcost");
        press(s, "enter");
    });
}

#[test]
fn undo_puts_the_cursor_back_where_the_change_was() {
    let mut s = example_state();
    select_goal(&mut s, "marketing-cac");
    press(&mut s, "d");
    press(&mut s, "y");
    move_to_column(&mut s, Column::Users);
    press(&mut s, "end");
    press(&mut s, "u");
    assert_eq!(s.column, Column::Departments);
    assert_eq!(selected_goal(&s).as_deref(), Some("marketing-cac"));
    assert!(msg(&s).contains("Ctrl-r redoes"), "{}", msg(&s));
}

#[test]
fn nothing_to_undo_or_redo_says_so() {
    let mut s = example_state();
    press(&mut s, "u");
    assert_eq!(msg(&s), "nothing to undo");
    press(&mut s, "ctrl-r");
    assert_eq!(msg(&s), "nothing to redo");
    // A new change after an undo drops the redo.
    press(&mut s, "J");
    press(&mut s, "u");
    press(&mut s, "l");
    press(&mut s, "J");
    press(&mut s, "ctrl-y");
    assert_eq!(msg(&s), "nothing to redo");
}

#[test]
fn two_hundred_and_fifty_changes_undo_back_to_the_original() {
    let mut s = example_state();
    let original = ws(&s).clone();
    for i in 0..250 {
        press(&mut s, "g");
        type_text(&mut s, &format!("n{i}"));
        press(&mut s, "ctrl-s");
        assert!(is_normal(&s));
        press(&mut s, "home");
    }
    assert_eq!(ws(&s).goal_count(), original.goal_count() + 250);
    for i in 0..250 {
        press(&mut s, "u");
        assert!(
            msg(&s).starts_with("undone: add goal"),
            "undo {i}: {}",
            msg(&s)
        );
    }
    assert_eq!(ws(&s), &original);
    assert!(!s.modified());
    press(&mut s, "u");
    assert_eq!(msg(&s), "nothing to undo");
    for _ in 0..250 {
        press(&mut s, "ctrl-r");
    }
    assert_eq!(ws(&s).goal_count(), original.goal_count() + 250);
}

#[test]
fn undoing_back_to_the_saved_state_clears_modified() {
    let mut s = example_state();
    press(&mut s, "J");
    assert!(s.modified());
    let st = save_state(&press(&mut s, "ctrl-s"));
    saved(&mut s, st, Ok(()));
    assert!(!s.modified());
    press(&mut s, "J");
    assert!(s.modified());
    press(&mut s, "u");
    assert!(!s.modified(), "back at the saved state");
    press(&mut s, "u");
    assert!(s.modified(), "before the saved state");
    press(&mut s, "ctrl-r");
    assert!(!s.modified(), "redo back to the saved state");
    press(&mut s, "ctrl-r");
    assert!(s.modified());
}
