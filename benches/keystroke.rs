//! Keystroke: what one key costs at S and L, as `update` + a full draw of the board at 120×40
//! (what the app loop does for every key): a cursor move, committing an edit, toggling a link
//! and undo. Target at L: p99 ≤ 1 ms. Criterion gives the mean and median; the p99 is computed
//! here from a few thousand timed keys and printed as `FIGURE … p99`.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::*;
use criterion::criterion_main;
use personas::app::{Event, Mode, State, update};
use personas::model::Column;
use personas::model::generate::Size;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// The app with the cursor on a user goal half way down its column.
fn keystroke_state(size: Size) -> State {
    let mut state = state(size);
    let persona = state.doc.workspace().column(Column::Users).len() / 2;
    state.columns[0].cursor = state.doc.row_of(Column::Users, persona, Some(0));
    update(&mut state, Event::Idle);
    state
}

fn key_and_draw(state: &mut State, t: &mut Terminal<TestBackend>, event: Event) {
    black_box(update(state, event));
    draw(t, state);
}

/// Moves the cursor down then up, so it stays in one place over many runs.
fn cursor_event(i: usize) -> Event {
    if i.is_multiple_of(2) {
        key(KeyCode::Down)
    } else {
        key(KeyCode::Up)
    }
}

/// Untimed: opens the form on one of the goals of the middle persona and types a letter, so
/// that Ctrl-s commits a real change.
fn prepare_edit(state: &mut State, i: usize) -> Event {
    let persona = state.doc.workspace().column(Column::Users).len() / 2;
    state.column = Column::Users;
    state.columns[0].cursor = state.doc.row_of(Column::Users, persona, Some(i % 5));
    update(state, key(KeyCode::Enter));
    assert!(matches!(state.mode, Mode::Form(_)));
    update(state, key(KeyCode::End));
    update(state, ch(if i.is_multiple_of(2) { 'x' } else { 'y' }));
    ctrl('s')
}

/// Untimed: marks a user goal for linking and puts the cursor on a department goal, so that
/// Space links them (or unlinks them, every other time).
fn prepare_link(state: &mut State) -> Event {
    let persona = state.doc.workspace().column(Column::Users).len() / 2;
    let from = state.doc.workspace().column(Column::Users)[persona].goals[0]
        .id
        .clone();
    state.mode = Mode::Linking { from };
    state.column = Column::Departments;
    let dept = state.doc.workspace().column(Column::Departments).len() / 2;
    state.columns[1].cursor = state.doc.row_of(Column::Departments, dept, Some(1));
    key(KeyCode::Char(' '))
}

/// Untimed: makes a change (a link toggle) so that there is something to undo.
fn prepare_undo(state: &mut State) -> Event {
    let space = prepare_link(state);
    update(state, space);
    ch('u')
}

/// Runs `n` keys, each after its untimed preparation, and returns the time of each
/// `update` + draw.
fn keys(
    state: &mut State,
    t: &mut Terminal<TestBackend>,
    n: u64,
    prepare: Prepare,
) -> Vec<Duration> {
    (0..n as usize)
        .map(|i| {
            let event = prepare(state, i);
            let start = Instant::now();
            key_and_draw(state, t, event);
            start.elapsed()
        })
        .collect()
}

/// Prepares the state for the `i`th key of a kind (untimed) and returns the key.
type Prepare = fn(&mut State, usize) -> Event;

const OPS: [(&str, Prepare); 4] = [
    ("cursor move", |_, i| cursor_event(i)),
    ("edit commit", prepare_edit),
    ("link toggle", |s, _| prepare_link(s)),
    ("undo", |s, _| prepare_undo(s)),
];

fn benches() {
    let mut c = criterion();
    for size in SIZES {
        let mut state = keystroke_state(size);
        let mut t = terminal();
        let mut group = c.benchmark_group(format!("keystroke/{size}"));
        for (name, prepare) in OPS {
            group.bench_function(name, |b| {
                b.iter_custom(|n| keys(&mut state, &mut t, n, prepare).into_iter().sum())
            });
        }
        group.finish();
        for (name, prepare) in OPS {
            let mut state = keystroke_state(size);
            let s = spread(keys(&mut state, &mut t, 3000, prepare));
            figure(
                &format!("keystroke {size} {name}"),
                format!(
                    "median {}  p99 {}  max {}",
                    us(s.median),
                    us(s.p99),
                    us(s.max)
                ),
            );
        }
    }
}

criterion_main!(benches);
