//! Decisions that govern code: `governs` in both dialects, `why`, `why --all`, and the rules
//! `governs-nothing` and `governed-change`, on a small repository with real history.

use crate::support::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = adrgov(dir, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr, "", "{args:?}");
    r.stdout
}

#[test]
fn why_answers_a_file_a_directory_an_ungoverned_path_and_a_superseded_one() {
    let (t, _) = governs_fixture();
    assert_eq!(
        ok(
            t.path(),
            &[
                "why",
                "services/orders/db/schema.sql",
                "services/orders/",
                "README.md",
                "services/orders/api/handler.go",
                "services/billing/legacy/invoice.py",
            ]
        ),
        "services/orders/db/schema.sql
  0003 Use PostgreSQL for orders (accepted), by services/orders/db/**
  0002 Use MySQL for orders (superseded, in force: 0003), by services/orders/**

services/orders
  0003 Use PostgreSQL for orders (accepted), by services/orders/db/**
  0002 Use MySQL for orders (superseded, in force: 0003), by services/orders/**

README.md
  governed by no decision

services/orders/api/handler.go
  0002 Use MySQL for orders (superseded, in force: 0003), by services/orders/**

services/billing/legacy/invoice.py
  0004 Keep legacy billing (accepted), by services/billing/legacy/**
"
    );
    // Paths are relative to the current directory; a directory is governed by what governs
    // a file under it.
    assert_eq!(
        ok(&t.path().join("migrations"), &["why", ".", "../README.md"]),
        "migrations
  0003 Use PostgreSQL for orders (accepted), by migrations/orders_*.sql

README.md
  governed by no decision
"
    );
}

#[test]
fn why_refuses_a_path_outside_the_repository() {
    let (t, _) = governs_fixture();
    let r = adrgov(&t.path().join("doc"), &["why", "../../elsewhere.txt"]);
    let root = std::path::absolute(t.path()).expect("absolute");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr),
        (
            2,
            "",
            format!(
                "error: `../../elsewhere.txt` is outside the repository ({})\n",
                root.display()
            )
        )
    );
}

#[test]
fn a_drifted_glob_anywhere_in_the_tree_still_names_its_commit() {
    let (t, _) = governs_fixture();
    std::fs::write(t.path().join("doc/adr/0005-lint.md"), "# 5. Lint\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Governs\n\n- `**/*.py`\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n").expect("write");
    commit_at(t.path(), "2024-05-01", "Lint Python");
    let short = git(t.path(), &["rev-parse", "--short", "HEAD~2"]);
    let r = adrgov(t.path(), &["check", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(
        messages[1],
        format!(
            "governs `**/*.py`, which matches no tracked file: the decision drifted from the code; its last file, services/billing/legacy/invoice.py, was removed in {} \"Remove legacy billing\"",
            short.trim()
        )
    );
    assert_eq!(messages.len(), 2);
}

#[test]
fn why_json_is_the_contract() {
    let (t, _) = governs_fixture();
    let out = ok(
        &t.path().join("services"),
        &[
            "why",
            "orders/api/handler.go",
            "../README.md",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        v,
        serde_json::json!([
            {"path": "services/orders/api/handler.go", "decisions": [
                {"id": "0002", "title": "Use MySQL for orders", "status": "superseded",
                 "glob": "services/orders/**", "in_force": "0003"}
            ]},
            {"path": "README.md", "decisions": []}
        ])
    );
    // The ids are those of `list --format json`.
    let list: Value =
        serde_json::from_str(&ok(t.path(), &["list", "--format", "json", "--no-history"]))
            .expect("json");
    let governs: Vec<(String, Value)> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["governs"].clone(),
            )
        })
        .collect();
    assert_eq!(
        governs,
        vec![
            ("0001".into(), serde_json::json!([])),
            ("0002".into(), serde_json::json!(["services/orders/**"])),
            (
                "0003".into(),
                serde_json::json!(["services/orders/db/**", "migrations/orders_*.sql"])
            ),
            (
                "0004".into(),
                serde_json::json!(["services/billing/legacy/**"])
            ),
        ]
    );
}

#[test]
fn why_all_prints_the_map_as_markdown_and_json() {
    let (t, _) = governs_fixture();
    let table = "| Glob | Decisions |
| --- | --- |
| `migrations/orders_*.sql` | 0003 Use PostgreSQL for orders (accepted) |
| `services/billing/legacy/**` | 0004 Keep legacy billing (accepted) |
| `services/orders/**` | 0002 Use MySQL for orders (superseded, in force: 0003) |
| `services/orders/db/**` | 0003 Use PostgreSQL for orders (accepted) |
";
    assert_eq!(
        ok(t.path(), &["why", "--all", "--format", "markdown"]),
        table
    );
    assert_eq!(ok(t.path(), &["why", "--all"]), table);
    let v: Value =
        serde_json::from_str(&ok(t.path(), &["why", "--all", "--format", "json"])).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(4));
    assert_eq!(
        v[2],
        serde_json::json!({"glob": "services/orders/**", "decisions": [
            {"id": "0002", "title": "Use MySQL for orders", "status": "superseded", "in_force": "0003"}
        ]})
    );
    let r = adrgov(t.path(), &["why", "--all", "README.md"]);
    assert_eq!(r.code, 2);
}

#[test]
fn a_bad_glob_is_a_warning_naming_the_file_and_line() {
    let (t, _) = governs_fixture();
    std::fs::write(
        t.path().join("doc/adr/0005-lint.md"),
        "# 5. Lint\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Governs\n\n- src/[bad\n",
    )
    .expect("write");
    let r = adrgov(t.path(), &["why", "README.md"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "README.md\n  governed by no decision\n");
    assert_eq!(
        r.stderr,
        "warning: doc/adr/0005-lint.md:11: governs `src/[bad` is not a valid glob (unclosed character class; missing ']'); it governs nothing\n"
    );
}

#[test]
fn governs_nothing_names_the_commit_that_removed_the_last_file() {
    let (t, short) = governs_fixture();
    let r = adrgov(t.path(), &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "warning[governs-nothing]: doc/adr/0004-keep-legacy-billing.md:4: governs `services/billing/legacy/**`, which matches no tracked file: the decision drifted from the code; its last file, services/billing/legacy/invoice.py, was removed in {short} \"Remove legacy billing\"
  = hint: point the glob at the code it is about (`adrgov govern 0004 --remove 'services/billing/legacy/**'` drops it), or supersede the decision
0 errors, 1 warning in 4 ADRs checked
"
        )
    );
    // Without history, the drift without its commit.
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        v["findings"][0]["message"],
        "governs `services/billing/legacy/**`, which matches no tracked file: the decision drifted from the code"
    );
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(1));
    // A superseded decision's glob that matches nothing is history, not drift.
    std::fs::remove_file(t.path().join("services/orders/api/handler.go")).expect("rm");
    std::fs::remove_file(t.path().join("services/orders/db/schema.sql")).expect("rm");
    git(t.path(), &["add", "-A"]);
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let lines: Vec<(&str, u64)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path"),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("doc/adr/0003-use-postgresql-for-orders.md", 5),
            ("doc/adr/0004-keep-legacy-billing.md", 4)
        ]
    );
}

/// A pull request that changes governed files: committed, staged and unstaged changes.
fn changed(t: &Path) {
    git(t, &["tag", "base"]);
    std::fs::write(
        t.join("migrations/orders_001.sql"),
        "alter table orders add note;\n",
    )
    .expect("write");
    std::fs::write(t.join("README.md"), "# Shop!\n").expect("write");
    commit_at(t, "2024-04-01", "Orders: a note column");
    std::fs::write(
        t.join("services/orders/db/schema.sql"),
        "create table orders (id int);\n",
    )
    .expect("write");
    git(t, &["add", "services/orders/db/schema.sql"]);
    // Governed only by the superseded decision: no note.
    std::fs::write(
        t.join("services/orders/api/handler.go"),
        "package api // v2\n",
    )
    .expect("write");
}

const NOTE_SQL: &str = "this file is governed by ADR 0003 \"Use PostgreSQL for orders\" (accepted), through `migrations/orders_*.sql`";
const NOTE_SCHEMA: &str = "this file is governed by ADR 0003 \"Use PostgreSQL for orders\" (accepted), through `services/orders/db/**`";

#[test]
fn governed_change_notes_in_every_format_never_fail() {
    let (t, _) = governs_fixture();
    changed(t.path());
    let run = |format: &str| {
        let r = adrgov(
            t.path(),
            &["check", "--changed-since", "base", "--format", format],
        );
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        r.stdout
    };
    assert_eq!(
        run("human"),
        format!(
            "note[governed-change]: migrations/orders_001.sql: {NOTE_SQL}
  = hint: read it before changing the file: `adrgov show 0003`
note[governed-change]: services/orders/db/schema.sql: {NOTE_SCHEMA}
  = hint: read it before changing the file: `adrgov show 0003`
0 errors, 0 warnings, 2 notes in 4 ADRs checked
"
        )
    );
    assert_eq!(
        run("github"),
        format!(
            "::notice file=migrations/orders_001.sql,title=governed-change::{NOTE_SQL}%0Aread it before changing the file: `adrgov show 0003`
::notice file=services/orders/db/schema.sql,title=governed-change::{NOTE_SCHEMA}%0Aread it before changing the file: `adrgov show 0003`
"
        )
    );
    let v: Value = serde_json::from_str(&run("json")).expect("json");
    assert_eq!(
        v,
        serde_json::json!({
            "findings": [
                {"rule": "governed-change", "level": "note", "path": "migrations/orders_001.sql",
                 "line": null, "message": NOTE_SQL,
                 "hint": "read it before changing the file: `adrgov show 0003`"},
                {"rule": "governed-change", "level": "note", "path": "services/orders/db/schema.sql",
                 "line": null, "message": NOTE_SCHEMA,
                 "hint": "read it before changing the file: `adrgov show 0003`"}
            ],
            "summary": {"errors": 0, "warnings": 0, "notes": 2, "files": 4}
        })
    );
    let log: Value = serde_json::from_str(&run("sarif")).expect("sarif");
    let schema: Value = serde_json::from_str(&read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json"),
    ))
    .expect("schema");
    let validator = jsonschema::options().build(&schema).expect("schema");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert_eq!(errors, Vec::<String>::new());
    let results: Vec<(&str, &str, &str)> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().expect("id"),
                r["level"].as_str().expect("level"),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .expect("uri"),
            )
        })
        .collect();
    assert_eq!(
        results,
        vec![
            ("governed-change", "note", "migrations/orders_001.sql"),
            ("governed-change", "note", "services/orders/db/schema.sql")
        ]
    );
    let rule = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "governed-change")
        .expect("rule entry")
        .clone();
    assert_eq!(rule["defaultConfiguration"]["level"], "note");
    // An error elsewhere still fails the run; the notes do not change that.
    std::fs::write(
        t.path().join("doc/adr/0005-no-status.md"),
        "# 5. No status\n\nDate: 2024-01-01\n",
    )
    .expect("write");
    let r = adrgov(
        t.path(),
        &["check", "--changed-since", "base", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        (r.code, &v["summary"]),
        (
            1,
            &serde_json::json!({"errors": 1, "warnings": 1, "notes": 2, "files": 5})
        )
    );
}

#[test]
fn new_and_govern_write_the_globs_in_each_dialect() {
    let (t, _) = governs_fixture();
    let adr = |name: &str| read(t.path().join("doc/adr").join(name));
    let r = adrgov(
        t.path(),
        &[
            "new",
            "Cache orders",
            "--governs",
            "services/orders/cache/**",
            "--date",
            "2024-05-01",
            "--status",
            "accepted",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "doc/adr/0005-cache-orders.md\n"),
        "{}",
        r.stderr
    );
    assert_eq!(
        adr("0005-cache-orders.md"),
        "# 5. Cache orders\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Governs\n\n- `services/orders/cache/**`\n\n## Context\n\nThe issue motivating this decision, and any context that influences or constrains the decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.\n"
    );
    // A `## Governs` section grows by a bullet.
    let r = adrgov(t.path(), &["govern", "2", "docs/orders.md"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            "0002 governs docs/orders.md: updated doc/adr/0002-use-mysql-for-orders.md\n"
        )
    );
    assert_eq!(
        adr("0002-use-mysql-for-orders.md"),
        MYSQL.replace(
            "- `services/orders/**`\n",
            "- `services/orders/**`\n- `docs/orders.md`\n"
        )
    );
    // A `Governs:` line grows in place; front matter's list loses an item.
    assert_eq!(
        ok_quiet(t.path(), &["govern", "4", "services/billing/**"]),
        ""
    );
    assert_eq!(
        adr("0004-keep-legacy-billing.md"),
        BILLING.replace(
            "Governs: services/billing/legacy/**\n",
            "Governs: services/billing/legacy/**, `services/billing/**`\n"
        )
    );
    assert_eq!(
        ok_quiet(
            t.path(),
            &["govern", "3", "--remove", "migrations/orders_*.sql"]
        ),
        ""
    );
    assert_eq!(
        adr("0003-use-postgresql-for-orders.md"),
        POSTGRES.replace(
            "governs: [\"services/orders/db/**\", \"migrations/orders_*.sql\"]",
            "governs: [\"services/orders/db/**\"]"
        )
    );
    // Editing what an accepted decision governs is not editing the decision.
    commit_at(t.path(), "2024-05-02", "Govern more");
    let r = adrgov(t.path(), &["check", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let found: Vec<(&str, &str, u64)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule"),
                f["path"].as_str().expect("path"),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("governs-nothing", "doc/adr/0004-keep-legacy-billing.md", 4),
            ("governs-nothing", "doc/adr/0004-keep-legacy-billing.md", 4),
            ("governs-nothing", "doc/adr/0005-cache-orders.md", 11)
        ]
    );
    // Nothing to do, and a bad glob: no file changes.
    let before = snapshot_dir(t.path());
    let r = adrgov(t.path(), &["govern", "3", "services/orders/db/**"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            "0003 governs services/orders/db/** already; nothing changed\n"
        )
    );
    let r = adrgov(t.path(), &["govern", "3", "src/[x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: `src/[x` is not a valid glob: unclosed character class; missing ']'\n"
        )
    );
    assert_eq!(snapshot_dir(t.path()), before);
}

/// Runs a command that must succeed; its stdout.
fn ok_quiet(dir: &Path, args: &[&str]) -> String {
    let r = adrgov(dir, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}
