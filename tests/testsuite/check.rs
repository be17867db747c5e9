//! `adrgov check`: planted defects are found with their rule and file, clean repositories have
//! no error, every format is stable, `--fix` repairs what is safe and is idempotent.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const TODAY: &str = "2026-11-25";

fn check(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut a = vec!["check", "--format", "json"];
    a.extend_from_slice(args);
    let r = adrgov_env(dir, &a, &[("ADRGOV_TODAY", TODAY)]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    (r.code, serde_json::from_str(&r.stdout).expect("json"))
}

fn findings(v: &Value) -> Vec<Value> {
    v["findings"].as_array().expect("findings").clone()
}

/// Generates a small repository (150 ADRs, 700 commits) with the project's generator.
fn generate(dir: &Path, format: &str, seed: u64, defects: bool) -> Value {
    let format = crate::generator::Format::parse(format).expect("format");
    let mut p = crate::generator::Params::new(150, 700, format, seed);
    if defects {
        p.defects = true;
        p.defect_rate = 0.06;
    }
    crate::generator::generate(dir, &p).expect("generate")
}

#[test]
fn planted_defects_are_found_and_clean_repositories_have_no_error() {
    let t = tempfile::tempdir().expect("tempdir");
    for format in ["nygard", "madr"] {
        for seed in [1, 2, 3] {
            let dir = t.path().join(format!("{format}-{seed}"));
            let manifest = generate(&dir, format, seed, true);
            let (code, v) = check(&dir, &[]);
            let f = findings(&v);
            let has =
                |rule: &str, path: &str| f.iter().any(|x| x["rule"] == rule && x["path"] == path);
            let defects = manifest["defects"].as_array().expect("defects");
            assert!(!defects.is_empty(), "{format} {seed}: no defects planted");
            assert_eq!(code, 1);
            let mut explained = BTreeSet::new();
            for d in defects {
                let ty = d["type"].as_str().expect("type");
                let paths: Vec<String> = match ty {
                    "duplicate_number" => d["paths"]
                        .as_array()
                        .expect("paths")
                        .iter()
                        .map(|p| p.as_str().expect("p").to_string())
                        .collect(),
                    "one_way_supersede" => vec![
                        d["superseding_path"].as_str().expect("p").to_string(),
                        d["superseded_path"].as_str().expect("p").to_string(),
                    ],
                    _ => vec![d["path"].as_str().expect("path").to_string()],
                };
                explained.extend(paths.iter().cloned());
                let ok = match ty {
                    "missing_status" => has("missing-status", &paths[0]),
                    "malformed_date" => has("invalid-date", &paths[0]),
                    "duplicate_number" => paths.iter().all(|p| has("duplicate-number", p)),
                    "broken_link" => has("broken-reference", &paths[0]),
                    "one_way_supersede" => paths.iter().any(|p| has("one-sided-relation", p)),
                    other => panic!("unknown defect type {other}"),
                };
                assert!(ok, "{format} seed {seed}: defect {d} not found in {f:#?}");
            }
            // No false alarm: every error is on a file a defect was planted in.
            for x in f.iter().filter(|x| x["level"] == "error") {
                assert!(
                    explained.contains(x["path"].as_str().expect("path")),
                    "{format} seed {seed}: unexplained error {x}"
                );
            }
            // The same repository generated without defects has no error-level finding.
            let clean = t.path().join(format!("{format}-{seed}-clean"));
            generate(&clean, format, seed, false);
            let (code, v) = check(&clean, &[]);
            let errors: Vec<&Value> = v["findings"]
                .as_array()
                .expect("f")
                .iter()
                .filter(|x| x["level"] == "error")
                .collect();
            assert_eq!(errors, Vec::<&Value>::new(), "{format} seed {seed}");
            assert_eq!(code, 0);
        }
    }
}

#[test]
fn fix_repairs_what_is_safe_and_is_idempotent() {
    let t = tempfile::tempdir().expect("tempdir");
    for format in ["nygard", "madr"] {
        let dir = t.path().join(format);
        generate(&dir, format, 5, true);
        let (_, before) = check(&dir, &[]);
        let fixable = |v: &Value| {
            findings(v)
                .into_iter()
                .filter(|x| x["rule"] == "one-sided-relation" || x["rule"] == "superseded-status")
                .count()
        };
        assert!(fixable(&before) > 0, "{format}: nothing to fix");
        let r = adrgov_env(&dir, &["check", "--fix"], &[("ADRGOV_TODAY", TODAY)]);
        assert!(r.stderr.contains("fixed: "), "{}", r.stderr);
        let (_, after) = check(&dir, &[]);
        assert_eq!(fixable(&after), 0, "{format}: {:#?}", findings(&after));
        // What --fix cannot fix is still reported.
        assert!(
            findings(&after)
                .iter()
                .any(|x| x["rule"] == "duplicate-number"
                    || x["rule"] == "invalid-date"
                    || x["rule"] == "missing-status")
        );
        let snap = snapshot_dir(&dir);
        let r = adrgov_env(&dir, &["check", "--fix"], &[("ADRGOV_TODAY", TODAY)]);
        assert!(!r.stderr.contains("fixed: "), "{}", r.stderr);
        assert_eq!(
            snap,
            snapshot_dir(&dir),
            "{format}: a second --fix changed a file"
        );
        // Only the relation and status lines changed: every fixed file still parses the same
        // way otherwise (title and date untouched).
        let diff = git(&dir, &["diff", "--numstat"]);
        for line in diff.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols[1].parse::<u32>().expect("deleted") <= 1, "{line}");
        }
    }
}

