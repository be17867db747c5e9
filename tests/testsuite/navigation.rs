//! Site navigation that scales: the decision log beside every ADR page (newest first, the
//! page's own marked), newer/older links at its foot, the ADR directory's README (or index) as
//! the index page's intro, and the dashboard's quarters with no decision shown as 0.

use crate::support::*;
use std::path::Path;

fn build(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let r = adrgov(
        dir,
        &["site", "build", "--out", out.to_str().expect("utf8")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let links = crate::linkcheck::check(&snapshot_dir(&out));
    assert_eq!(
        links
            .broken
            .iter()
            .chain(&links.requests)
            .collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
    out
}

fn nygard(n: u32, title: &str, status: &str, date: &str) -> String {
    format!("# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nWhy {n}.\n")
}

/// An ADR without a number in its name or title (as in dotcom-rendering's `proposed-adrs/`).
fn unnumbered(title: &str, date: &str) -> String {
    format!("# {title}\n\nDate: {date}\n\n## Status\n\nProposed\n\n## Context\n\nWhy.\n")
}

/// The text between `from` and the next `to` after it.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {page}"))
        + from.len();
    let len = page[start..]
        .find(to)
        .unwrap_or_else(|| panic!("no {to} after {from} in {page}"));
    &page[start..start + len]
}

/// The decision log's list on an ADR page.
fn log_list(page: &str) -> &str {
    between(
        between(page, "<nav class=\"log\"", "</nav>"),
        "<ol>\n",
        "</ol>",
    )
}

fn log_item(id: &str, title: &str, status: &str, current: bool) -> String {
    let mark = if current {
        " aria-current=\"page\""
    } else {
        ""
    };
    format!(
        "<li><a href=\"../adr/{id}.html\"{mark}><span class=\"num\">{id}</span> {title} <span class=\"badge s-{status}\">{status}</span></a></li>\n"
    )
}

/// Three numbered decisions (out of date order on purpose: the number decides) and three
/// without a number (two dated, one not), in git.
fn mixed_log() -> tempfile::TempDir {
    repo(
        &[
            (
                "doc/adr/0001-use-queues.md",
                &nygard(1, "Use queues", "Accepted", "2021-05-01"),
            ),
            (
                "doc/adr/0002-use-caches.md",
                &nygard(
                    2,
                    "Use caches",
                    "Superseded by [3. Use CDNs](0003-use-cdns.md)",
                    "2020-01-01",
                ),
            ),
            (
                "doc/adr/0003-use-cdns.md",
                &nygard(3, "Use CDNs", "Accepted", "2022-03-04"),
            ),
            ("doc/adr/drop-ftp.md", &unnumbered("Drop FTP", "2023-01-01")),
            ("doc/adr/add-sso.md", &unnumbered("Add SSO", "2024-06-30")),
            (
                "doc/adr/no-date.md",
                "# Keep a log\n\n## Status\n\nProposed\n\n## Context\n\nWhy.\n",
            ),
        ],
        false,
    )
}

#[test]
fn the_decision_log_is_newest_first_with_the_current_decision_marked() {
    let t = mixed_log();
    let out = build(t.path());
    let order = [
        ("0003", "Use CDNs", "accepted"),
        ("0002", "Use caches", "superseded"),
        ("0001", "Use queues", "accepted"),
        ("add-sso", "Add SSO", "proposed"),
        ("drop-ftp", "Drop FTP", "proposed"),
        ("no-date", "Keep a log", "proposed"),
    ];
    for (id, ..) in order {
        let page = read(out.join(format!("adr/{id}.html")));
        let want: String = order
            .iter()
            .map(|&(i, title, status)| log_item(i, title, status, i == id))
            .collect();
        assert_eq!(log_list(&page), want, "{id}");
        assert_eq!(page.matches("aria-current=\"page\"").count(), 1, "{id}");
        // All of the log is shown: nothing above or below it is left out.
        assert!(!page.contains("not shown"), "{id}");
        assert!(
            page.contains("<summary>Decisions <span class=\"count\">6</span></summary>"),
            "{page}"
        );
    }
}

#[test]
fn newer_and_older_links_follow_the_log() {
    let t = mixed_log();
    let out = build(t.path());
    let pager = |id: &str| {
        let page = read(out.join(format!("adr/{id}.html")));
        between(
            &page,
            "<nav class=\"pager\" aria-label=\"Newer and older decisions\">\n",
            "</nav>",
        )
        .to_string()
    };
    let prev = |id: &str, title: &str| {
        format!(
            "<a rel=\"prev\" href=\"../adr/{id}.html\"><span class=\"dir\">← Newer</span> <span class=\"num\">{id}</span> {title}</a>\n"
        )
    };
    let next = |id: &str, title: &str| {
        format!(
            "<a rel=\"next\" href=\"../adr/{id}.html\"><span class=\"dir\">Older →</span> <span class=\"num\">{id}</span> {title}</a>\n"
        )
    };
    // The first of the log has no newer decision, the last no older one.
    assert_eq!(pager("0003"), next("0002", "Use caches"));
    assert_eq!(
        pager("0001"),
        prev("0002", "Use caches") + &next("add-sso", "Add SSO")
    );
    assert_eq!(
        pager("add-sso"),
        prev("0001", "Use queues") + &next("drop-ftp", "Drop FTP")
    );
    assert_eq!(pager("no-date"), prev("drop-ftp", "Drop FTP"));
    // One decision alone has neither, and no pager at all.
    let t = repo(
        &[(
            "doc/adr/0001-a.md",
            &nygard(1, "A", "Accepted", "2020-01-01"),
        )],
        true,
    );
    let page = read(build(t.path()).join("adr/0001.html"));
    assert!(
        !page.contains("class=\"pager\"") && !page.contains("rel=\"prev\""),
        "{page}"
    );
    assert_eq!(log_list(&page), log_item("0001", "A", "accepted", true));
}

#[test]
fn a_long_log_shows_the_61_decisions_around_the_page() {
    let files: Vec<(String, String)> = (1..=130)
        .map(|n| {
            (
                format!("doc/adr/{n:04}-d{n}.md"),
                nygard(n, &format!("D{n}"), "Accepted", "2020-01-01"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let t = repo(&refs, false);
    let out = build(t.path());
    let shown = |id: u32| -> (Vec<u32>, Vec<u32>, String) {
        let page = read(out.join(format!("adr/{id:04}.html")));
        let list = log_list(&page);
        let ids = list
            .lines()
            .map(|l| {
                between(l, "<span class=\"num\">", "<")
                    .parse()
                    .expect("number")
            })
            .collect();
        let current = list
            .lines()
            .filter(|l| l.contains("aria-current"))
            .map(|l| {
                between(l, "<span class=\"num\">", "<")
                    .parse()
                    .expect("number")
            })
            .collect();
        let log = between(&page, "<nav class=\"log\"", "</nav>").to_string();
        let notes = log
            .lines()
            .filter(|l| l.contains("not shown"))
            .collect::<Vec<_>>()
            .join("\n");
        (ids, current, notes)
    };
    // In the middle: 30 newer and 30 older around it.
    let (ids, current, notes) = shown(65);
    assert_eq!(ids, (35..=95).rev().collect::<Vec<u32>>());
    assert_eq!(current, vec![65]);
    assert_eq!(
        notes,
        "<p class=\"more\">35 newer not shown</p>\n<p class=\"more\">34 older not shown</p>"
    );
    // Near an end, the window stays 61 long.
    let (ids, current, notes) = shown(128);
    assert_eq!(ids, (70..=130).rev().collect::<Vec<u32>>());
    assert_eq!(current, vec![128]);
    assert_eq!(notes, "<p class=\"more\">69 older not shown</p>");
    let (ids, _, notes) = shown(1);
    assert_eq!(ids, (1..=61).rev().collect::<Vec<u32>>());
    assert_eq!(notes, "<p class=\"more\">69 newer not shown</p>");
    let page = read(out.join("adr/0065.html"));
    assert!(
        page.contains(
            "<p class=\"log-all\"><a href=\"../index.html\">All 130 decisions</a>, newest first</p>"
        ),
        "{page}"
    );
}

const ADRS: [(&str, &str); 2] = [
    (
        "doc/adr/0001-use-queues.md",
        "# 1. Use queues\n\nDate: 2021-05-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n",
    ),
    (
        "doc/adr/0002-use-caches.md",
        "# 2. Use caches\n\nDate: 2021-06-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n",
    ),
];

/// The index page's intro block, if any.
fn intro(index: &str) -> Option<&str> {
    index.contains("<section class=\"intro\"").then(|| {
        between(
            index,
            "<section class=\"intro\" aria-label=\"About these decisions\">\n",
            "</section>",
        )
    })
}

fn site_with(extra: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    let mut files: Vec<(&str, &str)> = ADRS.to_vec();
    files.extend_from_slice(extra);
    let t = repo(&files, true);
    let out = build(t.path());
    // The intro files are no ADRs: two pages, two entries in adrs.json.
    let adrs: serde_json::Value = serde_json::from_str(&read(out.join("adrs.json"))).expect("json");
    assert_eq!(adrs.as_array().map(Vec::len), Some(2));
    let pages = std::fs::read_dir(out.join("adr")).expect("adr/").count();
    assert_eq!(pages, 2);
    let index = read(out.join("index.html"));
    (t, index)
}

#[test]
fn the_readme_of_the_adr_directory_is_the_index_pages_intro() {
    let readme = "---\nsidebar_position: 1\n---\n\n# Architecture Decision Records\n\nWe record decisions here; start with [the first](0001-use-queues.md) or [its context](./0001-use-queues.md#context).\n\n## Status\n\nSee [status](#status). <script>alert(1)</script>\n";
    let (_t, index) = site_with(&[("doc/adr/README.md", readme)]);
    // Front matter and title dropped (the page has its own), links to ADR files go to their
    // pages from the site's root, the headings' ids cannot take the page's own (`status`).
    assert_eq!(
        intro(&index),
        Some(
            "<p>We record decisions here; start with <a href=\"adr/0001.html\" rel=\"noopener noreferrer\">the first</a> or <a href=\"adr/0001.html#context\" rel=\"noopener noreferrer\">its context</a>.</p>\n<h2 id=\"intro-status\">Status</h2>\n<p>See <a href=\"#intro-status\" rel=\"noopener noreferrer\">status</a>. </p>\n"
        )
    );
    // Above the list.
    assert!(index.find("class=\"intro\"") < index.find("<table class=\"adrs\""));
    assert_eq!(index.matches("id=\"status\"").count(), 1);
}

#[test]
fn an_index_md_is_the_intro_when_there_is_no_readme() {
    let (_t, index) = site_with(&[(
        "doc/adr/index.md",
        "# Decisions\n\nAll our decisions; see [caches](0002-use-caches.md).\n",
    )]);
    assert_eq!(
        intro(&index),
        Some(
            "<p>All our decisions; see <a href=\"adr/0002.html\" rel=\"noopener noreferrer\">caches</a>.</p>\n"
        )
    );
    // In any letter case.
    let (_t, index) = site_with(&[("doc/adr/Index.MD", "Hello from INDEX.\n")]);
    assert_eq!(intro(&index), Some("<p>Hello from INDEX.</p>\n"));
}

#[test]
fn the_readme_wins_over_index_md() {
    let (_t, index) = site_with(&[
        ("doc/adr/index.md", "From index.\n"),
        ("doc/adr/readme.md", "From the readme.\n"),
    ]);
    assert_eq!(intro(&index), Some("<p>From the readme.</p>\n"));
}

#[test]
fn without_readme_or_index_there_is_no_intro() {
    let (_t, index) = site_with(&[]);
    assert_eq!(intro(&index), None);
    assert!(!index.contains("intro"), "{index}");
    // A README that is only a title says nothing more: no empty block.
    let (_t, index) = site_with(&[("doc/adr/README.md", "# ADRs\n")]);
    assert_eq!(intro(&index), None);
    // A README elsewhere in the repository is not the ADR directory's.
    let (_t, index) = site_with(&[("README.md", "The project.\n")]);
    assert_eq!(intro(&index), None);
}

#[cfg(unix)]
#[test]
fn a_readme_linking_outside_the_repository_is_not_read() {
    let t = repo(&ADRS, true);
    let secret = tempfile::tempdir().expect("tempdir");
    std::fs::write(secret.path().join("secret.md"), "Secret text.\n").expect("write");
    std::os::unix::fs::symlink(
        secret.path().join("secret.md"),
        t.path().join("doc/adr/README.md"),
    )
    .expect("symlink");
    std::fs::write(t.path().join("doc/adr/index.md"), "The index.\n").expect("write");
    let index = read(build(t.path()).join("index.html"));
    assert!(!index.contains("Secret"), "{index}");
    assert_eq!(intro(&index), Some("<p>The index.</p>\n"));
}

#[test]
fn a_link_in_the_intro_to_a_renamed_adr_goes_to_its_page() {
    let t = repo(&ADRS, true);
    git(
        t.path(),
        &[
            "mv",
            "doc/adr/0002-use-caches.md",
            "doc/adr/0002-use-a-cache.md",
        ],
    );
    git(t.path(), &["commit", "-q", "-m", "rename"]);
    std::fs::write(
        t.path().join("doc/adr/README.md"),
        "Read [caches](0002-use-caches.md).\n",
    )
    .expect("write");
    let index = read(build(t.path()).join("index.html"));
    assert_eq!(
        intro(&index),
        Some("<p>Read <a href=\"adr/0002.html\" rel=\"noopener noreferrer\">caches</a>.</p>\n")
    );
}

#[test]
fn quarters_without_a_decision_are_charted_as_zero() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                &nygard(1, "A", "Accepted", "2022-02-10"),
            ),
            (
                "doc/adr/0002-b.md",
                &nygard(2, "B", "Accepted", "2022-11-03"),
            ),
            (
                "doc/adr/0003-c.md",
                &nygard(3, "C", "Accepted", "2022-12-31"),
            ),
            (
                "doc/adr/0004-d.md",
                &nygard(4, "D", "Accepted", "2023-04-01"),
            ),
        ],
        false,
    );
    let dash = read(build(t.path()).join("dashboard.html"));
    let chart = between(&dash, "<h2>Decisions per quarter</h2>", "</svg>");
    let bars: Vec<(String, String)> = chart
        .split("class=\"l\">")
        .skip(1)
        .map(|b| {
            (
                b.split('<').next().expect("label").to_string(),
                between(b, "class=\"v\">", "<").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("2022-Q1", "1"),
        ("2022-Q2", "0"),
        ("2022-Q3", "0"),
        ("2022-Q4", "2"),
        ("2023-Q1", "0"),
        ("2023-Q2", "1"),
    ]
    .iter()
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .collect();
    assert_eq!(bars, want);
    // An empty quarter draws no bar.
    assert!(
        chart.contains("<text x=\"0\" y=\"39\" class=\"l\">2022-Q2</text><rect x=\"120\" y=\"26\" width=\"0\" height=\"16\" rx=\"3\" class=\"b\"/><text x=\"126\" y=\"39\" class=\"v\">0</text>"),
        "{chart}"
    );
}

#[test]
fn govuk_log_runs_from_0039_down_to_0001_and_steps_over_the_missing_0034() {
    let (t, dir) = clone_corpus("govuk-aws");
    let out = t.path().join("site");
    let r = adrgov(
        &dir,
        &["site", "build", "--out", out.to_str().expect("utf8")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(out.join("adr/0004.html"));
    let ids: Vec<String> = log_list(&page)
        .lines()
        .map(|l| between(l, "<span class=\"num\">", "<").to_string())
        .collect();
    let want: Vec<String> = (1..=39)
        .rev()
        .filter(|&n| n != 34)
        .map(|n| format!("{n:04}"))
        .collect();
    assert_eq!(ids, want);
    assert!(log_list(&page).contains(&log_item(
        "0004",
        "DNS definitions for hosts and services",
        "superseded",
        true
    )));
    let p35 = read(out.join("adr/0035.html"));
    let pager = between(&p35, "<nav class=\"pager\"", "</nav>");
    assert!(
        pager.contains("<a rel=\"prev\" href=\"../adr/0036.html\">"),
        "{pager}"
    );
    assert!(
        pager.contains("<a rel=\"next\" href=\"../adr/0033.html\">"),
        "{pager}"
    );
}
