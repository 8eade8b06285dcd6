//! A field is described once (issue 21): every persona and goal field of `model::fields` may be
//! named — as a field access `.key` or a string `"key"` — in at most four files under src/:
//! the model (the struct), the field table, the file format and the generator. Everything else
//! (board, forms, detail pane, sentences, reports, csv, import, validation, merge, diff) walks
//! the table, so a new field row shows up there without anyone remembering a list.
//!
//! A plain reading of the source: unit tests (`#[cfg(test)] mod … { … }`, `tests.rs`,
//! `*_tests.rs`, `tests/` folders) and `//` comments are left out, since a test may well name
//! the field it tests.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use personas::model::fields::{GOAL_FIELDS, PERSONA_FIELDS};

/// The most files under src/ that may name one field.
const MOST: usize = 4;

/// Keys a grep cannot count: the same words name other things all over the code (a file's
/// `.name`, a form field's `.text`, an error's `.kind`). `name` and `text` are the titles every
/// view shows; `kind` is a choice like `buying_role`, which is counted.
const NOT_COUNTED: &[&str] = &["name", "text", "kind"];

/// Files that may name a field besides the four, and why: the field is part of a rule or a
/// sentence of its own, not just a value to show.
const ALSO: &[(&str, &[&str])] = &[
    (
        "metric",
        &[
            // The no-metric finding.
            "model/findings.rs",
            // The story and the presenter's slides say how a goal of a chain is measured.
            "export/story.rs",
            "app/present/deck/compose.rs",
        ],
    ),
    (
        "votes",
        &[
            // Not the field: the presenter's slide of a vote round's tally (`deck.votes`, the
            // slide kind "votes").
            "app/present/deck.rs",
            "app/present/deck/sections.rs",
            "ui/present.rs",
        ],
    ),
];

/// The room (SPEC §11) names what leaves the laptop, field by field, on purpose: a new field must
/// never reach participants' phones because a table grew, only because someone decided it
/// should. Its files count as one place, the allow-list.
const ROOM: &str = "room/";

/// Every .rs file under src/ (relative path) with its source, unit tests and comments cut.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ entry").path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path.is_dir() {
                if name != "tests" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
                let rel = path.strip_prefix(&src).expect("under src/");
                let text = fs::read_to_string(&path).expect("source is UTF-8");
                out.push((
                    rel.to_string_lossy().replace('\\', "/"),
                    without_tests(&text),
                ));
            }
        }
    }
    out.sort();
    out
}

/// The source without its inline test module (from `#[cfg(test)]` before `mod … {` to the end)
/// and without `//` comments.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod ") && next.ends_with('{'))
        {
            break;
        }
        let code = line.find("//").map_or(line, |at| &line[..at]);
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Whether `code` names `key` as a field access (`.key` not followed by more of a name) or a
/// string (`"key"`).
fn names(code: &str, key: &str) -> bool {
    if code.contains(&format!("\"{key}\"")) {
        return true;
    }
    let access = format!(".{key}");
    code.match_indices(&access).any(|(at, _)| {
        !code[at + access.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The files naming each counted field, for the fields over the limit.
fn over_the_limit(sources: &[(String, String)]) -> Vec<(String, Vec<String>)> {
    let keys: BTreeSet<&str> = PERSONA_FIELDS
        .iter()
        .map(|f| f.key)
        .chain(GOAL_FIELDS.iter().map(|f| f.key))
        .filter(|k| !NOT_COUNTED.contains(k))
        .collect();
    let mut over = Vec::new();
    for key in keys {
        let also: &[&str] = ALSO
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, files)| files);
        let mut files: Vec<String> = sources
            .iter()
            .filter(|(_, code)| names(code, key))
            .map(|(file, _)| match file.strip_prefix(ROOM) {
                Some(_) => ROOM.to_string(),
                None => file.clone(),
            })
            .collect();
        files.dedup();
        let counted = files.iter().filter(|f| !also.contains(&f.as_str())).count();
        if counted > MOST {
            over.push((key.to_string(), files));
        }
    }
    over
}

#[test]
fn every_field_is_named_in_at_most_four_files_under_src() {
    let over = over_the_limit(&sources());
    assert!(
        over.is_empty(),
        "a field is named in more than {MOST} files under src/ (the model, model/fields.rs, \
         store/format*, model/generate*); walk model::fields there instead:\n{}",
        over.iter()
            .map(|(key, files)| format!("  {key}: {}", files.join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_count_sees_accesses_and_strings_but_not_tests_comments_or_longer_names() {
    assert!(names("let x = p.pains.len();", "pains"));
    assert!(names("f(\"pains\")", "pains"));
    assert!(!names("p.painstaking", "pains"));
    assert!(!names("pains: Vec<String>,", "pains"));
    let cut = without_tests(
        "fn a() {}\n// p.pains\nfn b() { x } // p.pains\n#[cfg(test)]\nmod tests {\n p.pains\n}\n",
    );
    assert!(!names(&cut, "pains"), "{cut}");
    assert!(cut.contains("fn b()"));
    // One more file naming a field is caught, and the files are listed.
    let mut sources: Vec<(String, String)> = (0..=MOST)
        .map(|i| (format!("f{i}.rs"), "p.objections".to_string()))
        .collect();
    assert_eq!(
        over_the_limit(&sources),
        [(
            "objections".to_string(),
            sources.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>()
        )]
    );
    sources.pop();
    assert!(over_the_limit(&sources).is_empty());
}
