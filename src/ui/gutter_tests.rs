//! The gutter's drawing, cell by cell.

use super::*;

fn text(grid: &Grid) -> Vec<String> {
    grid.iter()
        .map(|row| row.iter().map(|c| c.map_or(' ', |c| c.ch)).collect())
        .collect()
}

fn link(left: End, right: End) -> Link {
    Link {
        left,
        right,
        chain: true,
    }
}

#[test]
fn one_link_goes_from_its_left_row_to_its_right_row() {
    let grid = draw(3, 4, &[link(End::At(0), End::At(2))], false);
    assert_eq!(text(&grid), ["─┐ ", " │ ", " └─", "   "]);
    assert!(grid[0][0].is_some_and(|c| c.chain));
    let same_row = draw(3, 2, &[link(End::At(1), End::At(1))], false);
    assert_eq!(text(&same_row), ["   ", "───"]);
}

#[test]
fn a_fan_out_branches_from_one_line() {
    let links = [link(End::At(0), End::At(1)), link(End::At(0), End::At(3))];
    assert_eq!(
        text(&draw(3, 4, &links, false)),
        ["─┐ ", " ├─", " │ ", " └─"]
    );
}

#[test]
fn a_fan_in_merges_into_one_line() {
    let links = [link(End::At(0), End::At(3)), link(End::At(2), End::At(3))];
    assert_eq!(
        text(&draw(3, 4, &links, false)),
        ["─┐ ", " │ ", "─┤ ", " └─"]
    );
}

#[test]
fn crossing_links_take_separate_tracks_when_there_is_room() {
    let links = [link(End::At(0), End::At(3)), link(End::At(3), End::At(0))];
    let wide = text(&draw(5, 4, &links, false));
    // Both lines are whole: each track joins its rows.
    assert_eq!(&wide[0][..], "─┐┌──");
    // Their ends share a row, so the two horizontals run together there.
    assert_eq!(&wide[3][..], "─┴┴──");
    assert_eq!(&wide[1][..], " ││  ");
    // In a narrow gutter they share the one track and meet in junctions.
    let narrow = text(&draw(3, 4, &links, false));
    assert_eq!(narrow, ["─┬─", " │ ", " │ ", "─┴─"]);
}

#[test]
fn targets_off_screen_end_in_an_arrow_with_a_count() {
    let links = [
        link(End::At(2), End::Above),
        link(End::At(2), End::Below),
        link(End::At(3), End::Below),
    ];
    let grid = text(&draw(3, 5, &links, false));
    assert_eq!(&grid[0][..], "↑1 ");
    assert_eq!(&grid[4][..], "↓2 ");
    assert_eq!(&grid[2][..], "─┤ ");
    assert_eq!(&grid[1][..], " │ ");
    // Both ends off the same edge: counted, not drawn.
    let grid = text(&draw(3, 3, &[link(End::Above, End::Above)], false));
    assert_eq!(grid, ["↑1 ", "   ", "   "]);
}

#[test]
fn ascii_uses_bars_dashes_and_plus() {
    let links = [link(End::At(0), End::At(1)), link(End::At(0), End::At(3))];
    assert_eq!(
        text(&draw(3, 4, &links, true)),
        ["-+ ", " +-", " | ", " +-"]
    );
    let grid = text(&draw(3, 3, &[link(End::At(1), End::Below)], true));
    assert_eq!(&grid[2][..], "v1 ");
}

#[test]
fn only_links_given_are_drawn_and_tiny_gutters_do_not_panic() {
    assert_eq!(text(&draw(3, 2, &[], false)), ["   ", "   "]);
    for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 5)] {
        let grid = draw(
            w,
            h,
            &[link(End::At(0), End::Below), link(End::Above, End::At(9))],
            false,
        );
        assert_eq!(grid.len(), usize::from(h));
    }
}
