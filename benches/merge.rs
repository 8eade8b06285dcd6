//! Merge and diff (SPEC §9) at S and L: the three-way merge by ids of two edited copies (each
//! side renames a persona, edits a goal, adds a persona), and `diff` of the two copies. Not a
//! frame-time target (merge and diff are commands, not keystrokes); kept so a slowdown shows.

mod common;

use std::hint::black_box;

use common::*;
use criterion::criterion_main;
use personas::model::{Persona, Workspace};
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

fn benches() {
    let mut c = criterion();
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
