//! Edits of values written over several lines: the edit replaces the whole value and nothing
//! else, and what it wrote reads back.

use super::*;
use crate::parse::{Vocab, parse};

const PATH: &str = "doc/adr/0001-use-x.md";
const NAME: &str = "0001-use-x.md";

/// `status` set in `text` through [`set_status`], checked by [`verify`].
fn status(text: &str, status: &str) -> String {
    let vocab = Vocab::default();
    let p = parse(PATH, NAME, text, &vocab);
    let out = set_status(text, &p, status);
    assert_eq!(
        verify(PATH, NAME, text, &out, &vocab, &Intent::status(status)),
        Ok(()),
        "{out}"
    );
    out
}

fn target() -> Target {
    Target {
        short: "ADR-0002".into(),
        link_text: "2. Other".into(),
        file: "0002-other.md".into(),
    }
}

/// The relation `kind` → ADR-0002 added to `text`, checked by [`verify`].
fn relate(text: &str, kind: &str) -> String {
    let vocab = Vocab::default();
    let p = parse(PATH, NAME, text, &vocab);
    let Some(k) = vocab.kind(kind) else {
        panic!("no kind {kind}")
    };
    let out = add_relation(text, &p, k, &target(), Style::default());
    assert_eq!(
        verify(
            PATH,
            NAME,
            text,
            &out,
            &vocab,
            &Intent::relation(k, &target())
        ),
        Ok(()),
        "{out}"
    );
    out
}

const TAIL: &str = "date: 2020-01-01 # when\n---\n# Use X\n";

#[test]
fn plain_value_continued_on_indented_lines() {
    let t = format!("---\nstatus: proposed, pending review by the\n  architecture board\n{TAIL}");
    assert_eq!(
        status(&t, "accepted"),
        format!("---\nstatus: accepted\n{TAIL}")
    );
    // Over three lines, with a blank line inside and a comment at the end.
    let t = format!(
        "---\nstatus: proposed,\n    pending\n\n    review # by whom?\n# about the date\n{TAIL}"
    );
    assert_eq!(
        status(&t, "accepted"),
        format!("---\nstatus: accepted # by whom?\n# about the date\n{TAIL}")
    );
}

#[test]
fn block_scalars_folded_and_literal() {
    for header in [">", "|", ">-", "|+", ">2", "|-2", "> # note"] {
        let t =
            format!("---\nstatus: {header}\n  proposed, pending review\n  by the board\n\n{TAIL}");
        let comment = header.find(" #").map_or("", |p| &header[p..]);
        assert_eq!(
            status(&t, "accepted"),
            format!("---\nstatus: accepted{comment}\n\n{TAIL}"),
            "{header}"
        );
    }
}

#[test]
fn quoted_values_spanning_lines() {
    let t = format!(
        "---\nstatus: \"proposed, pending review by the\n  architecture board\" # who\n{TAIL}"
    );
    assert_eq!(
        status(&t, "accepted"),
        format!("---\nstatus: \"accepted\" # who\n{TAIL}")
    );
    // `''` is a quote inside a single-quoted value, not its end.
    let t = format!("---\nstatus: 'proposed, the board''s\n  review pending'\n{TAIL}");
    assert_eq!(
        status(&t, "accepted"),
        format!("---\nstatus: 'accepted'\n{TAIL}")
    );
    // `\"` inside a double-quoted value.
    let t = format!("---\nstatus: \"proposed \\\"soon\\\"\n  maybe\"\n{TAIL}");
    assert_eq!(
        status(&t, "rejected"),
        format!("---\nstatus: \"rejected\"\n{TAIL}")
    );
}

#[test]
fn value_on_the_next_line() {
    let t = format!("---\nstatus:\n  proposed\n{TAIL}");
    assert_eq!(
        status(&t, "accepted"),
        format!("---\nstatus: accepted\n{TAIL}")
    );
}

#[test]
fn superseded_status_written_over_the_whole_value() {
    let t = format!("---\nstatus: >-\n  proposed\n  for now\n{TAIL}");
    assert_eq!(
        relate(&t, "superseded-by"),
        format!("---\nstatus: superseded by ADR-0002\n{TAIL}")
    );
}

