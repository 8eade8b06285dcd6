//! What you type replaces what you did not write (SPEC §3, issue 25): the search box opens on
//! the last query selected, a blank workspace's title from its file name opens selected, and
//! every text field takes Ctrl-u and Ctrl-w, with no key of the text area's own getting through.

use super::*;
use crate::app::KeyMode;

fn query(s: &State) -> &str {
    match &s.mode {
        Mode::Search(search) => search.query(),
        other => panic!("not searching: {other:?}"),
    }
}

fn query_selected(s: &State) -> bool {
    match &s.mode {
        Mode::Search(search) => search.input.is_selected(),
        other => panic!("not searching: {other:?}"),
    }
}

/// A workspace as `personas new --blank built.ron` writes it: the title is the file's stem.
fn blank_state(file: &str) -> State {
    let path = std::path::PathBuf::from(file);
    let title = crate::model::blank_title(&path);
    State::new(
        Workspace {
            title,
            ..Workspace::default()
        },
        path,
    )
}

fn hint_labels(s: &State) -> Vec<(String, &'static str)> {
    s.keymap.hints(s.key_mode())
}

#[test]
fn a_second_search_replaces_the_first_query() {
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "Update deals");
    press(&mut s, "enter");
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-mobile"));

    press(&mut s, "/");
    assert_eq!(query(&s), "Update deals", "the box opens on the last query");
    assert!(query_selected(&s), "… selected, so that typing replaces it");
    type_text(&mut s, "Log every customer call");
    assert_eq!(query(&s), "Log every customer call");
    press(&mut s, "enter");
    assert!(is_normal(&s));
    assert_eq!(selected_goal(&s).as_deref(), Some("employee-log-calls"));
    assert!(msg(&s).starts_with("match 1 of"), "{}", msg(&s));
}

#[test]
fn right_or_end_keeps_the_last_query_to_edit_it() {
    for keep in ["right", "end"] {
        let mut s = example_state();
        press(&mut s, "/");
        type_text(&mut s, "Update deal");
        press(&mut s, "enter");
        press(&mut s, "/");
        press(&mut s, keep);
        assert!(!query_selected(&s), "{keep} ends the selection");
        type_text(&mut s, "s");
        assert_eq!(query(&s), "Update deals", "{keep} keeps the query");
        // The cursor moves in the query, and Home goes to its start.
        keys(&mut s, "home ctrl-right ctrl-k");
        assert_eq!(query(&s), "Update", "Ctrl-k deletes to the end");
    }
    // ← goes to the start of the selected query; Backspace deletes all of it.
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "deals");
    keys(&mut s, "enter / left");
    type_text(&mut s, "Update ");
    assert_eq!(query(&s), "Update deals");
    keys(&mut s, "enter / backspace");
    assert_eq!(query(&s), "");
    // Esc forgets the query: the next box opens empty.
    keys(&mut s, "esc /");
    assert_eq!(query(&s), "");
    assert!(!query_selected(&s));
}

