//! Stale proposals: the dashboard's "open proposals" list and the `stale-proposal` rule are one
//! computation, so they agree on every repository (same ADRs, same "since").

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const TODAY: &str = "2026-11-25";

/// `stale-proposal` findings of `adrgov check --format json`: (path, since).
fn rule_findings(dir: &Path) -> BTreeSet<(String, String)> {
    let r = adrgov_env(
        dir,
        &["check", "--format", "json"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "stale-proposal")
        .map(|f| {
            let m = f["message"].as_str().expect("message");
            let since = m
                .strip_prefix("proposed since ")
                .and_then(|r| r.split(',').next())
                .unwrap_or_else(|| panic!("message: {m}"));
            (
                f["path"].as_str().expect("path").to_string(),
                since.to_string(),
            )
        })
        .collect()
}

/// Builds the site and returns the dashboard's heading of the open-proposal section and its
/// entries: (path, since), the path found through `adrs.json` by the id the entry shows.
fn dashboard(dir: &Path, out: &Path) -> (String, BTreeSet<(String, String)>) {
    let r = adrgov_env(
        dir,
        &["site", "build", "--out", out.to_str().expect("utf8")],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let adrs: serde_json::Value =
        serde_json::from_str(&read(out.join("adrs.json"))).expect("adrs.json");
    let path_of: BTreeMap<&str, &str> = adrs
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id"),
                a["path"].as_str().expect("path"),
            )
        })
        .collect();
    let html = read(out.join("dashboard.html"));
    let section = html
        .split("<section><h2>Open proposals ")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no open-proposal section in {html}"));
    let heading = section.split("</h2>").next().expect("heading").to_string();
    let mut entries = BTreeSet::new();
    for li in section.split("<li>").skip(1) {
        let text = li.split("\">").nth(1).expect("link text");
        let id = text.split([' ', '<']).next().expect("id");
        let since = li
            .split(" — proposed since ")
            .nth(1)
            .and_then(|s| s.split("</li>").next())
            .unwrap_or_else(|| panic!("entry: {li}"));
        let path = path_of
            .get(id)
            .unwrap_or_else(|| panic!("{id} is not in adrs.json"));
        assert!(
            entries.insert((path.to_string(), since.to_string())),
            "{id} listed twice"
        );
    }
    if entries.is_empty() {
        assert!(section.contains("<p>None.</p>"), "{section}");
    }
    (heading, entries)
}

/// Where the ADRs of the corpora that need directory discovery are, pinned so this test stands
/// on its own whatever discovery finds.
fn pin_dir(name: &str, dir: &Path) {
    let adr_dir = match name {
        "ibc-go" | "celestia-app" => "docs/architecture",
        "dotcom-rendering" => "dotcom-rendering/docs/architecture",
        _ => return,
    };
    std::fs::write(
        dir.join("adrgov.toml"),
        format!("[adr]\ndir = \"{adr_dir}\"\n"),
    )
    .expect("write adrgov.toml");
}

#[test]
fn dashboard_and_stale_proposal_agree_on_every_corpus() {
    let names = corpus_names();
    assert_eq!(names.len(), 9, "{names:?}");
    let mut total = 0;
    for name in &names {
        let (t, dir) = clone_corpus(name);
        pin_dir(name, &dir);
        let rule = rule_findings(&dir);
        let (heading, dash) = dashboard(&dir, &t.path().join("site"));
        assert_eq!(heading, "older than 30 days", "{name}");
        assert_eq!(
            dash, rule,
            "{name}: dashboard (left) and stale-proposal (right)"
        );
        total += rule.len();
    }
    // govuk-aws 0036, ibc-go 010 and 015, celestia-app 018, dotcom-rendering 009, arachne 002–017.
    assert!(total >= 20, "only {total} stale proposals over all corpora");
}

fn adr(n: u32, slug: &str, title: &str, status: &str, date: &str) -> (String, String) {
    (
        format!("docs/adr/{n:04}-{slug}.md"),
        format!(
            "# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
        ),
    )
}

fn write(dir: &Path, (path, text): &(String, String)) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// Where the two used to disagree: the dashboard counted 30 days from the creation, the rule
/// `days` from when the ADR last became proposed.
#[test]
fn dashboard_counts_from_when_an_adr_became_proposed_and_honours_days() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("repo");
    std::fs::create_dir_all(&dir).expect("mkdir");
    git(&dir, &["init", "-q", "-b", "main"]);
    std::fs::write(
        dir.join("adrgov.toml"),
        "[adr]\ndir = \"docs/adr\"\n\n[check]\nstale-proposal = { days = 60 }\n",
    )
    .expect("write");
    // 0004: proposed, accepted, then proposed again 85 days ago.
    write(&dir, &adr(4, "cache", "Cache", "Proposed", "2025-01-01"));
    commit_at(&dir, "2025-01-01", "propose 4");
    write(&dir, &adr(4, "cache", "Cache", "Accepted", "2025-01-01"));
    commit_at(&dir, "2025-02-01", "accept 4");
    // 0001: created accepted 400 days ago.
    write(&dir, &adr(1, "queue", "Queue", "Accepted", "2025-10-21"));
    commit_at(&dir, "2025-10-21", "add 1");
    // 0003: proposed 116 days ago.
    write(&dir, &adr(3, "search", "Search", "Proposed", "2026-08-01"));
    commit_at(&dir, "2026-08-01", "propose 3");
    write(&dir, &adr(4, "cache", "Cache", "Proposed", "2025-01-01"));
    commit_at(&dir, "2026-09-01", "reopen 4");
    // 0002: proposed 40 days ago (stale after 30 days, not after the configured 60).
    write(&dir, &adr(2, "logs", "Logs", "Proposed", "2026-10-16"));
    commit_at(&dir, "2026-10-16", "propose 2");
    // 0001 made proposed again 10 days ago.
    write(&dir, &adr(1, "queue", "Queue", "Proposed", "2025-10-21"));
    commit_at(&dir, "2026-11-15", "reopen 1");

    let want: BTreeSet<(String, String)> = [
        ("docs/adr/0003-search.md", "2026-08-01"),
        ("docs/adr/0004-cache.md", "2026-09-01"),
    ]
    .into_iter()
    .map(|(p, d)| (p.to_string(), d.to_string()))
    .collect();
    assert_eq!(rule_findings(&dir), want);
    let r = adrgov_env(&dir, &["check"], &[("ADRGOV_TODAY", TODAY)]);
    assert!(
        r.stdout.contains(
            "warning[stale-proposal]: docs/adr/0004-cache.md:7: proposed since 2026-09-01, more than 60 days ago\n"
        ),
        "{}",
        r.stdout
    );
    let out = t.path().join("site");
    let (heading, dash) = dashboard(&dir, &out);
    assert_eq!(heading, "older than 60 days");
    assert_eq!(dash, want);
    let html = read(out.join("dashboard.html"));
    assert!(
        html.contains(
            "<ul><li><a href=\"adr/0003.html\">0003 Search</a> — proposed since 2026-08-01</li><li><a href=\"adr/0004.html\">0004 Cache</a> — proposed since 2026-09-01</li></ul>"
        ),
        "{html}"
    );
}
