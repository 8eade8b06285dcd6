//! Chain highlight and findings, at S and L: computing the highlighted chain of the selected goal
//! (and of a selected persona: all its goals), target ≤ 100 µs at L; all findings and the chain
//! coverage from scratch, target ≤ 20 ms at L; and what the app does instead after a change
//! (it recomputes the facts of the goals the change touched, never anything per frame).

mod common;

use std::hint::black_box;

use common::*;
use criterion::criterion_main;
use personas::app::document::Edit;
use personas::app::{Document, Event, Spot, update};
use personas::model::generate::Size;
use personas::model::{Column, LinkIndex, findings_and_coverage};
use personas::ui::board::highlighted_chain;

fn benches() {
    let mut c = criterion();
    for size in SIZES {
        let mut state = state(size);
        let mut group = c.benchmark_group(format!("chains/{size}"));
        // The department goal with the most links in the middle persona: links up to buyers
        // and down to users, two levels each way.
        let column = Column::Departments;
        let persona = state.doc.workspace().column(column).len() / 2;
        let links = |g: &personas::model::Goal| {
            g.supports.len() + state.doc.derived().index.supported_by(&g.id).len()
        };
        let goals = &state.doc.workspace().column(column)[persona].goals;
        let busiest = (0..goals.len())
            .max_by_key(|g| links(&goals[*g]))
            .unwrap_or(0);
        state.column = column;
        state.columns[1].cursor = state.doc.row_of(column, persona, Some(busiest));
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
        // Freeing the previous list is not part of computing one (`iter_with_large_drop`).
        group.bench_function("all findings + coverage", |b| {
            b.iter_with_large_drop(|| findings_and_coverage(ws, &index))
        });
        // What the app does instead after a change: the facts of the goals the change
        // touched (here a link toggled between a user goal and a department goal).
        let mut doc = state.doc.clone();
        let user = doc.workspace().column(Column::Users).len() / 2;
        let dept_goal = doc.workspace().column(Column::Departments)[persona].goals[0]
            .id
            .clone();
        let toggle = move |doc: &mut Document| {
            let mut p =
                personas::model::Persona::clone(&doc.workspace().column(Column::Users)[user]);
            let supports = &mut p.goals[0].supports;
            match supports.iter().position(|s| *s == dept_goal) {
                Some(at) => drop(supports.remove(at)),
                None => supports.push(dept_goal.clone()),
            }
            let edit = Edit::Set {
                column: Column::Users,
                index: user,
                persona: p,
            };
            doc.apply("toggle", vec![edit], Spot::default());
        };
        group.bench_function("after a change (incremental, as the app does)", |b| {
            b.iter(|| toggle(&mut doc))
        });
        group.finish();
        let incremental = timed(2000, |_| (), |()| toggle(&mut doc));
        figure(
            &format!("findings+coverage {size} after a change median"),
            us(incremental.median),
        );
        figure(
            &format!("findings+coverage {size} after a change p99"),
            us(incremental.p99),
        );
        // Each result is freed after its time is taken (not part of computing it).
        let all = spread(
            (0..if size == Size::L { 20 } else { 500 })
                .map(|_| {
                    let start = std::time::Instant::now();
                    let out = black_box(findings_and_coverage(ws, &index));
                    let took = start.elapsed();
                    drop(out);
                    took
                })
                .collect(),
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
