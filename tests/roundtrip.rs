//! Whatever a valid workspace holds, writing it and reading it back gives it back, and writing
//! it again gives the same bytes (SPEC §2).

use std::collections::HashSet;

use personas::model::{BuyingRole, Column, Goal, Kind, Persona, Workspace, validate};
use personas::store::{self, load, parse, save, to_ron};
use proptest::prelude::*;
use proptest::sample::Index;

// ---- Strategies ----

/// Characters that have broken writers before: quotes, backslashes, line breaks, control
/// characters, terminal escapes, bidi and invisible characters, RON punctuation, comment
/// starts, raw-string markers, multi-byte text and emoji (with a zero-width joiner).
const AWKWARD: &[char] = &[
    '"', '\\', '\'', '\n', '\r', '\t', '\0', '\u{1b}', '\u{7}', '\u{8}', '\u{7f}', '\u{85}',
    '\u{9b}', '\u{202e}', '\u{2066}', '\u{2028}', '\u{2029}', '\u{200e}', '\u{feff}', '\u{200d}',
    '\u{300}', 'é', '日', 'ß', '🦀', '👩', '💻', '/', '*', '#', 'r', '(', ')', '[', ']', '{', '}',
    ',', ':', ' ', 'u', '$', 'x',
];

fn text() -> BoxedStrategy<String> {
    let ch = prop_oneof![
        3 => prop::sample::select(AWKWARD),
        1 => any::<char>(),
    ];
    prop_oneof![
        1 => Just(String::new()),
        1 => any::<String>(),
        4 => prop::collection::vec(ch, 0..16).prop_map(|cs| cs.into_iter().collect()),
    ]
    .boxed()
}

