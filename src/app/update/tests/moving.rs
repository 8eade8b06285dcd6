//! Moving around the board: columns, rows, pages, ends.

use super::*;

// ---------------------------------------------------------------------------------------------
// Moving around
// ---------------------------------------------------------------------------------------------

#[test]
fn j_k_and_arrows_move_between_rows_and_clamp_at_the_ends() {
    let mut s = example_state();
    assert_eq!((s.column, s.cursor()), (Column::Users, 0));
    assert_eq!(s.selected(), Some(Row::Persona(0)));
    press(&mut s, "k");
    assert_eq!(s.cursor(), 0, "k at the top stays");
    press(&mut s, "up");
    assert_eq!(s.cursor(), 0);
    press(&mut s, "j");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    press(&mut s, "down");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-upsell"));
    press(&mut s, "up");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    keys(&mut s, "j j j");
    assert_eq!(s.selected(), Some(Row::Persona(1)), "the Manager's card");
    press(&mut s, "end");
    assert_eq!(s.cursor(), 10);
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("it-department-admin-time")
    );
    press(&mut s, "j");
    assert_eq!(s.cursor(), 10, "j at the bottom stays");
    press(&mut s, "down");
    assert_eq!(s.cursor(), 10);
    press(&mut s, "home");
    assert_eq!(s.cursor(), 0);
    assert_eq!(ws(&s), &crate::store::example(), "moving changes nothing");
    assert!(!s.modified());
}

#[test]
fn h_l_tab_and_shift_tab_change_column_and_clamp_at_the_ends() {
    let mut s = example_state();
    press(&mut s, "h");
    assert_eq!(s.column, Column::Users, "h in the first column stays");
    press(&mut s, "shift-tab");
    assert_eq!(s.column, Column::Users);
    press(&mut s, "l");
    assert_eq!(s.column, Column::Departments);
    press(&mut s, "tab");
    assert_eq!(s.column, Column::Buyers);
    press(&mut s, "tab");
    assert_eq!(s.column, Column::Buyers, "Tab in the last column stays");
    press(&mut s, "right");
    assert_eq!(s.column, Column::Buyers);
    press(&mut s, "l");
    assert_eq!(s.column, Column::Buyers);
    press(&mut s, "shift-tab");
    assert_eq!(s.column, Column::Departments);
    press(&mut s, "left");
    assert_eq!(s.column, Column::Users);
}

#[test]
fn each_column_remembers_its_own_cursor() {
    let mut s = example_state();
    keys(&mut s, "j j");
    press(&mut s, "l");
    assert_eq!(s.cursor(), 0, "Departments starts at its top");
    keys(&mut s, "j j j j j");
    press(&mut s, "l");
    press(&mut s, "end");
    press(&mut s, "h");
    assert_eq!(selected_goal(&s).as_deref(), Some("marketing-pipeline"));
    press(&mut s, "h");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-upsell"));
    press(&mut s, "tab");
    press(&mut s, "tab");
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("procurement-vendor-risk")
    );
}

#[test]
fn page_down_and_page_up_move_a_page_and_clamp() {
    let mut s = example_state();
    // Wide enough for one-line personas; one line a goal: a page is a screen of rows.
    s.goal_lines = crate::config::GoalLines::One;
    update(&mut s, Event::Resize(240, 12));
    assert_eq!(s.size, (240, 12));
    let rows = Areas::new(s.size, s.detail).column_rows();
    let page = rows - 1;
    assert!(
        page > 1 && page < 10,
        "the test needs a page shorter than a column"
    );
    press(&mut s, "pagedown");
    assert_eq!(s.cursor(), page);
    press(&mut s, "pagedown");
    assert_eq!(s.cursor(), 10, "clamped to the last row");
    press(&mut s, "pagedown");
    assert_eq!(s.cursor(), 10);
    let cv = s.columns[0];
    assert!(
        cv.scroll <= cv.cursor && cv.cursor < cv.scroll + rows,
        "cursor on screen: {cv:?}"
    );
    press(&mut s, "pageup");
    assert_eq!(s.cursor(), 10 - page);
    press(&mut s, "pageup");
    assert_eq!(s.cursor(), 0, "clamped to the first row");
    press(&mut s, "pageup");
    assert_eq!(s.cursor(), 0);
    assert_eq!(
        s.columns[0],
        ColumnView {
            cursor: 0,
            scroll: 0
        }
    );
}

#[test]
fn shift_down_scrolls_the_detail_pane_and_any_other_key_resets_it() {
    let mut s = example_state();
    press(&mut s, "shift-down");
    assert_eq!(s.detail_scroll, 0);
    assert!(msg(&s).contains("i opens the detail pane"), "{}", msg(&s));
    press(&mut s, "i");
    press(&mut s, "shift-down");
    press(&mut s, "shift-down");
    assert_eq!(s.detail_scroll, 2);
    press(&mut s, "shift-up");
    assert_eq!(s.detail_scroll, 1);
    press(&mut s, "j");
    assert_eq!(
        s.detail_scroll, 0,
        "a new selection shows the pane from its top"
    );
}
