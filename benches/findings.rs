//! Chain highlight and findings, at S and L: computing the highlighted chain of the selected goal
//! (and of a selected persona: all its goals), target ≤ 100 µs at L; all findings and the chain
//! coverage from scratch, target ≤ 20 ms at L (the app recomputes them only for what a change
//! touches, never per frame).

mod common;

use std::hint::black_box;

use common::*;
use criterion::criterion_main;
use personas::app::{Event, update};
use personas::model::generate::Size;
use personas::model::{Column, LinkIndex, coverage, findings};
use personas::ui::board::highlighted_chain;

fn benches() {
    let mut c = criterion();
    for size in SIZES {
        let mut state = state(size);
        let mut group = c.benchmark_group(format!("chains/{size}"));
        // A department goal: links up to buyers and down to users, two levels each way.
        let column = Column::Departments;
        let persona = state.doc.workspace().column(column).len() / 2;
        state.column = column;
        state.columns[1].cursor = state.doc.row_of(column, persona, Some(2));
        update(&mut state, Event::Idle);
        group.bench_function("highlight: department goal", |b| {
            b.iter(|| black_box(highlighted_chain(black_box(&state))))
        });
        let goal = timed(
            2000,
            |_| (),
            |()| drop(black_box(highlighted_chain(&state))),
        );
        let column = Column::Users;
        let persona = state.doc.workspace().column(column).len() / 2;
        state.column = column;
        state.columns[0].cursor = state.doc.row_of(column, persona, Some(0));
        update(&mut state, Event::Idle);
        group.bench_function("highlight: user goal", |b| {
            b.iter(|| black_box(highlighted_chain(black_box(&state))))
        });
        state.columns[0].cursor = state.doc.row_of(column, persona, None);
        update(&mut state, Event::Idle);
        group.bench_function("highlight: persona (all its goals)", |b| {
            b.iter(|| black_box(highlighted_chain(black_box(&state))))
        });
        let persona_chain = timed(
            2000,
            |_| (),
            |()| drop(black_box(highlighted_chain(&state))),
        );
        let ws = state.doc.workspace();
        let index = LinkIndex::build(ws);
        group.bench_function("all findings + coverage", |b| {
            b.iter(|| black_box((findings(ws, &index), coverage(ws, &index))))
        });
        group.finish();
        let all = timed(
            if size == Size::L { 20 } else { 500 },
            |_| (),
            |()| drop(black_box((findings(ws, &index), coverage(ws, &index)))),
        );
        figure(&format!("highlight {size} goal median"), us(goal.median));
        figure(&format!("highlight {size} goal p99"), us(goal.p99));
        figure(
            &format!("highlight {size} persona median"),
            us(persona_chain.median),
        );
        figure(&format!("findings+coverage {size} median"), ms(all.median));
    }
}

criterion_main!(benches);
