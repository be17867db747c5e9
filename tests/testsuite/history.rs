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
