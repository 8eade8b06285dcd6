//! Unit tests of `update`, driven the way a person drives the app: key names, typed text,
//! clicks and the effects that come back.

use super::*;
use crate::app::ColumnView;
use crate::model::{BuyingRole, Kind, Workspace};
use crossterm::event::KeyModifiers;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn example_state() -> State {
    State::new(crate::store::example(), "x.ron".into())
}

fn key_event(name: &str) -> KeyEvent {
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
fn press(s: &mut State, name: &str) -> Vec<Effect> {
    update(s, Event::Key(key_event(name)))
}

/// Presses several keys, separated by spaces; returns every effect.
fn keys(s: &mut State, names: &str) -> Vec<Effect> {
    names.split_whitespace().flat_map(|n| press(s, n)).collect()
}

/// Types text one character at a time.
fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        update(s, Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

fn ws(s: &State) -> &Workspace {
    s.doc.workspace()
}

fn msg(s: &State) -> &str {
    s.message.as_ref().map_or("", |m| m.text.as_str())
}

fn tone(s: &State) -> Option<Tone> {
    s.message.as_ref().map(|m| m.tone)
}

fn selected_goal(s: &State) -> Option<String> {
    s.selected_goal_id().map(str::to_string)
}

fn find_goal(s: &State, id: &str) -> Goal {
    s.doc
        .derived()
        .index
        .goal(ws(s), id)
        .unwrap_or_else(|| panic!("no goal {id}"))
        .clone()
}

fn has_goal(s: &State, id: &str) -> bool {
    s.doc.derived().index.goal_pos(id).is_some()
}

fn supports(s: &State, id: &str) -> Vec<String> {
    find_goal(s, id).supports
}

fn names(s: &State, column: Column) -> Vec<String> {
    ws(s)
        .column(column)
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

fn goal_ids(s: &State, column: Column, persona: usize) -> Vec<String> {
    ws(s).column(column)[persona]
        .goals
        .iter()
        .map(|g| g.id.clone())
        .collect()
}

/// Every (goal, supported goal) pair that mentions `id`.
fn links_to(s: &State, id: &str) -> Vec<String> {
    ws(s)
        .goals()
        .filter(|(_, _, g)| g.supports.iter().any(|x| x == id))
        .map(|(_, _, g)| g.id.clone())
        .collect()
}

fn form(s: &State) -> &Form {
    match &s.mode {
        Mode::Form(f) => f,
        other => panic!("expected the form to be open, mode is {other:?}"),
    }
}

fn field(s: &State, key: &str) -> String {
    form(s)
        .field(key)
        .unwrap_or_else(|| panic!("no field {key}"))
        .value()
}

fn focused_key(s: &State) -> &'static str {
    form(s).focused().expect("a focused field").key
}

fn is_normal(s: &State) -> bool {
    matches!(s.mode, Mode::Normal)
}

fn is_form(s: &State) -> bool {
    matches!(s.mode, Mode::Form(_))
}

fn linking_from(s: &State) -> Option<&str> {
    match &s.mode {
        Mode::Linking { from } => Some(from),
        _ => None,
    }
}

/// Moves the cursor to a goal with the column and row keys, as a person would.
fn select_goal(s: &mut State, id: &str) {
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
fn select_persona(s: &mut State, id: &str) {
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

fn move_to_column(s: &mut State, column: Column) {
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
fn save_state(effects: &[Effect]) -> u64 {
    match effects {
        [Effect::Save { state, .. }] => *state,
        other => panic!("expected one Save effect, got {other:?}"),
    }
}

fn saved(s: &mut State, state: u64, result: Result<(), String>) -> Vec<Effect> {
    update(s, Event::Saved { state, result })
}

fn click(s: &mut State, x: u16, y: u16, double: bool) -> Vec<Effect> {
    update(s, Event::Click { x, y, double })
}

/// The screen cell of a row of a column, as drawn now.
fn row_cell(s: &State, column: Column, row: usize) -> (u16, u16) {
    let areas = Areas::new(s.size, s.detail);
    let r = areas.columns[column.index()];
    let scroll = s.columns[column.index()].scroll;
    assert!(row >= scroll, "row {row} is scrolled off (scroll {scroll})");
    let y = r.y + 1 + u16::try_from(row - scroll).expect("small");
    (r.x + 2, y)
}

fn goal(id: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: format!("Goal {id}"),
        metric: "m".into(),
        supports: supports.iter().map(|s| s.to_string()).collect(),
        ..Goal::default()
    }
}

fn persona(id: &str, goals: Vec<Goal>) -> Persona {
    Persona {
        id: id.into(),
        name: format!("Persona {id}"),
        goals,
        ..Persona::default()
    }
}

fn small_state(users: Vec<Persona>, departments: Vec<Persona>, buyers: Vec<Persona>) -> State {
    State::new(
        Workspace {
            title: "small".into(),
            columns: [users, departments, buyers],
            conflicts: Vec::new(),
        },
        "small.ron".into(),
    )
}

/// Makes a change, then checks u / Ctrl-r / Ctrl-z / Ctrl-y flip exactly between the workspace
/// before and after it, with status messages naming the change.
fn assert_undo_redo(s: &mut State, label: &str, change: impl FnOnce(&mut State)) {
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
    update(&mut s, Event::Resize(80, 12));
    assert_eq!(s.size, (80, 12));
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
    assert!(is_normal(&s), "Enter on the last field commits");
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
    assert!(
        msg(&s).contains("add persona \"Field Technician\""),
        "{}",
        msg(&s)
    );
    assert!(msg(&s).contains("u undoes"));
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
    press(&mut s, "ctrl-s");
    assert_eq!(names(&s, Column::Departments), ["Finance"]);
    assert_eq!(ws(&s).column(Column::Departments)[0].id, "finance");
    assert_eq!(s.selected(), Some(Row::Persona(0)));

    // p on the last persona's goal puts the new one last.
    press(&mut s, "h");
    press(&mut s, "end");
    press(&mut s, "p");
    type_text(&mut s, "Ops");
    press(&mut s, "ctrl-s");
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
    press(&mut s, "ctrl-s");
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
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &before);
    assert!(!s.modified());

    press(&mut s, "p");
    type_text(&mut s, "Ghost");
    press(&mut s, "esc");
    press(&mut s, "g");
    type_text(&mut s, "Ghost goal");
    press(&mut s, "esc");
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "e");
    type_text(&mut s, " fast");
    press(&mut s, "esc");
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

#[test]
fn editing_a_goal_keeps_its_id_and_links() {
    let mut s = example_state();
    select_goal(&mut s, "sales-new-revenue");
    press(&mut s, "e");
    type_text(&mut s, " or more");
    keys(&mut s, "tab tab");
    assert_eq!(focused_key(&s), "metric");
    type_text(&mut s, "New bookings");
    press(&mut s, "enter");
    assert!(is_normal(&s));
    let g = find_goal(&s, "sales-new-revenue");
    assert_eq!(g.text, "Grow new-business revenue 20% this year or more");
    assert!(g.metric.ends_with("New bookings"), "{:?}", g.metric);
    assert_eq!(g.supports, ["exec-revenue-growth"]);
    assert_eq!(
        links_to(&s, "sales-new-revenue"),
        ["employee-log-calls", "manager-forecast"]
    );
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-new-revenue"));
}

#[test]
fn committing_an_unchanged_form_is_no_change() {
    let mut s = example_state();
    press(&mut s, "e");
    press(&mut s, "ctrl-s");
    assert!(is_normal(&s));
    assert_eq!(msg(&s), "no change");
    assert!(!s.modified());
    press(&mut s, "u");
    assert_eq!(msg(&s), "nothing to undo");
}

#[test]
fn kind_is_chosen_with_right_space_and_left_not_typed() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "Kinded");
    keys(&mut s, "enter enter");
    assert_eq!(focused_key(&s), "kind");
    let choice = |s: &State| form(s).field("kind").expect("kind").choice;
    assert_eq!(choice(&s), 0, "not set");
    type_text(&mut s, "fictional");
    assert_eq!(choice(&s), 0, "typing does not choose");
    assert_eq!(
        field(&s, "kind"),
        "",
        "nor does it put text in the kind field"
    );
    press(&mut s, "right");
    assert_eq!(choice(&s), 1);
    press(&mut s, "space");
    assert_eq!(choice(&s), 2);
    press(&mut s, "left");
    assert_eq!(choice(&s), 1);
    press(&mut s, "space");
    press(&mut s, "ctrl-s");
    assert_eq!(ws(&s).column(Column::Users)[1].kind, Some(Kind::RoleBased));

    // Left from "not set" wraps round to the last kind.
    press(&mut s, "e");
    keys(&mut s, "tab tab");
    assert_eq!(choice(&s), 2, "the form shows the stored kind");
    keys(&mut s, "left left left");
    assert_eq!(choice(&s), 4);
    press(&mut s, "ctrl-s");
    assert_eq!(ws(&s).column(Column::Users)[1].kind, Some(Kind::Fictional));
}

#[test]
fn a_buyer_takes_a_buyer_kind_and_a_buying_role() {
    let mut s = example_state();
    move_to_column(&mut s, Column::Buyers);
    press(&mut s, "p");
    type_text(&mut s, "CFO");
    keys(&mut s, "enter enter");
    assert_eq!(focused_key(&s), "kind");
    press(&mut s, "space");
    press(&mut s, "enter");
    assert_eq!(focused_key(&s), "buying_role");
    keys(&mut s, "right right");
    press(&mut s, "ctrl-s");
    let p = &ws(&s).column(Column::Buyers)[1];
    assert_eq!(p.name, "CFO");
    assert_eq!(p.kind, Some(Kind::Competitive));
    assert_eq!(p.buying_role, Some(BuyingRole::DecisionMaker));
}

#[test]
fn multi_line_fields_take_alt_enter_and_ctrl_j_and_lists_are_one_item_a_line() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "Ops");
    keys(&mut s, "enter enter enter");
    assert_eq!(focused_key(&s), "summary");
    type_text(&mut s, "Line one");
    press(&mut s, "alt-enter");
    type_text(&mut s, "Line two");
    press(&mut s, "ctrl-j");
    type_text(&mut s, "Line three");
    assert!(is_form(&s));
    assert_eq!(
        focused_key(&s),
        "summary",
        "a newline does not leave the field"
    );
    press(&mut s, "enter");
    assert_eq!(focused_key(&s), "pains");
    type_text(&mut s, "Slow tools");
    press(&mut s, "ctrl-j");
    type_text(&mut s, "   ");
    press(&mut s, "alt-enter");
    type_text(&mut s, "  Too many tabs  ");
    press(&mut s, "alt-enter");
    press(&mut s, "ctrl-s");
    assert!(is_normal(&s));
    let p = &ws(&s).column(Column::Users)[1];
    assert_eq!(p.summary, "Line one\nLine two\nLine three");
    assert_eq!(p.pains, ["Slow tools", "Too many tabs"]);

    // Opening the form again and leaving it untouched keeps it.
    press(&mut s, "e");
    keys(&mut s, "tab tab tab tab");
    assert_eq!(focused_key(&s), "pains");
    press(&mut s, "ctrl-s");
    assert_eq!(msg(&s), "no change");
}