#[test]
fn flow_sequence_spanning_lines() {
    let t = format!("---\nstatus: accepted\namends: [ADR-0005,\n  ADR-0007] # both\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\nstatus: accepted\namends: [ADR-0005, ADR-0007, ADR-0002] # both\n{TAIL}")
    );
    // Already there, on the second line: nothing changes.
    let t = format!("---\namends: [\n  ADR-0005,\n  ADR-0002,\n]\n{TAIL}");
    assert_eq!(relate(&t, "amends"), t);
    let t = format!("---\namends: [\n  ADR-0005,\n]\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\namends: [ADR-0005, ADR-0002]\n{TAIL}")
    );
}

#[test]
fn block_list_with_a_comment_after_it() {
    let t = format!("---\namends:\n  - ADR-0005\n  # ADR-0009 was withdrawn\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\namends:\n  - ADR-0005\n  - ADR-0002\n  # ADR-0009 was withdrawn\n{TAIL}")
    );
    let t = format!("---\namends:\n- ADR-0005\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\namends:\n- ADR-0005\n- ADR-0002\n{TAIL}")
    );
}

#[test]
fn scalar_relation_spanning_lines() {
    let t = format!("---\namends: ADR-0005\n  and ADR-0007\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\namends: [ADR-0005 and ADR-0007, ADR-0002]\n{TAIL}")
    );
    let t = format!("---\namends: [ADR-0005] # first\n{TAIL}");
    assert_eq!(
        relate(&t, "amends"),
        format!("---\namends: [ADR-0005, ADR-0002] # first\n{TAIL}")
    );
}

#[test]
fn crlf_endings_stay() {
    let t =
        "---\r\nstatus: proposed, pending\r\n  review\r\ndate: 2020-01-01\r\n---\r\n# Use X\r\n";
    assert_eq!(
        status(t, "accepted"),
        "---\r\nstatus: accepted\r\ndate: 2020-01-01\r\n---\r\n# Use X\r\n"
    );
}

const NYGARD: &str = "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\n";

#[test]
fn nygard_status_paragraph_is_one_value() {
    let t =
        format!("{NYGARD}Proposed, pending review by the\narchitecture board\n\n## Context\n\nC\n");
    let p = parse(PATH, NAME, &t, &Vocab::default());
    assert_eq!(
        p.adr.status_text.as_deref(),
        Some("Proposed, pending review by the architecture board")
    );
    assert_eq!(
        status(&t, "accepted"),
        format!("{NYGARD}Accepted\n\n## Context\n\nC\n")
    );
    assert_eq!(
        relate(&t, "superseded-by"),
        format!("{NYGARD}Superseded by [2. Other](0002-other.md)\n\n## Context\n\nC\n")
    );
}

#[test]
fn nygard_paragraph_stops_at_relations_and_keys() {
    let t = format!("{NYGARD}Accepted\nAmends [5. Y](0005-y.md)\n\n## Context\n\nC\n");
    assert_eq!(
        status(&t, "deprecated"),
        format!("{NYGARD}Deprecated\nAmends [5. Y](0005-y.md)\n\n## Context\n\nC\n")
    );
    let t = format!("{NYGARD}Accepted\nDate: 2020-02-02\n- note\n");
    assert_eq!(
        status(&t, "deprecated"),
        format!("{NYGARD}Deprecated\nDate: 2020-02-02\n- note\n")
    );
}

#[test]
fn verify_refuses_a_value_that_reads_back_otherwise() {
    let vocab = Vocab::default();
    let old = format!("---\nstatus: proposed, pending review by the\n  architecture board\n{TAIL}");
    // What adrgov wrote before it read values over lines.
    let wrong = format!("---\nstatus: accepted\n  architecture board\n{TAIL}");
    assert_eq!(
        verify(PATH, NAME, &old, &wrong, &vocab, &Intent::status("accepted")),
        Err("the status written would read back as `accepted architecture board`, not `accepted`; nothing was changed: make the edit by hand".into())
    );
    let Some(k) = vocab.kind("amends") else {
        panic!("amends")
    };
    let no_rel = format!("---\nstatus: accepted\n{TAIL}");
    assert_eq!(
        verify(PATH, NAME, &old, &no_rel, &vocab, &Intent::relation(k, &target())),
        Err("the relation `amends ADR-0002` would not read back from the edited file; nothing was changed: make the edit by hand".into())
    );
}