/// Lines inside fenced code blocks of a file (1-based).
fn fenced_lines(text: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut open = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            open = !open;
            out.insert(i + 1);
        } else if open {
            out.insert(i + 1);
        }
    }
    out
}

#[test]
fn corpora_findings() {
    for name in corpus_names() {
        let (_t, dir) = clone_corpus(&name);
        let (_, v) = check(&dir, &[]);
        for f in findings(&v) {
            if let Some(line) = f["line"].as_u64() {
                let text = read(dir.join(f["path"].as_str().expect("path")));
                assert!(
                    !fenced_lines(&text).contains(&(line as usize)),
                    "{name}: finding in fenced code: {f}"
                );
            }
        }
        insta::assert_snapshot!(
            format!("check_{name}"),
            adrgov_env(&dir, &["check"], &[("ADRGOV_TODAY", TODAY)]).stdout
        );
    }
}

#[test]
fn json_github_and_sarif_formats() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let args = [
        "check",
        "--allow",
        "accepted-edited",
        "--allow",
        "file-name",
    ];
    for f in ["json", "github", "sarif"] {
        let mut a = args.to_vec();
        a.extend(["--format", f]);
        let r = adrgov_env(&dir, &a, &[("ADRGOV_TODAY", TODAY)]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        insta::assert_snapshot!(format!("check_govuk_{f}"), r.stdout);
    }
    // GitHub's workflow-command syntax, exactly.
    let r = adrgov_env(
        &dir,
        &["check", "--format", "github"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    for line in r.stdout.lines() {
        let ok = (line.starts_with("::error file=") || line.starts_with("::warning file="))
            && line.contains(",title=")
            && line.splitn(4, "::").count() == 3;
        assert!(ok, "{line}");
    }
    assert!(r.stdout.contains(
        "::error file=docs/architecture/decisions/0004-dns-definitions-for-hosts-and-services.md,line=7,title=one-sided-relation::0004 says \"superseded by 0015\", but 0015 does not say \"supersedes 0004\"%0A`adrgov check --fix` writes the missing side\n"
    ));
}

#[test]
fn rule_list_is_stable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = adrgov(dir.path(), &["check", "--list-rules"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("check_rules", r.stdout);
    let r = adrgov(dir.path(), &["check", "--list-rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let ids: Vec<&str> = v
        .as_array()
        .expect("a")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    // The twelve ids fixed by docs/design.md are all there.
    for id in [
        "missing-status",
        "unknown-status",
        "invalid-date",
        "duplicate-number",
        "broken-reference",
        "one-sided-relation",
        "supersession-cycle",
        "missing-title",
        "invalid-front-matter",
        "number-collision",
        "accepted-edited",
        "stale-proposal",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    insta::assert_snapshot!("check_rule_ids", ids.join("\n"));
}

#[test]
fn levels_from_config_and_command_line() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"doc/adr\"\n[check]\nmissing-section = \"off\"\ninvalid-date = { level = \"warn\" }\n",
            ),
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-13-45\n\n## Status\n\nAccepted\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n",
            ),
        ],
        true,
    );
    let (code, v) = check(t.path(), &["--no-history"]);
    let rules: Vec<(String, String)> = findings(&v)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["level"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(rules, [("invalid-date".to_string(), "warning".to_string())]);
    assert_eq!(code, 0);
    let (code, v) = check(t.path(), &["--no-history", "--error", "invalid-date"]);
    assert_eq!(code, 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 0, "files": 2})
    );
    let (code, v) = check(t.path(), &["--no-history", "--allow", "invalid-date"]);
    assert_eq!((code, findings(&v).len()), (0, 0));
    // An unknown rule is a usage error that lists the ids (clap checks the value).
    let r = adrgov(t.path(), &["check", "--allow", "no-such-rule"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: invalid value 'no-such-rule' for '--allow <RULE>'\n  [possible values: missing-status, unknown-status, invalid-date, duplicate-number, broken-reference, one-sided-relation, supersession-cycle, missing-title, invalid-front-matter, number-collision, accepted-edited, stale-proposal, superseded-status, file-name, missing-section, stale-toc, unreadable-file, governs-nothing, governed-change]\n\nFor more information, try '--help'.\n"
    );
    assert_eq!(r.stdout, "");
    let r = adrgov(t.path(), &["check", "--error", "file_name"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: invalid value 'file_name' for '--error <RULE>'\n  [possible values: missing-status, unknown-status, invalid-date, duplicate-number, broken-reference, one-sided-relation, supersession-cycle, missing-title, invalid-front-matter, number-collision, accepted-edited, stale-proposal, superseded-status, file-name, missing-section, stale-toc, unreadable-file, governs-nothing, governed-change]\n\n  tip: a similar value exists: 'file-name'\n\nFor more information, try '--help'.\n"
    );
    let r = adrgov_env(
        t.path(),
        &["check", "--no-history"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert_eq!(
        r.stdout,
        "warning[invalid-date]: doc/adr/0001-a.md:3: date `2020-13-45` is not a valid date\n  = hint: there is no month 13; write it as YYYY-MM-DD (month second)\n0 errors, 1 warning in 2 ADRs checked\n"
    );
}

#[test]
fn number_collision_with_changed_since() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n",
            ),
        ],
        true,
    );
    git(t.path(), &["checkout", "-q", "-b", "feature"]);
    std::fs::write(t.path().join("doc/adr/0003-use-kafka.md"), "# 3. Use Kafka\n\nDate: 2020-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n").expect("write");
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "-m", "kafka"]);
    git(t.path(), &["checkout", "-q", "main"]);
    std::fs::write(t.path().join("doc/adr/0003-use-nats.md"), "# 3. Use NATS\n\nDate: 2020-02-02\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n").expect("write");
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "-m", "nats"]);
    git(t.path(), &["checkout", "-q", "feature"]);
    let r = adrgov_env(
        t.path(),
        &["check", "--changed-since", "main", "--no-history"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "error[number-collision]: doc/adr/0003-use-kafka.md: number 3 is already taken on main by doc/adr/0003-use-nats.md\n  = hint: renumber this ADR: `adrgov renumber 0003-use-kafka.md 4`\n1 error, 0 warnings in 3 ADRs checked\n"
    );
    // Findings are limited to what changed: an old problem elsewhere is not reported.
    std::fs::write(
        t.path().join("doc/adr/0001-a.md"),
        "# 1. A\n\nDate: 2020-01-01\n",
    )
    .expect("write");
    git(t.path(), &["commit", "-qam", "break 1"]);
    let r = adrgov_env(
        t.path(),
        &["check", "--changed-since", "HEAD", "--no-history"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = adrgov(t.path(), &["check", "--changed-since", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: --changed-since: unknown revision `nope`"),
        "{}",
        r.stderr
    );
}

#[test]
fn stale_toc_is_fixed() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"doc/adr\"\ntoc = \"doc/adr/README.md\"\n[check]\nmissing-section = \"off\"\n",
            ),
            (
                "doc/adr/README.md",
                "# Decisions\n\nOur decisions.\n\n* [1. A](0001-a.md)\n\nMaintained by adrgov.\n",
            ),
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            ),
        ],
        true,
    );
    let (_, v) = check(t.path(), &["--no-history"]);
    assert_eq!(findings(&v)[0]["rule"], "stale-toc");
    let r = adrgov_env(
        t.path(),
        &["check", "--fix", "--no-history"],
        &[("ADRGOV_TODAY", TODAY)],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stderr, "fixed: doc/adr/README.md: index rewritten\n");
    assert_eq!(
        read(t.path().join("doc/adr/README.md")),
        "# Decisions\n\nOur decisions.\n\n* [1. A](0001-a.md)\n* [2. B](0002-b.md)\n\nMaintained by adrgov.\n"
    );
    let (code, v) = check(t.path(), &["--no-history"]);
    assert_eq!((code, findings(&v).len()), (0, 0));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(&read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json"),
    ))
    .expect("schema");
    let validator = jsonschema::options()
        .build(&schema)
        .expect("compile schema");
    // Findings with and without lines, hints, errors and warnings; and an empty run.
    let (_t, dir) = clone_corpus("govuk-aws");
    let empty = repo(
        &[(
            "doc/adr/0001-a.md",
            "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n",
        )],
        true,
    );
    for d in [dir.as_path(), empty.path()] {
        let r = adrgov_env(
            d,
            &["check", "--format", "sarif"],
            &[("ADRGOV_TODAY", TODAY)],
        );
        let log: Value = serde_json::from_str(&r.stdout).expect("sarif json");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(log["version"], "2.1.0");
        // One rule entry per id.
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        let ids: BTreeSet<&str> = rules
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids.len(), rules.len());
        assert_eq!(rules.len(), adrgov::check::rules::all().len());
    }
    // The validator does reject a broken log (the test can fail).
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "loud", "message": {"text": "x"}}]}]});
    assert!(!validator.is_valid(&bad));
}

