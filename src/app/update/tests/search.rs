//! Search and "only this chain" (o).

use super::*;

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
                Target::Conflict(i) => i.to_string(),
                Target::Proposal(i) => format!("proposal {i}"),
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
    type_text(&mut s, "securedata");
    press(&mut s, "enter");
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
