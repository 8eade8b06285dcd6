//! Linking, following links, and the Chains and Gaps views.

use super::*;

// ---------------------------------------------------------------------------------------------
// Linking
// ---------------------------------------------------------------------------------------------

#[test]
fn space_marks_a_user_goal_and_space_on_a_department_goal_links_them() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    assert_eq!(linking_from(&s), Some("employee-mobile"));
    assert!(msg(&s).starts_with("linking from"), "{}", msg(&s));
    assert!(msg(&s).contains("Update deals from my phone between visits"));
    assert!(msg(&s).contains("Departments"), "{}", msg(&s));
    assert!(!s.modified(), "marking changes nothing");
    select_goal(&mut s, "marketing-pipeline");
    assert_eq!(
        linking_from(&s),
        Some("employee-mobile"),
        "moving keeps the mark"
    );
    press(&mut s, "space");
    assert!(is_normal(&s));
    assert_eq!(supports(&s, "employee-mobile"), ["marketing-pipeline"]);
    assert!(msg(&s).starts_with("linked"), "{}", msg(&s));
    assert!(s.modified());
    assert_eq!(selected_goal(&s).as_deref(), Some("marketing-pipeline"));
}

#[test]
fn linking_works_whichever_side_is_marked_first() {
    let mut s = example_state();
    select_goal(&mut s, "marketing-pipeline");
    press(&mut s, "space");
    assert!(msg(&s).contains("Users or Buyers"), "{}", msg(&s));
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    assert_eq!(supports(&s, "employee-mobile"), ["marketing-pipeline"]);
    assert_eq!(supports(&s, "marketing-pipeline"), ["exec-revenue-growth"]);

    select_goal(&mut s, "cto-security");
    press(&mut s, "space");
    select_goal(&mut s, "sales-new-revenue");
    press(&mut s, "enter");
    assert!(is_normal(&s), "Enter links too");
    assert_eq!(
        supports(&s, "sales-new-revenue"),
        ["exec-revenue-growth", "cto-security"]
    );
    assert!(supports(&s, "cto-security").is_empty());
}

#[test]
fn space_on_an_already_linked_pair_unlinks_it() {
    let mut s = example_state();
    select_goal(&mut s, "sales-new-revenue");
    press(&mut s, "space");
    select_goal(&mut s, "employee-log-calls");
    press(&mut s, "space");
    assert!(is_normal(&s));
    assert!(supports(&s, "employee-log-calls").is_empty());
    assert_eq!(links_to(&s, "sales-new-revenue"), ["manager-forecast"]);
    assert!(msg(&s).starts_with("unlinked"), "{}", msg(&s));
}

#[test]
fn linking_in_one_column_or_from_users_to_buyers_is_refused() {
    let mut s = example_state();
    let before = ws(&s).clone();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    select_goal(&mut s, "manager-forecast");
    press(&mut s, "space");
    assert_eq!(ws(&s), &before);
    assert!(msg(&s).contains("same column"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Warning));
    assert_eq!(linking_from(&s), Some("employee-mobile"), "still linking");

    select_goal(&mut s, "exec-market-share");
    press(&mut s, "space");
    assert_eq!(ws(&s), &before);
    assert!(msg(&s).contains("department layer"), "{}", msg(&s));
    assert_eq!(linking_from(&s), Some("employee-mobile"));

    // And the other way round.
    press(&mut s, "esc");
    press(&mut s, "space");
    assert_eq!(linking_from(&s), Some("exec-market-share"));
    select_goal(&mut s, "employee-upsell");
    press(&mut s, "space");
    assert_eq!(ws(&s), &before);
    assert!(msg(&s).contains("department layer"), "{}", msg(&s));
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert!(!s.modified());
}

#[test]
fn esc_or_space_on_the_marked_goal_cancels_linking() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(msg(&s), "linking cancelled");
    press(&mut s, "space");
    press(&mut s, "space");
    assert!(is_normal(&s));
    assert_eq!(msg(&s), "linking cancelled");
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn space_on_a_persona_says_linking_is_for_goals() {
    let mut s = example_state();
    press(&mut s, "space");
    assert!(is_normal(&s));
    assert!(msg(&s).contains("linking works on goals"), "{}", msg(&s));
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    press(&mut s, "l");
    press(&mut s, "home");
    press(&mut s, "space");
    assert!(msg(&s).contains("linking works on goals"), "{}", msg(&s));
    assert_eq!(linking_from(&s), Some("employee-mobile"), "the mark stays");
}

