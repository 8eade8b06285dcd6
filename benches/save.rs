//! Save: serialise + atomic write (temporary file, fsync, rename, fsync of the directory), at S
//! and L; and the UI-thread cost of starting a save: `update` with Ctrl-s, which hands the writer
//! an `Arc` snapshot of the workspace. Target at L: starting a save ≤ 5 ms.
//!
//! Also measured: the first edit made while a save still holds the snapshot (it copies the
//! workspace once, `Arc::make_mut`), so its cost is known.

mod common;

use std::hint::black_box;

use common::*;
use criterion::{BatchSize, criterion_main};
use personas::app::{Effect, update};
use personas::model::generate::Size;

fn benches() {
    let mut c = criterion();
    for size in SIZES {
        let ws = workspace(size);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.ron");
        let mut group = c.benchmark_group(format!("save/{size}"));
        tune(&mut group, size);
        group.bench_function("serialise (to_ron)", |b| {
            b.iter(|| black_box(personas::store::to_ron(&ws)))
        });
        group.bench_function("serialise + atomic write", |b| {
            b.iter(|| personas::store::save(&path, &ws).expect("save"))
        });
        let mut state = state(size);
        group.bench_function("start a save (update Ctrl-s)", |b| {
            b.iter(|| {
                let effects = update(&mut state, ctrl('s'));
                assert!(matches!(effects.as_slice(), [Effect::Save { .. }]));
                state.saving = false;
                black_box(effects)
            })
        });
        group.bench_function("first edit while a save holds the snapshot", |b| {
            b.iter_batched(
                || {
                    let mut s = state.clone();
                    let effects = update(&mut s, ctrl('s'));
                    update(&mut s, key(ratatui::crossterm::event::KeyCode::Down));
                    update(&mut s, key(ratatui::crossterm::event::KeyCode::Enter));
                    update(&mut s, ch('x'));
                    (s, effects)
                },
                |(mut s, effects)| {
                    update(&mut s, ctrl('s'));
                    (s, effects)
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
        let runs = if size == Size::L { 200 } else { 2000 };
        let start = timed(
            runs,
            |_| (),
            |()| {
                let effects = update(&mut state, ctrl('s'));
                state.saving = false;
                drop(black_box(effects));
            },
        );
        figure(&format!("start save {size} median"), us(start.median));
        figure(&format!("start save {size} p99"), us(start.p99));
        let write = timed(
            if size == Size::L { 5 } else { 50 },
            |_| (),
            |()| personas::store::save(&path, &ws).expect("save"),
        );
        figure(&format!("save {size} median"), ms(write.median));
    }
}

criterion_main!(benches);