/// Text that must not be blank (names, goal texts).
fn nonblank() -> BoxedStrategy<String> {
    text()
        .prop_map(|mut s| {
            if s.trim().is_empty() {
                s.push('n');
            }
            s
        })
        .boxed()
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

/// A goal before its id is made unique and its links are resolved.
#[derive(Debug, Clone)]
struct RawGoal {
    id: String,
    text: String,
    why: String,
    metric: String,
    supports: Vec<Index>,
}

fn raw_goal() -> impl Strategy<Value = RawGoal> {
    (
        text(),
        nonblank(),
        text(),
        text(),
        prop::collection::vec(any::<Index>(), 0..3),
    )
        .prop_map(|(id, text, why, metric, supports)| RawGoal {
            id,
            text,
            why,
            metric,
            supports,
        })
}

#[derive(Debug, Clone)]
struct RawPersona {
    persona: Persona,
    goals: Vec<RawGoal>,
}

fn raw_persona(column: Column) -> impl Strategy<Value = RawPersona> {
    let buyer = column == Column::Buyers;
    let kinds: &'static [Kind] = column.kinds();
    let buying_role = if buyer {
        prop::option::of(prop::sample::select(&BuyingRole::ALL[..])).boxed()
    } else {
        Just(None).boxed()
    };
    let buyer_lists = if buyer {
        (texts(), texts()).boxed()
    } else {
        Just((Vec::new(), Vec::new())).boxed()
    };
    (
        (
            text(),
            nonblank(),
            text(),
            prop::option::of(prop::sample::select(kinds)),
        ),
        (buying_role, text(), prop::collection::vec(raw_goal(), 0..4)),
        (texts(), text(), text(), buyer_lists),
    )
        .prop_map(
            |(
                (id, name, role, kind),
                (buying_role, summary, goals),
                (pains, quote, notes, (objections, criteria)),
            )| RawPersona {
                persona: Persona {
                    id,
                    name,
                    role,
                    kind,
                    buying_role,
                    summary,
                    goals: Vec::new(),
                    pains,
                    quote,
                    notes,
                    objections,
                    criteria,
                },
                goals,
            },
        )
}

/// A workspace that passes validation: ids made unique (`TEXT#N`, unique because N follows the
/// last `#`), every link to a goal of the next column up, no link listed twice.
fn workspace() -> impl Strategy<Value = Workspace> {
    (
        text(),
        prop::collection::vec(raw_persona(Column::Users), 0..4),
        prop::collection::vec(raw_persona(Column::Departments), 0..4),
        prop::collection::vec(raw_persona(Column::Buyers), 0..4),
    )
        .prop_map(|(title, users, departments, buyers)| {
            let mut next = 0usize;
            let mut unique = |s: &str| {
                next += 1;
                format!("{s}#{next}")
            };
            let mut raw = [users, departments, buyers];
            for column in raw.iter_mut() {
                for p in column.iter_mut() {
                    p.persona.id = unique(&p.persona.id);
                    for g in p.goals.iter_mut() {
                        g.id = unique(&g.id);
                    }
                }
            }
            let goal_ids: Vec<Vec<String>> = raw
                .iter()
                .map(|c| {
                    c.iter()
                        .flat_map(|p| p.goals.iter().map(|g| g.id.clone()))
                        .collect()
                })
                .collect();
            let mut ws = Workspace {
                title,
                columns: Default::default(),
                conflicts: Vec::new(),
            };
            for column in Column::ALL {
                let up: &[String] = column.up().map_or(&[], |u| &goal_ids[u.index()]);
                for p in &raw[column.index()] {
                    let mut persona = p.persona.clone();
                    persona.goals = p
                        .goals
                        .iter()
                        .map(|g| {
                            let mut seen = HashSet::new();
                            let supports = if up.is_empty() {
                                Vec::new()
                            } else {
                                g.supports
                                    .iter()
                                    .map(|i| i.get(up).clone())
                                    .filter(|id| seen.insert(id.clone()))
                                    .collect()
                            };
                            Goal {
                                id: g.id.clone(),
                                text: g.text.clone(),
                                why: g.why.clone(),
                                metric: g.metric.clone(),
                                supports,
                                ..Goal::default()
                            }
                        })
                        .collect();
                    ws.column_mut(column).push(persona.into());
                }
            }
            ws
        })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        // Nothing is written next to the tests; a failure prints its minimal case.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What `push_string` promises: no raw control character (other than the line ends between
/// items), bidi override or line separator ever reaches the file.
fn raw_in_file(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_workspaces_are_valid(ws in workspace()) {
        prop_assert_eq!(validate(&ws), Vec::new());
    }

    #[test]
    fn parse_reads_back_what_to_ron_wrote(ws in workspace()) {
        let text = to_ron(&ws);
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{}\n{text}", e.render("w.ron"))))?;
        prop_assert_eq!(back, ws);
        prop_assert!(!text.chars().any(raw_in_file), "raw control character in\n{}", text);
    }

    #[test]
    fn saving_again_gives_the_same_bytes(ws in workspace()) {
        let first = to_ron(&ws);
        let back = parse(&first).map_err(|e| TestCaseError::fail(e.render("w.ron")))?;
        let second = to_ron(&back);
        prop_assert_eq!(second, first);
    }

    #[test]
    fn save_then_load_gives_the_workspace_back(ws in workspace()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("w.ron");
        save(&path, &ws).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = load(&path).map_err(|e| TestCaseError::fail(e.render("w.ron")))?;
        prop_assert_eq!(&back, &ws);
        // Saving over the file writes the same bytes.
        let before = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        save(&path, &back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let after = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(before == after);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(names, vec![std::ffi::OsString::from("w.ron")], "no temporary file is left");
    }
}

// ---- Hand-written files ----

/// Only what must be there: ids, names and goal texts.
const MINIMAL: &str = r#"(
    users: [(id: "employee", name: "The Employee", goals: [(id: "log-calls", text: "Log calls")])],
    buyers: [(id: "cfo", name: "The CFO", goals: [(id: "margin", text: "Grow the margin")])],
)"#;

/// What the program writes for MINIMAL: every field, in the fixed order, one a line.
const MINIMAL_SAVED: &str = r#"// A personas workspace. Open it with: personas FILE
(
    format: 1,
    title: "",
    users: [
        (
            id: "employee",
            name: "The Employee",
            role: "",
            kind: None,
            summary: "",
            goals: [
                (
                    id: "log-calls",
                    text: "Log calls",
                    why: "",
                    metric: "",
                    supports: [],
                ),
            ],
            pains: [],
            quote: "",
            notes: "",
        ),
    ],
    departments: [
    ],
    buyers: [
        (
            id: "cfo",
            name: "The CFO",
            role: "",
            kind: None,
            buying_role: None,
            summary: "",
            goals: [
                (
                    id: "margin",
                    text: "Grow the margin",
                    why: "",
                    metric: "",
                    supports: [],
                ),
            ],
            pains: [],
            objections: [],
            criteria: [],
            quote: "",
            notes: "",
        ),
    ],
)
"#;

#[test]
fn a_minimal_hand_written_file_loads_and_is_saved_in_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    std::fs::write(&path, MINIMAL).expect("write");
    let ws = load(&path).expect("loads");
    assert_eq!(ws.column(Column::Users)[0].goals[0].text, "Log calls");
    assert_eq!(ws.column(Column::Buyers)[0].kind, None);
    assert!(ws.column(Column::Departments).is_empty());

    save(&path, &ws).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_eq!(saved, MINIMAL_SAVED);
    assert_eq!(load(&path).expect("reloads"), ws);
}

#[test]
fn a_full_hand_written_file_keeps_every_field_in_order() {
    // Fields in a shuffled order, `Some(..)` spelt out, comments and CRLF line ends: all read;
    // all written back in the one order.
    let text = "// comment\r\n(\r\n  buyers: [(\r\n    notes: \"n\", quote: \"q\", criteria: [\"c\"],\r\n    objections: [\"o\"], pains: [\"p\"], /* block */ goals: [(supports: [], metric: \"m\", why: \"w\", text: \"t\", id: \"bg\")],\r\n    summary: \"s\", buying_role: Some(DecisionMaker), kind: Some(Methodical), role: \"r\", name: \"B\", id: \"b\",\r\n  )],\r\n  departments: [(name: \"D\", id: \"d\", kind: RoleBased, goals: [(text: \"dt\", id: \"dg\", supports: [\"bg\"])])],\r\n  title: \"T\",\r\n  format: 1,\r\n)\r\n";
    let ws = parse(text).unwrap_or_else(|e| panic!("{}", e.render("w.ron")));
    let b = &ws.column(Column::Buyers)[0];
    assert_eq!(b.kind, Some(Kind::Methodical));
    assert_eq!(b.buying_role, Some(BuyingRole::DecisionMaker));
    assert_eq!(ws.column(Column::Departments)[0].goals[0].supports, ["bg"]);
    let saved = to_ron(&ws);
    let expected_buyer = r#"    buyers: [
        (
            id: "b",
            name: "B",
            role: "r",
            kind: Methodical,
            buying_role: DecisionMaker,
            summary: "s",
            goals: [
                (
                    id: "bg",
                    text: "t",
                    why: "w",
                    metric: "m",
                    supports: [],
                ),
            ],
            pains: [
                "p",
            ],
            objections: [
                "o",
            ],
            criteria: [
                "c",
            ],
            quote: "q",
            notes: "n",
        ),
    ],
)
"#;
    assert!(saved.ends_with(expected_buyer), "{saved}");
    let expected_department = r#"    departments: [
        (
            id: "d",
            name: "D",
            role: "",
            kind: RoleBased,
            summary: "",
            goals: [
                (
                    id: "dg",
                    text: "dt",
                    why: "",
                    metric: "",
                    supports: [
                        "bg",
                    ],
                ),
            ],
"#;
    assert!(saved.contains(expected_department), "{saved}");
    assert!(saved.starts_with("// A personas workspace. Open it with: personas FILE\n(\n    format: 1,\n    title: \"T\",\n"));
    assert!(!saved.contains('\r'));
    assert!(!saved.contains("comment"));
    assert_eq!(parse(&saved).expect("reparses"), ws);
}

