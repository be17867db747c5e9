//! The nine real corpora (`tests/fixtures/corpora/`): found without configuration, `list
//! --format json` lists exactly their ADR files, with the facts their README gives.

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
    for name in corpus_names() {
        let (_t, dir) = clone_corpus(&name);
        for args in [
            &["list"][..],
            &["list", "--format", "csv"],
            &["toc"],
            &["show", &first_path(&dir)],
            &["show", &first_path(&dir), "--format", "json"],
        ] {
            let r = adrgov(&dir, args);
            assert_eq!(r.code, 0, "{name} {args:?}: {}", r.stderr);
            assert_eq!(r.stderr, discovery_note(&name), "{name} {args:?}");
        }
    }
}

/// What adrgov says once on stderr about the ADR directory it found by content (nothing for a
/// directory named by configuration or convention).
fn discovery_note(corpus: &str) -> String {
    let (dir, why) = match corpus {
        "ibc-go" => (
            "docs/architecture",
            "15 numbered Markdown files with ADR structure: status, Context, Decision, Consequences",
        ),
        "celestia-app" => (
            "docs/architecture",
            "26 numbered Markdown files with ADR structure: status, Context, Decision, Consequences",
        ),
        "dotcom-rendering" => (
            "dotcom-rendering/docs/architecture",
            "27 numbered Markdown files with ADR structure: status, Context, Decision",
        ),
        _ => return String::new(),
    };
    format!(
        "note: using {dir} as the ADR directory ({why}); pin it with `[adr] dir = \"{dir}\"` in adrgov.toml\n"
    )
}

/// The first ADR's path: unambiguous even where two ADRs share a number.
fn first_path(dir: &std::path::Path) -> String {
    list_json(dir)[0]["path"]
        .as_str()
        .expect("path")
        .to_string()
}

/// `(created date, created author)` of an ADR of `list --format json`.
fn created(v: &Value) -> (&str, &str) {
    (
        v["created"]["date"].as_str().unwrap_or("-"),
        v["created"]["author"].as_str().unwrap_or("-"),
    )
}

/// Every Markdown file under `dir` in git (sub-directories included), less the non-ADRs.
fn adr_files_deep(repo: &std::path::Path, dir: &str, not_adrs: &[&str]) -> BTreeSet<String> {
    git(repo, &["ls-files", dir])
        .lines()
        .filter(|p| p.ends_with(".md"))
        .filter(|p| !not_adrs.iter().any(|n| p.ends_with(&format!("/{n}"))))
        .map(str::to_string)
        .collect()
}

fn statuses(list: &[Value]) -> std::collections::BTreeMap<String, usize> {
    let mut m = std::collections::BTreeMap::new();
    for v in list {
        *m.entry(v["status"].as_str().unwrap_or("(none)").to_string())
            .or_insert(0) += 1;
    }
    m
}

#[test]
fn ibc_go() {
    let (_t, dir) = clone_corpus("ibc-go");
    let list = list_json(&dir);
    assert_eq!(
        paths(&list),
        adr_files(&dir, "docs/architecture", &["README.md", "adr.template.md"])
    );
    let ids: Vec<&str> = list.iter().map(|v| v["id"].as_str().expect("id")).collect();
    assert_eq!(
        ids,
        [
            "001", "002", "003", "004", "005", "006", "007", "008", "009", "010", "011", "015",
            "025", "026", "027"
        ]
    );
    assert_eq!(by_id(&list, "001")["title"], "Coin Source Tracing");
    assert_eq!(by_id(&list, "001")["status_text"], "Accepted, Implemented");
    assert_eq!(by_id(&list, "025")["status"], "deprecated");
    assert_eq!(by_id(&list, "025")["title"], "IBC Passive Channels");
    // 015's `## Status` comes after a long Go example (line 276): the file says Proposed,
    // while the README index lists it as Accepted under another title. The file wins.
    assert_eq!(by_id(&list, "015")["status"], "proposed");
    // The file wins over the README index table.
    assert_eq!(by_id(&list, "010")["status"], "proposed");
    let a27 = by_id(&list, "027");
    assert_eq!(a27["title"], "Add support for Wasm based light client");
    assert_eq!(a27["status"], "accepted");
    assert_eq!(
        a27["status_text"],
        "*Accepted and applied in v0.1.0 of 08-wasm*"
    );
    assert_eq!(created(a27), ("2021-05-12", "Parth"));
    for id in ["001", "015", "025", "026"] {
        assert_eq!(
            created(by_id(&list, id)),
            ("2021-04-26", "colin axnér"),
            "{id}"
        );
    }
    // Created in a sub-directory, moved and largely rewritten (16 % similar) later.
    assert_eq!(created(by_id(&list, "008")), ("2023-03-22", "Aditya"));
    assert!(list.iter().all(|v| v["format"] == "nygard"));
    snapshot("ibc_go", &dir);
}

