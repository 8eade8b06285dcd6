//! Merge and diff (SPEC §9) at S and L: the three-way merge by ids of two edited copies (each
//! side renames a persona, edits a goal, adds a persona), and `diff` of the two copies. Not a
//! frame-time target (merge and diff are commands, not keystrokes); kept so a slowdown shows.
//!
//! `merge/growth` checks SPEC §8's "linear" (4× the personas: at most 5× the time): an empty
//! base, ours with N personas, theirs the same N plus one in the middle, at 20k, 40k and 80k
//! (a `Vec::insert` at a searched position once made this quadratic: 0.23 s, 1.16 s, 6.9 s).

mod common;

use std::hint::black_box;

use common::*;
use criterion::BenchmarkId;
use criterion::criterion_main;
use personas::model::{Goal, Persona, Workspace};
use std::sync::Arc;

fn edited(base: &Workspace, side: &str, at: usize) -> Workspace {
    let mut ws = base.clone();
    Arc::make_mut(&mut ws.columns[0][at]).name = format!("{side} renamed");
    Arc::make_mut(&mut ws.columns[1][at]).goals[0].text = format!("{side} edited");
    ws.columns[2].insert(
        at,
        Arc::new(Persona {
            id: format!("{side}-new"),
            name: format!("{side} new"),
            ..Persona::default()
        }),
    );
    ws
}

/// `n` users, each with one goal.
fn users(n: usize) -> Workspace {
    let mut ws = Workspace::default();
    ws.columns[0] = (0..n)
        .map(|i| {
            Arc::new(Persona {
                id: format!("u{i}"),
                name: format!("User {i}"),
                goals: vec![Goal {
                    id: format!("g{i}"),
                    text: format!("Goal {i}"),
                    ..Goal::default()
                }],
                ..Persona::default()
            })
        })
        .collect();
    ws
}

fn growth(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("merge/growth");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(300));
    group.measurement_time(std::time::Duration::from_secs(2));
    let base = Workspace::default();
    for n in [20_000, 40_000, 80_000] {
        let ours = users(n);
        let mut theirs = ours.clone();
        theirs.columns[0].insert(
            n / 2,
            Arc::new(Persona {
                id: "theirs-new".into(),
                name: "Theirs new".into(),
                ..Persona::default()
            }),
        );
        group.bench_with_input(BenchmarkId::new("empty base, N + 1", n), &n, |b, _| {
            b.iter(|| black_box(personas::merge::merge(&base, &ours, &theirs)))
        });
    }
    group.finish();
}

fn benches() {
    let mut c = criterion();
    growth(&mut c);
    for size in SIZES {
        let base = workspace(size);
        let (ours, theirs) = (edited(&base, "ours", 1), edited(&base, "theirs", 3));
        let mut group = c.benchmark_group(format!("merge/{size}"));
        tune(&mut group, size);
        group.bench_function("three-way merge", |b| {
            b.iter(|| black_box(personas::merge::merge(&base, &ours, &theirs)))
        });
        group.bench_function("diff", |b| {
            b.iter(|| black_box(personas::diff::diff(&ours, &theirs)))
        });
        group.finish();
    }
}

criterion_main!(benches);
