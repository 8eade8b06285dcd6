//! Forms: adding personas and goals, paste, $EDITOR results.

use super::*;

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
    assert_eq!(
        choice(&s),
        4,
        "its first letter chose fictional; the others start no kind"
    );
    assert_eq!(
        field(&s, "kind"),
        "",
        "typing puts no text in the kind field"
    );
    press(&mut s, "right");
    assert_eq!(choice(&s), 0, "right wraps round to not set");
    press(&mut s, "right");
    assert_eq!(choice(&s), 1);
    press(&mut s, "space");
    assert_eq!(choice(&s), 2);
    press(&mut s, "left");
    assert_eq!(choice(&s), 1);
    press(&mut s, "space");
    keys(&mut s, "ctrl-s esc");
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
    keys(&mut s, "ctrl-s esc");
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
    keys(&mut s, "ctrl-s esc");
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
    assert!(
        is_form(&s),
        "Ctrl-s saved the form and opened its first goal's"
    );
    press(&mut s, "esc");
    let name = &ws(&s).column(Column::Users)[1].name;
    assert_eq!(
        name, "OneTwo",
        "Ctrl-m is no key of the form's: it types nothing (no text-area shortcut gets through)"
    );
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
