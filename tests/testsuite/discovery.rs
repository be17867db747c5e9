//! Finding the ADR directory by content (issue 10, items 1 and 2): directory names and file
//! names of every shape, sub-directories, assets, templates known by their placeholders, an
//! ordinary numbered-docs repository that is not taken for ADRs, two candidates, and `init`
//! where ADRs already are.

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
            ("2021-05-05-use-g", "adrs/2021-05-05-use-g.md"),
            ("2021_05_04_use_f", "adrs/2021_05_04_use_f.md"),
            ("adr-draft-use-h", "adrs/adr-draft-use-h.md"),
        ])
    );
    assert_eq!(
        stderr,
        note(
            "adrs",
            "7 numbered or dated Markdown files with ADR structure: status, Context, Decision, Consequences"
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

#[test]
fn two_candidates_are_named_and_the_best_is_taken_deterministically() {
    let files = [
        ("records/0001-use-a.md", adr("Use A")),
        ("records/0002-use-b.md", adr("Use B")),
        ("records/0003-use-c.md", adr("Use C")),
        ("team/ADR/ADR-1.md", adr("Use D")),
        ("team/ADR/ADR-2.md", adr("Use E")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let t = repo(&refs, true);
    let expected_err = note(
        "records",
        "3 numbered Markdown files with ADR structure: status, Context, Decision, Consequences",
    ) + "note: other candidates: team/ADR (2 ADR files)\n";
    for _ in 0..2 {
        let (ids, stderr) = listed(t.path());
        assert_eq!(
            ids,
            pairs(&[
                ("0001", "records/0001-use-a.md"),
                ("0002", "records/0002-use-b.md"),
                ("0003", "records/0003-use-c.md"),
            ])
        );
        assert_eq!(stderr, expected_err);
    }
    // Pinned as the note says: no note, the other directory.
    std::fs::write(t.path().join("adrgov.toml"), "[adr]\ndir = \"team/ADR\"\n").expect("write");
    let (ids, stderr) = listed(t.path());
    assert_eq!(
        ids,
        pairs(&[("1", "team/ADR/ADR-1.md"), ("2", "team/ADR/ADR-2.md")])
    );
    assert_eq!(stderr, "");

    // A tie: a name that says ADRs wins, then the path.
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
            ("0001", "a/adrs/0001-use-a.md"),
            ("0002", "a/adrs/0002-use-b.md")
        ])
    );
    assert_eq!(
        stderr,
        note("a/adrs", WHY_2)
            + "note: other candidates: z/adrs (2 ADR files), notes (2 ADR files)\n"
            + NO_GIT
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
