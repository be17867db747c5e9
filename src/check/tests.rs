//! Every rule through the library, on small repositories built in memory: one case that finds
//! and one that does not. Only `stale-toc` and `unreadable-file` touch the disk (a temp dir).

use super::{Base, Levels, RuleId};
use crate::history::{AdrHistory, Event, EventKind, History};
use crate::parse::Vocab;
use crate::repo::config::{Config, Source, parse_config};
use crate::repo::{Entry, Loaded, Workspace};
use std::path::Path;

/// A root no test creates: nothing is read from it.
const ROOT: &str = "/nonexistent/adrgov-check-tests";
/// The fixed "today" of every test.
const TODAY: &str = "2026-11-25";

/// What a test asserts of a finding: rule, path, line, message.
type Found = (&'static str, String, Option<usize>, String);

fn ws_at(root: &Path, config: Config) -> Workspace {
    Workspace {
        root: root.to_path_buf(),
        vocab: Vocab::new(&config.relations),
        config,
        source: Source::Convention,
        dir_rel: Some("docs/adr".into()),
        sources: Vec::new(),
        scan: None,
        git: Default::default(),
        parse_cache: false,
    }
}

fn ws() -> Workspace {
    ws_at(Path::new(ROOT), Config::default())
}

/// ADRs of `docs/adr/` from (file name, text), parsed and indexed as `Workspace::load` does.
fn loaded(ws: &Workspace, files: &[(&str, &str)]) -> Loaded {
    let entries = files
        .iter()
        .map(|(name, text)| {
            let rel = format!("docs/adr/{name}");
            Entry {
                abs: ws.root.join(&rel),
                text: text.to_string(),
                parsed: crate::parse::parse(&rel, name, text, &ws.vocab),
                editable: true,
            }
        })
        .collect();
    Loaded::from_entries(entries, Vec::new())
}

fn today() -> chrono::NaiveDate {
    crate::parse::parse_date(TODAY).expect("date")
}

/// Runs `rule` alone (every other rule off) and returns what it found.
fn run_with(
    rule: &str,
    ws: &Workspace,
    loaded: &Loaded,
    history: Option<&History>,
    base: Option<&Base>,
) -> Vec<Found> {
    let rule: RuleId = rule.parse().expect("a rule id");
    let others: Vec<RuleId> = RuleId::all()
        .iter()
        .copied()
        .filter(|id| *id != rule)
        .collect();
    let levels = Levels::new(ws, &[], &[], &others).expect("levels");
    super::check_loaded(ws, loaded, &levels, base, history, today())
        .into_iter()
        .map(|f| (f.rule.as_str(), f.path.into_string(), f.line, f.message))
        .collect()
}

/// Runs `rule` alone on the ADRs `files` with the default configuration.
fn run(rule: &str, files: &[(&str, &str)]) -> Vec<Found> {
    let ws = ws();
    run_with(rule, &ws, &loaded(&ws, files), None, None)
}

fn found(rule: &'static str, name: &str, line: Option<usize>, message: &str) -> Found {
    (rule, format!("docs/adr/{name}"), line, message.to_string())
}

/// An adr-tools ADR: title line 1, date line 3, status line 7.
fn nygard(n: u32, title: &str, status: &str, extra: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-01-15\n\n## Status\n\n{status}\n{extra}\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"
    )
}

#[test]
fn missing_status() {
    let text = "# 1. Use queues\n\nDate: 2024-01-15\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
    assert_eq!(
        run("missing-status", &[("0001-use-queues.md", text)]),
        vec![found(
            "missing-status",
            "0001-use-queues.md",
            Some(1),
            "no status"
        )]
    );
    let ok = nygard(1, "Use queues", "Accepted", "");
    assert_eq!(
        run("missing-status", &[("0001-use-queues.md", &ok)]),
        vec![]
    );
}

#[test]
fn unknown_status() {
    let text = nygard(1, "Use queues", "Pondering", "");
    assert_eq!(
        run("unknown-status", &[("0001-use-queues.md", &text)]),
        vec![found(
            "unknown-status",
            "0001-use-queues.md",
            Some(7),
            "status `pondering` is not one of proposed, accepted, rejected, deprecated, superseded"
        )]
    );
    let ok = nygard(1, "Use queues", "Deprecated", "");
    assert_eq!(
        run("unknown-status", &[("0001-use-queues.md", &ok)]),
        vec![]
    );
}

