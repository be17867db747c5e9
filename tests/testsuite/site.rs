//! `adrgov site build`: every ADR has a page, links resolve, hostile HTML is neutralized,
//! builds are byte-identical, rebuilds remove stale pages, foreign directories are refused.

use crate::support::*;
use std::collections::BTreeSet;
use std::path::Path;

fn build(dir: &Path, out: &Path) -> Run {
    adrgov(
        dir,
        &["site", "build", "--out", out.to_str().expect("utf8")],
    )
}

/// Internal links that do not resolve and resources loaded from other hosts.
fn broken_links(out: &Path) -> Vec<String> {
    let r = crate::linkcheck::check(&snapshot_dir(out));
    assert!(r.checked > 0 && r.pages > 0);
    r.broken.into_iter().chain(r.requests).collect()
}

#[test]
fn govuk_site_has_every_page_and_no_broken_internal_link() {
    let (t, dir) = clone_corpus("govuk-aws");
    let out = t.path().join("site");
    let r = build(&dir, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("built 44 pages (52 files, 52 written, 0 removed) in "),
        "{}",
        r.stderr
    );
    let index = read(out.join("index.html"));
    for n in 1..=39 {
        if n == 34 {
            continue;
        }
        let id = format!("{n:04}");
        assert!(
            index.contains(&format!("href=\"adr/{id}.html\"")),
            "{id} not on the index"
        );
        assert!(out.join(format!("adr/{id}.html")).is_file());
    }
    let p4 = read(out.join("adr/0004.html"));
    assert!(p4.contains("Replaced. In force today:"), "{p4}");
    assert!(
        p4.contains("<a href=\"../adr/0015.html\">0015 DNS infrastructure</a>"),
        "{p4}"
    );
    // 0015 shows the relation written only on 0004, both ways.
    let p15 = read(out.join("adr/0015.html"));
    assert!(p15.contains("Supersedes <a href=\"../adr/0004.html\">0004 DNS definitions for hosts and services</a>"), "{p15}");
    // Timeline from git.
    assert!(p4.contains("2017-07-14</span> status <span class=\"badge s-superseded\">superseded</span> by Ana Fernandez"), "{p4}");
    // Zero broken internal links (anchors included), zero loads from other hosts — also the
    // image and repository-file links of 0015/0035, which the site does not publish.
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let adrs: serde_json::Value = serde_json::from_str(&read(out.join("adrs.json"))).expect("json");
    assert_eq!(adrs.as_array().map(Vec::len), Some(38));
}

#[test]
fn builds_are_byte_identical_and_rebuilds_remove_stale_pages() {
    let (t, dir) = clone_corpus("madr");
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    assert_eq!(build(&dir, &a).code, 0);
    assert_eq!(build(&dir, &b).code, 0);
    assert_eq!(snapshot_dir(&a), snapshot_dir(&b));
    std::fs::remove_file(dir.join("docs/decisions/0005-use-dashes-in-filenames.md")).expect("rm");
    assert_eq!(build(&dir, &a).code, 0);
    assert!(!a.join("adr/0005.html").exists());
    assert!(a.join("adr/0006.html").exists());
    let names: BTreeSet<String> = snapshot_dir(&a)
        .keys()
        .map(|p| p.display().to_string())
        .collect();
    assert!(!names.iter().any(|n| n.contains("0005")), "{names:?}");
}

#[test]
fn a_foreign_directory_is_refused_and_left_alone() {
    let (t, dir) = clone_corpus("log4brains");
    let out = t.path().join("mine");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("notes.txt"), "keep me\n").expect("write");
    let r = build(&dir, &out);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("is not empty and was not created by adrgov site build"),
        "{}",
        r.stderr
    );
    assert_eq!(read(out.join("notes.txt")), "keep me\n");
    assert_eq!(snapshot_dir(&out).len(), 1);
}

