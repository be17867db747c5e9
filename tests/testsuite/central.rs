//! Many repositories, one site: `adrgov export` (a repository's decisions as one JSON file) and
//! reading it back.

use crate::support::*;
use std::path::{Path, PathBuf};

/// `git add -A && git commit` dated `date` (author and committer, UTC noon).
fn commit_at(dir: &Path, date: &str, msg: &str) {
    git(dir, &["add", "-A"]);
    let stamp = format!("{date}T12:00:00+00:00");
    git_env(
        dir,
        &["commit", "-q", "-m", msg],
        &[("GIT_AUTHOR_DATE", &stamp), ("GIT_COMMITTER_DATE", &stamp)],
    );
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn nygard(n: u32, title: &str, status: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-0{n}-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
    )
}

/// A repository called `payments` (inside a temp dir) with two ADRs over three dated commits,
/// its `origin` on GitHub by ssh.
fn payments() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("payments");
    std::fs::create_dir_all(&root).expect("mkdir");
    git(&root, &["init", "-q", "-b", "main"]);
    git(
        &root,
        &[
            "remote",
            "add",
            "origin",
            "git@github.com:acme/payments.git",
        ],
    );
    write(
        &root,
        "docs/adr/0001-record-architecture-decisions.md",
        &nygard(1, "Record architecture decisions", "Accepted"),
    );
    commit_at(&root, "2024-01-01", "ADR 1");
    write(
        &root,
        "docs/adr/0002-use-postgresql.md",
        &nygard(2, "Use PostgreSQL", "Proposed"),
    );
    commit_at(&root, "2024-02-01", "ADR 2");
    write(
        &root,
        "docs/adr/0002-use-postgresql.md",
        &nygard(2, "Use PostgreSQL", "Accepted"),
    );
    commit_at(&root, "2024-02-15", "accept ADR 2");
    (tmp, root)
}

#[test]
fn export_of_a_small_repository() {
    let (_tmp, root) = payments();
    let r = adrgov(&root, &["export"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    insta::assert_snapshot!("export_payments", r.stdout);

    // Per ADR: exactly `list --format json`'s object, the file's text and `history`'s events.
    let export: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&adrgov(&root, &["list", "--format", "json"]).stdout).unwrap();
    let adrs = export["adrs"].as_array().unwrap();
    assert_eq!(adrs.len(), 2);
    for (i, adr) in adrs.iter().enumerate() {
        let mut view = adr.as_object().unwrap().clone();
        let markdown = view.remove("markdown").unwrap();
        let events = view.remove("events").unwrap();
        assert_eq!(serde_json::Value::Object(view.clone()), list[i]);
        let keys: Vec<&String> = view.keys().collect();
        let list_keys: Vec<&String> = list[i].as_object().unwrap().keys().collect();
        assert_eq!(keys, list_keys);
        let path = adr["path"].as_str().unwrap();
        assert_eq!(markdown.as_str().unwrap(), read(root.join(path)));
        let id = adr["id"].as_str().unwrap();
        let history: serde_json::Value =
            serde_json::from_str(&adrgov(&root, &["history", id, "--format", "json"]).stdout)
                .unwrap();
        assert_eq!(events, history["events"]);
    }
}

#[test]
fn export_is_deterministic_and_reads_back() {
    let (tmp, root) = payments();
    let first = adrgov(&root, &["export"]);
    let second = adrgov(&root, &["export", "--no-cache"]);
    assert_eq!(first.code, 0);
    assert_eq!(first.stdout, second.stdout);

    let out = tmp.path().join("out/payments.json");
    let r = adrgov(
        &root,
        &[
            "export",
            "--out",
            out.to_str().unwrap(),
            "--name",
            "billing",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!("exported 2 ADRs of billing to {}\n", out.display())
    );
    let back = adrgov::export::Export::read(&out).unwrap();
    assert_eq!(back.repository.name, "billing");
    assert_eq!(
        back.repository.url.as_deref(),
        Some("https://github.com/acme/payments")
    );
    assert_eq!(back.to_json().unwrap(), read(&out));
    assert_eq!(
        read(&out),
        first
            .stdout
            .replacen("\"name\": \"payments\"", "\"name\": \"billing\"", 1)
    );
    let ids: Vec<&str> = back.adrs.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["0001", "0002"]);
    assert_eq!(back.adrs[1].events.len(), 2);
    assert_eq!(back.adrs[1].events[1].status.as_deref(), Some("accepted"));
}

#[test]
fn export_url_from_repo_url_and_none_without_a_remote() {
    let (_tmp, root) = payments();
    git(&root, &["remote", "remove", "origin"]);
    let r = adrgov(&root, &["export"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["repository"],
        serde_json::json!({"name": "payments", "url": null})
    );
    write(
        &root,
        "adrgov.toml",
        "[adr]\ndir = \"docs/adr\"\n\n[site]\nrepo-url = \"https://gitlab.example.org/team/payments/\"\n",
    );
    let r = adrgov(&root, &["export"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["repository"],
        serde_json::json!({"name": "payments", "url": "https://gitlab.example.org/team/payments"})
    );
}

#[test]
fn export_read_refuses_what_is_not_an_export() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("x.json");
    std::fs::write(&p, "{\"format\": \"adrgov-export\", \"version\": 2}").unwrap();
    assert_eq!(
        adrgov::export::Export::read(&p).unwrap_err().to_string(),
        format!(
            "{}: export format version 2 is not known to this adrgov (it reads version 1); export it again with this adrgov, or upgrade adrgov",
            p.display()
        )
    );
    let missing = tmp.path().join("nope.json");
    assert_eq!(
        adrgov::export::Export::read(&missing)
            .unwrap_err()
            .to_string(),
        format!(
            "{}: No such file or directory (os error 2)",
            missing.display()
        )
    );
}