#[test]
fn the_bundled_example_round_trips() {
    let ws = parse(store::EXAMPLE).unwrap_or_else(|e| panic!("{}", e.render("example.ron")));
    assert!(ws.goal_count() > 0);
    let text = to_ron(&ws);
    assert_eq!(parse(&text).expect("reparses"), ws);
    assert_eq!(to_ron(&parse(&text).expect("reparses")), text);
}

fn one_of_everything(s: &str) -> Workspace {
    Workspace::new(
        s,
        [
            vec![Persona {
                id: format!("{s}#1"),
                name: format!("{s}n"),
                role: s.into(),
                summary: s.into(),
                pains: vec![s.into(), s.into()],
                quote: s.into(),
                notes: s.into(),
                goals: vec![Goal {
                    id: format!("{s}#2"),
                    text: format!("{s}t"),
                    why: s.into(),
                    metric: s.into(),
                    supports: vec![],
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            vec![],
            vec![],
        ],
    )
}

#[test]
fn awkward_strings_survive_exactly() {
    let nasty = [
        "",
        " ",
        "\"",
        "\\",
        "\\\"",
        "\"#",
        "r#\"raw\"#",
        "// not a comment",
        "/* nor this */",
        "line one\nline two\r\nline three",
        "\u{1b}]0;pwned\u{7}\u{1b}[2J",
        "\u{0}\u{1}\u{1f}\u{7f}\u{80}\u{9f}",
        "\u{202e}evil\u{2066}\u{2069}\u{2028}\u{2029}",
        "\u{feff}bom \u{200b}zw \u{200d}",
        "👩\u{200d}💻 🦀 日本語 é e\u{301}",
        "\u{10ffff}\u{e000}\u{fffd}",
        "\\u{41}",
        "$'{}[](),:",
    ];
    for s in nasty {
        let ws = one_of_everything(s);
        let text = to_ron(&ws);
        let back = parse(&text).unwrap_or_else(|e| panic!("{s:?}: {}", e.render("w.ron")));
        assert_eq!(back, ws, "{s:?}");
        assert!(!text.chars().any(raw_in_file), "{s:?}: {text}");
        // Every item stays on its own line: the line count does not depend on the text.
        let plain = to_ron(&one_of_everything("x"));
        assert_eq!(text.lines().count(), plain.lines().count(), "{s:?}");
    }
}