#[test]
fn hostile_adr_renders_without_script() {
    let t = repo(
        &[(
            "doc/adr/0001-hostile.md",
            "# 1. Hostile\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[click me](javascript:alert(2))\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nThe text is still shown.\n",
        )],
        true,
    );
    let out = t.path().join("out");
    assert_eq!(build(t.path(), &out).code, 0);
    let page = read(out.join("adr/0001.html"));
    for bad in [
        "<script>alert",
        "onerror",
        "javascript:",
        "<iframe",
        "evil.example",
    ] {
        assert!(!page.contains(bad), "{bad} survived: {page}");
    }
    assert!(page.contains("The text is still shown."));
    assert!(page.contains("click me"));
}

#[test]
fn images_are_copied_and_headings_linkable() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n![diagram](0001-diagram.png)\n",
            ),
            ("doc/adr/0001-diagram.png", "not really a png"),
        ],
        true,
    );
    let out = t.path().join("out");
    assert_eq!(build(t.path(), &out).code, 0);
    assert_eq!(read(out.join("adr/0001-diagram.png")), "not really a png");
    let page = read(out.join("adr/0001.html"));
    assert!(
        page.contains("<img src=\"0001-diagram.png\" alt=\"diagram\">"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"context\">Context</h2>"), "{page}");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn dashboard_counts_match_the_decisions() {
    let (t, dir) = clone_corpus("govuk-aws");
    let out = t.path().join("site");
    assert_eq!(build(&dir, &out).code, 0);
    let adrs: serde_json::Value = serde_json::from_str(&read(out.join("adrs.json"))).expect("json");
    let mut counts = std::collections::BTreeMap::new();
    for a in adrs.as_array().expect("array") {
        *counts
            .entry(a["status"].as_str().unwrap_or("none").to_string())
            .or_insert(0usize) += 1;
    }
    let dash = read(out.join("dashboard.html"));
    for (status, n) in &counts {
        let bar = format!("class=\"l\">{status}</text>");
        let at = dash
            .find(&bar)
            .unwrap_or_else(|| panic!("no bar for {status}"));
        let value = &dash[at..];
        let v = value
            .split("class=\"v\">")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .expect("value");
        assert_eq!(v, n.to_string(), "{status}");
    }
    // 0010 is the one decision amended (by 0017).
    assert!(dash.contains("<li><a href=\"adr/0010.html\">0010 Terraform directory structure</a> — amended 1 time</li>"), "{dash}");
    // Proposals older than 30 days, as of the latest change in the repository (deterministic).
    assert!(
        dash.contains(
            "0036 Performance-Platform-And-BackDrop-Architecture</a> — proposed since 2019-01-24"
        ),
        "{dash}"
    );
}

#[test]
fn every_corpus_site_links_resolve_and_loads_nothing_from_other_hosts() {
    for name in corpus_names() {
        let (t, dir) = clone_corpus(&name);
        let out = t.path().join("site");
        let r = build(&dir, &out);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert_eq!(broken_links(&out), Vec::<String>::new(), "{name}");
        // Every ADR of adrs.json has its page, and the graph page draws the related ones.
        let adrs: serde_json::Value =
            serde_json::from_str(&read(out.join("adrs.json"))).expect("json");
        for a in adrs.as_array().expect("array") {
            let id = a["id"].as_str().expect("id");
            assert!(out.join(format!("adr/{id}.html")).is_file(), "{name} {id}");
        }
        // One page per ADR, also where two ADRs share an id (dotcom-rendering's two 000s).
        let pages = std::fs::read_dir(out.join("adr"))
            .expect("adr/")
            .filter(|e| {
                e.as_ref()
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".html")
            })
            .count();
        assert_eq!(pages, adrs.as_array().expect("array").len(), "{name}");
    }
}

fn madr(n: u32, title: &str, status: &str, date: &str, tags: &str, extra: &str) -> String {
    format!(
        "---\nstatus: {status}\ndate: {date}\ntags: [{tags}]\ndecision-makers: [Ada]\n---\n\n# {title}\n\n## Context and Problem Statement\n\nADR {n} text.{extra}\n\n## Decision Outcome\n\nChosen.\n"
    )
}

