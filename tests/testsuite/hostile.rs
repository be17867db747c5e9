//! Hostile repositories: nothing crashes, every problem names its file, the rest goes on, and
//! nothing an ADR says can attack a reader of the site.

use crate::support::*;
use std::fmt::Write as _;
use std::path::Path;

fn nygard(n: u32, title: &str, status: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n\n## Context\n\nContext of {n}.\n\n## Decision\n\nDecided.\n\n## Consequences\n\nSome.\n"
    )
}

/// `adrgov site build` into `DIR/site`: the run and the output directory.
fn site_build(dir: &Path, no_history: bool) -> (Run, std::path::PathBuf) {
    let out = dir.join("site");
    let mut args = vec!["site", "build", "--out", out.to_str().expect("utf8")];
    if no_history {
        args.push("--no-history");
    }
    (adrgov(dir, &args), out)
}

fn write(root: &Path, rel: &str, content: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, content).expect("write");
}

#[test]
fn a_50_mb_adr_is_reported_and_the_rest_goes_on() {
    let t = repo(
        &[("doc/adr/0001-small.md", &nygard(1, "Small", "Accepted"))],
        false,
    );
    let mut huge = nygard(2, "Huge", "Accepted");
    let line = "All work and no play makes Jack a dull boy. ".repeat(20) + "\n";
    while huge.len() < 50 * 1024 * 1024 {
        huge.push_str(&line);
    }
    write(t.path(), "doc/adr/0002-huge.md", huge.as_bytes());
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(
        r.stderr.lines().next(),
        Some(
            "warning: doc/adr/0002-huge.md: file is 50 MB, larger than the 8 MB an ADR may be; skipped"
        )
    );
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let findings: Vec<(String, String)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        vec![(
            "unreadable-file".to_string(),
            "doc/adr/0002-huge.md".to_string()
        )]
    );
    let (r, out) = site_build(t.path(), true);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("adr/0001.html").is_file() && !out.join("adr/0002.html").exists());
}

