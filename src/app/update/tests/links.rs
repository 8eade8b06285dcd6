//! Linking, following links, and the Chains and Gaps views.

use super::*;

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
