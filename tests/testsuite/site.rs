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

/// Every `href`/`src` in the generated HTML that is relative must name a file of the site.
fn broken_links(out: &Path) -> Vec<String> {
    let files = snapshot_dir(out);
    let mut broken = Vec::new();
    for (rel, bytes) in &files {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = part.split('"').next().unwrap_or("");
                let url = url.split('#').next().unwrap_or("");
                if url.is_empty() || url.starts_with("mailto:") {
                    continue;
                }
                if url.contains("://") {
                    // Links inside ADR text may point elsewhere; the site's own pages must not load from other hosts.
                    if attr == "src=\""
                        || part.starts_with(url)
                            && html.contains(&format!("<link rel=\"stylesheet\" href=\"{url}"))
                    {
                        broken.push(format!("{}: loads {url}", rel.display()));
                    }
                    continue;
                }
                // Links in ADR text that climb out of the site point at repository files,
                // which the site does not publish.
                let depth = rel.components().count() - 1;
                if url.matches("../").count() > depth {
                    continue;
                }
                let target = rel.parent().unwrap_or(Path::new("")).join(url);
                let norm: std::path::PathBuf =
                    target
                        .components()
                        .fold(std::path::PathBuf::new(), |mut p, c| {
                            match c {
                                std::path::Component::ParentDir => {
                                    p.pop();
                                }
                                std::path::Component::CurDir => {}
                                other => p.push(other),
                            }
                            p
                        });
                if !files.contains_key(&norm) {
                    broken.push(format!("{}: {url}", rel.display()));
                }
            }
        }
    }
    broken
}

#[test]
fn govuk_site_has_every_page_and_no_broken_internal_link() {
    let Some((t, dir)) = clone_corpus("govuk-aws") else {
        return;
    };
    let out = t.path().join("site");
    let r = build(&dir, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("built 40 pages (44 files) in "),
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
    let broken: Vec<String> = broken_links(&out)
        .into_iter()
        .filter(|b| !b.contains(".jpg") && !b.contains(".png"))
        .collect();
    assert_eq!(broken, Vec::<String>::new());
    let adrs: serde_json::Value = serde_json::from_str(&read(out.join("adrs.json"))).expect("json");
    assert_eq!(adrs.as_array().map(Vec::len), Some(38));
}

#[test]
fn builds_are_byte_identical_and_rebuilds_remove_stale_pages() {
    let Some((t, dir)) = clone_corpus("madr") else {
        return;
    };
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
    let Some((t, dir)) = clone_corpus("log4brains") else {
        return;
    };
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
    let Some((t, dir)) = clone_corpus("govuk-aws") else {
        return;
    };
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