#[test]
fn verify_accepts_a_status_already_set_and_kept() {
    let vocab = Vocab::default();
    let old = format!("{NYGARD}Superseded.\n");
    let new = format!("{NYGARD}Superseded.\n\nSuperseded by [2. Other](0002-other.md)\n");
    let Some(k) = vocab.kind("superseded-by") else {
        panic!("superseded-by")
    };
    let intent = Intent::status("superseded").and(Intent::relation(k, &target()));
    assert_eq!(verify(PATH, NAME, &old, &new, &vocab, &intent), Ok(()));
    // The same relation with the status changed to something else is refused.
    let other = format!("{NYGARD}Accepted\n\nSuperseded by [2. Other](0002-other.md)\n");
    assert_eq!(
        verify(PATH, NAME, &old, &other, &vocab, &intent),
        Err("the status written would read back as `Accepted`, not `superseded`; nothing was changed: make the edit by hand".into())
    );
}

/// A status written in its heading is replaced there, whatever separates it from `Status`
/// (fuzz finding edit-crash-199142e2: `## Status - x` got the new word appended).
#[test]
fn status_in_a_heading_is_replaced_after_any_separator() {
    for (heading, want) in [
        ("## Status: Proposed", "## Status: Accepted"),
        ("## Status - ending", "## Status - accepted"),
        ("## Status — proposed", "## Status — accepted"),
        ("## **Status:** Proposed", "## **Status:** Accepted"),
        ("## Status: Proposed ##", "## Status: Accepted ##"),
        ("  ### Status: Proposed", "  ### Status: Accepted"),
        ("Status: Proposed\n---", "Status: Accepted\n---"),
    ] {
        let text = format!("# 1. Use X\n\n{heading}\n\n## Context\n\nx\n");
        assert_eq!(
            status(&text, "accepted"),
            format!("# 1. Use X\n\n{want}\n\n## Context\n\nx\n"),
            "{heading}"
        );
    }
}

/// A status kept as a task list: the check moves to the item saying the new status, or a
/// checked item is added after the list; superseding checks a `Superseded by` item.
#[test]
fn status_in_a_task_list_moves_the_check() {
    let text = "# 1. Use X\n\n## Status\n\n- [ ] Proposed\n- [x] Accepted\n- [ ] Rejected\n\n## Context\n\nx\n";
    assert_eq!(
        status(text, "rejected"),
        text.replace("[x] Accepted", "[ ] Accepted")
            .replace("[ ] Rejected", "[x] Rejected")
    );
    assert_eq!(
        status(text, "deprecated"),
        text.replace("[x] Accepted", "[ ] Accepted")
            .replace("- [ ] Rejected\n", "- [ ] Rejected\n- [x] Deprecated\n")
    );
    assert_eq!(status(text, "accepted"), text);
    let vocab = Vocab::default();
    let p = parse(PATH, NAME, text, &vocab);
    let kind = vocab
        .kind_of(&RelationKind::SupersededBy)
        .expect("a built-in kind");
    let out = add_relation(text, &p, kind, &target(), Style::default());
    assert_eq!(
        out,
        text.replace("[x] Accepted", "[ ] Accepted").replace(
            "- [ ] Rejected\n",
            "- [ ] Rejected\n- [x] Superseded by [2. Other](0002-other.md)\n"
        )
    );
    assert_eq!(
        verify(
            PATH,
            NAME,
            text,
            &out,
            &vocab,
            &Intent::relation(kind, &target())
        ),
        Ok(())
    );
    assert_eq!(
        parse(PATH, NAME, &out, &vocab).adr.status.as_deref(),
        Some("superseded")
    );
}

/// A status bullet whose text starts on the next line (`- ` then `Proposed`): the new word
/// goes after the bullet's space, so the line stays a bullet (fuzz finding crash-384ec4a8).
#[test]
fn status_after_an_empty_bullet_keeps_the_bullet() {
    let text = "# 1. Use X\n\n## Status\n\n- \nProposed\n\n## Context\n\nx\n";
    assert_eq!(
        status(text, "rejected"),
        "# 1. Use X\n\n## Status\n\n- Rejected\n\n## Context\n\nx\n"
    );
}

