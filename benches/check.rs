//! `check` on the generated 1,000-ADR / 20,000-commit repository, without and with the history
//! rules (which read git history). Run: `cargo bench --bench check`.

#![allow(clippy::expect_used)] // a benchmark fails loudly on a broken setup

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

#[path = "history.rs"]
#[allow(dead_code)]
mod corpora;

fn check(c: &mut Criterion) {
    let dir = corpora::corpus(1_000);
    let ws = adrgov::repo::Workspace::discover(&dir).expect("workspace");
    let levels = adrgov::check::Levels::new(&ws, &[], &[], &[]).expect("levels");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let mut g = c.benchmark_group("check");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    g.bench_function("without-history-rules/1000-adrs", |b| {
        b.iter(|| {
            let loaded = ws.load().expect("load");
            adrgov::check::check_loaded(&ws, &loaded, &levels, None, None, today)
        })
    });
    g.bench_function("with-history-rules/1000-adrs", |b| {
        b.iter(|| {
            let loaded = ws.load().expect("load");
            let h = corpora::history_of(&ws, &loaded);
            adrgov::check::check_loaded(&ws, &loaded, &levels, None, Some(&h), today)
        })
    });
    g.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
