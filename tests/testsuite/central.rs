//! Many repositories, one site: `adrgov export` (a repository's decisions as one JSON file) and
//! reading it back.

use crate::support::*;
use std::path::{Path, PathBuf};

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn nygard(n: u32, title: &str, status: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-0{n}-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
    )
}

/// A repository called `payments` (inside a temp dir) with two ADRs over three dated commits,
/// its `origin` on GitHub by ssh.
fn payments() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("payments");
    std::fs::create_dir_all(&root).expect("mkdir");
    git(&root, &["init", "-q", "-b", "main"]);
    git(
        &root,
        &[
            "remote",
            "add",
            "origin",
            "git@github.com:acme/payments.git",
        ],
    );
    write(
        &root,
        "docs/adr/0001-record-architecture-decisions.md",
        &nygard(1, "Record architecture decisions", "Accepted"),
    );
    commit_at(&root, "2024-01-01", "ADR 1");
    write(
        &root,
        "docs/adr/0002-use-postgresql.md",
        &nygard(2, "Use PostgreSQL", "Proposed"),
    );
    commit_at(&root, "2024-02-01", "ADR 2");
    write(
        &root,
        "docs/adr/0002-use-postgresql.md",
        &nygard(2, "Use PostgreSQL", "Accepted"),
    );
    commit_at(&root, "2024-02-15", "accept ADR 2");
    (tmp, root)
}

