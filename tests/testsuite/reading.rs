//! Reading titles, statuses (with the relations inside them), dates and metadata tables the
//! way real teams write them (issue 10 items 3, 4 and 8).

use crate::support::{adrgov, read, repo};
use serde_json::{Value, json};

const TOML: &str = "[adr]\ndir = \"docs/architecture\"\n";

/// `list --format json`, each ADR cut down to the fields this file is about.
fn listed(dir: &std::path::Path) -> Value {
    let r = adrgov(dir, &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    Value::Array(
        v.as_array()
            .expect("array")
            .iter()
            .map(|a| {
                json!({
                    "id": a["id"], "title": a["title"], "status": a["status"],
                    "status_text": a["status_text"], "date": a["date"],
                    "relations": a["relations"],
                })
            })
            .collect(),
    )
}

fn cosmos(title: &str, status: &str) -> String {
    format!(
        "# {title}\n\n## Changelog\n\n- 2022-09-23: Initial draft\n\n## Status\n\n{status}\n\n## Context\n\nx\n"
    )
}

#[test]
fn cosmos_titles_and_free_text_statuses() {
    let files = [
        ("adrgov.toml", TOML.to_string()),
        (
            "docs/architecture/adr-001-coin-source-tracing.md",
            cosmos("ADR 001: Coin Source Tracing", "Accepted, Implemented"),
        ),
        (
            "docs/architecture/adr-005-qgb.md",
            cosmos(
                "ADR 005: QGB Reduce State Usage",
                "Deprecated in favor of [orchestrator-relayer#66](https://github.com/o/r/pull/66)",
            ),
        ),
        (
            "docs/architecture/adr-006-defaults.md",
            cosmos(
                "ADR 006: Defaults",
                "Implemented. Parts of this ADR were superseded by [ADR-020](./adr-020-square.md)",
            ),
        ),
        (
            "docs/architecture/adr-009-reduced-padding.md",
            cosmos(
                "ADR 009: Reduced Padding",
                "Implemented. Superseded by [ADR-013](./adr-013-zero-padding.md).",
            ),
        ),
        (
            "docs/architecture/adr-011-proofs.md",
            cosmos(
                "ADR 011: Proofs",
                "Accepted -> Does not affect the Celestia Core Specification",
            ),
        ),
        (
            "docs/architecture/adr-013-zero-padding.md",
            cosmos(
                "ADR 13: Zero Padding",
                "Implemented in <https://github.com/o/r/pull/1604>",
            ),
        ),
        (
            "docs/architecture/adr-020-square.md",
            cosmos(
                "ADR 020: Square",
                "*Accepted and applied in v0.1.0 of 08-wasm*",
            ),
        ),
        (
            "docs/architecture/adr-025-passive.md",
            cosmos("ADR 025: IBC Passive Channels", "*deprecated*"),
        ),
        (
            "docs/architecture/adr-027-ordering.md",
            cosmos("ADR 27: Ordering", "DRAFT"),
        ),
        (
            "docs/architecture/adr-028-fee-token.md",
            cosmos("ADR: Secondary Fee Token Support", "Draft"),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&files, false);
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "001", "title": "Coin Source Tracing", "status": "accepted", "status_text": "Accepted, Implemented", "date": null, "relations": no},
            {"id": "005", "title": "QGB Reduce State Usage", "status": "deprecated", "status_text": "Deprecated in favor of [orchestrator-relayer#66](https://github.com/o/r/pull/66)", "date": null, "relations": no},
            {"id": "006", "title": "Defaults", "status": "implemented", "status_text": "Implemented. Parts of this ADR were superseded by [ADR-020](./adr-020-square.md)", "date": null, "relations": no},
            {"id": "009", "title": "Reduced Padding", "status": "superseded", "status_text": "Implemented. Superseded by [ADR-013](./adr-013-zero-padding.md).", "date": null, "relations": [{"kind": "superseded-by", "target": "013"}]},
            {"id": "011", "title": "Proofs", "status": "accepted", "status_text": "Accepted -> Does not affect the Celestia Core Specification", "date": null, "relations": no},
            {"id": "013", "title": "Zero Padding", "status": "implemented", "status_text": "Implemented in <https://github.com/o/r/pull/1604>", "date": null, "relations": no},
            {"id": "020", "title": "Square", "status": "accepted", "status_text": "*Accepted and applied in v0.1.0 of 08-wasm*", "date": null, "relations": no},
            {"id": "025", "title": "IBC Passive Channels", "status": "deprecated", "status_text": "*deprecated*", "date": null, "relations": no},
            {"id": "027", "title": "Ordering", "status": "draft", "status_text": "DRAFT", "date": null, "relations": no},
            {"id": "028", "title": "Secondary Fee Token Support", "status": "draft", "status_text": "Draft", "date": null, "relations": no},
        ])
    );
}

