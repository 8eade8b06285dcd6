//! Clicks and the wheel, mapped to rows through the same layout the view draws with.

use super::*;

pub(super) fn on_click(state: &mut State, x: u16, y: u16, double: bool) -> Vec<Effect> {
    if matches!(state.mode, Mode::LinkPicker(_)) {
        super::picker::on_picker_click(state, x, y);
        return Vec::new();
    }
    if !matches!(state.mode, Mode::Normal) || state.view != View::Board {
        return Vec::new();
    }
    let areas = Areas::of(state);
    for column in Column::ALL {
        let r = areas.column_inner(column.index());
        if x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height {
            let line = y - r.y;
            let placed = crate::app::rows::placed(state, column, &areas);
            let hit = placed
                .iter()
                .find(|p| line >= p.y && line < p.y + p.height)
                .map(|p| p.row);
            if let Some(row) = hit {
                state.column = column;
                state.columns[column.index()].cursor = row;
                if double && matches!(state.mode, Mode::Normal) {
                    return act(state, Action::Edit);
                }
            }
        }
    }
    Vec::new()
}

pub(super) fn on_scroll(state: &mut State, x: u16, y: u16, down: bool) {
    if let Mode::LinkPicker(p) = &mut state.mode {
        p.step(if down { 3 } else { -3 });
        super::picker::fit_picker(state);
        return;
    }
    if !matches!(state.mode, Mode::Normal) {
        return;
    }
    let delta = if down { 3 } else { -3 };
    if state.view == View::Board {
        let areas = Areas::of(state);
        if let Some(column) = Column::ALL.into_iter().find(|c| {
            let r = areas.columns[c.index()];
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        }) {
            state.column = column;
        }
    }
    move_cursor(state, delta);
}