#[test]
fn editing_a_list_field_keeps_one_item_a_line() {
    let mut s = example_state();
    let before = ws(&s).column(Column::Users)[0].pains.clone();
    assert_eq!(before.len(), 3);
    press(&mut s, "e");
    keys(&mut s, "tab tab tab tab");
    assert_eq!(focused_key(&s), "pains");
    assert_eq!(
        form(&s).focused().expect("pains").text.lines(),
        before.as_slice()
    );
    press(&mut s, "alt-enter");
    type_text(&mut s, "Too many logins");
    press(&mut s, "ctrl-s");
    let mut want = before.clone();
    want.push("Too many logins".into());
    assert_eq!(ws(&s).column(Column::Users)[0].pains, want);
}

#[test]
fn editing_a_multi_line_field_keeps_its_lines() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "Ops");
    keys(&mut s, "tab tab tab");
    type_text(&mut s, "one");
    press(&mut s, "alt-enter");
    type_text(&mut s, "two");
    press(&mut s, "ctrl-s");
    assert_eq!(ws(&s).column(Column::Users)[1].summary, "one\ntwo");
    press(&mut s, "e");
    keys(&mut s, "tab tab tab");
    assert_eq!(focused_key(&s), "summary");
    type_text(&mut s, "!");
    press(&mut s, "ctrl-s");
    assert_eq!(ws(&s).column(Column::Users)[1].summary, "one\ntwo!");
}

