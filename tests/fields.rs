//! The field description (`model::fields`) drives the form, the detail pane and the markdown
//! report: a workspace that fills every described field shows each of them in all three.

mod common;

use common::tui::{key, run_script, screen_text};
use personas::app::State;
use personas::app::form::{Form, FormTarget};
use personas::export::{ExportFormat, render};
use personas::model::fields::{GOAL_FIELDS, Input, Value, persona_fields};
use personas::model::{Column, Goal, Persona, Workspace};
use ratatui::crossterm::event::KeyCode;

/// A short value that names its field, so it can be found on screen and in the report.
fn value_for(key: &str, input: Input) -> Value {
    match input {
        Input::Line | Input::Multi => Value::Text(format!("{key}-v")),
        Input::List => Value::List(vec![format!("{key}-i")]),
        Input::Choice => Value::Choice(Some(0)),
        Input::Count => Value::Count(47),
    }
}

fn shown(key: &str, input: Input, column: Column) -> String {
    match input {
        Input::Choice => {
            let f = persona_fields(column)
                .find(|f| f.key == key)
                .expect("field");
            f.choices(column)[0].label().to_string()
        }
        Input::List => format!("{key}-i"),
        Input::Count => "47".to_string(),
        _ => format!("{key}-v"),
    }
}

fn filled(column: Column) -> Persona {
    let mut p = Persona {
        id: format!("{}-p", column.noun()),
        ..Persona::default()
    };
    for f in persona_fields(column) {
        f.set(&mut p, column, value_for(f.key, f.input));
    }
    let mut g = Goal {
        id: format!("{}-g", column.noun()),
        ..Goal::default()
    };
    for f in GOAL_FIELDS {
        f.set(&mut g, column, value_for(f.key, f.input));
    }
    p.goals.push(g);
    p
}

fn workspace() -> Workspace {
    let mut ws = Workspace {
        title: "t".into(),
        ..Workspace::default()
    };
    for column in [Column::Users, Column::Buyers] {
        ws.column_mut(column)
            .push(std::sync::Arc::new(filled(column)));
    }
    ws
}

#[test]
fn every_described_field_is_in_the_form() {
    for column in [Column::Users, Column::Buyers] {
        let p = filled(column);
        let target = FormTarget::Persona { column, index: 0 };
        let form = Form::for_persona(target, column, &p);
        for f in persona_fields(column) {
            let field = form
                .field(f.key)
                .unwrap_or_else(|| panic!("{} in the form", f.key));
            if f.input == Input::Choice {
                assert_eq!(field.choice, 1, "{}", f.key);
            } else {
                assert_eq!(field.value(), shown(f.key, f.input, column), "{}", f.key);
            }
        }
        // And back: the form gives the persona it was made from.
        assert_eq!(form.apply_persona(column, &p).expect("valid"), p);
        let g = &p.goals[0];
        let goal_form = Form::for_goal(
            FormTarget::Goal {
                column,
                persona: 0,
                goal: 0,
            },
            g,
        );
        for f in GOAL_FIELDS {
            if f.input == Input::Count {
                // Kept by the program (vote rounds), never typed; the form keeps it as it is.
                assert!(goal_form.field(f.key).is_none(), "{} in the form", f.key);
                continue;
            }
            assert_eq!(
                goal_form.field(f.key).expect("goal field").value(),
                format!("{}-v", f.key)
            );
        }
        assert_eq!(&goal_form.apply_goal(g).expect("valid"), g);
    }
}

#[test]
fn every_described_field_is_in_the_detail_pane() {
    for (column, moves) in [(Column::Users, 0), (Column::Buyers, 2)] {
        let mut state = State::new(workspace(), "w.ron".into());
        let mut events = vec![key(KeyCode::Char('i'))];
        events.extend((0..moves).map(|_| key(KeyCode::Right)));
        let terminal = run_script(&mut state, 120, 40, events.clone());
        let screen = screen_text(terminal.backend().buffer());
        for f in persona_fields(column) {
            let want = shown(f.key, f.input, column);
            assert!(
                screen.contains(&want),
                "{want} in the detail pane:\n{screen}"
            );
        }
        // The goal's fields, one row down.
        let mut state = State::new(workspace(), "w.ron".into());
        events.push(key(KeyCode::Down));
        let terminal = run_script(&mut state, 120, 40, events);
        let screen = screen_text(terminal.backend().buffer());
        for f in GOAL_FIELDS {
            let want = match f.input {
                Input::Count => format!("{}: 47", f.label.to_lowercase()),
                _ => shown(f.key, f.input, column),
            };
            assert!(
                screen.contains(&want),
                "{want} in the detail pane:\n{screen}"
            );
        }
    }
}

#[test]
fn every_described_field_is_in_the_markdown_report() {
    let report = render(&workspace(), ExportFormat::Markdown);
    for column in [Column::Users, Column::Buyers] {
        for f in persona_fields(column) {
            let want = shown(f.key, f.input, column);
            assert!(report.contains(&want), "{want} in the report:\n{report}");
            if !matches!(f.show, personas::model::fields::Show::Heading) {
                assert!(report.contains(f.label), "{} labelled", f.label);
            }
        }
    }
    for f in GOAL_FIELDS {
        let want = match f.input {
            Input::Count => format!("**{}:** 47", f.label),
            _ => format!("{}-v", f.key),
        };
        assert!(report.contains(&want), "{want} in the report:\n{report}");
    }
}
