//! `personas import` (issue 17): the smallest table, headers in any case and order, links by goal
//! text, re-imports that update instead of duplicating, a persona over several rows, a board
//! tool's sticky-note export read with `--map`, `--dry-run`, and where the result is written.
//! Each runs the real binary in a temporary home and checks the workspace file it wrote.

mod common;

use std::path::Path;

use common::cli::personas;
use personas::model::{Column, Kind, Workspace};
use personas::store::load;

/// Runs `personas ARGS` and returns (status, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = personas(dir).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn loaded(dir: &Path, name: &str) -> Workspace {
    load(&dir.join(name)).expect("a valid workspace")
}

/// (column, persona name, goal texts) of every persona, in board order.
fn outline(ws: &Workspace) -> Vec<(Column, String, Vec<String>)> {
    ws.personas()
        .map(|(c, p)| {
            (
                c,
                p.name.clone(),
                p.goals.iter().map(|g| g.text.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn the_smallest_table_makes_a_workspace_named_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "workshop.csv",
        "column,persona,goal\nusers,Ann,Log calls\nusers,Ann,Close tickets\n\
         departments,Sales,Hit the target\nbuyers,Équipe Ventes,Grow revenue\nusers,Bob,\n",
    );
    let (code, out, err) = run(d, &["import", "workshop.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created workshop.ron"), "{out}");
    assert!(
        out.contains("4 personas created, 0 updated; 4 goals created"),
        "{out}"
    );
    let ws = loaded(d, "workshop.ron");
    assert_eq!(ws.title, "workshop");
    assert_eq!(
        outline(&ws),
        vec![
            (
                Column::Users,
                "Ann".into(),
                vec!["Log calls".into(), "Close tickets".into()]
            ),
            (Column::Users, "Bob".into(), vec![]),
            (
                Column::Departments,
                "Sales".into(),
                vec!["Hit the target".into()]
            ),
            (
                Column::Buyers,
                "Équipe Ventes".into(),
                vec!["Grow revenue".into()]
            ),
        ]
    );
    let ids: Vec<&str> = ws.personas().map(|(_, p)| p.id.as_str()).collect();
    let made = personas::model::ids::unique_id("Équipe Ventes", "persona", |_| false);
    assert_eq!(
        ids,
        ["ann", "bob", "sales", made.as_str()],
        "ids made as the app makes them"
    );
    assert_eq!(ws.column(Column::Users)[0].goals[0].id, "log-calls");
}

#[test]
fn headers_in_any_case_and_columns_in_any_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "t.csv",
        "Goal Text,Why_It_Matters, METRIC ,Persona,Kind,COLUMN,Buying role,Decision criteria\n\
         Grow revenue,The board asks,Net revenue,Chris,competitive,Buyer,Ultimate buyer,\"Price\nSupport\"\n\
         Log calls,,Seconds per log,Ann,goal-directed,USERS,,\n",
    );
    let (code, _, err) = run(d, &["import", "t.csv", "-o", "w.ron"]);
    assert_eq!(code, 0, "{err}");
    let ws = loaded(d, "w.ron");
    let chris = &ws.column(Column::Buyers)[0];
    assert_eq!(chris.name, "Chris");
    assert_eq!(chris.kind, Some(Kind::Competitive));
    assert!(chris.buying_role.is_some());
    assert_eq!(chris.criteria, ["Price", "Support"]);
    assert_eq!(chris.goals[0].why, "The board asks");
    assert_eq!(chris.goals[0].metric, "Net revenue");
    let ann = &ws.column(Column::Users)[0];
    assert_eq!(ann.kind, Some(Kind::GoalDirected));
    assert_eq!(ann.goals[0].metric, "Seconds per log");
}

#[test]
fn supports_name_goals_by_text_or_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "t.csv",
        "column,persona,goal,supports\n\
         users,Ann,Log calls,Hit the target; Keep customers\n\
         departments,Sales,Hit the target,grow-revenue\n\
         departments,Support,Keep customers,\n\
         buyers,Chris,Grow revenue,\n",
    );
    let (code, out, err) = run(d, &["import", "t.csv", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("would link log-calls → hit-the-target"),
        "{out}"
    );
    assert!(
        out.contains("would link hit-the-target → grow-revenue"),
        "{out}"
    );
    assert!(out.contains("3 links added"), "{out}");
    assert!(out.contains("nothing written (--dry-run)"), "{out}");
    assert!(!d.join("t.ron").exists(), "a dry run writes nothing");
    let (code, _, err) = run(d, &["import", "t.csv"]);
    assert_eq!(code, 0, "{err}");
    let ws = loaded(d, "t.ron");
    let ann = &ws.column(Column::Users)[0].goals[0];
    assert_eq!(ann.supports, ["hit-the-target", "keep-customers"]);
    assert_eq!(
        ws.column(Column::Departments)[0].goals[0].supports,
        ["grow-revenue"]
    );
}

