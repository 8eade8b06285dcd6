//! Unit tests of the link picker and of forms that flow (issue 13), driven by key names,
//! typed text and clicks as a person drives the app.

use super::tests::{example_state, keys, msg, press, supports, type_text, ws};
use super::*;
use crate::app::KeyMode;
use crate::app::picker::{PickLine, Picker, PickerAreas};

fn picker(s: &State) -> &Picker {
    match &s.mode {
        Mode::LinkPicker(p) => p,
        other => panic!("expected the link picker, got {other:?}"),
    }
}

fn is_picker(s: &State) -> bool {
    matches!(s.mode, Mode::LinkPicker(_))
}

fn goal_id(s: &State, line: PickLine) -> String {
    match line {
        PickLine::Goal(c, p, g) => ws(s).column(c)[p].goals[g].id.clone(),
        other => panic!("not a goal line: {other:?}"),
    }
}

/// The picker's lines as text: `# Column`, `persona id`, `[x] goal id`.
fn listed(s: &State) -> Vec<String> {
    let p = picker(s);
    p.lines
        .iter()
        .map(|line| match *line {
            PickLine::Section(c) => format!("# {c}"),
            PickLine::Persona(c, i) => ws(s).column(c)[i].id.clone(),
            PickLine::Goal(..) => {
                let mark = if p.linked(ws(s), &s.doc.derived().index, *line) {
                    "[x]"
                } else {
                    "[ ]"
                };
                format!("{mark} {}", goal_id(s, *line))
            }
        })
        .collect()
}

fn highlighted(s: &State) -> String {
    goal_id(s, picker(s).current().expect("a goal is highlighted"))
}

fn select_goal(s: &mut State, id: &str) {
    let pos = s.doc.derived().index.goal_pos(id).expect("goal");
    s.column = pos.column;
    s.columns[pos.column.index()].cursor = s.doc.row_of(pos.column, pos.persona, Some(pos.goal));
    assert_eq!(s.selected_goal_id(), Some(id));
}

fn open_on(s: &mut State, id: &str) {
    select_goal(s, id);
    press(s, "space");
    assert!(is_picker(s), "Space on {id} opens the picker");
}

// ---------------------------------------------------------------------------------------------
// The picker
// ---------------------------------------------------------------------------------------------

#[test]
fn a_user_goal_lists_department_goals_and_says_why_buyers_are_not_there() {
    let mut s = example_state();
    open_on(&mut s, "employee-log-calls");
    assert_eq!(
        listed(&s),
        [
            "# Departments",
            "sales",
            "[x] sales-new-revenue",
            "[ ] sales-competitive-wins",
            "[ ] sales-wallet-share",
            "marketing",
            "[ ] marketing-pipeline",
            "[ ] marketing-cac",
            "it",
            "[ ] it-secure-data",
            "[ ] it-run-cost",
        ]
    );
    assert_eq!(
        highlighted(&s),
        "sales-new-revenue",
        "starts on the first goal"
    );
    assert!(msg(&s).contains("department layer"), "{}", msg(&s));
    assert!(msg(&s).contains("buyer"), "{}", msg(&s));
    assert!(!s.modified(), "opening changes nothing");
}

#[test]
fn a_department_goal_lists_buyer_goals_above_and_user_goals_below() {
    let mut s = example_state();
    open_on(&mut s, "sales-new-revenue");
    let lines = listed(&s);
    let users_at = lines.iter().position(|l| l == "# Users").expect("users");
    assert_eq!(lines[0], "# Buyers");
    assert_eq!(&lines[1..3], ["exec", "[x] exec-revenue-growth"]);
    assert!(lines[..users_at].contains(&"[ ] cto-security".to_string()));
    assert!(lines[users_at..].contains(&"[x] employee-log-calls".to_string()));
    assert!(lines[users_at..].contains(&"[x] manager-forecast".to_string()));
    assert!(lines[users_at..].contains(&"[ ] employee-mobile".to_string()));
    assert_eq!(lines.iter().filter(|l| l.starts_with('[')).count(), 7 + 8);
    assert_eq!(highlighted(&s), "exec-revenue-growth");
}

#[test]
fn a_buyer_goal_lists_department_goals_only() {
    let mut s = example_state();
    open_on(&mut s, "cto-security");
    let lines = listed(&s);
    assert_eq!(lines[0], "# Departments");
    assert_eq!(lines.iter().filter(|l| l.starts_with("# ")).count(), 1);
    assert!(lines.contains(&"[x] it-secure-data".to_string()));
    assert_eq!(Picker::sections(Column::Buyers), [Column::Departments]);
}

