//! Presenter mode (SPEC §12) on a `TestBackend`: each kind of slide at 80×24 and 120×40 as text
//! snapshots, a chain that goes on to a continuation slide, a 300-character goal, every goal of
//! every chain shown whole on some slide, and the slides telling the chains in the story's order.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use common::tui::{key, run_script, screen_text, typed};
use personas::app::present::{Deck, LineKind, Screen, Slide, SlideKind, Source};
use personas::app::{Event, State};
use personas::model::{Chains, Goal, LinkIndex, Persona, Workspace, findings_and_coverage};
use ratatui::crossterm::event::KeyCode;

fn example() -> Workspace {
    personas::store::example()
}

fn goal(id: &str, text: &str, metric: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        metric: metric.into(),
        supports: supports.iter().map(|s| (*s).to_string()).collect(),
        ..Goal::default()
    }
}

fn persona(id: &str, name: &str, goals: Vec<Goal>) -> Arc<Persona> {
    Arc::new(Persona {
        id: id.into(),
        name: name.into(),
        goals,
        ..Persona::default()
    })
}

/// The user goal of 300 characters (words, so it wraps).
fn long_text() -> String {
    let text = format!(
        "Answer every customer{} ok",
        " within one working day".repeat(12)
    );
    assert_eq!(text.chars().count(), 300);
    text
}

/// One buyer goal moved by four department goals, each moved by two user goals (one of them
/// 300 characters long): too long for one slide at 80×24.
fn long_chain() -> Workspace {
    let departments: Vec<Goal> = (1..=4)
        .map(|i| {
            goal(
                &format!("d{i}"),
                &format!("Department goal number {i}"),
                &format!("Department metric {i}"),
                &["b1"],
            )
        })
        .collect();
    let mut users: Vec<Goal> = (1..=4)
        .flat_map(|i| {
            [
                goal(
                    &format!("u{i}a"),
                    &format!("User goal {i}a"),
                    &format!("User metric {i}a"),
                    &[&format!("d{i}")],
                ),
                goal(
                    &format!("u{i}b"),
                    &format!("User goal {i}b"),
                    "",
                    &[&format!("d{i}")],
                ),
            ]
        })
        .collect();
    users[0].text = long_text();
    Workspace {
        title: "Long chain".into(),
        columns: [
            vec![persona("user", "The User", users)],
            vec![persona("dept", "The Department", departments)],
            vec![persona(
                "buyer",
                "The Buyer",
                vec![goal("b1", "Grow revenue", "Revenue growth, %", &[])],
            )],
        ],
        conflicts: Vec::new(),
    }
}

