//! A link checker for a generated site: every internal link (and `#anchor`) resolves to a file
//! of the site, and nothing the site loads (scripts, styles, images, fonts, CSS `url()`)
//! comes from another host.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// What the checker found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Internal links whose file or anchor does not exist: `page: url`.
    pub broken: Vec<String>,
    /// Resources loaded from another host: `page: url`.
    pub requests: Vec<String>,
    /// Internal links checked.
    pub checked: usize,
    /// Pages walked (HTML and the feed).
    pub pages: usize,
}

/// One attribute of one tag.
pub(crate) struct Attr {
    /// The tag's name.
    pub tag: String,
    /// The attribute's name, lower case.
    pub name: String,
    /// Its value, entities decoded.
    pub value: String,
    /// The tag's `rel`.
    pub rel: String,
}

fn decode(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Every attribute of every tag in `html` (a plain scanner: the site's own HTML is regular).
pub(crate) fn attrs(html: &str) -> Vec<Attr> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if rest.starts_with('!') || rest.starts_with('/') || rest.starts_with('?') {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let tag = inner[..name_end].to_ascii_lowercase();
        let mut found = Vec::new();
        let mut s = &inner[name_end..];
        while let Some(eq) = s.find('=') {
            let name = s[..eq]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let after = &s[eq + 1..];
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let v = &after[1..];
                    let close = v.find(q).unwrap_or(v.len());
                    (&v[..close], &v[(close + 1).min(v.len())..])
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            found.push((name, decode(value)));
            s = next;
        }
        let rel = found
            .iter()
            .find(|(n, _)| n == "rel")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        for (name, value) in found {
            out.push(Attr {
                tag: tag.clone(),
                name,
                value,
                rel: rel.clone(),
            });
        }
        rest = &rest[end.min(rest.len())..];
    }
    out
}

fn external(url: &str) -> bool {
    url.starts_with("//") || url.contains("://")
}

fn normalize(p: &Path) -> PathBuf {
    p.components().fold(PathBuf::new(), |mut acc, c| {
        match c {
            Component::ParentDir => {
                acc.pop();
            }
            Component::CurDir => {}
            other => acc.push(other),
        }
        acc
    })
}

/// Walks every page of the site in `files` (relative path → bytes).
pub(crate) fn check(files: &BTreeMap<PathBuf, Vec<u8>>) -> Report {
    let mut r = Report::default();
    // Anchors of every HTML page.
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (rel, bytes) in files {
        if rel.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8_lossy(bytes);
            let set = attrs(&html)
                .into_iter()
                .filter(|a| a.name == "id" || a.tag == "a" && a.name == "name")
                .map(|a| a.value)
                .collect();
            ids.insert(rel.clone(), set);
        }
    }
    for (rel, bytes) in files {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = String::from_utf8_lossy(bytes);
        match ext {
            "css" => {
                for part in text
                    .split("url(")
                    .skip(1)
                    .chain(text.split("@import").skip(1))
                {
                    let u = part
                        .trim_start()
                        .trim_start_matches(['"', '\''])
                        .split(['"', '\'', ')', ';'])
                        .next()
                        .unwrap_or("");
                    if external(u) {
                        r.requests.push(format!("{}: {u}", rel.display()));
                    }
                }
                continue;
            }
            "js" if !rel.ends_with("search-index.js") => {
                for needle in ["http://", "https://", "fetch(", "XMLHttpRequest", "import("] {
                    if text.contains(needle) {
                        r.requests.push(format!("{}: uses {needle}", rel.display()));
                    }
                }
                continue;
            }
            "html" | "xml" => {}
            _ => continue,
        }
        r.pages += 1;
        for a in attrs(&text) {
            let loads = matches!(a.name.as_str(), "src" | "srcset" | "poster" | "data")
                || a.tag == "link" && a.name == "href" && ext == "html"
                || a.name == "action";
            let links = a.name == "href";
            if !loads && !links {
                continue;
            }
            let url = a.value.trim();
            // `data:` is inline (no request); `mailto:` is not fetched.
            if url.is_empty() || url.starts_with("mailto:") || url.starts_with("data:") {
                continue;
            }
            if external(url) || url.starts_with("javascript:") {
                if loads && !(a.tag == "link" && a.rel == "alternate" && !url.contains("://")) {
                    r.requests
                        .push(format!("{}: <{} {}={url}>", rel.display(), a.tag, a.name));
                }
                continue;
            }
            r.checked += 1;
            let (file, anchor) = match url.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (url, None),
            };
            let file = file.split('?').next().unwrap_or(file);
            let target = if file.is_empty() {
                rel.clone()
            } else {
                normalize(&rel.parent().unwrap_or(Path::new("")).join(file))
            };
            if !files.contains_key(&target) {
                r.broken.push(format!("{}: {url}", rel.display()));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty())
                && target.extension().is_some_and(|e| e == "html")
                && !ids.get(&target).is_some_and(|s| s.contains(anchor))
            {
                r.broken
                    .push(format!("{}: {url} (no such anchor)", rel.display()));
            }
        }
    }
    r
}

#[test]
fn the_checker_finds_what_it_should() {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("index.html"),
        br#"<link rel="stylesheet" href="https://cdn.example/x.css"><a href="adr/1.html#ok">1</a> <a href="adr/2.html">2</a> <a href="adr/1.html#gone">x</a><img src="//evil.example/p.gif"><a href="https://elsewhere.example/">fine</a>"#.to_vec(),
    );
    files.insert(
        PathBuf::from("adr/1.html"),
        br#"<h2 id="ok">ok</h2><a href="../index.html">up</a>"#.to_vec(),
    );
    files.insert(
        PathBuf::from("assets/a.css"),
        b"body { background: url(https://evil.example/bg.png) }".to_vec(),
    );
    let r = check(&files);
    assert_eq!(
        r.broken,
        vec![
            "index.html: adr/2.html",
            "index.html: adr/1.html#gone (no such anchor)"
        ]
    );
    assert_eq!(
        r.requests,
        vec![
            "assets/a.css: https://evil.example/bg.png",
            "index.html: <link href=https://cdn.example/x.css>",
            "index.html: <img src=//evil.example/p.gif>",
        ]
    );
    assert_eq!((r.checked, r.pages), (4, 2));
}
