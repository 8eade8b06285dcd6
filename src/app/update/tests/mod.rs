//! Unit tests of `update`, driven the way a person drives the app: key names, typed text,
//! clicks and the effects that come back.

use super::*;
use crate::app::ColumnView;
use crate::model::{BuyingRole, Kind, Workspace};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

pub(super) fn example_state() -> State {
    State::new(crate::store::example(), "x.ron".into())
}

pub(super) fn key_event(name: &str) -> KeyEvent {
    let chord = Chord::parse(name).unwrap_or_else(|e| panic!("{e}"));
    let mut mods = chord.mods;
    // Terminals send Shift with capital letters and with Shift-Tab.
    if matches!(chord.code, KeyCode::Char(c) if c.is_ascii_uppercase())
        || chord.code == KeyCode::BackTab
    {
        mods |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(chord.code, mods)
}

/// Presses one key by name ("j", "J", "ctrl-s", "space", "shift-tab", …).
pub(super) fn press(s: &mut State, name: &str) -> Vec<Effect> {
    update(s, Event::Key(key_event(name)))
}

/// Presses several keys, separated by spaces; returns every effect.
pub(super) fn keys(s: &mut State, names: &str) -> Vec<Effect> {
    names.split_whitespace().flat_map(|n| press(s, n)).collect()
}

/// Types text one character at a time.
pub(super) fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        update(s, Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

pub(super) fn ws(s: &State) -> &Workspace {
    s.doc.workspace()
}

pub(super) fn msg(s: &State) -> &str {
    s.message.as_ref().map_or("", |m| m.text.as_str())
}

pub(super) fn tone(s: &State) -> Option<Tone> {
    s.message.as_ref().map(|m| m.tone)
}

pub(super) fn selected_goal(s: &State) -> Option<String> {
    s.selected_goal_id().map(str::to_string)
}

pub(super) fn find_goal(s: &State, id: &str) -> Goal {
    s.doc
        .derived()
        .index
        .goal(ws(s), id)
        .unwrap_or_else(|| panic!("no goal {id}"))
        .clone()
}

pub(super) fn has_goal(s: &State, id: &str) -> bool {
    s.doc.derived().index.goal_pos(id).is_some()
}

pub(super) fn supports(s: &State, id: &str) -> Vec<String> {
    find_goal(s, id).supports
}

pub(super) fn names(s: &State, column: Column) -> Vec<String> {
    ws(s)
        .column(column)
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

pub(super) fn goal_ids(s: &State, column: Column, persona: usize) -> Vec<String> {
    ws(s).column(column)[persona]
        .goals
        .iter()
        .map(|g| g.id.clone())
        .collect()
}

/// Every (goal, supported goal) pair that mentions `id`.
pub(super) fn links_to(s: &State, id: &str) -> Vec<String> {
    ws(s)
        .goals()
        .filter(|(_, _, g)| g.supports.iter().any(|x| x == id))
        .map(|(_, _, g)| g.id.clone())
        .collect()
}

pub(super) fn form(s: &State) -> &Form {
    match &s.mode {
        Mode::Form(f) => f,
        other => panic!("expected the form to be open, mode is {other:?}"),
    }
}

pub(super) fn field(s: &State, key: &str) -> String {
    form(s)
        .field(key)
        .unwrap_or_else(|| panic!("no field {key}"))
        .value()
}

pub(super) fn focused_key(s: &State) -> &'static str {
    form(s).focused().expect("a focused field").key
}

pub(super) fn is_normal(s: &State) -> bool {
    matches!(s.mode, Mode::Normal)
}

pub(super) fn is_form(s: &State) -> bool {
    matches!(s.mode, Mode::Form(_))
}

/// Moves the cursor to a goal with the column and row keys, as a person would.
pub(super) fn select_goal(s: &mut State, id: &str) {
    let pos = s
        .doc
        .derived()
        .index
        .goal_pos(id)
        .unwrap_or_else(|| panic!("no goal {id}"));
    move_to_column(s, pos.column);
    press(s, "home");
    for _ in 0..s.doc.row_count(s.column) {
        if selected_goal(s).as_deref() == Some(id) {
            return;
        }
        press(s, "j");
    }
    assert_eq!(
        selected_goal(s).as_deref(),
        Some(id),
        "could not reach goal {id}"
    );
}

/// Moves the cursor to a persona's own row.
pub(super) fn select_persona(s: &mut State, id: &str) {
    let (column, pi) = s
        .doc
        .derived()
        .index
        .persona_pos(id)
        .unwrap_or_else(|| panic!("no persona {id}"));
    move_to_column(s, column);
    press(s, "home");
    for _ in 0..s.doc.row_count(s.column) {
        if s.selected() == Some(Row::Persona(pi)) {
            return;
        }
        press(s, "j");
    }
    assert_eq!(
        s.selected(),
        Some(Row::Persona(pi)),
        "could not reach persona {id}"
    );
}

pub(super) fn move_to_column(s: &mut State, column: Column) {
    for _ in 0..3 {
        if s.column.index() < column.index() {
            press(s, "l");
        } else if s.column.index() > column.index() {
            press(s, "h");
        }
    }
    assert_eq!(s.column, column);
}

/// The state of the save an effect list asks for.
pub(super) fn save_state(effects: &[Effect]) -> u64 {
    match effects {
        [Effect::Save { state, .. }] => *state,
        other => panic!("expected one Save effect, got {other:?}"),
    }
}

pub(super) fn saved(s: &mut State, state: u64, result: Result<(), String>) -> Vec<Effect> {
    update(s, Event::Saved { state, result })
}

pub(super) fn click(s: &mut State, x: u16, y: u16, double: bool) -> Vec<Effect> {
    update(s, Event::Click { x, y, double })
}

/// One turn of the mouse wheel at a cell.
pub(super) fn wheel(s: &mut State, x: u16, y: u16, down: bool) {
    update(s, Event::Scroll { x, y, down });
}

/// The screen cell of a row of a column, as drawn now.
pub(super) fn row_cell(s: &State, column: Column, row: usize) -> (u16, u16) {
    let areas = Areas::of(s);
    let r = areas.column_inner(column.index());
    let scroll = s.columns[column.index()].scroll;
    assert!(row >= scroll, "row {row} is scrolled off (scroll {scroll})");
    // Rows differ in height: where the board draws this one (below the last: one line lower).
    let placed = crate::app::rows::placed(s, column, &areas);
    let y = match placed.iter().find(|p| p.row == row) {
        Some(p) => p.y,
        None => placed.last().map_or(0, |p| p.y + p.height),
    };
    (r.x + 2, r.y + y)
}

pub(super) fn goal(id: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: format!("Goal {id}"),
        metric: "m".into(),
        supports: supports.iter().map(|s| s.to_string()).collect(),
        ..Goal::default()
    }
}

pub(super) fn persona(id: &str, goals: Vec<Goal>) -> Persona {
    Persona {
        id: id.into(),
        name: format!("Persona {id}"),
        goals,
        ..Persona::default()
    }
}

pub(super) fn small_state(
    users: Vec<Persona>,
    departments: Vec<Persona>,
    buyers: Vec<Persona>,
) -> State {
    State::new(
        Workspace {
            title: "small".into(),
            columns: [users, departments, buyers]
                .map(|c| c.into_iter().map(std::sync::Arc::new).collect()),
            conflicts: Vec::new(),
        },
        "small.ron".into(),
    )
}

/// Makes a change, then checks u / Ctrl-r / Ctrl-z / Ctrl-y flip exactly between the workspace
/// before and after it, with status messages naming the change.
pub(super) fn assert_undo_redo(s: &mut State, label: &str, change: impl FnOnce(&mut State)) {
    let before = ws(s).clone();
    let was_modified = s.modified();
    change(s);
    assert!(is_normal(s), "{label}: the change left mode {:?}", s.mode);
    let after = ws(s).clone();
    assert_ne!(before, after, "{label}: the change changed nothing");
    assert!(s.modified(), "{label}: not modified after the change");

    press(s, "u");
    assert_eq!(ws(s), &before, "{label}: u did not restore the workspace");
    assert!(
        msg(s).starts_with(&format!("undone: {label}")),
        "{label}: message after u: {:?}",
        msg(s)
    );
    assert_eq!(s.modified(), was_modified, "{label}: modified after u");

    press(s, "ctrl-r");
    assert_eq!(ws(s), &after, "{label}: Ctrl-r did not redo");
    assert!(
        msg(s).starts_with(&format!("redone: {label}")),
        "{label}: message after Ctrl-r: {:?}",
        msg(s)
    );

    press(s, "ctrl-z");
    assert_eq!(ws(s), &before, "{label}: Ctrl-z did not undo");
    press(s, "ctrl-y");
    assert_eq!(ws(s), &after, "{label}: Ctrl-y did not redo");
    press(s, "u");
    assert_eq!(ws(s), &before, "{label}: second u did not undo");
    assert_eq!(s.modified(), was_modified);
}

mod changes;
mod conflicts;
mod disk;
mod forms;
mod forms_new;
mod links;
mod mouse;
mod moving;
mod reload;
mod room;
mod search;
mod session;
mod typing;