#[test]
fn up_and_down_move_inside_a_multi_line_field_before_leaving_it() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "Ops");
    keys(&mut s, "tab tab tab");
    assert_eq!(focused_key(&s), "summary");
    type_text(&mut s, "one");
    press(&mut s, "alt-enter");
    type_text(&mut s, "two");
    press(&mut s, "up");
    assert_eq!(focused_key(&s), "summary", "up moves to line one");
    assert_eq!(form(&s).focused().expect("summary").text.cursor().0, 0);
    press(&mut s, "up");
    assert_eq!(
        focused_key(&s),
        "kind",
        "up on the first line leaves the field"
    );
    press(&mut s, "down");
    assert_eq!(focused_key(&s), "summary");
    press(&mut s, "down");
    press(&mut s, "down");
    assert_eq!(
        focused_key(&s),
        "pains",
        "down on the last line leaves the field"
    );
    press(&mut s, "esc");
}

#[test]
fn alt_enter_on_a_single_line_field_adds_no_line() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "One");
    press(&mut s, "alt-enter");
    type_text(&mut s, "Two");
    assert_eq!(focused_key(&s), "name");
    assert_eq!(field(&s, "name"), "OneTwo");
    press(&mut s, "ctrl-s");
    assert_eq!(ws(&s).column(Column::Users)[1].name, "OneTwo");
}