#[test]
fn decorated_statuses_and_relations_in_them() {
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            (
                "docs/architecture/0007-use-kafka.md",
                "# 7. Use Kafka\n\nDate: 2020-01-01\n\n## Status\n\n⌛️ Superseded by [041. Queues](0041-queues.md)\n",
            ),
            (
                "docs/architecture/0012-cache.md",
                "# 12) Cache layer {#adr_0012}\n\n**Status**: ✅ _Accepted_\n",
            ),
            (
                "docs/architecture/0023-logging.md",
                "# 23 Logging\n\nStatus - :white_check_mark: accepted; supersedes ADR-0031\n",
            ),
            (
                "docs/architecture/0031-old-logging.md",
                "---\nstatus: \"Superseded by ADR-23 on 2021-03-04\"\n---\n# [ADR-31] Old logging\n",
            ),
            (
                "docs/architecture/0041-queues.md",
                "---\nstatus: { accepted }\ndate: September 20, 2024\n---\n# ADR041: Queues\n",
            ),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0007", "title": "Use Kafka", "status": "superseded", "status_text": "⌛️ Superseded by [041. Queues](0041-queues.md)", "date": "2020-01-01", "relations": [{"kind": "superseded-by", "target": "0041"}]},
            {"id": "0012", "title": "Cache layer", "status": "accepted", "status_text": "✅ _Accepted_", "date": null, "relations": no},
            {"id": "0023", "title": "Logging", "status": "accepted", "status_text": ":white_check_mark: accepted; supersedes ADR-0031", "date": null, "relations": [{"kind": "supersedes", "target": "0031"}]},
            {"id": "0031", "title": "Old logging", "status": "superseded", "status_text": "Superseded by ADR-23 on 2021-03-04", "date": null, "relations": [{"kind": "superseded-by", "target": "0023"}]},
            {"id": "0041", "title": "Queues", "status": null, "status_text": null, "date": "2024-09-20", "relations": no},
        ])
    );
}

const NATS: &str = "# JetStream JSON API Design\n\n|Metadata|Value|\n|--------|-----|\n|Date    |2020-04-30|\n|Author  |@ripienaar|\n|Status  |Implemented|\n|Tags    |jetstream, client, server|\n\n## Context\n\nx\n\n## Status\n\nWhile this is marked `accepted`, we're still learning.\n";

const NATS_SPACED: &str = "# Request Many\n\n| Metadata | Value                 |\n|----------|-----------------------|\n| Date     | 2024-09-26            |\n| Status   | Partially Implemented |\n\n## Context\n\nx\n";

#[test]
fn metadata_table_is_read_and_edited_in_its_cell() {
    let t = repo(
        &[
            ("adrgov.toml", "[adr]\ndir = \"adr\"\n"),
            ("adr/ADR-1.md", NATS),
            ("adr/ADR-47.md", NATS_SPACED),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "1", "title": "JetStream JSON API Design", "status": "implemented", "status_text": "Implemented", "date": "2020-04-30", "relations": no},
            {"id": "47", "title": "Request Many", "status": "partially implemented", "status_text": "Partially Implemented", "date": "2024-09-26", "relations": no},
        ])
    );
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v[0]["tags"], json!(["jetstream", "client", "server"]));

    let r = adrgov(t.path(), &["status", "1", "deprecated"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("adr/ADR-1.md")),
        NATS.replace("|Status  |Implemented|", "|Status  |Deprecated|")
    );
    let r = adrgov(t.path(), &["status", "47", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("adr/ADR-47.md")),
        NATS_SPACED.replace(
            "| Status   | Partially Implemented |",
            "| Status   | Accepted              |"
        )
    );
}