#[test]
fn ten_thousand_adrs_in_one_directory_as_a_10000_deep_supersession_chain() {
    const N: u32 = 10_000;
    let t = tempfile::tempdir().expect("tempdir");
    for n in 1..=N {
        let mut s = format!("# {n}. Decision {n}\n\nDate: 2020-01-01\n\n## Status\n\n");
        if n < N {
            let _ = writeln!(
                s,
                "Superseded by [{}. Decision {}]({:05}-decision-{}.md)\n",
                n + 1,
                n + 1,
                n + 1,
                n + 1
            );
        } else {
            s.push_str("Accepted\n\n");
        }
        if n > 1 {
            let _ = writeln!(
                s,
                "Supersedes [{}. Decision {}]({:05}-decision-{}.md)\n",
                n - 1,
                n - 1,
                n - 1,
                n - 1
            );
        }
        s.push_str("## Context\n\nA long line of decisions.\n\n## Decision\n\nThis one.\n\n## Consequences\n\nThe next.\n");
        write(
            t.path(),
            &format!("doc/adr/{n:05}-decision-{n}.md"),
            s.as_bytes(),
        );
    }
    // The oldest names the newest as the decision in force (no recursion to overflow).
    let r = adrgov(t.path(), &["show", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("in force now")
                && l.ends_with("10000 Decision 10000")),
        "{}",
        r.stdout
    );
    // Every relation is consistent: nothing to report.
    let r = adrgov(t.path(), &["check", "--no-history"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = adrgov(t.path(), &["graph", "--format", "dot"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches(" -> ").count(), (N - 1) as usize);
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(N as usize));
    let (r, out) = site_build(t.path(), true);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p1 = read(out.join("adr/00001.html"));
    assert!(
        p1.contains("In force today:\n    <a href=\"../adr/10000.html\">10000 Decision 10000</a>"),
        "{}",
        &p1[..p1.len().min(3000)]
    );
}

#[test]
fn a_supersession_cycle_is_reported_not_followed_forever() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n\nSupersedes [2. B](0002-b.md)\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [1. A](0001-a.md)\n\nSupersedes [1. A](0001-a.md)\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"rule\": \"supersession-cycle\""),
        "{}",
        r.stdout
    );
    let r = adrgov(t.path(), &["show", "1"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("none (supersession cycle)"),
        "{}",
        r.stdout
    );
    let (r, _) = site_build(t.path(), true);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn odd_file_names_crlf_and_a_byte_order_mark() {
    let bom_crlf = "\u{feff}# 3. Café, résumé\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nProposed\r\n\r\n## Context\r\n\r\nSee [the first](0001-use%20space.md) and [C#](<0002-c#-and-f#.md>).\r\n";
    let t = repo(
        &[
            (
                "doc/adr/0001-use space.md",
                &nygard(1, "Use space", "Accepted"),
            ),
            (
                "doc/adr/0002-c#-and-f#.md",
                &nygard(2, "C# and F#", "Accepted"),
            ),
            ("doc/adr/0003-café-résumé.md", bom_crlf),
        ],
        true,
    );
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let titles: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles, ["Use space", "C# and F#", "Café, résumé"]);
    // A surgical edit keeps the BOM and CRLF, and changes one line.
    let r = adrgov(t.path(), &["accept", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = read(t.path().join("doc/adr/0003-café-résumé.md"));
    assert_eq!(after, bom_crlf.replace("Proposed\r\n", "Accepted\r\n"));
    // The site has a page for each, and the links between them resolve.
    let (r, out) = site_build(t.path(), false);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = snapshot_dir(&out);
    let report = crate::linkcheck::check(&files);
    assert_eq!(report.broken, Vec::<String>::new());
    assert_eq!(report.requests, Vec::<String>::new());
    let p3 = read(out.join("adr/0003.html"));
    assert!(
        p3.contains("<a href=\"0001.html\" rel=\"noopener noreferrer\">the first</a>"),
        "{p3}"
    );
    assert!(
        p3.contains("<a href=\"0002.html\" rel=\"noopener noreferrer\">C#</a>"),
        "{p3}"
    );
}

#[test]
fn hostile_titles_tags_and_names_are_escaped_everywhere() {
    let t = repo(
        &[
            (
                "docs/decisions/0001-evil.md",
                "---\nstatus: accepted\ndate: 2020-01-01\ntags: [\"<img src=x onerror=alert(1)>\"]\ndecision-makers: [\"<script>alert(2)</script>\"]\n---\n\n# <script>alert(3)</script> Evil\n\n## Context and Problem Statement\n\n<a href=\"javascript:alert(4)\">x</a> <iframe src=\"https://evil.example/\"></iframe> <img src=\"https://evil.example/pixel.gif\" onerror=\"alert(5)\">\n\n[link](javascript:alert(6))\n\nVisible text.\n",
            ),
            (
                "docs/decisions/0002-good.md",
                "---\nstatus: accepted\ndate: 2020-01-02\n---\n\n# Good\n\nAmends [evil](0001-evil.md).\n",
            ),
        ],
        true,
    );
    let (r, out) = site_build(t.path(), false);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (rel, bytes) in snapshot_dir(&out) {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "xml") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        // Escaped text may say anything; no element or attribute may carry it.
        for tag in text
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_ascii_lowercase();
            let ours = tag == "/script"
                || tag.starts_with("script src=\"")
                    && ["theme.js", "search.js", "nav.js"]
                        .iter()
                        .any(|js| tag.ends_with(&format!("assets/{js}\"")));
            assert!(
                !matches!(name.as_str(), "script" | "iframe" | "object" | "embed") || ours,
                "<{tag}> in {}",
                rel.display()
            );
        }
        for a in crate::linkcheck::attrs(&text) {
            assert!(
                !a.name.starts_with("on"),
                "{}={} in {}",
                a.name,
                a.value,
                rel.display()
            );
            if matches!(a.name.as_str(), "href" | "src") {
                let v = a.value.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:") && !v.contains("evil.example"),
                    "{}={} in {}",
                    a.name,
                    a.value,
                    rel.display()
                );
            }
        }
    }
    assert!(read(out.join("adr/0001.html")).contains("Visible text."));
    assert!(
        read(out.join("index.html")).contains("&lt;script&gt;alert(3)&lt;&#x2F;script&gt; Evil")
    );
    // In the search index the same text is data (read with textContent), as JSON strings.
    let idx = read(out.join("assets/search-index.js"));
    assert!(
        idx.contains("\"t\":\"<script>alert(3)</script> Evil\""),
        "{idx}"
    );
}
