//! Links between ADRs resolve by path, never by the number in their name or text (an absolute
//! URL into this repository like a relative link), and links to renumbered ADRs are repaired
//! from git history.

use crate::support::{adrgov, adrgov_env, git, read, repo, snapshot_dir};

const TOML: &str = "[adr]\ndir = \"doc/adr\"\n";

fn adr(n: u32, title: &str, status: &str, extra: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2023-01-0{}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n{extra}\n## Decision\n\nThis.\n\n## Consequences\n\nThose.\n",
        n % 9 + 1
    )
}

/// ADRs 1, 3, 9, 16 and 20 committed; then 16 renamed to 27 (a renumbering, 2023-05-02) and
/// 9 deleted. Returns the repository and the short id of the rename commit.
fn renumbered() -> (tempfile::TempDir, String) {
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            (
                "doc/adr/0001-record-decisions.md",
                &adr(1, "Record decisions", "Accepted", ""),
            ),
            ("doc/adr/0003-use-x.md", &adr(3, "Use X", "Accepted", "")),
            (
                "doc/adr/0009-old-cache.md",
                &adr(9, "Old cache", "Accepted", ""),
            ),
            (
                "doc/adr/0016-audit-trail.md",
                // Said superseded by 30 (written later) from the start, and titled without its
                // number, so the rename commit is a pure rename.
                &adr(
                    16,
                    "Audit trail",
                    "Superseded by [ADR 30](0030-links.md)",
                    "\nEvery change is logged, with who made it and when, for a year.\n",
                )
                .replacen("# 16. ", "# ", 1),
            ),
            (
                "doc/adr/0020-retention.md",
                &adr(20, "Retention", "Accepted", ""),
            ),
        ],
        true,
    );
    let d = t.path();
    git(
        d,
        &["remote", "add", "origin", "git@github.com:org/repo.git"],
    );
    git(
        d,
        &[
            "mv",
            "doc/adr/0016-audit-trail.md",
            "doc/adr/0027-audit-trail.md",
        ],
    );
    git(d, &["rm", "-q", "doc/adr/0009-old-cache.md"]);
    git(
        d,
        &[
            "commit",
            "-q",
            "-m",
            "Renumber 16 to 27",
            "--date=2023-05-02T10:00:00+00:00",
        ],
    );
    let short = git(d, &["rev-parse", "--short=7", "HEAD"])
        .trim()
        .to_string();
    (t, short)
}

const LINKS: &str = "\
# 30. Links

Date: 2023-06-01

## Status

Accepted

Supersedes [ADR 16](0016-audit-trail.md)

## Context

