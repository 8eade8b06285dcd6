//! Shared by the benches: generated workspaces, the app state on a 120×40 screen, key events,
//! percentiles, and criterion settings that keep `cargo bench` short on a small machine.
#![allow(dead_code)] // each bench uses a different part of this module

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::Criterion;
use personas::app::{Event, State, update};
use personas::model::Workspace;
use personas::model::generate::{Size, generate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The sizes every bench runs at.
pub const SIZES: [Size; 2] = [Size::S, Size::L];

/// The screen the frame and keystroke benches draw on.
pub const SCREEN: (u16, u16) = (120, 40);

pub fn workspace(size: Size) -> Workspace {
    generate(size, 1)
}

/// The workspace saved to a file in a fresh temporary directory (kept alive by the guard).
pub fn file(size: Size) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("{size}.ron"));
    personas::store::save(&path, &workspace(size)).expect("save");
    (dir, path)
}

/// The app on a 120×40 screen, opened on a generated workspace.
pub fn state(size: Size) -> State {
    let mut state = State::new(workspace(size), PathBuf::from(format!("{size}.ron")));
    update(&mut state, Event::Resize(SCREEN.0, SCREEN.1));
    state
}

pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).expect("terminal")
}

/// One full frame: what the app loop does after every event.
pub fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal
        .draw(|f| personas::ui::view(state, f))
        .expect("draw");
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// Criterion for the benches: short warm-up and measurement, enough for stable medians.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args()
}

/// Sample count and measurement time for a group at a size: L runs are slow, so fewer samples.
pub fn tune(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    size: Size,
) {
    if size == Size::L {
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(3));
    }
}

/// Timing figures of many single runs.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn spread(mut samples: Vec<Duration>) -> Spread {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Spread {
        median: at(0.5),
        p99: at(0.99),
        max: at(1.0),
    }
}

/// Times `run` `n` times, calling `setup` (untimed) before each run.
pub fn timed<S>(n: usize, mut setup: impl FnMut(usize) -> S, mut run: impl FnMut(S)) -> Spread {
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let input = setup(i);
        let start = Instant::now();
        run(input);
        samples.push(start.elapsed());
    }
    spread(samples)
}

/// `n` runs of each of two closures, interleaved so that both see the same machine (a noisy
/// neighbour slows both alike); returns the spread of each. What a run returns is dropped
/// after its time is taken (freeing a large workspace is not part of making it).
pub fn interleaved<A, B>(
    n: usize,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> (Spread, Spread) {
    let (mut ta, mut tb) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        let out = std::hint::black_box(a());
        ta.push(t.elapsed());
        drop(out);
        let t = Instant::now();
        let out = std::hint::black_box(b());
        tb.push(t.elapsed());
        drop(out);
    }
    (spread(ta), spread(tb))
}

/// `a / b` of two durations.
pub fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// A line of the figures summary, easy to grep from the bench output: `FIGURE name: value`.
pub fn figure(name: &str, value: impl std::fmt::Display) {
    println!("FIGURE {name}: {value}");
}
