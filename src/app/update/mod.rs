//! `update`: the one place behaviour lives. Pure: it changes the state and returns effects.
//! Split by concern: [`editing`] (forms), [`changes`] (delete, reorder, undo), [`picker`] (the
//! link picker), [`links`] (jumping along links), [`session`] (save, quit, questions, help) and
//! [`mouse`].

mod changes;
mod conflicts;
mod disk;
mod editing;
#[cfg(test)]
mod form_flow_tests;
mod links;
mod mouse;
mod picker;
#[cfg(test)]
mod picker_tests;
mod present;
mod reload;
mod room;
mod search;

/// `o`: only the selected persona's chains, or everything again.
fn toggle_filter(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    if state.filter.take().is_some() {
        state.say(Tone::Info, "showing everything again");
        return;
    }
    let Some(pi) = selected_persona_index(state) else {
        state.say(Tone::Info, "move to a persona (or one of its goals) first");
        return;
    };
    let id = state.doc.workspace().column(state.column)[pi].id.clone();
    state.filter = super::filter::Filter::build(&state.doc, &id);
    if let Some(f) = &state.filter {
        let text = format!("only the chains of {:?} — o again shows everything", f.name);
        state.say(Tone::Info, text);
    }
}
mod session;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::document::{Edit, Row, Spot};
use super::form::{FieldKind, Form, FormTarget};
use super::keys::Chord;
use super::layout::Areas;
use super::lists::Target;
use super::{Action, Effect, Event, Mode, Prompt, State, Tone, View};
use crate::model::ids::unique_id;
use crate::model::{Column, Goal, Persona};

use changes::{ask_delete, delete_selected, move_item, redo, undo};
use editing::{
    on_edited, on_form_key, on_paste, open_edit, open_new_goal, open_new_persona, open_title,
};
pub use links::go_to;
use links::{follow_chain, go_back, jump_from_list, on_pick_key};
use mouse::{on_click, on_scroll};
use picker::{on_picker_key, open_picker};
use search::{next_match, on_search_key};
use session::{on_help_key, on_prompt_key, on_saved, quit, save};

/// Handles one event and returns what must happen outside.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    let effects = match event {
        // The slides are not the board: clicks, the wheel and pastes do nothing there.
        Event::Click { .. } | Event::Scroll { .. } | Event::Paste(_)
            if state.present.is_some() && matches!(state.mode, Mode::Normal) =>
        {
            Vec::new()
        }
        Event::Key(key) => on_key(state, key),
        Event::Paste(text) => {
            on_paste(state, &text);
            Vec::new()
        }
        Event::Resize(w, h) => {
            state.size = (w, h);
            Vec::new()
        }
        Event::Click { x, y, double } => on_click(state, x, y, double),
        Event::Scroll { x, y, down } => {
            on_scroll(state, x, y, down);
            Vec::new()
        }
        Event::Saved {
            state: saved,
            result,
        } => on_saved(state, saved, result),
        Event::Idle => Vec::new(),
        Event::Edited(result) => {
            on_edited(state, result);
            Vec::new()
        }
        Event::SaveConflict { .. } => {
            state.saving = false;
            state.mode = Mode::Prompt(Prompt::ChangedOnDisk);
            state.say(
                Tone::Warning,
                "the file changed on disk since it was opened: nothing was written",
            );
            Vec::new()
        }
        Event::SaveReadOnly { .. } => {
            state.saving = false;
            state.mode = Mode::Prompt(Prompt::ReadOnlyFile);
            let text = format!(
                "{} has no write permission: nothing was written",
                state.file_name()
            );
            state.say(Tone::Warning, text);
            Vec::new()
        }
        Event::Reloaded { workspace, why } => {
            reload::on_reloaded(state, workspace, why);
            Vec::new()
        }
        Event::DiskChanged { read, seen } => disk::on_disk_changed(state, read, seen),
        Event::FileGone(gone) => {
            disk::on_file_gone(state, gone);
            Vec::new()
        }
        Event::Copies(result) => {
            disk::on_copies(state, result);
            Vec::new()
        }
        Event::RecoveryQueued => {
            // A newer copy than the one kept for later is on its way: that one is replaced.
            state.keep_recovery = false;
            Vec::new()
        }
        Event::Notice { tone, text } => {
            state.say(tone, text);
            Vec::new()
        }
        Event::Room(news) => room::on_news(state, news),
    };
    room::offer(state);
    keep_cursor_visible(state);
    super::present::refresh(state);
    effects
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    let chord = Chord::from_event(&key);
    let mode = state.key_mode();
    let action = state.keymap.action(mode, chord);
    // Ctrl-c quits from the lists that hold no typed work (SPEC §4: q or Ctrl-c quit); forms
    // and questions keep it for themselves.
    if action == Some(Action::Quit)
        && matches!(
            state.mode,
            Mode::Pick(_) | Mode::Search(_) | Mode::LinkPicker(_)
        )
    {
        state.mode = Mode::Normal;
        return quit(state);
    }
    match &state.mode {
        Mode::Prompt(_) => return on_prompt_key(state, action),
        Mode::Pick(_) => {
            on_pick_key(state, action);
            return Vec::new();
        }
        Mode::Help { .. } => {
            on_help_key(state, action);
            return Vec::new();
        }
        Mode::Form(_) => return on_form_key(state, key, action),
        Mode::Search(_) => return on_search_key(state, key, action),
        Mode::LinkPicker(_) => {
            on_picker_key(state, key, action);
            return Vec::new();
        }
        Mode::Normal if state.present.is_some() => {
            return present::on_key(state, key, action);
        }
        Mode::Normal => {}
    }
    match action {
        Some(action) => act(state, action),
        None => Vec::new(),
    }
}