#[test]
fn tag_pages_timeline_graph_and_feed() {
    let files = [
        (
            "docs/decisions/0001-use-postgres.md",
            madr(1, "Use Postgres", "superseded", "2021-03-01", "storage, ops", "\n\nSuperseded by [0003](0003-use-cockroach.md). See [the schema](../../db/schema.sql) and [outside](../../../../etc/passwd)."),
        ),
        (
            "docs/decisions/0002-use-kafka.md",
            madr(2, "Use Kafka", "accepted", "2022-07-15", "messaging", ""),
        ),
        (
            "docs/decisions/0003-use-cockroach.md",
            madr(3, "Use CockroachDB", "accepted", "2023-01-10", "storage", "\n\nSupersedes [0001](0001-use-postgres.md)."),
        ),
        (
            "adrgov.toml",
            "[adr]\ndir = \"docs/decisions\"\n\n[site]\ntitle = \"Acme decisions\"\nrepo-url = \"https://git.example/acme/blob/main\"\n".to_string(),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, c)| (*p, c.as_str())).collect();
    let t = repo(&refs, true);
    let out = t.path().join("out");
    let r = adrgov(
        t.path(),
        &[
            "site",
            "build",
            "--out",
            out.to_str().expect("utf8"),
            "--base-url",
            "https://example.org/adr",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(broken_links(&out), Vec::<String>::new());
    // Tag pages: one per tag, listing exactly its decisions.
    let tags = read(out.join("tags/index.html"));
    assert!(tags.contains("<li><a href=\"../tags/messaging.html\">messaging</a> <span class=\"count\">1</span></li>"), "{tags}");
    assert!(
        tags.contains(
            "<li><a href=\"../tags/storage.html\">storage</a> <span class=\"count\">2</span></li>"
        ),
        "{tags}"
    );
    let storage = read(out.join("tags/storage.html"));
    let listed: Vec<&str> = storage.matches("<li><a href=\"../adr/").collect();
    assert_eq!(listed.len(), 2);
    assert!(storage.contains("0001 Use Postgres") && storage.contains("0003 Use CockroachDB"));
    assert!(!storage.contains("Kafka"));
    // Timeline: newest year first.
    let tl = read(out.join("timeline.html"));
    let (y23, y22, y21) = (
        tl.find("id=\"y-2023\"").expect("2023"),
        tl.find("id=\"y-2022\"").expect("2022"),
        tl.find("id=\"y-2021\"").expect("2021"),
    );
    assert!(y23 < y22 && y22 < y21);
    // Graph: every decision is a clickable node.
    let graph = read(out.join("graph.html"));
    assert!(
        graph.contains("<a href=\"adr/0001.html\" class=\"node s-superseded\">"),
        "{graph}"
    );
    assert!(
        graph.contains("<a href=\"adr/0003.html\" class=\"node s-accepted\">"),
        "{graph}"
    );
    // Kafka (unrelated) is drawn after the related ones.
    let (n1, n2, n3) = (
        graph
            .find("href=\"adr/0001.html\" class=\"node")
            .expect("0001"),
        graph
            .find("href=\"adr/0002.html\" class=\"node")
            .expect("0002"),
        graph
            .find("href=\"adr/0003.html\" class=\"node")
            .expect("0003"),
    );
    assert!(n1 < n3 && n3 < n2);
    assert!(graph.contains("2 of 3 decisions are related"));
    // Each related ADR page draws its neighbourhood, itself highlighted.
    let p1 = read(out.join("adr/0001.html"));
    assert!(
        p1.contains("<a href=\"../adr/0001.html\" class=\"node s-superseded me\">"),
        "{p1}"
    );
    // Links to repository files go to repo-url; links out of the repository are dropped.
    assert!(p1.contains("<a href=\"https://git.example/acme/blob/main/db/schema.sql\" rel=\"noopener noreferrer\">the schema</a>"), "{p1}");
    assert!(p1.contains(" and outside."), "{p1}");
    // Atom feed: absolute links under --base-url, newest change first.
    let feed = read(out.join("feed.xml"));
    assert!(
        feed.contains("<link rel=\"self\" href=\"https://example.org/adr/feed.xml\"/>"),
        "{feed}"
    );
    let ids: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            e.split("<id>")
                .nth(1)
                .and_then(|s| s.split('<').next())
                .expect("id")
        })
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter()
            .all(|i| i.starts_with("https://example.org/adr/adr/")),
        "{ids:?}"
    );
    assert!(feed.contains("<category term=\"storage\"/>"));
    // Search index: every decision, with its body text and people.
    let idx = read(out.join("assets/search-index.js"));
    let json: serde_json::Value = serde_json::from_str(
        idx.trim_start_matches("window.ADRGOV_SEARCH = ")
            .trim_end()
            .trim_end_matches(';'),
    )
    .expect("index json");
    let docs = json.as_array().expect("array");
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["t"], "Use Kafka");
    // Decision makers and git authors (the fixture's commits are by "Test").
    assert_eq!(docs[1]["p"], serde_json::json!(["Ada", "Test"]));
    assert!(
        docs[1]["b"]
            .as_str()
            .expect("b")
            .contains("ADR 2 text. Decision Outcome Chosen.")
    );
}