#[test]
fn ctrl_j_on_a_single_line_field_leaves_the_text_alone() {
    let mut s = example_state();
    press(&mut s, "e");
    assert_eq!(field(&s, "name"), "The Employee");
    press(&mut s, "ctrl-j");
    assert_eq!(field(&s, "name"), "The Employee");
}

#[test]
fn no_key_puts_a_newline_into_a_single_line_field() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "One");
    press(&mut s, "ctrl-m");
    type_text(&mut s, "Two");
    press(&mut s, "ctrl-s");
    let name = &ws(&s).column(Column::Users)[1].name;
    assert!(!name.contains('\n'), "{name:?}");
}

#[test]
fn paste_into_a_single_line_field_turns_newlines_into_spaces() {
    let mut s = example_state();
    update(&mut s, Event::Paste("not in a form".into()));
    assert!(is_normal(&s));
    assert_eq!(
        ws(&s),
        &crate::store::example(),
        "a paste on the board does nothing"
    );

    press(&mut s, "p");
    update(&mut s, Event::Paste("Field\nTech\r\nLead".into()));
    assert_eq!(field(&s, "name"), "Field Tech Lead");
    keys(&mut s, "tab tab tab");
    assert_eq!(focused_key(&s), "summary");
    update(&mut s, Event::Paste("first\r\nsecond\rthird".into()));
    assert_eq!(field(&s, "summary"), "first\nsecond\nthird");
    press(&mut s, "ctrl-s");
    let p = &ws(&s).column(Column::Users)[1];
    assert_eq!(p.name, "Field Tech Lead");
    assert_eq!(p.summary, "first\nsecond\nthird");
}

