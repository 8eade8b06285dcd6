//! The csv table round trip (SPEC §10): a workspace exported with `--format csv` and imported
//! back is the same workspace, and saving it gives the same bytes — for generated workspaces
//! with awkward text put into every kind of field, and through the real binary.

use assert_cmd::Command;
use personas::export::{ExportFormat, render};
use personas::import::{Mapping, import_bytes};
use personas::model::generate::{Size, generate};
use personas::model::{Column, Workspace, validate};
use personas::store::to_ron;
use proptest::prelude::*;

/// Characters that break careless csv writers and readers: the delimiter, quotes, both line
/// ends, `;` (the supports separator), tabs, a byte order mark, multi-byte text, and the starts
/// of a formula and `'`, which the export guards with a `'` that the import takes off again.
/// Not other control characters: the export writes those as placeholders (tests/csv_injection.rs).
const AWKWARD: &[char] = &[
    ',', '"', '\n', '\r', ';', '\t', ' ', '\u{feff}', 'é', '日', '🦀', 'a', 'Z', '=', '+', '-',
    '@', '\'',
];

fn awkward() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(AWKWARD), 1..12)
        .prop_map(|cs| cs.into_iter().collect())
}

/// What a list item may hold: anything but a line break (items are one a line).
fn item(s: &str) -> String {
    let s: String = s.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    if s.trim().is_empty() {
        format!("{s}x")
    } else {
        s
    }
}

/// A generated workspace with awkward text in every kind of field, and one persona of each
/// column left without goals (its goals' links removed first, so it stays valid).
fn awkward_workspace(seed: u64, texts: &[String]) -> Workspace {
    let mut ws = generate(Size::S, seed);
    let mut next = texts.iter().cycle();
    let mut take = || next.next().cloned().unwrap_or_default();
    ws.title = format!("{} title", take());
    for column in Column::ALL {
        let personas = ws.column_mut(column);
        let p = std::sync::Arc::make_mut(&mut personas[(seed as usize) % 7]);
        p.name = format!("{}{}", item(&take()), p.name);
        p.role = take();
        p.summary = take();
        p.quote = take();
        p.notes = take();
        p.pains = vec![item(&take()), item(&take())];
        if column == Column::Buyers {
            p.objections = vec![item(&take())];
            p.criteria = vec![item(&take()), item(&take())];
        }
        let g = &mut p.goals[1];
        g.text = format!("{}{}", take(), g.text);
        g.why = take();
        g.metric = take();
    }
    for column in Column::ALL {
        let gone: Vec<String> = ws.column(column)[8]
            .goals
            .iter()
            .map(|g| g.id.clone())
            .collect();
        for c in Column::ALL {
            for p in ws.column_mut(c) {
                for g in &mut std::sync::Arc::make_mut(p).goals {
                    g.supports.retain(|s| !gone.contains(s));
                }
            }
        }
        std::sync::Arc::make_mut(&mut ws.column_mut(column)[8])
            .goals
            .clear();
    }
    ws
}

fn imported(table: &str) -> Workspace {
    let base = Workspace {
        title: "not this one".into(),
        ..Workspace::default()
    };
    match import_bytes(table.as_bytes(), base, &Mapping::default()) {
        Ok(outcome) => outcome.workspace,
        Err(errors) => panic!("import failed: {errors:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_workspace_and_bytes(
        seed in 0u64..10_000,
        texts in prop::collection::vec(awkward(), 8..24),
    ) {
        let ws = awkward_workspace(seed, &texts);
        prop_assert!(validate(&ws).is_empty());
        let table = render(&ws, ExportFormat::Csv);
        let back = imported(&table);
        prop_assert_eq!(&back, &ws);
        prop_assert_eq!(to_ron(&back), to_ron(&ws));
        // And importing it into itself changes nothing.
        let again = import_bytes(table.as_bytes(), ws.clone(), &Mapping::default())
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(again.changes.is_empty(), "{:?}", again.changes);
    }
}

#[test]
fn the_example_and_a_generated_workspace_round_trip_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let personas = || {
        let mut cmd = Command::cargo_bin("personas").expect("binary");
        cmd.current_dir(dir.path())
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"));
        cmd
    };
    personas().args(["new", "ex.ron"]).assert().success();
    personas()
        .args(["generate", "--size", "S", "--seed", "5", "-o", "gen.ron"])
        .assert()
        .success();
    for name in ["ex", "gen"] {
        let ron = format!("{name}.ron");
        let csv = format!("{name}.csv");
        let back = format!("{name}-back.ron");
        personas()
            .args(["export", &ron, "--format", "csv", "-o", &csv])
            .assert()
            .success();
        personas()
            .args(["import", &csv, "-o", &back])
            .assert()
            .success();
        let original = std::fs::read(dir.path().join(&ron)).expect("original");
        let again = std::fs::read(dir.path().join(&back)).expect("imported");
        assert!(original == again, "{name}: the imported file differs");
        // With a byte order mark for Excel, too.
        let bom = format!("{name}-bom.csv");
        personas()
            .args(["export", &ron, "--format", "csv", "--bom", "-o", &bom])
            .assert()
            .success();
        let with_bom = std::fs::read(dir.path().join(&bom)).expect("bom");
        assert!(with_bom.starts_with("\u{feff}column,".as_bytes()));
        let out = personas()
            .args(["import", &bom, "--into", &ron])
            .assert()
            .success();
        let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(said.contains("unchanged"), "{said}");
        assert!(original == std::fs::read(dir.path().join(&ron)).expect("kept"));
    }
}

/// The columns of `table` in another order (cell `order[i]` of each row becomes cell `i`), with
/// the headers in another spelling.
fn reordered(table: &str, order: &[usize], header: impl Fn(&str) -> String) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(table.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for (n, record) in reader.records().enumerate() {
        let record = record.expect("a record");
        let cells = order.iter().map(|&i| {
            let cell = record.get(i).unwrap_or_default();
            if n == 0 {
                header(cell)
            } else {
                cell.to_string()
            }
        });
        writer.write_record(cells).expect("write");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

#[test]
fn shuffled_columns_with_headers_spelled_otherwise_import_the_same() {
    let ws = awkward_workspace(3, &["a, \"b\"".into(), "c\nd".into(), " e ".into()]);
    let table = render(&ws, ExportFormat::Csv);
    let width = table.lines().next().expect("header").split(',').count();
    let reversed: Vec<usize> = (0..width).rev().collect();
    let rotated: Vec<usize> = (0..width).map(|i| (i + 7) % width).collect();
    let upper = |h: &str| h.to_uppercase().replace('_', " ");
    let spaced = |h: &str| format!("  {} ", h.replace('_', "-"));
    for (order, header) in [
        (&reversed, &upper as &dyn Fn(&str) -> String),
        (&rotated, &spaced),
    ] {
        let shuffled = reordered(&table, order, header);
        assert_ne!(shuffled, table);
        let back = imported(&shuffled);
        assert_eq!(back, ws);
        assert_eq!(to_ron(&back), to_ron(&ws));
    }
}
