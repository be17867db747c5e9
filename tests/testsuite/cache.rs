//! The history cache changes speed, never an answer: over randomly generated histories
//! (commits, renames, moves into and out of the ADR directory, branches, merges, merges that
//! change an ADR themselves, amends, rewritten history, branch switches), `list --format json`
//! and `history N --format json` with the cache equal the same commands without it, byte for
//! byte, after every step. And a damaged, foreign or unwritable cache is no error.

use crate::support::{Run, adrgov_env, git_env};
use proptest::prelude::*;
use std::path::Path;

/// A repository being played with, and the clock of its commits.
struct Play {
    dir: tempfile::TempDir,
    clock: u32,
    next_number: u32,
}

impl Play {
    fn new() -> Play {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut p = Play {
            dir,
            clock: 0,
            next_number: 1,
        };
        p.git(&["init", "-q", "-b", "main"]);
        p.new_adr();
        p.new_adr();
        p
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// git, with the play's clock as author and committer date (one hour per commit).
    fn git(&mut self, args: &[&str]) -> String {
        self.clock += 1;
        let date = format!("{} +0100", 1_700_000_000 + u64::from(self.clock) * 3600);
        let author = ["Ann", "Bob", "Cai"][(self.clock % 3) as usize];
        git_env(
            self.dir.path(),
            args,
            &[
                ("GIT_AUTHOR_DATE", &date),
                ("GIT_COMMITTER_DATE", &date),
                ("GIT_AUTHOR_NAME", author),
            ],
        )
    }

    /// git that may fail (a merge with a conflict); whether it succeeded.
    fn try_git(&mut self, args: &[&str]) -> bool {
        std::process::Command::new("git")
            .args(args)
            .current_dir(self.root())
            .env("GIT_AUTHOR_NAME", "Dee")
            .env("GIT_AUTHOR_EMAIL", "dee@example.com")
            .env("GIT_COMMITTER_NAME", "Dee")
            .env("GIT_COMMITTER_EMAIL", "dee@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.root())
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn commit(&mut self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// The ADR files in the work tree (relative paths), sorted.
    fn adrs(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![self.root().join("doc/adr")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "md") {
                    let rel = p.strip_prefix(self.root()).expect("inside");
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        out.sort();
        out
    }

    fn pick(&self, r: u64) -> Option<String> {
        let adrs = self.adrs();
        (!adrs.is_empty()).then(|| adrs[(r as usize) % adrs.len()].clone())
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_default()
    }

    fn new_adr(&mut self) {
        let n = self.next_number;
        self.next_number += 1;
        let rel = format!("doc/adr/{n:04}-decision-{n}.md");
        self.write(
            &rel,
            &format!(
                "# {n}. Decision {n}\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n\n## Context\n\nWhy {n}.\n\n## Decision\n\nWe do {n}.\n\n## Consequences\n\nSome.\n"
            ),
        );
        self.commit(&format!("add {n}"));
    }

    fn set_status(&mut self, r: u64) {
        let Some(rel) = self.pick(r) else { return };
        let text = self.read(&rel);
        let status = match r % 4 {
            0 => "Accepted".to_string(),
            1 => "Deprecated".to_string(),
            2 => "Superseded by [1. Decision 1](0001-decision-1.md)".to_string(),
            _ => "Proposed".to_string(),
        };
        let mut out = String::new();
        let mut after_status = false;
        for line in text.lines() {
            if after_status && !line.trim().is_empty() {
                out.push_str(&status);
                out.push('\n');
                after_status = false;
                continue;
            }
            after_status |= line.trim() == "## Status";
            out.push_str(line);
            out.push('\n');
        }
        self.write(&rel, &out);
        self.commit(&format!("status of {rel}"));
    }

    fn edit(&mut self, r: u64, message: &str) {
        let Some(rel) = self.pick(r) else { return };
        let text = self.read(&rel);
        self.write(&rel, &format!("{text}\nMore words {r}.\n"));
        self.commit(message);
    }

    /// A new file name (a new slug), or a move into a sub-directory and back.
    fn rename(&mut self, r: u64) {
        let Some(rel) = self.pick(r) else { return };
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
        let to = if rel.starts_with("doc/adr/archive/") {
            format!("doc/adr/{name}")
        } else if r.is_multiple_of(2) {
            format!("doc/adr/archive/{name}")
        } else {
            let number = &name[..4];
            format!("doc/adr/{number}-renamed-{}.md", r % 97)
        };
        if to == rel || self.root().join(&to).exists() {
            return;
        }
        std::fs::create_dir_all(self.root().join(&to).parent().expect("parent")).expect("mkdir");
        self.git(&["mv", &rel, &to]);
        self.commit(&format!("rename {rel}"));
    }

    /// The whole ADR directory moved out (to `old/`) in one commit and back in the next.
    fn move_out_and_back(&mut self) {
        // Nothing to move when no ADR is tracked there (a rewrite may have dropped them all).
        if !self.try_git(&["mv", "doc/adr", "old"]) {
            return;
        }
        self.commit("move the ADRs out");
        self.git(&["mv", "old", "doc/adr"]);
        self.commit("and back");
    }

    fn branch_name(&mut self) -> String {
        self.git(&["rev-parse", "--abbrev-ref", "HEAD"])
            .trim()
            .to_string()
    }

    /// A branch from a commit at most two back, one or two commits on it, merged (no fast
    /// forward); a conflicting merge is given up.
    fn branch_and_merge(&mut self, r: u64) {
        let here = self.branch_name();
        let back = (r % 3).min(self.commits().saturating_sub(1));
        let from = format!("HEAD~{back}");
        self.git(&["checkout", "-q", "-B", "topic", &from]);
        if r.is_multiple_of(2) {
            self.new_adr();
        } else {
            self.edit(r / 7, "edit on a branch");
        }
        if r.is_multiple_of(5) {
            self.edit(r / 11, "another edit on a branch");
        }
        self.git(&["checkout", "-q", &here]);
        if !self.try_git(&["merge", "-q", "--no-ff", "-m", "merge topic", "topic"]) {
            self.try_git(&["merge", "--abort"]);
        }
    }

    /// Both sides change one ADR; the merge writes a third text (the history splits).
    fn evil_merge(&mut self, r: u64) {
        let Some(rel) = self.pick(r) else { return };
        let here = self.branch_name();
        let base = self.read(&rel);
        self.git(&["checkout", "-q", "-B", "evil"]);
        self.write(&rel, &format!("{base}\nTheirs.\n"));
        self.commit("their side");
        self.git(&["checkout", "-q", &here]);
        self.write(&rel, &format!("Ours.\n{base}"));
        self.commit("our side");
        if !self.try_git(&["merge", "-q", "--no-ff", "--no-commit", "evil"]) {
            // A conflict: resolved by hand, as people do.
        }
        self.write(&rel, &format!("Ours.\n{base}\nTheirs and a fix.\n"));
        self.commit("merge evil");
    }

    fn amend(&mut self, r: u64) {
        let Some(rel) = self.pick(r) else { return };
        let text = self.read(&rel);
        self.write(&rel, &format!("{text}\nAmended {r}.\n"));
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--amend", "--reset-author", "-m", "amended"]);
    }

    /// History rewritten: one or two commits dropped (a rebase, a force-push), then new work.
    fn rewrite(&mut self, r: u64) {
        let back = 1 + r % 2;
        if self.commits() > back + 1 {
            self.git(&["reset", "-q", "--hard", &format!("HEAD~{back}")]);
        }
        self.edit(r / 3, "new work after a rewrite");
    }

    /// Switches to the other branch (a side branch from one commit back, with a commit).
    fn switch(&mut self, r: u64) {
        if self.branch_name() == "main" {
            let from = if self.commits() > 1 { "HEAD~1" } else { "HEAD" };
            self.git(&["checkout", "-q", "-B", "side", from]);
            self.edit(r, "work on the side");
        } else {
            self.git(&["checkout", "-q", "main"]);
        }
    }

    fn commits(&mut self) -> u64 {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap_or(0)
    }

    fn step(&mut self, op: u8, r: u64) {
        match op {
            0 => self.new_adr(),
            1 => self.set_status(r),
            2 => self.edit(r, "edit"),
            3 => self.rename(r),
            4 => self.move_out_and_back(),
            5 => self.branch_and_merge(r),
            6 => self.evil_merge(r),
            7 => self.amend(r),
            8 => self.rewrite(r),
            _ => self.switch(r),
        }
    }

    fn run(&self, args: &[&str], cache: bool) -> Run {
        let flag = if cache { "0" } else { "1" };
        adrgov_env(self.root(), args, &[("ADRGOV_NO_CACHE", flag)])
    }

    /// Asserts warm == cold for the commands that print history, and that the cache now
    /// holds HEAD.
    fn assert_warm_is_cold(&mut self, r: u64, step: usize) {
        let mut commands: Vec<Vec<String>> =
            vec![vec!["list".into(), "--format".into(), "json".into()]];
        let adrs = self.adrs();
        for k in [r as usize, r as usize / 3] {
            if let Some(rel) = adrs.get(k % adrs.len().max(1)) {
                let name = rel.rsplit('/').next().unwrap_or(rel);
                let number = name[..4].trim_start_matches('0').to_string();
                commands.push(vec![
                    "history".into(),
                    number,
                    "--format".into(),
                    "json".into(),
                ]);
            }
        }
        for c in &commands {
            let args: Vec<&str> = c.iter().map(String::as_str).collect();
            let warm = self.run(&args, true);
            let cold = self.run(&args, false);
            assert_eq!(
                (warm.code, &warm.stdout),
                (cold.code, &cold.stdout),
                "step {step}: adrgov {args:?} with the cache differs from without it\n{}",
                self.git(&["log", "--graph", "--oneline", "--name-status", "--all"])
            );
            assert_eq!(warm.code, 0, "step {step}: {args:?}: {}", warm.stderr);
        }
        let head = self.git(&["rev-parse", "HEAD"]).trim().to_string();
        assert!(
            self.root()
                .join(format!(".git/adrgov/history/{head}.bin"))
                .is_file(),
            "step {step}: the cache holds HEAD"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn warm_equals_cold_over_random_histories(
        ops in prop::collection::vec((0u8..10, any::<u64>()), 4..11)
    ) {
        let mut play = Play::new();
        play.assert_warm_is_cold(0, 0);
        for (step, (op, r)) in ops.into_iter().enumerate() {
            play.step(op, r);
            play.assert_warm_is_cold(r, step + 1);
        }
    }
}

/// Every kind of operation at least once, in a fixed order (the random test may not draw one).
#[test]
fn warm_equals_cold_through_every_kind_of_change() {
    let mut play = Play::new();
    for (step, op) in [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 9, 6, 3, 1]
        .into_iter()
        .enumerate()
    {
        let r = 7 * step as u64 + 3;
        play.step(op, r);
        play.assert_warm_is_cold(r, step + 1);
    }
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_rebuilt() {
    let mut play = Play::new();
    play.edit(1, "edit");
    let cold = play.run(&["list", "--format", "json"], false).stdout;
    let head = play.git(&["rev-parse", "HEAD"]).trim().to_string();
    let cache = play.root().join(format!(".git/adrgov/history/{head}.bin"));
    let warm = play.run(&["list", "--format", "json"], true);
    assert_eq!(warm.stdout, cold);
    let whole = std::fs::read(&cache).expect("written");
    // The file is a JSON header line (format, key, HEAD, checksum), then the entry.
    let split = |bytes: &[u8]| -> (serde_json::Value, Vec<u8>) {
        let nl = bytes
            .iter()
            .position(|&b| b == b'\n')
            .expect("a header line");
        let header = serde_json::from_slice(&bytes[..nl]).expect("JSON header");
        (header, bytes[nl + 1..].to_vec())
    };
    let (header, body) = split(&whole);
    // The file with one header field changed (and that field there to change: the case is
    // real).
    let changed = |field: &str, value: serde_json::Value| -> Vec<u8> {
        let mut h = header.clone();
        let slot = h.get_mut(field).expect("the field is there");
        assert_ne!(*slot, value, "{field} is already {value}");
        *slot = value;
        let mut out = serde_json::to_vec(&h).expect("JSON");
        out.push(b'\n');
        out.extend_from_slice(&body);
        out
    };
    let mut flipped = whole.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("cut short", whole[..whole.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("garbage", b"\x00\x01garbage".to_vec()),
        ("one byte of the entry changed", flipped),
        ("another format", changed("format", serde_json::json!(99))),
        (
            "another key",
            changed("key", serde_json::json!("other key")),
        ),
        (
            "another checksum",
            changed("checksum", serde_json::json!("0000000000000000")),
        ),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&cache, &bytes).expect("write");
        let run = play.run(&["list", "--format", "json"], true);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{what}: said nothing");
        assert_eq!(run.stdout, cold, "{what}: the answer is the cold one");
        // Rewritten, not kept: the format, key and checksum are this build's again.
        let rebuilt = std::fs::read(&cache).expect("rebuilt");
        assert_eq!(rebuilt, whole, "{what}: rewritten as it was");
    }
}

#[test]
fn no_cache_leaves_the_git_directory_alone() {
    let play = Play::new();
    let cold = play.run(&["list", "--format", "json"], false);
    assert_eq!(cold.code, 0);
    assert!(!play.root().join(".git/adrgov").exists());
    let flag = adrgov_env(
        play.root(),
        &["--no-cache", "list", "--format", "json"],
        &[],
    );
    assert_eq!(flag.stdout, cold.stdout);
    assert!(!play.root().join(".git/adrgov").exists());
    let warm = play.run(&["list", "--format", "json"], true);
    assert_eq!(warm.stdout, cold.stdout);
    let head = git_env(play.root(), &["rev-parse", "HEAD"], &[]);
    assert!(
        play.root()
            .join(format!(".git/adrgov/history/{}.bin", head.trim()))
            .is_file()
    );
}

#[test]
fn a_git_directory_where_the_cache_cannot_be_written_works_silently() {
    let play = Play::new();
    let cold = play.run(&["list", "--format", "json"], false);
    // `.git/adrgov` is a file: no directory can be made there (as on a read-only volume, which
    // a test running as root cannot have).
    let blocker = play.root().join(".git/adrgov");
    std::fs::write(&blocker, "not a directory").expect("write");
    for _ in 0..2 {
        let warm = play.run(&["list", "--format", "json"], true);
        assert_eq!(warm.code, 0);
        assert_eq!(warm.stderr, "");
        assert_eq!(warm.stdout, cold.stdout);
    }
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("still a file"),
        "not a directory"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_git_directory_gives_the_same_answer() {
    use std::os::unix::fs::PermissionsExt;
    let play = Play::new();
    let cold = play.run(&["list", "--format", "json"], false);
    let git_dir = play.root().join(".git");
    let mode = |m: u32| std::fs::Permissions::from_mode(m);
    std::fs::set_permissions(&git_dir, mode(0o555)).expect("chmod");
    let warm = play.run(&["list", "--format", "json"], true);
    std::fs::set_permissions(&git_dir, mode(0o755)).expect("chmod back");
    assert_eq!(warm.code, 0);
    assert_eq!(warm.stderr, "");
    assert_eq!(warm.stdout, cold.stdout);
}

#[test]
fn two_commands_at_once_both_answer_right() {
    let mut play = Play::new();
    for r in 0..6 {
        play.edit(r, "edit");
    }
    let cold = play.run(&["list", "--format", "json"], false).stdout;
    let root = play.root().to_path_buf();
    let runs: Vec<std::thread::JoinHandle<Run>> = (0..4)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || {
                adrgov_env(
                    &root,
                    &["list", "--format", "json"],
                    &[("ADRGOV_NO_CACHE", "0")],
                )
            })
        })
        .collect();
    for r in runs {
        let run = r.join().expect("thread");
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout, cold);
    }
    let again = play.run(&["list", "--format", "json"], true);
    assert_eq!(again.stdout, cold);
}

/// The parse cache (`.git/adrgov/parse.bin`) follows the work tree: a file edited, added or
/// removed without a commit reads as it is now, and a damaged cache is rebuilt silently.
#[test]
fn the_parse_cache_follows_every_edit_of_the_work_tree() {
    let mut play = Play::new();
    play.new_adr();
    let parse_cache = play.root().join(".git/adrgov/parse.bin");
    let answer = |play: &Play| {
        let warm = play.run(&["list", "--format", "json"], true);
        let cold = play.run(&["list", "--format", "json"], false);
        assert_eq!(warm.code, 0, "{}", warm.stderr);
        assert_eq!(
            (&warm.stdout, &warm.stderr),
            (&cold.stdout, &cold.stderr),
            "the cache changed the answer"
        );
        let table = play.run(&["list"], true);
        assert_eq!(table.stdout, play.run(&["list"], false).stdout);
        table.stdout
    };
    let first = answer(&play);
    assert!(parse_cache.is_file(), "written");
    assert!(first.contains("Decision 2"), "{first}");
    // Edited in place (same size and second: only the text tells), added, removed.
    let two = "doc/adr/0002-decision-2.md";
    let text = play.read(two).replace("Decision 2", "Decisioн 2");
    play.write(two, &text);
    play.write(
        "doc/adr/0004-uncommitted.md",
        "# 4. Uncommitted\n\nDate: 2024-02-02\n\n## Status\n\nAccepted\n\nSupersedes [1. Decision 1](0001-decision-1.md)\n",
    );
    std::fs::remove_file(play.root().join("doc/adr/0003-decision-3.md")).expect("rm");
    let now = answer(&play);
    assert!(now.contains("Decisioн 2"), "{now}");
    assert!(!now.contains("Decision 3"), "{now}");
    assert!(now.contains("Uncommitted"), "{now}");
    let kept = std::fs::read(&parse_cache).expect("rewritten");
    assert!(
        kept.windows(b"0004-uncommitted.md".len())
            .any(|w| w == b"0004-uncommitted.md")
            && !kept
                .windows(b"0003-decision-3.md".len())
                .any(|w| w == b"0003-decision-3.md"),
        "the cache holds the files read, and only those"
    );
    // Damaged: the same answer, nothing said, and a whole cache again.
    for bytes in [kept[..kept.len() / 2].to_vec(), b"garbage".to_vec()] {
        std::fs::write(&parse_cache, &bytes).expect("write");
        assert_eq!(answer(&play), now);
        assert_eq!(std::fs::read(&parse_cache).expect("rebuilt"), kept);
    }
}
