//! Bad input of every kind gets a clear, located error and never a panic (SPEC §7).
//!
//! Each committed file in `tests/bad_files/` holds one failure and has one row in `CASES`: the
//! exact error (with the line:col RON gives, checked by hand against the file) and the words the
//! rendered message must contain (the bad field, id, persona or goal). One test walks the table:
//! it loads each file through `store::load` and checks the error, its rendering (printable,
//! located, one block per error) and that loading left the file's bytes alone. The huge and
//! deeply nested inputs are generated into a temporary directory instead of being committed.

use std::path::{Path, PathBuf};

use personas::store::load::MAX_FILE_BYTES;
use personas::store::{LoadError, load};

use Kind::{Invalid, NewerFormat, NotUtf8, Parse, UnknownFormat};
use Text::{Has, Is};

/// One bad file: its name in `tests/bad_files/`, the error it must give, and the words its
/// rendered message (`w.ron:…: error: …`) must contain.
struct Case(&'static str, Kind, &'static [&'static str]);

#[derive(Debug)]
enum Kind {
    /// RON's error at (line, col), with its message.
    Parse(usize, usize, Text),
    /// The first byte that is not UTF-8, at (line, col).
    NotUtf8(usize, usize),
    /// A format version newer than this program's.
    NewerFormat(u32),
    /// A format version that never existed.
    UnknownFormat(u32),
    /// Every validation error, in order: the line it was found on and its `Debug` form.
    Invalid(&'static [(Option<usize>, &'static str)]),
}

