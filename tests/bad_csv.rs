//! Bad tables get a clear report and write nothing (issue 17, item 3).
//!
//! Each file of `tests/bad_csv/` holds one kind of bad input (one holds several bad rows). Every
//! case runs the real binary twice — into a new file with `-o`, and `--into` an existing
//! workspace — and checks the exit status, that each bad row is named with its row number and
//! what is wrong, that the new file was not made, and that the existing one (and the data
//! directory's backups) were left alone. The huge table is made in a temporary directory.

mod common;

use std::path::{Path, PathBuf};

use common::cli::personas;

struct Case {
    file: &'static str,
    /// `(row, text)` that must each appear on one line of stderr as `row N: error: …text…`.
    rows: &'static [(usize, &'static str)],
}

const CORPUS: &[Case] = &[
    Case {
        file: "ambiguous_supports.csv",
        rows: &[(
            4,
            "several goals have this text (hit-the-target of \"Sales\", hit-the-target-2 of \"Support\")",
        )],
    },
    Case {
        file: "buyer_field_on_user.csv",
        rows: &[(
            3,
            "objections is a field of buyer personas only; \"Ann\" is a user persona",
        )],
    },
    Case {
        file: "conflicting_field.csv",
        rows: &[(
            4,
            "rows 2 and 4 give persona \"Ann\" two values of role: \"Sales rep\" and \"Engineer\"",
        )],
    },
    Case {
        file: "duplicate_goal_id.csv",
        rows: &[(3, "rows 2 and 3 both give goal \"g1\"")],
    },
    Case {
        file: "empty.csv",
        rows: &[(1, "the table is empty")],
    },
    Case {
        file: "empty_persona_name.csv",
        rows: &[(3, "the persona name is empty")],
    },
    Case {
        file: "invalid_utf8.csv",
        rows: &[(3, "not UTF-8 text: invalid byte 0xE9 at byte offset 49")],
    },
    Case {
        file: "new_persona_without_column.csv",
        rows: &[(2, "persona \"Ann\" is new and the row names no column")],
    },
    Case {
        file: "no_persona_column.csv",
        rows: &[(1, "no column names the persona")],
    },
    Case {
        file: "several_errors.csv",
        rows: &[
            (3, "unknown column \"managers\""),
            (4, "the persona name is empty"),
            (7, "unknown column \"teams\""),
        ],
    },
    Case {
        file: "skips_departments.csv",
        rows: &[(
            3,
            "(Users) supports \"grow-revenue\" in Buyers; user goals may only support goals in Departments",
        )],
    },
    Case {
        file: "text_after_quote.csv",
        rows: &[(2, "broken quote in cell 2: text after the closing quote")],
    },
    Case {
        file: "too_many_cells.csv",
        rows: &[
            (
                2,
                "has a value in cell 4, but the header names only 3 columns",
            ),
            (3, "unknown column \"managers\""),
        ],
    },
    Case {
        file: "unclosed_quote.csv",
        rows: &[(
            4,
            "broken quote in cell 2: the quote that opens it is never closed",
        )],
    },
    Case {
        file: "unknown_column_value.csv",
        rows: &[(
            3,
            "unknown column \"managers\"; it is one of users, departments, buyers",
        )],
    },
    Case {
        file: "unknown_header.csv",
        rows: &[(
            1,
            "unknown column \"Author\" (cell 4); the known columns are: column, persona_id, name (or persona), role,",
        )],
    },
    Case {
        file: "unknown_kind.csv",
        rows: &[(
            4,
            "unknown kind \"Competitive\" for a user persona; it is one of: GoalDirected, RoleBased, Engaging, Fictional",
        )],
    },
    Case {
        file: "unknown_supports.csv",
        rows: &[(
            2,
            "supports \"No such goal\": no goal has this id or this text",
        )],
    },
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_csv")
}

/// Runs an import and returns (status, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = personas(dir)
        .arg("import")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn corpus_is_complete() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CORPUS.iter().map(|c| c.file.to_string()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_bad_table_names_its_rows_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    personas(d).args(["new", "ws.ron"]).assert().success();
    let before = std::fs::read(d.join("ws.ron")).expect("ws");
    for case in CORPUS {
        let table = corpus_dir().join(case.file);
        let original = std::fs::read(&table).expect("table");
        let table = table.to_string_lossy().into_owned();
        for into in [false, true] {
            let args: Vec<&str> = if into {
                vec![&table, "--into", "ws.ron"]
            } else {
                vec![&table, "-o", "new.ron"]
            };
            let (code, stderr) = import(d, &args);
            assert_eq!(code, 1, "{} (into: {into}): {stderr}", case.file);
            for (row, text) in case.rows {
                let found = stderr
                    .lines()
                    .any(|l| l.contains(&format!(": row {row}: error: ")) && l.contains(text));
                assert!(
                    found,
                    "{}: row {row}: {text:?} missing from\n{stderr}",
                    case.file
                );
            }
            let rows = stderr.lines().filter(|l| l.contains(": row ")).count();
            assert_eq!(
                rows,
                case.rows.len(),
                "{}: one line per bad row\n{stderr}",
                case.file
            );
            assert!(stderr.contains("nothing written"), "{stderr}");
            assert!(
                !d.join("new.ron").exists(),
                "{}: a file was written",
                case.file
            );
            assert_eq!(std::fs::read(d.join("ws.ron")).expect("ws"), before);
            assert!(
                !d.join("data/personas/backups").exists(),
                "{}: a backup was made",
                case.file
            );
        }
        assert_eq!(
            std::fs::read(corpus_dir().join(case.file)).expect("t"),
            original
        );
    }
}

#[test]
fn a_table_over_64_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let huge = d.join("huge.csv");
    let file = std::fs::File::create(&huge).expect("create");
    // A sparse file: its size is over the limit without writing 64 MiB.
    file.set_len(64 * 1024 * 1024 + 1).expect("size");
    let (code, stderr) = import(d, &["huge.csv", "-o", "new.ron"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the largest table this program reads is 67108864 bytes"),
        "{stderr}"
    );
    assert!(!d.join("new.ron").exists());
}

#[test]
fn a_missing_table_cannot_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, stderr) = import(dir.path(), &["missing.csv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("missing.csv: error: cannot read"),
        "{stderr}"
    );
    assert!(!dir.path().join("missing.ron").exists());
}

#[test]
fn bad_options_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("t.csv"), "Content\nx\n").expect("write");
    let (code, stderr) = import(d, &["t.csv", "--map", "colour=Content"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("unknown field \"colour\"; the fields are: column,"),
        "{stderr}"
    );
    let (code, stderr) = import(d, &["t.csv", "--map", "goal=Content,persona=Frame"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("row 1: error: --map name=Frame: the table has no column \"Frame\""),
        "{stderr}"
    );
    assert!(!d.join("t.ron").exists());
}
