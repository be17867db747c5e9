//! Values written over several lines (issue 10, item 9): `status` and `link` replace the whole
//! value, every line of it, and nothing else.

use crate::support::*;

const CONFIG: (&str, &str) = ("adrgov.toml", "[adr]\ndir = \"docs/decisions\"\n");

#[test]
fn status_of_a_front_matter_value_wrapped_by_an_editor() {
    let t = repo(
        &[
            CONFIG,
            (
                "docs/decisions/0001-use-x.md",
                "---\nstatus: proposed, pending review by the\n  architecture board\ndate: 2024-01-02 # kept\n---\n# Use X\n\nBody\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["status", "1", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        // The whole value is read; its status is its leading term (the rest is a remark).
        "docs/decisions/0001-use-x.md: proposed → accepted\n"
    );
    assert_eq!(
        read(t.path().join("docs/decisions/0001-use-x.md")),
        "---\nstatus: accepted\ndate: 2024-01-02 # kept\n---\n# Use X\n\nBody\n"
    );
}

#[test]
fn status_of_block_and_quoted_values() {
    let t = repo(
        &[
            CONFIG,
            (
                "docs/decisions/0001-folded.md",
                "---\nstatus: >- # folded\n  proposed,\n  pending review\n\ntags: [a]\n---\n# Folded\n",
            ),
            (
                "docs/decisions/0002-quoted.md",
                "---\ntitle: Quoted\nstatus: \"proposed, pending\n  review\"   # who decides?\n---\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["status", "1", "rejected"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = adrgov(t.path(), &["status", "2", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/decisions/0001-folded.md")),
        "---\nstatus: rejected # folded\n\ntags: [a]\n---\n# Folded\n"
    );
    assert_eq!(
        read(t.path().join("docs/decisions/0002-quoted.md")),
        "---\ntitle: Quoted\nstatus: \"accepted\"   # who decides?\n---\n"
    );
}

#[test]
fn link_into_a_flow_list_spanning_lines_and_a_wrapped_nygard_status() {
    let t = repo(
        &[
            CONFIG,
            (
                "docs/decisions/0001-a.md",
                "---\nstatus: accepted\namends: [ADR-0005,\n         ADR-0007]  # both\n---\n# A\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "# 2. B\n\nDate: 2024-01-02\n\n## Status\n\nProposed, pending review by the\narchitecture board\n\n## Context\n\nC\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["link", "1", "amends", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/decisions/0001-a.md")),
        "---\nstatus: accepted\namends: [ADR-0005, ADR-0007, ADR-0002]  # both\n---\n# A\n"
    );
    let r = adrgov(t.path(), &["status", "2", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("docs/decisions/0002-b.md")),
        "# 2. B\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmended by [1. A](0001-a.md)\n\n## Context\n\nC\n"
    );
}

/// A status written behind a blockquote marker (and a list marker) is changed in place, the
/// markers kept.
#[test]
fn status_behind_a_blockquote_marker() {
    let t = repo(
        &[(
            "doc/adr/0001-use-x.md",
            "# 1. Use X\n\n## Status\n\n> Proposed\n\n## Context\n\nWhy.\n",
        )],
        false,
    );
    let r = adrgov(t.path(), &["status", "1", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "doc/adr/0001-use-x.md: proposed → accepted\n");
    assert_eq!(
        read(t.path().join("doc/adr/0001-use-x.md")),
        "# 1. Use X\n\n## Status\n\n> Accepted\n\n## Context\n\nWhy.\n"
    );
}

#[test]
fn status_behind_a_blockquote_and_list_marker() {
    let t = repo(
        &[(
            "doc/adr/0001-use-x.md",
            "# 1. Use X\n\n## Status\n\n> - Proposed\n\n## Context\n\nWhy.\n",
        )],
        false,
    );
    let r = adrgov(t.path(), &["status", "1", "accepted"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("doc/adr/0001-use-x.md")),
        "# 1. Use X\n\n## Status\n\n> - Accepted\n\n## Context\n\nWhy.\n"
    );
}