/// Every rule fires on a repository built to trip it, at the file and line it names.
#[test]
fn every_rule_fires_where_it_should() {
    let body = "\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n";
    let f = |head: &str| format!("{head}{body}");
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"doc/adr\"\ntoc = \"doc/adr/README.md\"\n",
            ),
            ("doc/adr/README.md", "# ADRs\n\n* [1. Good](0001-good.md)\n"),
            (
                "doc/adr/0001-good.md",
                &f("# 1. Good\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0002-no-status.md",
                &f("# 2. No status\n\nDate: 2020-01-01"),
            ),
            (
                "doc/adr/0003-odd-status.md",
                &f("# 3. Odd status\n\nDate: 2020-01-01\n\n## Status\n\nPending"),
            ),
            (
                "doc/adr/0004-bad-date.md",
                &f("# 4. Bad date\n\nDate: 04/01/2020\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0005-twin-a.md",
                &f("# 5. Twin a\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0005-twin-b.md",
                &f("# 5. Twin b\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0006-broken.md",
                &f(
                    "# 6. Broken\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmends [9. Gone](0009-gone.md)",
                ),
            ),
            (
                "doc/adr/0007-one-sided.md",
                &f(
                    "# 7. One sided\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmends [1. Good](0001-good.md)",
                ),
            ),
            (
                "doc/adr/0008-loop-a.md",
                &f(
                    "# 8. Loop a\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [10. Loop b](0010-loop-b.md)\n\nSupersedes [10. Loop b](0010-loop-b.md)",
                ),
            ),
            (
                "doc/adr/0010-loop-b.md",
                &f(
                    "# 10. Loop b\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [8. Loop a](0008-loop-a.md)\n\nSupersedes [8. Loop a](0008-loop-a.md)",
                ),
            ),
            (
                "doc/adr/0011-untitled.md",
                &f("Date: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0012-bad-yaml.md",
                "---\nstatus: accepted\ndate: 2020-01-01\ntags: [a\n---\n# Bad yaml\n\n## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\nx\n",
            ),
            (
                "doc/adr/0013-still-accepted.md",
                &f("# 13. Still accepted\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0014-successor.md",
                &f(
                    "# 14. Successor\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [13. Still accepted](0013-still-accepted.md)",
                ),
            ),
            (
                "doc/adr/0015-Bad_Name.md",
                &f("# 15. Bad name\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
            (
                "doc/adr/0016-no-sections.md",
                "# 16. No sections\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            ),
            (
                "doc/adr/0017-old-proposal.md",
                &f("# 17. Old proposal\n\nDate: 2020-01-01\n\n## Status\n\nProposed"),
            ),
            (
                "doc/adr/0018-edited.md",
                &f("# 18. Edited\n\nDate: 2020-01-01\n\n## Status\n\nAccepted"),
            ),
        ],
        true,
    );
    std::fs::write(t.path().join("doc/adr/0019-binary.md"), b"\0\x01\x02").expect("write");
    std::fs::write(
        t.path().join("doc/adr/0018-edited.md"),
        f("# 18. Edited\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nWe changed our mind."),
    )
    .expect("write");
    git(t.path(), &["commit", "-qam", "edit an accepted decision"]);
    // Far enough ahead that the proposal committed today is stale.
    let r = adrgov_env(
        t.path(),
        &["check", "--format", "json"],
        &[("ADRGOV_TODAY", "2099-01-01")],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let got: BTreeSet<(String, String, Option<u64>)> = findings(&v)
        .iter()
        .map(|x| {
            (
                x["rule"].as_str().expect("r").to_string(),
                x["path"].as_str().expect("p").replace("doc/adr/", ""),
                x["line"].as_u64(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, Option<u64>)> = [
        ("missing-status", "0002-no-status.md", Some(1)),
        ("unknown-status", "0003-odd-status.md", Some(7)),
        ("invalid-date", "0004-bad-date.md", Some(3)),
        ("duplicate-number", "0005-twin-a.md", None),
        ("duplicate-number", "0005-twin-b.md", None),
        ("broken-reference", "0006-broken.md", Some(9)),
        ("one-sided-relation", "0007-one-sided.md", Some(9)),
        ("supersession-cycle", "0008-loop-a.md", Some(1)),
        ("supersession-cycle", "0010-loop-b.md", Some(1)),
        ("missing-title", "0011-untitled.md", Some(1)),
        ("invalid-front-matter", "0012-bad-yaml.md", Some(4)),
        ("missing-status", "0012-bad-yaml.md", Some(6)),
        ("invalid-date", "0012-bad-yaml.md", Some(6)),
        ("superseded-status", "0013-still-accepted.md", Some(7)),
        ("one-sided-relation", "0014-successor.md", Some(9)),
        ("file-name", "0015-Bad_Name.md", None),
        ("missing-section", "0016-no-sections.md", Some(1)),
        ("stale-proposal", "0017-old-proposal.md", Some(7)),
        ("accepted-edited", "0018-edited.md", Some(1)),
        ("unreadable-file", "0019-binary.md", None),
        ("stale-toc", "README.md", None),
    ]
    .into_iter()
    .map(|(r, p, l)| (r.to_string(), p.to_string(), l))
    .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    // number-collision is covered by number_collision_with_changed_since, governs-nothing and
    // governed-change by governs.rs; every id is exercised.
    let ids: BTreeSet<&str> = want
        .iter()
        .map(|w| w.0.as_str())
        .chain(["number-collision", "governs-nothing", "governed-change"])
        .collect();
    assert_eq!(ids.len(), adrgov::check::rules::all().len());
}

/// An unknown rule name in `[check]` of adrgov.toml is a configuration error naming the file,
/// the line and every rule id; a known one with a bad level names its key.
#[test]
fn unknown_rule_in_config() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"doc/adr\"\n\n[check]\nfile-name = \"off\"\nno-such-rule = \"warn\"\n",
            ),
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            ),
        ],
        false,
    );
    for args in [&["check"][..], &["list"][..]] {
        let r = adrgov(t.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(
            r.stderr,
            format!(
                "error: {}:6: key `check.no-such-rule`: unknown rule; the rules are missing-status, unknown-status, invalid-date, duplicate-number, broken-reference, one-sided-relation, supersession-cycle, missing-title, invalid-front-matter, number-collision, accepted-edited, stale-proposal, superseded-status, file-name, missing-section, stale-toc, unreadable-file, governs-nothing, governed-change\n",
                t.path().join("adrgov.toml").display()
            ),
            "{args:?}"
        );
    }
    std::fs::write(
        t.path().join("adrgov.toml"),
        "[adr]\ndir = \"doc/adr\"\n[check]\nfile-name = { level = \"warn\", days = 3 }\n",
    )
    .expect("write");
    let r = adrgov(t.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}:4: key `check.file-name.days`: unknown key or bad value (rules take `level`; stale-proposal also takes `days` > 0)\n",
            t.path().join("adrgov.toml").display()
        )
    );
}

/// A status kept as a task list: `adrgov status` moves the check, and `check` with history
/// does not call that an edit of the accepted text (the list's boxes are the status); a
/// changed sentence still is.
#[test]
fn checking_another_status_in_a_task_list_is_no_edit_of_the_decision() {
    let text = "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\n- [ ] Proposed\n- [x] Accepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n";
    let t = repo(&[("doc/adr/0001-use-x.md", text)], true);
    let r = adrgov(t.path(), &["status", "1", "deprecated"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("doc/adr/0001-use-x.md")),
        text.replace("- [x] Accepted\n", "- [ ] Accepted\n- [x] Deprecated\n")
    );
    commit_at(t.path(), "2020-02-01", "deprecate");
    let rules = |t: &tempfile::TempDir| -> Vec<String> {
        let r = adrgov(t.path(), &["check", "--format", "json"]);
        let v: Value = serde_json::from_str(&r.stdout).expect("json");
        findings(&v)
            .iter()
            .map(|x| x["rule"].as_str().expect("rule").to_string())
            .collect()
    };
    assert_eq!(rules(&t), Vec::<String>::new());
    let path = t.path().join("doc/adr/0001-use-x.md");
    std::fs::write(&path, read(&path).replace("What.", "Something else.")).expect("write");
    commit_at(t.path(), "2020-03-01", "edit");
    assert_eq!(rules(&t), vec!["accepted-edited".to_string()]);
}

/// A status kept as a dated log: `adrgov status` adds today's entry (`ADRGOV_TODAY`), `list`
/// reads the latest one, and `check` with history does not call the new entry an edit of the
/// accepted text.
#[test]
fn a_status_log_grows_by_an_entry_and_that_is_no_edit_of_the_decision() {
    let text = "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\n| Date | Status |\n|---|---|\n| 2020-01-01 | Proposed |\n| 2020-01-15 | Accepted |\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n";
    let t = repo(&[("doc/adr/0001-use-x.md", text)], true);
    let today = [("ADRGOV_TODAY", "2020-02-01")];
    let r = adrgov_env(t.path(), &["status", "1", "deprecated"], &today);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("doc/adr/0001-use-x.md")),
        text.replace(
            "| 2020-01-15 | Accepted |\n",
            "| 2020-01-15 | Accepted |\n| 2020-02-01 | Deprecated |\n"
        )
    );
    commit_at(t.path(), "2020-02-01", "deprecate");
    let r = adrgov(t.path(), &["list", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        (v[0]["status"].as_str(), v[0]["status_text"].as_str()),
        (Some("deprecated"), Some("Deprecated"))
    );
    let r = adrgov(t.path(), &["check", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(findings(&v), Vec::<Value>::new());
}
