//! History from git: creation across renames and directory moves, timelines, shallow clones,
//! no repository, uncommitted files, the generated 1,000-ADR repository against its manifest,
//! and the decision graph exports.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn list(dir: &Path) -> (Vec<Value>, String) {
    let r = adrgov(dir, &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (serde_json::from_str(&r.stdout).expect("json"), r.stderr)
}

fn by_id<'a>(l: &'a [Value], id: &str) -> &'a Value {
    l.iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn events(dir: &Path, id: &str) -> Vec<Value> {
    let r = adrgov(dir, &["history", id, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    v["events"].as_array().expect("events").clone()
}

#[test]
fn govuk_aws_follows_renames_and_the_directory_move() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let (l, stderr) = list(&dir);
    assert_eq!(stderr, "");
    let a1 = by_id(&l, "0001");
    assert_eq!(a1["created"]["date"], "2017-06-30");
    assert_eq!(a1["created"]["author"], "Dean Wilson");
    // Following the 2020-06-09 move doc/ → docs/, no ADR was created that day.
    let moved: Vec<&str> = l
        .iter()
        .filter(|v| v["created"]["date"] == "2020-06-09")
        .map(|v| v["id"].as_str().expect("id"))
        .collect();
    assert_eq!(moved, Vec::<&str>::new());
    assert!(l.iter().all(|v| !v["created"].is_null()));
    let a39 = by_id(&l, "0039");
    assert_eq!(
        (
            a39["created"]["date"].as_str(),
            a39["created"]["author"].as_str()
        ),
        (Some("2022-10-07"), Some("ChrisBAshton"))
    );
    // 0017 was added as 0015-terraform-data-structure.md, renumbered, then moved.
    let a17 = by_id(&l, "0017");
    assert_eq!(
        (
            a17["created"]["date"].as_str(),
            a17["created"]["author"].as_str()
        ),
        (Some("2017-07-14"), Some("Sam Cook"))
    );
    let ev = events(&dir, "17");
    assert_eq!(ev[0]["kind"], "created");
    assert_eq!(
        ev[0]["path"],
        "doc/architecture/decisions/0015-terraform-data-structure.md"
    );
    let kinds: Vec<&str> = ev
        .iter()
        .map(|e| e["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["created", "edited", "renamed", "renamed"]);
    assert_eq!(
        ev.last().expect("last")["path"],
        "docs/architecture/decisions/0017-terraform-data-structure.md"
    );
    // 0004's timeline shows its supersession on 2017-07-14.
    let ev = events(&dir, "4");
    let sup: Vec<(&str, &str, &str)> = ev
        .iter()
        .filter(|e| e["kind"] == "status")
        .map(|e| {
            (
                e["date"].as_str().expect("d"),
                e["status"].as_str().expect("s"),
                e["author"].as_str().expect("a"),
            )
        })
        .collect();
    assert_eq!(sup, [("2017-07-14", "superseded", "Ana Fernandez")]);
    insta::assert_snapshot!(
        "history_govuk_0004",
        adrgov(&dir, &["history", "4", "--format", "json"]).stdout
    );
    insta::assert_snapshot!(
        "history_govuk_0004_table",
        adrgov(&dir, &["history", "4"]).stdout
    );
}

#[test]
fn madr_reused_number_is_another_adr() {
    let (_t, dir) = clone_corpus("madr");
    let (l, _) = list(&dir);
    let a13 = by_id(&l, "0013");
    assert_eq!(
        (
            a13["created"]["date"].as_str(),
            a13["created"]["author"].as_str()
        ),
        (Some("2022-05-16"), Some("Oliver Kopp"))
    );
    // 0003 was deleted and a new 0003 added in one commit: the new one starts there.
    let a3 = by_id(&l, "0003");
    assert_eq!(a3["created"]["date"], "2022-05-17");
    assert_eq!(
        a3["created"]["commit"].as_str().map(|c| &c[..7]),
        Some("a7bb725")
    );
    let ev = events(&dir, "3");
    assert!(
        ev.iter()
            .all(|e| e["path"] == "docs/decisions/0003-provide-own-madr-tools.md"),
        "{ev:?}"
    );
    // 0000 was created under docs/adr/ and moved in 2021.
    let ev = events(&dir, "0");
    assert!(
        ev[0]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("docs/adr/")),
        "{:?}",
        ev[0]
    );
}

#[test]
fn shallow_clone_says_at_or_before_once() {
    let (t, full) = clone_corpus("govuk-aws");
    let url = format!("file://{}", full.display());
    git(t.path(), &["clone", "-q", "--depth", "3", &url, "shallow"]);
    let dir = t.path().join("shallow");
    let (l, stderr) = list(&dir);
    assert_eq!(
        stderr,
        "note: shallow clone: history before the cut is missing, so creation dates are \"at or before\" (fetch with --unshallow or fetch-depth: 0)\n"
    );
    let a1 = by_id(&l, "0001");
    assert_eq!(a1["created"]["at_or_before"], true);
    assert!(l.iter().all(|v| !v["created"].is_null()));
    assert!(
        by_id(&l, "0001")["created"]["date"]
            .as_str()
            .is_some_and(|d| d > "2020")
    );
    let show = adrgov(&dir, &["show", "1"]);
    assert!(
        show.stdout.contains("  created          at or before "),
        "{}",
        show.stdout
    );
}

#[test]
fn plain_copy_without_git() {
    let (_t, dir) = clone_corpus("arachne");
    std::fs::remove_dir_all(dir.join(".git")).expect("rm .git");
    let (l, stderr) = list(&dir);
    assert_eq!(l.len(), 17);
    assert_eq!(
        stderr,
        "note: not a git repository: created, updated and authors are unknown\n"
    );
    assert!(l.iter().all(|v| v["created"].is_null()
        && v["updated"].is_null()
        && v["authors"] == serde_json::json!([])));
    let r = adrgov(&dir, &["history", "1"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("no history: the file is not committed, or there is no git repository")
    );
}

#[test]
fn uncommitted_new_adr() {
    let (_t, dir) = clone_corpus("log4brains");
    let r = adrgov(&dir, &["new", "Use Y", "--date", "2024-01-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (l, stderr) = list(&dir);
    assert_eq!(
        stderr,
        "note: 1 ADR is not committed yet: its date and authors are unknown\n"
    );
    let new = by_id(&l, "20240101-use-y");
    assert!(new["created"].is_null() && new["updated"].is_null());
    // Author date, not commit date: this commit was written 2020-09-25 and committed 2020-12-10.
    assert_eq!(
        by_id(&l, "20201016-use-the-adr-slug-as-its-unique-id")["created"]["date"],
        "2020-09-25"
    );
}

/// A commit of the staged work tree with `author` as its author line, written as is (git's
/// own commands refuse such lines; other tools and old repositories have them).
fn commit_with_author_line(dir: &Path, author: &str, message: &str) {
    git(dir, &["add", "-A"]);
    let tree = git(dir, &["write-tree"]);
    let parent = git(dir, &["rev-parse", "HEAD"]);
    let raw = format!(
        "tree {}\nparent {}\nauthor {author}\ncommitter C <c@example.com> 1700000000 +0000\n\n{message}\n",
        tree.trim(),
        parent.trim()
    );
    let file = dir.join(".git").join("raw-commit");
    std::fs::write(&file, raw).expect("write");
    let id = git(
        dir,
        &[
            "hash-object",
            "-t",
            "commit",
            "-w",
            "--literally",
            file.to_str().expect("utf8"),
        ],
    );
    git(dir, &["update-ref", "HEAD", id.trim()]);
}

#[test]
fn authors_read_as_git_writes_them_and_as_libgit2_reads_odd_lines() {
    let t = repo(
        &[("doc/adr/0001-a.md", "# 1. A\n\n## Status\n\nProposed\n")],
        true,
    );
    let adr = t.path().join("doc/adr/0001-a.md");
    let edit = |text: &str| std::fs::write(&adr, text).expect("write");
    // An empty e-mail, an offset beyond 14 hours (read as UTC), then a plain line with an
    // offset west of UTC that moves the day back.
    edit("# 1. A\n\n## Status\n\nAccepted\n");
    commit_with_author_line(t.path(), "Odd One <> 1700000000 +0000", "accept");
    edit("# 1. A\n\n## Status\n\nAccepted\n\nMore.\n");
    commit_with_author_line(
        t.path(),
        "Far Zone <f@example.com> 1700136000 +1500",
        "more",
    );
    edit("# 1. A\n\n## Status\n\nAccepted\n\nMore and more.\n");
    commit_with_author_line(
        t.path(),
        "  Plain   Person <p@example.com> 1700197200 -0530",
        "again",
    );
    let (l, stderr) = list(t.path());
    assert_eq!(stderr, "");
    assert_eq!(
        l[0]["authors"],
        serde_json::json!(["Far Zone", "Odd One", "Plain   Person", "Test"])
    );
    assert_eq!(l[0]["updated"]["date"], "2023-11-16");
    assert_eq!(l[0]["updated"]["author"], "Plain   Person");
    let ev = events(t.path(), "1");
    let seen: Vec<(&str, &str)> = ev
        .iter()
        .map(|e| {
            (
                e["author"].as_str().expect("author"),
                e["date"].as_str().expect("date"),
            )
        })
        .collect();
    // Far Zone's day is UTC's (16th), not that of +15:00 (17th); Plain Person's is that of
    // -05:30 (16th), not UTC's (17th).
    assert_eq!(
        &seen[1..],
        [
            ("Odd One", "2023-11-14"),
            ("Far Zone", "2023-11-16"),
            ("Plain   Person", "2023-11-16"),
        ]
    );
}

#[test]
fn mailmap_merges_identities() {
    let t = repo(
        &[
            ("doc/adr/0001-a.md", "# 1. A\n\n## Status\n\nProposed\n"),
            (
                ".mailmap",
                "Jane Doe <jane@example.com> <jd@old.example.com>\n",
            ),
        ],
        true,
    );
    std::fs::write(
        t.path().join("doc/adr/0001-a.md"),
        "# 1. A\n\n## Status\n\nAccepted\n",
    )
    .expect("write");
    let out = std::process::Command::new("git")
        .args([
            "commit",
            "-qam",
            "accept",
            "--author",
            "jd <jd@old.example.com>",
        ])
        .current_dir(t.path())
        .env("GIT_COMMITTER_NAME", "x")
        .env("GIT_COMMITTER_EMAIL", "x@example.com")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (l, _) = list(t.path());
    assert_eq!(l[0]["authors"], serde_json::json!(["Jane Doe", "Test"]));
    let ev = events(t.path(), "1");
    let kinds: Vec<(&str, &str)> = ev
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().expect("k"),
                e["status"].as_str().expect("s"),
            )
        })
        .collect();
    assert_eq!(kinds, [("created", "proposed"), ("status", "accepted")]);
}

#[test]
fn generated_repository_matches_its_manifest() {
    let t = tempfile::tempdir().expect("tempdir");
    let repo_dir = t.path().join("gen");
    let manifest = crate::generator::generate(
        &repo_dir,
        &crate::generator::Params::new(1000, 20_000, crate::generator::Format::Nygard, 7),
    )
    .expect("generate");
    let (l, stderr) = list(&repo_dir);
    assert_eq!(stderr, "");
    let adrs = manifest["adrs"].as_array().expect("adrs");
    assert_eq!(l.len(), adrs.len());
    let name = |a: &Value| {
        a.as_str()
            .expect("author")
            .split(" <")
            .next()
            .expect("name")
            .to_string()
    };
    let mut mismatches = Vec::new();
    for m in adrs {
        let path = m["path"].as_str().expect("path");
        let Some(v) = l.iter().find(|v| v["path"] == path) else {
            mismatches.push(format!("{path}: not listed"));
            continue;
        };
        for (ours, theirs) in [("created", "created"), ("updated", "last_modified")] {
            if v[ours]["commit"] != m[theirs]["commit"]
                || v[ours]["date"] != m[theirs]["date"]
                || v[ours]["author"].as_str() != Some(&name(&m[theirs]["author"]))
            {
                mismatches.push(format!(
                    "{path}: {ours} {} vs manifest {}",
                    v[ours], m[theirs]
                ));
            }
        }
        let ours: BTreeSet<String> = v["authors"]
            .as_array()
            .expect("a")
            .iter()
            .map(|a| a.as_str().expect("s").to_string())
            .collect();
        let theirs: BTreeSet<String> = m["authors"]
            .as_array()
            .expect("a")
            .iter()
            .map(name)
            .collect();
        if ours != theirs {
            mismatches.push(format!("{path}: authors {ours:?} vs manifest {theirs:?}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches, first: {:#?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(5)]
    );
}

#[test]
fn graph_exports() {
    let (_t, dir) = clone_corpus("govuk-aws");
    for f in ["dot", "mermaid", "json"] {
        let r = adrgov(&dir, &["graph", "--format", f]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        insta::assert_snapshot!(format!("graph_govuk_{f}"), r.stdout);
    }
    let g: Value =
        serde_json::from_str(&adrgov(&dir, &["graph", "--format", "json"]).stdout).expect("json");
    let n4 = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == "0004")
        .expect("0004");
    assert_eq!(n4["in_force"], serde_json::json!(["0015"]));
    assert_eq!(
        g["one_sided"],
        serde_json::json!([{"from": "0004", "kind": "superseded-by", "to": "0015", "missing": "supersedes", "line": 7}])
    );
}

#[test]
fn cycle_and_dangling_reference_are_reported_not_looped() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n\nSupersedes [2. B](0002-b.md)\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\n## Status\n\nSuperseded by [1. A](0001-a.md)\n\nSupersedes [1. A](0001-a.md)\n\nAmends [7. Gone](0007-gone.md)\n",
            ),
        ],
        true,
    );
    let r = adrgov(t.path(), &["graph", "--format", "json"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("graph_cycle_json", r.stdout);
    let r = adrgov(t.path(), &["graph"]);
    assert_eq!(
        r.stderr,
        "warning: supersession cycle: 0001 → 0002 → 0001\nwarning: doc/adr/0002-b.md:9: `amends` refers to `0007-gone.md`, which is no ADR (not drawn)\n"
    );
    let r = adrgov(t.path(), &["show", "1"]);
    assert!(
        r.stdout
            .contains("  in force now     none (supersession cycle)\n"),
        "{}",
        r.stdout
    );
}

/// Commits everything staged in `dir` as `author`, written and committed on `date`.
fn commit_as(dir: &Path, author: &str, date: &str, msg: &str) {
    let stamp = format!("{date}T12:00:00+00:00");
    let email = format!("{}@example.com", author.to_lowercase());
    let out = std::process::Command::new("git")
        .args(["commit", "-q", "--allow-empty", "-m", msg])
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// A repository whose ADR directory is pinned to `docs/adr`, with one commit by Ann.
fn fixture() -> tempfile::TempDir {
    let t = repo(&[("adrgov.toml", "[adr]\ndir = \"docs/adr\"\n")], false);
    git(t.path(), &["init", "-q", "-b", "main"]);
    git(t.path(), &["add", "-A"]);
    commit_as(t.path(), "Ann", "2021-01-01", "config");
    t
}

/// [`fixture`] with 70 more commits before the ADRs (a README rewritten each time): enough
/// for the cold walk's worker threads (from 64 commits), which the shorter one does not start.
fn long_fixture() -> tempfile::TempDir {
    let t = fixture();
    let mut stream = String::new();
    for i in 0..70 {
        let text = format!("Draft {i} of the README.\n");
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter Pad <pad@example.com> {} +0000\ndata 3\npad\n{}M 644 inline README.md\ndata {}\n{text}\n",
            1_609_459_200 + i * 60,
            if i == 0 { "from refs/heads/main^0\n" } else { "" },
            text.len()
        ));
    }
    let mut child = std::process::Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(t.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("git fast-import");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("write");
    assert!(child.wait().expect("wait").success());
    git(t.path(), &["reset", "-q", "--hard"]);
    assert_eq!(git(t.path(), &["rev-list", "--count", "HEAD"]).trim(), "71");
    t
}

/// Both fixtures: each history test runs on the walk of a few commits and on the walk of many.
fn fixtures() -> [tempfile::TempDir; 2] {
    [fixture(), long_fixture()]
}

/// Nygard text for ADR `n` with `body` lines.
fn nygard(n: u32, title: &str, status: &str, body: &str) -> String {
    format!("# {n}. {title}\n\nDate: 2021-01-01\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n")
}

const BODY: &str = "We retry failed payments with exponential back-off.\nThe first retry waits one minute.\nThe second waits ten minutes.\nThe third waits one hour.\nAfter that the payment is marked failed and the customer is told by e-mail.\nRetries are idempotent: every attempt carries the same key.";

/// The ADR listed at `path`: its created, updated and authors.
fn facts(dir: &Path, path: &str) -> Value {
    let (l, stderr) = list(dir);
    assert_eq!(stderr, "");
    let a = l
        .iter()
        .find(|v| v["path"] == path)
        .unwrap_or_else(|| panic!("{path} not listed: {l:?}"));
    let fact = |f: &Value| serde_json::json!({"date": f["date"], "author": f["author"]});
    serde_json::json!({
        "created": fact(&a["created"]),
        "updated": fact(&a["updated"]),
        "authors": a["authors"],
    })
}

/// The events of the ADR listed at `path`, as (date, author, kind, path).
fn timeline(dir: &Path, path: &str) -> Vec<(String, String, String, String)> {
    let (l, _) = list(dir);
    let id = l
        .iter()
        .find(|v| v["path"] == path)
        .and_then(|v| v["id"].as_str())
        .unwrap_or_else(|| panic!("{path} not listed"))
        .to_string();
    events(dir, &id)
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("?").to_string();
            (s("date"), s("author"), s("kind"), s("path"))
        })
        .collect()
}

fn ev(date: &str, author: &str, kind: &str, path: &str) -> (String, String, String, String) {
    (date.into(), author.into(), kind.into(), path.into())
}

#[test]
fn move_from_another_directory_under_a_new_name_is_a_rename() {
    for t in fixtures() {
        let d = t.path();
        let old = "api/2021-04-01-Payment-Retries.md";
        write(
            d,
            old,
            &format!("# Payment retries\n\n## Status\n\nAccepted\n\n{BODY}\n"),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Alice", "2021-04-01", "payment retries");
        std::fs::create_dir_all(d.join("docs/adr")).expect("mkdir");
        let new = "docs/adr/2021_04_01_payment_retries.md";
        git(d, &["mv", old, new]);
        commit_as(d, "Bob", "2022-02-02", "move ADRs into docs/adr");
        assert_eq!(
            facts(d, new),
            serde_json::json!({
                "created": {"date": "2021-04-01", "author": "Alice"},
                "updated": {"date": "2022-02-02", "author": "Bob"},
                "authors": ["Alice", "Bob"],
            })
        );
        assert_eq!(
            timeline(d, new),
            [
                ev("2021-04-01", "Alice", "created", old),
                ev("2022-02-02", "Bob", "renamed", new),
            ]
        );
    }
}

#[test]
fn move_rename_and_edit_in_one_commit_then_txt_and_extensionless_sources() {
    for t in fixtures() {
        let d = t.path();
        // 1: from notes/cache (no extension) to a .txt in the ADR directory, to .md with an edit.
        write(
            d,
            "notes/cache",
            &nygard(1, "Use a cache", "Proposed", BODY),
        );
        // 2: from a sub-directory elsewhere, renamed and edited in one commit.
        write(
            d,
            "old/decisions/0007-queue.md",
            &nygard(7, "Use a queue", "Proposed", BODY),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Alice", "2021-03-01", "notes");
        std::fs::create_dir_all(d.join("docs/adr")).expect("mkdir");
        git(d, &["mv", "notes/cache", "docs/adr/adr_1_cache.txt"]);
        commit_as(d, "Bob", "2021-06-01", "into the ADR directory");
        git(
            d,
            &[
                "mv",
                "docs/adr/adr_1_cache.txt",
                "docs/adr/0001-use-a-cache.md",
            ],
        );
        git(d, &["rm", "-q", "old/decisions/0007-queue.md"]);
        write(
            d,
            "docs/adr/0002-use-a-queue.md",
            &nygard(2, "Use a queue", "Accepted", BODY),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Carol", "2022-08-19", "adr-tools format");
        assert_eq!(
            timeline(d, "docs/adr/0001-use-a-cache.md"),
            [
                ev("2021-03-01", "Alice", "created", "notes/cache"),
                ev("2021-06-01", "Bob", "renamed", "docs/adr/adr_1_cache.txt"),
                ev(
                    "2022-08-19",
                    "Carol",
                    "renamed",
                    "docs/adr/0001-use-a-cache.md"
                ),
            ]
        );
        assert_eq!(
            timeline(d, "docs/adr/0002-use-a-queue.md"),
            [
                ev(
                    "2021-03-01",
                    "Alice",
                    "created",
                    "old/decisions/0007-queue.md"
                ),
                ev(
                    "2022-08-19",
                    "Carol",
                    "status",
                    "docs/adr/0002-use-a-queue.md"
                ),
            ]
        );
    }
}

#[test]
fn a_copy_of_the_template_is_a_new_adr() {
    for t in fixtures() {
        let d = t.path();
        let template = nygard(0, "Title", "Proposed", BODY);
        write(d, "docs/templates/template.md", &template);
        git(d, &["add", "-A"]);
        commit_as(d, "Alice", "2021-02-01", "template");
        write(
            d,
            "docs/adr/0001-use-a-cache.md",
            &template.replace("0. Title", "1. Use a cache"),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Bob", "2021-03-03", "ADR 1");
        assert_eq!(
            timeline(d, "docs/adr/0001-use-a-cache.md"),
            [ev(
                "2021-03-03",
                "Bob",
                "created",
                "docs/adr/0001-use-a-cache.md"
            )]
        );
    }
}

#[test]
fn adr_added_on_a_branch_and_merged_is_created_on_the_branch() {
    for t in fixtures() {
        let d = t.path();
        let a1 = "docs/adr/0001-use-a-cache.md";
        write(d, a1, &nygard(1, "Use a cache", "Proposed", BODY));
        git(d, &["add", "-A"]);
        commit_as(d, "Alice", "2021-03-01", "ADR 1");
        git(d, &["checkout", "-q", "-b", "feature"]);
        let a2 = "docs/adr/0002-use-a-queue.md";
        write(d, a2, &nygard(2, "Use a queue", "Proposed", BODY));
        // Both sides change ADR 1: the branch its body, main its status.
        write(
            d,
            a1,
            &nygard(1, "Use a cache", "Proposed", &format!("{BODY}\nMore.")),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Carol", "2021-05-01", "ADR 2 on a branch");
        git(d, &["checkout", "-q", "main"]);
        write(d, a1, &nygard(1, "Use a cache", "Accepted", BODY));
        git(d, &["add", "-A"]);
        commit_as(d, "Dave", "2021-05-02", "accept 1");
        let out = std::process::Command::new("git")
            .args(["merge", "-q", "--no-ff", "--no-edit", "feature"])
            .current_dir(d)
            .env("GIT_AUTHOR_NAME", "Erin")
            .env("GIT_AUTHOR_EMAIL", "erin@example.com")
            .env("GIT_AUTHOR_DATE", "2021-05-03T12:00:00+00:00")
            .env("GIT_COMMITTER_NAME", "Erin")
            .env("GIT_COMMITTER_EMAIL", "erin@example.com")
            .env("GIT_COMMITTER_DATE", "2021-05-03T12:00:00+00:00")
            .env("HOME", d)
            .output()
            .expect("git merge");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            facts(d, a2),
            serde_json::json!({
                "created": {"date": "2021-05-01", "author": "Carol"},
                "updated": {"date": "2021-05-01", "author": "Carol"},
                "authors": ["Carol"],
            })
        );
        assert_eq!(
            timeline(d, a1),
            [
                ev("2021-03-01", "Alice", "created", a1),
                ev("2021-05-01", "Carol", "edited", a1),
                ev("2021-05-02", "Dave", "status", a1),
            ]
        );
    }
}

#[test]
fn delete_and_add_in_one_commit() {
    for t in fixtures() {
        let d = t.path();
        write(
            d,
            "docs/adr/0001-use-a-cache.md",
            &nygard(1, "Use a cache", "Accepted", BODY),
        );
        write(
            d,
            "docs/adr/0002-use-a-queue.md",
            &nygard(2, "Use a queue", "Accepted", BODY),
        );
        write(
            d,
            "docs/adr/0003-use-rust.md",
            &nygard(3, "Use Rust", "Accepted", BODY),
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Alice", "2021-03-01", "three ADRs");
        // Near-identical content under a new name: a rename (git pairs it too).
        git(d, &["rm", "-q", "docs/adr/0001-use-a-cache.md"]);
        write(
            d,
            "docs/adr/0004-use-a-cache.md",
            &nygard(4, "Use a cache", "Accepted", BODY),
        );
        // The same title, the text rewritten: the same decision renumbered (git does not pair it).
        git(d, &["rm", "-q", "docs/adr/0002-use-a-queue.md"]);
        write(
            d,
            "docs/adr/0005-use-a-queue.md",
            "# 5. Use a queue\n\n## Status\n\nAccepted\n\n## Context\n\nEverything here was rewritten.\n",
        );
        // Another decision replacing one under its number: a new ADR.
        git(d, &["rm", "-q", "docs/adr/0003-use-rust.md"]);
        write(
            d,
            "docs/adr/0003-use-go.md",
            "# 3. Use Go\n\n## Status\n\nProposed\n\n## Context\n\nA different decision.\n",
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Bob", "2021-04-04", "renumber");
        assert_eq!(
            timeline(d, "docs/adr/0004-use-a-cache.md"),
            [
                ev(
                    "2021-03-01",
                    "Alice",
                    "created",
                    "docs/adr/0001-use-a-cache.md"
                ),
                ev(
                    "2021-04-04",
                    "Bob",
                    "renamed",
                    "docs/adr/0004-use-a-cache.md"
                ),
            ]
        );
        assert_eq!(
            timeline(d, "docs/adr/0005-use-a-queue.md"),
            [
                ev(
                    "2021-03-01",
                    "Alice",
                    "created",
                    "docs/adr/0002-use-a-queue.md"
                ),
                ev(
                    "2021-04-04",
                    "Bob",
                    "renamed",
                    "docs/adr/0005-use-a-queue.md"
                ),
            ]
        );
        assert_eq!(
            timeline(d, "docs/adr/0003-use-go.md"),
            [ev(
                "2021-04-04",
                "Bob",
                "created",
                "docs/adr/0003-use-go.md"
            )]
        );
    }
}

#[test]
fn same_file_stem_moved_out_of_its_folder_and_rewritten() {
    for t in fixtures() {
        let d = t.path();
        let old = "docs/adr/0008-callbacks/0008-callbacks.md";
        write(d, old, &nygard(8, "Callbacks", "Proposed", BODY));
        write(d, "docs/adr/0008-callbacks/scaffold.md", "scaffold\n");
        git(d, &["add", "-A"]);
        commit_as(d, "Aditya", "2023-03-22", "ADR 8");
        git(d, &["rm", "-q", "-r", "docs/adr/0008-callbacks"]);
        let new = "docs/adr/0008-callbacks.md";
        write(
            d,
            new,
            "# 8. Callbacks to actors\n\n## Status\n\nAccepted\n\n## Context\n\nRewritten from scratch.\n",
        );
        git(d, &["add", "-A"]);
        commit_as(d, "Bea", "2023-09-19", "update ADR 8");
        assert_eq!(
            timeline(d, new),
            [
                ev("2023-03-22", "Aditya", "created", old),
                ev("2023-09-19", "Bea", "status", new),
            ]
        );
    }
}

/// Pins the ADR directory of a corpus clone.
fn pin(dir: &Path, adr_dir: &str) {
    std::fs::write(
        dir.join("adrgov.toml"),
        format!("[adr]\ndir = \"{adr_dir}\"\n"),
    )
    .expect("write adrgov.toml");
}

fn created(l: &[Value], path: &str) -> (String, String, String) {
    let a = l
        .iter()
        .find(|v| v["path"] == path)
        .unwrap_or_else(|| panic!("{path} not listed"));
    let c = &a["created"];
    (
        c["date"].as_str().unwrap_or("?").to_string(),
        c["author"].as_str().unwrap_or("?").to_string(),
        c["commit"].as_str().map_or("?", |s| &s[..7]).to_string(),
    )
}

fn c(date: &str, author: &str, commit: &str) -> (String, String, String) {
    (date.into(), author.into(), commit.into())
}

#[test]
fn nats_adr_merges_renumbering_and_reused_paths() {
    let (_t, dir) = clone_corpus("nats-adr");
    pin(&dir, "adr");
    let (l, stderr) = list(&dir);
    // ADR 14 was added on a branch and merged: never "not committed yet".
    assert_eq!(stderr, "");
    assert!(l.iter().all(|v| !v["created"].is_null()));
    let got: Vec<_> = [1, 8, 14, 17, 18, 20, 32, 37, 47]
        .iter()
        .map(|n| created(&l, &format!("adr/ADR-{n}.md")))
        .collect();
    assert_eq!(
        got,
        [
            c("2021-06-29", "scottf", "a646897"),
            c("2021-07-09", "R.I.Pienaar", "9442c97"),
            c("2021-07-20", "Matthias Hanel", "0d4f62f"),
            c("2021-07-27", "Scott Fauerbach", "e6b89e6"),
            c("2021-07-21", "Scott Fauerbach", "3b70ef0"),
            c("2021-11-04", "scottf", "fd7ad9f"),
            c("2022-11-23", "aricart", "fdaf4a2"),
            c("2022-11-23", "aricart", "a4b4a2e"),
            c("2023-06-26", "scottf", "b4deb4f"),
        ]
    );
    let ev = events(&dir, "47");
    let paths: Vec<&str> = ev
        .iter()
        .filter(|e| e["kind"] != "edited")
        .map(|e| e["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        [
            "adr/ADR-40.md",
            "adr/ADR-RM.md",
            "adr/ADR-45.md",
            "adr/ADR-46.md",
            "adr/ADR-47.md"
        ]
    );
    assert_eq!(
        events(&dir, "1")[0]["path"],
        "server/0001-jetstream-json-api-design.md"
    );
}

#[test]
fn new_corpora_creations_follow_renames() {
    let (_t, dir) = clone_corpus("ibc-go");
    pin(&dir, "docs/architecture");
    let (l, _) = list(&dir);
    assert_eq!(
        created(&l, "docs/architecture/adr-008-app-caller-cbs.md"),
        c("2023-03-22", "Aditya", "ad0dda1")
    );
    assert_eq!(
        events(&dir, "008")[0]["path"],
        "docs/architecture/adr-008-app-caller-cbs/adr-008-app-caller-cbs.md"
    );
    let (_t, dir) = clone_corpus("celestia-app");
    pin(&dir, "docs/architecture");
    let (l, _) = list(&dir);
    assert_eq!(
        created(&l, "docs/architecture/adr-001-abci++-adoption.md"),
        c("2022-04-10", "Evan Forbes", "e29963c")
    );
    // Each path ADR 003 had, with the day it first had it: two renames, the second of case only.
    let mut paths: Vec<(String, String)> = Vec::new();
    for e in events(&dir, "003") {
        let s = |k: &str| e[k].as_str().unwrap_or("?").to_string();
        if paths.last().is_none_or(|(_, p)| *p != s("path")) {
            paths.push((s("date"), s("path")));
        }
    }
    let p = |d: &str, s: &str| (d.to_string(), format!("docs/architecture/{s}"));
    assert_eq!(
        paths,
        [
            p("2022-03-24", "ADR-003-QGB-DataCommitment.md"),
            p("2022-09-23", "adr-003-QGB-data-commitments.md"),
            p("2022-09-29", "adr-003-qgb-data-commitments.md"),
        ]
    );
    let (_t, dir) = clone_corpus("dotcom-rendering");
    pin(&dir, "dotcom-rendering/docs/architecture");
    let (l, _) = list(&dir);
    assert_eq!(
        created(&l, "dotcom-rendering/docs/architecture/003-react.md"),
        c("2018-07-23", "Simon Adcock", "7098087")
    );
    assert_eq!(
        created(
            &l,
            "dotcom-rendering/docs/architecture/006-support-for-frontend-only.md"
        ),
        c("2018-08-07", "Nicolas Long", "5cd7ce0")
    );
    let (_t, dir) = clone_corpus("cloud-carbon-footprint");
    pin(&dir, ".adr");
    let (l, _) = list(&dir);
    assert_eq!(
        created(&l, ".adr/0001-chart_library.md"),
        c("2020-08-25", "Zama", "3fc7101")
    );
    assert_eq!(
        created(&l, ".adr/0014-google_cloud_cache_file.md"),
        c("2021-04-19", "robertoayala", "c1ed8b3")
    );
    assert_eq!(
        events(&dir, "14")[0]["path"],
        ".adr/adr_13_google_cloud_cache_file"
    );
    assert_eq!(events(&dir, "1")[0]["path"], ".adr/adr_1_chart_library.txt");
}

#[test]
fn every_corpus_adr_has_a_creation() {
    // Merged branches, moves and renames included: no committed ADR is "not committed yet".
    for name in corpus_names() {
        let (_t, dir) = clone_corpus(&name);
        // The newer corpora's directories (pinned until discovery finds them).
        let pinned = match name.as_str() {
            "ibc-go" | "celestia-app" => Some("docs/architecture"),
            "dotcom-rendering" => Some("dotcom-rendering/docs/architecture"),
            "cloud-carbon-footprint" => Some(".adr"),
            "nats-adr" => Some("adr"),
            _ => None,
        };
        if let Some(d) = pinned {
            pin(&dir, d);
        }
        let r = adrgov(&dir, &["list", "--format", "json"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let l: Vec<Value> = serde_json::from_str(&r.stdout).expect("json");
        let missing: Vec<&str> = l
            .iter()
            .filter(|v| v["created"].is_null())
            .map(|v| v["path"].as_str().unwrap_or("?"))
            .collect();
        assert_eq!(
            (name.as_str(), missing),
            (name.as_str(), Vec::<&str>::new())
        );
        assert!(
            !r.stderr.contains("not committed yet"),
            "{name}: {}",
            r.stderr
        );
    }
}

/// Outside Windows a `\` is part of a file name, not a separator: the history of such an ADR
/// names its real paths (the ADR's own path), across a rename, with and without the cache.
#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_part_of_the_name() {
    for t in fixtures() {
        let d = t.path();
        let old = "docs/adr/0002-use-a\\b.md";
        write(d, old, &nygard(2, "Use a or b", "Accepted", BODY));
        git(d, &["add", "-A"]);
        commit_as(d, "Ann", "2021-02-01", "a or b");
        let new = "docs/adr/0002-use-a\\c.md";
        git(d, &["mv", old, new]);
        commit_as(d, "Bob", "2021-03-01", "rename");
        let (l, stderr) = list(d);
        assert_eq!(stderr, "");
        assert_eq!(
            l.iter().map(|v| v["path"].clone()).collect::<Vec<_>>(),
            [Value::from(new)]
        );
        let want = vec![
            ev("2021-02-01", "Ann", "created", old),
            ev("2021-03-01", "Bob", "renamed", new),
        ];
        assert_eq!(timeline(d, new), want);
        let run = |cache: &str| {
            let r = adrgov_env(
                d,
                &["history", "2", "--format", "json"],
                &[("ADRGOV_NO_CACHE", cache)],
            );
            assert_eq!(r.code, 0, "{}", r.stderr);
            r.stdout
        };
        let cold = run("1");
        let stored = run("0");
        let warm = run("0");
        assert_eq!((&stored, &warm), (&cold, &cold));
        assert_eq!(timeline(d, new), want);
    }
}
