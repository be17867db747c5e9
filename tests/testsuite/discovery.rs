//! Finding the ADR directory by content (issue 10, items 1 and 2): directory names and file
//! names of every shape, sub-directories, assets, templates known by their placeholders, an
//! ordinary numbered-docs repository that is not taken for ADRs, several directories found (each
//! a source, issue 13; decoys are not), and `init` where ADRs already are.

use crate::support::{adrgov, repo, snapshot_dir};
use std::path::Path;

fn adr(title: &str) -> String {
    format!(
        "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"
    )
}

/// `(id, path)` of every ADR `list --format json` prints, and the run's stderr.
fn listed(dir: &Path) -> (Vec<(String, String)>, String) {
    let r = adrgov(dir, &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let ids = v
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["path"].as_str().expect("path").to_string(),
            )
        })
        .collect();
    (ids, r.stderr)
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const NO_GIT: &str = "note: not a git repository: created, updated and authors are unknown\n";

fn note(dir: &str, why: &str) -> String {
    format!(
        "note: using {dir} as the ADR directory ({why}); pin it with `[adr] dir = \"{dir}\"` in adrgov.toml\n"
    )
}

const WHY_2: &str =
    "2 numbered Markdown files with ADR structure: status, Context, Decision, Consequences";

#[test]
fn every_directory_name_shape_is_found_with_and_without_git() {
    for dir in [
        "ADR",
        "adrs",
        "architecture-decision-record",
        "architecture-decision-records",
        "docs/architecture/adr",
        ".adr",
        "decision-records",
        "Docs/Decision-Records",
    ] {
        for with_git in [true, false] {
            let a = format!("{dir}/0001-use-x.md");
            let b = format!("{dir}/0002-use-y.md");
            let t = repo(
                &[
                    ("README.md", "# Project\n\nSee the docs.\n"),
                    (&a, &adr("Use X")),
                    (&b, &adr("Use Y")),
                ],
                with_git,
            );
            let (ids, stderr) = listed(t.path());
            assert_eq!(
                ids,
                pairs(&[("0001", &a), ("0002", &b)]),
                "{dir} {with_git}"
            );
            let expected = note(dir, WHY_2) + if with_git { "" } else { NO_GIT };
            assert_eq!(stderr, expected, "{dir} {with_git}");
        }
    }
}

#[test]
fn every_file_name_shape_is_read() {
    let names = [
        "ADR001-use-a.md",
        "ADR-002-use-b.md",
        "ADR-7.md",
        "adr_004_use_d.md",
        "0005_use_e.md",
        "2021_05_04_use_f.md",
        "2021-05-05-use-g.md",
        "adr-draft-use-h.md",
        "ADR 9 - Use I.md",
        "0010 - Use J.md",
        "0011-use-k.MD",
    ];
    let files: Vec<(String, String)> = names
        .iter()
        .map(|n| (format!("adrs/{n}"), adr(n)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let t = repo(&refs, true);
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[
            ("001", "adrs/ADR001-use-a.md"),
            ("002", "adrs/ADR-002-use-b.md"),
            ("004", "adrs/adr_004_use_d.md"),
            ("0005", "adrs/0005_use_e.md"),
            ("7", "adrs/ADR-7.md"),
            ("9", "adrs/ADR 9 - Use I.md"),
            ("0010", "adrs/0010 - Use J.md"),
            ("0011", "adrs/0011-use-k.MD"),
            ("2021-05-05-use-g", "adrs/2021-05-05-use-g.md"),
            ("2021_05_04_use_f", "adrs/2021_05_04_use_f.md"),
            ("adr-draft-use-h", "adrs/adr-draft-use-h.md"),
        ])
    );
    assert_eq!(
        stderr,
        note(
            "adrs",
            "10 numbered or dated Markdown files with ADR structure: status, Context, Decision, Consequences"
        )
    );
}