#[test]
fn edit_keys_do_nothing_while_linking() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    let effects = keys(&mut s, "d J K u p g e q ctrl-s");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(ws(&s), &crate::store::example());
    assert_eq!(linking_from(&s), Some("employee-mobile"));
}

// ---------------------------------------------------------------------------------------------
// Following links
// ---------------------------------------------------------------------------------------------

#[test]
fn brackets_follow_links_and_backspace_goes_back() {
    let mut s = example_state();
    select_goal(&mut s, "employee-log-calls");
    press(&mut s, "]");
    assert_eq!(s.column, Column::Departments);
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-new-revenue"));
    assert!(msg(&s).contains("Backspace"), "{}", msg(&s));
    press(&mut s, "]");
    assert_eq!(s.column, Column::Buyers);
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-revenue-growth"));
    // Several goals support it: the picker asks, Enter takes the first.
    press(&mut s, "[");
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-new-revenue"));
    press(&mut s, "[");
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));

    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-new-revenue"));
    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-revenue-growth"));
    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-new-revenue"));
    press(&mut s, "backspace");
    assert_eq!(s.column, Column::Users);
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    press(&mut s, "backspace");
    assert_eq!(msg(&s), "nowhere to go back to");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
}

#[test]
fn brackets_where_there_is_no_link_say_so_and_stay() {
    let mut s = example_state();
    press(&mut s, "]");
    assert!(msg(&s).contains("move to a goal first"), "{}", msg(&s));
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "]");
    assert!(msg(&s).contains("supports nothing"), "{}", msg(&s));
    press(&mut s, "[");
    assert!(msg(&s).contains("nothing supports"), "{}", msg(&s));
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-mobile"));
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

#[test]
fn number_keys_switch_views_and_esc_returns_to_the_board() {
    let mut s = example_state();
    press(&mut s, "2");
    assert_eq!(s.view, View::Chains);
    press(&mut s, "3");
    assert_eq!(s.view, View::Gaps);
    press(&mut s, "1");
    assert_eq!(s.view, View::Board);
    press(&mut s, "3");
    press(&mut s, "esc");
    assert_eq!(s.view, View::Board);
    press(&mut s, "2");
    press(&mut s, "esc");
    assert_eq!(s.view, View::Board);
}

#[test]
fn enter_on_a_gaps_line_jumps_to_the_goal_on_the_board() {
    let mut s = example_state();
    select_goal(&mut s, "sales-competitive-wins");
    press(&mut s, "3");
    assert!(
        !s.doc.derived().gap_lines[s.views.gaps.cursor].heading,
        "starts on a finding"
    );
    press(&mut s, "k");
    press(&mut s, "enter");
    assert_eq!(s.view, View::Gaps, "a heading line goes nowhere");
    assert!(msg(&s).contains("pick a line"), "{}", msg(&s));
    press(&mut s, "j");
    press(&mut s, "enter");
    assert_eq!(s.view, View::Board);
    assert_eq!(s.column, Column::Users);
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-mobile"));
    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-competitive-wins"));

    press(&mut s, "3");
    press(&mut s, "end");
    press(&mut s, "enter");
    assert_eq!(s.view, View::Board);
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("manager-coaching"),
        "the no-metric finding"
    );
}

#[test]
fn enter_on_a_chains_line_jumps_to_the_goal_on_the_board() {
    let mut s = example_state();
    press(&mut s, "2");
    let want = Some(Target::Goal("it-run-cost".into()));
    for _ in 0..s.doc.derived().chain_lines.len() {
        if s.doc.derived().chain_lines[s.views.chains.cursor].target == want {
            break;
        }
        press(&mut s, "j");
    }
    assert_eq!(
        s.doc.derived().chain_lines[s.views.chains.cursor].target,
        want
    );
    press(&mut s, "enter");
    assert_eq!(s.view, View::Board);
    assert_eq!(s.column, Column::Departments);
    assert_eq!(selected_goal(&s).as_deref(), Some("it-run-cost"));
}

#[test]
fn board_keys_do_nothing_in_the_chains_and_gaps_views() {
    let mut s = example_state();
    for view in ["2", "3"] {
        press(&mut s, view);
        let effects = keys(&mut s, "p g e d J K space l ] f");
        assert!(effects.is_empty());
        assert!(is_normal(&s));
        assert_eq!(s.column, Column::Users);
        assert_eq!(ws(&s), &crate::store::example());
    }
}
