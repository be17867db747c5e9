use super::*;

fn p(name: &str, text: &str) -> Parsed {
    parse(format!("d/{name}"), name, text, &Vocab::default())
}

#[test]
fn nygard_section() {
    let t = "# 4. DNS definitions\n\nDate: 2017-07-14\n\n## Status\n\nSuperseded by [DNS Infrastructure](0015-dns-infrastructure.md)\n\n## Context\n\nx\n";
    let r = p("0004-dns.md", t);
    assert_eq!(r.adr.title.as_deref(), Some("DNS definitions"));
    assert_eq!(r.adr.status.as_deref(), Some("superseded"));
    assert_eq!(
        r.adr.status_text.as_deref(),
        Some("Superseded by [DNS Infrastructure](0015-dns-infrastructure.md)")
    );
    assert_eq!(r.adr.date_text.as_deref(), Some("2017-07-14"));
    assert_eq!(r.adr.relations.len(), 1);
    assert_eq!(
        r.adr.relations[0].kind,
        crate::model::RelationKind::SupersededBy
    );
    assert_eq!(r.adr.relations[0].target.number, Some(15));
    assert_eq!(r.adr.format, Format::Nygard);
}

#[test]
fn fenced_code_is_never_metadata() {
    let t = "---\nparent: Decisions\n---\n# Add Status Field\n\n```markdown\n---\nstatus: accepted\n---\n# Other title\n\n## Status\n\nAccepted\n```\n";
    let r = p("0008-add-status-field.md", t);
    assert_eq!(r.adr.title.as_deref(), Some("Add Status Field"));
    assert_eq!(r.adr.status, None);
    assert_eq!(r.adr.format, Format::Madr);
}

#[test]
fn madr_front_matter() {
    let t = "---\nstatus: \"superseded by ADR-0007\"\ndate: 2022-05-16\ndecision-makers: [Oliver, Anna]\ntags: [a, b]\n---\n# Use X\n";
    let r = p("0003-use-x.md", t);
    assert_eq!(r.adr.status.as_deref(), Some("superseded"));
    assert_eq!(r.adr.relations[0].target.number, Some(7));
    assert_eq!(r.adr.decision_makers, vec!["Oliver", "Anna"]);
    assert_eq!(r.adr.tags, vec!["a", "b"]);
    assert_eq!(r.layout.dialect, Dialect::FrontMatter);
}

#[test]
fn bullets() {
    let t = "# Use the ADR number\n\n- Status: superseded by [20201016-use-slug](20201016-use-slug.md)\n- Date: 2020-09-26\n- Deciders: A, B\n\n## Context\n\n## Links\n\n- Relates to [x](20200101-x.md)\n";
    let r = p("20200926-use-the-adr-number.md", t);
    assert_eq!(r.adr.id, "20200926-use-the-adr-number");
    assert_eq!(r.adr.status.as_deref(), Some("superseded"));
    assert_eq!(r.adr.relations.len(), 2);
    assert_eq!(r.adr.decision_makers, vec!["A", "B"]);
    assert_eq!(r.layout.dialect, Dialect::Bullets);
}

#[test]
fn inline_status_and_titles() {
    let r = p(
        "0001-x.md",
        "# ADR-1: Use X\n\nStatus: ✅ Accepted (documenting)\n",
    );
    assert_eq!(r.adr.title.as_deref(), Some("Use X"));
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(
        title_from_heading("Architecture Decision Record: Use ADRs", None),
        "Use ADRs"
    );
    assert_eq!(title_from_heading("2FA everywhere", None), "2FA everywhere");
    assert_eq!(title_from_heading("10. Terraform", None), "Terraform");
}

#[test]
fn bad_yaml_names_the_line() {
    let r = p(
        "0001-x.md",
        "---\nstatus: accepted\ntags: [a, b\n---\n# X\n",
    );
    assert_eq!(r.adr.problems.len(), 1);
    assert_eq!(
        r.adr.problems[0].kind,
        crate::model::ProblemKind::InvalidFrontMatter
    );
    assert!(
        r.adr.problems[0].line.is_some_and(|l| l >= 3),
        "{:?}",
        r.adr.problems
    );
}

/// A relation as (kind, written, number).
type Rel = (String, String, Option<u32>);

/// (title, status, status_text, relations, date, date_text)
type Reading = (
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<Rel>,
    Option<String>,
    Option<String>,
);

fn reading(name: &str, text: &str) -> Reading {
    let a = p(name, text).adr;
    (
        a.title,
        a.status,
        a.status_text,
        a.relations
            .into_iter()
            .map(|r| (r.kind.to_string(), r.target.written, r.target.number))
            .collect(),
        a.date.map(|d| d.to_string()),
        a.date_text,
    )
}