#[derive(Debug)]
enum Text {
    /// The message is exactly this.
    Is(&'static str),
    /// The message contains this.
    Has(&'static str),
}

/// One row per file, grouped by kind of failure; the comments say why RON stops where it does.
/// The table, and one `#[test]` per row (named after its file), so a failing file shows in
/// the test list by name.
macro_rules! cases {
    ($($name:ident: $case:expr,)*) => {
        const CASES: &[Case] = &[$($case),*];
        $(
            #[test]
            fn $name() {
                check(&$case);
            }
        )*
    };
}

#[rustfmt::skip]
cases! {
    // ---- RON syntax ----
    // The comma after `title: "Missing comma"` is missing; RON notices at `users` on line 4.
    syntax_missing_comma_ron: Case("syntax_missing_comma.ron", Parse(4, 5, Is("Expected comma")), &[" 4 |     users: [],\n   |     ^\n"]),
    // `users: [` is never closed: the `)` on line 9 comes where a persona or `]` should be.
    syntax_missing_bracket_ron: Case("syntax_missing_bracket.ron", Parse(9, 1, Has("Expected opening `(`")), &[" 9 | )\n   | ^\n"]),
    // Points at the opening quote of the string that never ends.
    unterminated_string_ron: Case("unterminated_string.ron", Parse(3, 12, Is("Expected end of string")), &[]),
    trailing_characters_ron: Case("trailing_characters.ron", Parse(4, 2, Has("trailing characters")), &[" 4 | ))\n   |  ^\n"]),
    empty_ron: Case("empty.ron", Parse(1, 1, Has("Expected opening `(`")), &[]),
    // A gzip header: 0x1f is ASCII, 0x8b (column 2) is not valid UTF-8.
    binary_garbage_bin: Case("binary_garbage.bin", NotUtf8(1, 2), &["not UTF-8"]),
    // Valid UTF-8 full of NULs and terminal escapes: the line is echoed with placeholders.
    control_garbage_bin: Case("control_garbage.bin", Parse(1, 1, Has("Expected opening `(`")), &["␛[2J␛]0;pwned␇"]),
    // `title: "Caf\xe9` — Latin-1 é, the 16th character of line 3.
    invalid_utf8_ron: Case("invalid_utf8.ron", NotUtf8(3, 16), &["not UTF-8"]),

    // ---- Shape: unknown, missing, duplicate or mistyped fields ----
    unknown_field_top_ron: Case("unknown_field_top.ron", Parse(3, 5, Has("`titel`")), &["`title`", " 3 |     titel: \"Acme CRM\","]),
    // Only buyers have objections, and only buyers have a buying role.
    unknown_field_persona_ron: Case("unknown_field_persona.ron", Parse(8, 13, Has("`objections`")), &[]),
    buying_role_on_user_ron: Case("buying_role_on_user.ron", Parse(8, 13, Has("`buying_role`")), &[]),
    unknown_field_goal_ron: Case("unknown_field_goal.ron", Parse(12, 21, Has("`deadline`")), &["`supports`"]),
    // Points at the variant, after `kind: `.
    buyer_kind_on_user_ron: Case("buyer_kind_on_user.ron", Parse(8, 19, Has("`Competitive`")), &["`GoalDirected`"]),
    // RON notices at the goal's closing parenthesis.
    goal_without_text_ron: Case("goal_without_text.ron", Parse(12, 17, Has("`text`")), &["missing field"]),
    duplicate_field_ron: Case("duplicate_field.ron", Parse(4, 5, Has("duplicate field")), &["`title`"]),
    // `pains` is a list, not a string.
    wrong_type_ron: Case("wrong_type.ron", Parse(8, 19, Has("[")), &[" 8 |             pains: \"Double entry\","]),

    // ---- Format version ----
    // The file also has a field this program does not know; the version is what is reported.
    newer_format_ron: Case("newer_format.ron", NewerFormat(4), &["format 4", "newer"]),
    format_zero_ron: Case("format_zero.ron", UnknownFormat(0), &["format 0"]),
    format_out_of_range_ron: Case("format_out_of_range.ron", Parse(2, 13, Is("Integer is out of bounds")), &["4294967296"]),

    // ---- Validation: ids, names and links ----
    duplicate_persona_id_ron: Case("duplicate_persona_id.ron", Invalid(&[
        (Some(12), r#"DuplicateId { id: "employee", first: "user persona \"employee\" (\"The Employee\")", second: "department persona \"employee\" (\"Employee department\")" }"#),
    ]), &["\"employee\"", "Employee department"]),
    // Located at the second `id: "log-calls"`.
    duplicate_goal_id_ron: Case("duplicate_goal_id.ron", Invalid(&[
        (Some(14), r#"DuplicateId { id: "log-calls", first: "goal \"log-calls\" of persona \"employee\"", second: "goal \"log-calls\" of persona \"employee\"" }"#),
    ]), &["\"log-calls\"", "\"employee\""]),
    supports_missing_goal_ron: Case("supports_missing_goal.ron", Invalid(&[
        (Some(13), r#"MissingGoal { persona: "employee", goal: "employee-log-calls", target: "sales-revenue" }"#),
    ]), &["\"employee-log-calls\"", "\"sales-revenue\"", "not a goal"]),
    // A user goal supporting a buyer goal skips a layer.
    user_supports_buyer_ron: Case("user_supports_buyer.ron", Invalid(&[
        (Some(13), r#"WrongColumn { persona: "employee", goal: "employee-log-calls", target: "cfo-margin", from: Users, to: Buyers }"#),
    ]), &["\"employee-log-calls\"", "\"cfo-margin\"", "Departments"]),
    // A department goal supporting a user goal points down.
    department_supports_user_ron: Case("department_supports_user.ron", Invalid(&[
        (Some(25), r#"WrongColumn { persona: "sales", goal: "sales-revenue", target: "employee-log-calls", from: Departments, to: Users }"#),
    ]), &["\"sales-revenue\"", "\"employee-log-calls\""]),
    duplicate_link_ron: Case("duplicate_link.ron", Invalid(&[
        (Some(13), r#"DuplicateLink { persona: "sales", goal: "sales-revenue", target: "cfo-margin" }"#),
    ]), &["\"cfo-margin\"", "more than once"]),
    empty_persona_id_ron: Case("empty_persona_id.ron", Invalid(&[
        (None, r#"EmptyPersonaId { column: Users, position: 1, name: "Nameless Id" }"#),
    ]), &["\"Nameless Id\"", "empty id"]),
    empty_goal_id_ron: Case("empty_goal_id.ron", Invalid(&[
        (None, r#"EmptyGoalId { persona: "employee", position: 1, text: "Log every call" }"#),
    ]), &["\"employee\"", "\"Log every call\"", "empty id"]),
    // A name of spaces only is empty.
    empty_name_ron: Case("empty_name.ron", Invalid(&[
        (Some(6), r#"EmptyName { column: Buyers, persona: "cfo" }"#),
    ]), &["\"cfo\"", "empty name"]),
    // Every error is reported, each with its line, not only the first.
    several_errors_ron: Case("several_errors.ron", Invalid(&[
        (Some(6), r#"EmptyName { column: Users, persona: "employee" }"#),
        (Some(20), r#"DuplicateId { id: "employee", first: "user persona \"employee\" (\"\")", second: "user persona \"employee\" (\"Second employee\")" }"#),
        (Some(30), r#"EmptyGoalText { persona: "sales", goal: "sales-revenue" }"#),
        (Some(13), r#"MissingGoal { persona: "employee", goal: "employee-log-calls", target: "ghost-goal" }"#),
        (Some(14), r#"WrongColumn { persona: "employee", goal: "employee-log-calls", target: "cfo-margin", from: Users, to: Buyers }"#),
        (Some(33), r#"WrongColumn { persona: "sales", goal: "sales-revenue", target: "employee-log-calls", from: Departments, to: Users }"#),
        (Some(48), r#"WrongColumn { persona: "cfo", goal: "cfo-margin", target: "sales-revenue", from: Buyers, to: Departments }"#),
    ]), &["\"ghost-goal\"", "\"cfo-margin\"", "\"sales-revenue\"", "\"Second employee\""]),
}

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
fn invalid(err: &LoadError) -> &[personas::store::load::Located] {
    match err {
        LoadError::Invalid(errors) => errors,
        other => panic!("expected validation errors, got {other:?}"),
    }
}

/// Every check for one row of `CASES`.
fn check(Case(file, kind, words): &Case) {
    let (err, rendered) = load_err_at(&corpus_path(file));
    assert!(!err.is_unreadable(), "{err:?}");
    let lines: Vec<&str> = rendered.lines().collect();
    match (kind, &err) {
        (
            Parse(l, c, text),
            LoadError::Parse {
                line, col, message, ..
            },
        ) => {
            assert_eq!((line, col), (l, c), "{message}");
            match text {
                Is(want) => assert_eq!(message, want),
                Has(want) => assert!(message.contains(want), "{want:?} not in {message:?}"),
            }
            // The message, then the offending line with a marker under the column.
            let pad = " ".repeat(l.to_string().len());
            assert_eq!(lines.len(), 3, "{rendered}");
            assert_eq!(lines[0], format!("w.ron:{l}:{c}: error: {message}"));
            assert!(lines[1].starts_with(&format!(" {l} | ")), "{rendered}");
            assert_eq!(lines[2], format!(" {pad} | {}^", " ".repeat(c - 1)));
        }
        (NotUtf8(l, c), LoadError::NotUtf8 { line, col }) => {
            assert_eq!((line, col), (l, c));
            assert_eq!(lines.len(), 1, "{rendered}");
            assert!(
                lines[0].starts_with(&format!("w.ron:{l}:{c}: error: ")),
                "{rendered}"
            );
        }
        (NewerFormat(want), LoadError::NewerFormat { found })
        | (UnknownFormat(want), LoadError::UnknownFormat { found }) => {
            assert_eq!(found, want);
            assert_eq!(lines, [format!("w.ron: error: {err}")]);
        }
        (Invalid(want), LoadError::Invalid(errors)) => {
            let got: Vec<(Option<usize>, String)> = errors
                .iter()
                .map(|e| (e.line, format!("{:?}", e.error)))
                .collect();
            let want: Vec<(Option<usize>, String)> = want
                .iter()
                .map(|(line, debug)| (*line, debug.to_string()))
                .collect();
            assert_eq!(got, want);
            assert_eq!(
                err.to_string(),
                format!("{} error(s) in the workspace", want.len())
            );
            // One line per error: the file, the line where it is known, the message.
            assert_eq!(lines.len(), errors.len(), "{rendered}");
            for (shown, e) in lines.iter().zip(errors) {
                let at = e.line.map(|line| format!(":{line}")).unwrap_or_default();
                assert_eq!(*shown, format!("w.ron{at}: error: {}", e.error));
            }
        }
        _ => panic!("expected {kind:?}, got {err:?}"),
    }
    for word in *words {
        assert!(
            rendered.contains(word),
            "{word:?} missing from:\n{rendered}"
        );
    }
}

#[test]
fn every_bad_file_fails_as_listed() {
    // Every row is checked, so one run names every file that fails.
    let failed: Vec<&str> = CASES
        .iter()
        .filter(|case| {
            let result = std::panic::catch_unwind(|| check(case));
            if result.is_err() {
                eprintln!("  ^ in tests/bad_files/{}", case.0);
            }
            result.is_err()
        })
        .map(|case| case.0)
        .collect();
    assert!(
        failed.is_empty(),
        "bad files that failed their row: {failed:?}"
    );
}

#[test]
fn corpus_is_complete() {
    let mut found: Vec<String> = std::fs::read_dir(corpus_path(""))
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|case| case.0).collect();
    listed.sort();
    assert_eq!(
        found, listed,
        "every file in tests/bad_files/ needs one row in CASES"
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