#[test]
fn keys_typed_into_a_form_are_text_not_commands() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "q?dJK123ui");
    assert!(is_form(&s));
    assert_eq!(field(&s, "name"), "q?dJK123ui");
    let effects = press(&mut s, "ctrl-s");
    assert!(
        effects.is_empty(),
        "Ctrl-s in a form commits it, it does not save the file"
    );
    assert_eq!(ws(&s).column(Column::Users)[1].name, "q?dJK123ui");
}

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
        press(s, "ctrl-s");
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
        select_goal(s, "sales-wallet-share");
        press(s, "space");
    });
    assert_undo_redo(&mut s, "unlink", |s| {
        select_goal(s, "it-run-cost");
        press(s, "space");
        select_goal(s, "cto-total-cost");
        press(s, "space");
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
        if s.doc.derived().chain_lines[s.list[0].cursor].target == want {
            break;
        }
        press(&mut s, "j");
    }
    assert_eq!(s.doc.derived().chain_lines[s.list[0].cursor].target, want);
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

// ---------------------------------------------------------------------------------------------
// Save and quit
// ---------------------------------------------------------------------------------------------

#[test]
fn ctrl_s_saves_the_workspace_and_saved_ok_clears_modified() {
    let mut s = example_state();
    press(&mut s, "J");
    let effects = press(&mut s, "ctrl-s");
    assert_eq!(
        effects,
        [Effect::Save {
            path: "x.ron".into(),
            workspace: std::sync::Arc::new(ws(&s).clone()),
            state: s.doc.state(),
            force: false,
        }]
    );
    assert!(s.modified(), "modified until the save is done");
    let st = save_state(&effects);
    let effects = saved(&mut s, st, Ok(()));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert!(!s.modified());
    assert!(msg(&s).contains("saved x.ron"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Success));
}

#[test]
fn ctrl_s_with_no_changes_still_writes_and_works_in_every_view() {
    let mut s = example_state();
    for view in ["1", "2", "3"] {
        press(&mut s, view);
        let st = save_state(&press(&mut s, "ctrl-s"));
        saved(&mut s, st, Ok(()));
        assert!(!s.modified());
    }
}

#[test]
fn a_failed_save_keeps_the_changes_modified_with_a_message() {
    let mut s = example_state();
    press(&mut s, "J");
    let st = save_state(&press(&mut s, "ctrl-s"));
    let effects = saved(&mut s, st, Err("disk full".into()));
    assert!(effects.is_empty());
    assert!(s.modified());
    assert!(msg(&s).contains("save failed"), "{}", msg(&s));
    assert!(msg(&s).contains("disk full"), "{}", msg(&s));
    assert_eq!(tone(&s), Some(Tone::Error));
    // Saving again works.
    let st = save_state(&press(&mut s, "ctrl-s"));
    saved(&mut s, st, Ok(()));
    assert!(!s.modified());
}

#[test]
fn a_save_of_an_older_state_leaves_later_changes_modified() {
    let mut s = example_state();
    press(&mut s, "J");
    let st = save_state(&press(&mut s, "ctrl-s"));
    assert!(press(&mut s, "ctrl-s").is_empty(), "one save at a time");
    assert!(msg(&s).contains("already"), "{}", msg(&s));
    press(&mut s, "J");
    saved(&mut s, st, Ok(()));
    assert!(s.modified(), "the second move was not written");
    press(&mut s, "u");
    assert!(!s.modified(), "undo back to what was written");
}

#[test]
fn q_with_no_changes_quits() {
    let mut s = example_state();
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
    assert_eq!(press(&mut s, "ctrl-c"), [Effect::Quit]);
    press(&mut s, "2");
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
}

#[test]
fn q_with_changes_asks_and_y_saves_then_quits() {
    let mut s = example_state();
    press(&mut s, "J");
    assert!(press(&mut s, "q").is_empty());
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
    let effects = press(&mut s, "y");
    let st = save_state(&effects);
    assert_eq!(st, s.doc.state());
    let effects = saved(&mut s, st, Ok(()));
    assert_eq!(effects.last(), Some(&Effect::Quit), "{effects:?}");
}

#[test]
fn q_with_changes_then_enter_saves_and_a_failed_save_does_not_quit() {
    let mut s = example_state();
    press(&mut s, "J");
    press(&mut s, "ctrl-c");
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
    let st = save_state(&press(&mut s, "enter"));
    assert!(saved(&mut s, st, Err("read-only file system".into())).is_empty());
    assert!(s.modified());
    assert!(msg(&s).contains("save failed"), "{}", msg(&s));
    // A later plain save does not quit either.
    let st = save_state(&press(&mut s, "ctrl-s"));
    let effects = saved(&mut s, st, Ok(()));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
}

#[test]
fn q_with_changes_then_n_quits_without_saving() {
    let mut s = example_state();
    press(&mut s, "J");
    press(&mut s, "q");
    assert_eq!(press(&mut s, "n"), [Effect::Quit]);
}

#[test]
fn q_with_changes_then_esc_stays() {
    let mut s = example_state();
    press(&mut s, "J");
    let after = ws(&s).clone();
    press(&mut s, "q");
    assert!(press(&mut s, "esc").is_empty());
    assert!(is_normal(&s));
    assert!(s.modified());
    assert_eq!(ws(&s), &after);
    assert!(msg(&s).contains("still here"), "{}", msg(&s));
    // Other keys leave the question open.
    press(&mut s, "q");
    assert!(keys(&mut s, "j x q").is_empty());
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
}

#[test]
fn quitting_while_an_older_save_is_in_flight_does_not_lose_changes() {
    let mut s = example_state();
    press(&mut s, "J");
    let first = save_state(&press(&mut s, "ctrl-s"));
    press(&mut s, "J");
    press(&mut s, "q");
    let mut effects = press(&mut s, "y");
    effects.extend(saved(&mut s, first, Ok(())));
    // Quitting now would drop the second move: the app must write it first.
    if effects.contains(&Effect::Quit) {
        panic!(
            "quit with unsaved changes: {effects:?}, modified = {}",
            s.modified()
        );
    }
    let second = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save { state, .. } => Some(*state),
            _ => None,
        })
        .expect("the newer state is written");
    let effects = saved(&mut s, second, Ok(()));
    assert_eq!(effects.last(), Some(&Effect::Quit), "{effects:?}");
}

// ---------------------------------------------------------------------------------------------
// Read-only
// ---------------------------------------------------------------------------------------------

