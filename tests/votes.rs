//! A goal's `votes` (SPEC §2 format 3, §11): the dots of the last vote round, shown after the
//! goal's text on the board (`●3`, `*3` in ASCII mode), in the detail pane, in every export and
//! in `personas read`; kept in the file only when there are some (which makes it format 3), and
//! read back from a csv table by its `votes` column.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::BIN;
use common::tui::{key, run_script, screen_text, typed};
use personas::app::State;
use personas::export::{ExportFormat, render, render_chain};
use personas::model::{Goal, Persona, Workspace};
use personas::store::{load, to_ron};
use ratatui::crossterm::event::KeyCode;

/// The example with votes on three goals: 12 on a user goal, 3 on a department goal, 1 on a
/// buyer goal.
fn voted() -> Workspace {
    let mut ws = personas::store::example();
    for p in ws.personas_mut() {
        for g in &mut p.goals {
            g.votes = match g.id.as_str() {
                "employee-log-calls" => 12,
                "sales-new-revenue" => 3,
                "exec-revenue-growth" => 1,
                _ => 0,
            };
        }
    }
    ws
}

fn shot(mut state: State, w: u16, h: u16, keys: &str) -> String {
    let terminal = run_script(&mut state, w, h, typed(keys));
    screen_text(terminal.backend().buffer())
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} on screen:\n{screen}"))
}

#[test]
fn the_board_shows_each_goals_dots_after_its_text() {
    let screen = shot(State::new(voted(), "acme.ron".into()), 120, 40, "");
    // Each on the last line of its goal, before the link counts.
    for (end, dots, counts) in [
        ("minute", "●12", "↑1"),
        ("this year", "●3", "↑1↓2"),
        ("year", "●1", "↓3"),
    ] {
        let line = line_with(&screen, &format!("{end} {dots} "));
        let after = &line[line.find(&format!("{end} {dots} ")).unwrap_or(0)..];
        let next = after.find('│').unwrap_or(after.len());
        assert!(
            after[..next].contains(counts),
            "{dots} then {counts}: {line}"
        );
    }
    assert_eq!(screen.matches('●').count(), 3, "{screen}");
    insta::assert_snapshot!("board_with_votes_120x40", screen);

    let unvoted = shot(
        State::new(personas::store::example(), "acme.ron".into()),
        120,
        40,
        "",
    );
    assert!(!unvoted.contains('●'), "{unvoted}");
}

#[test]
fn ascii_mode_draws_the_dots_as_stars() {
    let mut state = State::new(voted(), "acme.ron".into());
    state.ascii = true;
    let screen = shot(state, 120, 40, "");
    assert!(!screen.contains('●'), "{screen}");
    assert!(screen.contains("minute *12 "), "{screen}");
    assert!(screen.contains("this year *3 "), "{screen}");
    assert!(screen.contains("year *1 "), "{screen}");
}

