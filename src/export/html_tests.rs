//! The html page: every field of a workspace that fills every field appears (walking the field
//! tables, so a new field is covered without a new test), nothing is loaded from elsewhere, and
//! the sections come in order.

use super::*;
use crate::model::fields::{GOAL_FIELDS, Input, Value};

/// A workspace where every persona and goal field of every column is filled with a value that
/// names the field and the column.
fn full() -> Workspace {
    let mut ws = Workspace {
        title: "Everything filled".into(),
        ..Workspace::default()
    };
    for column in Column::ALL {
        let mut p = Persona {
            id: format!("p-{}", column.noun()),
            ..Persona::default()
        };
        for f in persona_fields(column) {
            let value = match f.input {
                Input::Line | Input::Multi => {
                    Value::Text(format!("{}-of-{}", f.key, column.noun()))
                }
                Input::List => Value::List(vec![
                    format!("{}-first-of-{}", f.key, column.noun()),
                    format!("{}-second-of-{}", f.key, column.noun()),
                ]),
                Input::Choice => Value::Choice(Some(1)),
                Input::Count => Value::Count(7),
            };
            f.set(&mut p, column, value);
        }
        let mut g = Goal {
            id: format!("g-{}", column.noun()),
            ..Goal::default()
        };
        for f in GOAL_FIELDS {
            let value = match f.input {
                Input::Count => Value::Count(7),
                _ => Value::Text(format!("goal-{}-of-{}", f.key, column.noun())),
            };
            f.set(&mut g, column, value);
        }
        if let Some(up) = column.up() {
            g.supports.push(format!("g-{}", up.noun()));
        }
        p.goals.push(g);
        ws.column_mut(column).push(std::sync::Arc::new(p));
    }
    ws
}

#[test]
fn every_field_of_every_persona_and_goal_appears() {
    let ws = full();
    let html = render(&ws);
    for column in Column::ALL {
        let p = &ws.column(column)[0];
        for f in persona_fields(column) {
            for item in f.items(p) {
                assert!(
                    html.contains(item.as_ref()),
                    "{} of {column}: {item}",
                    f.key
                );
            }
            if !matches!(f.show, Show::Heading | Show::Quote) {
                assert!(html.contains(f.label), "label {}", f.label);
            }
        }
        for f in GOAL_FIELDS {
            let value = f.text(&p.goals[0]);
            assert!(html.contains(value.as_ref()), "goal {} of {column}", f.key);
        }
    }
    assert!(html.contains("Supported by:"));
}

#[test]
fn the_page_loads_nothing_from_elsewhere_and_runs_no_script() {
    let html = render(&crate::store::example());
    for needle in [
        "<script",
        "http:",
        "https:",
        "src=",
        "<link",
        "@import",
        "@font-face",
        "//",
    ] {
        assert!(!html.contains(needle), "the page contains {needle:?}");
    }
    let urls: Vec<&str> = html.split("url(").skip(1).collect();
    assert!(
        urls.iter().all(|u| u.starts_with("#pc-arrow)")),
        "only the arrow marker"
    );
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn the_sections_come_in_order_under_the_title() {
    let html = render(&crate::store::example());
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    let order = [
        "<h1>Acme CRM — B2B personas</h1>",
        "class=\"coverage\"",
        "<svg class=\"pc\"",
        "<h2>The story</h2>",
        "<h2>Personas</h2>",
        "<h2>Gaps</h2>",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    assert!(html.contains("not linked into the chain"));
    assert!(html.contains("◌ no metric"));
    assert!(html.contains("@media (prefers-color-scheme:dark)"));
    assert!(html.contains("@media print"));
}
