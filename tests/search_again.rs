//! Two searches back to back, as a facilitator types them in front of a room (issue 25): the
//! second `/` opens on the first query selected, and what is typed replaces it — it used to be
//! added to its end ("Update dealsLog every customer call": nothing matches). The real binary in
//! a pseudo-terminal; every key waits for its effect on screen before the next one.

mod common;

use common::pty::{Place, Session};

/// Types `text` into the open search box one key at a time, each waiting for the query line to
/// show what is typed so far (the bar is the cursor at its end).
fn type_query(s: &mut Session, text: &str) {
    let mut so_far = String::new();
    for c in text.chars() {
        so_far.push(c);
        s.send(&c.to_string());
        s.wait_for(&format!("/ {so_far}▏"));
    }
}

/// The status message after Enter on a query: which match of how many, from the library's own
/// search of the example.
fn match_message(query: &str) -> String {
    let hits = personas::app::search::search(&personas::store::example(), query);
    assert!(!hits.is_empty(), "{query:?} matches in the example");
    format!("match 1 of {} — n next", hits.len())
}

#[test]
fn a_second_search_replaces_the_first_query() {
    let first = "Update deals";
    let second = "Log every customer call";

    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn(&["acme.ron"], 40, 120);
    s.wait_for("The Employee");
    s.wait_for("coverage");
    // The detail pane names each goal a search lands on by its metric, which the board does
    // not show: the effect of each Enter.
    s.send("i");
    s.wait_for("Sells to mid-market");

    s.send("/");
    s.wait_for("type to search names, roles, goal texts and metrics");
    type_query(&mut s, first);
    s.send("\r");
    s.wait_for("Share of deal updates");
    assert!(s.screen().contains(&match_message(first)), "{}", s.screen());

    // The box opens on the last query, selected (reversed), and the hint bar says what keeps it.
    s.send("/");
    s.wait_for("keep it (typing replaces it)");
    let query_line = format!("/ {first}");
    let reversed = s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows)
            .find_map(|row| {
                let text: String = screen.rows(0, cols).nth(usize::from(row))?;
                let at = text.find(&query_line)?;
                let col = u16::try_from(text[..at].chars().count()).ok()? + 2;
                Some(
                    (0..first.chars().count() as u16)
                        .all(|i| screen.cell(row, col + i).is_some_and(vt100::Cell::inverse)),
                )
            })
            .unwrap_or_else(|| panic!("no {query_line:?} on screen:\n{}", screen.contents()))
    });
    assert!(
        reversed,
        "the last query is shown selected:\n{}",
        s.screen()
    );

    type_query(&mut s, second);
    s.send("\r");
    s.wait_for("Median seconds per call");
    let screen = s.screen();
    assert!(screen.contains(&match_message(second)), "{screen}");
    assert!(!screen.contains("nothing matches"), "{screen}");
    assert!(!screen.contains("Update dealsLog"), "{screen}");

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
