//! Forms: editing a persona or a goal, fields, choices, text input.

use super::*;

// ---------------------------------------------------------------------------------------------
// Forms: edit, add persona, add goal
// ---------------------------------------------------------------------------------------------

#[test]
fn enter_and_e_open_the_form_on_a_persona_and_on_a_goal() {
    let mut s = example_state();
    press(&mut s, "enter");
    assert_eq!(
        form(&s).target,
        FormTarget::Persona {
            column: Column::Users,
            index: 0
        }
    );
    assert_eq!(field(&s, "name"), "The Employee");
    assert_eq!(field(&s, "role"), "Account executive (end user)");
    assert_eq!(focused_key(&s), "name", "the form opens on the name");
    press(&mut s, "esc");
    assert!(is_normal(&s));

    select_goal(&mut s, "sales-wallet-share");
    press(&mut s, "e");
    assert_eq!(
        form(&s).target,
        FormTarget::Goal {
            column: Column::Departments,
            persona: 0,
            goal: 2
        }
    );
    assert_eq!(field(&s, "text"), "Grow revenue from existing accounts");
    assert_eq!(focused_key(&s), "text");
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(msg(&s), "cancelled: nothing changed");
    assert!(!s.modified());
}

#[test]
fn p_adds_a_persona_after_the_selected_one_enter_through_every_field() {
    let mut s = example_state();
    select_goal(&mut s, "employee-upsell");
    press(&mut s, "p");
    assert_eq!(
        form(&s).target,
        FormTarget::NewPersona {
            column: Column::Users,
            index: 1
        }
    );
    assert_eq!(focused_key(&s), "name", "the form opens on its name");
    type_text(&mut s, "Field Technician");
    let fields = form(&s).fields.len();
    for i in 1..fields {
        press(&mut s, "enter");
        assert!(
            is_form(&s),
            "Enter on field {i} of {fields} moves on, it does not commit"
        );
        assert_eq!(form(&s).focus, i);
    }
    press(&mut s, "enter");
    assert!(
        is_form(&s) && form(&s).first_goal,
        "Enter on the last field commits, and the first goal's form opens"
    );
    assert!(
        msg(&s).contains("add persona \"Field Technician\""),
        "{}",
        msg(&s)
    );
    assert!(msg(&s).contains("u undoes"));
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(
        names(&s, Column::Users),
        [
            "The Employee",
            "Field Technician",
            "The Manager",
            "The IT Department"
        ]
    );
    let p = &ws(&s).column(Column::Users)[1];
    assert_eq!(p.id, "field-technician");
    assert!(p.goals.is_empty());
    assert_eq!(s.column, Column::Users);
    assert_eq!(
        s.selected(),
        Some(Row::Persona(1)),
        "the cursor is on the new persona"
    );
    assert_eq!(s.cursor(), 4);
    assert!(s.modified());
}

#[test]
fn ctrl_s_commits_a_new_persona_from_any_field_with_a_unique_id() {
    let mut s = example_state();
    press(&mut s, "l");
    press(&mut s, "p");
    type_text(&mut s, "Sales");
    press(&mut s, "tab");
    type_text(&mut s, "Second sales team");
    press(&mut s, "ctrl-s");
    press(&mut s, "esc");
    assert!(is_normal(&s));
    let p = &ws(&s).column(Column::Departments)[1];
    assert_eq!(p.name, "Sales");
    assert_eq!(p.role, "Second sales team");
    assert_eq!(p.id, "sales-2", "ids stay unique");
    assert_eq!(ws(&s).column(Column::Departments)[0].id, "sales");
    assert_eq!(s.selected(), Some(Row::Persona(1)));
    assert_eq!(s.column, Column::Departments);
}

#[test]
fn p_at_the_end_of_a_column_and_in_an_empty_column() {
    let mut s = small_state(vec![persona("u", vec![goal("u1", &[])])], vec![], vec![]);
    press(&mut s, "l");
    press(&mut s, "e");
    assert!(is_normal(&s));
    assert!(msg(&s).contains("press p"), "{}", msg(&s));
    press(&mut s, "g");
    assert!(is_normal(&s));
    assert!(msg(&s).contains("add a persona first"), "{}", msg(&s));
    press(&mut s, "d");
    assert!(msg(&s).contains("nothing to delete"), "{}", msg(&s));
    press(&mut s, "p");
    assert_eq!(
        form(&s).target,
        FormTarget::NewPersona {
            column: Column::Departments,
            index: 0
        }
    );
    type_text(&mut s, "Finance");
    keys(&mut s, "ctrl-s esc");
    assert_eq!(names(&s, Column::Departments), ["Finance"]);
    assert_eq!(ws(&s).column(Column::Departments)[0].id, "finance");
    assert_eq!(s.selected(), Some(Row::Persona(0)));

    // p on the last persona's goal puts the new one last.
    press(&mut s, "h");
    press(&mut s, "end");
    press(&mut s, "p");
    type_text(&mut s, "Ops");
    keys(&mut s, "ctrl-s esc");
    assert_eq!(names(&s, Column::Users), ["Persona u", "Ops"]);
    assert_eq!(s.selected(), Some(Row::Persona(1)));
}