fn rel(kind: &str, written: &str, number: Option<u32>) -> Rel {
    (kind.to_string(), written.to_string(), number)
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn titles_in_every_numbered_form() {
    for (file, heading, title) in [
        ("0023-logging.md", "# 23 Logging", "Logging"),
        ("0009-x.md", "# 0009. Use X", "Use X"),
        ("0023-x.md", "# ADR 023 - Use X", "Use X"),
        ("0023-x.md", "# ADR023: Use X", "Use X"),
        ("0023-x.md", "# [ADR-23] Use X", "Use X"),
        ("0023-x.md", "# [23] Use X", "Use X"),
        ("0023-x.md", "# 23) Use X", "Use X"),
        ("0023-x.md", "# 23 - Use X", "Use X"),
        (
            "adr-001-x.md",
            "# ADR 001: Coin Source Tracing",
            "Coin Source Tracing",
        ),
        ("adr-027-x.md", "# ADR 27: Add Wasm", "Add Wasm"),
        (
            "adr-028-x.md",
            "# ADR: Secondary Fee Token Support",
            "Secondary Fee Token Support",
        ),
        (
            "0012-cache.md",
            "# 12) Cache layer {#adr_0012}",
            "Cache layer",
        ),
        (
            "0012-cache.md",
            "# Cache layer {.unnumbered}",
            "Cache layer",
        ),
        (
            "0012-cache.md",
            "# Cache layer {: #cache .wide}",
            "Cache layer",
        ),
        // A bare number that is not the file's own is part of the title.
        ("0003-x.md", "# 10 Downing Street", "10 Downing Street"),
        ("0002-x.md", "# 2FA everywhere", "2FA everywhere"),
        ("x.md", "# 23 Logging", "23 Logging"),
        // Braces that are not attributes stay.
        (
            "0001-x.md",
            "# Use {braces} in templates",
            "Use {braces} in templates",
        ),
        ("0001-x.md", "# ADR process", "ADR process"),
        (
            "0001-x.md",
            "# ADRs are kept in git",
            "ADRs are kept in git",
        ),
        ("0001-x.md", "# [Draft] Use X", "[Draft] Use X"),
    ] {
        let r = p(file, &format!("{heading}\n\nStatus: Accepted\n"));
        assert_eq!(r.adr.title.as_deref(), Some(title), "{heading}");
    }
}

#[test]
fn indented_heading_is_the_title_and_yaml_comments_are_not() {
    let r = p("0001-x.md", "   # Use X\n\nStatus: Accepted\n");
    assert_eq!(r.adr.title.as_deref(), Some("Use X"));
    assert_eq!(r.adr.title_line, Some(1));
    let r = p(
        "0001-x.md",
        "---\n# a YAML comment\nstatus: accepted\n---\n\n# Use Y\n",
    );
    assert_eq!(r.adr.title.as_deref(), Some("Use Y"));
    assert_eq!(r.adr.title_line, Some(6));
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    // Front matter that is not valid YAML is still front matter: its comment is no title.
    let r = p("0001-x.md", "---\n# comment\nstatus: [a\n---\n# Use Z\n");
    assert_eq!(r.adr.title.as_deref(), Some("Use Z"));
    // Nor when the block is never closed.
    let r = p("0001-x.md", "---\n# comment\nstatus: accepted\n\n# Use W\n");
    assert_eq!(r.adr.title.as_deref(), Some("Use W"));
    assert_eq!(
        r.adr.problems[0].kind,
        crate::model::ProblemKind::InvalidFrontMatter
    );
}

#[test]
fn cosmos_statuses() {
    let sec = |status: &str| {
        format!(
            "# ADR 009: X\n\n## Changelog\n\n- 2022: Initial\n\n## Status\n\n{status}\n\n## Context\n\nx\n"
        )
    };
    let cases: Vec<(&str, &str, Vec<Rel>)> = vec![
        ("Accepted, Implemented", "accepted", vec![]),
        ("*deprecated*", "deprecated", vec![]),
        (
            "*Accepted and applied in v0.1.0 of 08-wasm*",
            "accepted",
            vec![],
        ),
        (
            "Implemented. Superseded by [ADR-013](./adr-013-zero-padding.md).",
            "superseded",
            vec![rel("superseded-by", "./adr-013-zero-padding.md", Some(13))],
        ),
        (
            "Implemented. Parts of this ADR were superseded by [ADR-020](./adr-020-x.md)",
            "implemented",
            vec![],
        ),
        (
            "Deprecated in favor of [orchestrator-relayer#66](https://github.com/o/r/pull/66)",
            "deprecated",
            vec![],
        ),
        // adr-tools' `adr link` phrase that starts with a status word: both.
        (
            "Deprecated in favour of [4. X](0004-x.md)",
            "deprecated",
            vec![rel("deprecated-in-favour-of", "0004-x.md", Some(4))],
        ),
        (
            "Accepted -> Does not affect the Celestia Core Specification",
            "accepted",
            vec![],
        ),
        (
            "Implemented in <https://github.com/o/r/pull/1604>. `X` decreased in <https://github.com/o/r/pull/1766>.",
            "implemented",
            vec![],
        ),
        ("DRAFT", "draft", vec![]),
        ("Draft", "draft", vec![]),
        ("Adopted.", "adopted", vec![]),
        ("Approved/Merged", "approved", vec![]),
        ("In progress", "in progress", vec![]),
        ("Partially Implemented", "partially implemented", vec![]),
        (
            "Proposed\n\n_People are generally in favour._",
            "proposed",
            vec![],
        ),
    ];
    for (written, status, rels) in cases {
        let r = reading("adr-009-x.md", &sec(written));
        let first_line = written.lines().next().unwrap_or("");
        assert_eq!(r.1.as_deref(), Some(status), "{written}");
        assert_eq!(r.2.as_deref(), Some(first_line), "{written}");
        assert_eq!(r.3, rels, "{written}");
    }
    // `...` is no status at all.
    assert_eq!(reading("adr-018-x.md", &sec("...")).1, None);
}

#[test]
fn decorated_statuses_read_as_plain_ones() {
    for (line, status, text) in [
        ("Status: ✅ Accepted", "accepted", "✅ Accepted"),
        ("Status: ✔️ Accepted", "accepted", "✔️ Accepted"),
        ("Status: ✔ Accepted", "accepted", "✔ Accepted"),
        (
            "Status: :white_check_mark: Accepted",
            "accepted",
            ":white_check_mark: Accepted",
        ),
        ("**Status**: Accepted", "accepted", "Accepted"),
        ("**Status:** _Accepted_", "accepted", "_Accepted_"),
        ("Status: `accepted`", "accepted", "`accepted`"),
        ("Status: {accepted}", "accepted", "{accepted}"),
        ("Status: Accepted.", "accepted", "Accepted."),
        (
            "Status: ~~Proposed~~ Accepted",
            "accepted",
            "~~Proposed~~ Accepted",
        ),
        ("Status: ~~Accepted~~", "accepted", "~~Accepted~~"),
        ("Status - Accepted", "accepted", "Accepted"),
        ("Status — Proposed", "proposed", "Proposed"),
        ("| Status | Accepted |", "accepted", "Accepted"),
        ("|Status |Implemented|", "implemented", "Implemented"),
        (
            "| **Status** | Partially Implemented |",
            "partially implemented",
            "Partially Implemented",
        ),
        ("| Status: | Accepted |", "accepted", "Accepted"),
        ("| **Status:** | Accepted |", "accepted", "Accepted"),
        ("| __Status__ : | Accepted |", "accepted", "Accepted"),
    ] {
        let r = reading("0001-x.md", &format!("# Use X\n\n{line}\n\n## Context\n"));
        assert_eq!(r.1.as_deref(), Some(status), "{line}");
        assert_eq!(r.2.as_deref(), Some(text), "{line}");
    }
    // A blockquote in the Status section.
    let r = reading("0001-x.md", "# Use X\n\n## Status\n\n> Accepted\n");
    assert_eq!((r.1, r.2), (s("accepted"), s("> Accepted")));
    // A key cell that is itself a `Key - value` or `Key: value` line names no key: its row is
    // not metadata (read as one, the status would be `[t: Implemented`, and an edit of the
    // value cell would not change what is read; fuzz finding edit-crash-dc609b57).
    for row in [
        "| Status  - [t | Implemented |",
        "| Status: x | Implemented |",
        "| Status — x | Implemented |",
    ] {
        let r = reading("0001-x.md", &format!("# Use X\n\n{row}\n\n## Context\n"));
        assert_eq!((r.1.as_deref(), r.2.as_deref()), (None, None), "{row}");
    }
}

#[test]
fn relations_inside_decorated_and_compound_statuses() {
    let want = vec![rel("superseded-by", "041-queues.md", Some(41))];
    for line in [
        "Superseded by [041. Queues](041-queues.md)",
        "⌛️ Superseded by [041. Queues](041-queues.md)",
        "⌛ **Superseded by** [041. Queues](041-queues.md)",
        "> Superseded by [041. Queues](041-queues.md)",
        ":hourglass: Superseded by [041. Queues](041-queues.md)",
        "*Superseded by [041. Queues](041-queues.md)*",
    ] {
        let r = reading("0007-x.md", &format!("# 7. X\n\n## Status\n\n{line}\n"));
        assert_eq!(r.1.as_deref(), Some("superseded"), "{line}");
        assert_eq!(r.2.as_deref(), Some(line), "{line}");
        assert_eq!(r.3, want, "{line}");
        let r = reading("0007-x.md", &format!("# 7. X\n\nStatus: {line}\n"));
        assert_eq!(r.3, want, "Status: {line}");
    }
    let r = reading(
        "0007-x.md",
        "# 7. X\n\nStatus: accepted; supersedes ADR-0031\n",
    );
    assert_eq!(r.1.as_deref(), Some("accepted"));
    assert_eq!(r.3, vec![rel("supersedes", "ADR-0031", Some(31))]);
    let r = reading(
        "0007-x.md",
        "# 7. X\n\nStatus: Superseded by ADR-12 on 2021-03-04\n",
    );
    assert_eq!(r.1.as_deref(), Some("superseded"));
    assert_eq!(r.2.as_deref(), Some("Superseded by ADR-12 on 2021-03-04"));
    assert_eq!(r.3, vec![rel("superseded-by", "ADR-12", Some(12))]);
    let r = reading(
        "0007-x.md",
        "# 7. X\n\nStatus: Accepted, superseded by ADR-3, ADR-4\n",
    );
    assert_eq!(r.1.as_deref(), Some("superseded"));
    assert_eq!(
        r.3,
        vec![
            rel("superseded-by", "ADR-3", Some(3)),
            rel("superseded-by", "ADR-4", Some(4))
        ]
    );
}

#[test]
fn status_table_in_the_status_section_and_plain_file_names() {
    // A header row whose first cell is `Status` names a column: not read as `Status: Date`.
    let t = "# Use X\n\n## Status\n\n| Status | Date |\n|---|---|\n| Status | Accepted |\n\n## Context\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(r.adr.status_text.as_deref(), Some("Accepted"));
    assert_eq!(r.layout.status, Some(StatusAt::Table(7, 1)));
    let r = reading(
        "016-react-context-api.md",
        "# React Context API\n\n## Status\n\nSuperseded by 028-react-context-api.md\n",
    );
    assert_eq!(r.1.as_deref(), Some("superseded"));
    assert_eq!(
        r.3,
        vec![rel("superseded-by", "028-react-context-api.md", Some(28))]
    );
}

#[test]
fn decorated_relation_lines_elsewhere() {
    let t =
        "# 5. X\n\n## Status\n\nAccepted\n\n## Context\n\n> ⚠️ **Supersedes** [ADR-2](0002-y.md)\n";
    let r = reading("0005-x.md", t);
    assert_eq!(r.1.as_deref(), Some("accepted"));
    assert_eq!(r.3, vec![rel("supersedes", "0002-y.md", Some(2))]);
}

#[test]
fn front_matter_statuses() {
    let r = reading(
        "0007-x.md",
        "---\nstatus: \"accepted; supersedes ADR-0031\"\n---\n# X\n",
    );
    assert_eq!(r.1.as_deref(), Some("accepted"));
    assert_eq!(r.2.as_deref(), Some("accepted; supersedes ADR-0031"));
    assert_eq!(r.3, vec![rel("supersedes", "ADR-0031", Some(31))]);
    // A filled-in MADR placeholder `{ accepted }` is a YAML mapping: no status.
    let r = p("0007-x.md", "---\nstatus: { accepted }\n---\n# X\n");
    assert_eq!((r.adr.status, r.adr.status_text), (None, None));
    let r = reading("0007-x.md", "---\nstatus: \"{accepted}\"\n---\n# X\n");
    assert_eq!((r.1, r.2), (s("accepted"), s("{accepted}")));
}

#[test]
fn metadata_table() {
    let t = "# JetStream JSON API Design\n\n|Metadata|Value|\n|--------|-----|\n|Date    |2020-04-30|\n|Author  |@ripienaar|\n|Status  |Implemented|\n|Tags    |jetstream, client, server|\n\n## Context\n\nx\n\n## Status\n\nWhile this is marked `accepted`, we're still learning.\n";
    let r = p("ADR-1.md", t);
    assert_eq!(r.adr.title.as_deref(), Some("JetStream JSON API Design"));
    assert_eq!(r.adr.status.as_deref(), Some("implemented"));
    assert_eq!(r.adr.status_text.as_deref(), Some("Implemented"));
    assert_eq!(r.adr.status_line, Some(7));
    assert_eq!(r.layout.status, Some(StatusAt::Table(7, 1)));
    assert_eq!(
        r.adr.date.map(|d| d.to_string()).as_deref(),
        Some("2020-04-30")
    );
    assert_eq!(r.adr.date_line, Some(5));
    assert_eq!(r.adr.tags, vec!["jetstream", "client", "server"]);
}

#[test]
fn metadata_table_with_named_columns() {
    let t = "# Use X\n\n| Date | Status | Deciders |\n|------|--------|----------|\n| 20 Sep 2024 | **Accepted** | Ana, Bo |\n\n## Context\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(r.adr.status_text.as_deref(), Some("**Accepted**"));
    assert_eq!(r.adr.status_line, Some(5));
    assert_eq!(r.layout.status, Some(StatusAt::Table(5, 1)));
    assert_eq!(
        r.adr.date.map(|d| d.to_string()).as_deref(),
        Some("2024-09-20")
    );
    assert_eq!(r.adr.decision_makers, vec!["Ana", "Bo"]);
    // Column names with a closing colon.
    let t = "# Use X\n\n| **Date:** | Status: |\n|---|---|\n| 2024-09-20 | Accepted |\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(r.adr.status_text.as_deref(), Some("Accepted"));
    assert_eq!(r.layout.status, Some(StatusAt::Table(5, 1)));
    assert_eq!(r.adr.date_line, Some(5));
    // A table whose header names other columns is no metadata (nor is its first row).
    let t = "# Use X\n\n| Option | Status |\n|---|---|\n| Status | Accepted |\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(r.layout.status, Some(StatusAt::Table(5, 1)));
    let t = "# Use X\n\n| Option | Cost |\n|---|---|\n| Kafka | high |\n";
    assert_eq!(p("0001-use-x.md", t).adr.status_text, None);
}

#[test]
fn nbsp_and_level_one_status_headings() {
    let r = p(
        "028-react-context-api.md",
        "# React Context API\n\n## Context\n\nx\n\n##\u{a0}Status\n\nApproved\n",
    );
    assert_eq!(r.adr.status.as_deref(), Some("approved"));
    assert_eq!(r.layout.status, Some(StatusAt::Section(9)));
    // `# Status` among `##` sections ends at the next `##` (no relation from later sections).
    let t = "# 11. Integrating changesets\n\nDate: 2021-03-9\n\n# Status\n\nAccepted\n\n## Decision\n\nAmended by [the plan](0003-plan.md)\n";
    let r = p("0011-integrating_changesets.md", t);
    assert_eq!(r.adr.title.as_deref(), Some("Integrating changesets"));
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(r.layout.status, Some(StatusAt::Section(7)));
    assert_eq!(
        r.layout.status_section,
        Some(Section {
            starts: 5,
            heading: 5,
            end: 9
        })
    );
    assert_eq!(
        r.adr.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-09")
    );
}

#[test]
fn dates_as_teams_write_them() {
    for (written, date) in [
        ("2024-09-20", Some("2024-09-20")),
        ("2024-09-20T10:00:00Z", Some("2024-09-20")),
        ("2021-03-9", Some("2021-03-09")),
        ("September 20, 2024", Some("2024-09-20")),
        ("Sep 20, 2024", Some("2024-09-20")),
        ("Sept. 20 2024", Some("2024-09-20")),
        ("20 Sep 2024", Some("2024-09-20")),
        ("20th September 2024", Some("2024-09-20")),
        ("1st of May, 2019", Some("2019-05-01")),
        ("05/02/2018", None),
        ("25/02/2018", None),
        ("2024-14-02", None),
        ("February 30, 2024", None),
        ("20 Sep 24", None),
        ("Sep 2024", None),
        ("soon", None),
    ] {
        let r = reading("0001-x.md", &format!("# X\n\nDate: {written}\n"));
        assert_eq!(r.4.as_deref(), date, "{written}");
        assert_eq!(r.5.as_deref(), Some(written), "{written}");
    }
}

/// Owned (text, target) pairs.
fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn links_are_read_as_the_site_reads_them_text_and_target_as_written() {
    // Inline links, with a title, angle brackets, markup in the text, several on a line.
    assert_eq!(
        markdown_links(
            "Superseded by [2. Use X](0002-use-x.md) and [**ADR-3**](<0003 y.md> \"t\")"
        ),
        pairs(&[("2. Use X", "0002-use-x.md"), ("**ADR-3**", "0003 y.md")])
    );
    // Percent-encoding and escapes are kept as written; a fragment is part of the target.
    assert_eq!(
        markdown_links("- See [a\\_b](0004-a%20b.md#context)"),
        pairs(&[("a\\_b", "0004-a%20b.md#context")])
    );
    // Images, an image inside a link (both, in source order), autolinks.
    assert_eq!(
        markdown_links("[![diagram](img/d.png)](0005-d.md) <https://example.org/adr/6>"),
        pairs(&[
            ("![diagram](img/d.png)", "0005-d.md"),
            ("diagram", "img/d.png"),
            ("https://example.org/adr/6", "https://example.org/adr/6"),
        ])
    );
    // Brackets inside the text, an empty text, a list item's indented continuation line.
    assert_eq!(
        markdown_links("    [[7]](0007-x.md) [](0008-y.md)"),
        pairs(&[("[7]", "0007-x.md"), ("", "0008-y.md")])
    );
}

#[test]
fn what_the_site_does_not_render_as_a_link_is_not_a_link() {
    // In a code span, escaped, a space in a bare destination, a reference link, a bare word.
    for line in [
        "Run `[x](0001-a.md)` to see",
        "\\[x](0001-a.md)",
        "[x](0001 a.md)",
        "[x][ref]",
        "[x] (0001-a.md)",
        "no links here",
    ] {
        assert_eq!(
            markdown_links(line),
            Vec::<(String, String)>::new(),
            "{line}"
        );
    }
}

/// The 1-based lines of the relations read, in file order.
fn relation_lines(r: &Parsed) -> Vec<(String, usize)> {
    r.adr
        .relations
        .iter()
        .map(|x| (x.kind.to_string(), x.line))
        .collect()
}

#[test]
fn line_numbers_count_from_1_in_a_nygard_file() {
    let t = "# 4. Use PostgreSQL\n\
             \n\
             Date: 2017-07-14\n\
             \n\
             ## Status\n\
             \n\
             Accepted\n\
             \n\
             Supersedes [3. Use MySQL](0003-use-mysql.md)\n\
             \n\
             ## Context\n\
             \n\
             We need a database.\n\
             \n\
             ## Links\n\
             \n\
             - Relates to [5. Backups](0005-backups.md)\n";
    let r = p("0004-use-postgresql.md", t);
    let l = &r.layout;
    assert_eq!(l.last_line(), 17);
    assert_eq!(l.body_start, 1);
    assert_eq!(l.front, None);
    // The title: line 1, the same number in the layout and in the ADR.
    assert_eq!(l.title_line, Some(1));
    assert_eq!(r.adr.title_line, Some(1));
    assert_eq!(l.line_at(t, 1), "# 4. Use PostgreSQL");
    assert_eq!(
        l.headings.iter().map(|h| h.line).collect::<Vec<_>>(),
        vec![1, 5, 11, 15]
    );
    // `## Status` on line 5; its section ends where `## Context` (line 11) starts.
    assert_eq!(
        l.status_section,
        Some(Section {
            starts: 5,
            heading: 5,
            end: 11
        })
    );
    assert_eq!(l.line_at(t, 5), "## Status");
    // The status on line 7.
    assert_eq!(l.status, Some(StatusAt::Section(7)));
    assert_eq!(l.status.map(StatusAt::line), Some(7));
    assert_eq!(l.status_last, Some(7));
    assert_eq!(r.adr.status_line, Some(7));
    assert_eq!(l.line_at(t, 7), "Accepted");
    // The date on line 3.
    assert_eq!(l.date_line, Some(3));
    assert_eq!(r.adr.date_line, Some(3));
    assert_eq!(l.line_at(t, 3), "Date: 2017-07-14");
    // `## Links` on line 15 runs to the end of the file: it ends at last_line() + 1.
    assert_eq!(
        l.links_section,
        Some(Section {
            starts: 15,
            heading: 15,
            end: 18
        })
    );
    assert_eq!(l.line_at(t, 15), "## Links");
    assert_eq!(
        l.line_at(t, 17),
        "- Relates to [5. Backups](0005-backups.md)"
    );
    assert_eq!(
        relation_lines(&r),
        vec![
            ("supersedes".to_string(), 9),
            ("relates-to".to_string(), 17)
        ]
    );
    assert!((1..=17).all(|n| !l.is_code(n)));
}

#[test]
fn line_numbers_count_from_1_in_madr_front_matter() {
    let t = "---\n\
             status: accepted\n\
             date: 2022-05-16\n\
             decision-makers:\n\
             \x20 - Oliver\n\
             \x20 - Anna\n\
             supersedes: [ADR-0002]\n\
             ---\n\
             # Use X\n\
             \n\
             ## Context and Problem Statement\n";
    let r = p("0003-use-x.md", t);
    let l = &r.layout;
    assert_eq!(l.dialect, Dialect::FrontMatter);
    assert_eq!(l.last_line(), 11);
    let front = l.front.as_ref().map(|f| {
        (
            f.close,
            f.keys
                .iter()
                .map(|k| (k.name.as_str(), k.line, k.end))
                .collect::<Vec<_>>(),
        )
    });
    // `---` on lines 1 and 8; each key from its line to the next key's (the block list of
    // decision-makers spans lines 4 to 6), the last one up to the closing `---`.
    assert_eq!(
        front,
        Some((
            8,
            vec![
                ("status", 2, 3),
                ("date", 3, 4),
                ("decision-makers", 4, 7),
                ("supersedes", 7, 8),
            ]
        ))
    );
    assert_eq!(l.line_at(t, 2), "status: accepted");
    assert_eq!(l.line_at(t, 8), "---");
    assert!((1..=8).all(|n| l.is_code(n)));
    assert!((9..=11).all(|n| !l.is_code(n)));
    assert_eq!(l.body_start, 9);
    assert_eq!(l.status, Some(StatusAt::Front(2)));
    assert_eq!(r.adr.status_line, Some(2));
    assert_eq!(l.date_line, Some(3));
    assert_eq!(r.adr.date_line, Some(3));
    // The title heading is on line 9; the ADR's title also comes from it.
    assert_eq!(l.title_line, Some(9));
    assert_eq!(r.adr.title_line, Some(9));
    assert_eq!(
        l.headings.iter().map(|h| h.line).collect::<Vec<_>>(),
        vec![9, 11]
    );
    assert_eq!(relation_lines(&r), vec![("supersedes".to_string(), 7)]);
    // A `title:` key is the title: its line is the key's.
    let t = "---\ntitle: Use Y\nstatus: proposed\n---\n\n# Heading\n";
    let r = p("0004-use-y.md", t);
    assert_eq!(r.adr.title_line, Some(2));
    assert_eq!(r.layout.title_line, Some(6));
    assert_eq!(r.layout.status, Some(StatusAt::Front(3)));
    assert_eq!(r.layout.body_start, 5);
}

#[test]
fn line_numbers_count_from_1_in_bullets_inline_heading_and_table_files() {
    // MADR 2 bullets with a `## Links` section.
    let t = "# Use Z\n\n* Status: accepted\n* Date: 2020-01-02\n\n## Context and Problem Statement\n\nx\n\n## Links\n\n* Refines [ADR-0001](0001-a.md)\n\n## Other\n";
    let r = p("0002-use-z.md", t);
    assert_eq!(r.layout.dialect, Dialect::Bullets);
    assert_eq!(r.layout.status, Some(StatusAt::Bullet(3)));
    assert_eq!(r.adr.status_line, Some(3));
    assert_eq!(r.layout.date_line, Some(4));
    assert_eq!(
        r.layout.links_section,
        Some(Section {
            starts: 10,
            heading: 10,
            end: 14
        })
    );
    // `Status: Accepted` under the title, with a BOM: line 1 is read without it.
    let t = "\u{feff}# 7. Inline\n\nStatus: Accepted\nDate: 2021-03-04\n\n## Context\n";
    let r = p("0007-inline.md", t);
    assert_eq!(r.layout.line_at(t, 1), "# 7. Inline");
    assert_eq!(r.layout.status, Some(StatusAt::Inline(3)));
    assert_eq!(r.layout.date_line, Some(4));
    assert_eq!((r.adr.status_line, r.adr.date_line), (Some(3), Some(4)));
    // Metadata tables: a `| Status | x |` row (cell 1), and a header row naming the columns
    // whose values are in the data row two lines below it.
    let t =
        "# 10. Table\n\n| Key | Value |\n|---|---|\n| Status | Accepted |\n| Date | 2021-03-04 |\n";
    let r = p("0010-table.md", t);
    assert_eq!(r.layout.status, Some(StatusAt::Table(5, 1)));
    assert_eq!((r.adr.status_line, r.layout.date_line), (Some(5), Some(6)));
    let t = "# 11. Columns\n\n| Status | Date |\n|---|---|\n| Accepted | 2021-03-04 |\n";
    let r = p("0011-columns.md", t);
    assert_eq!(r.layout.status, Some(StatusAt::Table(5, 0)));
    assert_eq!((r.adr.status_line, r.layout.date_line), (Some(5), Some(5)));
    // `## Status: Accepted` (the heading holds the status) and a `## Date` section.
    let t = "# 8. Heading\n\n## Status: Accepted\n\n## Date\n\n2021-03-04\n";
    let r = p("0008-heading.md", t);
    assert_eq!(r.layout.status, Some(StatusAt::Heading(3)));
    assert_eq!(r.adr.status_line, Some(3));
    assert_eq!(r.layout.date_line, Some(7));
    assert_eq!(r.adr.date_line, Some(7));
    // A status wrapped over lines 5 and 6; a code block left open on line 8.
    let t =
        "# 9. Wrapped\n\n## Status\n\nAccepted for the\nbilling service only\n\n```sh\nrun it\n";
    let r = p("0009-wrapped.md", t);
    assert_eq!(r.layout.status, Some(StatusAt::Section(5)));
    assert_eq!(r.layout.status_last, Some(6));
    assert_eq!(
        r.adr.status_text.as_deref(),
        Some("Accepted for the billing service only")
    );
    assert_eq!(r.layout.open_fence, Some((8, "```".to_string())));
    assert!(!r.layout.is_code(7) && r.layout.is_code(8) && r.layout.is_code(9));
    // Outside the file: no line, not code.
    assert!(!r.layout.is_code(0) && !r.layout.is_code(10));
}

fn globs(r: &Parsed) -> Vec<(&str, usize)> {
    r.adr
        .governs
        .iter()
        .map(|g| (g.glob.as_str(), g.line))
        .collect()
}

#[test]
fn governs_front_matter_flow_list() {
    let t = "---\nstatus: accepted\ngoverns: [\"services/orders/db/**\", 'migrations/orders_*.sql']\n---\n# Use PostgreSQL\n";
    let r = p("0012-use-postgresql.md", t);
    assert_eq!(
        globs(&r),
        vec![("services/orders/db/**", 3), ("migrations/orders_*.sql", 3)]
    );
}

#[test]
fn governs_front_matter_block_list_keeps_each_line() {
    let t = "---\nstatus: accepted\ngoverns:\n  - services/orders/db/**\n  - \"src/{a,b}/*.rs\"\ndate: 2024-01-02\n---\n# X\n";
    let r = p("0012-x.md", t);
    assert_eq!(
        globs(&r),
        vec![("services/orders/db/**", 4), ("src/{a,b}/*.rs", 5)]
    );
}

#[test]
fn governs_front_matter_single_string() {
    let t = "---\nstatus: accepted\ngoverns: services/orders/\n---\n# X\n";
    assert_eq!(globs(&p("0001-x.md", t)), vec![("services/orders/", 3)]);
    let t = "---\ngoverns: \"a/**, b/{c,d}.rs\"\n---\n# X\n";
    assert_eq!(
        globs(&p("0001-x.md", t)),
        vec![("a/**", 2), ("b/{c,d}.rs", 2)]
    );
}

#[test]
fn governs_section_bullets_with_and_without_backticks() {
    let t = "# 3. Orders schema\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Governs\n\n- `services/orders/db/**`\n* migrations/orders_*.sql\n+ `docs/orders.md` (the runbook)\n\nNot a glob: prose under the list.\n\n## Context\n\n- not/governed\n";
    let r = p("0003-orders-schema.md", t);
    assert_eq!(
        globs(&r),
        vec![
            ("services/orders/db/**", 11),
            ("migrations/orders_*.sql", 12),
            ("docs/orders.md", 13)
        ]
    );
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
}

#[test]
fn governs_line_in_every_dialect() {
    let nygard = "# 3. X\n\nDate: 2024-01-02\nGoverns: services/orders/**, `lib/*.rs`\n\n## Status\n\nAccepted\n";
    assert_eq!(
        globs(&p("0003-x.md", nygard)),
        vec![("services/orders/**", 4), ("lib/*.rs", 4)]
    );
    let nygard = "# 3. X\n\nDate: 2024-01-02\nGoverns: services/orders/**, lib/*.rs\n\n## Status\n\nAccepted\n";
    assert_eq!(
        globs(&p("0003-x.md", nygard)),
        vec![("services/orders/**", 4), ("lib/*.rs", 4)]
    );
    let bullets = "# Use X\n\n- Status: accepted\n- Governs: api/**\n\n## Context\n";
    let r = p("0004-use-x.md", bullets);
    assert_eq!(globs(&r), vec![("api/**", 4)]);
    assert_eq!(r.layout.dialect, Dialect::Bullets);
    let heading = "# Governs: titles\n\n## Status\n\nAccepted\n\n## Governs: web/**\n";
    assert_eq!(globs(&p("0005-x.md", heading)), vec![("web/**", 7)]);
}

#[test]
fn governs_in_code_or_absent_is_nothing() {
    let t = "# 3. X\n\n## Status\n\nAccepted\n\n```\nGoverns: a/**\n```\n";
    assert_eq!(globs(&p("0003-x.md", t)), vec![]);
    let t = "---\nstatus: accepted\n---\n# X\n";
    assert_eq!(globs(&p("0003-x.md", t)), vec![]);
}

#[test]
fn setext_headings_are_headings() {
    let t = "Use Kafka\n\
             =========\n\
             \n\
             Date: 2021-03-04\n\
             \n\
             Status\n\
             ------\n\
             \n\
             Superseded by [2. Queues](0002-queues.md)\n\
             \n\
             Context\n\
             ---\n\
             \n\
             - a list item\n\
             ---\n\
             \n\
             A paragraph\n\
             of two lines\n\
             ---\n\
             \n\
             | a | b |\n\
             ---\n\
             \n\
             Words before a break\n\
             \n\
             ---\n\
             \n\
             ```\n\
             In code\n\
             ===\n\
             ```\n\
             Links\n\
             =====\n";
    let r = p("0001-use-kafka.md", t);
    let l = &r.layout;
    assert_eq!(
        l.headings
            .iter()
            .map(|h| (h.line, h.underline, h.level, h.text.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (1, Some(2), 1, "Use Kafka"),
            (6, Some(7), 2, "Status"),
            (11, Some(12), 2, "Context"),
            (32, Some(33), 1, "Links"),
        ]
    );
    assert_eq!(r.adr.title.as_deref(), Some("Use Kafka"));
    assert_eq!(r.adr.title_line, Some(1));
    assert_eq!(r.adr.date_line, Some(4));
    // The Status section's content starts after the underline and ends at `Context`.
    assert_eq!(
        l.status_section,
        Some(Section {
            starts: 6,
            heading: 7,
            end: 11
        })
    );
    assert_eq!(r.adr.status.as_deref(), Some("superseded"));
    assert_eq!(r.adr.status_line, Some(9));
    assert_eq!(
        reading("0001-use-kafka.md", t).3,
        vec![rel("superseded-by", "0002-queues.md", Some(2))]
    );
    // The first line of a body is a paragraph start; a front matter's closing `---` is not an
    // underline.
    let t = "---\nstatus: accepted\n---\nUse X\n=====\n";
    assert_eq!(p("0001-use-x.md", t).adr.title.as_deref(), Some("Use X"));
    let t = "---\ntitle: Use Y\n---\n\nText\n---\n";
    let r = p("0001-use-y.md", t);
    assert_eq!(
        r.layout
            .headings
            .iter()
            .map(|h| (h.line, h.underline))
            .collect::<Vec<_>>(),
        vec![(5, Some(6))]
    );
    assert_eq!(r.adr.title.as_deref(), Some("Use Y"));
}

#[test]
fn status_as_a_task_list_is_its_checked_item() {
    let t = "# 1. Use X\n\n## Status\n\n- [ ] Proposed\n* [X] Accepted\n- [ ] Rejected\n\nSupersedes [2. Y](0002-y.md)\n\n## Context\n\nx\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(r.adr.status_text.as_deref(), Some("Accepted"));
    assert_eq!(r.adr.status_line, Some(6));
    assert_eq!(r.layout.status, Some(StatusAt::Checked(6, 5, 7)));
    assert_eq!(
        reading("0001-use-x.md", t).3,
        vec![rel("supersedes", "0002-y.md", Some(2))]
    );
    // No box checked (a template's list): no status, and the paragraph after the list is not
    // taken for one.
    let t = "# 1. Use X\n\n## Status\n\n- [ ] Proposed\n- [ ] Accepted\n\nPick one.\n\n## Context\n\nx\n";
    let r = p("0001-use-x.md", t);
    assert_eq!((r.adr.status, r.layout.status), (None, None));
    // `[x]` must be a task box: `- [x](link)` or `- [xyz]` are not.
    let t = "# 1. Use X\n\n## Status\n\n- [x](0002-y.md) Accepted\n\n## Context\n";
    assert_eq!(
        p("0001-use-x.md", t).layout.status,
        Some(StatusAt::Section(5))
    );
}

#[test]
fn decision_status_headings_and_struck_statuses() {
    for heading in ["## Decision Status", "## Current Status:", "## ADR status"] {
        let t = format!("# 1. Use X\n\n{heading}\n\n~~Proposed~~ Accepted\n\n## Context\n");
        let r = p("0001-use-x.md", &t);
        assert_eq!(r.adr.status.as_deref(), Some("accepted"), "{heading}");
        assert_eq!(
            r.adr.status_text.as_deref(),
            Some("~~Proposed~~ Accepted"),
            "{heading}"
        );
        assert_eq!(r.layout.status, Some(StatusAt::Section(5)), "{heading}");
    }
    // Other headings that end in `status` are not the Status section.
    let t = "# 1. Use X\n\n## Implementation status\n\nAccepted\n\n## Context\n";
    assert_eq!(p("0001-use-x.md", t).adr.status, None);
}

#[test]
fn status_logs_give_their_latest_entry() {
    let read = |section: &str| {
        let t = format!("# 1. Use X\n\n## Status\n\n{section}\n\n## Context\n\nx\n");
        let r = p("0001-use-x.md", &t);
        (r.adr.status, r.adr.status_text, r.layout.status)
    };
    let st =
        |s: &str, text: &str, at: StatusAt| (Some(s.to_string()), Some(text.to_string()), Some(at));
    // Dates first, oldest first; blank lines between items.
    assert_eq!(
        read("- 2021-01-04: Proposed\n\n- **2021-02-01** - Accepted"),
        st("accepted", "Accepted", StatusAt::Logged(7, 5, 7))
    );
    // Dates after the status, newest first.
    assert_eq!(
        read("* Accepted on 2021-02-01\n* Proposed (2021-01-04)"),
        st("accepted", "Accepted", StatusAt::Logged(5, 5, 6))
    );
    // The same date twice: the one written later in the log's order.
    assert_eq!(
        read("- Proposed: 2021-01-04\n- Accepted: 2021-01-04"),
        st("accepted", "Accepted", StatusAt::Logged(6, 5, 6))
    );
    // A relation as the latest entry.
    assert_eq!(
        read("- 2021-01-04: Accepted\n- 2021-03-01: Superseded by [2. Y](0002-y.md)"),
        st(
            "superseded",
            "Superseded by [2. Y](0002-y.md)",
            StatusAt::Logged(6, 5, 6)
        )
    );
    // A table with Date and Status columns (and others), one row per change.
    assert_eq!(
        read(
            "| Date | Status | Note |\n|---|---|---|\n| 2021-01-04 | Proposed | draft |\n| 2021-02-01 | **Accepted** | |"
        ),
        st("accepted", "**Accepted**", StatusAt::Logged(8, 5, 8))
    );
    // Not logs: a bullet without a date, a date alone, a table without a Date column.
    assert_eq!(
        read("- Accepted"),
        st("accepted", "Accepted", StatusAt::Section(5))
    );
    assert_eq!(read("- 2021-01-04").2, Some(StatusAt::Section(5)));
    assert_eq!(
        read("| Status | Note |\n|---|---|\n| Accepted | x |").2,
        None
    );
}

#[test]
fn other_spellings_of_relations() {
    // `Replaces` / `Replaced by` are supersession; a status `Replaced by ..` is superseded.
    let t = "# 2. Y\n\n## Status\n\nReplaced by [3. Z](0003-z.md)\n\nReplaces [1. X](0001-x.md)\n\n## Context\n";
    let r = reading("0002-y.md", t);
    assert_eq!(r.1.as_deref(), Some("superseded"));
    assert_eq!(
        r.3,
        vec![
            rel("superseded-by", "0003-z.md", Some(3)),
            rel("supersedes", "0001-x.md", Some(1)),
        ]
    );
    // A `## Related` section's relation lines.
    let t = "# 2. Y\n\n## Status\n\nAccepted\n\n## Related\n\n- Relates to [1. X](0001-x.md)\n";
    assert_eq!(
        reading("0002-y.md", t).3,
        vec![rel("relates-to", "0001-x.md", Some(1))]
    );
    // Front-matter keys `related`, `replaces`, `replaced-by`.
    let t = "---\nstatus: accepted\nrelated: [ADR-0001]\nreplaces: ADR-0003\nreplaced_by: [ADR-0004]\n---\n# Y\n";
    assert_eq!(
        reading("0002-y.md", t).3,
        vec![
            rel("supersedes", "ADR-0003", Some(3)),
            rel("superseded-by", "ADR-0004", Some(4)),
            rel("relates-to", "ADR-0001", Some(1)),
        ]
    );
}

#[test]
fn toml_front_matter_is_read_like_yaml() {
    // Hugo: the fields at the top level.
    let t = "+++\ntitle = \"Use Hugo\"\nstatus = \"accepted\"  # since March\ndate = 2021-03-04\ntags = [\"web\"]\nsupersedes = [\"ADR-0001\"]\n\n[menu.main]\nweight = 3\n+++\n\n## Context\n";
    let r = p("0002-use-hugo.md", t);
    assert_eq!(r.layout.dialect, Dialect::FrontMatter);
    assert_eq!(r.adr.title.as_deref(), Some("Use Hugo"));
    assert_eq!(r.adr.status.as_deref(), Some("accepted"));
    assert_eq!(r.adr.status_line, Some(3));
    assert_eq!(r.layout.status, Some(StatusAt::Front(3)));
    assert_eq!(
        r.adr.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-04")
    );
    assert_eq!(r.adr.tags, vec!["web"]);
    assert_eq!(
        reading("0002-use-hugo.md", t).3,
        vec![rel("supersedes", "ADR-0001", Some(1))]
    );
    let front = r.layout.front.as_ref().map(|f| {
        (
            f.close,
            f.toml,
            f.tables,
            f.fields,
            f.keys
                .iter()
                .map(|k| (k.name.as_str(), k.line, k.end))
                .collect::<Vec<_>>(),
        )
    });
    assert_eq!(
        front,
        Some((
            10,
            true,
            8,
            None,
            vec![
                ("title", 2, 3),
                ("status", 3, 4),
                ("date", 4, 5),
                ("tags", 5, 6),
                ("supersedes", 6, 8),
            ]
        ))
    );
    assert_eq!(r.layout.body_start, 11);
    // Zola: the page's own fields in `[extra]`, tags in `[taxonomies]`.
    let t = "+++\ntitle = \"Use Zola\"\n\n[taxonomies]\ntags = [\"docs\"]\n\n[extra]\nstatus = \"proposed\"\n+++\n";
    let r = p("0003-use-zola.md", t);
    assert_eq!(
        (r.adr.status.as_deref(), r.adr.tags.clone(), r.layout.status),
        (
            Some("proposed"),
            vec!["docs".to_string()],
            Some(StatusAt::Front(8))
        )
    );
    assert_eq!(r.layout.front.as_ref().and_then(|f| f.fields), Some(7));
}

#[test]
fn toml_front_matter_that_is_not_toml_or_never_closed() {
    // Not TOML: a problem naming the line; never closed: a problem on line 1.
    let r = p(
        "0004-x.md",
        "+++\ntitle = \"X\"\nstatus = accepted\n+++\n# X\n",
    );
    let problems: Vec<(Option<usize>, &str)> = r
        .adr
        .problems
        .iter()
        .map(|x| (x.line, x.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, Some(3));
    assert!(
        problems[0]
            .1
            .starts_with("front matter is not valid TOML: "),
        "{}",
        problems[0].1
    );
    let r = p("0004-x.md", "+++\ntitle = \"X\"\n\n# X\n");
    assert_eq!(
        r.adr
            .problems
            .iter()
            .map(|x| (x.line, x.message.as_str()))
            .collect::<Vec<_>>(),
        vec![(
            Some(1),
            "front matter opened with `+++` on line 1 is never closed; add a closing `+++` line"
        )]
    );
}

#[test]
fn a_lone_carriage_return_in_yaml_front_matter_is_invalid() {
    // The YAML reader ends a line at a lone `\r`: the `---` after it would end the document.
    let t = "---\ntitle: X\r---\nstatus: accepted\n---\n# X\n";
    let r = p("0001-x.md", t);
    assert_eq!(
        r.adr
            .problems
            .iter()
            .map(|x| (x.kind, x.line, x.message.as_str()))
            .collect::<Vec<_>>(),
        vec![(
            crate::model::ProblemKind::InvalidFrontMatter,
            Some(2),
            "front matter contains a carriage return that ends no line (a `\\r` without `\\n`)"
        )]
    );
    // A document marker with more after it (`--- #x`) inside the block: the same.
    let r = p(
        "0001-x.md",
        "---\ntitle: X\n--- #x\nstatus: accepted\n---\n# X\n",
    );
    assert_eq!(
        r.adr
            .problems
            .iter()
            .map(|x| (x.line, x.message.as_str()))
            .collect::<Vec<_>>(),
        vec![(
            Some(3),
            "front matter holds a YAML document marker (`---` or `...` followed by more) before its end"
        )]
    );
    // CRLF line ends are line ends.
    let r = p(
        "0001-x.md",
        "---\r\ntitle: X\r\nstatus: accepted\r\n---\r\n# X\r\n",
    );
    assert_eq!(
        (r.adr.problems.len(), r.adr.status.as_deref()),
        (0, Some("accepted"))
    );
}

/// Review of the session after issue 12: shapes that must keep their old reading.
#[test]
fn rules_dated_bullets_and_ticked_lists_keep_their_reading() {
    let read = |section: &str| {
        let t = format!("# 1. Use X\n\n## Status\n\n{section}\n\n## Context\n\nx\n");
        let r = p("0001-use-x.md", &t);
        (r.adr.status, r.adr.status_text, r.layout.status)
    };
    // A `---` rule after the status in a file of `##` sections is no setext heading.
    assert_eq!(read("Accepted\n---").0.as_deref(), Some("accepted"));
    // One dated bullet is a status with its date, `Status:` key and all.
    assert_eq!(
        read("- Status: Accepted (2021-01-01)"),
        (
            Some("accepted".to_string()),
            Some("Accepted (2021-01-01)".to_string()),
            Some(StatusAt::Section(5))
        )
    );
    // Task items with dates are a task list; the last box ticked is the status.
    assert_eq!(
        read(
            "- [x] Proposed (2021-01-04)\n- [x] Accepted (2021-02-01)\n- [ ] Implemented (2021-06-01)"
        ),
        (
            Some("accepted".to_string()),
            Some("Accepted (2021-02-01)".to_string()),
            Some(StatusAt::Checked(6, 5, 7))
        )
    );
    // `Date: ...` over a `---` rule is a metadata line, in a file of setext sections too.
    let t = "Use X\n=====\n\nDate: 2021-03-04\n---\n\nStatus\n------\n\nAccepted\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(
        (r.adr.date_line, r.adr.status.as_deref()),
        (Some(4), Some("accepted"))
    );
    // A setext `Date` section: the date under its underline.
    let t = "Use X\n=====\n\nDate\n----\n\n2021-01-01\n";
    let r = p("0001-use-x.md", t);
    assert_eq!(
        (r.adr.date.map(|d| d.to_string()), r.adr.date_line),
        (Some("2021-01-01".to_string()), Some(7))
    );
    // YAML alias keys are read beside the kind's own.
    let t = "---\nstatus: accepted\nrelated: [ADR-0003]\nrelates-to: [ADR-0004]\n---\n# X\n";
    assert_eq!(
        reading("0001-x.md", t).3,
        vec![
            rel("relates-to", "ADR-0004", Some(4)),
            rel("relates-to", "ADR-0003", Some(3)),
        ]
    );
}
