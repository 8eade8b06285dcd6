//! Bad input of every kind gets a clear, located error and never a panic (SPEC §7).
//!
//! Each committed file in `tests/bad_files/` holds one failure. Every test loads a file through
//! `store::load`, checks the exact `LoadError` (with the line:col RON gives, checked by hand
//! against the file), checks that the rendered message names the bad field, id, persona or goal,
//! and checks that loading left the file's bytes alone. The huge and deeply nested inputs are
//! generated into a temporary directory instead of being committed.

use std::path::{Path, PathBuf};

use personas::model::{Column, ValidationError};
use personas::store::load::{Located, MAX_FILE_BYTES};
use personas::store::{LoadError, load};

/// Every file of the corpus; `corpus_is_complete` keeps this list and the directory in step.
const CORPUS: &[&str] = &[
    "binary_garbage.bin",
    "buyer_kind_on_user.ron",
    "buying_role_on_user.ron",
    "control_garbage.bin",
    "department_supports_user.ron",
    "duplicate_field.ron",
    "duplicate_goal_id.ron",
    "duplicate_link.ron",
    "duplicate_persona_id.ron",
    "empty.ron",
    "empty_goal_id.ron",
    "empty_name.ron",
    "empty_persona_id.ron",
    "format_out_of_range.ron",
    "format_zero.ron",
    "goal_without_text.ron",
    "invalid_utf8.ron",
    "newer_format.ron",
    "several_errors.ron",
    "supports_missing_goal.ron",
    "syntax_missing_bracket.ron",
    "syntax_missing_comma.ron",
    "trailing_characters.ron",
    "unknown_field_goal.ron",
    "unknown_field_persona.ron",
    "unknown_field_top.ron",
    "unterminated_string.ron",
    "user_supports_buyer.ron",
    "wrong_type.ron",
];

fn corpus_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_files")
        .join(name)
}

/// The rendered message must be safe to print: no control character but the line ends, no bidi
/// override or other invisible format character.
fn assert_printable(rendered: &str) {
    let bad: Vec<char> = rendered
        .chars()
        .filter(|c| *c != '\n' && personas::text::is_unsafe(*c))
        .collect();
    assert!(bad.is_empty(), "unsafe characters {bad:?} in {rendered:?}");
}

/// Loads a path that must fail; checks the file is unchanged and the message printable.
fn load_err_at(path: &Path) -> (LoadError, String) {
    let before = std::fs::read(path).expect("read before");
    let err = match load(path) {
        Ok(ws) => panic!("{} loaded: {ws:?}", path.display()),
        Err(err) => err,
    };
    let after = std::fs::read(path).expect("read after");
    assert!(before == after, "loading changed {}", path.display());
    let rendered = err.render("w.ron");
    assert_printable(&rendered);
    (err, rendered)
}

/// Loads a committed corpus file that must fail.
fn load_err(name: &str) -> (LoadError, String) {
    load_err_at(&corpus_path(name))
}

/// The line, column and message of a RON error; panics for any other variant.
fn parse_error(err: &LoadError) -> (usize, usize, &str) {
    match err {
        LoadError::Parse {
            line, col, message, ..
        } => (*line, *col, message.as_str()),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// The validation errors; panics for any other variant.
fn invalid(err: &LoadError) -> &[Located] {
    match err {
        LoadError::Invalid(errors) => errors,
        other => panic!("expected validation errors, got {other:?}"),
    }
}

fn at(line: usize, error: ValidationError) -> Located {
    Located {
        error,
        line: Some(line),
    }
}

fn contains_all(rendered: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            rendered.contains(needle),
            "{needle:?} missing from:\n{rendered}"
        );
    }
}

#[test]
fn corpus_is_complete() {
    let mut found: Vec<String> = std::fs::read_dir(corpus_path(""))
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found, CORPUS,
        "add new bad files to CORPUS and give them a test"
    );
}

#[test]
fn every_corpus_file_fails_without_touching_the_file() {
    for name in CORPUS {
        let (err, rendered) = load_err(name);
        assert!(!err.is_unreadable(), "{name}: {err:?}");
        assert!(rendered.starts_with("w.ron"), "{name}: {rendered}");
        assert!(rendered.contains("error"), "{name}: {rendered}");
    }
}