#[test]
fn template_and_asset_overrides_and_paths_outside_the_repository() {
    let adr = "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n";
    let t = repo(
        &[
            ("doc/adr/0001-use-x.md", adr),
            ("adrgov.toml", "[site]\ntemplates = \"theme\"\n"),
            (
                "theme/adr.html",
                "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ adr.title }}</p>{% endblock main %}",
            ),
            ("theme/style.css", "body { color: teal }\n"),
        ],
        true,
    );
    let root = t.path().join("repo");
    std::fs::create_dir_all(&root).expect("mkdir");
    for entry in ["doc", "adrgov.toml", "theme", ".git"] {
        std::fs::rename(t.path().join(entry), root.join(entry)).expect("move");
    }
    let out = root.join("out");
    let r = build(&root, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(out.join("adr/0001.html"))
            .split("<main id=\"main\">")
            .nth(1)
            .and_then(|m| m.split("</main>").next()),
        Some("\n<p class=\"custom\">Use X</p>\n")
    );
    assert_eq!(read(out.join("assets/style.css")), "body { color: teal }\n");
    assert!(read(out.join("index.html")).contains("id=\"adrs\""));

    // A broken override: a clear message, and the last good site is left as it was.
    let before = snapshot_dir(&out);
    std::fs::write(root.join("theme/index.html"), "{% if %}").expect("write");
    let r = build(&root, &out);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("site template") && r.stderr.contains("index.html"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot_dir(&out), before);
    std::fs::remove_file(root.join("theme/index.html")).expect("rm");

    // The configuration may not send the site, or read templates, outside the repository.
    for (key, value) in [
        ("out", "../elsewhere"),
        ("templates", "/etc"),
        ("out", "a/../../x"),
    ] {
        std::fs::write(
            root.join("adrgov.toml"),
            format!("[site]\n{key} = \"{value}\"\n"),
        )
        .expect("write");
        let r = build(&root, &t.path().join("explicit"));
        assert_eq!(r.code, 2, "{key} = {value}");
        assert_eq!(
            r.stderr.trim_end(),
            format!(
                "error: {}:2: key `site.{key}`: \"{value}\" is outside the repository; adrgov reads and writes the site only inside it (set `site.allow-outside-repo = true` to allow, or pass --out)",
                root.join("adrgov.toml").display()
            )
        );
    }
    assert!(!t.path().join("elsewhere").exists() && !t.path().join("explicit").exists());
    // Unless explicitly allowed.
    std::fs::write(
        root.join("adrgov.toml"),
        "[site]\nout = \"../elsewhere\"\nallow-outside-repo = true\n",
    )
    .expect("write");
    let r = adrgov(&root, &["site", "build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.path().join("elsewhere/index.html").is_file());

    // A template override that is a link out of the repository is not read.
    #[cfg(unix)]
    {
        std::fs::write(t.path().join("secret.css"), "secret\n").expect("write");
        std::fs::remove_file(root.join("theme/style.css")).expect("rm");
        std::os::unix::fs::symlink(t.path().join("secret.css"), root.join("theme/style.css"))
            .expect("symlink");
        std::fs::write(root.join("adrgov.toml"), "[site]\ntemplates = \"theme\"\n").expect("write");
        let r = build(&root, &out);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("theme/style.css: links outside the repository; not read"),
            "{}",
            r.stderr
        );
        assert_eq!(read(out.join("assets/style.css")), "body { color: teal }\n");
    }
}