#[test]
fn celestia_app() {
    let (_t, dir) = clone_corpus("celestia-app");
    let list = list_json(&dir);
    assert_eq!(list.len(), 27);
    assert_eq!(paths(&list), adr_files_deep(&dir, "docs/architecture", &[]));
    let a1 = by_id(&list, "001");
    assert_eq!(a1["title"], "ABCI++ Adoption");
    assert_eq!(a1["status"], "implemented");
    assert_eq!(created(a1), ("2022-04-10", "Evan Forbes"));
    assert_eq!(created(by_id(&list, "003")), ("2022-03-24", "CHAMI Rachid"));
    assert_eq!(created(by_id(&list, "013")), ("2023-03-16", "nashqueue"));
    assert_eq!(created(by_id(&list, "024")), ("2025-11-05", "nina / ნინა"));
    assert_eq!(created(by_id(&list, "028")), ("2026-04-21", "Evan Forbes"));
    assert_eq!(created(by_id(&list, "027")), ("2026-04-29", "Evan Forbes"));
    // A supersession written inside a compound status.
    let a9 = by_id(&list, "009");
    assert_eq!(a9["status"], "superseded");
    assert_eq!(
        a9["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "013"}])
    );
    // Only parts of 006 were superseded: it is not superseded as a whole.
    assert_eq!(by_id(&list, "006")["status"], "implemented");
    // 005's replacement is a pull request, not an ADR.
    let a5 = by_id(&list, "005");
    assert_eq!(a5["status"], "deprecated");
    assert_eq!(a5["relations"], serde_json::json!([]));
    assert_eq!(by_id(&list, "027")["status"], "draft");
    let a28 = by_id(&list, "028");
    assert_eq!(a28["status"], "draft");
    assert_eq!(a28["title"], "Secondary Fee Token Support");
    assert_eq!(by_id(&list, "011")["status"], "accepted");
    for id in ["010", "013", "014", "015", "019", "020", "021"] {
        assert_eq!(by_id(&list, id)["status"], "implemented", "{id}");
    }
    assert!(by_id(&list, "adr-draft-spectrum-spec")["number"].is_null());
    snapshot("celestia_app", &dir);
}

#[test]
fn dotcom_rendering() {
    let (_t, dir) = clone_corpus("dotcom-rendering");
    let list = list_json(&dir);
    assert_eq!(list.len(), 37);
    let top = "dotcom-rendering/docs/architecture";
    let all = paths(&list);
    assert_eq!(
        all.iter()
            .filter(|p| !p[top.len() + 1..].contains('/'))
            .count(),
        30
    );
    assert_eq!(
        all.iter()
            .filter(|p| p.starts_with(&format!("{top}/historic-adrs/")))
            .count(),
        6
    );
    assert_eq!(
        all.iter()
            .filter(|p| p.starts_with(&format!("{top}/proposed-adrs/")))
            .count(),
        1
    );
    assert!(
        all.iter()
            .all(|p| !p.contains("3rd-party-technical-review"))
    );
    let by_path = |p: &str| {
        list.iter()
            .find(|v| v["path"] == format!("{top}/{p}"))
            .unwrap_or_else(|| panic!("no {p}"))
    };
    let react = by_path("003-react.md");
    assert_eq!(react["title"], "React");
    assert_eq!(react["status"], "accepted");
    // Moved into dotcom-rendering/ in 2021 and renumbered in 2023: still created in 2018.
    assert_eq!(created(react), ("2018-07-23", "Simon Adcock"));
    assert_eq!(
        created(by_path("006-support-for-frontend-only.md")),
        ("2018-08-07", "Nicolas Long")
    );
    let ctx = by_path("028-react-context-api.md");
    assert_eq!(ctx["title"], "React Context API");
    // `##` + no-break space + `Status`: not a CommonMark heading, still the status.
    assert_eq!(ctx["status"], "approved");
    assert_eq!(created(ctx), ("2023-09-08", "Charlotte Emms"));
    assert_eq!(by_path("030-amp-removal.md")["status"], "approved");
    assert_eq!(
        by_path("010-capi-elements-as-components.md")["status"],
        "adopted"
    );
    assert_eq!(by_path("009-storybook.md")["status"], "proposed");
    for p in [
        "024-click-to-view.md",
        "026-better-partial-hydration.md",
        "027-pictures.md",
        "029-scaling-policy-decision-record.md",
    ] {
        assert!(by_path(p)["status"].is_null(), "{p}");
    }
    assert_eq!(
        created(by_path("023-script-loading.md")),
        ("2020-12-18", "Gareth Trufitt")
    );
    assert_eq!(
        by_path("proposed-adrs/rendering-type.md")["status"],
        "proposed"
    );
    // A plain file name in the status is a relation; a status wrapped over two lines is one.
    let h16 = by_path("historic-adrs/016-react-context-api.md");
    assert_eq!(h16["status"], "superseded");
    assert_eq!(
        h16["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "028"}])
    );
    // Superseded by a file that never existed: dangling, the reference kept as written.
    let ms = by_path("historic-adrs/multiple-sites.md");
    assert_eq!(ms["status"], "superseded");
    assert_eq!(
        ms["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "007-multiple-sites-revisited.md"}])
    );
    snapshot("dotcom_rendering", &dir);
}

#[test]
fn cloud_carbon_footprint() {
    let (_t, dir) = clone_corpus("cloud-carbon-footprint");
    let list = list_json(&dir);
    assert_eq!(list.len(), 21);
    assert_eq!(paths(&list), adr_files(&dir, ".adr", &[]));
    let a1 = by_id(&list, "0001");
    assert_eq!(a1["title"], "Chart library");
    assert_eq!(a1["status"], "accepted");
    // Created as a plain-text `.adr/adr_1_chart_library.txt`, renamed to Markdown in 2022.
    assert_eq!(created(a1), ("2020-08-25", "Zama"));
    let a10 = by_id(&list, "0010");
    assert_eq!(a10["title"], "Publishing to npm");
    assert_eq!(created(a10), ("2021-02-27", "Dylan Jeffers"));
    // Created without an extension as adr_13_…, renumbered to 14.
    assert_eq!(
        created(by_id(&list, "0014")),
        ("2021-04-19", "robertoayala")
    );
    assert!(by_id(&list, "0005")["status"].is_null());
    // The status under a level-1 `# Status` heading.
    assert_eq!(by_id(&list, "0011")["status"], "accepted");
    assert!(by_id(&list, "0008")["date"].is_null());
    assert_eq!(by_id(&list, "0006")["date"], "2020-09-27");
    for id in ["0020", "0021"] {
        assert_eq!(
            created(by_id(&list, id)),
            ("2022-08-24", "Marco Valtas"),
            "{id}"
        );
    }
    assert_eq!(
        list.iter().filter(|v| v["status"] == "accepted").count(),
        20
    );
    snapshot("cloud_carbon_footprint", &dir);
}

#[test]
fn nats_adr() {
    let (_t, dir) = clone_corpus("nats-adr");
    let list = list_json(&dir);
    assert_eq!(list.len(), 52);
    assert_eq!(paths(&list), adr_files(&dir, "adr", &[]));
    let counts = statuses(&list);
    assert_eq!(
        counts,
        [
            ("approved", 14),
            ("deprecated", 3),
            ("implemented", 24),
            ("partially implemented", 7),
            ("proposed", 4)
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    );
    let a1 = by_id(&list, "1");
    assert_eq!(a1["title"], "JetStream JSON API Design");
    assert_eq!(created(a1), ("2021-06-29", "scottf"));
    // The path ADR-8.md was reused: today's ADR 8 starts in 2021-07-09.
    assert_eq!(created(by_id(&list, "8")), ("2021-07-09", "R.I.Pienaar"));
    assert_eq!(created(by_id(&list, "37")), ("2022-11-23", "aricart"));
    assert_eq!(
        created(by_id(&list, "33")),
        ("2023-01-21", "Tomasz Pietrek")
    );
    assert_eq!(
        created(by_id(&list, "40")),
        ("2023-12-04", "Tomasz Pietrek")
    );
    let a47 = by_id(&list, "47");
    assert_eq!(a47["status"], "partially implemented");
    assert_eq!(created(a47), ("2023-06-26", "scottf"));
    assert_eq!(by_id(&list, "15")["status"], "deprecated");
    // Every ADR is committed: merged branches are history too.
    assert!(list.iter().all(|v| !v["created"].is_null()));
    snapshot("nats_adr", &dir);
}