// ---- RON syntax ----

#[test]
fn missing_comma() {
    let (err, rendered) = load_err("syntax_missing_comma.ron");
    let (line, col, message) = parse_error(&err);
    // The comma after `title: "Missing comma"` is missing; RON notices at `users` on line 4.
    assert_eq!((line, col), (4, 5));
    assert_eq!(message, "Expected comma");
    assert!(
        rendered.starts_with("w.ron:4:5: error: Expected comma\n 4 |     users: [],\n   |     ^\n"),
        "{rendered}"
    );
}

#[test]
fn missing_bracket() {
    let (err, rendered) = load_err("syntax_missing_bracket.ron");
    let (line, col, message) = parse_error(&err);
    // `users: [` is never closed: the `)` on line 9 comes where a persona or `]` should be.
    assert_eq!((line, col), (9, 1));
    assert!(message.contains("Expected opening `(`"), "{message}");
    contains_all(&rendered, &["w.ron:9:1: error:", " 9 | )\n   | ^\n"]);
}

#[test]
fn unterminated_string() {
    let (err, rendered) = load_err("unterminated_string.ron");
    let (line, col, message) = parse_error(&err);
    // Points at the opening quote of the string that never ends.
    assert_eq!((line, col), (3, 12));
    assert_eq!(message, "Expected end of string");
    contains_all(&rendered, &["w.ron:3:12: error: Expected end of string"]);
}

