//! Interactions: what a person waits on, at S and L, each step timed as `update` + a full draw
//! at 120×40 (what the app loop does for every event). A scripted session runs several times;
//! each step's **maximum** over the runs is printed as a `FIGURE` line, then the worst step.
//! The median is printed beside it, to tell a slow step from a busy machine (a 2-core VM shared
//! with other work preempts a run now and then).
//! Target (SPEC §8): every step ≤ 16 ms at L, ≤ 2 ms at S.
//!
//! The script: `/` and a 14-letter query, Enter, `n`; `2` and `3` right after a change; a new
//! persona and its first goal through their forms; delete, undo, redo; `f`, `o`; `w` three
//! times and `a` twice; the link picker opened, filtered, moved in, toggled twice and closed;
//! Ctrl-s and an edit while the save still holds its snapshot; presenter mode (`P`, the slides
//! built), a slide change (→, End, Home) and Esc back to the board.

mod common;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use personas::app::{Effect, Event, Mode, State, update};
use personas::model::generate::Size;
use personas::model::{Column, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// Runs of the script at each size (the figures are the maximum over them).
fn runs(size: Size) -> usize {
    match size {
        Size::L => 8,
        _ => 40,
    }
}

const QUERY: &str = "security audit";

/// Not one frame but several: from a key to the last slice of its search (left out of the
/// worst step).
const LATENCY: &str = "search: a key until its results are complete (several frames)";

/// The maximum time of each step, by step name, in script order.
#[derive(Default)]
struct Worst {
    order: Vec<&'static str>,
    max: BTreeMap<&'static str, Duration>,
    all: BTreeMap<&'static str, Vec<Duration>>,
    /// The time of the last step noted.
    last: Duration,
}

impl Worst {
    fn note(&mut self, step: &'static str, took: Duration) {
        if !self.max.contains_key(step) {
            self.order.push(step);
        }
        let slot = self.max.entry(step).or_default();
        *slot = (*slot).max(took);
        self.all.entry(step).or_default().push(took);
        self.last = took;
    }
}

/// One session on a generated workspace, timing each step into `worst`.
struct Script<'a> {
    state: State,
    t: Terminal<TestBackend>,
    worst: &'a mut Worst,
    /// A snapshot held as a writer thread holds it during a save.
    held: Option<Arc<Workspace>>,
    /// A department persona with links, half way down (new personas go in after it).
    middle: usize,
}

