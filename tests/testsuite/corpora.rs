//! The four real corpora: `list --format json` lists exactly their ADR files, with the facts
//! from ../shared/corpora/README.md.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn list_json(dir: &std::path::Path) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&list_raw(dir)).expect("json array")
}

fn list_raw(dir: &std::path::Path) -> String {
    let r = adrgov(dir, &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    r.stdout
}

fn by_id<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

/// The Markdown files of `dir` in git, less the ones that are not ADRs.
fn adr_files(repo: &std::path::Path, dir: &str, not_adrs: &[&str]) -> BTreeSet<String> {
    git(repo, &["ls-files", dir])
        .lines()
        .filter(|p| p.ends_with(".md"))
        .filter(|p| !p[dir.len()..].trim_start_matches('/').contains('/'))
        .filter(|p| {
            !not_adrs
                .iter()
                .any(|n| p.ends_with(&format!("/{n}")) || p == n)
        })
        .map(str::to_string)
        .collect()
}

fn paths(list: &[Value]) -> BTreeSet<String> {
    list.iter()
        .map(|v| v["path"].as_str().expect("path").to_string())
        .collect()
}

/// Keeps the JSON contract stable (keys, their order, values): the whole output of each corpus
/// is a snapshot.
fn snapshot(name: &str, dir: &std::path::Path) {
    insta::assert_snapshot!(format!("list_json_{name}"), list_raw(dir));
}

#[test]
fn govuk_aws() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let list = list_json(&dir);
    assert_eq!(list.len(), 38);
    assert_eq!(
        paths(&list),
        adr_files(&dir, "docs/architecture/decisions", &[])
    );
    let a4 = by_id(&list, "0004");
    assert_eq!(a4["status"], "superseded");
    assert_eq!(
        a4["status_text"],
        "Superseded by [DNS Infrastructure](0015-dns-infrastructure.md)"
    );
    assert_eq!(
        a4["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "0015"}])
    );
    assert_eq!(a4["date"], "2017-07-14");
    assert_eq!(a4["format"], "nygard");
    assert_eq!(a4["title"], "DNS definitions for hosts and services");
    assert_eq!(
        by_id(&list, "0017")["relations"],
        serde_json::json!([{"kind": "amends", "target": "0010"}])
    );
    assert_eq!(
        by_id(&list, "0010")["relations"],
        serde_json::json!([{"kind": "amended-by", "target": "0017"}])
    );
    // Non-standard statuses are kept, normalized.
    assert_eq!(by_id(&list, "0038")["status"], "approved");
    assert_eq!(by_id(&list, "0006")["status"], "pending");
    assert_eq!(by_id(&list, "0003")["status"], "partly superseded");
    // 0033's heading says "3." but its number is 33; 0034 does not exist.
    assert_eq!(by_id(&list, "0033")["number"], 33);
    assert!(list.iter().all(|v| v["id"] != "0034"));
    snapshot("govuk_aws", &dir);
}

#[test]
fn madr() {
    let (_t, dir) = clone_corpus("madr");
    let list = list_json(&dir);
    assert_eq!(list.len(), 19);
    assert_eq!(
        paths(&list),
        adr_files(&dir, "docs/decisions", &["adr-template.md", "index.md"])
    );
    let with_status: Vec<(&str, &str)> = list
        .iter()
        .filter(|v| !v["status"].is_null())
        .map(|v| {
            (
                v["id"].as_str().expect("id"),
                v["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(with_status, vec![("0003", "on hold")]);
    assert!(list.iter().all(|v| v["format"] == "madr"));
    // 0008 and 0013 hold a second front matter and H1 inside fenced code: not metadata.
    assert_eq!(by_id(&list, "0008")["title"], "Add Status Field");
    assert_eq!(
        by_id(&list, "0013")["title"],
        "Use YAML front matter for metadata"
    );
    assert!(
        list.iter()
            .all(|v| v["relations"].as_array().is_some_and(Vec::is_empty))
    );
    snapshot("madr", &dir);
}

#[test]
fn log4brains() {
    let (_t, dir) = clone_corpus("log4brains");
    let list = list_json(&dir);
    assert_eq!(list.len(), 9);
    assert_eq!(
        paths(&list),
        adr_files(&dir, "docs/adr", &["README.md", "index.md", "template.md"])
    );
    assert!(list.iter().all(|v| v["number"].is_null()));
    let old = by_id(&list, "20200926-use-the-adr-number-as-its-unique-id");
    assert_eq!(old["status"], "superseded");
    assert_eq!(
        old["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "20201016-use-the-adr-slug-as-its-unique-id"}])
    );
    let new = by_id(&list, "20201016-use-the-adr-slug-as-its-unique-id");
    assert_eq!(new["status"], "accepted");
    assert_eq!(
        new["relations"],
        serde_json::json!([{"kind": "supersedes", "target": "20200926-use-the-adr-number-as-its-unique-id"}])
    );
    assert_eq!(new["date"], "2020-10-16");
    snapshot("log4brains", &dir);
}

#[test]
fn arachne() {
    let (_t, dir) = clone_corpus("arachne");
    let list = list_json(&dir);
    assert_eq!(list.len(), 17);
    assert_eq!(paths(&list), adr_files(&dir, ".", &[]));
    // "Accepted", "Proposed" and "PROPOSED" are read whatever their case.
    assert_eq!(by_id(&list, "001")["status"], "accepted");
    assert_eq!(by_id(&list, "002")["status_text"], "Proposed");
    assert_eq!(by_id(&list, "002")["status"], "proposed");
    assert_eq!(by_id(&list, "009")["status_text"], "PROPOSED");
    assert_eq!(by_id(&list, "009")["status"], "proposed");
    assert!(
        list.iter()
            .all(|v| v["status"] == "accepted" || v["status"] == "proposed")
    );
    // No Date: lines: dates are unknown, not invented.
    assert!(list.iter().all(|v| v["date"].is_null()));
    assert_eq!(by_id(&list, "001")["title"], "Use ADRs");
    snapshot("arachne", &dir);
}

#[test]
fn every_read_command_runs_on_every_corpus() {
    for name in ["govuk-aws", "madr", "log4brains", "arachne"] {
        let (_t, dir) = clone_corpus(name);
        for args in [
            &["list"][..],
            &["list", "--format", "csv"],
            &["toc"],
            &["show", &first_id(&dir)],
            &["show", &first_id(&dir), "--format", "json"],
        ] {
            let r = adrgov(&dir, args);
            assert_eq!(r.code, 0, "{name} {args:?}: {}", r.stderr);
            assert!(r.stderr.is_empty(), "{name} {args:?} warned: {}", r.stderr);
        }
    }
}

fn first_id(dir: &std::path::Path) -> String {
    list_json(dir)[0]["id"].as_str().expect("id").to_string()
}