#[test]
fn the_search_box_takes_ctrl_u_and_ctrl_w_as_a_shell_does() {
    let mut s = example_state();
    press(&mut s, "/");
    type_text(&mut s, "log every call");
    press(&mut s, "ctrl-w");
    assert_eq!(query(&s), "log every ");
    keys(&mut s, "ctrl-w ctrl-w");
    assert_eq!(query(&s), "");
    type_text(&mut s, "update deals");
    keys(&mut s, "ctrl-left ctrl-u");
    assert_eq!(
        query(&s),
        "deals",
        "Ctrl-u deletes to the start, not past the cursor"
    );
    press(&mut s, "enter");
    assert!(msg(&s).starts_with("match 1 of"), "{}", msg(&s));
    // A selected query goes whole.
    keys(&mut s, "/ ctrl-w");
    assert_eq!(query(&s), "");
    // The hits follow the edited query.
    type_text(&mut s, "zzqq");
    match &s.mode {
        Mode::Search(search) => assert!(search.hits.is_empty()),
        other => panic!("{other:?}"),
    }
    press(&mut s, "ctrl-u");
    type_text(&mut s, "secur");
    match &s.mode {
        Mode::Search(search) => assert!(!search.hits.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_blank_workspaces_title_from_its_file_name_is_typed_over() {
    let mut s = blank_state("built.ron");
    assert_eq!(ws(&s).title, "built");
    press(&mut s, "t");
    assert!(
        form(&s).fields[0].text.is_selecting(),
        "the default title opens selected"
    );
    assert!(
        hint_labels(&s)
            .iter()
            .any(|(k, _)| k.contains("Ctrl-u") && k.contains("Ctrl-w")),
        "the hint bar names the editing keys"
    );
    type_text(&mut s, "Acme CRM personas");
    press(&mut s, "enter");
    assert!(is_normal(&s));
    assert_eq!(ws(&s).title, "Acme CRM personas");

    // → or End keeps it to edit.
    for keep in ["right", "end"] {
        let mut s = blank_state("dir/built.ron");
        press(&mut s, "t");
        press(&mut s, keep);
        assert!(!form(&s).fields[0].text.is_selecting());
        type_text(&mut s, " workshop");
        press(&mut s, "enter");
        assert_eq!(ws(&s).title, "built workshop", "{keep}");
    }

    // Backspace deletes the whole default; Esc after no typing asks nothing.
    let mut s = blank_state("built.ron");
    keys(&mut s, "t esc");
    assert!(is_normal(&s), "nothing was typed: Esc closes at once");
    keys(&mut s, "t backspace");
    assert_eq!(field(&s, "title"), "");
}

#[test]
fn a_title_someone_wrote_opens_with_the_cursor_at_its_end() {
    let mut s = example_state();
    press(&mut s, "t");
    assert!(!form(&s).fields[0].text.is_selecting());
    type_text(&mut s, "!");
    assert_eq!(field(&s, "title"), "Acme CRM — B2B personas!");
    // The same title in a file named after it is taken for a default, whoever wrote it.
    let mut s = blank_state("Acme CRM.ron");
    assert_eq!(ws(&s).title, "Acme CRM");
    press(&mut s, "t");
    assert!(form(&s).fields[0].text.is_selecting());
    // ← ends the selection at its start.
    press(&mut s, "left");
    assert!(!form(&s).fields[0].text.is_selecting());
    type_text(&mut s, "The ");
    assert_eq!(field(&s, "title"), "The Acme CRM");
}

#[test]
fn form_fields_take_ctrl_u_and_ctrl_w_and_not_the_text_areas_own_keys() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "The Field Engineer");
    press(&mut s, "ctrl-w");
    assert_eq!(field(&s, "name"), "The Field ");
    type_text(&mut s, "Technician");
    // Ctrl-u is not the text area's undo: it deletes to the start of the line.
    press(&mut s, "ctrl-u");
    assert_eq!(field(&s, "name"), "");
    type_text(&mut s, "Field technician");
    // Ctrl-k deletes to the end; Ctrl-y (the text area's paste of it) is no key of the form.
    keys(&mut s, "home ctrl-right ctrl-k");
    assert_eq!(field(&s, "name"), "Field");
    keys(&mut s, "ctrl-y ctrl-r");
    assert_eq!(field(&s, "name"), "Field", "no unlisted text-area shortcut");
    keys(&mut s, "left left delete");
    assert_eq!(field(&s, "name"), "Fied");

    // In a multi-line field they work on the cursor's line.
    press(&mut s, "esc");
    press(&mut s, "y");
    press(&mut s, "e");
    let summary = form(&s)
        .fields
        .iter()
        .position(|f| f.key == "summary")
        .expect("a summary field");
    while form(&s).focus != summary {
        press(&mut s, "tab");
    }
    press(&mut s, "ctrl-u");
    type_text(&mut s, "first line");
    press(&mut s, "ctrl-j");
    type_text(&mut s, "second line");
    press(&mut s, "ctrl-u");
    let value = field(&s, "summary");
    assert!(value.ends_with("first line\n"), "{value:?}");
}

#[test]
fn keys_bound_to_nothing_leave_a_form_field_as_it_was() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "abcdef");
    keys(&mut s, "left left left");
    // What ratatui-textarea's own `input` would have taken as moves and edits.
    for key in [
        "ctrl-a",
        "ctrl-b",
        "ctrl-d",
        "ctrl-f",
        "ctrl-h",
        "ctrl-m",
        "ctrl-n",
        "ctrl-p",
        "ctrl-r",
        "ctrl-v",
        "ctrl-x",
        "ctrl-y",
        "ctrl-z",
        "alt-b",
        "alt-d",
        "alt-f",
        "alt-h",
        "alt-<",
        "alt->",
        "alt-v",
        "alt-delete",
        "pageup",
        "pagedown",
        "ctrl-alt-b",
        "ctrl-alt-f",
    ] {
        assert!(
            s.keymap
                .action(s.key_mode(), Chord::parse(key).expect("parses"))
                .is_none(),
            "{key} is bound in the form: this list needs it out"
        );
        press(&mut s, key);
        assert_eq!(field(&s, "name"), "abcdef", "{key} changed the text");
    }
    type_text(&mut s, "X");
    assert_eq!(field(&s, "name"), "abcXdef", "no key moved the cursor");
}

#[test]
fn the_picker_filter_takes_ctrl_u_and_ctrl_w() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "space");
    let filter = |s: &State| match &s.mode {
        Mode::LinkPicker(p) => (p.filter.text().to_string(), p.goals.len()),
        other => panic!("not picking: {other:?}"),
    };
    let all = filter(&s).1;
    type_text(&mut s, "acquisition");
    assert_eq!(filter(&s).1, 1);
    press(&mut s, "ctrl-w");
    assert_eq!(filter(&s), (String::new(), all), "the whole list again");
    type_text(&mut s, "zzz");
    press(&mut s, "ctrl-u");
    assert_eq!(filter(&s), (String::new(), all));
}

#[test]
fn help_lists_the_editing_keys_of_every_text_field() {
    let map = crate::app::Keymap::default();
    for mode in [KeyMode::Search, KeyMode::Form, KeyMode::LinkPicker] {
        let keys = |action| {
            map.keys(mode, action)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(Action::DeleteToStart), ["Ctrl-u"], "{mode:?}");
        assert_eq!(keys(Action::DeleteWord)[0], "Ctrl-w", "{mode:?}");
        assert_eq!(keys(Action::DeleteBack), ["Backspace"], "{mode:?}");
        let listed: Vec<Action> = map.bindings(mode).map(|(a, _)| a).collect();
        assert!(listed.contains(&Action::DeleteWord), "{mode:?}");
    }
    for mode in [KeyMode::Search, KeyMode::Form] {
        for action in [Action::CursorRight, Action::LineEnd, Action::DeleteToEnd] {
            assert!(!map.keys(mode, action).is_empty(), "{mode:?} {action:?}");
        }
    }
    let table = map.markdown();
    assert!(table.contains("| `Ctrl-u` | delete to the start of the line"));
    assert!(table.contains("| `→` | cursor right (on selected text: keep it, to edit) |"));
}
