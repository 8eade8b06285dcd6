//! The board as the picture of the value chain (issue 12): goals wrap (`w`), links are drawn in
//! the gutters between the columns (`a` for all of them), themes and the ASCII fallback keep
//! them visible, and help's first screen teaches the chain. Snapshots drive the real loop on a
//! `TestBackend`; the PTY test runs the real binary.

mod common;

use std::path::PathBuf;

use common::pty::Place;
use common::tui::{run_script, screen_text, typed};
use personas::app::{Event, State, update};
use personas::config::GoalLines;
use personas::model::Column;
use personas::ui::layout::Areas;
use personas::ui::theme::{COMMON_SYMBOLS, Glyphs, Theme, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn example_state() -> State {
    State::new(personas::store::example(), PathBuf::from("acme.ron"))
}

/// The screen after `keys`, trailing blanks trimmed.
fn shot_with(mut state: State, w: u16, h: u16, keys: &str) -> String {
    let terminal = run_script(&mut state, w, h, typed(keys));
    screen_text(terminal.backend().buffer())
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn shot(w: u16, h: u16, keys: &str) -> String {
    shot_with(example_state(), w, h, keys)
}

/// Keys to the department goal "Grow new-business revenue 20%": linked down to two user goals
/// and up to a buyer goal.
const DEPARTMENT_GOAL: &str = "lj";

const BOX: &str = "─│┌┐└┘├┤┬┴┼";

/// The cells of one gutter (0: users | departments, 1: departments | buyers).
fn one_gutter(screen: &str, w: u16, h: u16, i: usize) -> String {
    let g = Areas::new((w, h), false).gutters[i];
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let mut out = String::new();
    for y in g.y..g.y + g.height {
        for x in g.x..g.x + g.width {
            if let Some(c) = rows.get(usize::from(y)).and_then(|r| r.get(usize::from(x))) {
                out.push(*c);
            }
        }
    }
    out
}

/// The gutter cells of a screen: the columns between the board's columns, under the titles.
fn gutter_text(screen: &str, w: u16, h: u16) -> String {
    let areas = Areas::new((w, h), false);
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let mut out = String::new();
    for g in areas.gutters {
        for y in g.y..g.y + g.height {
            for x in g.x..g.x + g.width {
                if let Some(c) = rows.get(usize::from(y)).and_then(|r| r.get(usize::from(x))) {
                    out.push(*c);
                }
            }
        }
    }
    out
}

#[test]
fn snapshots_in_every_goal_lines_setting() {
    for (w, h) in [(80, 24), (120, 40)] {
        // Two lines is the default; w goes to whole, then to one.
        for (presses, name) in [("", "two"), ("w", "whole"), ("ww", "one")] {
            let goal = shot(w, h, &format!("{presses}{DEPARTMENT_GOAL}"));
            insta::assert_snapshot!(format!("goal_selected_{name}_{w}x{h}"), goal);
            let persona = shot(w, h, presses);
            insta::assert_snapshot!(format!("persona_selected_{name}_{w}x{h}"), persona);
        }
    }
}

#[test]
fn a_selected_goal_draws_its_links_in_the_gutters() {
    let screen = shot(120, 40, DEPARTMENT_GOAL);
    let gutters = gutter_text(&screen, 120, 40);
    assert!(gutters.chars().any(|c| BOX.contains(c)), "{screen}");
    // Its two user goals join it from the left, its buyer goal on the right: lines both sides.
    for i in 0..2 {
        let g = one_gutter(&screen, 120, 40, i);
        assert!(g.chars().any(|c| BOX.contains(c)), "gutter {i}:\n{screen}");
    }
    // The left gutter merges the two user goals' lines into one (a junction).
    assert!(one_gutter(&screen, 120, 40, 0).contains('┤'), "{screen}");
    // Nothing selected in the Chains view: no gutters there at all.
    let chains = shot(120, 40, "2");
    assert!(!chains.contains('┼'));
}

#[test]
fn a_draws_every_link_on_screen_and_again_only_the_chain() {
    let chain = shot(120, 40, DEPARTMENT_GOAL);
    let all = shot(120, 40, &format!("{DEPARTMENT_GOAL}a"));
    let count = |s: &str| {
        gutter_text(s, 120, 40)
            .chars()
            .filter(|c| BOX.contains(*c))
            .count()
    };
    assert!(count(&all) > count(&chain), "a draws more:\n{all}");
    insta::assert_snapshot!("all_links_120x40", all);
    let back = shot(120, 40, &format!("{DEPARTMENT_GOAL}aa"));
    assert_eq!(count(&back), count(&chain));
    insta::assert_snapshot!(
        "all_links_80x24",
        shot(80, 24, &format!("{DEPARTMENT_GOAL}a"))
    );
}

#[test]
fn mono_and_ascii_keep_the_lines() {
    let mut mono = example_state();
    mono.theme = ThemeName::Mono;
    let screen = shot_with(mono, 80, 24, DEPARTMENT_GOAL);
    assert!(
        gutter_text(&screen, 80, 24)
            .chars()
            .any(|c| BOX.contains(c))
    );
    insta::assert_snapshot!("mono_goal_selected_80x24", screen);

    let mut ascii = example_state();
    ascii.ascii = true;
    let screen = shot_with(ascii, 80, 24, DEPARTMENT_GOAL);
    let gutters = gutter_text(&screen, 80, 24);
    assert!(gutters.contains('-') && gutters.contains('+'), "{screen}");
    assert!(!gutters.chars().any(|c| BOX.contains(c)), "{screen}");
    // The board's own symbols (the hint bar and borders are the locale's concern elsewhere).
    let board: String = screen
        .lines()
        .skip(1)
        .take(21)
        .collect::<Vec<_>>()
        .join("\n");
    for symbol in ['◆', '◇', '↑', '↓', '•', '●'] {
        assert!(!board.contains(symbol), "{symbol} in ASCII:\n{board}");
    }
    assert!(screen.contains("* ") && screen.contains("^1"), "{screen}");
    insta::assert_snapshot!("ascii_goal_selected_80x24", screen);
}

#[test]
fn help_first_screen_fits_80_by_24_and_teaches_the_chain() {
    let screen = shot(80, 24, "?");
    for needed in [
        "users → departments → buyers",
        "supports",
        "◆",
        "◇",
        "↑n ↓n",
        "!",
        "●",
        "Enter edit",
        "Space link",
        "u undo",
        "Ctrl-s save",
        "←→↑↓ move",
    ] {
        assert!(
            screen.contains(needed),
            "{needed:?} not on help's first screen:\n{screen}"
        );
    }
    insta::assert_snapshot!("help_first_screen_80x24", screen);
}

#[test]
fn help_wraps_every_line_inside_its_box() {
    let state = example_state();
    for theme in [Theme::dark(), Theme::dark().with_glyphs(Glyphs::ASCII)] {
        for cells in [30, 58, 78, 120] {
            let lines = personas::ui::help::help_lines(&state, &theme, cells);
            assert!(lines.len() > 60, "every key is listed");
            for line in &lines {
                assert!(
                    line.width() <= cells,
                    "a help line of {} cells in {cells}: {line:?}",
                    line.width()
                );
            }
        }
    }
}

/// Every goal's text, the words joined, as each column of the screen shows it.
fn column_texts(screen: &str, w: u16, h: u16) -> [String; 3] {
    let areas = Areas::new((w, h), false);
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    areas.columns.map(|r| {
        let mut out = String::new();
        for row in rows.iter().skip(1).take(usize::from(r.height)) {
            let part: String = row
                .iter()
                .skip(usize::from(r.x))
                .take(usize::from(r.width))
                .collect();
            out.push(' ');
            out.push_str(part.trim());
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

fn goals_by_column() -> Vec<(Column, String)> {
    let ws = personas::store::example();
    ws.personas()
        .flat_map(|(c, p)| p.goals.iter().map(move |g| (c, g.text.clone())))
        .collect()
}

#[test]
fn at_120x40_every_goal_is_whole_and_at_80x24_shows_30_characters() {
    let screen = shot(120, 40, "");
    let texts = column_texts(&screen, 120, 40);
    for (column, goal) in goals_by_column() {
        assert!(
            texts[column.index()].contains(&goal),
            "{goal:?} is not whole at 120×40:\n{screen}"
        );
    }
    // At 80×24 a column may need scrolling: look at it from another column (so none of its
    // goals is the selected one, which is always whole), its cursor on each row in turn.
    let mut state = example_state();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    update(&mut state, Event::Resize(80, 24));
    let mut seen = [String::new(), String::new(), String::new()];
    for column in Column::ALL {
        state.column = if column == Column::Users {
            Column::Buyers
        } else {
            Column::Users
        };
        for row in 0..state.doc.row_count(column) {
            state.columns[column.index()].cursor = row;
            update(&mut state, Event::Idle);
            terminal
                .draw(|f| personas::ui::view(&state, f))
                .expect("draw");
            let screen = screen_text(terminal.backend().buffer());
            let texts = column_texts(&screen, 80, 24);
            seen[column.index()].push_str(&texts[column.index()]);
            seen[column.index()].push(' ');
        }
    }
    for (column, goal) in goals_by_column() {
        let head: String = goal.chars().take(30).collect();
        assert!(
            seen[column.index()].contains(head.trim_end()),
            "{head:?} not shown at 80×24 in {column:?}: {}",
            seen[column.index()]
        );
    }
}

#[test]
fn every_symbol_on_the_board_is_one_common_fonts_have() {
    let mut screens = Vec::new();
    for keys in ["", DEPARTMENT_GOAL, "j", "lja", "llj", "w", "3", "2", "i"] {
        for (w, h) in [(80, 24), (120, 40)] {
            screens.push(shot(w, h, keys));
        }
    }
    for screen in screens {
        for c in screen.chars() {
            let plain = c.is_alphanumeric() || c.is_ascii() || c == '\n';
            assert!(
                plain || COMMON_SYMBOLS.contains(c) || "←→—✓".contains(c),
                "{c:?} (U+{:04X}) is not in the listed set:\n{screen}",
                c as u32
            );
        }
    }
}

#[test]
fn the_real_binary_draws_link_lines_at_80x24() {
    let place = Place::new();
    place.example("acme.ron");
    let mut s = place.spawn(&["acme.ron"], 24, 80);
    s.wait_for("The Employee");
    s.wait_for("coverage");
    // To the department goal "Grow new-business revenue 20% this year": once selected it is
    // drawn whole, without the ellipsis.
    s.send_and_wait_change("l");
    s.press_gone("j", "revenue 20% this…");
    let areas = Areas::new((80, 24), false);
    let has_lines = || {
        let rows = s.rows();
        areas.gutters.iter().any(|g| {
            (g.y..g.y + g.height).any(|y| {
                rows.get(usize::from(y)).is_some_and(|row| {
                    row.chars()
                        .skip(usize::from(g.x))
                        .take(usize::from(g.width))
                        .any(|c| BOX.contains(c))
                })
            })
        })
    };
    s.wait_until("link lines in the gutters", |_| has_lines());
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn goal_lines_comes_from_the_config() {
    let config = personas::config::Config::parse("(goal_lines: One)").expect("valid");
    assert_eq!(config.goal_lines, GoalLines::One);
    let mut state = example_state();
    state.goal_lines = config.goal_lines;
    let screen = shot_with(state, 120, 40, "");
    assert!(!screen.contains("this year"), "one line each:\n{screen}");
}

#[test]
fn links_to_goals_hidden_by_o_are_not_drawn_as_off_screen() {
    // Only The Employee's chains (o on its persona row), every link on screen (a): the
    // department goals shown are also supported by The Manager's goals, which `o` hides.
    let full = shot(120, 40, "jjjjjjjjjjja");
    assert!(
        gutter_text(&full, 120, 40).contains('↑') || gutter_text(&full, 120, 40).contains('┼'),
        "without o the links reach other goals:\n{full}"
    );
    let screen = shot(120, 40, "oa");
    assert!(screen.contains("[only: The Employee]"), "{screen}");
    assert!(
        !screen.contains("Forecast my team"),
        "the Manager's goals are hidden:\n{screen}"
    );
    let gutters = gutter_text(&screen, 120, 40);
    assert!(
        gutters.chars().any(|c| BOX.contains(c)),
        "its links are drawn:\n{screen}"
    );
    // Hidden goals are neither above nor below the screen: no arrows, no counts.
    assert!(!gutters.contains('↑') && !gutters.contains('↓'), "{screen}");
    // Every line that leaves a gutter on the right ends at the first line of a goal shown.
    let areas = Areas::new((120, 40), false);
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    for (i, g) in areas.gutters.iter().enumerate() {
        let right = areas.columns[i + 1];
        for y in g.y..g.y + g.height {
            let row = &rows[usize::from(y)];
            if row.get(usize::from(g.x + g.width - 1)) == Some(&'─') {
                let lead: String = row.iter().skip(usize::from(right.x)).take(3).collect();
                assert!(
                    lead.contains('◆') || lead.contains('◇') || lead.contains('•'),
                    "a line ends at row {y} with no goal there ({lead:?}):\n{screen}"
                );
            }
        }
    }
}