#[test]
fn dots_and_counts_stay_whole_on_a_wrapped_goal_at_every_width() {
    let long = "Answer every customer question about invoices before the end of the day";
    let mut ws = Workspace::new(
        "T",
        [
            vec![Persona {
                id: "u".into(),
                name: "U".into(),
                goals: vec![Goal {
                    id: "g".into(),
                    text: long.into(),
                    votes: 123,
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            vec![],
            vec![],
        ],
    );
    ws.columns[0].push(std::sync::Arc::new(Persona {
        id: "v".into(),
        name: "Below".into(),
        ..Persona::default()
    }));
    // At each width the last line of the goal is filled differently; whatever its length, the
    // dots, the counts and the finding mark are drawn whole inside the users column.
    for width in 60..=100 {
        let screen = shot(State::new(ws.clone(), "t.ron".into()), width, 24, "j");
        let rows: Vec<&str> = screen.lines().collect();
        let column = rows[0]
            .chars()
            .position(|c| c == 'D')
            .expect("the departments header");
        let users: Vec<String> = rows
            .iter()
            .map(|l| l.chars().take(column).collect::<String>())
            .collect();
        let last = users
            .iter()
            .position(|l| l.contains("●123"))
            .unwrap_or_else(|| panic!("●123 at width {width}:\n{screen}"));
        assert!(
            users[last].trim_end().ends_with("↑0!"),
            "width {width}:\n{screen}"
        );
        // The goal is selected, so it is drawn whole: every word, then the dots.
        let shown = users[..=last].join(" ");
        for word in long.split(' ') {
            assert!(shown.contains(word), "{word} at width {width}:\n{screen}");
        }
        assert!(shown.contains("day ●123"), "width {width}:\n{screen}");
        assert!(
            users[last + 1].contains("Below"),
            "width {width}:\n{screen}"
        );
    }
}

#[test]
fn the_detail_pane_shows_the_votes_and_no_form_offers_them() {
    let mut state = State::new(voted(), "acme.ron".into());
    // The first goal of the first user: "Log every customer call in under a minute".
    let terminal = run_script(
        &mut state,
        120,
        40,
        vec![key(KeyCode::Char('i')), key(KeyCode::Down)],
    );
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("votes: 12"), "{screen}");

    // The goal's edit form has no votes field, and saving it keeps them.
    let mut state = State::new(voted(), "acme.ron".into());
    let terminal = run_script(&mut state, 120, 40, typed("je"));
    let form = screen_text(terminal.backend().buffer());
    assert!(form.contains("Metric"), "the goal form is open:\n{form}");
    assert!(!form.contains("Votes"), "{form}");
    // Committed with a changed text, the goal keeps its votes.
    let mut events = typed("je!");
    events.push(personas::app::Event::Key(
        ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('s'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        ),
    ));
    let mut state = State::new(voted(), "acme.ron".into());
    run_script(&mut state, 120, 40, events);
    let g = &state.doc.workspace().column(personas::model::Column::Users)[0].goals[0];
    assert!(
        g.text.ends_with('!'),
        "the edit was committed: {:?}",
        g.text
    );
    assert_eq!(g.votes, 12);
}

#[test]
fn every_export_shows_the_votes() {
    let ws = voted();
    let expected: [(ExportFormat, &[&str]); 8] = [
        (
            ExportFormat::Markdown,
            &["  - **Votes:** 12", "  - **Votes:** 3"],
        ),
        (ExportFormat::Html, &["<span class=\"label\">Votes:</span>"]),
        (ExportFormat::Svg, &["●12", "●3", "●1"]),
        (
            ExportFormat::Story,
            &["The room gave it 3 votes.", "The room gave it 1 vote."],
        ),
        (
            ExportFormat::Mermaid,
            &["in under a minute ●12", "this year ●3"],
        ),
        (
            ExportFormat::Dot,
            &["in under a minute ●12", "this year ●3"],
        ),
        (ExportFormat::Json, &["\"votes\": 12", "\"format\": 3"]),
        (ExportFormat::Csv, &[",metric,votes,supports,", ",12,"]),
    ];
    for (format, wanted) in expected {
        let out = render(&ws, format);
        for want in wanted {
            assert!(out.contains(want), "{format:?} shows {want:?}:\n{out}");
        }
        // Without votes, none of it.
        let plain = render(&personas::store::example(), format);
        assert!(!plain.contains('●'), "{format:?}");
        assert!(!plain.contains("Votes:"), "{format:?}");
        assert!(!plain.contains("\"votes\""), "{format:?}");
    }
    // The html page's field (its value after the label), its picture, and a chain's slide.
    let html = render(&ws, ExportFormat::Html);
    let values: Vec<&str> = html
        .split("<span class=\"label\">Votes:</span>")
        .skip(1)
        .map(|after| after.split("</p>").next().unwrap_or_default().trim())
        .collect();
    assert_eq!(values, ["12", "3", "1"], "{html}");
    assert!(html.contains("●3"));
    let slide = render_chain(&ws, ExportFormat::Svg, "sales-new-revenue").expect("a goal");
    assert!(slide.contains("●3"), "{slide}");
}

fn personas(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_csv_table_brings_the_votes_back_through_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "acme.ron", &to_ron(&voted()));
    let (code, _, err) = personas(
        d,
        &["export", "acme.ron", "--format", "csv", "-o", "acme.csv"],
    );
    assert_eq!(code, 0, "{err}");

    // A new workspace from the table: the same votes, saved as format 3.
    let (code, _, err) = personas(d, &["import", "acme.csv", "-o", "new.ron"]);
    assert_eq!(code, 0, "{err}");
    let back = load(&d.join("new.ron")).expect("valid");
    assert_eq!(back, voted());
    let text = std::fs::read_to_string(d.join("new.ron")).expect("read");
    assert!(text.contains("    format: 3,\n"), "{text}");
    assert_eq!(text.matches("votes: ").count(), 3, "{text}");

    // Edited in a spreadsheet: a cell changed, one cleared. The update says so.
    let table = std::fs::read_to_string(d.join("acme.csv")).expect("read");
    let table = table.replacen(",12,", ",20,", 1).replacen(",3,", ",,", 1);
    write(d, "edited.csv", &table);
    let (code, out, err) = personas(d, &["import", "edited.csv", "--into", "acme.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 goals created, 2 updated"), "{out}");
    let updated = load(&d.join("acme.ron")).expect("valid");
    let votes = |id: &str| {
        updated
            .goals()
            .find(|(_, _, g)| g.id == id)
            .map(|(_, _, g)| g.votes)
    };
    assert_eq!(votes("employee-log-calls"), Some(20));
    assert_eq!(votes("sales-new-revenue"), Some(0));
    assert_eq!(votes("exec-revenue-growth"), Some(1));

    // A count that is not a number is a row error naming the column; nothing is written.
    let bad = table.replacen(",20,", ",many,", 1);
    write(d, "bad.csv", &bad);
    let before = std::fs::read(d.join("acme.ron")).expect("read");
    let (code, _, err) = personas(d, &["import", "bad.csv", "--into", "acme.ron"]);
    assert_ne!(code, 0);
    assert!(err.contains("votes \"many\""), "{err}");
    assert_eq!(std::fs::read(d.join("acme.ron")).expect("read"), before);
}

#[test]
fn check_and_read_take_format_3_and_refuse_format_4() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "voted.ron", &to_ron(&voted()));
    let (code, _, err) = personas(d, &["check", "voted.ron"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = personas(d, &["read", "voted.ron"]);
    assert_eq!(code, 0, "{err}");
    let line = line_with(&out, "Log every customer call in under a minute");
    assert!(line.contains(" Votes: 12. "), "{line}");
    assert!(!out.contains('●'), "spoken, not drawn");

    let newer = to_ron(&voted()).replace("format: 3,", "format: 4,");
    write(d, "newer.ron", &newer);
    let (code, _, err) = personas(d, &["check", "newer.ron"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("format 4 is newer"), "{err}");
}

#[test]
fn a_format_1_file_gets_votes_and_becomes_format_3_then_1_again() {
    let ws = personas::store::example();
    let one = to_ron(&ws);
    assert!(one.contains("    format: 1,\n"));
    let three = to_ron(&voted());
    assert!(three.contains("    format: 3,\n"));
    let dir = tempfile::tempdir().expect("tempdir");
    let back = load(&write(dir.path(), "v.ron", &three)).expect("loads");
    assert_eq!(back, voted());
    let mut cleared = back;
    for p in cleared.personas_mut() {
        for g in &mut p.goals {
            g.votes = 0;
        }
    }
    assert_eq!(to_ron(&cleared), one);
}