#[test]
fn up_and_down_move_over_goals_only_and_stop_at_the_ends() {
    let mut s = example_state();
    open_on(&mut s, "employee-log-calls");
    press(&mut s, "up");
    assert_eq!(highlighted(&s), "sales-new-revenue");
    keys(&mut s, "down down down");
    assert_eq!(
        highlighted(&s),
        "marketing-pipeline",
        "the persona line is skipped"
    );
    keys(&mut s, "end");
    assert_eq!(highlighted(&s), "it-run-cost");
    press(&mut s, "down");
    assert_eq!(highlighted(&s), "it-run-cost");
    press(&mut s, "home");
    assert_eq!(highlighted(&s), "sales-new-revenue");
}

#[test]
fn typing_filters_fuzzily_and_backspace_widens_again() {
    let mut s = example_state();
    open_on(&mut s, "employee-mobile");
    type_text(&mut s, "acquisition");
    assert_eq!(picker(&s).filter.text(), "acquisition");
    assert_eq!(
        listed(&s),
        ["# Departments", "marketing", "[ ] marketing-cac"],
    );
    for _ in 0.."acquisition".len() {
        press(&mut s, "backspace");
    }
    assert_eq!(picker(&s).goals.len(), 7, "an empty filter lists all again");
    // j and k are filter letters here, not moves.
    type_text(&mut s, "jk");
    assert_eq!(picker(&s).filter.text(), "jk");
    keys(&mut s, "backspace backspace");
    type_text(&mut s, "marketing");
    assert_eq!(
        listed(&s),
        [
            "# Departments",
            "marketing",
            "[ ] marketing-pipeline",
            "[ ] marketing-cac"
        ],
        "a persona's name lists all its goals"
    );
    press(&mut s, "space");
    assert_eq!(supports(&s, "employee-mobile"), ["marketing-pipeline"]);
    type_text(&mut s, "zzz");
    assert!(picker(&s).goals.is_empty());
    assert!(msg(&s).contains("no goal matches"), "{}", msg(&s));
    press(&mut s, "enter");
    assert!(is_picker(&s), "Enter with nothing listed keeps the picker");
    assert_eq!(supports(&s, "employee-mobile"), ["marketing-pipeline"]);
}

#[test]
fn the_filter_takes_no_spaces_with_space_remapped() {
    let mut s = example_state();
    s.keymap = s
        .keymap
        .remapped(&[(
            Action::Toggle,
            vec![Chord::parse("ctrl-t").expect("parses")],
        )])
        .expect("free key");
    open_on(&mut s, "employee-mobile");
    press(&mut s, "space");
    assert!(
        supports(&s, "employee-mobile").is_empty(),
        "Space is no longer the toggle"
    );
    assert_eq!(picker(&s).filter.text(), "", "nor is it filter text");
    assert!(msg(&s).contains("no spaces"), "{}", msg(&s));
    press(&mut s, "ctrl-t");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-new-revenue"]);
    assert!(is_picker(&s));
}

#[test]
fn space_toggles_and_stays_enter_toggles_and_closes_the_cursor_stays() {
    let mut s = example_state();
    open_on(&mut s, "employee-mobile");
    let row = s.cursor();
    press(&mut s, "space");
    assert!(is_picker(&s), "Space keeps the picker open");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-new-revenue"]);
    assert!(msg(&s).starts_with("linked:"), "{}", msg(&s));
    assert!(msg(&s).contains("u undoes"), "{}", msg(&s));
    assert_eq!(listed(&s)[2], "[x] sales-new-revenue");
    press(&mut s, "space");
    assert!(
        supports(&s, "employee-mobile").is_empty(),
        "Space again unlinks"
    );
    assert!(msg(&s).starts_with("unlinked:"), "{}", msg(&s));
    press(&mut s, "down");
    press(&mut s, "enter");
    assert!(matches!(s.mode, Mode::Normal), "Enter closes");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-competitive-wins"]);
    assert!(
        msg(&s).starts_with("linked:"),
        "the message stays: {}",
        msg(&s)
    );
    assert_eq!(s.column, Column::Users);
    assert_eq!(s.cursor(), row, "the cursor stays on the goal");
    assert_eq!(s.selected_goal_id(), Some("employee-mobile"));
}

#[test]
fn a_department_goal_links_up_and_down_from_one_picker() {
    let mut s = example_state();
    open_on(&mut s, "sales-wallet-share");
    type_text(&mut s, "security");
    assert_eq!(
        highlighted(&s),
        "cto-security",
        "the best match is highlighted"
    );
    press(&mut s, "space");
    assert!(supports(&s, "sales-wallet-share").contains(&"cto-security".to_string()));
    for _ in 0.."security".len() {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "phone");
    assert_eq!(highlighted(&s), "employee-mobile");
    press(&mut s, "enter");
    assert!(supports(&s, "employee-mobile").contains(&"sales-wallet-share".to_string()));
    assert_eq!(s.selected_goal_id(), Some("sales-wallet-share"));
}