/// A status log gets today's entry, shaped like its latest one: at the end, or at the top of
/// a log that runs newest first; in a table, a row with the other cells empty.
#[test]
fn status_logs_get_todays_entry() {
    let today = crate::parse::date::today().format("%Y-%m-%d").to_string();
    let doc = |section: &str| format!("# 1. Use X\n\n## Status\n\n{section}\n\n## Context\n\nx\n");
    for (before, after) in [
        (
            "- 2021-01-04: Proposed\n- 2021-02-01: Accepted".to_string(),
            format!("- 2021-01-04: Proposed\n- 2021-02-01: Accepted\n- {today}: Deprecated"),
        ),
        (
            "* **Accepted** (2021-02-01)\n* Proposed (2021-01-04)".to_string(),
            format!("* **Deprecated** ({today})\n* **Accepted** (2021-02-01)\n* Proposed (2021-01-04)"),
        ),
        (
            "| Date       | Status   | Note  |\n|------------|----------|-------|\n| 2021-02-01 | Accepted | ok    |".to_string(),
            format!("| Date       | Status   | Note  |\n|------------|----------|-------|\n| 2021-02-01 | Accepted | ok    |\n| {today} | Deprecated |       |"),
        ),
    ] {
        assert_eq!(status(&doc(&before), "deprecated"), doc(&after), "{before}");
        // The status it has already: nothing to add.
        assert_eq!(status(&doc(&before), "accepted"), doc(&before), "{before}");
    }
    // A log with a date ahead of today: the new entry takes that date, to be the latest.
    assert_eq!(
        status(
            &doc("- 2021-01-04: Proposed\n- 2999-01-01: Accepted"),
            "rejected"
        ),
        doc("- 2021-01-04: Proposed\n- 2999-01-01: Accepted\n- 2999-01-01: Rejected")
    );
    let vocab = Vocab::default();
    let text = doc("- 2021-01-04: Proposed\n- 2021-02-01: Accepted");
    let p = parse(PATH, NAME, &text, &vocab);
    let kind = vocab
        .kind_of(&RelationKind::SupersededBy)
        .expect("a built-in kind");
    let out = add_relation(&text, &p, kind, &target(), Style::default());
    assert_eq!(
        out,
        doc(&format!(
            "- 2021-01-04: Proposed\n- 2021-02-01: Accepted\n- {today}: Superseded by [2. Other](0002-other.md)"
        ))
    );
    assert_eq!(
        verify(
            PATH,
            NAME,
            &text,
            &out,
            &vocab,
            &Intent::relation(kind, &target())
        ),
        Ok(())
    );
}

/// TOML front matter: the status string replaced (or added where the file keeps its fields),
/// references added to arrays in the shape they are written in, or as a new key.
#[test]
fn toml_front_matter_edits() {
    let hugo = "+++\ntitle = \"Use X\"\nstatus = 'proposed' # for now\namends = [\"ADR-0003\"]\nrelated = [\n  \"ADR-0004\"\n]\n\n[menu.main]\nweight = 3\n+++\n\nx\n";
    assert_eq!(
        status(hugo, "accepted"),
        hugo.replace("status = 'proposed'", "status = \"accepted\"")
    );
    let zola = "+++\ntitle = \"Use X\"\n\n[extra]\nauthor = \"Ana\"\n+++\n\nx\n";
    assert_eq!(
        status(zola, "accepted"),
        zola.replace("[extra]\n", "[extra]\nstatus = \"accepted\"\n")
    );
    assert_eq!(
        relate(hugo, "amends"),
        hugo.replace("[\"ADR-0003\"]", "[\"ADR-0003\", \"ADR-0002\"]")
    );
    assert_eq!(
        relate(hugo, "relates-to"),
        hugo.replace("  \"ADR-0004\"\n", "  \"ADR-0004\",\n  \"ADR-0002\",\n")
    );
    assert_eq!(
        relate(hugo, "supersedes"),
        hugo.replace(
            "]\n\n[menu.main]",
            "]\nsupersedes = [\"ADR-0002\"]\n\n[menu.main]"
        )
    );
    assert_eq!(
        relate(zola, "amends"),
        zola.replace("[extra]\n", "[extra]\namends = [\"ADR-0002\"]\n")
    );
    assert_eq!(
        relate(hugo, "superseded-by"),
        hugo.replace("status = 'proposed'", "status = \"superseded by ADR-0002\"")
    );
}

