//! Unit tests of forms that flow (issue 13): a new persona goes on to its first goal, choice
//! letters, Esc asking before it throws typed text away, and the workspace title.

use super::tests::{example_state, form, keys, msg, press, type_text, ws};
use super::*;
use crate::app::KeyMode;
use crate::model::{BuyingRole, Kind};

#[test]
fn a_new_persona_goes_on_to_its_first_goal_and_undoes_in_two_steps() {
    let mut s = example_state();
    press(&mut s, "l");
    press(&mut s, "p");
    type_text(&mut s, "Finance");
    press(&mut s, "ctrl-s");
    assert_eq!(
        form(&s).target,
        FormTarget::NewGoal {
            column: Column::Departments,
            persona: 1,
            index: 0
        }
    );
    assert!(form(&s).first_goal);
    assert!(msg(&s).contains("first goal"), "{}", msg(&s));
    type_text(&mut s, "Close the books in 3 days");
    press(&mut s, "tab");
    type_text(&mut s, "Cash");
    press(&mut s, "tab");
    type_text(&mut s, "Days to close");
    press(&mut s, "enter");
    assert!(
        matches!(s.mode, Mode::Normal),
        "Enter on the last field commits"
    );
    let p = &ws(&s).column(Column::Departments)[1];
    assert_eq!(p.name, "Finance");
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.goals[0].metric, "Days to close");
    assert_eq!(s.selected(), Some(Row::Goal(1, 0)));
    press(&mut s, "u");
    assert!(msg(&s).starts_with("undone: add goal"), "{}", msg(&s));
    assert!(ws(&s).column(Column::Departments)[1].goals.is_empty());
    press(&mut s, "u");
    assert!(
        msg(&s).starts_with("undone: add persona \"Finance\""),
        "{}",
        msg(&s)
    );
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn esc_on_the_first_goal_adds_no_goal() {
    let mut s = example_state();
    press(&mut s, "p");
    type_text(&mut s, "Auditor");
    press(&mut s, "ctrl-s");
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal));
    let p = &ws(&s).column(Column::Users)[1];
    assert_eq!(p.name, "Auditor");
    assert!(p.goals.is_empty());
    assert!(msg(&s).contains("no goal added"), "{}", msg(&s));
    press(&mut s, "u");
    assert_eq!(
        ws(&s),
        &crate::store::example(),
        "one undo: only the persona was added"
    );
}

#[test]
fn choice_fields_take_the_first_letter_of_a_choice() {
    let mut s = example_state();
    s.column = Column::Buyers;
    press(&mut s, "p");
    type_text(&mut s, "CFO");
    keys(&mut s, "tab tab");
    assert_eq!(form(&s).focused().expect("field").key, "kind");
    type_text(&mut s, "m");
    assert_eq!(form(&s).focused().expect("field").choice, 4, "methodical");
    type_text(&mut s, "S");
    assert_eq!(
        form(&s).focused().expect("field").choice,
        2,
        "spontaneous, any case"
    );
    type_text(&mut s, "x");
    assert_eq!(
        form(&s).focused().expect("field").choice,
        2,
        "x changes nothing"
    );
    assert!(msg(&s).contains("no kind starts with 'x'"), "{}", msg(&s));
    assert!(
        msg(&s).contains("methodical"),
        "names the choices: {}",
        msg(&s)
    );
    press(&mut s, "tab");
    type_text(&mut s, "i");
    keys(&mut s, "ctrl-s esc");
    let p = &ws(&s).column(Column::Buyers)[1];
    assert_eq!(p.kind, Some(Kind::Spontaneous));
    assert_eq!(p.buying_role, Some(BuyingRole::Influencer));
}

#[test]
fn esc_closes_an_untouched_form_at_once_and_asks_after_typing() {
    let mut s = example_state();
    press(&mut s, "e");
    press(&mut s, "esc");
    assert!(matches!(s.mode, Mode::Normal), "nothing typed: no question");

    press(&mut s, "e");
    type_text(&mut s, "!");
    press(&mut s, "esc");
    assert!(form(&s).asking);
    assert_eq!(s.key_mode(), KeyMode::DiscardPrompt);
    assert_eq!(msg(&s), "discard what you typed? y / n");
    let answers = s.keymap.answers(KeyMode::DiscardPrompt);
    assert_eq!(answers[0].0, "y / Enter");
    assert_eq!(answers[1].0, "n / Esc");
    press(&mut s, "esc");
    assert!(!form(&s).asking, "Esc answers no");
    assert_eq!(
        form(&s).fields[0].value(),
        "The Employee!",
        "the text is kept"
    );
    keys(&mut s, "esc n");
    assert!(!form(&s).asking);
    type_text(&mut s, "?");
    assert_eq!(
        form(&s).fields[0].value(),
        "The Employee!?",
        "typing goes on"
    );
    keys(&mut s, "esc enter");
    assert!(matches!(s.mode, Mode::Normal), "Enter answers yes");
    assert_eq!(ws(&s), &crate::store::example());
    assert!(msg(&s).contains("discarded"), "{}", msg(&s));

    // A changed choice counts as typed, and y discards.
    press(&mut s, "e");
    keys(&mut s, "tab tab right esc y");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(ws(&s), &crate::store::example());
}

#[test]
fn the_form_hint_bar_names_ctrl_s_first() {
    let s = example_state();
    let hints = s.keymap.hints(KeyMode::Form);
    assert_eq!(hints[0], ("Ctrl-s".to_string(), "save"));
}

#[test]
fn t_edits_the_workspace_title_and_u_undoes_it() {
    let mut s = example_state();
    press(&mut s, "t");
    assert_eq!(form(&s).target, FormTarget::Title);
    assert_eq!(form(&s).fields[0].value(), "Acme CRM — B2B personas");
    for _ in 0.."B2B personas".chars().count() {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "workshop");
    press(&mut s, "enter");
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(ws(&s).title, "Acme CRM — workshop");
    assert!(msg(&s).contains("u undoes"), "{}", msg(&s));
    use crate::export::{ExportFormat, render};
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Json,
    ] {
        let head: String = render(ws(&s), format).lines().take(3).collect();
        assert!(head.contains("Acme CRM — workshop"), "{format:?}: {head}");
    }
    press(&mut s, "u");
    assert_eq!(ws(&s).title, "Acme CRM — B2B personas");
    assert!(msg(&s).starts_with("undone: title"), "{}", msg(&s));
    press(&mut s, "ctrl-r");
    assert_eq!(ws(&s).title, "Acme CRM — workshop");
    s.read_only = true;
    press(&mut s, "t");
    assert!(matches!(s.mode, Mode::Normal), "read-only: no title form");
}