#[test]
fn read_only_refuses_every_edit_key() {
    let mut s = example_state();
    s.read_only = true;
    let before = ws(&s).clone();
    for at in ["employee", "employee-log-calls"] {
        if at.contains('-') {
            select_goal(&mut s, at);
        } else {
            select_persona(&mut s, at);
        }
        for key in [
            "enter", "e", "p", "g", "d", "delete", "J", "K", "space", "u", "ctrl-z", "ctrl-r",
            "ctrl-y", "ctrl-s",
        ] {
            s.message = None;
            let effects = press(&mut s, key);
            assert!(effects.is_empty(), "{key}: {effects:?}");
            assert!(is_normal(&s), "{key} on {at}: mode {:?}", s.mode);
            assert_eq!(ws(&s), &before, "{key} on {at}");
            assert!(
                msg(&s).contains("read-only"),
                "{key} on {at}: {:?}",
                msg(&s)
            );
        }
    }
    let (x, y) = row_cell(&s, Column::Users, 1);
    click(&mut s, x, y, true);
    assert!(is_normal(&s), "a double click does not edit either");
    assert!(msg(&s).contains("read-only"), "{}", msg(&s));
    // Looking around still works, and quitting does not ask.
    keys(&mut s, "j ] 2 1");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));
    assert_eq!(press(&mut s, "q"), [Effect::Quit]);
}

// ---------------------------------------------------------------------------------------------
// Help, detail, focus, mouse capture
// ---------------------------------------------------------------------------------------------

#[test]
fn question_mark_opens_help_and_a_key_closes_it() {
    let mut s = example_state();
    for close in ["esc", "x", "?", "q", "enter"] {
        press(&mut s, "?");
        assert!(matches!(s.mode, Mode::Help { scroll: 0, .. }));
        let effects = press(&mut s, close);
        assert!(effects.is_empty(), "{close} in help: {effects:?}");
        assert!(is_normal(&s), "{close} closes help");
    }
    press(&mut s, "?");
    keys(&mut s, "j j pagedown k");
    assert!(
        matches!(s.mode, Mode::Help { scroll: 11, .. }),
        "{:?}",
        s.mode
    );
    press(&mut s, "esc");
    assert!(is_normal(&s));
    assert_eq!(
        (s.column, s.cursor()),
        (Column::Users, 0),
        "help keys do not move the board"
    );
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn i_toggles_the_detail_pane() {
    let mut s = example_state();
    assert!(!s.detail);
    press(&mut s, "i");
    assert!(s.detail);
    press(&mut s, "i");
    assert!(!s.detail);
}

#[test]
fn m_turns_mouse_capture_off_and_on() {
    let mut s = example_state();
    assert_eq!(press(&mut s, "m"), [Effect::SetMouse(false)]);
    assert!(!s.mouse);
    assert!(msg(&s).contains("mouse off"), "{}", msg(&s));
    assert_eq!(press(&mut s, "m"), [Effect::SetMouse(true)]);
    assert!(s.mouse);
}

#[test]
fn f_toggles_focus_and_esc_leaves_it() {
    let mut s = example_state();
    press(&mut s, "f");
    assert!(s.focus);
    press(&mut s, "f");
    assert!(!s.focus);
    press(&mut s, "f");
    press(&mut s, "esc");
    assert!(!s.focus);
    assert!(s.message.is_none(), "Esc clears the message");
}

#[test]
fn key_releases_are_ignored() {
    let mut s = example_state();
    let mut ev = key_event("j");
    ev.kind = KeyEventKind::Release;
    update(&mut s, Event::Key(ev));
    assert_eq!(s.cursor(), 0);
}

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
fn a_click_while_linking_picks_the_goal_and_a_double_click_does_not_edit() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    let (x, y) = row_cell(&s, Column::Departments, 3);
    click(&mut s, x, y, true);
    assert_eq!(linking_from(&s), Some("employee-mobile"));
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));
    press(&mut s, "space");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-wallet-share"]);
}

#[test]
fn the_wheel_moves_the_cursor_in_the_column_under_it() {
    let mut s = example_state();
    let r = Areas::new(s.size, s.detail).columns[2];
    update(
        &mut s,
        Event::Scroll {
            x: r.x + 1,
            y: r.y + 3,
            down: true,
        },
    );
    assert_eq!(s.column, Column::Buyers);
    assert_eq!(s.cursor(), 3);
    update(
        &mut s,
        Event::Scroll {
            x: r.x + 1,
            y: r.y + 3,
            down: true,
        },
    );
    assert_eq!(s.cursor(), 6);
    for _ in 0..5 {
        update(
            &mut s,
            Event::Scroll {
                x: r.x + 1,
                y: r.y + 3,
                down: true,
            },
        );
    }
    assert_eq!(s.cursor(), 9, "clamped to the last row");
    update(
        &mut s,
        Event::Scroll {
            x: r.x + 1,
            y: r.y + 3,
            down: false,
        },
    );
    assert_eq!(s.cursor(), 6);
    assert_eq!(s.columns[0].cursor, 0, "other columns keep their cursor");
}