#[test]
fn status_under_a_level_one_heading_or_a_no_break_space_heading() {
    let ccf = "# 11. Integrating changesets\n\nDate: 2021-03-9\n\n# Status\n\nAccepted\n\n## Decision\n\nAmended by [Plan](0003-plan.md)\n";
    let dcr = "# React Context API\n\n## Context\n\nx\n\n##\u{a0}Status\n\nApproved\n";
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("docs/architecture/0011-integrating_changesets.md", ccf),
            ("docs/architecture/028-react-context-api.md", dcr),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0011", "title": "Integrating changesets", "status": "accepted", "status_text": "Accepted", "date": "2021-03-09", "relations": [{"kind": "amended-by", "target": "0003-plan.md"}]},
            {"id": "028", "title": "React Context API", "status": "approved", "status_text": "Approved", "date": null, "relations": no},
        ])
    );
    let r = adrgov(t.path(), &["status", "11", "deprecated"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(
            t.path()
                .join("docs/architecture/0011-integrating_changesets.md")
        ),
        ccf.replace("\nAccepted\n", "\nDeprecated\n")
    );
    let r = adrgov(t.path(), &["status", "28", "rejected"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/architecture/028-react-context-api.md")),
        dcr.replace("\nApproved\n", "\nRejected\n")
    );
}

#[test]
fn dates_are_read_or_kept_as_written_with_a_hint() {
    // The title matches the file name's slug: only the dates are wrong.
    let adr = |slug: &str, date: &str| {
        format!(
            "# {}\n\nDate: {date}\n\n## Status\n\nAccepted\n",
            slug.replace('-', " ")
        )
    };
    let files = [
        (
            "adrgov.toml",
            format!("{TOML}[check]\nmissing-section = \"off\"\n"),
        ),
        ("docs/architecture/0001-iso.md", adr("iso", "2024-09-20")),
        (
            "docs/architecture/0002-words.md",
            adr("words", "September 20, 2024"),
        ),
        (
            "docs/architecture/0003-day-first.md",
            adr("day-first", "20 Sep 2024"),
        ),
        (
            "docs/architecture/0004-ambiguous.md",
            adr("ambiguous", "05/02/2018"),
        ),
        (
            "docs/architecture/0005-impossible.md",
            adr("impossible", "2024-14-02"),
        ),
        (
            "docs/architecture/0006-day-past-twelve.md",
            adr("day-past-twelve", "25/02/2018"),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&files, false);
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let dates: Vec<&Value> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|a| &a["date"])
        .collect();
    assert_eq!(
        dates,
        [
            &json!("2024-09-20"),
            &json!("2024-09-20"),
            &json!("2024-09-20"),
            &Value::Null,
            &Value::Null,
            &Value::Null
        ]
    );
    let r = adrgov(t.path(), &["check", "--no-history"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "error[invalid-date]: docs/architecture/0004-ambiguous.md:3: date `05/02/2018` is not a valid date\n  = hint: `05/02/2018` is ambiguous: 2018-02-05 if the day comes first, 2018-05-02 if the month does; write the one meant as YYYY-MM-DD\n\
         error[invalid-date]: docs/architecture/0005-impossible.md:3: date `2024-14-02` is not a valid date\n  = hint: there is no month 14; write it as YYYY-MM-DD (month second)\n\
         error[invalid-date]: docs/architecture/0006-day-past-twelve.md:3: date `25/02/2018` is not a valid date\n  = hint: write it as YYYY-MM-DD: 2018-02-25\n\
         3 errors, 0 warnings in 6 ADRs checked\n"
    );
}

/// `list --no-history --format json` of a corpus clone (with `dir` configured when given),
/// cut down to the ADRs with these ids.
fn corpus_listing(name: &str, dir: Option<&str>, ids: &[&str]) -> Value {
    let (_tmp, path) = crate::support::clone_corpus(name);
    if let Some(d) = dir {
        std::fs::write(path.join("adrgov.toml"), format!("[adr]\ndir = \"{d}\"\n"))
            .expect("write config");
    }
    let all = listed_no_history(&path);
    Value::Array(
        all.as_array()
            .expect("array")
            .iter()
            .filter(|a| ids.iter().any(|i| a["id"] == *i))
            .cloned()
            .collect(),
    )
}

fn listed_no_history(dir: &std::path::Path) -> Value {
    let r = adrgov(dir, &["list", "--no-history", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    Value::Array(
        v.as_array()
            .expect("array")
            .iter()
            .map(|a| {
                json!({"id": a["id"], "title": a["title"], "status": a["status"],
                       "status_text": a["status_text"], "date": a["date"],
                       "relations": a["relations"]})
            })
            .collect(),
    )
}

#[test]
fn nats_statuses_come_from_the_metadata_table() {
    let (_tmp, path) = crate::support::clone_corpus("nats-adr");
    let all = listed_no_history(&path);
    let mut counts = std::collections::BTreeMap::new();
    for a in all.as_array().expect("array") {
        *counts
            .entry(a["status"].as_str().unwrap_or("(none)").to_string())
            .or_insert(0) += 1;
    }
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
    let first: Vec<&Value> = all.as_array().expect("array").iter().take(2).collect();
    assert_eq!(
        first,
        [
            &json!({"id": "1", "title": "JetStream JSON API Design", "status": "implemented", "status_text": "Implemented", "date": "2020-04-30", "relations": []}),
            &json!({"id": "2", "title": "NATS Typed Messages", "status": "implemented", "status_text": "Implemented", "date": "2020-05-06", "relations": []}),
        ]
    );
}

#[test]
fn cosmos_corpora_statuses_and_titles() {
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        corpus_listing(
            "celestia-app",
            Some("docs/architecture"),
            &["005", "006", "009", "011", "028"]
        ),
        json!([
            {"id": "005", "title": "QGB Reduce State Usage", "status": "deprecated", "status_text": "Deprecated in favor of [orchestrator-relayer#66](https://github.com/celestiaorg/orchestrator-relayer/pull/66)", "date": null, "relations": no},
            {"id": "006", "title": "Non-interactive Defaults, Wrapped Transactions, and Subtree Root Message Inclusion Checks", "status": "implemented", "status_text": "Implemented. Parts of this ADR were superseded by [ADR-020](./adr-020-deterministic-square-construction.md).", "date": null, "relations": no},
            {"id": "009", "title": "Non-Interactive Default Rules for Reduced Padding", "status": "superseded", "status_text": "Implemented. Superseded by [ADR-013](./adr-013-non-interactive-default-rules-for-zero-padding.md).", "date": null, "relations": [{"kind": "superseded-by", "target": "013"}]},
            {"id": "011", "title": "Optimistic Blob Size Independent Inclusion Proofs and PFB Fraud Proofs", "status": "accepted", "status_text": "Accepted -> Does not affect the Celestia Core Specification", "date": null, "relations": no},
            {"id": "028", "title": "Secondary Fee Token Support", "status": "draft", "status_text": "Draft", "date": null, "relations": no},
        ])
    );
    assert_eq!(
        corpus_listing("ibc-go", Some("docs/architecture"), &["001", "025", "027"]),
        json!([
            {"id": "001", "title": "Coin Source Tracing", "status": "accepted", "status_text": "Accepted, Implemented", "date": null, "relations": no},
            {"id": "025", "title": "IBC Passive Channels", "status": "deprecated", "status_text": "*deprecated*", "date": null, "relations": no},
            {"id": "027", "title": "Add support for Wasm based light client", "status": "accepted", "status_text": "*Accepted and applied in v0.1.0 of 08-wasm*", "date": null, "relations": no},
        ])
    );
}

#[test]
fn no_break_space_and_level_one_status_headings_in_the_corpora() {
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        corpus_listing(
            "dotcom-rendering",
            Some("dotcom-rendering/docs/architecture"),
            &["028", "030"]
        ),
        json!([
            {"id": "028", "title": "React Context API", "status": "approved", "status_text": "Approved", "date": null, "relations": no},
            {"id": "030", "title": "AMP Removal", "status": "approved", "status_text": "Approved", "date": null, "relations": no},
        ])
    );
    assert_eq!(
        corpus_listing("cloud-carbon-footprint", None, &["0011"]),
        json!([
            {"id": "0011", "title": "Integrating changesets", "status": "accepted", "status_text": "Accepted", "date": "2021-03-09", "relations": no},
        ])
    );
}

#[test]
fn supersede_in_a_metadata_table_adds_rows() {
    let old = "# Old\n\n|Metadata|Value|\n|--------|-----|\n|Date    |2020-04-30|\n|Status  |Implemented|\n\n## Context\n\nx\n";
    let new = "# New\n\n| Metadata | Value |\n|---|---|\n| Date | 2021-01-01 |\n| Status | Approved |\n\n## Context\n\nx\n";
    let t = repo(
        &[
            ("adrgov.toml", "[adr]\ndir = \"adr\"\n"),
            ("adr/ADR-1.md", old),
            ("adr/ADR-2.md", new),
        ],
        false,
    );
    let r = adrgov(t.path(), &["supersede", "1", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("adr/ADR-1.md")),
        "# Old\n\n|Metadata|Value|\n|--------|-----|\n|Date    |2020-04-30|\n|Status  |Superseded|\n|Superseded by|[2. New](ADR-2.md)|\n\n## Context\n\nx\n"
    );
    assert_eq!(
        read(t.path().join("adr/ADR-2.md")),
        "# New\n\n| Metadata | Value |\n|---|---|\n| Date | 2021-01-01 |\n| Status | Approved |\n| Supersedes | [1. Old](ADR-1.md) |\n\n## Context\n\nx\n"
    );
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "1", "title": "Old", "status": "superseded", "status_text": "Superseded", "date": "2020-04-30", "relations": [{"kind": "superseded-by", "target": "2"}]},
            {"id": "2", "title": "New", "status": "approved", "status_text": "Approved", "date": "2021-01-01", "relations": [{"kind": "supersedes", "target": "1"}]},
        ])
    );
}

