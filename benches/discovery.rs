//! Bad input for the search by content: a repository with 6,000 Markdown files (numbered
//! chapters, READMEs, changelogs in 300 directories) and no ADRs must answer "no ADR directory
//! found", naming where it looked, in well under a second. Generates the repository itself,
//! once with git (the index is searched) and once without (the work tree is walked).
//! Run: `cargo bench --bench discovery`.

#![allow(clippy::expect_used)] // a benchmark fails loudly on a broken setup

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::time::Duration;

const DIRS: usize = 300;
const PER_DIR: usize = 18;

/// Writes the repository: `docs/part-NNN/NN-chapter-N.md` chapters, a README and a CHANGELOG in
/// each directory, none with ADR structure (one chapter in six mentions a status or a
/// decision, as real prose does).
fn generate(root: &Path) {
    for d in 0..DIRS {
        let dir = root.join(format!("docs/part-{d:03}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        for f in 0..PER_DIR {
            let body = if f % 6 == 0 {
                "# Chapter\n\n## Background\n\nThe status of this part is stable.\n\nText.\n"
            } else {
                "# Chapter\n\nSome text about the tool, long enough to be a page.\n"
            };
            std::fs::write(dir.join(format!("{f:02}-chapter-{f}.md")), body).expect("write");
        }
        std::fs::write(dir.join("README.md"), "# Part\n").expect("write");
        std::fs::write(dir.join("CHANGELOG.md"), "# Changelog\n\n## 1.0.0\n").expect("write");
    }
}

fn git_add_all(root: &Path) {
    let repo = git2::Repository::init(root).expect("git init");
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
}

fn not_found(root: &Path) -> String {
    let ws = adrgov::repo::Workspace::discover(root).expect("workspace");
    let err = ws.adr_dir().expect_err("no ADR directory");
    err.to_string()
}

fn discovery(c: &mut Criterion) {
    let with_git = tempfile::tempdir().expect("tempdir");
    generate(with_git.path());
    git_add_all(with_git.path());
    let no_git = tempfile::tempdir().expect("tempdir");
    generate(no_git.path());
    let files = DIRS * (PER_DIR + 2);
    for (dir, area) in [(&with_git, "the git index"), (&no_git, "the work tree")] {
        let msg = not_found(dir.path());
        let looked = format!("searched {files} Markdown files in {DIRS} directories of {area}");
        assert!(
            msg.contains("no ADR directory found") && msg.contains(&looked),
            "{msg}"
        );
        let t = std::time::Instant::now();
        not_found(dir.path());
        eprintln!("{area}: {:?} for one answer: {msg}", t.elapsed());
    }
    let mut g = c.benchmark_group("discovery-no-adrs");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.bench_function(format!("git-index/{files}-markdown-files"), |b| {
        b.iter(|| not_found(with_git.path()))
    });
    g.bench_function(format!("work-tree/{files}-markdown-files"), |b| {
        b.iter(|| not_found(no_git.path()))
    });
    g.finish();
}

criterion_group!(benches, discovery);
criterion_main!(benches);
