//! Keystroke: what one key costs at S and L, as `update` + a full draw of the board at 120×40
//! (what the app loop does for every key): a cursor move, committing an edit, opening the link
//! picker on a department goal (the biggest: buyer goals above, user goals below), a filter
//! letter and a move in it, toggling a link in it, and undo. Target at L: p99 ≤ 1 ms; for the
//! picker, within one 60 Hz frame (16 ms). Criterion gives the mean and median; the p99 is computed
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
    if matches!(state.mode, Mode::LinkPicker(_)) {
        update(state, key(KeyCode::Esc));
    }
    let persona = state.doc.workspace().column(Column::Users).len() / 2;
    state.column = Column::Users;
    state.columns[0].cursor = state.doc.row_of(Column::Users, persona, Some(i % 5));
    update(state, key(KeyCode::Enter));
    assert!(matches!(state.mode, Mode::Form(_)));
    update(state, key(KeyCode::End));
    update(state, ch(if i.is_multiple_of(2) { 'x' } else { 'y' }));
    ctrl('s')
}

/// Untimed: closes the picker if it is open, and puts the cursor on a goal of the middle
/// persona of `column`.
fn on_goal(state: &mut State, column: Column) {
    if matches!(state.mode, Mode::LinkPicker(_)) {
        update(state, key(KeyCode::Esc));
    }
    let persona = state.doc.workspace().column(column).len() / 2;
    state.column = column;
    state.columns[column.index()].cursor = state.doc.row_of(column, persona, Some(1));
}

/// Untimed: opens the picker on a department goal (the biggest one: the buyer goals above and
/// the user goals below) unless it is open already.
fn in_picker(state: &mut State) {
    if !matches!(state.mode, Mode::LinkPicker(_)) {
        on_goal(state, Column::Departments);
        update(state, key(KeyCode::Char(' ')));
        assert!(matches!(state.mode, Mode::LinkPicker(_)));
    }
}

/// Untimed: the picker open on a department goal, so that Space links (or unlinks, every other
/// time) the highlighted goal.
fn prepare_link(state: &mut State) -> Event {
    in_picker(state);
    key(KeyCode::Char(' '))
}

/// Untimed: the cursor on a department goal, so that Space opens the picker.
fn prepare_open(state: &mut State) -> Event {
    on_goal(state, Column::Departments);
    key(KeyCode::Char(' '))
}

/// Untimed: the picker open; the key types a filter letter, or takes it off again.
fn prepare_filter(state: &mut State) -> Event {
    in_picker(state);
    match &state.mode {
        Mode::LinkPicker(p) if p.filter.is_empty() => ch('g'),
        _ => key(KeyCode::Backspace),
    }
}

/// Untimed: the picker open; the key moves the highlight down, then up again.
fn prepare_picker_move(state: &mut State, i: usize) -> Event {
    in_picker(state);
    cursor_event(i)
}

/// Untimed: makes a change (a link toggle) and closes the picker, so that there is
/// something to undo.
fn prepare_undo(state: &mut State) -> Event {
    let space = prepare_link(state);
    update(state, space);
    update(state, key(KeyCode::Esc));
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

const OPS: [(&str, Prepare); 7] = [
    ("cursor move", |s, i| {
        if matches!(s.mode, Mode::LinkPicker(_)) {
            update(s, key(KeyCode::Esc));
        }
        cursor_event(i)
    }),
    ("edit commit", prepare_edit),
    ("picker open", |s, _| prepare_open(s)),
    ("picker filter key", |s, _| prepare_filter(s)),
    ("picker move", prepare_picker_move),
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
