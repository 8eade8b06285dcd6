//! The config file end to end: a remap changes what a key does, the help overlay and the hint
//! bar; a bad config starts the real binary with the defaults and shows the error.

mod common;

use common::tui::{key, run_script, screen_text};

use std::path::PathBuf;

use personas::app::{Mode, State};
use personas::config::{Config, DEFAULT};
use ratatui::crossterm::event::KeyCode;

fn screen_after(config: &Config, keys: &[char]) -> (State, String) {
    let mut state = State::new(personas::store::example(), PathBuf::from("acme.ron"));
    state.keymap = config.keymap.clone();
    state.theme = config.theme;
    let events = keys.iter().map(|c| key(KeyCode::Char(*c))).collect();
    let terminal = run_script(&mut state, 120, 40, events);
    let screen = screen_text(terminal.backend().buffer());
    (state, screen)
}

#[test]
fn a_remap_changes_the_key_the_help_and_the_hint_bar() {
    let config = Config::parse(
        r#"(keys: { "add_persona": ["x"], "help": ["h", "?"], "column_left": ["left"] })"#,
    )
    .expect("valid config");
    let (state, screen) = screen_after(&config, &[]);
    assert!(
        screen.contains("x persona"),
        "hint bar shows the new key:\n{screen}"
    );
    assert!(!screen.contains("p persona"), "{screen}");
    let (state_after, _) = {
        let _ = state;
        screen_after(&config, &['x'])
    };
    assert!(
        matches!(state_after.mode, Mode::Form(_)),
        "x opens the new-persona form"
    );
    let (state_p, _) = screen_after(&config, &['p']);
    assert!(
        matches!(state_p.mode, Mode::Normal),
        "p no longer adds a persona"
    );
    let (_, help) = screen_after(&config, &['h']);
    assert!(help.contains("Five keys to start"), "{help}");
    let line = help
        .lines()
        .find(|l| l.contains("add a persona to this column"))
        .expect("the help lists add persona");
    assert!(line.contains(" x "), "help shows the remapped key: {line}");
}

#[test]
fn the_default_config_round_trips() {
    let parsed = Config::parse(DEFAULT).expect("the printed default parses");
    assert_eq!(
        parsed.keymap.markdown(),
        personas::app::Keymap::default().markdown()
    );
}

#[test]
fn a_bad_config_starts_with_the_defaults_and_says_why() {
    let place = common::pty::Place::new();
    let config_dir = place.home().join("config").join("personas");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    std::fs::write(
        config_dir.join("config.ron"),
        "(\n    theme: Dark,\n    keys: {\n        \"save\": [\"ctrl-banana\"],\n    },\n)\n",
    )
    .expect("write config");
    let file = place.example("acme.ron");
    let mut s = place.spawn(&[&file.to_string_lossy()], 30, 120);
    s.wait_for("config.ron:4: unknown key name");
    s.wait_for("started with the default");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn print_config_prints_the_commented_default() {
    let out = std::process::Command::new(common::pty::BIN)
        .arg("--print-config")
        .env("HOME", "/nonexistent")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text, DEFAULT);
    assert!(text.contains("// "), "commented");
    Config::parse(&text).expect("what it prints is a valid config");
}
