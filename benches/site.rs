//! `site build` on generated repositories of 500 and 1,000 ADRs with 20,000 commits: the whole
//! build (load, git history, render, write) through the library, then the release binary end
//! to end with its peak memory (`/usr/bin/time`). Run: `cargo bench --bench site`.

#![allow(clippy::expect_used)] // a benchmark fails loudly on a broken setup

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::process::Command;
use std::time::Duration;

#[path = "history.rs"]
#[allow(dead_code)]
mod corpora;

fn build_once(dir: &std::path::Path, out: &std::path::Path) {
    let ws = adrgov::repo::Workspace::discover(dir).expect("workspace");
    let loaded = ws.load().expect("load");
    let h = corpora::history_of(&ws, &loaded);
    let graph = adrgov::graph::Graph::of(&loaded, &ws.vocab);
    let today = adrgov::history::today::of_site(&loaded, Some(&h));
    let prep = adrgov::site::prepare(&ws, &loaded).expect("prepare");
    let options = adrgov::site::Options::default();
    let files = adrgov::site::Render::new(&ws, &loaded, &graph, Some(&h), today, &options)
        .expect("templates")
        .files(prep, &|_| {})
        .expect("render");
    adrgov::site::write(out, &files).expect("write");
}

/// The release binary, end to end, three times: wall seconds and peak resident memory.
fn end_to_end(dir: &std::path::Path, label: &str) {
    if !std::path::Path::new("/usr/bin/time").exists() {
        eprintln!("{label}: /usr/bin/time not found; no end-to-end memory figure");
        return;
    }
    for _ in 0..3 {
        let out = tempfile::tempdir().expect("tempdir");
        let o = Command::new("/usr/bin/time")
            .args(["-f", "%e s, peak %M KB"])
            .arg(env!("CARGO_BIN_EXE_adrgov"))
            .args(["site", "build", "--out"])
            .arg(out.path().join("site"))
            .current_dir(dir)
            .output()
            .expect("run adrgov");
        let err = String::from_utf8_lossy(&o.stderr);
        let last = err.lines().last().unwrap_or("");
        let kb: f64 = last
            .split("peak ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|k| k.parse().ok())
            .unwrap_or(0.0);
        println!("{label} end to end: {} ({:.0} MB)", last, kb / 1024.0);
    }
}

fn site(c: &mut Criterion) {
    let mut g = c.benchmark_group("site-build");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(12));
    for n in [500, 1_000] {
        let dir = corpora::corpus(n);
        g.bench_function(format!("{n}-adrs-20000-commits"), |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("tempdir"),
                |out| build_once(&dir, &out.path().join("site")),
                BatchSize::PerIteration,
            )
        });
        end_to_end(&dir, &format!("{n} ADRs"));
    }
    g.finish();
}

criterion_group!(benches, site);
criterion_main!(benches);