#[test]
fn the_wheel_moves_the_line_in_the_gaps_view() {
    let mut s = example_state();
    press(&mut s, "3");
    update(
        &mut s,
        Event::Scroll {
            x: 5,
            y: 5,
            down: true,
        },
    );
    assert_eq!(s.list[1].cursor, s.doc.derived().gap_lines.len() - 1);
    assert_eq!(s.view, View::Gaps);
    assert_eq!(s.column, Column::Users);
}

#[test]

fn help_while_linking_keeps_the_mark() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    press(&mut s, "?");
    assert!(matches!(s.mode, Mode::Help { .. }));
    press(&mut s, "esc");
    assert_eq!(linking_from(&s), Some("employee-mobile"));
}

// ---------------------------------------------------------------------------------------------
// Recovery question, tiny screens
// ---------------------------------------------------------------------------------------------

#[test]
fn the_recovery_question_restores_discards_or_keeps() {
    let mut copy = crate::store::example();
    copy.columns[0][0].name = "Recovered Employee".into();

    let mut s = example_state();
    s.offer_recovery(copy.clone(), "2 minutes ago".into());
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::Recovery { personas: 1, .. })
    ));
    let effects = keys(&mut s, "j q ctrl-s y");
    assert!(
        effects.is_empty(),
        "other keys wait for the answer: {effects:?}"
    );
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Recovery { .. })));
    press(&mut s, "r");
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &copy);
    assert!(s.modified(), "the restored copy is not in the file yet");

    let mut s = example_state();
    s.offer_recovery(copy.clone(), "now".into());
    assert_eq!(press(&mut s, "d"), [Effect::RemoveRecovery]);
    assert!(is_normal(&s));
    assert_eq!(ws(&s), &crate::store::example());
    assert!(!s.modified());

    let mut s = example_state();
    s.offer_recovery(copy, "now".into());
    assert!(press(&mut s, "esc").is_empty());
    assert!(is_normal(&s));
    assert!(s.keep_recovery);
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn tiny_screens_never_panic() {
    for size in [(0, 0), (1, 1), (5, 3), (20, 4), (59, 11), (60, 12)] {
        let mut s = example_state();
        update(&mut s, Event::Resize(size.0, size.1));
        s.detail = true;
        keys(
            &mut s,
            "j pagedown end l pagedown pageup home h i J u ctrl-r 2 pagedown end enter 3 end enter",
        );
        for (x, y) in [(0, 0), (size.0 / 2, size.1 / 2), (size.0, size.1)] {
            click(&mut s, x, y, false);
            click(&mut s, x, y, true);
            press(&mut s, "esc");
            update(&mut s, Event::Scroll { x, y, down: true });
        }
        assert_eq!(s.size, size);
    }
}

#[test]
fn a_goal_with_several_links_asks_which_to_follow() {
    let mut s = example_state();
    select_goal(&mut s, "sales-wallet-share");
    press(&mut s, "]");
    let Mode::Pick(pick) = &s.mode else {
        panic!("expected the link picker, got {:?}", s.mode)
    };
    assert_eq!(pick.goals, ["exec-revenue-growth", "exec-cost-of-sales"]);
    press(&mut s, "2");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-cost-of-sales"));
    press(&mut s, "backspace");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));

    select_goal(&mut s, "exec-revenue-growth");
    press(&mut s, "[");
    press(&mut s, "j");
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some("sales-wallet-share"));

    press(&mut s, "[");
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("employee-upsell"),
        "one link: no question"
    );
    select_goal(&mut s, "exec-revenue-growth");
    press(&mut s, "[");
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(selected_goal(&s).as_deref(), Some("exec-revenue-growth"));
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

fn search_hits(s: &State) -> Vec<String> {
    match &s.mode {
        Mode::Search(search) => search
            .hits
            .iter()
            .map(|h| match &h.target {
                Target::Goal(id) | Target::Persona(id) => id.clone(),
                Target::Column(c) => c.to_string(),
            })
            .collect(),
        other => panic!("not searching: {other:?}"),
    }
}

