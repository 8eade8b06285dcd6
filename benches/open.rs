//! Open: read + parse + validate + build the link index (what opening a file costs), against a
//! bare `ron` parse of the same text into the same serde structs, at S and L, in the same run.
//! Target at L: ≤ 2× the bare parse (issue 10: one reader, the serde structs of
//! `store::format`, so the layout is written down once).
//!
//! "ours via ron" times the same steps by hand, so the cost of the checks and the index over a
//! ron parse stays visible.

mod common;

use common::*;
use criterion::criterion_main;
use personas::app::Document;
use personas::model::LinkIndex;
use personas::store::format::FileWorkspace;
use ron::extensions::Extensions;

fn bare_parse(text: &str) -> FileWorkspace {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
        .expect("parses")
}

fn open(path: &std::path::Path) -> (personas::model::Workspace, LinkIndex) {
    let ws = personas::store::load(path).expect("loads");
    let index = LinkIndex::build(&ws);
    (ws, index)
}

/// What `store::load` does for a file that is not in the written layout: ron, then the same
/// checks and index.
fn open_via_ron(path: &std::path::Path) -> (personas::model::Workspace, LinkIndex) {
    let text = std::fs::read_to_string(path).expect("read");
    let ws = personas::model::Workspace::from(bare_parse(&text));
    assert!(personas::model::validate(&ws).is_empty());
    let index = LinkIndex::build(&ws);
    (ws, index)
}

fn benches() {
    let mut c = criterion();
    for size in SIZES {
        let (_dir, path) = file(size);
        let text = std::fs::read_to_string(&path).expect("read");
        let mut group = c.benchmark_group(format!("open/{size}"));
        tune(&mut group, size);
        // Freeing the result is left out of every timing (`iter_with_large_drop`).
        group.bench_function("ours: read+parse+validate+index", |b| {
            b.iter_with_large_drop(|| open(&path))
        });
        group.bench_function("bare: ron::from_str", |b| {
            b.iter_with_large_drop(|| bare_parse(&text))
        });
        group.bench_function("ours via ron: read+ron+validate+index", |b| {
            b.iter_with_large_drop(|| open_via_ron(&path))
        });
        group.bench_function("app: read+parse+validate+Document::new", |b| {
            b.iter_with_large_drop(|| Document::new(personas::store::load(&path).expect("loads")))
        });
        group.finish();
        let runs = if size == personas::model::generate::Size::L {
            7
        } else {
            50
        };
        let (ours, bare) = interleaved(runs, || open(&path), || bare_parse(&text));
        figure(&format!("open {size} ours median"), ms(ours.median));
        figure(&format!("open {size} bare median"), ms(bare.median));
        figure(
            &format!("open {size} ours / bare"),
            format!("{:.2}", ratio(ours.median, bare.median)),
        );
        let (via_ron, bare) = interleaved(runs, || open_via_ron(&path), || bare_parse(&text));
        figure(&format!("open {size} via ron median"), ms(via_ron.median));
        figure(
            &format!("open {size} via ron / bare"),
            format!("{:.2}", ratio(via_ron.median, bare.median)),
        );
        figure(&format!("open {size} file bytes"), text.len());
    }
}

criterion_main!(benches);