#[test]
fn slug_named_adrs_are_found_in_a_directory_named_for_adrs_only() {
    let t = repo(
        &[
            ("decision-records/use-postgres.md", &adr("Use Postgres")),
            ("decision-records/use-redis.md", &adr("Use Redis")),
            ("decision-records/README.md", "# Decisions\n"),
            // The same files in a directory whose name says nothing: not taken.
            ("notes/use-kafka.md", &adr("Use Kafka")),
            ("notes/use-nats.md", &adr("Use NATS")),
            ("notes/use-amqp.md", &adr("Use AMQP")),
        ],
        true,
    );
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[
            ("use-postgres", "decision-records/use-postgres.md"),
            ("use-redis", "decision-records/use-redis.md"),
        ])
    );
    assert_eq!(
        stderr,
        note(
            "decision-records",
            "2 Markdown files with ADR structure: status, Context, Decision, Consequences; the directory's name says ADRs"
        )
    );
}

#[test]
fn an_ordinary_numbered_docs_repository_is_not_taken_for_adrs() {
    let files = [
        ("README.md", "# Tool\n\nThe status of the project: stable.\n"),
        (
            "CHANGELOG.md",
            "# Changelog\n\n## 1.1.0 - 2024-02-01\n\n- Fixed the status bar.\n\n## 1.0.0 - 2024-01-01\n\n- First release.\n",
        ),
        (
            "01-overview.md",
            "# Overview\n\n## Background\n\nWhy this tool exists.\n",
        ),
        (
            "docs/01-intro.md",
            "# Introduction\n\n## Background\n\nThis guide explains the tool.\n",
        ),
        (
            "docs/02-install.md",
            "# Installation\n\nRun the installer.\n",
        ),
        (
            "docs/03-usage.md",
            "# Usage\n\n## Context menus\n\nRight-click.\n\n## Decision tables\n\nSee below.\n",
        ),
        ("docs/04-faq.md", "# FAQ\n\n**Status**: draft page.\n"),
        (
            "guide/0001-getting-started.md",
            "# Getting started\n\nInstall, then run.\n",
        ),
        // Vendored and build directories are not searched, whatever they hold.
        (
            "node_modules/lib/docs/adrs/0001-use-x.md",
            &adr("Use X"),
        ),
        ("vendor/lib/adrs/0001-use-x.md", &adr("Use X")),
        ("target/doc/adrs/0001-use-x.md", &adr("Use X")),
    ]
    .map(|(a, b)| (a, b.to_string()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    for (with_git, area) in [(true, "the git index"), (false, "the work tree")] {
        let t = repo(&refs, with_git);
        let r = adrgov(t.path(), &["list"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(r.stdout, "");
        assert_eq!(
            r.stderr,
            format!(
                "error: no ADR directory found in {} (looked for adrgov.toml, .adr-dir, .log4brains.yml, docs/adr, doc/adr, docs/decisions, docs/architecture/decisions, adr, decisions, and searched 8 Markdown files in 3 directories of {area} (outside vendored and build directories) for numbered or dated files (any file, in directories named for ADRs) with ADR structure: none); run `adrgov init` to create one\n",
                t.path().display()
            )
        );
    }
}

/// The note said when the directories found are made sources.
fn sources_note(list: &str) -> String {
    let n = list.matches(" (").count();
    format!(
        "note: using {n} ADR directories found by content, each a source: {list}; pin them with `[[adr.sources]]` (a `name` and a `dir` each) in adrgov.toml\n"
    )
}

#[test]
fn every_directory_found_is_a_source_unless_one_is_pinned() {
    // Issue 13: without a list, every directory the search finds is a source (this test
    // replaces "two candidates: the best is taken").
    let files = [
        ("records/0001-use-a.md", adr("Use A")),
        ("records/0002-use-b.md", adr("Use B")),
        ("records/0003-use-c.md", adr("Use C")),
        ("team/ADR/ADR-1.md", adr("Use D")),
        ("team/ADR/ADR-2.md", adr("Use E")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    for _ in 0..2 {
        let (ids, stderr) = listed(t.path());
        assert_eq!(
            ids,
            pairs(&[
                ("records/0001", "records/0001-use-a.md"),
                ("records/0002", "records/0002-use-b.md"),
                ("records/0003", "records/0003-use-c.md"),
                ("team/1", "team/ADR/ADR-1.md"),
                ("team/2", "team/ADR/ADR-2.md"),
            ])
        );
        assert_eq!(stderr, sources_note("records (records), team (team/ADR)"));
    }
    // Pinned to one directory: no note, that directory only.
    std::fs::write(t.path().join("adrgov.toml"), "[adr]\ndir = \"team/ADR\"\n").expect("write");
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[("1", "team/ADR/ADR-1.md"), ("2", "team/ADR/ADR-2.md")])
    );
    assert_eq!(stderr, "");

    // Three directories, without git: three sources, sorted by name.
    let files = [
        ("notes/0001-use-a.md", adr("Use A")),
        ("notes/0002-use-b.md", adr("Use B")),
        ("z/adrs/0001-use-a.md", adr("Use A")),
        ("z/adrs/0002-use-b.md", adr("Use B")),
        ("a/adrs/0001-use-a.md", adr("Use A")),
        ("a/adrs/0002-use-b.md", adr("Use B")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, false);
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[
            ("a/0001", "a/adrs/0001-use-a.md"),
            ("a/0002", "a/adrs/0002-use-b.md"),
            ("notes/0001", "notes/0001-use-a.md"),
            ("notes/0002", "notes/0002-use-b.md"),
            ("z/0001", "z/adrs/0001-use-a.md"),
            ("z/0002", "z/adrs/0002-use-b.md"),
        ])
    );
    assert_eq!(
        stderr,
        sources_note("a (a/adrs), notes (notes), z (z/adrs)") + NO_GIT
    );
}

/// An ADR dated `date`, Nygard style.
fn dated(title: &str, date: &str) -> String {
    format!(
        "# {title}\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n"
    )
}

/// `adrgov list` in `dir`: exit code, stdout, stderr.
fn list(dir: &Path) -> (i32, String, String) {
    let r = adrgov(dir, &["list"]);
    (r.code, r.stdout, r.stderr)
}

#[test]
fn two_services_each_with_docs_adr_are_two_sources_with_and_without_git() {
    let files = [
        ("README.md", "# Shop\n".to_string()),
        (
            "services/payments/docs/adr/0001-use-stripe.md",
            dated("Use Stripe", "2024-01-02"),
        ),
        (
            "services/payments/docs/adr/0002-retry.md",
            dated("Retry charges", "2024-01-03"),
        ),
        (
            "services/orders/docs/adr/0001-use-kafka.md",
            dated("Use Kafka", "2024-02-01"),
        ),
        (
            "services/orders/docs/adr/0002-keep.md",
            dated("Keep orders", "2024-02-02"),
        ),
        ("services/orders/README.md", "# Orders\n".to_string()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    for with_git in [true, false] {
        let t = repo(&refs, with_git);
        let (code, stdout, stderr) = list(t.path());
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            stdout,
            "ID             STATUS    DATE        TITLE\n\
orders/0001    accepted  2024-02-01  Use Kafka\n\
orders/0002    accepted  2024-02-02  Keep orders\n\
payments/0001  accepted  2024-01-02  Use Stripe\n\
payments/0002  accepted  2024-01-03  Retry charges\n"
        );
        // Every ADR is dated: `list` needs no history, so no note about git either way.
        assert_eq!(
            stderr,
            sources_note(
                "orders (services/orders/docs/adr), payments (services/payments/docs/adr)"
            ),
            "{with_git}"
        );
    }
}

#[test]
fn a_conventional_docs_adr_and_deeper_ones_are_all_sources() {
    let files = [
        (
            "docs/adr/0001-record.md",
            dated("Record decisions", "2023-05-01"),
        ),
        ("docs/adr/0002-use-rust.md", dated("Use Rust", "2023-05-02")),
        (
            "services/x/docs/adr/0001-use-grpc.md",
            dated("Use gRPC", "2024-03-01"),
        ),
        (
            "services/x/docs/adr/0002-use-redis.md",
            dated("Use Redis", "2024-03-02"),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    let expected_out = "ID         STATUS    DATE        TITLE\n\
docs/0001  accepted  2023-05-01  Record decisions\n\
docs/0002  accepted  2023-05-02  Use Rust\n\
x/0001     accepted  2024-03-01  Use gRPC\n\
x/0002     accepted  2024-03-02  Use Redis\n";
    let expected_err = sources_note("docs (docs/adr), x (services/x/docs/adr)");
    assert_eq!(
        list(t.path()),
        (0, expected_out.to_string(), expected_err.clone())
    );
    // An adrgov.toml that does not name the directory changes nothing; said once per command.
    std::fs::write(t.path().join("adrgov.toml"), "[site]\ntitle = \"X\"\n").expect("write");
    assert_eq!(
        list(t.path()),
        (0, expected_out.to_string(), expected_err.clone())
    );
    let r = adrgov(t.path(), &["show", "x/2"]);
    assert_eq!((r.code, r.stderr), (0, expected_err));
    // `.adr-dir` names the one directory: only it, no note.
    std::fs::remove_file(t.path().join("adrgov.toml")).expect("rm");
    std::fs::write(t.path().join(".adr-dir"), "docs/adr\n").expect("write");
    assert_eq!(
        list(t.path()),
        (
            0,
            "ID    STATUS    DATE        TITLE\n\
0001  accepted  2023-05-01  Record decisions\n\
0002  accepted  2023-05-02  Use Rust\n"
                .to_string(),
            String::new()
        )
    );
    // A single ADR deeper is no second source: the conventional directory alone, silently.
    std::fs::remove_file(t.path().join(".adr-dir")).expect("rm");
    std::fs::remove_file(t.path().join("services/x/docs/adr/0002-use-redis.md")).expect("rm");
    let (code, stdout, stderr) = list(t.path());
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "ID    STATUS    DATE        TITLE\n\
0001  accepted  2023-05-01  Record decisions\n\
0002  accepted  2023-05-02  Use Rust\n"
    );
}

#[test]
fn the_same_leaf_at_different_depths_is_named_by_what_tells_it_apart() {
    let files = [
        ("payments/docs/adr/0001-a.md", dated("Use A", "2024-01-01")),
        ("payments/docs/adr/0002-b.md", dated("Use B", "2024-01-02")),
        (
            "eu/payments/docs/adr/0001-c.md",
            dated("Use C", "2024-02-01"),
        ),
        (
            "eu/payments/docs/adr/0002-d.md",
            dated("Use D", "2024-02-02"),
        ),
        ("team/adr/0001-e.md", dated("Use E", "2024-03-01")),
        ("team/adr/0002-f.md", dated("Use F", "2024-03-02")),
        ("platform/team/adr/0001-g.md", dated("Use G", "2024-04-01")),
        ("platform/team/adr/0002-h.md", dated("Use H", "2024-04-02")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[
            ("eu-payments/0001", "eu/payments/docs/adr/0001-c.md"),
            ("eu-payments/0002", "eu/payments/docs/adr/0002-d.md"),
            ("payments/0001", "payments/docs/adr/0001-a.md"),
            ("payments/0002", "payments/docs/adr/0002-b.md"),
            ("platform-team/0001", "platform/team/adr/0001-g.md"),
            ("platform-team/0002", "platform/team/adr/0002-h.md"),
            ("team/0001", "team/adr/0001-e.md"),
            ("team/0002", "team/adr/0002-f.md"),
        ])
    );
    assert_eq!(
        stderr,
        sources_note(
            "eu-payments (eu/payments/docs/adr), payments (payments/docs/adr), platform-team (platform/team/adr), team (team/adr)"
        )
    );
}

#[test]
fn decoys_beside_a_real_directory_are_not_sources() {
    let template = "# {title}\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n";
    let mut files = vec![
        (
            "architecture/decisions/0001-a.md",
            dated("Use A", "2024-01-01"),
        ),
        (
            "architecture/decisions/0002-b.md",
            dated("Use B", "2024-01-02"),
        ),
        (
            "architecture/decisions/0003-c.md",
            dated("Use C", "2024-01-03"),
        ),
        // A templates directory with one template: not even a candidate.
        ("templates/0000-adr-template.md", template.to_string()),
        ("templates/adr/0001-template.md", template.to_string()),
        // ADR-shaped samples of a tool: not a team's decisions.
        (
            "examples/adr/0001-sample.md",
            dated("Sample one", "2020-01-01"),
        ),
        (
            "examples/adr/0002-sample.md",
            dated("Sample two", "2020-01-02"),
        ),
        // A single stray numbered file with ADR structure.
        ("notes/0001-meeting.md", dated("Meeting", "2021-01-01")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    let (code, stdout, stderr) = list(t.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "ID    STATUS    DATE        TITLE\n\
0001  accepted  2024-01-01  Use A\n\
0002  accepted  2024-01-02  Use B\n\
0003  accepted  2024-01-03  Use C\n"
    );
    assert_eq!(
        stderr,
        note(
            "architecture/decisions",
            "3 numbered Markdown files with ADR structure: status, Context, Decision"
        ) + "note: other candidates: examples/adr (2 ADR files), notes (1 ADR file)\n"
    );
    // The same decoys beside a conventional `docs/adr`, and a test fixture's ADR directory:
    // the conventional directory alone, silently.
    files.extend([
        ("docs/adr/0001-x.md", dated("Use X", "2024-05-01")),
        ("docs/adr/0002-y.md", dated("Use Y", "2024-05-02")),
        (
            "tests/fixtures/shop/docs/adr/0001-z.md",
            dated("Use Z", "2024-06-01"),
        ),
        (
            "tests/fixtures/shop/docs/adr/0002-w.md",
            dated("Use W", "2024-06-02"),
        ),
    ]);
    files.retain(|(p, _)| !p.starts_with("architecture/"));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    assert_eq!(
        list(t.path()),
        (
            0,
            "ID    STATUS    DATE        TITLE\n\
0001  accepted  2024-05-01  Use X\n\
0002  accepted  2024-05-02  Use Y\n"
                .to_string(),
            String::new()
        )
    );
}

#[test]
fn templates_are_known_by_their_placeholders() {
    let files = [
        ("adrs/0001-use-x.md", adr("Use X")),
        (
            "adrs/0000-copy-me.md",
            "# [short title of solved problem and solution]\n\n## Status\n\n[proposed | accepted]\n\n## Context\n\n[Describe the context]\n".into(),
        ),
        (
            "adrs/new-adr.md",
            "# {title}\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n".into(),
        ),
        (
            "adrs/draft.md",
            "# TODO: Title\n\n## Status\n\nTODO\n\n## Context\n\nTODO\n".into(),
        ),
        (
            "adrs/skeleton.md",
            "# Use something\n\n<!-- Status: ... -->\n## Context\n\n[Describe the context and problem statement]\n\n## Decision\n\n[Describe the decision taken]\n\n## Consequences\n\n[What becomes easier or harder]\n".into(),
        ),
        ("adrs/adr.template.md", adr("Use template")),
        (
            "adrs/NUMBER-TITLE.md",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n".into(),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    let (ids, stderr) = listed(t.path());
    assert_eq!(ids, pairs(&[("0001", "adrs/0001-use-x.md")]));
    assert_eq!(
        stderr,
        note(
            "adrs",
            "1 numbered Markdown file with ADR structure: status, Context, Decision, Consequences"
        )
    );
}

#[test]
fn sub_directories_that_hold_adrs_belong_to_the_directory_assets_do_not() {
    let files = [
        ("docs/architecture/001-use-a.md", adr("Use A")),
        ("docs/architecture/002-use-b.md", adr("Use B")),
        (
            "docs/architecture/README.md",
            "# Decisions\n\n| ADR | Title |\n".into(),
        ),
        ("docs/architecture/historic-adrs/use-c.md", adr("Use C")),
        ("docs/architecture/historic-adrs/016-use-d.md", adr("Use D")),
        // Most of the folder is ADRs: the odd one out belongs too (a moved, reworded ADR).
        (
            "docs/architecture/historic-adrs/dotenv.md",
            "# `.env` File\n\nHow to set it up.\n".into(),
        ),
        ("docs/architecture/proposed/payments/use-e.md", adr("Use E")),
        // A numbered series that is not decision records: one file of three has the structure.
        (
            "docs/architecture/reviews/000-format.md",
            adr("Review format"),
        ),
        (
            "docs/architecture/reviews/001-vendor-x.md",
            "# Vendor X\n\n## Metadata\n\n- Current status: removed\n\n## Context\n\nA tag.\n"
                .into(),
        ),
        (
            "docs/architecture/reviews/002-vendor-y.md",
            "# Vendor Y\n\n## Metadata\n\n## Context\n\nA tag.\n".into(),
        ),
        ("docs/architecture/assets/adr001/diagram.png", "PNG".into()),
        (
            "docs/architecture/assets/adr001/README.md",
            "# Diagrams\n\nExported from draw.io.\n".into(),
        ),
        ("docs/architecture/images/flow.svg", "<svg/>".into()),
        ("docs/architecture/.drafts/003-use-f.md", adr("Use F")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    for with_git in [true, false] {
        let t = repo(&refs, with_git);
        let (ids, stderr) = listed(t.path());
        assert_eq!(
            ids,
            pairs(&[
                ("001", "docs/architecture/001-use-a.md"),
                ("002", "docs/architecture/002-use-b.md"),
                ("016", "docs/architecture/historic-adrs/016-use-d.md"),
                ("dotenv", "docs/architecture/historic-adrs/dotenv.md"),
                ("use-c", "docs/architecture/historic-adrs/use-c.md"),
                ("use-e", "docs/architecture/proposed/payments/use-e.md"),
            ]),
            "{with_git}"
        );
        assert_eq!(
            stderr,
            note("docs/architecture", WHY_2) + if with_git { "" } else { NO_GIT }
        );
    }
}

/// Short decisions (a title and a status, no sections) in year or area folders of the ADR
/// directory belong to it when numbered or dated; a folder of numbered notes without a status
/// does not.
#[test]
fn short_numbered_decisions_in_sub_directories_belong_to_the_directory() {
    let short = |t: &str| format!("# {t}\n\nStatus: Accepted\n\nWe use it.\n");
    let files = [
        ("docs/adr/0001-use-a.md", adr("Use A")),
        ("docs/adr/2023/0002-use-b.md", short("Use B")),
        ("docs/adr/2023/0003 - Use C.md", short("Use C")),
        ("docs/adr/2024/2024-02-01-use-d.md", short("Use D")),
        (
            "docs/adr/2024/notes.md",
            "# Notes\n\nWhat we talked about.\n".into(),
        ),
        (
            "docs/adr/meetings/001-kickoff.md",
            "# Kickoff\n\nWho came.\n".into(),
        ),
        (
            "docs/adr/meetings/002-review.md",
            "# Review\n\nWhat we saw.\n".into(),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    for with_git in [true, false] {
        let t = repo(&refs, with_git);
        let (ids, _) = listed(t.path());
        assert_eq!(
            ids,
            pairs(&[
                ("0001", "docs/adr/0001-use-a.md"),
                ("0002", "docs/adr/2023/0002-use-b.md"),
                ("0003", "docs/adr/2023/0003 - Use C.md"),
                ("2024-02-01-use-d", "docs/adr/2024/2024-02-01-use-d.md"),
                ("notes", "docs/adr/2024/notes.md"),
            ]),
            "{with_git}"
        );
    }
}

#[test]
fn the_note_is_said_once_per_command() {
    let t = repo(
        &[
            ("ADR/0001-use-x.md", &adr("Use X")),
            ("ADR/0002-use-y.md", &adr("Use Y")),
        ],
        true,
    );
    for args in [
        &["check"][..],
        &["graph"][..],
        &["show", "1"][..],
        &["toc"][..],
    ] {
        let r = adrgov(t.path(), args);
        assert_eq!(
            r.stderr
                .matches("note: using ADR as the ADR directory")
                .count(),
            1,
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.starts_with(&note("ADR", WHY_2)),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn adrs_at_the_root_are_still_read_without_a_note() {
    let t = repo(
        &[
            ("README.md", "# Architecture\n"),
            ("adr-001-use-x.md", &adr("Use X")),
            ("adr-002-use-y.md", &adr("Use Y")),
        ],
        true,
    );
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[("001", "adr-001-use-x.md"), ("002", "adr-002-use-y.md")])
    );
    assert_eq!(stderr, "");
}

#[test]
fn init_says_where_the_adrs_already_are() {
    let t = repo(
        &[
            ("README.md", "# Project\n"),
            ("architecture-decision-records/0001-use-x.md", &adr("Use X")),
            ("architecture-decision-records/0002-use-y.md", &adr("Use Y")),
        ],
        true,
    );
    let before = snapshot_dir(t.path());
    let r = adrgov(t.path(), &["init"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "error: this repository already keeps its ADRs in architecture-decision-records ({WHY_2}); adrgov reads them as they are, no init is needed (try `adrgov list`); to pin the directory, put `[adr] dir = \"architecture-decision-records\"` in adrgov.toml\n"
        )
    );
    assert_eq!(snapshot_dir(t.path()), before);
    let r = adrgov(t.path(), &["init", "--format", "nygard", "doc/adr"]);
    assert_eq!(r.code, 2);
    assert_eq!(snapshot_dir(t.path()), before);

    // Named by adr-tools' `.adr-dir`.
    let t = repo(
        &[
            (".adr-dir", ".adr\n"),
            (".adr/0001-use-x.md", &adr("Use X")),
        ],
        false,
    );
    let r = adrgov(t.path(), &["init"]);
    assert_eq!(
        r.stderr,
        "error: this repository already keeps its ADRs in .adr (named by .adr-dir); adrgov reads them as they are, no init is needed (try `adrgov list`); to pin the directory, put `[adr] dir = \".adr\"` in adrgov.toml\n"
    );
    assert!(!t.path().join("docs").exists());

    // An ordinary repository: init creates docs/adr as before.
    let t = repo(&[("docs/01-intro.md", "# Introduction\n\nHello.\n")], true);
    let r = adrgov(t.path(), &["init", "--date", "2024-01-02"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        t.path()
            .join("docs/adr/0001-record-architecture-decisions.md")
            .is_file()
    );
}

#[test]
fn every_corpus_is_found_without_configuration_with_the_right_files() {
    // (corpus, ADR files, the note said when the directory was found by content)
    let expected = [
        ("arachne", 17, None),
        (
            "celestia-app",
            27,
            Some(note(
                "docs/architecture",
                "26 numbered Markdown files with ADR structure: status, Context, Decision, Consequences",
            )),
        ),
        ("cloud-carbon-footprint", 21, None),
        (
            "dotcom-rendering",
            37,
            Some(note(
                "dotcom-rendering/docs/architecture",
                "27 numbered Markdown files with ADR structure: status, Context, Decision",
            )),
        ),
        ("govuk-aws", 38, None),
        (
            "ibc-go",
            15,
            Some(note(
                "docs/architecture",
                "15 numbered Markdown files with ADR structure: status, Context, Decision, Consequences",
            )),
        ),
        ("log4brains", 9, None),
        ("madr", 19, None),
        ("nats-adr", 52, None),
    ];
    let names: Vec<&str> = expected.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(crate::support::corpus_names(), names);
    for (name, count, said) in expected {
        let (_tmp, dir) = crate::support::clone_corpus(name);
        let (ids, stderr) = listed(&dir);
        assert_eq!(ids.len(), count, "{name}");
        let notes: String = stderr
            .lines()
            .filter(|l| l.starts_with("note: using") || l.starts_with("note: other"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(notes, said.unwrap_or_default(), "{name}");
    }
}

/// What libgit2 lists in the index of the repository at `dir`, and what adrgov's own reader
/// lists: the same paths in the same order.
fn index_as_libgit2_reads_it(dir: &std::path::Path) -> Vec<String> {
    let repo = git2::Repository::open(dir).unwrap_or_else(|e| panic!("{e}"));
    let index = repo.index().unwrap_or_else(|e| panic!("{e}"));
    index
        .iter()
        .map(|e| String::from_utf8(e.path).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn the_index_reads_as_libgit2_reads_it_in_every_version() {
    for name in crate::support::corpus_names() {
        let (_t, dir) = crate::support::clone_corpus(&name);
        let ours = adrgov::repo::git::read_index_paths(&dir.join(".git"));
        assert_eq!(ours, Some(index_as_libgit2_reads_it(&dir)), "{name}");
    }
    // Version 3 (an intent-to-add entry has extended flags), version 4 (paths compressed
    // against the previous one), a conflicted path (three stages), names with spaces and
    // non-ASCII letters, and deep paths sharing long prefixes.
    let t = crate::support::repo(
        &[
            (
                "docs/adr/0001-record.md",
                "# 1. Record\n\nStatus: Accepted\n",
            ),
            (
                "docs/adr/0002-zwei schritte.md",
                "# 2. Zwei\n\nStatus: Accepted\n",
            ),
            (
                "services/payments/docs/adr/0001-é.md",
                "# 1. É\n\nStatus: Accepted\n",
            ),
            ("services/payments/src/a/b/c/d/e/f/g.rs", "fn main() {}\n"),
            ("c.txt", "base\n"),
        ],
        true,
    );
    let dir = t.path();
    std::fs::write(dir.join("new file.md"), "x\n").unwrap_or_else(|e| panic!("{e}"));
    crate::support::git(dir, &["add", "-N", "new file.md"]);
    let v3 = adrgov::repo::git::read_index_paths(&dir.join(".git"));
    assert_eq!(v3, Some(index_as_libgit2_reads_it(dir)));
    assert_eq!(v3.as_ref().map(Vec::len), Some(6));
    crate::support::git(dir, &["update-index", "--index-version", "4"]);
    let v4 = adrgov::repo::git::read_index_paths(&dir.join(".git"));
    assert_eq!(v4, v3);
    assert_eq!(v4, Some(index_as_libgit2_reads_it(dir)));
    // A conflict: c.txt changed on two branches.
    crate::support::git(dir, &["update-index", "--index-version", "2"]);
    crate::support::git(dir, &["add", "-A"]);
    crate::support::git(dir, &["commit", "-qm", "more"]);
    crate::support::git(dir, &["checkout", "-qb", "side"]);
    std::fs::write(dir.join("c.txt"), "side\n").unwrap_or_else(|e| panic!("{e}"));
    crate::support::git(dir, &["commit", "-qam", "side"]);
    crate::support::git(dir, &["checkout", "-q", "-"]);
    std::fs::write(dir.join("c.txt"), "main\n").unwrap_or_else(|e| panic!("{e}"));
    crate::support::git(dir, &["commit", "-qam", "main"]);
    let _ = std::process::Command::new("git")
        .args(["merge", "-q", "side"])
        .current_dir(dir)
        .output();
    let conflicted = adrgov::repo::git::read_index_paths(&dir.join(".git"));
    let stages = conflicted
        .as_ref()
        .map(|v| v.iter().filter(|p| *p == "c.txt").count());
    assert_eq!(stages, Some(3));
    assert_eq!(conflicted, Some(index_as_libgit2_reads_it(dir)));
    // Not an index: left to libgit2.
    std::fs::write(dir.join(".git/index"), b"DIRC\0\0\0\x09").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(adrgov::repo::git::read_index_paths(&dir.join(".git")), None);
}