#[test]
fn trailing_characters() {
    let (err, rendered) = load_err("trailing_characters.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (4, 2));
    assert!(message.contains("trailing characters"), "{message}");
    contains_all(&rendered, &["w.ron:4:2: error:", " 4 | ))\n   |  ^\n"]);
}

#[test]
fn empty_file() {
    let (err, rendered) = load_err("empty.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (1, 1));
    assert!(message.contains("Expected opening `(`"), "{message}");
    contains_all(&rendered, &["w.ron:1:1: error:"]);
}

#[test]
fn binary_garbage_is_not_utf8() {
    // A gzip header: 0x1f is ASCII, 0x8b (column 2) is not valid UTF-8.
    let (err, rendered) = load_err("binary_garbage.bin");
    assert!(
        matches!(err, LoadError::NotUtf8 { line: 1, col: 2 }),
        "{err:?}"
    );
    contains_all(&rendered, &["w.ron:1:2: error:", "not UTF-8"]);
}

#[test]
fn control_garbage_is_shown_safely() {
    // Valid UTF-8 full of NULs and terminal escape sequences: a parse error at 1:1, and the
    // offending line is echoed with placeholders, never the raw escapes.
    let (err, rendered) = load_err("control_garbage.bin");
    let (line, col, _) = parse_error(&err);
    assert_eq!((line, col), (1, 1));
    contains_all(&rendered, &["w.ron:1:1: error:", "␛[2J␛]0;pwned␇"]);
}

#[test]
fn invalid_utf8_gives_line_and_column() {
    // `title: "Caf\xe9` — Latin-1 é, the 16th character of line 3.
    let (err, rendered) = load_err("invalid_utf8.ron");
    assert!(
        matches!(err, LoadError::NotUtf8 { line: 3, col: 16 }),
        "{err:?}"
    );
    contains_all(&rendered, &["w.ron:3:16: error:", "not UTF-8"]);
}

// ---- Shape: unknown, missing, duplicate or mistyped fields ----

#[test]
fn unknown_field_at_top_level() {
    let (err, rendered) = load_err("unknown_field_top.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (3, 5));
    assert!(message.contains("`titel`"), "{message}");
    contains_all(
        &rendered,
        &[
            "w.ron:3:5: error:",
            "`titel`",
            "`title`",
            " 3 |     titel: \"Acme CRM\",",
        ],
    );
}

#[test]
fn unknown_field_in_a_user() {
    // Only buyers have objections.
    let (err, rendered) = load_err("unknown_field_persona.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (8, 13));
    assert!(message.contains("`objections`"), "{message}");
    contains_all(&rendered, &["w.ron:8:13: error:", "`objections`"]);
}

#[test]
fn buying_role_on_a_department() {
    // Only buyers have a buying role.
    let (err, rendered) = load_err("buying_role_on_user.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (8, 13));
    assert!(message.contains("`buying_role`"), "{message}");
    contains_all(&rendered, &["w.ron:8:13: error:", "`buying_role`"]);
}

#[test]
fn unknown_field_in_a_goal() {
    let (err, rendered) = load_err("unknown_field_goal.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (12, 21));
    assert!(message.contains("`deadline`"), "{message}");
    contains_all(
        &rendered,
        &["w.ron:12:21: error:", "`deadline`", "`supports`"],
    );
}

#[test]
fn buyer_kind_on_a_user() {
    let (err, rendered) = load_err("buyer_kind_on_user.ron");
    let (line, col, message) = parse_error(&err);
    // Points at the variant, after `kind: `.
    assert_eq!((line, col), (8, 19));
    assert!(message.contains("`Competitive`"), "{message}");
    contains_all(
        &rendered,
        &["w.ron:8:19: error:", "`Competitive`", "`GoalDirected`"],
    );
}

#[test]
fn goal_without_text() {
    let (err, rendered) = load_err("goal_without_text.ron");
    let (line, col, message) = parse_error(&err);
    // RON notices at the goal's closing parenthesis.
    assert_eq!((line, col), (12, 17));
    assert!(message.contains("`text`"), "{message}");
    contains_all(
        &rendered,
        &["w.ron:12:17: error:", "missing field", "`text`"],
    );
}

#[test]
fn duplicate_field() {
    let (err, rendered) = load_err("duplicate_field.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (4, 5));
    assert!(message.contains("duplicate field"), "{message}");
    contains_all(&rendered, &["w.ron:4:5: error:", "`title`"]);
}

#[test]
fn wrong_type_for_a_field() {
    // `pains` is a list, not a string.
    let (err, rendered) = load_err("wrong_type.ron");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (8, 19));
    assert!(message.contains('['), "{message}");
    contains_all(
        &rendered,
        &[
            "w.ron:8:19: error:",
            " 8 |             pains: \"Double entry\",",
        ],
    );
}

// ---- Format version ----

#[test]
fn newer_format_is_refused_by_its_version() {
    // The file also has a field this program does not know; the version is what is reported.
    let (err, rendered) = load_err("newer_format.ron");
    assert!(
        matches!(err, LoadError::NewerFormat { found: 3 }),
        "{err:?}"
    );
    contains_all(&rendered, &["w.ron: error:", "format 3", "newer"]);
}

#[test]
fn format_zero_is_unknown() {
    let (err, rendered) = load_err("format_zero.ron");
    assert!(
        matches!(err, LoadError::UnknownFormat { found: 0 }),
        "{err:?}"
    );
    contains_all(&rendered, &["w.ron: error:", "format 0"]);
}

#[test]
fn format_out_of_range() {
    let (err, rendered) = load_err("format_out_of_range.ron");
    let (line, col, _) = parse_error(&err);
    assert_eq!((line, col), (2, 13));
    contains_all(&rendered, &["w.ron:2:13: error:", "4294967296"]);
}

// ---- Validation: ids, names and links ----

#[test]
fn duplicate_persona_id() {
    let (err, rendered) = load_err("duplicate_persona_id.ron");
    assert_eq!(
        invalid(&err),
        [at(
            12,
            ValidationError::DuplicateId {
                id: "employee".into(),
                first: "user persona \"employee\" (\"The Employee\")".into(),
                second: "department persona \"employee\" (\"Employee department\")".into(),
            }
        )]
    );
    contains_all(
        &rendered,
        &["w.ron:12: error:", "\"employee\"", "Employee department"],
    );
}

#[test]
fn duplicate_goal_id() {
    let (err, rendered) = load_err("duplicate_goal_id.ron");
    let errors = invalid(&err);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        matches!(&errors[0].error, ValidationError::DuplicateId { id, .. } if id == "log-calls"),
        "{errors:?}"
    );
    // The second `id: "log-calls"`.
    assert_eq!(errors[0].line, Some(14));
    contains_all(
        &rendered,
        &["w.ron:14: error:", "\"log-calls\"", "\"employee\""],
    );
}

#[test]
fn supports_names_a_missing_goal() {
    let (err, rendered) = load_err("supports_missing_goal.ron");
    assert_eq!(
        invalid(&err),
        [at(
            13,
            ValidationError::MissingGoal {
                persona: "employee".into(),
                goal: "employee-log-calls".into(),
                target: "sales-revenue".into(),
            }
        )]
    );
    contains_all(
        &rendered,
        &[
            "w.ron:13: error:",
            "\"employee-log-calls\"",
            "\"sales-revenue\"",
            "not a goal",
        ],
    );
}

#[test]
fn user_goal_supporting_a_buyer_goal_skips_a_layer() {
    let (err, rendered) = load_err("user_supports_buyer.ron");
    assert_eq!(
        invalid(&err),
        [at(
            13,
            ValidationError::WrongColumn {
                persona: "employee".into(),
                goal: "employee-log-calls".into(),
                target: "cfo-margin".into(),
                from: Column::Users,
                to: Column::Buyers,
            }
        )]
    );
    contains_all(
        &rendered,
        &[
            "w.ron:13: error:",
            "\"employee-log-calls\"",
            "\"cfo-margin\"",
            "Departments",
        ],
    );
}

#[test]
fn department_goal_supporting_a_user_goal_points_down() {
    let (err, rendered) = load_err("department_supports_user.ron");
    assert_eq!(
        invalid(&err),
        [at(
            25,
            ValidationError::WrongColumn {
                persona: "sales".into(),
                goal: "sales-revenue".into(),
                target: "employee-log-calls".into(),
                from: Column::Departments,
                to: Column::Users,
            }
        )]
    );
    contains_all(
        &rendered,
        &[
            "w.ron:25: error:",
            "\"sales-revenue\"",
            "\"employee-log-calls\"",
        ],
    );
}

#[test]
fn the_same_link_twice() {
    let (err, rendered) = load_err("duplicate_link.ron");
    assert_eq!(
        invalid(&err),
        [at(
            13,
            ValidationError::DuplicateLink {
                persona: "sales".into(),
                goal: "sales-revenue".into(),
                target: "cfo-margin".into(),
            }
        )]
    );
    contains_all(
        &rendered,
        &["w.ron:13: error:", "\"cfo-margin\"", "more than once"],
    );
}

#[test]
fn empty_persona_id() {
    let (err, rendered) = load_err("empty_persona_id.ron");
    assert_eq!(
        invalid(&err),
        [Located {
            error: ValidationError::EmptyPersonaId {
                column: Column::Users,
                position: 1,
                name: "Nameless Id".into(),
            },
            line: None,
        }]
    );
    contains_all(&rendered, &["w.ron: error:", "\"Nameless Id\"", "empty id"]);
}

#[test]
fn empty_goal_id() {
    let (err, rendered) = load_err("empty_goal_id.ron");
    assert_eq!(
        invalid(&err),
        [Located {
            error: ValidationError::EmptyGoalId {
                persona: "employee".into(),
                position: 1,
                text: "Log every call".into(),
            },
            line: None,
        }]
    );
    contains_all(
        &rendered,
        &[
            "w.ron: error:",
            "\"employee\"",
            "\"Log every call\"",
            "empty id",
        ],
    );
}

#[test]
fn empty_name() {
    // A name of spaces only is empty.
    let (err, rendered) = load_err("empty_name.ron");
    assert_eq!(
        invalid(&err),
        [at(
            6,
            ValidationError::EmptyName {
                column: Column::Buyers,
                persona: "cfo".into(),
            }
        )]
    );
    contains_all(&rendered, &["w.ron:6: error:", "\"cfo\"", "empty name"]);
}

#[test]
fn several_errors_are_all_reported() {
    let (err, rendered) = load_err("several_errors.ron");
    let expected = [
        at(
            6,
            ValidationError::EmptyName {
                column: Column::Users,
                persona: "employee".into(),
            },
        ),
        at(
            20,
            ValidationError::DuplicateId {
                id: "employee".into(),
                first: "user persona \"employee\" (\"\")".into(),
                second: "user persona \"employee\" (\"Second employee\")".into(),
            },
        ),
        at(
            30,
            ValidationError::EmptyGoalText {
                persona: "sales".into(),
                goal: "sales-revenue".into(),
            },
        ),
        at(
            13,
            ValidationError::MissingGoal {
                persona: "employee".into(),
                goal: "employee-log-calls".into(),
                target: "ghost-goal".into(),
            },
        ),
        at(
            14,
            ValidationError::WrongColumn {
                persona: "employee".into(),
                goal: "employee-log-calls".into(),
                target: "cfo-margin".into(),
                from: Column::Users,
                to: Column::Buyers,
            },
        ),
        at(
            33,
            ValidationError::WrongColumn {
                persona: "sales".into(),
                goal: "sales-revenue".into(),
                target: "employee-log-calls".into(),
                from: Column::Departments,
                to: Column::Users,
            },
        ),
        at(
            48,
            ValidationError::WrongColumn {
                persona: "cfo".into(),
                goal: "cfo-margin".into(),
                target: "sales-revenue".into(),
                from: Column::Buyers,
                to: Column::Departments,
            },
        ),
    ];
    assert_eq!(invalid(&err), expected);
    assert_eq!(err.to_string(), "7 error(s) in the workspace");
    // One line per error, each starting with the file and line.
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines.len(), 7, "{rendered}");
    for (line, located) in lines.iter().zip(&expected) {
        let prefix = format!("w.ron:{}: error: ", located.line.expect("line"));
        assert!(line.starts_with(&prefix), "{line}");
    }
    contains_all(
        &rendered,
        &[
            "\"ghost-goal\"",
            "\"cfo-margin\"",
            "\"sales-revenue\"",
            "\"Second employee\"",
        ],
    );
}

#[test]
fn hostile_ids_are_rendered_safely() {
    // Ids and names are echoed in messages: escapes and bidi overrides must not reach the
    // terminal raw.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    let id = r#"\u{1b}]0;pwned\u{7}\u{202e}evil\u{feff}"#;
    std::fs::write(
        &path,
        format!("(users: [(id: \"{id}\", name: \"\\u{{1b}}[2J\"), (id: \"{id}\", name: \"\")])"),
    )
    .expect("write");
    let (err, rendered) = load_err_at(&path);
    assert_eq!(invalid(&err).len(), 2, "{err:?}");
    assert!(rendered.contains("pwned"), "{rendered}");
}

// ---- Unreadable files ----

#[test]
fn missing_file_and_directory_are_io_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.ron");
    let err = load(&missing).expect_err("missing file");
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    assert!(err.is_unreadable());
    assert!(
        err.render("nope.ron")
            .starts_with("nope.ron: error: cannot read")
    );
    assert!(!missing.exists(), "load must not create the file");

    let err = load(dir.path()).expect_err("directory");
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    assert!(err.is_unreadable());
}

// ---- Generated: deep nesting and huge files ----

#[test]
fn nested_brackets_do_not_overflow_the_stack() {
    const N: usize = 100_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deep.ron");
    let cases: [(String, (usize, usize)); 7] = [
        ("[".repeat(N), (1, 1)),
        ("(".repeat(N), (1, 2)),
        (
            format!("(format: 1, users: {}{})", "[".repeat(N), "]".repeat(N)),
            (1, 21),
        ),
        (format!("(format: 1, users: [{}", "(".repeat(N)), (1, 22)),
        // Balanced nesting in a field nobody knows: the version probe skips over it.
        (
            format!("(format: 1, extra: {}{})", "[".repeat(N), "]".repeat(N)),
            (1, 13),
        ),
        (
            format!(
                "(format: 1, extra: {}{})",
                "{".repeat(10 * N),
                "}".repeat(10 * N)
            ),
            (1, 13),
        ),
        (
            format!(
                "(format: 1, title: {}\"t\"{})",
                "Some(".repeat(N),
                ")".repeat(N)
            ),
            // RON's span for this one starts at the space before `Some(`.
            (1, 19),
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&path, &text).expect("write");
        let (err, rendered) = load_err_at(&path);
        let (line, col, _) = parse_error(&err);
        assert_eq!((line, col), expected, "{}", &text[..40]);
        assert!(rendered.starts_with(&format!("w.ron:{line}:{col}: error: ")));
    }
}

#[test]
fn a_50_mb_string() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    let big = "x".repeat(50 << 20);

    // A 50 MB title is under the size limit: it loads, whole.
    std::fs::write(&path, format!("(format: 1, title: \"{big}\")")).expect("write");
    let ws = load(&path).expect("a 50 MB title loads");
    assert_eq!(ws.title.len(), big.len());
    drop(ws);

    // A 50 MB string that never ends: located at its opening quote.
    std::fs::write(&path, format!("(format: 1,\n title: \"{big}")).expect("write");
    let err = load(&path).expect_err("unterminated");
    assert_eq!(parse_error(&err).0, 2);
    assert_eq!(parse_error(&err).1, 9);
    assert_eq!(err.to_string(), "2:9: Expected end of string");

    // A 50 MB value of a field nobody knows: the field is named.
    std::fs::write(&path, format!("(format: 1,\n extra: \"{big}\")")).expect("write");
    let err = load(&path).expect_err("unknown field");
    let (line, col, message) = parse_error(&err);
    assert_eq!((line, col), (2, 2));
    assert!(message.contains("`extra`"), "{message}");
}

#[test]
fn files_over_the_limit_are_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    // Sparse: takes no disk space, and load must refuse it by its size before reading it.
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES + 1).expect("set_len");
    drop(file);
    let err = load(&path).expect_err("too large");
    assert!(
        matches!(err, LoadError::TooLarge { size } if size == MAX_FILE_BYTES + 1),
        "{err:?}"
    );
    assert!(err.is_unreadable());
    let rendered = err.render("huge.ron");
    assert!(rendered.starts_with("huge.ron: error: "), "{rendered}");
    assert!(
        rendered.contains(&(MAX_FILE_BYTES + 1).to_string()),
        "{rendered}"
    );
}

