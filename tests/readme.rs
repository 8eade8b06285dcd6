//! The README and the guide promise keys and commands: check them against the keymap and the
//! binary's help. The README stays short, and every link between the documents arrives.

use std::path::Path;

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn guide_key_table_matches_the_keymap() {
    let guide = include_str!("../docs/guide.md");
    let table = personas::app::Keymap::default().markdown();
    assert!(
        guide.contains(&table),
        "docs/guide.md's key table is out of date; it must contain exactly:\n{table}"
    );
}

#[test]
fn readme_gives_the_run_and_test_commands() {
    let readme = include_str!("../README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

#[test]
fn readme_is_short() {
    let lines = include_str!("../README.md").lines().count();
    assert!(
        lines <= 250,
        "README.md has {lines} lines; the rest belongs in docs/"
    );
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            out.push(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

/// Every relative link in the README and docs/ names a file that exists and, after `#`, a
/// heading of that file.
#[test]
fn links_between_the_documents_arrive() {
    let docs = ["README.md"]
        .into_iter()
        .map(String::from)
        .chain(
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"))
                .expect("docs/")
                .map(|e| format!("docs/{}", e.expect("entry").file_name().to_string_lossy()))
                .filter(|f| f.ends_with(".md")),
        )
        .collect::<Vec<_>>();
    let mut bad = Vec::new();
    for doc in &docs {
        let text = read(doc);
        let dir = Path::new(doc).parent().expect("a directory");
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')').unwrap_or(0)];
            if target.contains("://") || target.is_empty() {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file_path = if file.is_empty() {
                doc.clone()
            } else {
                dir.join(file).to_string_lossy().replace("docs/../", "")
            };
            if !Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(&file_path)
                .exists()
            {
                bad.push(format!("{doc}: {target}: no file {file_path}"));
            } else if !fragment.is_empty() && !anchors(&read(&file_path)).contains(&fragment.into())
            {
                bad.push(format!(
                    "{doc}: {target}: no heading #{fragment} in {file_path}"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
}

mod common;

use common::tui::{key, key_with, run_script, screen_text, typed};
use personas::app::{Row, State};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Runs `events` on the app at 120×40 and returns the screen as text.
fn shot(state: &mut State, events: Vec<personas::app::Event>) -> String {
    screen_text(run_script(state, 120, 40, events).backend().buffer())
}

/// The README's "first five minutes", key for key on the example: follow a chain up and back,
/// see the gaps, add a goal to The Manager, link it with the picker; the board and the coverage
/// show it.
#[test]
fn the_first_five_minutes_work_as_the_readme_says() {
    let readme = include_str!("../README.md");
    for step in [
        "\"Log every\n   customer call in under a minute\"",
        "`]` goes up the chain, `[` down, Backspace back",
        "Select The Manager",
        "press `g`",
        "press Space",
        "(`rivals`)",
        "Its `↑0!` becomes `↑1`",
        "personas export acme.ron --format html -o acme.html",
    ] {
        assert!(readme.contains(step), "the README says {step:?}");
    }
    let mut state = State::new(
        personas::store::example(),
        std::path::PathBuf::from("acme.ron"),
    );
    shot(&mut state, typed("j"));
    assert_eq!(state.selected_goal_id(), Some("employee-log-calls"));
    shot(&mut state, typed("]"));
    assert_eq!(state.selected_goal_id(), Some("sales-new-revenue"));
    shot(&mut state, typed("]"));
    assert_eq!(state.selected_goal_id(), Some("exec-revenue-growth"));
    let screen = shot(&mut state, typed("3"));
    assert!(screen.contains("Update deals from my phone"), "{screen}");
    let mut to_manager = typed("1");
    to_manager.extend([key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    shot(&mut state, to_manager);
    assert_eq!(state.selected_goal_id(), Some("employee-log-calls"));
    shot(&mut state, typed("jjj"));
    assert_eq!(state.selected(), Some(Row::Persona(1)), "on The Manager");

    let mut add = typed("g");
    add.extend(typed("Prepare every customer meeting fast"));
    add.push(key(KeyCode::Tab));
    add.extend(typed("Less time hunting for notes"));
    add.push(key(KeyCode::Tab));
    add.extend(typed("Minutes of preparation per meeting"));
    add.push(key_with(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let screen = shot(&mut state, add);
    assert!(screen.contains("coverage 7/9"), "{screen}");
    let new_goal = state.selected_goal_id().map(str::to_owned);
    assert!(
        new_goal
            .as_deref()
            .is_some_and(|id| id.starts_with("prepare")),
        "the new goal is selected: {new_goal:?}"
    );
    assert!(screen.contains("↑0!"), "{screen}");

    let mut link = typed(" rivals");
    link.push(key(KeyCode::Enter));
    let screen = shot(&mut state, link);
    assert!(screen.contains("coverage 8/9"), "{screen}");
    let ws = state.doc.workspace();
    let goal = ws
        .column(personas::model::Column::Users)
        .iter()
        .flat_map(|p| &p.goals)
        .find(|g| Some(&g.id) == new_goal.as_ref())
        .expect("the new goal");
    assert_eq!(goal.supports, ["sales-competitive-wins"]);
}

#[test]
fn guide_shows_the_default_config_as_the_program_prints_it() {
    let guide = include_str!("../docs/guide.md");
    assert!(
        guide.contains(personas::config::DEFAULT),
        "docs/guide.md's config block is out of date; it must contain exactly:\n{}",
        personas::config::DEFAULT
    );
}