#[test]
fn an_empty_name_is_refused_with_a_message_and_the_form_stays_open() {
    let mut s = example_state();
    let before = ws(&s).clone();
    press(&mut s, "p");
    let fields = form(&s).fields.len();
    for _ in 0..fields {
        press(&mut s, "enter");
    }
    assert!(is_form(&s), "the form stays open");
    assert!(form(&s).error.is_some());
    assert_eq!(focused_key(&s), "name", "back on the name");
    assert!(msg(&s).contains("needs a name"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Error));
    assert_eq!(ws(&s), &before);

    type_text(&mut s, "   ");
    press(&mut s, "ctrl-s");
    assert!(is_form(&s), "a name of spaces is empty too");
    assert_eq!(ws(&s), &before);
    assert!(!s.modified());

    type_text(&mut s, "Auditor");
    assert!(form(&s).error.is_none(), "typing clears the error");
    keys(&mut s, "ctrl-s esc");
    assert!(is_normal(&s));
    assert_eq!(ws(&s).column(Column::Users)[1].name, "Auditor");
    assert_eq!(ws(&s).column(Column::Users)[1].id, "auditor");
}

#[test]
fn esc_cancels_a_form_with_no_change() {
    let mut s = example_state();
    let before = ws(&s).clone();

    press(&mut s, "e");
    type_text(&mut s, " Extra");
    press(&mut s, "tab");
    type_text(&mut s, "new role");
    keys(&mut s, "esc y");
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &before);
    assert!(!s.modified());

    press(&mut s, "p");
    type_text(&mut s, "Ghost");
    keys(&mut s, "esc enter");
    press(&mut s, "g");
    type_text(&mut s, "Ghost goal");
    keys(&mut s, "esc y");
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "e");
    type_text(&mut s, " fast");
    keys(&mut s, "esc y");
    assert_eq!(ws(&s), &before);
    assert!(!s.modified());
    press(&mut s, "u");
    assert_eq!(
        msg(&s),
        "nothing to undo",
        "a cancelled form leaves no history"
    );
}

#[test]
fn g_adds_a_goal_after_the_selected_goal_or_last_on_a_persona() {
    let mut s = example_state();
    select_goal(&mut s, "employee-log-calls");
    press(&mut s, "g");
    assert_eq!(
        form(&s).target,
        FormTarget::NewGoal {
            column: Column::Users,
            persona: 0,
            index: 1
        }
    );
    assert_eq!(focused_key(&s), "text");
    type_text(&mut s, "Call back within an hour");
    press(&mut s, "enter");
    type_text(&mut s, "Fast answers win trust");
    press(&mut s, "enter");
    type_text(&mut s, "Median minutes to call back");
    press(&mut s, "enter");
    assert!(
        is_normal(&s),
        "Enter on the metric (the last field) commits"
    );
    assert_eq!(
        goal_ids(&s, Column::Users, 0),
        [
            "employee-log-calls",
            "call-back-within-an-hour",
            "employee-upsell",
            "employee-mobile"
        ]
    );
    let g = find_goal(&s, "call-back-within-an-hour");
    assert_eq!(g.text, "Call back within an hour");
    assert_eq!(g.why, "Fast answers win trust");
    assert_eq!(g.metric, "Median minutes to call back");
    assert!(g.supports.is_empty());
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("call-back-within-an-hour")
    );
    assert!(msg(&s).contains("add goal"), "{}", msg(&s));

    // On a persona's card: the goal goes last. A text that slugs to a taken id gets a suffix.
    select_persona(&mut s, "sales");
    press(&mut s, "g");
    type_text(&mut s, "Sales");
    press(&mut s, "ctrl-s");
    let ids = goal_ids(&s, Column::Departments, 0);
    assert_eq!(ids.last().map(String::as_str), Some("sales-2"));
    assert_eq!(ids.len(), 4);
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-2"));
}

#[test]
fn a_goal_without_text_is_refused_and_the_form_stays_open() {
    let mut s = example_state();
    let before = ws(&s).clone();
    press(&mut s, "g");
    keys(&mut s, "enter enter enter");
    assert!(is_form(&s));
    assert!(msg(&s).contains("needs a text"), "{}", msg(&s));
    assert_eq!(focused_key(&s), "text");
    assert_eq!(ws(&s), &before);
    press(&mut s, "esc");
    assert!(!s.modified());
}

#[test]
fn editing_a_persona_name_keeps_its_id_and_links() {
    let mut s = example_state();
    select_persona(&mut s, "sales");
    press(&mut s, "e");
    for _ in 0.."Sales".len() {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "Revenue Team");
    assert_eq!(field(&s, "name"), "Revenue Team");
    press(&mut s, "ctrl-s");
    assert!(is_normal(&s));
    let p = &ws(&s).column(Column::Departments)[0];
    assert_eq!(p.name, "Revenue Team");
    assert_eq!(p.id, "sales", "the id never changes");
    assert_eq!(
        p.goals,
        crate::store::example().column(Column::Departments)[0].goals
    );
    assert_eq!(supports(&s, "employee-log-calls"), ["sales-new-revenue"]);
    assert!(
        msg(&s).contains("edit persona \"Revenue Team\""),
        "{}",
        msg(&s)
    );
    assert_eq!(s.selected(), Some(Row::Persona(0)));
}
