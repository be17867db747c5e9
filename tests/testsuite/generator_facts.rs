//! The repository generator (`tests/gen`): deterministic per seed, and its manifest states what
//! plain `git log` and the files say.

use crate::generator::{Format, Params, generate};
use crate::support::*;

use std::collections::BTreeSet;

#[test]
fn generator_is_deterministic_per_seed() {
    let t = tempfile::tempdir().expect("tempdir");
    let mut p = Params::new(60, 400, Format::Madr, 3);
    p.defects = true;
    let a = generate(&t.path().join("a"), &p).expect("generate a");
    let b = generate(&t.path().join("b"), &p).expect("generate b");
    assert_eq!(a["head"], b["head"]);
    assert_eq!(a, b);
    assert_eq!(
        git(&t.path().join("a"), &["rev-parse", "HEAD"]).trim(),
        a["head"].as_str().expect("head")
    );
    // The work tree is checked out and clean.
    assert_eq!(git(&t.path().join("b"), &["status", "--porcelain"]), "");
    // Another seed gives another history.
    p.seed = 4;
    let c = generate(&t.path().join("c"), &p).expect("generate c");
    assert_ne!(a["head"], c["head"]);
    // Ids are stable across runs and machines (fixed dates, own PRNG): a change here means
    // the generator changed and every fixture built from it did too.
    let n = generate(
        &t.path().join("n"),
        &Params::new(20, 100, Format::Nygard, 7),
    )
    .expect("generate n");
    assert_eq!(n["head"], "97334d8a70feb923e84712b4c312c063369d1c78");
}

/// `git log` of one file, following its renames: (sha, timestamp, tz, "Name <email>"), newest
/// first.
fn file_log(dir: &std::path::Path, paths: &[&str]) -> Vec<(String, i64, String, String)> {
    let mut args = vec![
        "log",
        "--no-renames",
        "--format=%H %at %ad%x01%an <%ae>",
        "--date=format:%z",
        "--",
    ];
    args.extend_from_slice(paths);
    git(dir, &args)
        .lines()
        .map(|l| {
            let (meta, author) = l.split_once('\x01').expect("author");
            let mut m = meta.split(' ');
            (
                m.next().expect("sha").to_string(),
                m.next().expect("ts").parse().expect("ts"),
                m.next().expect("tz").to_string(),
                author.to_string(),
            )
        })
        .collect()
}

fn local_date(ts: i64, tz: &str) -> String {
    let sign = if tz.starts_with('-') { -1 } else { 1 };
    let mins =
        sign * (tz[1..3].parse::<i32>().expect("h") * 60 + tz[3..5].parse::<i32>().expect("m"));
    let off = chrono::FixedOffset::east_opt(mins * 60).expect("offset");
    chrono::DateTime::from_timestamp(ts, 0)
        .expect("ts")
        .with_timezone(&off)
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn manifest_agrees_with_plain_git_log() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("repo");
    let m = generate(&dir, &Params::new(80, 600, Format::Nygard, 4)).expect("generate");
    assert_eq!(git(&dir, &["rev-list", "--count", "HEAD"]).trim(), "600");
    assert_eq!(m["commit_count"], 600);
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]).trim(), m["head"]);
    let adrs = m["adrs"].as_array().expect("adrs");
    assert_eq!(adrs.len(), 80);
    // The ADR files in the tree are exactly the manifest's.
    let listed: BTreeSet<String> = git(&dir, &["ls-files", "doc/adr"])
        .lines()
        .filter(|p| {
            p.rsplit('/')
                .next()
                .is_some_and(|f| f.as_bytes()[0].is_ascii_digit())
        })
        .map(str::to_string)
        .collect();
    let expected: BTreeSet<String> = adrs
        .iter()
        .map(|a| a["path"].as_str().expect("path").to_string())
        .collect();
    assert_eq!(listed, expected);
    let mut statuses = BTreeSet::new();
    let mut renamed = 0;
    for a in adrs {
        let path = a["path"].as_str().expect("path");
        let mut paths = vec![path];
        paths.extend(
            a["renamed_from"]
                .as_array()
                .expect("renamed_from")
                .iter()
                .map(|p| p.as_str().expect("p")),
        );
        let log = file_log(&dir, &paths);
        if paths.len() > 1 {
            // git's own rename detection agrees on where the file began.
            renamed += 1;
            let follow = git(&dir, &["log", "--follow", "--format=%H", "--", path]);
            assert_eq!(
                follow.lines().last(),
                a["created"]["commit"].as_str(),
                "{path}"
            );
        }
        assert_eq!(log.len() as u64, a["commits_touching"], "{path}");
        for (which, c) in [("created", log.last()), ("last_modified", log.first())] {
            let (sha, ts, tz, author) = c.expect("a commit");
            assert_eq!(a[which]["commit"], *sha, "{path} {which}");
            assert_eq!(a[which]["timestamp"], *ts, "{path} {which}");
            assert_eq!(a[which]["date"], local_date(*ts, tz), "{path} {which}");
            assert_eq!(a[which]["author"], *author, "{path} {which}");
        }
        let authors: BTreeSet<&str> = log.iter().map(|c| c.3.as_str()).collect();
        let theirs: BTreeSet<&str> = a["authors"]
            .as_array()
            .expect("authors")
            .iter()
            .map(|x| x.as_str().expect("s"))
            .collect();
        assert_eq!(authors, theirs, "{path}");
        // The file's own heading, date and status lines.
        let text = read(dir.join(path));
        let mut lines = text.lines();
        assert_eq!(
            lines.next().expect("heading"),
            format!("# {}. {}", a["number"], a["title"].as_str().expect("title"))
        );
        assert_eq!(
            lines.nth(1).expect("date"),
            format!("Date: {}", a["date_in_file"].as_str().expect("d"))
        );
        let status_raw: Vec<&str> = a["status_raw"]
            .as_array()
            .expect("status_raw")
            .iter()
            .map(|x| x.as_str().expect("s"))
            .collect();
        let section: Vec<&str> = text
            .split("## Status\n")
            .nth(1)
            .expect("status section")
            .split("\n## ")
            .next()
            .expect("section")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(section, status_raw, "{path}");
        statuses.insert(a["status"].to_string());
    }
    // The history holds the kinds of decisions a real log has.
    assert!(renamed > 0, "no renamed ADR");
    for s in [
        "accepted",
        "proposed",
        "superseded",
        "rejected",
        "deprecated",
    ] {
        assert!(
            statuses.contains(&format!("\"{s}\"")),
            "no {s} ADR: {statuses:?}"
        );
    }
}
