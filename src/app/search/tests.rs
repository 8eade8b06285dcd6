//! Tests of search.

use super::*;

fn ids(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| match &h.target {
            Target::Goal(id) | Target::Persona(id) => id.clone(),
            Target::Column(c) => c.to_string(),
            Target::Conflict(i) => i.to_string(),
            Target::Proposal(i) => format!("proposal {i}"),
        })
        .collect()
}

#[test]
fn best_matches_come_first() {
    let ws = crate::store::example();
    let hits = search(&ws, "sales");
    assert_eq!(
        ids(&hits)[0],
        "sales",
        "the persona named Sales beats goals mentioning it"
    );
    let hits = search(&ws, "log call");
    assert_eq!(ids(&hits)[0], "employee-log-calls");
}

#[test]
fn smart_case_lower_case_matches_any_case() {
    let ws = crate::store::example();
    assert!(!search(&ws, "employee").is_empty());
    assert!(
        search(&ws, "EMPLOYEE").is_empty(),
        "upper case is taken literally"
    );
    assert!(!search(&ws, "Employee").is_empty());
}

#[test]
fn metrics_and_roles_are_searched_and_letters_are_reported() {
    let ws = crate::store::example();
    let hits = search(&ws, "seconds per call");
    let hit = &hits[0];
    assert_eq!(hit.field, "Metric");
    assert_eq!(hit.target, Target::Goal("employee-log-calls".into()));
    let matched: String = hit
        .text
        .chars()
        .enumerate()
        .filter(|(i, _)| hit.indices.contains(&(*i as u32)))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(matched.replace(' ', ""), "secondspercall");
    assert!(search(&ws, "").is_empty());
    assert!(search(&ws, "zzzzqqq").is_empty());
}

/// Types `query` letter by letter into a search, as `/` does.
fn typed(ws: &Arc<Workspace>, query: &str) -> Vec<Search> {
    let mut search = Search::default();
    let mut typed = String::new();
    let mut states = Vec::new();
    for c in query.chars() {
        typed.push(c);
        search.set_query(ws, typed.clone());
        states.push(search.clone());
    }
    states
}

#[test]
fn narrowing_gives_exactly_what_a_fresh_search_gives() {
    let ws = Arc::new(crate::model::generate::generate(
        crate::model::generate::Size::S,
        7,
    ));
    for query in [
        "security audit",
        "sales Team",
        "e",
        "ops!x",
        "^pla",
        "it$",
        "'cost",
    ] {
        let mut so_far = String::new();
        for (step, search) in query.chars().zip(typed(&ws, query)) {
            so_far.push(step);
            assert_eq!(search.hits, search_all(&ws, &so_far), "after {so_far:?}");
        }
    }
}

fn search_all(ws: &Workspace, query: &str) -> Vec<Hit> {
    search(ws, query)
}

#[test]
fn more_matches_than_are_kept_still_rank_the_true_best_first() {
    let ws = Arc::new(crate::model::generate::generate(
        crate::model::generate::Size::S,
        1,
    ));
    let mut s = Search::default();
    s.set_query(&ws, "e".into());
    assert_eq!(
        s.hits.len(),
        MAX_HITS,
        "more than MAX_HITS items contain an e"
    );
    for pair in s.hits.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.score > b.score
                || (a.score == b.score && a.text.chars().count() <= b.text.chars().count()),
            "{a:?} ranks before {b:?}"
        );
    }
    let best = ws
        .goals()
        .map(|(_, _, g)| g)
        .filter_map(|g| {
            let mut m = Matcher::new(Config::DEFAULT);
            let p = Pattern::parse("e", CaseMatching::Smart, Normalization::Smart);
            let mut buf = Vec::new();
            [&g.text, &g.metric]
                .iter()
                .filter_map(|t| p.score(Utf32Str::new(t, &mut buf), &mut m))
                .max()
        })
        .max();
    assert!(best.is_some_and(|b| s.hits[0].score >= b));
}

#[test]
fn a_changed_workspace_is_searched_afresh() {
    let mut ws = Arc::new(crate::store::example());
    let mut s = Search::default();
    s.set_query(&ws, "sal".into());
    assert!(!s.hits.is_empty());
    // An edit while the search is open: a persona that did not match is renamed so that
    // it does.
    let hit_ids = ids(&s.hits);
    let renamed = Arc::make_mut(&mut ws)
        .columns
        .iter_mut()
        .flatten()
        .find(|p| !hit_ids.contains(&p.id))
        .expect("a persona that does not match");
    Arc::make_mut(renamed).name = "Salesforce admins".into();
    s.set_query(&ws, "sales".into());
    assert_eq!(s.hits, search(&ws, "sales"));
    assert!(
        s.hits.iter().any(|h| h.text == "Salesforce admins"),
        "the renamed persona is found"
    );
    // A reload: another workspace altogether.
    let other = Arc::new(crate::model::generate::generate(
        crate::model::generate::Size::S,
        2,
    ));
    s.set_query(&other, "salesf".into());
    assert_eq!(s.hits, search(&other, "salesf"));
}