#[test]
fn export_of_a_small_repository() {
    let (_tmp, root) = payments();
    let r = adrgov(&root, &["export"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    insta::assert_snapshot!("export_payments", r.stdout);

    // Per ADR: exactly `list --format json`'s object, the file's text and `history`'s events,
    // each time (`created`, `updated`, every event) also to the second with its offset.
    let export: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&adrgov(&root, &["list", "--format", "json"]).stdout).unwrap();
    let adrs = export["adrs"].as_array().unwrap();
    assert_eq!(adrs.len(), 2);
    let times = |adr: &serde_json::Value| -> Vec<String> {
        let mut t = vec![
            adr["created"]["time"].clone(),
            adr["updated"]["time"].clone(),
        ];
        t.extend(
            adr["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["time"].clone()),
        );
        t.iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(times(&adrs[0]), ["2024-01-01T12:00:00+00:00"; 3]);
    assert_eq!(
        times(&adrs[1]),
        [
            "2024-02-01T12:00:00+00:00",
            "2024-02-15T12:00:00+00:00",
            "2024-02-01T12:00:00+00:00",
            "2024-02-15T12:00:00+00:00"
        ]
    );
    let untimed = |v: &mut serde_json::Value| {
        if let Some(o) = v.as_object_mut() {
            o.remove("time");
        }
    };
    for (i, adr) in adrs.iter().enumerate() {
        let mut view = adr.as_object().unwrap().clone();
        let markdown = view.remove("markdown").unwrap();
        let mut events = view.remove("events").unwrap();
        for e in events.as_array_mut().unwrap() {
            untimed(e);
        }
        for k in ["created", "updated"] {
            untimed(view.get_mut(k).unwrap());
        }
        assert_eq!(serde_json::Value::Object(view.clone()), list[i]);
        let keys: Vec<&String> = view.keys().collect();
        let list_keys: Vec<&String> = list[i].as_object().unwrap().keys().collect();
        assert_eq!(keys, list_keys);
        let path = adr["path"].as_str().unwrap();
        assert_eq!(markdown.as_str().unwrap(), read(root.join(path)));
        let id = adr["id"].as_str().unwrap();
        let history: serde_json::Value =
            serde_json::from_str(&adrgov(&root, &["history", id, "--format", "json"]).stdout)
                .unwrap();
        assert_eq!(events, history["events"]);
    }
}

#[test]
fn export_is_deterministic_and_reads_back() {
    let (tmp, root) = payments();
    let first = adrgov(&root, &["export"]);
    let second = adrgov(&root, &["export", "--no-cache"]);
    assert_eq!(first.code, 0);
    assert_eq!(first.stdout, second.stdout);

    let out = tmp.path().join("out/payments.json");
    let r = adrgov(
        &root,
        &[
            "export",
            "--out",
            out.to_str().unwrap(),
            "--name",
            "billing",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!("exported 2 ADRs of billing to {}\n", out.display())
    );
    let back = adrgov::export::Export::read(&out).unwrap();
    assert_eq!(back.repository.name, "billing");
    assert_eq!(
        back.repository.url.as_deref(),
        Some("https://github.com/acme/payments")
    );
    assert_eq!(back.to_json().unwrap(), read(&out));
    assert_eq!(
        read(&out),
        first
            .stdout
            .replacen("\"name\": \"payments\"", "\"name\": \"billing\"", 1)
    );
    let ids: Vec<&str> = back.adrs.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["0001", "0002"]);
    assert_eq!(back.adrs[1].events.len(), 2);
    assert_eq!(back.adrs[1].events[1].status.as_deref(), Some("accepted"));
}

#[test]
fn export_url_from_repo_url_and_none_without_a_remote() {
    let (_tmp, root) = payments();
    git(&root, &["remote", "remove", "origin"]);
    let r = adrgov(&root, &["export"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["repository"],
        serde_json::json!({"name": "payments", "url": null})
    );
    write(
        &root,
        "adrgov.toml",
        "[adr]\ndir = \"docs/adr\"\n\n[site]\nrepo-url = \"https://gitlab.example.org/team/payments/\"\n",
    );
    let r = adrgov(&root, &["export"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["repository"],
        serde_json::json!({"name": "payments", "url": "https://gitlab.example.org/team/payments"})
    );
}

#[test]
fn export_read_refuses_what_is_not_an_export() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("x.json");
    std::fs::write(&p, "{\"format\": \"adrgov-export\", \"version\": 2}").unwrap();
    assert_eq!(
        adrgov::export::Export::read(&p).unwrap_err().to_string(),
        format!(
            "{}: export format version 2 is not known to this adrgov (it reads version 1); export it again with this adrgov, or upgrade adrgov",
            p.display()
        )
    );
    let missing = tmp.path().join("nope.json");
    assert_eq!(
        adrgov::export::Export::read(&missing)
            .unwrap_err()
            .to_string(),
        format!(
            "{}: No such file or directory (os error 2)",
            missing.display()
        )
    );
}

/// `adrgov.toml` of a central site at `dir` listing `entries` (path, optional name).
fn central_config(dir: &Path, entries: &[(&str, Option<&str>)]) {
    let mut t = String::from("[site]\ntitle = \"All decisions\"\n");
    for (p, n) in entries {
        t.push_str(&format!("\n[[site.repositories]]\npath = \"{p}\"\n"));
        if let Some(n) = n {
            t.push_str(&format!("name = \"{n}\"\n"));
        }
    }
    write(dir, "adrgov.toml", &t);
}

fn json(p: impl AsRef<Path>) -> serde_json::Value {
    serde_json::from_str(&read(p)).unwrap()
}

#[test]
fn three_corpora_exported_and_built_into_one_site() {
    let tmp = tempfile::tempdir().unwrap();
    let mut keep = Vec::new();
    let mut expected: Vec<(String, String, String)> = Vec::new();
    for name in ["madr", "govuk-aws", "arachne"] {
        let (t, dir) = clone_corpus(name);
        let out = tmp.path().join(format!("exports/{name}.json"));
        let r = adrgov(&dir, &["export", "--out", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let list = json_of(&adrgov(&dir, &["list", "--format", "json"]).stdout);
        for a in list.as_array().unwrap() {
            expected.push((
                name.to_string(),
                a["id"].as_str().unwrap().to_string(),
                a["path"].as_str().unwrap().to_string(),
            ));
        }
        keep.push(t);
    }
    let central = tmp.path().join("central");
    central_config(
        &central,
        &[
            ("../exports/madr.json", None),
            ("../exports/govuk-aws.json", None),
            ("../exports/arachne.json", None),
        ],
    );
    let r = adrgov(&central, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("built 89 pages of 3 repositories (97 files, 97 written, 0 removed) in "),
        "{}",
        r.stderr
    );
    let site = central.join("site");
    // A dashboard, a page of decisions and a graph per repository beside the overall ones
    // (the nine extra pages).
    for repo in ["arachne", "govuk-aws", "madr"] {
        let d = std::fs::read_to_string(site.join(format!("dashboard/{repo}.html")))
            .expect("a repository's dashboard");
        assert!(d.contains(&format!("<h1>Governance dashboard: {repo}</h1>")));
    }
    // adrs.json: every ADR of every repository, with its repository, id and own path.
    let adrs = json(site.join("adrs.json"));
    let mut got: Vec<(String, String, String)> = adrs
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["repository"].as_str().unwrap().to_string(),
                a["id"].as_str().unwrap().to_string(),
                a["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(r, id, p)| (r.clone(), format!("{r}/{id}"), p.clone()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got.len(), 19 + 38 + 17);
    assert_eq!(got, want);
    // Every ADR has its page, titled with its title.
    for a in adrs.as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        let page = site.join(format!("adr/{}.html", id.replace(['/', '.'], "_")));
        let html = read(&page);
        let title = a["title"].as_str().unwrap_or(id);
        let title = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(
            html.contains(&format!("{title}</h1>")),
            "{id}: {}",
            page.display()
        );
    }
    // The repository facet counts each repository's decisions.
    let index = read(site.join("index.html"));
    assert!(index.contains(
        "<select id=\"repository\">\n      <option value=\"\">any</option>\n      <option value=\"arachne\">arachne (17)</option><option value=\"govuk-aws\">govuk-aws (38)</option><option value=\"madr\">madr (19)</option>\n    </select>"
    ), "{index}");
    assert_eq!(index.matches("data-repository=\"govuk-aws\"").count(), 38);
    assert_eq!(index.matches("data-repository=\"madr\"").count(), 19);
    assert_eq!(index.matches("data-repository=\"arachne\"").count(), 17);
    // Search covers every repository.
    let search = read(site.join("assets/search-index.js"));
    assert_eq!(search.matches("\"u\":\"adr/").count(), 74);
    // The log beside a page lists its own repository's decisions.
    let page = read(site.join("adr/arachne_001.html"));
    for n in 1..=17 {
        assert!(
            page.contains(&format!("href=\"../adr/arachne_{n:03}.html\"")),
            "{n}"
        );
    }
    assert!(!page.contains("href=\"../adr/madr_"));
    let report = crate::linkcheck::check(&snapshot_dir(&site));
    assert_eq!(report.broken, Vec::<String>::new());
    assert!(report.checked > 1000, "{}", report.checked);

    // The same repositories read from their working trees give the same decisions.
    let direct = tmp.path().join("direct");
    let dirs: Vec<String> = keep
        .iter()
        .zip(["madr", "govuk-aws", "arachne"])
        .map(|(t, n)| t.path().join(n).to_str().unwrap().to_string())
        .collect();
    central_config(
        &direct,
        &[(&dirs[0], None), (&dirs[1], None), (&dirs[2], None)],
    );
    let r = adrgov(&direct, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(direct.join("site/adrs.json")),
        read(site.join("adrs.json"))
    );
}

fn json_of(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

/// A git repository `name` in `parent` with `files`, committed on 2024-03-01, its `origin`
/// at `remote`.
fn repo_named(parent: &Path, name: &str, remote: &str, files: &[(&str, String)]) -> PathBuf {
    let root = parent.join(name);
    std::fs::create_dir_all(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["remote", "add", "origin", remote]);
    for (p, t) in files {
        write(&root, p, t);
    }
    commit_at(&root, "2024-03-01", "ADRs");
    root
}

fn adr_text(n: u32, title: &str, status: &str, context: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-03-01\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
    )
}

/// `platform` (on GitLab, read from its working tree) and `payments` (on GitHub, read from
/// its export): payments' ADR 2 supersedes platform's ADR 1 by absolute URL, both ways.
pub(crate) fn platform_and_payments(tmp: &Path) -> PathBuf {
    repo_named(
        tmp,
        "platform",
        "https://gitlab.com/acme/platform.git",
        &[
            (
                "docs/adr/0001-use-mysql.md",
                adr_text(
                    1,
                    "Use MySQL",
                    "Superseded by [2. Use PostgreSQL](https://github.com/acme/payments/blob/main/docs/adr/0002-use-postgresql.md)",
                    "c",
                ),
            ),
            (
                "docs/adr/0002-use-kafka.md",
                adr_text(2, "Use Kafka", "Accepted", "c"),
            ),
        ],
    );
    let payments = repo_named(
        tmp,
        "payments",
        "git@github.com:acme/payments.git",
        &[
            (
                "docs/adr/0001-record-architecture-decisions.md",
                adr_text(1, "Record architecture decisions", "Accepted", "c"),
            ),
            (
                "docs/adr/0002-use-postgresql.md",
                adr_text(
                    2,
                    "Use PostgreSQL",
                    "Accepted\n\nSupersedes [1. Use MySQL](https://gitlab.com/acme/platform/-/blob/main/docs/adr/0001-use-mysql.md)",
                    "We follow [the platform's decision](https://gitlab.com/acme/platform/-/blob/main/docs/adr/0001-use-mysql.md) and [ours](0001-record-architecture-decisions.md).",
                ),
            ),
        ],
    );
    let r = adrgov(&payments, &["export", "--out", "../payments.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let central = tmp.join("central");
    central_config(
        &central,
        &[("../platform", None), ("../payments.json", None)],
    );
    central
}

#[test]
fn a_supersession_across_repositories_shows_in_force() {
    let tmp = tempfile::tempdir().unwrap();
    let central = platform_and_payments(tmp.path());
    let r = adrgov(&central, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = central.join("site");
    assert_platform_0001_replaced_by_payments_0002(&site);
    let new = read(site.join("adr/payments_0002.html"));
    assert!(!new.contains("class=\"in-force\""));
    assert!(new.contains(
        "<li>Supersedes <a href=\"../adr/platform_0001.html\">platform&#x2F;0001 Use MySQL</a> <span class=\"badge s-superseded\">superseded</span></li>"
    ), "{new}");
    // Links in the text go to the other repository's page, and to this one's.
    assert!(new.contains(
        "<p>We follow <a href=\"platform_0001.html\" rel=\"noopener noreferrer\">the platform's decision</a> and <a href=\"payments_0001.html\" rel=\"noopener noreferrer\">ours</a>.</p>"
    ), "{new}");
    // The log beside a page is its repository's.
    assert!(new.contains("href=\"../adr/payments_0001.html\""));
    assert!(!new.contains("<span class=\"num\">platform&#x2F;0002</span>"));
    let adrs = json(site.join("adrs.json"));
    let summary: Vec<serde_json::Value> = adrs
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            serde_json::json!([
                a["repository"],
                a["id"],
                a["path"],
                a["status"],
                a["relations"]
            ])
        })
        .collect();
    assert_eq!(
        serde_json::Value::Array(summary),
        serde_json::json!([
            ["payments", "payments/0001", "docs/adr/0001-record-architecture-decisions.md", "accepted", []],
            ["payments", "payments/0002", "docs/adr/0002-use-postgresql.md", "accepted",
                [{"kind": "supersedes", "target": "platform/0001"}]],
            ["platform", "platform/0001", "docs/adr/0001-use-mysql.md", "superseded",
                [{"kind": "superseded-by", "target": "payments/0002"}]],
            ["platform", "platform/0002", "docs/adr/0002-use-kafka.md", "accepted", []]
        ])
    );
    // One graph of every repository, with the edge between them.
    let graph = read(site.join("graph.html"));
    assert_eq!(
        graph
            .matches("<title>payments/0002 supersedes platform/0001</title>")
            .count(),
        1
    );
    assert_eq!(graph.matches("class=\"node ").count(), 4);
    let report = crate::linkcheck::check(&snapshot_dir(&site));
    assert_eq!(report.broken, Vec::<String>::new());
}

#[test]
fn bad_repositories_are_reported_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let central = platform_and_payments(tmp.path());
    write(
        tmp.path(),
        "broken.json",
        "{\"format\": \"adrgov-export\",\n  \"version\": 1,\n",
    );
    write(
        tmp.path(),
        "future.json",
        "{\"format\": \"adrgov-export\", \"version\": 2, \"repository\": {\"name\": \"x\", \"url\": null}, \"adrs\": []}",
    );
    write(
        tmp.path(),
        "other.json",
        "{\"format\": \"something-else\", \"version\": 1}",
    );
    std::fs::copy(
        tmp.path().join("payments.json"),
        tmp.path().join("payments-again.json"),
    )
    .unwrap();
    central_config(
        &central,
        &[
            ("../platform", None),
            ("../payments.json", None),
            ("../broken.json", None),
            ("../future.json", None),
            ("../other.json", None),
            ("../payments-again.json", None),
            ("../payments-again.json", Some("payments-copy")),
            ("../payments-again.json", Some("acme/payments")),
            ("../missing", None),
            ("../missing.json", Some("x")),
        ],
    );
    let r = adrgov(&central, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let config = central.join("adrgov.toml");
    let (head, tail) = r.stderr.split_once("built ").unwrap();
    assert_eq!(
        head,
        format!(
            "error: ../broken.json:3: not an adrgov export file: the JSON does not parse: EOF while parsing a value at line 3 column 0; skipped\n\
             error: ../future.json: export format version 2 is not known to this adrgov (it reads version 1); export it again with this adrgov, or upgrade adrgov; skipped\n\
             error: ../other.json: not an adrgov export file: its format is \"something-else\", not \"adrgov-export\"; skipped\n\
             error: ../payments-again.json: names the repository \"payments\", already listed as ../payments.json; skipped\n\
             error: ../payments-again.json: the repository name \"acme/payments\" is empty or holds a slash (it qualifies ids: `name/0003`); give it a `name` in [[site.repositories]]; skipped\n\
             error: {c}:30: key `site.repositories`: ../missing does not exist; skipped\n\
             error: {c}:33: key `site.repositories`: ../missing.json does not exist; skipped\n",
            c = config.display()
        )
    );
    assert!(
        tail.starts_with("21 pages of 3 repositories (29 files, 29 written, 0 removed) in "),
        "{tail}"
    );
    // The rest is built: the two good repositories and the renamed copy.
    let adrs = json(central.join("site/adrs.json"));
    let ids: Vec<&str> = adrs
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "payments/0001",
            "payments/0002",
            "payments-copy/0001",
            "payments-copy/0002",
            "platform/0001",
            "platform/0002"
        ]
    );
}

#[test]
fn a_central_site_without_adrs_of_its_own_and_a_bad_key() {
    let tmp = tempfile::tempdir().unwrap();
    let central = platform_and_payments(tmp.path());
    // The central directory has no ADR directory: still a valid site of its repositories.
    let r = adrgov(&central, &["site", "build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        central
            .join("target/adr-site/adr/platform_0002.html")
            .is_file()
    );
    write(
        &central,
        "adrgov.toml",
        "[[site.repositories]]\npath = \"../platform\"\nbranch = \"main\"\n",
    );
    let r = adrgov(&central, &["site", "build"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(&format!(
            "error: {}:",
            central.join("adrgov.toml").display()
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("unknown field `branch`, expected `path` or `name`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_supersession_written_on_one_side_only_still_shows_in_force() {
    let tmp = tempfile::tempdir().unwrap();
    let central = platform_and_payments(tmp.path());
    let platform = tmp.path().join("platform");
    write(
        &platform,
        "docs/adr/0001-use-mysql.md",
        &adr_text(1, "Use MySQL", "Superseded", "c"),
    );
    commit_at(&platform, "2024-04-01", "superseded");
    let r = adrgov(&central, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_platform_0001_replaced_by_payments_0002(&central.join("site"));
}

/// platform/0001's page says payments/0002 (another repository) is in force in its place.
fn assert_platform_0001_replaced_by_payments_0002(site: &Path) {
    let old = read(site.join("adr/platform_0001.html"));
    assert!(old.contains(
        "<p class=\"in-force\">Replaced. In force today:\n    <a href=\"../adr/payments_0002.html\">payments&#x2F;0002 Use PostgreSQL</a>"
    ), "{old}");
    assert!(old.contains(
        "<li>Superseded by <a href=\"../adr/payments_0002.html\">payments&#x2F;0002 Use PostgreSQL</a> <span class=\"badge s-accepted\">accepted</span></li>"
    ), "{old}");
}

/// Beside the combined index and graph, each repository has its own page of decisions (the
/// index's table of its ADRs only, its own filters) and its own graph (its ADRs, and the
/// other repository's ADR they are related to), linked from the index and each ADR page.
#[test]
fn each_repository_has_its_own_page_and_graph() {
    use crate::sources::{nodes, options, rows, s};
    let tmp = tempfile::tempdir().unwrap();
    let central = platform_and_payments(tmp.path());
    let r = adrgov(&central, &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = central.join("site");
    let index = read(site.join("index.html"));
    assert!(index.contains(
        "<nav class=\"scopes\" aria-label=\"Each repository\"><p>Each repository on its own:\n<a href=\"decisions/payments.html\">payments</a> (<a href=\"graph/payments.html\">graph</a>) · <a href=\"decisions/platform.html\">platform</a> (<a href=\"graph/platform.html\">graph</a>)</p></nav>\n"
    ), "{index}");
    assert_eq!(options(&index, "repository"), ["payments", "platform"]);
    let platform = read(site.join("decisions/platform.html"));
    assert_eq!(
        rows(&platform),
        s(&[
            ("platform/0001", "../adr/platform_0001.html"),
            ("platform/0002", "../adr/platform_0002.html"),
        ])
    );
    assert!(platform.contains(
        "<h1>Decisions of platform</h1>\n<p class=\"scope-links\">Repository platform: its <a href=\"../graph/platform.html\">graph</a> · its <a href=\"../dashboard/platform.html\">dashboard</a></p>\n"
    ));
    assert_eq!(options(&platform, "status"), ["accepted", "superseded"]);
    // platform/0001 is replaced (by payments/0002): not in force, on its repository's page too.
    assert_eq!(platform.matches("data-in-force=\"no\"").count(), 1);
    assert_eq!(
        rows(&read(site.join("decisions/payments.html"))),
        s(&[
            ("payments/0001", "../adr/payments_0001.html"),
            ("payments/0002", "../adr/payments_0002.html"),
        ])
    );
    let mut drawn = nodes(&read(site.join("graph/platform.html")));
    drawn.sort();
    assert_eq!(
        drawn,
        s(&[
            (
                "payments/0002 Use PostgreSQL (accepted)",
                "../adr/payments_0002.html"
            ),
            (
                "platform/0001 Use MySQL (superseded)",
                "../adr/platform_0001.html"
            ),
            (
                "platform/0002 Use Kafka (accepted)",
                "../adr/platform_0002.html"
            ),
        ])
    );
    let graph = read(site.join("graph/payments.html"));
    assert_eq!(
        graph
            .matches("<title>payments/0002 supersedes platform/0001</title>")
            .count(),
        1
    );
    assert_eq!(nodes(&graph).len(), 3);
    let adr = read(site.join("adr/platform_0002.html"));
    assert!(adr.contains(
        "<nav class=\"crumbs\"><a href=\"../index.html\">All decisions</a> › <a href=\"../decisions/platform.html\">platform</a></nav>"
    ));
    let report = crate::linkcheck::check(&snapshot_dir(&site));
    assert_eq!(report.broken, Vec::<String>::new());
}

/// `git add -A` and a commit at `stamp` (RFC 3339, with its offset), author and committer.
fn commit_stamped(dir: &Path, stamp: &str, msg: &str) {
    git(dir, &["add", "-A"]);
    git_env(
        dir,
        &["commit", "-q", "-m", msg],
        &[("GIT_AUTHOR_DATE", stamp), ("GIT_COMMITTER_DATE", stamp)],
    );
}

/// `ledger`: commits in two offsets; ADR 3 extends ADR 1 (a relation kind only ledger's
/// configuration knows) and supersedes ADR 2.
fn ledger(tmp: &Path) -> PathBuf {
    let root = tmp.join("ledger");
    std::fs::create_dir_all(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    write(
        &root,
        "adrgov.toml",
        "[adr]\ndir = \"docs/adr\"\nrelations = [[\"extends\", \"extended by\"]]\n",
    );
    write(
        &root,
        "docs/adr/0001-use-a-ledger.md",
        &adr_text(1, "Use a ledger", "Accepted", "c"),
    );
    write(
        &root,
        "docs/adr/0002-use-mysql.md",
        &adr_text(2, "Use MySQL", "Accepted", "c"),
    );
    commit_stamped(&root, "2024-03-01T23:30:00+02:00", "ADRs 1 and 2");
    write(
        &root,
        "docs/adr/0003-use-postgresql.md",
        &adr_text(
            3,
            "Use PostgreSQL",
            "Accepted\n\nExtends ADR-0001\n\nSupersedes [2. Use MySQL](0002-use-mysql.md)",
            "c",
        ),
    );
    write(
        &root,
        "docs/adr/0002-use-mysql.md",
        &adr_text(
            2,
            "Use MySQL",
            "Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)",
            "c",
        ),
    );
    commit_stamped(&root, "2024-03-05T08:15:42-05:00", "ADR 3");
    root
}

/// Exports keep the commits' times (RFC 3339, with the author's offset) and where each
/// relation is written: a central site built from the export is the one built from the
/// working tree, feed times included, and relations find their targets even where the central
/// site reads fewer relations than the repository (it does not know `extends`).
#[test]
fn a_site_from_an_export_is_the_site_from_the_working_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let root = ledger(tmp.path());
    let r = adrgov(&root, &["export", "--out", "../ledger.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let export = json(tmp.path().join("ledger.json"));
    let adr3 = &export["adrs"][2];
    assert_eq!(
        adr3["relations"],
        serde_json::json!([
            {"kind": "extends", "target": "0001", "line": 9, "written": "ADR-0001"},
            {"kind": "supersedes", "target": "0002", "line": 11, "written": "0002-use-mysql.md"}
        ])
    );
    assert_eq!(
        (&adr3["created"]["date"], &adr3["created"]["time"]),
        (
            &serde_json::json!("2024-03-05"),
            &serde_json::json!("2024-03-05T08:15:42-05:00")
        )
    );
    let adr1 = &export["adrs"][0];
    assert_eq!(
        (&adr1["created"]["date"], &adr1["created"]["time"]),
        (
            &serde_json::json!("2024-03-01"),
            &serde_json::json!("2024-03-01T23:30:00+02:00")
        )
    );
    let times: Vec<&str> = export["adrs"][1]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["time"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        ["2024-03-01T23:30:00+02:00", "2024-03-05T08:15:42-05:00"]
    );

    let mut sites = Vec::new();
    for (dir, path) in [
        ("from-tree", "../ledger"),
        ("from-export", "../ledger.json"),
    ] {
        let central = tmp.path().join(dir);
        central_config(&central, &[(path, None)]);
        let r = adrgov(&central, &["site", "build", "--out", "site"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        sites.push(snapshot_dir(&central.join("site")));
    }
    let feed = |s: &std::collections::BTreeMap<PathBuf, Vec<u8>>| {
        String::from_utf8(s[Path::new("feed.xml")].clone()).unwrap()
    };
    let tree_feed = feed(&sites[0]);
    let updated: Vec<&str> = tree_feed
        .split("<updated>")
        .skip(1)
        .filter_map(|u| u.split('<').next())
        .collect();
    assert_eq!(
        updated,
        [
            "2024-03-05T13:15:42Z",
            "2024-03-05T13:15:42Z",
            "2024-03-05T13:15:42Z",
            "2024-03-01T21:30:00Z"
        ]
    );
    assert_eq!(feed(&sites[1]), tree_feed);
    // Every file the same, byte for byte.
    let differ: Vec<&PathBuf> = sites[0]
        .iter()
        .filter(|(p, b)| sites[1].get(*p) != Some(*b))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(differ, Vec::<&PathBuf>::new());
    assert_eq!(sites[0].len(), sites[1].len());
    // ADR 3 extends ADR 1 (read by ledger's vocabulary only) and supersedes ADR 2, which is
    // replaced: the central site, reading the Markdown without `extends`, matches the
    // supersession to its written line, not to the first relation of the export.
    let adrs: serde_json::Value =
        serde_json::from_slice(&sites[1][Path::new("adrs.json")]).unwrap();
    assert_eq!(
        adrs[2]["relations"],
        serde_json::json!([
            {"kind": "extends", "target": "ledger/0001"},
            {"kind": "supersedes", "target": "ledger/0002"}
        ])
    );
    let old = String::from_utf8(sites[1][Path::new("adr/ledger_0002.html")].clone()).unwrap();
    assert!(old.contains(
        "<p class=\"in-force\">Replaced. In force today:\n    <a href=\"../adr/ledger_0003.html\">ledger&#x2F;0003 Use PostgreSQL</a>"
    ), "{old}");
}