#[test]
fn parse_errors_on_a_long_line_render_a_short_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.ron");
    let long = "x".repeat(1 << 20);
    std::fs::write(&path, format!("(format: 1, extra: \"{long}\")")).expect("write");
    let (err, rendered) = load_err_at(&path);
    assert_eq!(parse_error(&err).0, 1);
    assert!(rendered.contains("`extra`"), "{}", &rendered[..200]);
    assert!(
        rendered.len() < 4096,
        "a {} byte message for a parse error",
        rendered.len()
    );
}

#[test]
fn crlf_files_are_located_like_lf_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    std::fs::write(&path, "(\r\n    format: 1,\r\n    titel: \"x\",\r\n)\r\n").expect("write");
    let (err, rendered) = load_err_at(&path);
    assert_eq!(parse_error(&err).0, 3);
    assert_eq!(parse_error(&err).1, 5);
    assert!(
        rendered.contains(" 3 |     titel: \"x\",\n   |     ^\n"),
        "{rendered}"
    );

    std::fs::write(
        &path,
        "(\r\n  users: [(\r\n    id: \"u\",\r\n    name: \"U\",\r\n    goals: [(\r\n      id: \"g\",\r\n      text: \"t\",\r\n      supports: [\"ghost\"],\r\n    )],\r\n  )],\r\n)\r\n",
    )
    .expect("write");
    let (err, _) = load_err_at(&path);
    assert_eq!(invalid(&err)[0].line, Some(8));
}

#[test]
fn validation_errors_in_one_line_items_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    std::fs::write(
        &path,
        "(\n  users: [\n    (id: \"u\", name: \"U\", goals: [(id: \"g\", text: \"T\", supports: [\"ghost\"])]),\n    (id: \"u\", name: \"V\"),\n  ],\n)\n",
    )
    .expect("write");
    let (err, rendered) = load_err_at(&path);
    let lines: Vec<Option<usize>> = invalid(&err).iter().map(|e| e.line).collect();
    // The duplicate id is on line 4, the bad link on line 3.
    assert_eq!(lines, [Some(4), Some(3)], "{rendered}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    std::fs::write(&path, "\u{feff}(format: 1, title: \"bom\")\n").expect("write");
    let ws = load(&path).unwrap_or_else(|e| panic!("{}", e.render("w.ron")));
    assert_eq!(ws.title, "bom");
}
