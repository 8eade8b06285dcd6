//! The mouse: clicks, double clicks, the wheel.

use super::*;

// ---------------------------------------------------------------------------------------------
// Mouse
// ---------------------------------------------------------------------------------------------

#[test]
fn a_click_on_a_row_of_the_middle_column_selects_it() {
    let mut s = example_state();
    let (x, y) = row_cell(&s, Column::Departments, 5);
    assert!(click(&mut s, x, y, false).is_empty());
    assert_eq!(s.column, Column::Departments);
    assert_eq!(selected_goal(&s).as_deref(), Some("marketing-pipeline"));
    assert!(is_normal(&s));
    let (x, y) = row_cell(&s, Column::Buyers, 0);
    click(&mut s, x, y, false);
    assert_eq!(
        (s.column, s.selected()),
        (Column::Buyers, Some(Row::Persona(0)))
    );
}

#[test]
fn a_click_on_a_border_or_below_the_last_row_selects_nothing() {
    let mut s = example_state();
    let r = Areas::new(s.size, s.detail).columns[1];
    click(&mut s, r.x + 2, r.y, false);
    assert_eq!((s.column, s.cursor()), (Column::Users, 0), "the top border");
    let (x, y) = row_cell(&s, Column::Departments, 12);
    click(&mut s, x, y, false);
    assert_eq!(
        (s.column, s.cursor()),
        (Column::Users, 0),
        "below the last row"
    );
    click(&mut s, r.x + 2, r.y + r.height - 1, false);
    assert_eq!(
        (s.column, s.cursor()),
        (Column::Users, 0),
        "the bottom border"
    );
}

#[test]
fn a_click_in_a_scrolled_column_hits_the_row_drawn_there() {
    let mut s = example_state();
    update(&mut s, Event::Resize(80, 12));
    press(&mut s, "end");
    let scroll = s.columns[0].scroll;
    assert!(scroll > 0, "the column is scrolled");
    let (x, y) = row_cell(&s, Column::Users, scroll + 1);
    click(&mut s, x, y, false);
    assert_eq!(s.cursor(), scroll + 1);
}

#[test]
fn a_double_click_opens_the_form() {
    let mut s = example_state();
    let (x, y) = row_cell(&s, Column::Departments, 6);
    click(&mut s, x, y, false);
    click(&mut s, x, y, true);
    assert_eq!(
        form(&s).target,
        FormTarget::Goal {
            column: Column::Departments,
            persona: 1,
            goal: 1
        }
    );
    assert_eq!(field(&s, "text"), "Cut customer acquisition cost by 10%");
    // Clicks do not reach the board while the form is open.
    let (x, y) = row_cell(&s, Column::Users, 2);
    click(&mut s, x, y, false);
    assert_eq!(s.column, Column::Departments);
    press(&mut s, "esc");
    assert!(!s.modified());
}

#[test]
fn the_wheel_moves_the_cursor_in_the_column_under_it() {
    let mut s = example_state();
    let r = Areas::new(s.size, s.detail).columns[2];
    wheel(&mut s, r.x + 1, r.y + 3, true);
    assert_eq!(s.column, Column::Buyers);
    assert_eq!(s.cursor(), 3);
    wheel(&mut s, r.x + 1, r.y + 3, true);
    assert_eq!(s.cursor(), 6);
    for _ in 0..5 {
        wheel(&mut s, r.x + 1, r.y + 3, true);
    }
    assert_eq!(s.cursor(), 9, "clamped to the last row");
    wheel(&mut s, r.x + 1, r.y + 3, false);
    assert_eq!(s.cursor(), 6);
    assert_eq!(s.columns[0].cursor, 0, "other columns keep their cursor");
}

#[test]
fn the_wheel_moves_the_line_in_the_gaps_view() {
    let mut s = example_state();
    press(&mut s, "3");
    wheel(&mut s, 5, 5, true);
    assert_eq!(s.views.gaps.cursor, s.doc.derived().gap_lines.len() - 1);
    assert_eq!(s.view, View::Gaps);
    assert_eq!(s.column, Column::Users);
}