#[test]
fn a_re_import_updates_instead_of_duplicating_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    run(d, &["new", "acme.ron"]);
    let before = loaded(d, "acme.ron");
    let (code, _, err) = run(
        d,
        &["export", "acme.ron", "--format", "csv", "-o", "acme.csv"],
    );
    assert_eq!(code, 0, "{err}");
    let table = std::fs::read_to_string(d.join("acme.csv")).expect("csv");
    assert!(table.contains("Median seconds per call log"));
    let edited = table.replace(
        "Median seconds per call log",
        "\"Seconds per call log, p90\"",
    ) + &[
        "users",
        "",
        "New Hire",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Learn the CRM in a day",
    ]
    .join(",")
        + ",,,,\n";
    write(d, "acme.csv", &edited);
    let original = std::fs::read(d.join("acme.ron")).expect("file");

    let (code, out, err) = run(
        d,
        &["import", "acme.csv", "--into", "acme.ron", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("would update goal employee-log-calls: metric"),
        "{out}"
    );
    assert!(
        out.contains("would create user persona new-hire (\"New Hire\")"),
        "{out}"
    );
    assert!(
        out.contains("1 persona created, 0 updated; 1 goal created, 1 updated"),
        "{out}"
    );
    assert_eq!(std::fs::read(d.join("acme.ron")).expect("file"), original);
    assert!(!d.join("data/personas/backups").exists());

    let (code, out, err) = run(d, &["import", "acme.csv", "--into", "acme.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("updated acme.ron (the old file is kept as"),
        "{out}"
    );
    let after = loaded(d, "acme.ron");
    assert_eq!(after.persona_count(), before.persona_count() + 1);
    assert_eq!(after.goal_count(), before.goal_count() + 1);
    assert_eq!(after.link_count(), before.link_count());
    let (_, _, goal) = after
        .goals()
        .find(|(_, _, g)| g.id == "employee-log-calls")
        .expect("kept its id");
    assert_eq!(goal.metric, "Seconds per call log, p90");
    let backups: Vec<_> = std::fs::read_dir(d.join("data/personas/backups"))
        .expect("backups")
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(std::fs::read(backups[0].path()).expect("backup"), original);

    // The same table again: nothing to do, nothing written.
    let saved = std::fs::read(d.join("acme.ron")).expect("file");
    let (code, out, _) = run(d, &["import", "acme.csv", "--into", "acme.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(std::fs::read(d.join("acme.ron")).expect("file"), saved);
}

#[test]
fn a_persona_over_several_rows_is_one_persona_unless_its_fields_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "t.csv",
        "column,persona,role,pains,goal\n\
         users,Ann,Sales rep,Double entry,Log calls\n\
         users,Ann,,,Close tickets\n\
         users,Ann,Sales rep,Double entry,Plan the week\n",
    );
    let (code, _, err) = run(d, &["import", "t.csv"]);
    assert_eq!(code, 0, "{err}");
    let ws = loaded(d, "t.ron");
    assert_eq!(ws.persona_count(), 1);
    let ann = &ws.column(Column::Users)[0];
    assert_eq!((ann.role.as_str(), ann.goals.len()), ("Sales rep", 3));
    assert_eq!(ann.pains, ["Double entry"]);

    write(
        d,
        "c.csv",
        "column,persona,role,goal\nusers,Ann,Sales rep,Log calls\nusers,Bob,,Other\nusers,Ann,Engineer,Close tickets\n",
    );
    let (code, _, err) = run(d, &["import", "c.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("c.csv: row 4: error: rows 2 and 4 give persona \"Ann\" two values of role: \"Sales rep\" and \"Engineer\""),
        "{err}"
    );
    assert!(!d.join("c.ron").exists());
}

#[test]
fn a_board_tools_sticky_notes_are_read_with_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/board_csv/sticky_notes.csv");
    let fixture = fixture.to_string_lossy().into_owned();
    // Unmapped, the board's headers are not fields: the report says which and how to map them.
    let (code, _, err) = run(d, &["import", &fixture, "-o", "board.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 1: error: unknown column \"Sticky ID\" (cell 1)"),
        "{err}"
    );
    assert!(
        err.contains("--map FIELD=Sticky ID, or leave it out with --ignore Sticky ID"),
        "{err}"
    );
    let (code, out, err) = run(
        d,
        &[
            "import",
            &fixture,
            "--map",
            "goal=Content,persona=Frame,column=Tags",
            "--ignore",
            "Sticky ID,Color,Author,Created",
            "-o",
            "board.ron",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("3 personas created, 0 updated; 6 goals created"),
        "{out}"
    );
    let ws = loaded(d, "board.ron");
    let rep = &ws.column(Column::Users)[0];
    assert_eq!(rep.name, "Field sales rep");
    assert_eq!(rep.goals.len(), 3);
    assert_eq!(
        rep.goals[2].text,
        "Nobody types the same thing twice, not even from email"
    );
    assert_eq!(ws.column(Column::Departments)[0].goals.len(), 2);
    assert_eq!(ws.column(Column::Buyers)[0].name, "Chief revenue officer");
    let (code, out, _) = run(d, &["check", "board.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("(3 personas, 6 goals, 0 links"), "{out}");
}

#[test]
fn a_new_file_is_never_overwritten_and_dash_writes_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "t.csv", "column,persona\nusers,Ann\n");
    write(d, "t.ron", "mine");
    let (code, _, err) = run(d, &["import", "t.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("t.ron: error: already exists; not overwriting it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("t.ron")).expect("kept"),
        "mine"
    );
    let (code, out, err) = run(d, &["import", "t.csv", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("name: \"Ann\""), "{out}");
    assert!(out.contains("title: \"t\""), "{out}");
}

#[test]
fn export_csv_options_chain_and_bom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    run(d, &["new", "acme.ron"]);
    let ws = loaded(d, "acme.ron");
    let (_, _, goal) = ws
        .goals()
        .find(|(c, _, g)| *c == Column::Users && !g.supports.is_empty())
        .expect("a linked user goal");
    let (code, out, err) = run(
        d,
        &["export", "acme.ron", "--format", "csv", "--chain", &goal.id],
    );
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(rows.len() >= 3 && rows.len() < ws.goal_count(), "{out}");
    assert!(rows.iter().any(|r| r.contains(&format!(",{},", goal.id))));
    assert!(rows.iter().any(|r| r.starts_with("buyers,")));
    let (code, _, err) = run(
        d,
        &["export", "acme.ron", "--format", "csv", "--chain", "nope"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("no goal has") && err.contains("nope"), "{err}");
    let (code, _, err) = run(d, &["export", "acme.ron", "--format", "markdown", "--bom"]);
    assert_eq!(code, 1);
    assert!(err.contains("--bom is for --format csv"), "{err}");
}

#[test]
fn an_excel_table_with_a_bom_semicolons_and_windows_line_ends_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let table = "\u{feff}Column;Persona;Goal;Supports\r\n\
                 Buyers;CFO;Grow revenue;\r\n\
                 Departments;Sales;\"Hit target; fast\";Grow revenue\r\n\
                 Users;Ann;Log calls;\"Hit target; fast\"\r\n\
                 Users;;Orphan;\r\n";
    write(d, "excel.csv", table);
    let (code, _, err) = run(d, &["import", "excel.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("excel.csv: row 5: error: the persona name is empty"),
        "{err}"
    );
    write(d, "excel.csv", table.trim_end_matches("Users;;Orphan;\r\n"));
    let (code, _, err) = run(d, &["import", "excel.csv"]);
    assert_eq!(code, 0, "{err}");
    let ws = loaded(d, "excel.ron");
    assert_eq!(
        ws.column(Column::Users)[0].goals[0].supports,
        ["hit-target-fast"]
    );
    assert_eq!(
        ws.column(Column::Departments)[0].goals[0].supports,
        ["grow-revenue"]
    );
}

#[test]
fn into_with_output_writes_a_new_file_and_leaves_the_workspace_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    run(d, &["new", "acme.ron"]);
    let original = std::fs::read(d.join("acme.ron")).expect("file");
    write(
        d,
        "t.csv",
        "column,persona,goal\nusers,\u{1b}[2JMallory,Log calls\n",
    );
    let (code, out, err) = run(d, &["import", "t.csv", "--into", "acme.ron", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("would create user persona"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "text from the table reaches the terminal raw: {out}"
    );
    assert!(out.contains("[2JMallory"), "{out}");
    let (code, _, err) = run(
        d,
        &["import", "t.csv", "--into", "acme.ron", "-o", "more.ron"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(d.join("acme.ron")).expect("file"), original);
    let more = loaded(d, "more.ron");
    let before = loaded(d, "acme.ron");
    assert_eq!(more.persona_count(), before.persona_count() + 1);
    assert_eq!(more.title, before.title);
}

#[test]
fn into_refuses_moves_and_names_shared_by_several_personas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "w.ron",
        "(title: \"W\", users: [(id: \"ann-1\", name: \"Ann\"), (id: \"ann-2\", name: \"Ann\"), \
         (id: \"bob\", name: \"Bob\", goals: [(id: \"g\", text: \"Log calls\")])])",
    );
    let original = std::fs::read(d.join("w.ron")).expect("file");
    write(
        d,
        "t.csv",
        "column,persona_id,persona,goal_id,goal\n\
         users,,Ann,,Plan\n\
         buyers,bob,,,\n\
         users,ann-1,,g,Log calls\n",
    );
    let (code, _, err) = run(d, &["import", "t.csv", "--into", "w.ron"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "row 2: error: several user personas are named \"Ann\" (ann-1, ann-2); give persona_id"
        ),
        "{err}"
    );
    assert!(
        err.contains("row 3: error: persona \"bob\" is in users, the row says buyers"),
        "{err}"
    );
    assert!(
        err.contains(
            "row 4: error: goal \"g\" belongs to persona \"bob\", the row names persona \"ann-1\""
        ),
        "{err}"
    );
    assert!(err.contains("3 bad rows; nothing written"), "{err}");
    assert_eq!(std::fs::read(d.join("w.ron")).expect("file"), original);
}

#[test]
fn into_a_read_only_file_is_refused_and_a_missing_backup_does_not_stop_the_save() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    run(d, &["new", "acme.ron"]);
    write(d, "t.csv", "column,persona\nusers,Ann\n");
    let original = std::fs::read(d.join("acme.ron")).expect("file");
    std::fs::set_permissions(d.join("acme.ron"), std::fs::Permissions::from_mode(0o444))
        .expect("chmod");
    let (code, _, err) = run(d, &["import", "t.csv", "--into", "acme.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("acme.ron: error: the file has no write permission; nothing written"),
        "{err}"
    );
    assert_eq!(std::fs::read(d.join("acme.ron")).expect("file"), original);
    std::fs::set_permissions(d.join("acme.ron"), std::fs::Permissions::from_mode(0o644))
        .expect("chmod");
    // The data directory is a file: no backup can be made, and the import says so and saves.
    write(d, "data", "not a directory");
    let (code, out, err) = run(d, &["import", "t.csv", "--into", "acme.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: could not back up the old file"),
        "{err}"
    );
    assert!(out.contains("updated acme.ron\n"), "{out}");
    assert!(
        loaded(d, "acme.ron")
            .personas()
            .any(|(_, p)| p.name == "Ann")
    );
}