/// Runs a keymap action in the board or a list view.
pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    if state.read_only && action.edits() {
        state.say(
            Tone::Warning,
            format!("read-only: cannot {}", action.describe()),
        );
        return Vec::new();
    }
    if !matches!(action, Action::DetailDown | Action::DetailUp) {
        state.detail_scroll = 0;
    }
    match action {
        Action::DetailDown | Action::DetailUp if !state.detail => {
            state.say(
                Tone::Info,
                "i opens the detail pane; Shift-↑↓ then scroll it",
            );
        }
        Action::DetailDown => state.detail_scroll = state.detail_scroll.saturating_add(1),
        Action::DetailUp => state.detail_scroll = state.detail_scroll.saturating_sub(1),
        Action::ColumnLeft => move_column(state, -1),
        Action::ColumnRight => move_column(state, 1),
        Action::Up => move_cursor(state, -1),
        Action::Down => move_cursor(state, 1),
        // A page is laid out only when one is asked for (rows differ in height).
        Action::PageUp => move_cursor(state, -(page_rows(state) as isize)),
        Action::PageDown => move_cursor(state, page_rows(state) as isize),
        Action::First => move_cursor(state, isize::MIN / 2),
        Action::Last => move_cursor(state, isize::MAX / 2),
        Action::Edit => open_edit(state),
        Action::AddPersona => open_new_persona(state),
        Action::AddGoal => open_new_goal(state),
        Action::Delete => ask_delete(state),
        Action::MoveDown => move_item(state, 1),
        Action::MoveUp => move_item(state, -1),
        Action::Undo => {
            undo(state);
            return room::followed_history(state);
        }
        Action::Redo => {
            redo(state);
            return room::followed_history(state);
        }
        Action::Link => open_picker(state),
        Action::EditTitle => open_title(state),
        Action::Focus => {
            state.focus = !state.focus;
            let text = if state.focus {
                "focus on: everything outside the chain is dimmed (f or Esc to leave)"
            } else {
                "focus off"
            };
            state.say(Tone::Info, text);
        }
        Action::GoalLines => {
            state.goal_lines = state.goal_lines.next();
            let text = format!(
                "goal text: {} (w: one line / two lines / whole)",
                state.goal_lines.describe()
            );
            state.say(Tone::Info, text);
        }
        Action::AllLinks => {
            state.all_links = !state.all_links;
            let text = if state.all_links {
                "drawing every link on screen (a again: only the selected chain)"
            } else {
                "drawing only the selected chain's links"
            };
            state.say(Tone::Info, text);
        }
        Action::ChainUp => follow_chain(state, true),
        Action::ChainDown => follow_chain(state, false),
        Action::Back => go_back(state),
        // The actions that open a view (each named in its row of `views::VIEWS`, which binds
        // it to the view's key in every view); a new view's action joins this arm.
        Action::ViewBoard | Action::ViewChains | Action::ViewGaps | Action::ViewRoom => {
            if let Some(view) = View::opened_by(action) {
                open_view(state, view);
            }
        }
        Action::Jump => jump_from_list(state),
        Action::Room => return room::toggle(state),
        Action::VoteRound => return room::vote_round(state),
        Action::SetAside if state.view == View::Room => return room::set_aside(state),
        Action::ToggleDetail => state.detail = !state.detail,
        Action::ToggleMouse => {
            state.mouse = !state.mouse;
            let text = if state.mouse {
                "mouse on: click selects, wheel scrolls, double click edits"
            } else {
                "mouse off: the terminal's own text selection works (m turns it back on)"
            };
            state.say(Tone::Info, text);
            return vec![Effect::SetMouse(state.mouse)];
        }
        Action::Save => return save(state),
        Action::Quit => return quit(state),
        Action::Help => state.mode = Mode::Help { scroll: 0 },
        Action::Cancel
        | Action::SetAside
        | Action::ReopenRoom
        | Action::Toggle
        | Action::ToggleClose
        | Action::NextField
        | Action::PrevField
        | Action::Commit
        | Action::FormEnter
        | Action::NewLine
        | Action::ChoiceNext
        | Action::ChoicePrev
        | Action::OpenEditor => {}
        // Text editing: the search box, the picker's filter and the form take it.
        Action::CursorLeft
        | Action::CursorRight
        | Action::WordLeft
        | Action::WordRight
        | Action::LineStart
        | Action::LineEnd
        | Action::DeleteBack
        | Action::DeleteForward
        | Action::DeleteToStart
        | Action::DeleteToEnd
        | Action::DeleteWord => {}
        Action::Search => {
            // The last query, selected: typing replaces it, → or End keeps it (SPEC §3).
            let mut search = state.search.clone().unwrap_or_default();
            search.run_again(&state.doc.snapshot());
            search.input.select_all();
            state.mode = Mode::Search(search);
        }
        Action::Filter => toggle_filter(state),
        Action::Present => state.start_presenting(false),
        Action::NextMatch => next_match(state, true),
        Action::PrevMatch => next_match(state, false),
        Action::Clear => {
            state.message = None;
            state.focus = false;
            state.search = None;
        }
        // Answers to questions and choices in a list: their modes take them.
        Action::Yes
        | Action::No
        | Action::Overwrite
        | Action::SaveAnyway
        | Action::TakeOurs
        | Action::TakeTheirs
        | Action::EditJoined
        | Action::Reload
        | Action::Restore
        | Action::Discard
        | Action::Pick1
        | Action::Pick2
        | Action::Pick3
        | Action::Pick4
        | Action::Pick5
        | Action::Pick6
        | Action::Pick7
        | Action::Pick8
        | Action::Pick9
        // The presenter's keys: its mode takes them (`present::on_key`).
        | Action::NextSlide
        | Action::PrevSlide
        | Action::FirstSlide
        | Action::LastSlide
        | Action::SlideDigit
        | Action::GoToSlide
        | Action::LeavePresenter => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests;

/// Shows a view; a list that starts on an item moves its cursor off a heading.
pub(super) fn open_view(state: &mut State, view: View) {
    state.view = view;
    let Some(list) = view.list().filter(|l| l.start_on_item) else {
        return;
    };
    // Start on an item, not on its group's heading (the lines after the cursor are built a
    // screen at a time, never the whole list).
    let at = (list.cursor)(&state.views).cursor;
    if list.line(state, at).is_some_and(|l| l.heading)
        && let Some(next) = (list.lines)(state, at, 64).iter().position(|l| !l.heading)
    {
        (list.cursor_mut)(&mut state.views).cursor = at + next;
    }
}

pub(super) fn page_rows(state: &State) -> usize {
    let areas = Areas::of(state);
    match state.view.list() {
        // Rows differ in height: a page is the rows on screen now.
        None => super::rows::placed(state, state.column, &areas).len(),
        Some(_) => areas.list_rows(),
    }
    .saturating_sub(1)
    .max(1)
}

pub(super) fn move_column(state: &mut State, delta: isize) {
    if state.view != View::Board {
        return;
    }
    let i = state.column.index() as isize + delta;
    if let Some(c) = usize::try_from(i).ok().and_then(Column::from_index) {
        state.column = c;
    }
}

pub(super) fn list_len(state: &State) -> usize {
    match state.view.list() {
        None => state.doc.row_count(state.column),
        Some(list) => (list.len)(state),
    }
}

pub(super) fn cursor_mut(state: &mut State) -> &mut super::ColumnView {
    match state.view.list() {
        None => &mut state.columns[state.column.index()],
        Some(list) => (list.cursor_mut)(&mut state.views),
    }
}

pub(super) fn move_cursor(state: &mut State, delta: isize) {
    if state.view.list().is_none() {
        // Moves between the rows shown (all, or the filter's).
        let column = state.column;
        let len = state.shown_len(column);
        let at = state.shown_pos(column, state.cursor()).unwrap_or(0) as isize;
        let pos = at
            .saturating_add(delta)
            .clamp(0, len.saturating_sub(1) as isize) as usize;
        if let Some(row) = state.shown_row(column, pos) {
            state.columns[column.index()].cursor = row;
        }
        return;
    }
    let len = list_len(state);
    let cv = cursor_mut(state);
    let target = (cv.cursor as isize).saturating_add(delta);
    cv.cursor = target.clamp(0, len.saturating_sub(1) as isize) as usize;
}

/// Clamps every cursor to its list and scrolls so each cursor is on screen.
pub(super) fn keep_cursor_visible(state: &mut State) {
    let areas = Areas::of(state);
    if let Some(f) = state.filter.take() {
        state.filter = f.refreshed(&state.doc);
    }
    for column in Column::ALL {
        let len = state.shown_len(column);
        let cursor = state.columns[column.index()].cursor;
        // Work in shown positions; a hidden cursor moves to the next row shown.
        let pos = state
            .shown_pos(column, cursor)
            .unwrap_or_else(|| match &state.filter {
                Some(f) => f.rows(column).partition_point(|r| *r < cursor),
                None => cursor,
            });
        let pos = pos.min(len.saturating_sub(1));
        let cursor = state.shown_row(column, pos).unwrap_or(0);
        state.columns[column.index()].cursor = cursor;
        let scroll = state.columns[column.index()].scroll;
        state.columns[column.index()].scroll =
            super::rows::scroll_for(state, &areas, column, pos, scroll);
    }
    let list_rows = areas.list_rows().max(1);
    for list in super::views::lists() {
        let len = (list.len)(state);
        fit((list.cursor_mut)(&mut state.views), len, list_rows);
    }
}

pub(super) fn fit(cv: &mut super::ColumnView, len: usize, rows: usize) {
    cv.cursor = cv.cursor.min(len.saturating_sub(1));
    if cv.cursor < cv.scroll {
        cv.scroll = cv.cursor;
    } else if cv.cursor >= cv.scroll + rows {
        cv.scroll = cv.cursor + 1 - rows;
    }
    cv.scroll = cv.scroll.min(len.saturating_sub(rows));
}

pub(super) fn set_spot(state: &mut State, spot: Spot) {
    if let Some(c) = Column::from_index(spot.column) {
        state.column = c;
        state.columns[spot.column].cursor = spot.row;
    }
}

pub(super) fn persona_at(state: &State, column: Column, index: usize) -> Option<&Persona> {
    state
        .doc
        .workspace()
        .column(column)
        .get(index)
        .map(|p| &**p)
}

pub(super) fn selected_persona_index(state: &State) -> Option<usize> {
    match state.selected()? {
        Row::Persona(p) | Row::Goal(p, _) => Some(p),
    }
}
