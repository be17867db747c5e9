//! Crash safety: `supersede`, `renumber` and `check --fix` killed with SIGKILL at random
//! moments never leave a torn file. Every file is wholly what it was before the command or
//! wholly what the command, run to the end, makes of it; `check` still runs and reports.

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The files of `dir`, without the temporary files a killed writer may leave behind
/// (`.adrgov-*`, never read as ADRs); and how many of those there were.
fn files(dir: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, usize) {
    let all = snapshot_dir(dir);
    let temp = all
        .keys()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".adrgov-"))
        })
        .count();
    let kept = all
        .into_iter()
        .filter(|(p, _)| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".adrgov-"))
        })
        .collect();
    (kept, temp)
}

fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for (rel, bytes) in files(from).0 {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
}

fn numbers(dir: &Path) -> Vec<u32> {
    let mut v: Vec<u32> = std::fs::read_dir(dir.join("doc/adr"))
        .expect("read dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().to_string();
            if !name.ends_with(".md") {
                return None;
            }
            name.split('-').next()?.parse().ok()
        })
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn killed_writers_never_leave_a_torn_file() {
    let t = tempfile::tempdir().expect("tempdir");
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    for n in 1..=20u32 {
        let p = a.join(format!("doc/adr/{n:04}-decision-{n}.md"));
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        let body = format!(
            "# {n}. Decision {n}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n{}\n\n## Decision\n\nWe do {n}.\n\n## Consequences\n\nSome.\n",
            "Context line. ".repeat(200)
        );
        std::fs::write(p, body).expect("write");
    }
    let bin = env!("CARGO_BIN_EXE_adrgov");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut kills, mut mixed, mut iterations, mut leftovers) = (0, 0, 0, 0);
    while kills < 220 && iterations < 2_000 {
        iterations += 1;
        let nums = numbers(&a);
        let pick = |rng: &mut Rng| nums[rng.below(nums.len() as u64) as usize].to_string();
        let args: Vec<String> = match rng.below(3) {
            0 => {
                let (x, y) = (pick(&mut rng), pick(&mut rng));
                vec!["supersede".into(), x, y]
            }
            1 => {
                let free = nums.last().copied().unwrap_or(0) + 1 + rng.below(3) as u32;
                vec!["renumber".into(), pick(&mut rng), free.to_string()]
            }
            _ => {
                // Give --fix something to repair: drop a relation line from one side.
                let n: u32 = pick(&mut rng).parse().expect("number");
                let dir = a.join("doc/adr");
                if let Some(e) = std::fs::read_dir(&dir).expect("dir").flatten().find(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("{n:04}-"))
                }) {
                    let text = read(e.path());
                    let stripped: String = text
                        .split_inclusive('\n')
                        .filter(|l| !l.starts_with("Supersedes ["))
                        .collect();
                    std::fs::write(e.path(), stripped).expect("write");
                }
                vec!["check".into(), "--fix".into(), "--no-history".into()]
            }
        };
        let (before, _) = files(&a);
        // What the command makes of this state when it runs to the end.
        copy(&a, &b);
        let started = Instant::now();
        let full = Command::new(bin)
            .args(&args)
            .current_dir(&b)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        let took = started.elapsed();
        assert!(
            full.status.code().is_some_and(|c| c <= 2),
            "{args:?} crashed: {full:?}"
        );
        let (after, _) = files(&b);
        // The same command here, killed at a random moment of its run.
        let mut child = Command::new(bin)
            .args(&args)
            .current_dir(&a)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Mostly late in the run, where the writes are (start-up takes most of it).
        let t_us = took.as_micros() as u64;
        let delay = if rng.below(4) == 0 {
            rng.below(t_us + 1)
        } else {
            t_us / 2 + rng.below(t_us * 2 / 3 + 1)
        };
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait");
        if status.code().is_none() {
            kills += 1;
        }
        let (now, temp) = files(&a);
        leftovers = temp;
        let paths: BTreeSet<&PathBuf> = before
            .keys()
            .chain(after.keys())
            .chain(now.keys())
            .collect();
        let (mut old, mut new) = (0, 0);
        for p in paths {
            let (n, o, w) = (now.get(p), before.get(p), after.get(p));
            assert!(
                n == o || n == w,
                "iteration {iterations}, {args:?}: {} is neither the old nor the new file",
                p.display()
            );
            if o != w {
                if n == o {
                    old += 1;
                } else {
                    new += 1;
                }
            }
        }
        if old > 0 && new > 0 {
            mixed += 1;
        }
        // Whatever state the kill left, check runs and reports (0: clean, 1: findings).
        let r = adrgov(&a, &["check", "--no-history"]);
        assert!(
            r.code == 0 || r.code == 1,
            "check after a kill: {}{}",
            r.stdout,
            r.stderr
        );
    }
    eprintln!(
        "{iterations} runs, {kills} killed by SIGKILL, {mixed} stopped between two files, {leftovers} temporary files left at the end"
    );
    assert!(kills >= 200, "only {kills} kills in {iterations} runs");
    // Each write first removes what killed writers left behind: at most the last one's remain.
    assert!(leftovers <= 21, "{leftovers} temporary files accumulated");
}
