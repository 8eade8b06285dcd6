//! `personas diff` by ids: every kind of change, moves reported once, colour only when asked.

use super::*;
use crate::store::example;

fn lines(old: &Workspace, new: &Workspace) -> Vec<String> {
    render(&diff(old, new), false)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn the_same_workspace_has_no_changes() {
    let ws = example();
    let out = lines(&ws, &ws);
    assert_eq!(out[0], "no changes to personas, goals or links");
    assert!(out[1].ends_with("(unchanged)"), "{out:?}");
}

#[test]
fn additions_removals_edits_and_links_are_listed_field_by_field() {
    let old = example();
    let mut new = old.clone();
    std::sync::Arc::make_mut(&mut new.columns[0][0]).name = "The Staff".into();
    std::sync::Arc::make_mut(&mut new.columns[0][0])
        .pains
        .push("Forms".into());
    std::sync::Arc::make_mut(&mut new.columns[0][0]).goals[0].text = "Log calls fast".into();
    let removed = std::sync::Arc::make_mut(&mut new.columns[0][0])
        .goals
        .remove(1);
    std::sync::Arc::make_mut(&mut new.columns[0][1]).goals[0]
        .supports
        .clear();
    new.columns[1].push(std::sync::Arc::new(Persona {
        id: "support".into(),
        name: "Support".into(),
        ..Persona::default()
    }));
    let out = lines(&old, &new);
    let has = |s: &str| assert!(out.iter().any(|l| l == s), "{s:?} not in {out:#?}");
    has(r#"~ persona "employee" name: "The Employee" → "The Staff""#);
    has(r#"~ persona "employee" pains: added "Forms""#);
    has(
        r#"~ goal "employee-log-calls" text: "Log every customer call in under a minute" → "Log calls fast""#,
    );
    has(&format!(
        "- goal {:?} of \"employee\": {:?}",
        removed.id, removed.text
    ));
    has(r#"+ department "support": "Support""#);
    for s in &removed.supports {
        has(&format!("- link {:?} → {s:?}", removed.id));
    }
    let last = out.last().expect("a coverage line");
    assert!(
        last.starts_with("coverage ") && last.contains(" → "),
        "{last}"
    );
}

#[test]
fn a_move_reports_the_one_item_that_moved() {
    let old = example();
    let mut new = old.clone();
    let p = new.columns[1].remove(2);
    new.columns[1].insert(0, p);
    let g = std::sync::Arc::make_mut(&mut new.columns[0][1])
        .goals
        .remove(0);
    std::sync::Arc::make_mut(&mut new.columns[0][0])
        .goals
        .push(g);
    let out = lines(&old, &new);
    let moves: Vec<&String> = out.iter().filter(|l| l.starts_with("> ")).collect();
    assert_eq!(
        moves,
        [
            r#"> persona "it" moved: position 3 → position 1"#,
            r#"> goal "manager-forecast" moved: persona "manager" → persona "employee""#,
        ]
    );
}

#[test]
fn colour_is_only_added_when_asked() {
    let old = example();
    let mut new = old.clone();
    new.title = "x\u{1b}[2J".into();
    let plain = render(&diff(&old, &new), false);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(plain.contains(r#"→ "x\u{1b}[2J""#), "escaped: {plain}");
    let coloured = render(&diff(&old, &new), true);
    assert!(coloured.starts_with("\u{1b}[33m~ title"), "{coloured}");
}