#[test]
fn search_lists_matches_best_first_as_you_type_and_enter_jumps() {
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "metric");
    assert!(search_hits(&s).is_empty(), "no text says metric");
    for _ in 0..6 {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "secur");
    let hits = search_hits(&s);
    assert!(hits.len() >= 2, "{hits:?}");
    assert_eq!(hits[..2], ["cto-security", "it-secure-data"], "{hits:?}");
    press(&mut s, "down");
    press(&mut s, "enter");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.column, Column::Departments);
    assert_eq!(selected_goal(&s).as_deref(), Some("it-secure-data"));
    assert!(msg(&s).contains("match 2 of"), "{}", msg(&s));
}

#[test]
fn n_and_shift_n_walk_the_matches_and_esc_clears() {
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "call");
    let hits = search_hits(&s);
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some(hits[0].as_str()));
    press(&mut s, "n");
    assert_eq!(selected_goal(&s).as_deref(), Some(hits[1].as_str()));
    press(&mut s, "N");
    assert_eq!(selected_goal(&s).as_deref(), Some(hits[0].as_str()));
    press(&mut s, "N");
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some(hits[hits.len() - 1].as_str()),
        "N wraps round"
    );
    press(&mut s, "esc");
    press(&mut s, "n");
    assert!(msg(&s).contains("no search yet"), "{}", msg(&s));
}

#[test]
fn search_is_smart_case_and_esc_in_the_box_cancels() {
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "sales");
    let lower = search_hits(&s).len();
    for _ in 0..5 {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "SALES");
    assert!(
        search_hits(&s).len() < lower,
        "upper case matches only upper case"
    );
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal));
    assert!(s.search.is_none());
    assert_eq!(
        ws(&s),
        &crate::store::example(),
        "searching changes nothing"
    );
}

// ---------------------------------------------------------------------------------------------
// Only this chain (o)
// ---------------------------------------------------------------------------------------------

fn shown_ids(s: &State, column: Column) -> Vec<String> {
    (0..s.shown_len(column))
        .filter_map(|pos| s.shown_row(column, pos))
        .map(|row| match s.doc.row(column, row) {
            Some(Row::Persona(p)) => ws(s).column(column)[p].id.clone(),
            Some(Row::Goal(p, g)) => ws(s).column(column)[p].goals[g].id.clone(),
            None => "?".into(),
        })
        .collect()
}

#[test]
fn o_shows_only_the_chains_of_the_selected_persona_and_o_again_shows_all() {
    let mut s = example_state();
    select_goal(&mut s, "cto-security");
    press(&mut s, "o");
    assert!(
        msg(&s).contains("only the chains of \"IT Director / CTO\""),
        "{}",
        msg(&s)
    );
    assert_eq!(
        shown_ids(&s, Column::Buyers),
        ["cto", "cto-security", "cto-total-cost"]
    );
    assert_eq!(
        shown_ids(&s, Column::Departments),
        ["it", "it-secure-data", "it-run-cost"]
    );
    // Moving goes only through what is shown.
    press(&mut s, "h");
    press(&mut s, "home");
    assert_eq!(
        s.selected(),
        Some(Row::Persona(2)),
        "IT is the first row shown"
    );
    press(&mut s, "j");
    assert_eq!(selected_goal(&s).as_deref(), Some("it-secure-data"));
    press(&mut s, "end");
    assert_eq!(selected_goal(&s).as_deref(), Some("it-run-cost"));
    press(&mut s, "o");
    assert!(s.filter.is_none());
    assert_eq!(s.shown_len(Column::Buyers), s.doc.row_count(Column::Buyers));
    assert_eq!(
        selected_goal(&s).as_deref(),
        Some("it-run-cost"),
        "the cursor stays"
    );
}

#[test]
fn the_filter_follows_changes_and_a_jump_outside_turns_it_off() {
    let mut s = example_state();
    select_goal(&mut s, "procurement-vendor-risk");
    press(&mut s, "o");
    // Unlinking narrows what is shown.
    press(&mut s, "space");
    press(&mut s, "h");
    select_goal(&mut s, "it-secure-data");
    s.mode = Mode::Linking {
        from: "procurement-vendor-risk".into(),
    };
    press(&mut s, "space");
    assert!(msg(&s).starts_with("unlinked"), "{}", msg(&s));
    assert!(s.filter.is_some());
    assert!(
        !shown_ids(&s, Column::Departments).contains(&"it-secure-data".to_string()),
        "{:?}",
        shown_ids(&s, Column::Departments)
    );
    // A search jump to something outside the chain shows everything again.
    press(&mut s, "/");
    type_text(&mut s, "forecast my team");
    press(&mut s, "enter");
    assert!(s.filter.is_none());
    assert!(msg(&s).contains("match 1 of"), "{}", msg(&s));
}