#[test]
fn status_in_a_named_column_is_edited_in_that_cell() {
    let text = "# Use X\n\n| Status   | Date       |\n|----------|------------|\n| Proposed | 2024-09-20 |\n\n## Context\n\nx\n";
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("docs/architecture/0001-use-x.md", text),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([{"id": "0001", "title": "Use X", "status": "proposed", "status_text": "Proposed", "date": "2024-09-20", "relations": no}])
    );
    let r = adrgov(t.path(), &["accept", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/architecture/0001-use-x.md")),
        text.replace("| Proposed | 2024", "| Accepted | 2024")
    );
}

/// Key cells written as labels (`**Status:**`) are keys; a key cell that is itself a
/// `Status - x` line is no key, so its row is no metadata (and nothing is edited there).
#[test]
fn key_cells_with_a_colon_are_keys_and_cells_holding_a_value_are_not() {
    let labelled = "# Use X\n\n| | |\n|---|---|\n| **Status:** | Proposed |\n| Date: | 2024-09-20 |\n\n## Context\n\nx\n";
    let odd = "# Use Y\n\n| Key | Value |\n|---|---|\n| Status - draft | Implemented |\n\n## Context\n\nx\n";
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("docs/architecture/0001-use-x.md", labelled),
            ("docs/architecture/0002-use-y.md", odd),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0001", "title": "Use X", "status": "proposed", "status_text": "Proposed", "date": "2024-09-20", "relations": no},
            {"id": "0002", "title": "Use Y", "status": null, "status_text": null, "date": null, "relations": no},
        ])
    );
    let r = adrgov(t.path(), &["accept", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/architecture/0001-use-x.md")),
        labelled.replace("| Proposed |", "| Accepted |")
    );
    let r = adrgov(t.path(), &["check", "--format", "json", "--no-history"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    let (x, y) = (
        "docs/architecture/0001-use-x.md",
        "docs/architecture/0002-use-y.md",
    );
    assert_eq!(
        rules,
        [
            ("missing-section", x),
            ("invalid-date", y),
            ("missing-section", y),
            ("missing-status", y)
        ]
    );
    assert_eq!(read(t.path().join("docs/architecture/0002-use-y.md")), odd);
}

/// Setext headings (`Title` over `=====`, `Status` over `------`) are read like `#` ones, and
/// the sections adrgov adds to such a file are written in the same style.
#[test]
fn setext_headings_are_read_and_new_sections_follow_them() {
    let a = "Use Kafka\n=========\n\nDate: 2021-03-04\n\nStatus\n------\n\nAccepted\n\nContext\n-------\n\nx\n";
    let b = "Use Queues\n==========\n\nDate: 2021-04-05\n\nContext\n-------\n\ny\n";
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("docs/architecture/0001-use-kafka.md", a),
            ("docs/architecture/0002-use-queues.md", b),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0001", "title": "Use Kafka", "status": "accepted", "status_text": "Accepted", "date": "2021-03-04", "relations": no},
            {"id": "0002", "title": "Use Queues", "status": null, "status_text": null, "date": "2021-04-05", "relations": no},
        ])
    );
    let r = adrgov(t.path(), &["status", "2", "proposed"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = adrgov(t.path(), &["link", "2", "amends", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = adrgov(t.path(), &["govern", "1", "src/queue/**"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/architecture/0002-use-queues.md")),
        "Use Queues\n==========\n\nDate: 2021-04-05\n\nStatus\n------\n\nProposed\n\nAmends [1. Use Kafka](0001-use-kafka.md)\n\nContext\n-------\n\ny\n"
    );
    assert_eq!(
        read(t.path().join("docs/architecture/0001-use-kafka.md")),
        "Use Kafka\n=========\n\nDate: 2021-03-04\n\nStatus\n------\n\nAccepted\n\nAmended by [2. Use Queues](0002-use-queues.md)\n\nGoverns\n-------\n\n- `src/queue/**`\n\nContext\n-------\n\nx\n"
    );
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0001", "title": "Use Kafka", "status": "accepted", "status_text": "Accepted", "date": "2021-03-04", "relations": [{"kind": "amended-by", "target": "0002"}]},
            {"id": "0002", "title": "Use Queues", "status": "proposed", "status_text": "Proposed", "date": "2021-04-05", "relations": [{"kind": "amends", "target": "0001"}]},
        ])
    );
}

/// ADRs with TOML front matter (Hugo, Zola) are read and edited in their own syntax.
#[test]
fn toml_front_matter_is_read_and_edited_in_toml() {
    let hugo = "+++\ntitle = \"Use Hugo\"\ndate = 2021-03-04\nstatus = \"accepted\"\ngoverns = [\"site/**\", \"themes/**\"]\n+++\n\n## Context\n\nx\n";
    let zola = "+++\ntitle = \"Use Zola\"\ndate = 2021-04-05\n\n[extra]\nstatus = \"proposed\"\n+++\n\n## Context\n\ny\n";
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("docs/architecture/0001-use-hugo.md", hugo),
            ("docs/architecture/0002-use-zola.md", zola),
        ],
        false,
    );
    let no: Vec<Value> = Vec::new();
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0001", "title": "Use Hugo", "status": "accepted", "status_text": "accepted", "date": "2021-03-04", "relations": no},
            {"id": "0002", "title": "Use Zola", "status": "proposed", "status_text": "proposed", "date": "2021-04-05", "relations": no},
        ])
    );
    for args in [
        &["accept", "2"][..],
        &["supersede", "1", "2"],
        &["govern", "1", "--remove", "site/**"],
    ] {
        let r = adrgov(t.path(), args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    assert_eq!(
        read(t.path().join("docs/architecture/0001-use-hugo.md")),
        "+++\ntitle = \"Use Hugo\"\ndate = 2021-03-04\nstatus = \"superseded by ADR-0002\"\ngoverns = [\"themes/**\"]\n+++\n\n## Context\n\nx\n"
    );
    assert_eq!(
        read(t.path().join("docs/architecture/0002-use-zola.md")),
        "+++\ntitle = \"Use Zola\"\ndate = 2021-04-05\n\n[extra]\nsupersedes = [\"ADR-0001\"]\nstatus = \"accepted\"\n+++\n\n## Context\n\ny\n"
    );
    assert_eq!(
        listed(t.path()),
        json!([
            {"id": "0001", "title": "Use Hugo", "status": "superseded", "status_text": "superseded by ADR-0002", "date": "2021-03-04", "relations": [{"kind": "superseded-by", "target": "0002"}]},
            {"id": "0002", "title": "Use Zola", "status": "accepted", "status_text": "accepted", "date": "2021-04-05", "relations": [{"kind": "supersedes", "target": "0001"}]},
        ])
    );
}