impl Script<'_> {
    /// Timed: one event and a full draw.
    fn step(&mut self, name: &'static str, event: Event) {
        let start = Instant::now();
        let effects = black_box(update(&mut self.state, event));
        draw(&mut self.t, &self.state);
        let took = start.elapsed();
        self.worst.note(name, took);
        for effect in effects {
            if let Effect::Save { workspace, .. } = effect {
                self.held = Some(workspace);
            }
        }
    }

    /// Timed: one idle turn of the loop doing work left (a slice of a search), and a full draw.
    fn work(&mut self, name: &'static str) {
        let start = Instant::now();
        self.state.work();
        draw(&mut self.t, &self.state);
        self.worst.note(name, start.elapsed());
    }

    /// Untimed: an event that prepares a step.
    fn quiet(&mut self, event: Event) {
        for effect in update(&mut self.state, event) {
            if let Effect::Save { workspace, .. } = effect {
                self.held = Some(workspace);
            }
        }
    }

    /// Puts the cursor on goal `goal` of persona `persona` of a column.
    fn go(&mut self, column: Column, persona: usize, goal: Option<usize>) {
        self.state.column = column;
        self.state.columns[column.index()].cursor = self.state.doc.row_of(column, persona, goal);
        self.quiet(Event::Idle);
        draw(&mut self.t, &self.state);
    }

    /// Untimed: a one-letter edit of a goal's text, committed.
    fn change(&mut self, run: usize) {
        let personas = self.state.doc.workspace().column(Column::Users).len();
        self.go(Column::Users, (run * 7 + 3) % personas, Some(run % 3));
        self.quiet(key(KeyCode::Enter));
        assert!(matches!(self.state.mode, Mode::Form(_)), "edit form opens");
        self.quiet(key(KeyCode::End));
        self.quiet(ch('x'));
        self.quiet(ctrl('s'));
        assert!(matches!(self.state.mode, Mode::Normal), "edit commits");
    }

    fn run(&mut self, run: usize) {
        let middle = self.middle;
        self.go(Column::Departments, middle, Some(1));

        // Search.
        self.step("search: /", ch('/'));
        for c in QUERY.chars() {
            self.step("search: each key of a 14-letter query", ch(c));
            // A pause in typing: the loop runs the rest of the search a slice per frame.
            let start = Instant::now();
            while self.state.busy() {
                self.work("search: each frame finishing the results");
            }
            self.worst.note(LATENCY, start.elapsed() + self.worst.last);
        }
        self.step("search: Enter", key(KeyCode::Enter));
        self.step("search: n", ch('n'));

        // Views right after a change.
        self.change(run);
        self.step("2 Chains view after a change", ch('2'));
        self.step("Chains view: PgDn", key(KeyCode::PageDown));
        self.step("Chains view: End", key(KeyCode::End));
        self.quiet(ch('1'));
        self.change(run + 1);
        self.step("3 Gaps view after a change", ch('3'));
        self.step("Gaps view: End", key(KeyCode::End));
        self.quiet(ch('1'));

        // A new persona and its first goal through their forms.
        self.go(Column::Departments, middle, None);
        self.step("p: open the new persona form", ch('p'));
        for c in "Ops".chars() {
            self.step("form: each key typed", ch(c));
        }
        self.step("commit a new persona (Ctrl-s)", ctrl('s'));
        if matches!(self.state.mode, Mode::Normal) {
            // No goal form opened by itself: `g` opens it on the new persona.
            self.step("g: open the new goal form", ch('g'));
        }
        assert!(matches!(self.state.mode, Mode::Form(_)), "goal form opens");
        for c in "Fast".chars() {
            self.step("form: each key typed", ch(c));
        }
        self.step("commit a new goal (Ctrl-s)", ctrl('s'));
        assert!(matches!(self.state.mode, Mode::Normal), "goal commits");

        // Delete (a goal with links: it asks first), undo, redo.
        self.go(Column::Departments, middle, Some(1));
        self.step("d: delete a goal (asks)", ch('d'));
        if matches!(self.state.mode, Mode::Prompt(_)) {
            self.step("y: delete confirmed", ch('y'));
        }
        self.step("u: undo", ch('u'));
        self.step("Ctrl-r: redo", ctrl('r'));
        self.quiet(ch('u'));
        self.go(Column::Departments, middle, None);
        self.step("d: delete a persona (asks)", ch('d'));
        if matches!(self.state.mode, Mode::Prompt(_)) {
            self.step("y: delete confirmed", ch('y'));
        }
        self.step("u: undo", ch('u'));
        self.step("Ctrl-r: redo", ctrl('r'));
        self.step("u: undo", ch('u'));

        // Focus and the persona filter, on and off.
        self.go(Column::Departments, middle, Some(0));
        self.step("f: focus on", ch('f'));
        self.step("f: focus off", ch('f'));
        self.step("o: only this persona's chains", ch('o'));
        self.step("o: everything again", ch('o'));

        // Goal text lines and every link drawn, on and back.
        self.step("w: goal text lines (three times round)", ch('w'));
        self.step("w: goal text lines (three times round)", ch('w'));
        self.step("w: goal text lines (three times round)", ch('w'));
        self.step("a: every link on screen", ch('a'));
        self.step("a: only the chain's links", ch('a'));

        // The link picker on a department goal: open, filter, move, toggle twice, close.
        self.go(Column::Departments, middle, Some(0));
        self.step("Space: open the link picker", ch(' '));
        assert!(
            matches!(self.state.mode, Mode::LinkPicker(_)),
            "picker opens"
        );
        for c in "grow".chars() {
            self.step("picker: each filter letter", ch(c));
        }
        self.step("picker: move", key(KeyCode::Down));
        self.step("picker: Space toggles a link", ch(' '));
        self.step("picker: Space toggles a link", ch(' '));
        self.step("picker: Esc closes", key(KeyCode::Esc));

        // Save, and edit at once while the save holds its snapshot.
        self.step("Ctrl-s: save (hands over a snapshot)", ctrl('s'));
        assert!(self.held.is_some(), "a save was asked for");
        let personas = self.state.doc.workspace().column(Column::Users).len();
        self.go(Column::Users, (run * 11) % personas, Some(0));
        self.quiet(key(KeyCode::Enter));
        self.quiet(key(KeyCode::End));
        self.quiet(ch('z'));
        self.step("edit commit while a save holds its snapshot", ctrl('s'));
        if let Some(ws) = self.held.take() {
            drop(ws);
        }
        let saved = self.state.doc.state();
        self.quiet(Event::Saved {
            state: saved,
            result: Ok(()),
        });

        // Presenter mode (SPEC §12): a slide change within one frame.
        self.presenter();
    }

    /// `P`, slide changes and Esc.
    fn presenter(&mut self) {
        self.step("P: presenter mode (the slides built)", ch('P'));
        assert!(self.state.present.is_some(), "presenting");
        for _ in 0..3 {
            self.step("presenter: → next slide", key(KeyCode::Right));
        }
        self.step("presenter: End, Home", key(KeyCode::End));
        self.step("presenter: End, Home", key(KeyCode::Home));
        self.step("presenter: → next slide", key(KeyCode::Right));
        self.step("presenter: Esc back to the board", key(KeyCode::Esc));
        assert!(self.state.present.is_none(), "back on the board");
    }
}

fn main() {
    // `cargo test --benches` runs bench binaries with no arguments; `cargo bench` passes --bench.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // `cargo bench --bench interactions -- present`: the presenter's steps alone.
    let presenter_only = std::env::args().skip(1).any(|a| a.starts_with("present"));
    for size in SIZES {
        let mut worst = Worst::default();
        let state = state(size);
        let middle = state.doc.workspace().column(Column::Departments).len() / 2;
        let mut script = Script {
            middle,
            state,
            t: terminal(),
            worst: &mut worst,
            held: None,
        };
        draw(&mut script.t, &script.state);
        for run in 0..runs(size) {
            if presenter_only {
                script.presenter();
                continue;
            }
            script.run(run);
            // Leave search as it was found (Esc clears the last search).
            script.quiet(key(KeyCode::Esc));
        }
        drop(script);
        let mut overall: Option<(&str, Duration)> = None;
        for name in &worst.order {
            let took = worst.max[name];
            let median = spread(worst.all[name].clone()).median;
            figure(
                &format!("interaction {size} {name}"),
                format!("max {}  (median {})", ms(took), ms(median)),
            );
            if *name != LATENCY && overall.is_none_or(|(_, t)| took > t) {
                overall = Some((name, took));
            }
        }
        if let Some((name, took)) = overall {
            figure(
                &format!("interaction {size} worst step"),
                format!("{} ({name})", ms(took)),
            );
        }
    }
}
