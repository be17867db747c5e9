//! The authoring commands change exactly the lines they must, in the repository's own style.

use crate::support::*;
use std::path::Path;

const GOVUK_DIR: &str = "docs/architecture/decisions";
const ADR21: &str = "0021-use-acm-for-ssl-purchases-and-terminate-certificates-on-elbs.md";

#[test]
fn govuk_new_supersedes_like_adr_tools() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let before21 = read(dir.join(GOVUK_DIR).join(ADR21));
    let r = adrgov(&dir, &["new", "Use X", "--supersedes", "21"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{GOVUK_DIR}/0040-use-x.md\n"));
    git(&dir, &["add", "-N", "."]);
    let stat = git(&dir, &["diff", "--stat"]);
    assert!(
        stat.trim_end()
            .ends_with("2 files changed, 22 insertions(+), 1 deletion(-)"),
        "{stat}"
    );
    // 0021: only the status line, as adr-tools writes it.
    let after21 = read(dir.join(GOVUK_DIR).join(ADR21));
    assert_eq!(
        after21,
        before21.replacen(
            "\nAccepted\n",
            "\nSuperseded by [40. Use X](0040-use-x.md)\n",
            1
        )
    );
    let new = read(dir.join(GOVUK_DIR).join("0040-use-x.md"));
    let expected = format!(
        "# 40. Use X\n\nDate: {}\n\n## Status\n\nAccepted\n\nSupersedes [21. Use ACM for SSL purchases and terminate certificates on ELBs]({ADR21})\n\n## Context\n\nThe issue motivating this decision, and any context that influences or constrains the decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.\n",
        today()
    );
    assert_eq!(new, expected);
    // And the model agrees.
    let list = adrgov(&dir, &["show", "21", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    assert_eq!(v["status"], "superseded");
    assert_eq!(
        v["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "0040"}])
    );
}

fn nygard_repo() -> tempfile::TempDir {
    repo(
        &[
            (".adr-dir", "doc/adr\n"),
            (
                "doc/adr/0001-record-architecture-decisions.md",
                "# 1. Record architecture decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nC\n",
            ),
            (
                "doc/adr/0002-use-mysql.md",
                "# 2. Use MySQL\n\nDate: 2020-01-02\n\n## Status\n\nProposed\n\n## Context\n\nC\n",
            ),
            (
                "doc/adr/0003-use-redis.md",
                "# 3. Use Redis\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n\n## Context\n\nSee [2. Use MySQL](0002-use-mysql.md).\n",
            ),
        ],
        true,
    )
}

#[test]
fn status_and_shortcuts_change_one_line() {
    let t = nygard_repo();
    let p = t.path().join("doc/adr/0002-use-mysql.md");
    let before = read(&p);
    let r = adrgov(t.path(), &["accept", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "doc/adr/0002-use-mysql.md: proposed → accepted\n");
    assert_eq!(read(&p), before.replace("\nProposed\n", "\nAccepted\n"));
    let r = adrgov(t.path(), &["deprecate", "ADR-0002"]);
    assert_eq!(r.code, 0);
    assert_eq!(read(&p), before.replace("\nProposed\n", "\nDeprecated\n"));
    let r = adrgov(t.path(), &["status", "2", "on hold"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown status `on hold`; the configured statuses are proposed, accepted, rejected, deprecated, superseded (add it to `statuses` in adrgov.toml, or pass --force)\n"
    );
    let r = adrgov(t.path(), &["status", "2", "on hold", "--force"]);
    assert_eq!(r.code, 0);
    assert_eq!(read(&p), before.replace("\nProposed\n", "\nOn hold\n"));
}

#[test]
fn supersede_and_link_write_both_sides() {
    let t = nygard_repo();
    let d = t.path().join("doc/adr");
    let r = adrgov(t.path(), &["supersede", "2", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(d.join("0002-use-mysql.md")),
        "# 2. Use MySQL\n\nDate: 2020-01-02\n\n## Status\n\nSuperseded by [3. Use Redis](0003-use-redis.md)\n\n## Context\n\nC\n"
    );
    assert_eq!(
        read(d.join("0003-use-redis.md")),
        "# 3. Use Redis\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n\nSupersedes [2. Use MySQL](0002-use-mysql.md)\n\n## Context\n\nSee [2. Use MySQL](0002-use-mysql.md).\n"
    );
    // A second time changes nothing.
    let snap = snapshot_dir(t.path());
    let r = adrgov(t.path(), &["supersede", "2", "3"]);
    assert_eq!(r.code, 0);
    assert_eq!(snap, snapshot_dir(t.path()));
    let r = adrgov(t.path(), &["link", "3", "amends", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        read(d.join("0001-record-architecture-decisions.md"))
            .contains("\nAccepted\n\nAmended by [3. Use Redis](0003-use-redis.md)\n\n## Context")
    );
    assert!(read(d.join("0003-use-redis.md")).contains("Supersedes [2. Use MySQL](0002-use-mysql.md)\n\nAmends [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context"));
    let r = adrgov(t.path(), &["link", "3", "frobs", "1"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown relation `frobs`"));
}

#[test]
fn configured_relation_pairs_and_madr_front_matter() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"docs/decisions\"\nrelations = [[\"clarifies\", \"clarified by\"]]\n",
            ),
            (
                "docs/decisions/0001-a.md",
                "---\nstatus: accepted # decided in review\nnav_order: 1\n---\n# A\n\nBody\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: proposed\nclarifies:\n  - ADR-0003\n---\n# B\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "---\nstatus: accepted\n---\n# C\n",
            ),
        ],
        false,
    );
    let d = t.path().join("docs/decisions");
    let r = adrgov(t.path(), &["link", "2", "clarifies", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(d.join("0002-b.md")),
        "---\nstatus: proposed\nclarifies:\n  - ADR-0003\n  - ADR-0001\n---\n# B\n"
    );
    assert_eq!(
        read(d.join("0001-a.md")),
        "---\nstatus: accepted # decided in review\nnav_order: 1\nclarified-by: [ADR-0002]\n---\n# A\n\nBody\n"
    );
    let r = adrgov(t.path(), &["supersede", "1", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        read(d.join("0001-a.md"))
            .starts_with("---\nstatus: superseded by ADR-0003 # decided in review\n")
    );
    let list: serde_json::Value =
        serde_json::from_str(&adrgov(t.path(), &["list", "--format", "json"]).stdout)
            .expect("json");
    assert_eq!(
        list[0]["relations"],
        serde_json::json!([{"kind": "superseded-by", "target": "0003"}, {"kind": "clarified-by", "target": "0002"}])
    );
}

#[test]
fn crlf_files_keep_crlf() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nProposed\r\n\r\n## Context\r\n\r\nx\r\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["link", "1", "relates-to", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("doc/adr/0001-a.md")),
        "# 1. A\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nProposed\r\n\r\nRelates to [2. B](0002-b.md)\r\n\r\n## Context\r\n\r\nx\r\n"
    );
    assert_eq!(
        read(t.path().join("doc/adr/0002-b.md")),
        "# 2. B\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\nRelates to [1. A](0001-a.md)\r\n"
    );
}

#[test]
fn renumber_fixes_a_collision() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\n## Status\n\nAccepted\n\nAmended by [2. C](0002-c.md)\n",
            ),
            ("doc/adr/0002-b.md", "# 2. B\n\n## Status\n\nAccepted\n"),
            (
                "doc/adr/0002-c.md",
                "# 2. C\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n",
            ),
            (
                "doc/adr/0003-d.md",
                "# 3. D\n\n## Status\n\nAccepted\n\n## Context\n\nBuilds on [ADR 2](0002-c.md) and [2. B](0002-b.md).\n",
            ),
            ("doc/adr/README.md", "* [2. C](0002-c.md)\n"),
        ],
        true,
    );
    let d = t.path().join("doc/adr");
    let r = adrgov(t.path(), &["renumber", "2", "4"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: 2 ADRs are numbered 2 (0002-b.md, 0002-c.md); name one by its file name\n"
    );
    let r = adrgov(t.path(), &["renumber", "0002-c.md", "4"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!d.join("0002-c.md").exists());
    assert_eq!(
        read(d.join("0004-c.md")),
        "# 4. C\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n"
    );
    assert_eq!(
        read(d.join("0001-a.md")),
        "# 1. A\n\n## Status\n\nAccepted\n\nAmended by [4. C](0004-c.md)\n"
    );
    assert_eq!(
        read(d.join("0002-b.md")),
        "# 2. B\n\n## Status\n\nAccepted\n"
    );
    assert_eq!(
        read(d.join("0003-d.md")),
        "# 3. D\n\n## Status\n\nAccepted\n\n## Context\n\nBuilds on [ADR 4](0004-c.md) and [2. B](0002-b.md).\n"
    );
    assert_eq!(read(d.join("README.md")), "* [4. C](0004-c.md)\n");
    let r = adrgov(t.path(), &["renumber", "1", "3"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: number 3 is taken by doc/adr/0003-d.md; pick a free number\n"
    );
}

#[test]
fn new_skips_numbers_used_on_other_branches() {
    let t = nygard_repo();
    git(t.path(), &["checkout", "-q", "-b", "feature"]);
    std::fs::write(
        t.path().join("doc/adr/0004-on-a-branch.md"),
        "# 4. On a branch\n",
    )
    .expect("write");
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "-m", "feature"]);
    git(t.path(), &["checkout", "-q", "main"]);
    assert!(!t.path().join("doc/adr/0004-on-a-branch.md").exists());
    let r = adrgov(t.path(), &["new", "Use Kafka"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "doc/adr/0005-use-kafka.md\n");
}

#[test]
fn concurrent_new_picks_distinct_numbers() {
    let t = nygard_repo();
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_adrgov"))
                .args(["new", &format!("Parallel decision {i}")])
                .current_dir(t.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut numbers = std::collections::BTreeSet::new();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let name = Path::new(&path)
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        numbers.insert(name[..4].to_string());
    }
    assert_eq!(numbers.len(), 8, "{numbers:?}");
    let files = std::fs::read_dir(t.path().join("doc/adr"))
        .expect("dir")
        .count();
    assert_eq!(files, 11);
}

#[test]
fn init_then_new_in_an_empty_repository() {
    let t = repo(&[("README.md", "x\n")], true);
    let r = adrgov(t.path(), &["init", "--date", "2024-01-02"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("adrgov.toml")),
        "# adrgov configuration. Every key is optional; `adrgov --help` lists the commands.\n[adr]\ndir = \"docs/adr\"\nformat = \"madr\"\n"
    );
    let adr1 = read(
        t.path()
            .join("docs/adr/0001-record-architecture-decisions.md"),
    );
    assert!(
        adr1.starts_with(
            "---\nstatus: accepted\ndate: 2024-01-02\n---\n# Record architecture decisions\n"
        ),
        "{adr1}"
    );
    let r = adrgov(t.path(), &["init"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: already set up: "),
        "{}",
        r.stderr
    );
    let r = adrgov(
        t.path(),
        &["new", "Use Rust", "--tag", "lang", "--date", "2024-02-03"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "docs/adr/0002-use-rust.md\n");
    assert!(
        read(t.path().join("docs/adr/0002-use-rust.md")).starts_with(
            "---\nstatus: proposed\ndate: 2024-02-03\ntags: [lang]\n---\n# Use Rust\n"
        )
    );
    let toc = adrgov(t.path(), &["toc"]);
    assert_eq!(
        toc.stdout,
        "# Architecture Decision Records\n\n* [Record architecture decisions](0001-record-architecture-decisions.md)\n* [Use Rust](0002-use-rust.md)\n"
    );
    let r = adrgov(t.path(), &["init", "--format", "nygard", "x"]);
    assert_eq!(r.code, 2);
}

#[test]
fn new_with_edit_runs_the_editor() {
    let t = nygard_repo();
    let script = t.path().join("ed.sh");
    std::fs::write(&script, "#!/bin/sh\necho 'edited' >> \"$1\"\n").expect("write");
    std::process::Command::new("chmod")
        .args(["+x", script.to_str().expect("utf8")])
        .status()
        .expect("chmod");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_adrgov"))
        .args(["new", "Edit me", "--edit"])
        .current_dir(t.path())
        .env("EDITOR", &script)
        .env_remove("VISUAL")
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(read(t.path().join("doc/adr/0004-edit-me.md")).ends_with("mitigated.\nedited\n"));
}

#[test]
fn list_filters_and_formats() {
    let t = nygard_repo();
    let r = adrgov(t.path(), &["list", "--status", "Accepted."]);
    assert_eq!(
        r.stdout,
        "ID    STATUS    DATE        TITLE\n0001  accepted  2020-01-01  Record architecture decisions\n0003  accepted  2020-01-03  Use Redis\n"
    );
    let r = adrgov(
        t.path(),
        &["list", "--format", "csv", "--status", "proposed"],
    );
    assert_eq!(
        r.stdout,
        "id,number,title,status,date,path,format,tags,decision_makers\n0002,2,Use MySQL,proposed,2020-01-02,doc/adr/0002-use-mysql.md,nygard,,\n"
    );
}

#[test]
fn closed_stdout_is_not_a_crash() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_adrgov"))
        .args(["list", "--format", "json"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn repository_template_from_config() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"decisions\"\ntemplate = \"decisions/template.md\"\n",
            ),
            (
                "decisions/template.md",
                "# ADR-{{ id }}: {{ title }}\n\nStatus: {{ status | capitalize }}\nDate: {{ date }}\nTags: {{ tags | join(sep=\", \") }}\n\n## Why\n",
            ),
            (
                "decisions/0001-a.md",
                "# ADR-0001: A\n\nStatus: Accepted\nDate: 2020-01-01\n",
            ),
        ],
        false,
    );
    let r = adrgov(
        t.path(),
        &[
            "new",
            "Use B",
            "--supersedes",
            "1",
            "--tag",
            "x",
            "--tag",
            "y",
            "--date",
            "2024-05-06",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("decisions/0002-use-b.md")),
        "# ADR-0002: Use B\n\nStatus: Accepted\nSupersedes [1. A](0001-a.md)\nDate: 2024-05-06\nTags: x, y\n\n## Why\n"
    );
    assert_eq!(
        read(t.path().join("decisions/0001-a.md")),
        "# ADR-0001: A\n\nStatus: Superseded by [2. Use B](0002-use-b.md)\nDate: 2020-01-01\n"
    );
    // A template that does not render is an error naming it; nothing is written.
    std::fs::write(
        t.path().join("decisions/template.md"),
        "# {{ title | nosuchfilter }}\n",
    )
    .expect("write");
    let before = snapshot_dir(t.path());
    let r = adrgov(t.path(), &["new", "Use C"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: decisions/template.md: template error: "),
        "{}",
        r.stderr
    );
    assert_eq!(before, snapshot_dir(t.path()));
}

#[test]
fn log4brains_new_is_named_by_date_and_links_by_slug() {
    let (_t, dir) = clone_corpus("log4brains");
    let r = adrgov(
        &dir,
        &[
            "new",
            "Use Pagefind for search",
            "--supersedes",
            "20201103-use-lunr-for-search",
            "--date",
            "2021-02-03",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "docs/adr/20210203-use-pagefind-for-search.md\n");
    let new = read(dir.join("docs/adr/20210203-use-pagefind-for-search.md"));
    assert!(
        new.starts_with("# Use Pagefind for search\n\n- Status: proposed\n- Date: 2021-02-03\n"),
        "{new}"
    );
    assert!(new.ends_with("\n## Links\n\n- Supersedes [20201103-use-lunr-for-search](20201103-use-lunr-for-search.md)\n"), "{new}");
    let diff = git(
        &dir,
        &["diff", "-U0", "docs/adr/20201103-use-lunr-for-search.md"],
    );
    assert!(diff.ends_with("-- Status: accepted\n+- Status: superseded by [20210203-use-pagefind-for-search](20210203-use-pagefind-for-search.md)\n"), "{diff}");
}

#[test]
fn arachne_new_keeps_the_adr_nnn_naming() {
    let (_t, dir) = clone_corpus("arachne");
    let r = adrgov(
        &dir,
        &["new", "Use W", "--amends", "2", "--date", "2024-01-01"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "adr-018-use-w.md\n");
    assert!(read(dir.join("adr-018-use-w.md")).starts_with("# 18. Use W\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [2. Configuration](adr-002-configuration.md)\n"));
    let diff = git(&dir, &["diff", "-U0", "adr-002-configuration.md"]);
    assert!(
        diff.ends_with(
            "@@ -81,0 +82,2 @@ Proposed\n+Amended by [18. Use W](adr-018-use-w.md)\n+\n"
        ),
        "{diff}"
    );
}

#[test]
fn madr_corpus_supersede_keeps_jekyll_keys() {
    let (_t, dir) = clone_corpus("madr");
    let r = adrgov(&dir, &["supersede", "3", "4"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d3 = git(
        &dir,
        &[
            "diff",
            "-U0",
            "docs/decisions/0003-provide-own-madr-tools.md",
        ],
    );
    assert!(
        d3.ends_with(
            "@@ -4 +4 @@ nav_order: 3\n-status: on hold\n+status: superseded by ADR-0004\n"
        ),
        "{d3}"
    );
    let d4 = git(
        &dir,
        &["diff", "-U0", "docs/decisions/0004-write-own-toc-tool.md"],
    );
    assert!(
        d4.ends_with("@@ -3,0 +4 @@ nav_order: 4\n+supersedes: [ADR-0003]\n"),
        "{d4}"
    );
}