- relative: [ADR-0016](./0016-audit-trail.md#context) and [the trail](../adr/0016-audit-trail.md)
- absolute: [ADR 16](https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md?plain=1#L10)
- root: [16. Audit trail](/doc/adr/0016-audit-trail.md)
- pinned: [old](https://github.com/org/repo/blob/1a2b3c4d/doc/adr/0016-audit-trail.md)
- deleted: [ADR 9](0009-old-cache.md)
- case: [ADR 3](0003-Use-X.md)
- fine: [ADR 20](https://github.com/org/repo/blob/main/doc/adr/0020-retention.md)

## Decision

This.

## Consequences

Those.

```
[in code](0016-audit-trail.md)
```
";

#[test]
fn links_to_renumbered_adrs_are_repaired_from_history() {
    let (t, short) = renumbered();
    let d = t.path();
    std::fs::write(d.join("doc/adr/0030-links.md"), LINKS).unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "links"]);

    let r = adrgov(d, &["check"]);
    let moved = format!("renamed to `0027-audit-trail.md` in {short} (2023-05-02)");
    assert_eq!(
        r.stdout,
        format!("\
error[one-sided-relation]: doc/adr/0027-audit-trail.md:7: 0027 says \"superseded by 0030\", but 0030 does not say \"supersedes 0027\"
  = hint: `adrgov check --fix` writes the missing side
error[broken-reference]: doc/adr/0030-links.md:9: `supersedes` refers to `0016-audit-trail.md`, which is no ADR: {moved}
  = hint: `adrgov check --fix` rewrites the link
error[broken-reference]: doc/adr/0030-links.md:13: link to `../adr/0016-audit-trail.md`, which does not exist: {moved}
  = hint: `adrgov check --fix` rewrites the link
error[broken-reference]: doc/adr/0030-links.md:13: link to `0016-audit-trail.md`, which does not exist: {moved}
  = hint: `adrgov check --fix` rewrites the link
error[broken-reference]: doc/adr/0030-links.md:14: link to `https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md`, which does not exist: {moved}
  = hint: `adrgov check --fix` rewrites the link
error[broken-reference]: doc/adr/0030-links.md:15: link to `/doc/adr/0016-audit-trail.md`, which does not exist: {moved}
  = hint: `adrgov check --fix` rewrites the link
error[broken-reference]: doc/adr/0030-links.md:17: link to `0009-old-cache.md`, which does not exist
  = hint: fix the link
error[broken-reference]: doc/adr/0030-links.md:18: link to `0003-Use-X.md`, which does not exist
  = hint: did you mean `0003-use-x.md`?
8 errors, 0 warnings in 5 ADRs checked
"),
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 1);

    let before = snapshot_dir(d);
    // Repairing a link does not edit the decision's text: accepted-edited stays quiet.
    let r = adrgov(d, &["check", "--fix"]);
    assert_eq!(
        r.stderr,
        "\
fixed: doc/adr/0030-links.md:9: link `0016-audit-trail.md` now points at `0027-audit-trail.md`
fixed: doc/adr/0030-links.md:13: link `./0016-audit-trail.md#context` now points at `./0027-audit-trail.md#context`
fixed: doc/adr/0030-links.md:13: link `../adr/0016-audit-trail.md` now points at `../adr/0027-audit-trail.md`
fixed: doc/adr/0030-links.md:14: link `https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md?plain=1#L10` now points at `https://github.com/org/repo/blob/main/doc/adr/0027-audit-trail.md?plain=1#L10`
fixed: doc/adr/0030-links.md:15: link `/doc/adr/0016-audit-trail.md` now points at `/doc/adr/0027-audit-trail.md`
"
    );
    // Exactly those links changed; every other byte of every file is as it was.
    let want = LINKS
        .replace("[ADR 16](0016-audit-trail.md)", "[ADR 27](0027-audit-trail.md)")
        .replace("[ADR-0016](./0016-audit-trail.md#context)", "[ADR-0027](./0027-audit-trail.md#context)")
        .replace("[the trail](../adr/0016-audit-trail.md)", "[the trail](../adr/0027-audit-trail.md)")
        .replace(
            "[ADR 16](https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md?plain=1#L10)",
            "[ADR 27](https://github.com/org/repo/blob/main/doc/adr/0027-audit-trail.md?plain=1#L10)",
        )
        .replace("[16. Audit trail](/doc/adr/0016-audit-trail.md)", "[27. Audit trail](/doc/adr/0027-audit-trail.md)");
    assert_eq!(read(d.join("doc/adr/0030-links.md")), want);
    let mut after = snapshot_dir(d);
    let key = std::path::PathBuf::from("doc/adr/0030-links.md");
    assert_ne!(after.remove(&key), None);
    let mut unchanged = before.clone();
    unchanged.remove(&key);
    assert_eq!(after, unchanged);
    // What is left: the deleted file and the case slip.
    assert_eq!(
        r.stdout,
        "\
error[broken-reference]: doc/adr/0030-links.md:17: link to `0009-old-cache.md`, which does not exist
  = hint: fix the link
error[broken-reference]: doc/adr/0030-links.md:18: link to `0003-Use-X.md`, which does not exist
  = hint: did you mean `0003-use-x.md`?
2 errors, 0 warnings in 5 ADRs checked
"
    );
    // A second run changes nothing.
    let again = snapshot_dir(d);
    let r2 = adrgov(d, &["check", "--fix"]);
    assert_eq!(r2.stderr, "");
    assert_eq!(r2.stdout, r.stdout);
    assert_eq!(snapshot_dir(d), again);
}

#[test]
fn absolute_urls_into_this_repository_resolve_by_path() {
    // Item 5: the path decides, not the number in the link's text or name.
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("doc/adr/0003-use-x.md", &adr(3, "Use X", "Accepted", "")),
            ("doc/adr/0016-queue.md", &adr(16, "Queue", "Accepted", "")),
            (
                "doc/adr/0020-retention.md",
                &adr(20, "Retention", "Accepted", ""),
            ),
            // Text says 16, the URL names 20: it is 20.
            (
                "doc/adr/0021-a.md",
                &adr(
                    21,
                    "A",
                    "Superseded by [ADR 16](https://github.com/org/repo/blob/main/doc/adr/0020-retention.md)",
                    "",
                ),
            ),
            // A renumbered-away file: dangling, never today's 16.
            (
                "doc/adr/0022-b.md",
                &adr(
                    22,
                    "B",
                    "Superseded by [ADR 16](https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md)",
                    "",
                ),
            ),
            // Another repository's ADR 3 is not ours.
            (
                "doc/adr/0023-c.md",
                &adr(
                    23,
                    "C",
                    "Superseded by [ADR 3](https://github.com/other/repo/blob/main/doc/adr/0003-use-x.md)",
                    "",
                ),
            ),
            // No link: by number.
            (
                "doc/adr/0024-d.md",
                &adr(24, "D", "Superseded by ADR-3", ""),
            ),
            // Wrong only in letter case: it means 20, and says so.
            (
                "doc/adr/0025-e.md",
                &adr(25, "E", "Superseded by [ADR 20](./0020-Retention.md)", ""),
            ),
        ],
        true,
    );
    let d = t.path();
    let run = |origin: &str| {
        git(d, &["remote", "remove", "origin"]);
        git(d, &["remote", "add", "origin", origin]);
        adrgov(
            d,
            &["check", "--no-history", "--allow", "superseded-status"],
        )
    };
    git(d, &["remote", "add", "origin", "/tmp/x.bundle"]);
    let want = "\
error[one-sided-relation]: doc/adr/0021-a.md:7: 0021 says \"superseded by 0020\", but 0020 does not say \"supersedes 0021\"
  = hint: `adrgov check --fix` writes the missing side
error[broken-reference]: doc/adr/0022-b.md:7: `superseded by` refers to `https://github.com/org/repo/blob/main/doc/adr/0016-audit-trail.md`, which is no ADR
  = hint: fix the reference, or remove the relation
error[broken-reference]: doc/adr/0023-c.md:7: `superseded by` refers to `https://github.com/other/repo/blob/main/doc/adr/0003-use-x.md`, which is no ADR
  = hint: fix the reference, or remove the relation
error[one-sided-relation]: doc/adr/0024-d.md:7: 0024 says \"superseded by 0003\", but 0003 does not say \"supersedes 0024\"
  = hint: `adrgov check --fix` writes the missing side
error[broken-reference]: doc/adr/0025-e.md:7: link to `0020-Retention.md`, which does not exist
  = hint: did you mean `0020-retention.md`?
error[one-sided-relation]: doc/adr/0025-e.md:7: 0025 says \"superseded by 0020\", but 0020 does not say \"supersedes 0025\"
  = hint: `adrgov check --fix` writes the missing side
6 errors, 0 warnings in 8 ADRs checked
";
    for origin in [
        "git@github.com:org/repo.git",
        "https://github.com/org/repo.git",
        "ssh://git@github.com/Org/Repo",
    ] {
        assert_eq!(run(origin).stdout, want, "{origin}");
    }
}

#[test]
fn every_forge_shape_resolves_by_path() {
    let t = repo(
        &[
            ("adrgov.toml", TOML),
            ("doc/adr/0001-a.md", &adr(1, "A", "Accepted", "")),
            ("doc/adr/0002-b.md", &adr(2, "B", "Accepted", "")),
        ],
        true,
    );
    let d = t.path();
    git(d, &["remote", "add", "origin", "/tmp/none"]);
    for (origin, url) in [
        (
            "https://gitlab.com/team/sub/repo.git",
            "https://gitlab.com/team/sub/repo/-/blob/main/doc/adr/0009-gone.md#L3",
        ),
        (
            "git@bitbucket.org:team/repo.git",
            "https://bitbucket.org/team/repo/src/main/doc/adr/0009-gone.md",
        ),
        (
            "https://gitea.example.com/team/repo.git",
            "https://gitea.example.com/team/repo/src/branch/main/doc/adr/0009-gone.md",
        ),
        (
            "git@github.com:team/repo.git",
            "https://github.com/team/repo/tree/release/1.0/doc/adr/0009-gone.md",
        ),
    ] {
        git(d, &["remote", "set-url", "origin", origin]);
        let ok = url.replace("0009-gone.md", "0002-b.md");
        std::fs::write(
            d.join("doc/adr/0001-a.md"),
            adr(
                1,
                "A",
                "Accepted",
                &format!("\nSee [ADR 2]({ok}) and [ADR 2]({url}).\n"),
            ),
        )
        .unwrap();
        let r = adrgov(d, &["check", "--no-history"]);
        let shown = url.split(['#', '?']).next().unwrap();
        assert_eq!(
            r.stdout,
            format!(
                "error[broken-reference]: doc/adr/0001-a.md:13: link to `{shown}`, which does not exist\n  = hint: fix the link\n1 error, 0 warnings in 2 ADRs checked\n"
            ),
            "{origin}"
        );
    }
    // `[site] repo-url` names the repository too.
    git(d, &["remote", "remove", "origin"]);
    std::fs::write(
        d.join("adrgov.toml"),
        format!("{TOML}\n[site]\nrepo-url = \"https://github.com/team/repo/blob/main\"\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("doc/adr/0001-a.md"),
        adr(
            1,
            "A",
            "Accepted",
            "\nSee [ADR 2](https://github.com/team/repo/blob/main/doc/adr/0009-gone.md).\n",
        ),
    )
    .unwrap();
    let r = adrgov_env(d, &["check", "--no-history"], &[]);
    assert_eq!(
        r.stdout,
        "error[broken-reference]: doc/adr/0001-a.md:13: link to `https://github.com/team/repo/blob/main/doc/adr/0009-gone.md`, which does not exist\n  = hint: fix the link\n1 error, 0 warnings in 2 ADRs checked\n"
    );
}

#[test]
fn dotcom_rendering_link_to_the_pre_move_path_is_repaired() {
    // 019 links to ADR 003 by its path before the 2021 move into `dotcom-rendering/`.
    let (_t, d) = crate::support::clone_corpus("dotcom-rendering");
    git(
        &d,
        &[
            "remote",
            "set-url",
            "origin",
            "https://github.com/guardian/dotcom-rendering.git",
        ],
    );
    std::fs::write(
        d.join("adrgov.toml"),
        "[adr]\ndir = \"dotcom-rendering/docs/architecture\"\n",
    )
    .unwrap();
    let path = "dotcom-rendering/docs/architecture/019-react-to-preact.md";
    let r = adrgov(&d, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let found: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path && f["rule"] == "broken-reference")
        .map(|f| {
            format!(
                "{}: {} ({})",
                f["line"],
                f["message"].as_str().unwrap(),
                f["hint"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "7: link to `https://github.com/guardian/dotcom-rendering/blob/main/docs/architecture/003-react.md`, which does not exist: moved to `dotcom-rendering/docs/architecture/003-react.md` in fab2ffe (2021-08-17) (`adrgov check --fix` rewrites the link)"
        ]
    );
    let before = snapshot_dir(&d);
    let text = read(d.join(path));
    let allow = [
        "--allow",
        "one-sided-relation",
        "--allow",
        "superseded-status",
        "--allow",
        "stale-toc",
    ];
    let r = adrgov(&d, &[&["check", "--fix"][..], &allow].concat());
    assert_eq!(
        r.stderr,
        format!(
            "fixed: {path}:7: link `https://github.com/guardian/dotcom-rendering/blob/main/docs/architecture/003-react.md` now points at `https://github.com/guardian/dotcom-rendering/blob/main/dotcom-rendering/docs/architecture/003-react.md`\n"
        )
    );
    let mut want = before.clone();
    want.insert(
        path.into(),
        text.replace(
            "/blob/main/docs/architecture/003-react.md)",
            "/blob/main/dotcom-rendering/docs/architecture/003-react.md)",
        )
        .into_bytes(),
    );
    assert_eq!(snapshot_dir(&d), want);
    let r = adrgov(&d, &[&["check", "--fix"][..], &allow].concat());
    assert_eq!(r.stderr, "");
    assert_eq!(snapshot_dir(&d), want);
}

#[test]
fn site_links_to_the_renamed_adr_page() {
    let (t, _) = renumbered();
    let d = t.path();
    std::fs::write(d.join("doc/adr/0030-links.md"), LINKS).unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "links"]);
    let out = d.join("site");
    let r = adrgov(d, &["site", "build", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(out.join("adr/0030.html"));
    let items: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("<li>") && l.contains(": "))
        .collect();
    // A permalink (pinned to a commit) names the same decision: its page too.
    assert_eq!(
        items,
        [
            "<li>relative: <a href=\"0027.html#context\" rel=\"noopener noreferrer\">ADR-0016</a> and <a href=\"0027.html\" rel=\"noopener noreferrer\">the trail</a></li>",
            "<li>absolute: <a href=\"0027.html\" rel=\"noopener noreferrer\">ADR 16</a></li>",
            "<li>root: <a href=\"0027.html\" rel=\"noopener noreferrer\">16. Audit trail</a></li>",
            "<li>pinned: <a href=\"0027.html\" rel=\"noopener noreferrer\">old</a></li>",
            "<li>deleted: ADR 9</li>",
            "<li>case: ADR 3</li>",
            "<li>fine: <a href=\"0020.html\" rel=\"noopener noreferrer\">ADR 20</a></li>",
        ]
    );
}
