//! `personas read FILE` (SPEC §13): the whole workspace as sentences, on the example and on a
//! hostile file. Every goal's text appears whole (made visible), nothing is box drawing or a
//! symbol a speech synthesizer reads badly, and the exit codes are `check`'s.

mod common;

use std::process::Command;

use common::pty::{BIN, Place};
use personas::model::{Column, Goal, Persona, Workspace};
use personas::store::{self, EXAMPLE};
use personas::text::{is_unsafe, visible};

fn read(file: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg("read")
        .arg(file)
        .env("HOME", "/nonexistent-home")
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Box drawing, block elements, arrows and the board's marks.
fn is_symbol(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{259f}' | '\u{2190}'..='\u{21ff}' | '◆' | '◇' | '●' | '○' | '✓' | '✗')
}

fn assert_speakable(text: &str) {
    for (n, line) in text.lines().enumerate() {
        assert!(
            !line.chars().any(|c| is_unsafe(c) || is_symbol(c)),
            "line {} holds a control character or a symbol: {line:?}",
            n + 1
        );
    }
}

#[test]
fn the_example_reads_as_headings_and_sentences() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let (code, out, err) = read(&file);
    assert_eq!(code, 0, "{err}");
    let ws = store::example();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], ws.title);
    assert!(lines[1].starts_with("Chain coverage: "), "{out}");
    for column in Column::ALL {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{column}: "))),
            "{column}"
        );
    }
    // Piped: no wrapping, so each goal is one line holding its whole text, why and metric.
    for (_, persona, goal) in ws.goals() {
        let line = lines
            .iter()
            .find(|l| l.contains(&format!("persona {}: {}", persona.name, goal.text)))
            .unwrap_or_else(|| panic!("goal {:?} is read whole", goal.text));
        assert!(line.starts_with("Goal "), "{line}");
        assert!(line.contains(&goal.metric), "{line}");
        assert!(line.contains(&goal.why), "{line}");
    }
    // The one unlinked user goal of the example says so in words.
    let phone = lines
        .iter()
        .find(|l| l.contains("Update deals from my phone"))
        .expect("the phone goal");
    assert!(
        phone.contains("Supports nothing. Finding: unlinked user goal."),
        "{phone}"
    );
    let findings = lines
        .iter()
        .position(|l| l.starts_with("Findings: "))
        .expect("findings");
    assert!(
        lines[findings + 1..]
            .iter()
            .any(|l| l.starts_with("Unlinked user goal: "))
    );
    assert_speakable(&out);
}

#[test]
fn a_department_goal_says_what_it_supports_and_what_supports_it() {
    let place = Place::new();
    let (_, out, _) = read(&place.example("acme.ron"));
    let line = out
        .lines()
        .find(|l| l.contains("Grow new-business revenue 20% this year. Why"))
        .expect("the sales goal");
    assert!(
        line.contains(
            "Supports 1: Grow annual revenue 15% year over year (of Executive Leadership)."
        ),
        "{line}"
    );
    assert!(line.contains("Supported by 2: "), "{line}");
    assert!(
        line.contains("Log every customer call in under a minute (of The Employee)"),
        "{line}"
    );
}

const PAYLOADS: [&str; 5] = [
    "\u{1b}]0;PWN\u{7}",
    "\u{1b}[2J",
    "\u{7}",
    "\u{202e}\u{2066}",
    "\u{9b}2J",
];

fn hostile() -> Workspace {
    let persona = |id: &str, name: &str, goals: Vec<Goal>| Persona {
        id: id.into(),
        name: name.into(),
        role: format!("role{}", PAYLOADS[1]),
        summary: format!("summary{}", PAYLOADS[0]),
        goals,
        pains: vec![format!("pain{}", PAYLOADS[2])],
        ..Persona::default()
    };
    let goal = |id: &str, n: usize, supports: &[&str]| Goal {
        id: id.into(),
        text: format!("goal{n} {} end{n}", PAYLOADS[n % PAYLOADS.len()]),
        why: format!("why{}", PAYLOADS[3]),
        metric: format!("metric{}", PAYLOADS[4]),
        supports: supports.iter().map(|s| s.to_string()).collect(),
        ..Goal::default()
    };
    Workspace::new(
        format!("title{}", PAYLOADS[0]),
        [
            vec![persona(
                "u",
                &format!("User{}", PAYLOADS[3]),
                vec![goal("u1", 0, &["d1"]), goal("u2", 1, &[])],
            )],
            vec![persona(
                "d",
                &format!("Dept{}", PAYLOADS[2]),
                vec![goal("d1", 2, &["b1"])],
            )],
            vec![persona(
                "b",
                &format!("Buyer{}", PAYLOADS[1]),
                vec![goal("b1", 3, &[]), goal("b2", 4, &[])],
            )],
        ],
    )
}

#[test]
fn a_hostile_file_reads_whole_with_every_control_character_visible() {
    let place = Place::new();
    let ws = hostile();
    let file = place.path("evil.ron");
    std::fs::write(&file, store::to_ron(&ws)).expect("write");
    let (code, out, err) = read(&file);
    assert_eq!(code, 0, "{err}");
    assert_speakable(&out);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
    for (_, persona, goal) in ws.goals() {
        let text = visible(&goal.text).into_owned();
        let line = out
            .lines()
            .find(|l| l.contains(&format!("persona {}: {text}", visible(&persona.name))))
            .unwrap_or_else(|| panic!("{text:?} is read whole:\n{out}"));
        assert!(line.starts_with("Goal "), "{line}");
        assert!(line.contains(&*visible(&goal.metric)), "{line}");
    }
    assert!(out.contains("␛]0;PWN␇"), "{out}");
    assert!(
        out.lines().next().is_some_and(|l| l == "title␛]0;PWN␇"),
        "{out}"
    );
}

#[test]
fn exit_codes_are_those_of_check() {
    let place = Place::new();
    let (code, out, err) = read(&place.path("missing.ron"));
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("missing.ron"), "{err}");
    let bad = place.path("bad.ron");
    std::fs::write(
        &bad,
        EXAMPLE.replacen("\"sales-new-revenue\",", "\"nowhere\",", 1),
    )
    .expect("write");
    let (code, _, err) = read(&bad);
    assert_eq!(code, 1, "an invalid workspace: {err}");
    assert!(err.contains("nowhere"), "{err}");
}