/// Review of the session after issue 12: a `Replaced by` status is kept when superseding again;
/// a task list with several boxes ticked ends with one; YAML alias keys take the reference.
#[test]
fn replaced_by_several_ticks_and_alias_keys() {
    let text = "# 1. Use X\n\n## Status\n\nReplaced by [5. Y](0005-y.md)\n\n## Context\n\nx\n";
    assert_eq!(
        relate(text, "superseded-by"),
        text.replace(
            "Replaced by [5. Y](0005-y.md)\n",
            "Replaced by [5. Y](0005-y.md)\n\nSuperseded by [2. Other](0002-other.md)\n"
        )
    );
    let text = "---\nstatus: replaced by ADR-0005\n---\n# Use X\n";
    assert_eq!(
        relate(text, "superseded-by"),
        text.replace("ADR-0005", "ADR-0005, ADR-0002")
    );
    let text = "---\nstatus: accepted\nreplaces: [ADR-0003]\n---\n# Use X\n";
    assert_eq!(
        relate(text, "supersedes"),
        text.replace("[ADR-0003]", "[ADR-0003, ADR-0002]")
    );
    let ticked = "# 1. Use X\n\n## Status\n\n- [x] Proposed\n- [x] Accepted\n- [ ] Implemented\n\n## Context\n\nx\n";
    assert_eq!(
        status(ticked, "implemented"),
        ticked
            .replace("[x]", "[ ]")
            .replace("[ ] Implemented", "[x] Implemented")
    );
    assert_eq!(
        status(ticked, "proposed"),
        ticked.replace("[x] Accepted", "[ ] Accepted")
    );
}

/// TOML arrays whose first items share the key line, and `key = value` text inside a
/// multi-line string (no key).
#[test]
fn toml_arrays_over_lines_and_strings_that_look_like_keys() {
    let vocab = Vocab::default();
    let text = "+++\ntitle = \"Use X\"\ndescription = \"\"\"\nstatus = draft\n\"\"\"\nstatus = \"accepted\"\namends = [\"ADR-0003\",\n  \"ADR-0004\"\n]\n+++\n\nx\n";
    let p = parse(PATH, NAME, text, &vocab);
    assert_eq!(
        p.layout.front.as_ref().map(|f| f
            .keys
            .iter()
            .map(|k| (k.name.as_str(), k.line))
            .collect::<Vec<_>>()),
        Some(vec![
            ("title", 2),
            ("description", 3),
            ("status", 6),
            ("amends", 7)
        ])
    );
    assert_eq!(p.layout.status, Some(StatusAt::Front(6)));
    let k = vocab
        .kind_of(&RelationKind::Amends)
        .expect("a built-in kind");
    let out = add_relation(text, &p, k, &target(), Style::default());
    assert_eq!(
        out,
        text.replace("  \"ADR-0004\"\n]", "  \"ADR-0004\",\n  \"ADR-0002\",\n]")
    );
    assert_eq!(
        verify(
            PATH,
            NAME,
            text,
            &out,
            &vocab,
            &Intent::relation(k, &target())
        ),
        Ok(())
    );
}

/// A quote inside a plain item of a YAML flow list is a character, and `''` inside a
/// single-quoted item an escaped quote: the list is found whole and the reference added to it
/// (fuzz finding crash-8c773ecf: the list was taken for a scalar and nested in a new one).
#[test]
fn quotes_inside_yaml_flow_lists() {
    for (list, want) in [
        ("[ADR-0'1]", "[ADR-0'1, ADR-0002]"),
        ("['a''b]c', ADR-0003]", "['a''b]c', ADR-0003, ADR-0002]"),
        ("[\"x]\", ADR-0003]", "[\"x]\", ADR-0003, ADR-0002]"),
    ] {
        let text = format!("---\nstatus: accepted\namends: {list}\n---\n# Use X\n");
        assert_eq!(relate(&text, "amends"), text.replace(list, want), "{list}");
    }
}
