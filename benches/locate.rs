//! A broken file is reported in time linear in its size (SPEC §7, issue 11.6): `check` on a file
//! with 1k, 8k and 64k dangling `supports` links (one a line), and on 64k dangling links all on
//! one line, from the text to the printed errors (parse, validate, locate every error, render the
//! first 100 and the count). Target: under 1 s at 64k; the growth from 1k to 64k is ~64×, not
//! the ~4,000× of searching the text again for every error.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// One user persona whose goal supports `n` goals that do not exist.
fn dangling(n: usize, one_line: bool) -> String {
    let sep = if one_line { " " } else { "\n        " };
    let links: Vec<String> = (0..n).map(|i| format!("\"ghost-{i}\",")).collect();
    format!(
        "(\n  format: 1,\n  title: \"dangling\",\n  users: [(\n    id: \"u\",\n    name: \"U\",\n    \
         goals: [(\n      id: \"g\",\n      text: \"t\",\n      supports: [{sep}{}\n      ],\n    )],\n  \
         )],\n)\n",
        links.join(sep)
    )
}

fn check(text: &str) -> String {
    match personas::store::parse(text) {
        Ok(_) => String::new(),
        Err(e) => e.render("dangling.ron"),
    }
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("check: dangling links");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in [1_000, 8_000, 64_000] {
        let text = dangling(n, false);
        assert!(check(&text).contains(&format!("({n} in all")));
        group.bench_with_input(BenchmarkId::new("one a line", n), &text, |b, text| {
            b.iter(|| black_box(check(black_box(text))))
        });
    }
    let text = dangling(64_000, true);
    group.bench_with_input(
        BenchmarkId::new("all on one line", 64_000),
        &text,
        |b, text| b.iter(|| black_box(check(black_box(text)))),
    );
    group.finish();
}

criterion_group! {
    name = locate;
    config = Criterion::default().configure_from_args();
    targets = benches
}
criterion_main!(locate);