#[test]
fn invalid_date() {
    let text = nygard(1, "Use queues", "Accepted", "").replace("2024-01-15", "2024-13-45");
    assert_eq!(
        run("invalid-date", &[("0001-use-queues.md", &text)]),
        vec![found(
            "invalid-date",
            "0001-use-queues.md",
            Some(3),
            "date `2024-13-45` is not a valid date"
        )]
    );
    let ok = nygard(1, "Use queues", "Accepted", "");
    assert_eq!(run("invalid-date", &[("0001-use-queues.md", &ok)]), vec![]);
}

#[test]
fn duplicate_number() {
    let a = nygard(2, "Use queues", "Accepted", "");
    let b = nygard(2, "Use caches", "Accepted", "");
    assert_eq!(
        run(
            "duplicate-number",
            &[("0002-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![
            found(
                "duplicate-number",
                "0002-use-caches.md",
                None,
                "number 2 is also used by 0002-use-queues.md"
            ),
            found(
                "duplicate-number",
                "0002-use-queues.md",
                None,
                "number 2 is also used by 0002-use-caches.md"
            ),
        ]
    );
    let c = nygard(3, "Use caches", "Accepted", "");
    assert_eq!(
        run(
            "duplicate-number",
            &[("0002-use-queues.md", &a), ("0003-use-caches.md", &c)]
        ),
        vec![]
    );
}

#[test]
fn broken_reference() {
    let a = nygard(1, "Use queues", "Accepted", "");
    let b = nygard(2, "Use caches", "Accepted", "")
        .replace("What.", "Like [the queues](0009-use-streams.md).");
    assert_eq!(
        run(
            "broken-reference",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![found(
            "broken-reference",
            "0002-use-caches.md",
            Some(15),
            "link to `0009-use-streams.md`, which does not exist"
        )]
    );
    let ok = nygard(2, "Use caches", "Accepted", "")
        .replace("What.", "Like [the queues](0001-use-queues.md).");
    assert_eq!(
        run(
            "broken-reference",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &ok)]
        ),
        vec![]
    );
}

#[test]
fn one_sided_relation() {
    let a = nygard(1, "Use queues", "Accepted", "");
    let b = nygard(
        2,
        "Use caches",
        "Accepted",
        "\nAmends [1. Use queues](0001-use-queues.md)\n",
    );
    assert_eq!(
        run(
            "one-sided-relation",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![found(
            "one-sided-relation",
            "0002-use-caches.md",
            Some(9),
            "0002 says \"amends 0001\", but 0001 does not say \"amended by 0002\""
        )]
    );
    let a2 = nygard(
        1,
        "Use queues",
        "Accepted",
        "\nAmended by [2. Use caches](0002-use-caches.md)\n",
    );
    assert_eq!(
        run(
            "one-sided-relation",
            &[("0001-use-queues.md", &a2), ("0002-use-caches.md", &b)]
        ),
        vec![]
    );
}

#[test]
fn supersession_cycle() {
    let a = nygard(
        1,
        "Use queues",
        "Superseded by [2. Use caches](0002-use-caches.md)",
        "\nSupersedes [2. Use caches](0002-use-caches.md)\n",
    );
    let b = nygard(
        2,
        "Use caches",
        "Superseded by [1. Use queues](0001-use-queues.md)",
        "\nSupersedes [1. Use queues](0001-use-queues.md)\n",
    );
    assert_eq!(
        run(
            "supersession-cycle",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![
            found(
                "supersession-cycle",
                "0001-use-queues.md",
                Some(1),
                "supersession cycle: 0001 → 0002 → 0001"
            ),
            found(
                "supersession-cycle",
                "0002-use-caches.md",
                Some(1),
                "supersession cycle: 0001 → 0002 → 0001"
            ),
        ]
    );
    let a = nygard(
        1,
        "Use queues",
        "Superseded by [2. Use caches](0002-use-caches.md)",
        "",
    );
    let b = nygard(
        2,
        "Use caches",
        "Accepted",
        "\nSupersedes [1. Use queues](0001-use-queues.md)\n",
    );
    assert_eq!(
        run(
            "supersession-cycle",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![]
    );
}

#[test]
fn missing_title() {
    let text = "Date: 2024-01-15\n\n## Status\n\nAccepted\n\n## Context\n\nc\n";
    assert_eq!(
        run("missing-title", &[("0001-use-queues.md", text)]),
        vec![found(
            "missing-title",
            "0001-use-queues.md",
            Some(1),
            "no title"
        )]
    );
    let ok = nygard(1, "Use queues", "Accepted", "");
    assert_eq!(run("missing-title", &[("0001-use-queues.md", &ok)]), vec![]);
}

#[test]
fn invalid_front_matter() {
    let madr = |front: &str| {
        format!(
            "---\n{front}\n---\n\n# Use queues\n\n## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n"
        )
    };
    let bad = madr("status: [accepted\ndate: 2024-01-15");
    assert_eq!(
        run("invalid-front-matter", &[("0001-use-queues.md", &bad)]),
        vec![found(
            "invalid-front-matter",
            "0001-use-queues.md",
            Some(3),
            "front matter is not valid YAML: Deserialize error: illegal placement of ':' indicator"
        )]
    );
    let ok = madr("status: accepted\ndate: 2024-01-15");
    assert_eq!(
        run("invalid-front-matter", &[("0001-use-queues.md", &ok)]),
        vec![]
    );
}

#[test]
fn number_collision() {
    let ws = ws();
    let l = loaded(
        &ws,
        &[
            (
                "0001-use-queues.md",
                &nygard(1, "Use queues", "Accepted", ""),
            ),
            (
                "0003-use-caches.md",
                &nygard(3, "Use caches", "Proposed", ""),
            ),
        ],
    );
    let base = |numbers: &[(u32, &str)]| Base {
        rev: "origin/main".into(),
        numbers: numbers
            .iter()
            .map(|(n, p)| (*n, vec![format!("docs/adr/{p}").into()]))
            .collect(),
        paths: numbers
            .iter()
            .map(|(_, p)| format!("docs/adr/{p}").into())
            .collect(),
        changed: ["docs/adr/0003-use-caches.md".into()].into(),
    };
    let taken = base(&[(1, "0001-use-queues.md"), (3, "0003-use-streams.md")]);
    assert_eq!(
        run_with("number-collision", &ws, &l, None, Some(&taken)),
        vec![found(
            "number-collision",
            "0003-use-caches.md",
            None,
            "number 3 is already taken on origin/main by docs/adr/0003-use-streams.md"
        )]
    );
    let free = base(&[(1, "0001-use-queues.md"), (2, "0002-use-streams.md")]);
    assert_eq!(
        run_with("number-collision", &ws, &l, None, Some(&free)),
        vec![]
    );
}

fn event(date: &str, commit: char, kind: EventKind, status: &str, content: u64) -> Event {
    Event {
        when: crate::parse::parse_date(date)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .map(|t| t.and_utc().fixed_offset())
            .unwrap_or_default(),
        author: "Ann".into(),
        commit: commit.to_string().repeat(40),
        kind,
        status: Some(status.into()),
        path: "docs/adr/0001-use-queues.md".into(),
        content,
    }
}

fn history_of(path: &str, events: Vec<Event>) -> History {
    let mut h = History::default();
    h.by_path.insert(
        format!("docs/adr/{path}").into(),
        AdrHistory {
            events,
            ..AdrHistory::default()
        },
    );
    h
}

#[test]
fn accepted_edited() {
    let ws = ws();
    let before = nygard(1, "Use queues", "Accepted", "");
    let after = before.replace("What.", "Something else.");
    let hash = |text: &str| {
        let p = crate::parse::parse(
            "docs/adr/0001-use-queues.md",
            "0001-use-queues.md",
            text,
            &ws.vocab,
        );
        crate::history::content_hash(text, &p)
    };
    let (h0, h1) = (hash(&before), hash(&after));
    assert_ne!(h0, h1);
    let l = loaded(&ws, &[("0001-use-queues.md", &after)]);
    let edited = history_of(
        "0001-use-queues.md",
        vec![
            event("2024-01-15", 'a', EventKind::Created, "proposed", h0),
            event("2024-02-01", 'b', EventKind::Status, "accepted", h0),
            event("2024-03-01", 'c', EventKind::Edited, "accepted", h1),
        ],
    );
    assert_eq!(
        run_with("accepted-edited", &ws, &l, Some(&edited), None),
        vec![found(
            "accepted-edited",
            "0001-use-queues.md",
            Some(1),
            "accepted on 2024-02-01 (bbbbbbbb), then its text was changed on 2024-03-01 by Ann (cccccccc)"
        )]
    );
    // Accepted, then only its status lines change: no finding.
    let l = loaded(&ws, &[("0001-use-queues.md", &before)]);
    let kept = history_of(
        "0001-use-queues.md",
        vec![
            event("2024-01-15", 'a', EventKind::Created, "proposed", h0),
            event("2024-02-01", 'b', EventKind::Status, "accepted", h0),
        ],
    );
    assert_eq!(
        run_with("accepted-edited", &ws, &l, Some(&kept), None),
        vec![]
    );
}

#[test]
fn stale_proposal() {
    let config = parse_config(
        Path::new("adrgov.toml"),
        "[check]\nstale-proposal = { days = 60 }\n",
    )
    .expect("config");
    let ws = ws_at(Path::new(ROOT), config);
    let text = nygard(1, "Use queues", "Proposed", "");
    let l = loaded(&ws, &[("0001-use-queues.md", &text)]);
    // Proposed, accepted, proposed again 85 days before today: stale since then.
    let reopened = |date: &str| {
        history_of(
            "0001-use-queues.md",
            vec![
                event("2024-01-15", 'a', EventKind::Created, "proposed", 1),
                event("2024-02-01", 'b', EventKind::Status, "accepted", 1),
                event(date, 'c', EventKind::Status, "proposed", 1),
            ],
        )
    };
    assert_eq!(
        run_with(
            "stale-proposal",
            &ws,
            &l,
            Some(&reopened("2026-09-01")),
            None
        ),
        vec![found(
            "stale-proposal",
            "0001-use-queues.md",
            Some(7),
            "proposed since 2026-09-01, more than 60 days ago"
        )]
    );
    // Proposed again 40 days ago: within the 60 configured days.
    assert_eq!(
        run_with(
            "stale-proposal",
            &ws,
            &l,
            Some(&reopened("2026-10-16")),
            None
        ),
        vec![]
    );
}

#[test]
fn superseded_status() {
    let b = nygard(
        2,
        "Use caches",
        "Accepted",
        "\nSupersedes [1. Use queues](0001-use-queues.md)\n",
    );
    let a = nygard(
        1,
        "Use queues",
        "Accepted",
        "\nSuperseded by [2. Use caches](0002-use-caches.md)\n",
    );
    assert_eq!(
        run(
            "superseded-status",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![found(
            "superseded-status",
            "0001-use-queues.md",
            Some(7),
            "superseded by 0002, but its status is accepted"
        )]
    );
    let a = nygard(
        1,
        "Use queues",
        "Superseded by [2. Use caches](0002-use-caches.md)",
        "",
    );
    assert_eq!(
        run(
            "superseded-status",
            &[("0001-use-queues.md", &a), ("0002-use-caches.md", &b)]
        ),
        vec![]
    );
}

#[test]
fn file_name() {
    let text = nygard(1, "Use queues", "Accepted", "");
    assert_eq!(
        run("file-name", &[("0001-Use_Queues.md", &text)]),
        vec![found(
            "file-name",
            "0001-Use_Queues.md",
            None,
            "file name `0001-Use_Queues.md` is not a lower-case slug of letters, digits and dashes"
        )]
    );
    assert_eq!(
        run("file-name", &[("0001-use-streams.md", &text)]),
        vec![found(
            "file-name",
            "0001-use-streams.md",
            Some(1),
            "file name slug `use-streams` does not match the title (`use-queues`)"
        )]
    );
    assert_eq!(run("file-name", &[("0001-use-queues.md", &text)]), vec![]);
    // The hint names the file as it should be: prefix and number as written (a space in the
    // prefix a dash), the slug cleaned, or the title's when the name has none.
    let ws = ws();
    let hints = |name: &str| -> Vec<(String, Option<String>)> {
        let l = loaded(&ws, &[(name, &text)]);
        let others: Vec<RuleId> = RuleId::all()
            .iter()
            .copied()
            .filter(|id| *id != RuleId::FileName)
            .collect();
        let levels = Levels::new(&ws, &[], &[], &others).expect("levels");
        super::check_loaded(&ws, &l, &levels, None, None, today())
            .into_iter()
            .map(|f| (f.message, f.hint))
            .collect()
    };
    for (name, message, hint) in [
        (
            "0001-Use_Queues.md",
            "file name `0001-Use_Queues.md` is not a lower-case slug of letters, digits and dashes",
            "rename it to `0001-use-queues.md`",
        ),
        (
            "ADR-1.md",
            "file name `ADR-1.md` has no slug after its number",
            "rename it to `ADR-1-use-queues.md`",
        ),
        (
            "ADR 1 - Use Queues.md",
            "file name `ADR 1 - Use Queues.md` is not a lower-case slug of letters, digits and dashes",
            "rename it to `ADR-1-use-queues.md`",
        ),
        (
            "2021-03-04-Use-Queues.md",
            "file name `2021-03-04-Use-Queues.md` is not a lower-case slug of letters, digits and dashes",
            "rename it to `2021-03-04-use-queues.md`",
        ),
        (
            "Use Queues.md",
            "file name `Use Queues.md` is not a lower-case slug of letters, digits and dashes",
            "rename it to `use-queues.md`",
        ),
    ] {
        assert_eq!(
            hints(name),
            vec![(message.to_string(), Some(hint.to_string()))],
            "{name}"
        );
    }
}

#[test]
fn missing_section() {
    let text = nygard(1, "Use queues", "Accepted", "").replace("## Consequences", "## Later");
    assert_eq!(
        run("missing-section", &[("0001-use-queues.md", &text)]),
        vec![found(
            "missing-section",
            "0001-use-queues.md",
            Some(1),
            "no `consequences` section"
        )]
    );
    let ok = nygard(1, "Use queues", "Accepted", "");
    assert_eq!(
        run("missing-section", &[("0001-use-queues.md", &ok)]),
        vec![]
    );
}

/// A temp dir holding `files` (path from the root → text).
fn on_disk(files: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().expect("tempdir");
    for (p, text) in files {
        let p = t.path().join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    t
}

#[test]
fn stale_toc() {
    let config = Config {
        dir: Some("docs/adr".into()),
        toc: Some("docs/adr/README.md".into()),
        ..Config::default()
    };
    let a = nygard(1, "Use queues", "Accepted", "");
    let b = nygard(2, "Use caches", "Accepted", "");
    let files = [
        ("0001-use-queues.md", a.as_str()),
        ("0002-use-caches.md", b.as_str()),
    ];
    let stale = "# Decisions\n\n* [1. Use queues](0001-use-queues.md)\n";
    let t = on_disk(&[("docs/adr/README.md", stale)]);
    let ws = ws_at(t.path(), config.clone());
    assert_eq!(
        run_with("stale-toc", &ws, &loaded(&ws, &files), None, None),
        vec![(
            "stale-toc",
            "docs/adr/README.md".to_string(),
            None,
            "the index does not list the ADRs as they are".to_string()
        )]
    );
    let fresh = "# Decisions\n\n* [1. Use queues](0001-use-queues.md)\n* [2. Use caches](0002-use-caches.md)\n";
    let t = on_disk(&[("docs/adr/README.md", fresh)]);
    let ws = ws_at(t.path(), config);
    assert_eq!(
        run_with("stale-toc", &ws, &loaded(&ws, &files), None, None),
        vec![]
    );
}

#[test]
fn unreadable_file() {
    let ok = nygard(1, "Use queues", "Accepted", "");
    let t = on_disk(&[
        ("docs/adr/0001-use-queues.md", ok.as_str()),
        ("docs/adr/0002-diagram.md", "PNG\0\0\0binary"),
    ]);
    let ws = ws_at(
        &t.path().canonicalize().expect("canonical"),
        Config::default(),
    );
    let l = ws.load().expect("load");
    assert_eq!(
        run_with("unreadable-file", &ws, &l, None, None),
        vec![found(
            "unreadable-file",
            "0002-diagram.md",
            None,
            "binary file (contains NUL bytes), not Markdown; skipped"
        )]
    );
    let t = on_disk(&[("docs/adr/0001-use-queues.md", ok.as_str())]);
    let ws = ws_at(
        &t.path().canonicalize().expect("canonical"),
        Config::default(),
    );
    let l = ws.load().expect("load");
    assert_eq!(l.entries.len(), 1);
    assert_eq!(run_with("unreadable-file", &ws, &l, None, None), vec![]);
}

/// Every rule of the registry has a test above.
#[test]
fn every_rule_is_tested() {
    let src = include_str!("tests.rs");
    for r in super::rules::all() {
        let name = r.id.as_str().replace('-', "_");
        assert!(
            src.contains(&format!("fn {name}() {{")),
            "no test for {}",
            r.id
        );
    }
}

/// A `## Governs` section after the status of [`nygard`]: the first glob on line 11.
fn governing(globs: &[&str]) -> String {
    let bullets: Vec<String> = globs.iter().map(|g| format!("- {g}\n")).collect();
    format!("\n## Governs\n\n{}", bullets.concat())
}

#[test]
fn governs_nothing() {
    let a = nygard(
        1,
        "Use PostgreSQL",
        "Accepted",
        &governing(&["services/orders/**"]),
    );
    let b = nygard(
        2,
        "Bill in batches",
        "Accepted",
        &governing(&["services/billing/**"]),
    );
    let c = nygard(
        3,
        "Use caches",
        "Proposed",
        &governing(&["services/cache/**"]),
    );
    let d = nygard(4, "Lint", "Accepted", &governing(&["src/[bad"]));
    let t = on_disk(&[("services/orders/db/schema.sql", "create table orders;\n")]);
    let ws = ws_at(t.path(), Config::default());
    let files = [
        ("0001-use-postgresql.md", a.as_str()),
        ("0002-bill-in-batches.md", b.as_str()),
        ("0003-use-caches.md", c.as_str()),
        ("0004-lint.md", d.as_str()),
    ];
    assert_eq!(
        run_with("governs-nothing", &ws, &loaded(&ws, &files), None, None),
        vec![
            found(
                "governs-nothing",
                "0002-bill-in-batches.md",
                Some(11),
                "governs `services/billing/**`, which matches no tracked file: the decision drifted from the code"
            ),
            found(
                "governs-nothing",
                "0004-lint.md",
                Some(11),
                "governs `src/[bad` is not a valid glob (unclosed character class; missing ']'); it governs nothing"
            ),
        ]
    );
    // Every glob of a decision in effect matches a file: nothing to say.
    assert_eq!(
        run_with(
            "governs-nothing",
            &ws,
            &loaded(&ws, &files[..1]),
            None,
            None
        ),
        vec![]
    );
}

#[test]
fn governed_change() {
    let ws = ws();
    let old = nygard(
        1,
        "Use MySQL",
        "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)",
        &governing(&["services/**"]),
    );
    let new = format!(
        "{}Supersedes [1. Use MySQL](0001-use-mysql.md)\n",
        nygard(
            2,
            "Use PostgreSQL",
            "Accepted",
            &governing(&["services/orders/db/", "*.sql"])
        )
    );
    let l = loaded(
        &ws,
        &[
            ("0001-use-mysql.md", &old),
            ("0002-use-postgresql.md", &new),
        ],
    );
    let base = Base {
        rev: "origin/main".into(),
        changed: [
            "README.md".into(),
            "services/billing/run.py".into(),
            "services/orders/db/schema.sql".into(),
        ]
        .into(),
        ..Base::default()
    };
    assert_eq!(
        run_with("governed-change", &ws, &l, None, Some(&base)),
        vec![(
            "governed-change",
            "services/orders/db/schema.sql".to_string(),
            None,
            "this file is governed by ADR 0002 \"Use PostgreSQL\" (accepted), through `services/orders/db/`".to_string()
        )]
    );
    // Without a base there is no change to annotate.
    assert_eq!(run_with("governed-change", &ws, &l, None, None), vec![]);
}