/// The screen after `P` and then `keys`, on a `width`×`height` terminal.
fn slide_screen(ws: Workspace, width: u16, height: u16, keys: Vec<Event>) -> String {
    let mut state = State::new(ws, PathBuf::from("acme.ron"));
    let mut events = typed("P");
    events.extend(keys);
    let terminal = run_script(&mut state, width, height, events);
    screen_text(terminal.backend().buffer())
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn right(n: usize) -> Vec<Event> {
    (0..n).map(|_| key(KeyCode::Right)).collect()
}

#[test]
fn title_slide() {
    insta::assert_snapshot!("title_80x24", slide_screen(example(), 80, 24, vec![]));
    insta::assert_snapshot!("title_120x40", slide_screen(example(), 120, 40, vec![]));
}

#[test]
fn chain_slide() {
    insta::assert_snapshot!("chain_80x24", slide_screen(example(), 80, 24, right(1)));
    insta::assert_snapshot!("chain_120x40", slide_screen(example(), 120, 40, right(1)));
}

#[test]
fn gaps_slide() {
    let end = vec![key(KeyCode::End)];
    insta::assert_snapshot!("gaps_80x24", slide_screen(example(), 80, 24, end.clone()));
    insta::assert_snapshot!("gaps_120x40", slide_screen(example(), 120, 40, end));
}

#[test]
fn a_long_chain_goes_on_to_a_continuation_slide() {
    let first = slide_screen(long_chain(), 80, 24, right(1));
    assert!(first.contains("buyer goal 1/2"), "{first}");
    let second = slide_screen(long_chain(), 80, 24, right(2));
    assert!(second.contains("buyer goal 2/2"), "{second}");
    // The headline comes again on the continuation.
    assert!(second.contains("Grow revenue"), "{second}");
    insta::assert_snapshot!("long_chain_1_of_2_80x24", first);
    insta::assert_snapshot!("long_chain_2_of_2_80x24", second);
    insta::assert_snapshot!(
        "long_chain_120x40",
        slide_screen(long_chain(), 120, 40, right(1))
    );
}

/// A chain's two slides share its number: a number jumps to a chain's first slide, and going
/// back from the slide after it lands on its last one.
#[test]
fn a_number_jumps_to_a_chain_and_left_comes_back_to_its_last_slide() {
    let mut keys = typed("2");
    keys.push(key(KeyCode::Enter));
    let jumped = slide_screen(long_chain(), 80, 24, keys);
    assert!(jumped.contains("buyer goal 1/2 · slide 2/3"), "{jumped}");
    let mut keys = typed("3");
    keys.push(key(KeyCode::Enter));
    let gaps = slide_screen(long_chain(), 80, 24, keys.clone());
    assert!(gaps.contains("gaps · slide 3/3"), "{gaps}");
    keys.push(key(KeyCode::Left));
    let back = slide_screen(long_chain(), 80, 24, keys);
    assert!(back.contains("buyer goal 2/2 · slide 2/3"), "{back}");
    let mut keys = typed("4");
    keys.push(key(KeyCode::Enter));
    let none = slide_screen(long_chain(), 80, 24, keys);
    // There is no slide 4: the title stays.
    assert!(none.contains("title · slide 1/3"), "{none}");
}

#[test]
fn a_300_character_goal_is_shown_whole() {
    let screen = slide_screen(long_chain(), 80, 24, right(1));
    let squashed: String = screen.split_whitespace().collect();
    let wanted: String = long_text().split_whitespace().collect();
    assert!(squashed.contains(&wanted), "{screen}");
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn digits_and_enter_jump_to_a_slide_and_home_goes_back() {
    let mut keys = typed("3");
    keys.push(key(KeyCode::Enter));
    let third = slide_screen(example(), 80, 24, keys);
    assert!(third.contains("slide 3/9"), "{third}");
    assert!(third.contains("Become a top-three player"), "{third}");
    let mut keys = right(2);
    keys.push(key(KeyCode::Home));
    assert!(slide_screen(example(), 80, 24, keys).contains("title · slide 1/9"));
}

/// Every slide of the deck, each section laid out.
fn deck(ws: &Workspace, width: u16, height: u16) -> Vec<Slide> {
    let index = LinkIndex::build(ws);
    let (findings, coverage) = findings_and_coverage(ws, &index);
    let screen = Screen {
        width,
        height,
        unicode: true,
    };
    let source = Source {
        ws,
        index: &index,
        coverage,
        findings: &findings,
        findings_len: findings.len(),
    };
    Deck::all(&source, screen)
}

/// Every goal of every chain is on some slide, whole: the lines telling it, joined, hold its
/// whole text, and no line is cut (no `…`) or wider than the slide.
#[test]
fn every_goal_of_every_chain_is_on_a_slide_whole() {
    for ws in [example(), long_chain()] {
        for (width, height) in [(80, 24), (120, 40), (60, 16)] {
            let deck = deck(&ws, width, height);
            let index = LinkIndex::build(&ws);
            let chains = Chains::build(&ws, &index);
            let rows = usize::from(height) - 3;
            for slide in &deck {
                assert!(
                    slide.headline.rows() + slide.lines.len() <= rows,
                    "{width}×{height}: a slide is taller than the screen: {slide:?}"
                );
                for line in &slide.lines {
                    assert!(!line.text.contains('…'), "cut: {line:?}");
                    let w = unicode_width::UnicodeWidthStr::width(line.text.as_str());
                    let marker = match line.kind {
                        LineKind::Department | LineKind::User | LineKind::Gap | LineKind::Votes => {
                            2
                        }
                        _ => 0,
                    };
                    let cells = usize::from(width) - 4;
                    assert!(line.indent + marker + w <= cells, "too wide: {line:?}");
                }
            }
            let ids = chains.buyers.iter().flat_map(|b| {
                b.told().map(|t| match t {
                    personas::model::chains::Told::Buyer(b) => b.buyer_goal.clone(),
                    personas::model::chains::Told::Department(d) => d.department_goal.clone(),
                    personas::model::chains::Told::User(u) => u.to_string(),
                })
            });
            for id in ids {
                let text = index.goal(&ws, &id).expect("a goal").text.clone();
                let wanted: String = text.split_whitespace().collect();
                let shown = deck.iter().any(|s| {
                    let told: String = s
                        .lines
                        .iter()
                        .filter(|l| l.goal.as_deref() == Some(id.as_str()))
                        .map(|l| l.text.as_str())
                        .collect();
                    let headline: String = s.headline.text.split_whitespace().collect();
                    told.split_whitespace()
                        .collect::<String>()
                        .contains(&wanted)
                        || (s.about.as_deref() == Some(id.as_str()) && headline == wanted)
                });
                assert!(
                    shown,
                    "{width}×{height}: goal {id} is not on any slide whole"
                );
            }
        }
    }
}

/// Thousands of gaps are not all laid out for the room: the gaps slides list the first
/// `GAPS_LISTED` and say how many more there are; past `FINDINGS_LISTED` findings, their
/// number stands for them.
#[test]
fn many_gaps_are_counted_not_all_listed() {
    let users: Vec<Goal> = (0..120)
        .map(|i| goal(&format!("u{i}"), &format!("Lonely goal {i}"), "", &[]))
        .collect();
    let ws = Workspace {
        title: "Many gaps".into(),
        columns: [
            vec![persona("user", "The User", users)],
            Vec::new(),
            Vec::new(),
        ],
        conflicts: Vec::new(),
    };
    let slides = deck(&ws, 80, 24);
    let text: Vec<&str> = slides
        .iter()
        .filter(|s| s.kind == SlideKind::Gaps)
        .flat_map(|s| s.lines.iter().map(|l| l.text.as_str()))
        .collect();
    let all = text.join("\n");
    assert!(all.contains("Lonely goal 39"), "{all}");
    assert!(!all.contains("Lonely goal 40"), "{all}");
    assert!(all.contains("and 80 more user goals"), "{all}");
    assert!(all.contains("findings in all"), "{all}");
}

/// `personas export --format story` and the slides tell the same chains in the same order.
#[test]
fn the_slides_tell_the_chains_in_the_story_order() {
    let ws = example();
    let story = personas::export::render(&ws, personas::export::ExportFormat::Story);
    let index = LinkIndex::build(&ws);
    // The buyer goals in the order the story tells them.
    let mut told: Vec<(usize, String)> = ws
        .column(personas::model::Column::Buyers)
        .iter()
        .flat_map(|p| &p.goals)
        .filter_map(|g| {
            story
                .find(&format!("wants: {}", g.text))
                .map(|at| (at, g.id.clone()))
        })
        .collect();
    told.sort();
    let story_order: Vec<String> = told.into_iter().map(|(_, id)| id).collect();
    let deck = deck(&ws, 80, 24);
    let mut slide_order: Vec<String> = deck
        .iter()
        .filter(|s| s.kind == SlideKind::Chain)
        .filter_map(|s| s.about.clone())
        .collect();
    slide_order.dedup();
    assert!(slide_order.len() > 1, "{slide_order:?}");
    assert_eq!(slide_order, story_order);
    // Within a chain, the goals come in the story's order too.
    let chain = deck
        .iter()
        .find(|s| s.kind == SlideKind::Chain)
        .expect("a chain");
    let mut last = 0;
    for line in chain.lines.iter().filter(|l| l.first && l.goal.is_some()) {
        let text = &index
            .goal(&ws, line.goal.as_deref().expect("a goal"))
            .expect("g")
            .text;
        let at = story[last..].find(text.as_str()).map(|i| i + last);
        assert!(at.is_some(), "{text} is told out of order");
        last = at.expect("found");
    }
}

#[test]
fn after_a_vote_round_the_last_slide_is_the_goals_with_the_most_votes() {
    let mut ws = example();
    let mut voted = 0;
    for column in personas::model::Column::ALL {
        for p in ws.column_mut(column) {
            for g in &mut std::sync::Arc::make_mut(p).goals {
                match g.id.as_str() {
                    "employee-log-calls" => g.votes = 3,
                    "exec-revenue-growth" => g.votes = 5,
                    _ => continue,
                }
                voted += 1;
            }
        }
    }
    assert_eq!(voted, 2);
    let last = slide_screen(ws, 120, 40, vec![key(KeyCode::End)]);
    assert!(last.contains("votes · slide 10/10"), "{last}");
    let five = last.find("5 votes").expect("the goal with 5 votes");
    let three = last.find("3 votes").expect("the goal with 3 votes");
    assert!(five < three, "most votes first:\n{last}");
    // Without votes the deck ends on the gaps, as before.
    let gaps = slide_screen(example(), 120, 40, vec![key(KeyCode::End)]);
    assert!(gaps.contains("slide 9/9"), "{gaps}");
}
