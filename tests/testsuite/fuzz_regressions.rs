//! Every input a fuzzer found (`tests/fixtures/fuzz/<target>/`) replayed through the same
//! property the fuzz target checks (`adrgov::fuzzing`), plus the command-line view of each fix.

use crate::support::*;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut n = 0;
    // A target with no finding has no directory (git keeps no empty directories).
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "md") {
            continue; // the README of the directory
        }
        check(&std::fs::read(&p).expect("read"));
        n += 1;
    }
    n
}

#[test]
fn fuzz_findings_stay_fixed() {
    assert!(replay("edit", adrgov::fuzzing::edit) >= 2);
    replay("parse", adrgov::fuzzing::parse);
    replay("resolve", adrgov::fuzzing::resolve);
    replay("config", adrgov::fuzzing::config);
}

/// Found by the `edit` target: a relation appended to a file that ends inside an unclosed code
/// block fell into the block and was never read back. The block is now closed first.
#[test]
fn link_after_an_unclosed_code_block_is_read_back() {
    let t = repo(
        &[
            (
                "doc/adr/0001-a.md",
                "# 1. A\n\nDate: 2020-01-01\n\nRun this:\n\n```bash\nrun it\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["link", "2", "amends", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(t.path().join("doc/adr/0001-a.md")),
        "# 1. A\n\nDate: 2020-01-01\n\nRun this:\n\n```bash\nrun it\n```\n\n## Status\n\nAmended by [2. B](0002-b.md)\n\n"
    );
    // Both sides are read: no one-sided relation.
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    assert!(!r.stdout.contains("one-sided"), "{}", r.stdout);
}

/// Found by the `edit` target: the YAML reader ignores front matter after a NUL, so keys there
/// vanished. Such front matter is now reported and the file is not edited.
#[test]
fn front_matter_with_a_nul_is_reported_and_not_edited() {
    // Past the first 8 KiB, where a NUL no longer marks the file as binary.
    let a = format!(
        "---\n# {}\n# note \0\nstatus: accepted\n---\n\n# A\n",
        "long comment ".repeat(700)
    );
    let t = repo(
        &[
            ("docs/decisions/0001-a.md", &a),
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: accepted\n---\n\n# B\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["link", "2", "amends", "1"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim_end(),
        "error: docs/decisions/0001-a.md:3: front matter contains a NUL character; fix it before adrgov edits this file (nothing was changed)"
    );
    assert_eq!(read(t.path().join("docs/decisions/0001-a.md")), a);
}

/// Found by the `edit` target: a date whose eleventh byte is inside a character panicked.
#[test]
fn a_date_cut_inside_a_character_is_just_not_a_date() {
    assert_eq!(adrgov::parse::parse_date("2020-01-0\u{feff}1"), None);
    assert_eq!(adrgov::parse::parse_date("2020-01-01\u{feff}"), None);
    assert!(adrgov::parse::parse_date("2020-01-01 12:00").is_some());
    let t = repo(
        &[(
            "doc/adr/0001-a.md",
            "# 1. A\n\nDate: 2020-01-0\u{feff}1\n\n## Status\n\nAccepted\n",
        )],
        false,
    );
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("\"rule\": \"invalid-date\""),
        "{}",
        r.stdout
    );
}

/// Found by the `edit` target: adding a key to front matter written as a flow mapping broke
/// its YAML. Such an edit is refused; nothing is written.
#[test]
fn an_edit_that_would_break_front_matter_is_refused() {
    let a = "---\n{status: accepted, date: 2020-01-01}\n---\n\n# A\n";
    let t = repo(
        &[
            ("docs/decisions/0001-a.md", a),
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: accepted\n---\n\n# B\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["link", "2", "amends", "1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim_end(),
        "error: docs/decisions/0001-a.md: adrgov cannot add to this file's front matter without breaking its YAML (is it written as a flow mapping `{…}`?); nothing was changed: make the edit by hand"
    );
    assert_eq!(read(t.path().join("docs/decisions/0001-a.md")), a);
    assert_eq!(
        read(t.path().join("docs/decisions/0002-b.md")),
        "---\nstatus: accepted\n---\n\n# B\n"
    );
}

/// Found reading the change again: the site decoded `%20` in links but `check` did not, so a
/// correct CommonMark link to a file with a space was reported broken.
#[test]
fn a_percent_encoded_link_resolves_for_check_as_for_the_site() {
    let t = repo(
        &[
            (
                "doc/adr/0001-use space.md",
                "# 1. Use space\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmended by [2. B](0002-b.md)\n",
            ),
            (
                "doc/adr/0002-b.md",
                "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmends [1. Use space](0001-use%20space.md)\n\nSee [it](0001-use%20space.md).\n",
            ),
        ],
        false,
    );
    let r = adrgov(t.path(), &["check", "--no-history", "--format", "json"]);
    assert!(!r.stdout.contains("broken-reference"), "{}", r.stdout);
    assert!(!r.stdout.contains("one-sided-relation"), "{}", r.stdout);
}
