//! The history pass on generated repositories (the project's generator, `tests/gen`) of 100, 1,000
//! and 5,000 ADRs with 20,000 commits, beside `git log --full-history --name-status -- DIR` on
//! the same repository (the C baseline): cold (no history cache in `.git/adrgov/`) and warm
//! (the cache one earlier call left). Repositories are generated once into
//! `target/bench-corpora/`. Run: `cargo bench --bench history`.

#![allow(clippy::expect_used)] // a benchmark fails loudly on a broken setup

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const COMMITS: usize = 20_000;

/// The history pass over every ADR `loaded` holds, as the commands run it (for the `check` and
/// `site` benches, which include this file as a module; this bench times the call inline).
#[allow(dead_code)]
pub(crate) fn history_of(
    ws: &adrgov::repo::Workspace,
    loaded: &adrgov::repo::Loaded,
) -> adrgov::history::History {
    let paths = loaded.paths();
    let dir_rel = ws.dir_rel.clone().expect("dir");
    adrgov::history::read(ws.git(), std::slice::from_ref(&dir_rel), &paths, &ws.vocab)
}

#[path = "../tests/gen/mod.rs"]
mod generator;

/// Generates (once) a repository with `adrs` ADRs and its manifest.
pub(crate) fn corpus(adrs: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(format!("target/bench-corpora/nygard-{adrs}-{COMMITS}"));
    let manifest = generator::manifest_path(&dir);
    if !dir.join(".git").is_dir() || !manifest.is_file() {
        eprintln!("generating {} (once)…", dir.display());
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove a half-generated corpus");
        }
        let p = generator::Params::new(adrs, COMMITS, generator::Format::Nygard, 7);
        generator::generate_with_manifest(&dir, &p).expect("generate");
    }
    dir
}

/// Deletes the history cache `cache` (`.git/adrgov/`) if there is one.
fn remove_cache(cache: &Path) {
    if cache.exists() {
        std::fs::remove_dir_all(cache).expect("remove the history cache");
    }
}

fn history(c: &mut Criterion) {
    let mut g = c.benchmark_group("history");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for adrs in [100, 1_000, 5_000] {
        let dir = corpus(adrs);
        let ws = adrgov::repo::Workspace::discover(&dir).expect("workspace");
        let loaded = ws.load().expect("load");
        let paths = loaded.paths();
        let dir_rel = ws.dir_rel.clone().expect("dir");
        // Cold: no history cache (`.git/adrgov/`, issue 12) before each call, so this case
        // stays the cold walk once the library keeps one.
        let cache = dir.join(".git").join("adrgov");
        g.bench_function(format!("adrgov/{adrs}-adrs"), |b| {
            b.iter_batched(
                || remove_cache(&cache),
                |()| {
                    let h = adrgov::history::read(
                        ws.git(),
                        std::slice::from_ref(&dir_rel),
                        &paths,
                        &ws.vocab,
                    );
                    assert_eq!(h.by_path.len(), paths.len());
                    h
                },
                BatchSize::PerIteration,
            )
        });
        // Warm: the same read with the cache, after one call outside the measurement left
        // the cache behind.
        remove_cache(&cache);
        let opts = adrgov::history::Options {
            cache: true,
            on_progress: &|_| {},
        };
        let dirs = std::slice::from_ref(&dir_rel);
        let first = adrgov::history::read_with(ws.git(), dirs, &paths, &ws.vocab, &opts);
        assert_eq!(first.by_path.len(), paths.len());
        g.bench_function(format!("history warm/{adrs}-adrs"), |b| {
            b.iter(|| {
                let h = adrgov::history::read_with(ws.git(), dirs, &paths, &ws.vocab, &opts);
                assert_eq!(h.by_path.len(), paths.len());
                h
            })
        });
        remove_cache(&cache);
        g.bench_function(format!("git-log/{adrs}-adrs"), |b| {
            b.iter(|| {
                let out = Command::new("git")
                    .args([
                        "log",
                        "--full-history",
                        "--name-status",
                        "--format=%H %an %ad",
                        "--",
                    ])
                    .arg(&dir_rel)
                    .current_dir(&dir)
                    .output()
                    .expect("git log");
                assert!(out.status.success());
                out.stdout.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