#[test]
fn esc_closes_and_keeps_every_toggle() {
    let mut s = example_state();
    open_on(&mut s, "employee-mobile");
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal));
    assert!(!s.modified());
    assert_eq!(msg(&s), "link picker closed");
    open_on(&mut s, "employee-mobile");
    press(&mut s, "space");
    press(&mut s, "esc");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-new-revenue"]);
    assert!(msg(&s).starts_with("linked:"), "{}", msg(&s));
}

#[test]
fn space_on_a_persona_says_the_picker_is_for_goals() {
    let mut s = example_state();
    press(&mut s, "space");
    assert!(matches!(s.mode, Mode::Normal));
    assert!(msg(&s).contains("works on goals"), "{}", msg(&s));
}

#[test]
fn a_click_on_a_goal_line_toggles_it() {
    let mut s = example_state();
    open_on(&mut s, "employee-mobile");
    let areas = PickerAreas::new(s.size);
    let p = picker(&s);
    let at = p
        .lines
        .iter()
        .position(|l| matches!(l, PickLine::Goal(..)) && goal_id(&s, *l) == "it-run-cost")
        .expect("listed");
    let y = areas.list.y + u16::try_from(at - p.scroll).expect("small");
    update(
        &mut s,
        Event::Click {
            x: areas.list.x + 5,
            y,
            double: false,
        },
    );
    assert_eq!(supports(&s, "employee-mobile"), ["it-run-cost"]);
    assert_eq!(highlighted(&s), "it-run-cost");
    assert!(is_picker(&s));
    // A click on a heading does nothing.
    update(
        &mut s,
        Event::Click {
            x: areas.list.x + 5,
            y: areas.list.y,
            double: false,
        },
    );
    assert_eq!(supports(&s, "employee-mobile"), ["it-run-cost"]);
    update(
        &mut s,
        Event::Click {
            x: areas.list.x + 5,
            y,
            double: true,
        },
    );
    assert!(
        supports(&s, "employee-mobile").is_empty(),
        "a second click unlinks"
    );
}

#[test]
fn each_toggle_undoes_and_redoes_on_its_own() {
    let mut s = example_state();
    open_on(&mut s, "employee-mobile");
    let start = ws(&s).clone();
    press(&mut s, "space");
    let one = ws(&s).clone();
    press(&mut s, "down");
    press(&mut s, "space");
    let two = ws(&s).clone();
    press(&mut s, "up");
    press(&mut s, "enter");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-competitive-wins"]);
    press(&mut s, "u");
    assert_eq!(ws(&s), &two);
    assert!(msg(&s).starts_with("undone: unlink"), "{}", msg(&s));
    press(&mut s, "u");
    assert_eq!(ws(&s), &one);
    assert!(msg(&s).starts_with("undone: link"), "{}", msg(&s));
    press(&mut s, "u");
    assert_eq!(ws(&s), &start);
    assert!(!s.modified());
    press(&mut s, "ctrl-r");
    assert_eq!(ws(&s), &one);
    assert!(msg(&s).starts_with("redone: link"), "{}", msg(&s));
    keys(&mut s, "ctrl-r ctrl-r");
    assert_eq!(supports(&s, "employee-mobile"), ["sales-competitive-wins"]);
    assert_eq!(s.selected_goal_id(), Some("employee-mobile"));
}

#[test]
fn the_picker_lists_goals_the_o_filter_hides_and_linking_one_shows_it() {
    let mut s = example_state();
    select_goal(&mut s, "employee-mobile");
    press(&mut s, "o");
    let f = s.filter.as_ref().expect("filtered");
    let hidden_row = s.doc.row_of(Column::Departments, 2, Some(1));
    assert!(
        !f.rows(Column::Departments).contains(&hidden_row),
        "it-run-cost is hidden"
    );
    press(&mut s, "space");
    type_text(&mut s, "runcost");
    assert_eq!(highlighted(&s), "it-run-cost");
    press(&mut s, "enter");
    assert_eq!(supports(&s, "employee-mobile"), ["it-run-cost"]);
    let f = s.filter.as_ref().expect("still filtered");
    assert!(
        f.rows(Column::Departments).contains(&hidden_row),
        "now in the chain"
    );
    assert_eq!(s.selected_goal_id(), Some("employee-mobile"));
}

#[test]
fn the_picker_keys_come_from_the_keymap() {
    let s = example_state();
    let map = &s.keymap;
    let space = Chord::parse("space").expect("parses");
    let enter = Chord::parse("enter").expect("parses");
    assert_eq!(map.action(KeyMode::LinkPicker, space), Some(Action::Toggle));
    assert_eq!(
        map.action(KeyMode::LinkPicker, enter),
        Some(Action::ToggleClose)
    );
    let j = Chord::parse("j").expect("parses");
    assert_eq!(map.action(KeyMode::LinkPicker, j), None, "letters filter");
}
