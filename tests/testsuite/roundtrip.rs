//! Property: for generated ADRs in every dialect, with LF or CRLF, a status change or a link
//! changes exactly the intended lines and nothing else.

use adrgov::parse::edit::{self, Style, Target};
use adrgov::parse::{self, Vocab};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy)]
enum Dialect {
    NygardSection,
    NygardInline,
    MadrFront,
    MadrBullets,
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z][a-z]{1,8}"
}

fn prose_line() -> impl Strategy<Value = String> {
    // Text that is never metadata: it starts with a lower-case word.
    prop::collection::vec(word(), 1..8).prop_map(|w| format!("and {}", w.join(" ")))
}

#[derive(Debug, Clone)]
struct Doc {
    text: String,
    eol: &'static str,
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop_oneof![
            Just(Dialect::NygardSection),
            Just(Dialect::NygardInline),
            Just(Dialect::MadrFront),
            Just(Dialect::MadrBullets)
        ],
        prop_oneof![Just("\n"), Just("\r\n")],
        prop::collection::vec(word(), 1..5),
        prop_oneof![
            Just("Accepted"),
            Just("proposed"),
            Just("PROPOSED"),
            Just("Deprecated.")
        ],
        prop::collection::vec(prose_line(), 0..6),
        any::<bool>(), // a decoy fenced block
        any::<bool>(), // final newline
        any::<bool>(), // unknown front-matter keys / comments
    )
        .prop_map(|(d, eol, title, status, prose, decoy, final_nl, extra)| {
            let title = title.join(" ");
            let mut lines: Vec<String> = Vec::new();
            match d {
                Dialect::MadrFront => {
                    lines.push("---".into());
                    if extra {
                        lines.push("parent: Decisions # jekyll".into());
                    }
                    lines.push(format!("status: {}", status.to_lowercase()));
                    lines.push("date: 2021-03-04".into());
                    if extra {
                        lines.push("custom-key:".into());
                        lines.push("  - kept as is".into());
                    }
                    lines.push("---".into());
                    lines.push(format!("# {title}"));
                    lines.push(String::new());
                }
                Dialect::MadrBullets => {
                    lines.push(format!("# {title}"));
                    lines.push(String::new());
                    lines.push(format!("- Status: {}", status.to_lowercase()));
                    lines.push("- Date: 2021-03-04".into());
                    lines.push(String::new());
                }
                Dialect::NygardSection => {
                    lines.push(format!("# 5. {title}"));
                    lines.push(String::new());
                    lines.push("Date: 2021-03-04".into());
                    lines.push(String::new());
                    lines.push("## Status".into());
                    lines.push(String::new());
                    lines.push(status.to_string());
                    lines.push(String::new());
                }
                Dialect::NygardInline => {
                    lines.push(format!("# 5. {title}"));
                    lines.push(String::new());
                    lines.push(format!("Status: {status}"));
                    lines.push(String::new());
                }
            }
            lines.push("## Context".into());
            lines.push(String::new());
            lines.extend(prose.iter().cloned());
            if decoy {
                lines.push("```markdown".into());
                lines.push("## Status".into());
                lines.push("Rejected".into());
                lines.push("- Status: rejected".into());
                lines.push("```".into());
            }
            lines.push(String::new());
            lines.push("## Decision".into());
            lines.push(String::new());
            lines.extend(prose.into_iter().rev());
            let mut text = lines.join(eol);
            if final_nl {
                text.push_str(eol);
            }
            Doc { text, eol }
        })
}

/// Lines with their endings.
fn split(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn parsed(text: &str) -> parse::Parsed {
    parse::parse("adr/0005-x.md", "0005-x.md", text, &Vocab::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn status_change_touches_only_the_status_line(d in doc(), new in prop_oneof![Just("accepted"), Just("rejected"), Just("superseded")]) {
        let p = parsed(&d.text);
        prop_assert!(p.adr.status.is_some());
        let status_line = p.adr.status_line.expect("status line") - 1;
        let out = edit::set_status(&d.text, &p, new);
        let (a, b) = (split(&d.text), split(&out));
        prop_assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            if i == status_line {
                prop_assert_eq!(x.ends_with("\r\n"), y.ends_with("\r\n"));
            } else {
                prop_assert_eq!(x, y, "line {} changed", i + 1);
            }
        }
        let q = parsed(&out);
        prop_assert_eq!(q.adr.status.as_deref(), Some(new));
        prop_assert_eq!(q.adr.title, p.adr.title);
        prop_assert_eq!(q.adr.date_text, p.adr.date_text);
    }

    #[test]
    fn link_only_inserts_its_lines(d in doc()) {
        let p = parsed(&d.text);
        let vocab = Vocab::default();
        let kind = vocab.kind("amends").expect("amends");
        let target = Target { short: "ADR-0002".into(), link_text: "2. Other".into(), file: "0002-other.md".into() };
        let out = edit::add_relation(&d.text, &p, kind, &target, Style::default());
        let (a, b) = (split(&d.text), split(&out));
        // Every old line is kept, in order; the new lines are the relation (and blank lines).
        let mut j = 0;
        let mut added = Vec::new();
        for y in &b {
            let same = a.get(j).is_some_and(|x| x == y || (j + 1 == a.len() && !x.ends_with('\n') && y.strip_suffix(d.eol) == Some(x)));
            if same {
                j += 1;
            } else {
                added.push(*y);
            }
        }
        prop_assert_eq!(j, a.len(), "old lines lost: {:?}", out);
        prop_assert!(!added.is_empty());
        for l in &added {
            prop_assert!(l.ends_with(d.eol), "inserted line without the file's ending: {:?}", l);
            let t = l.trim_end();
            prop_assert!(t.is_empty() || t.contains("ADR-0002") || t.contains("[2. Other](0002-other.md)") || t == "## Links", "unexpected line {:?}", l);
        }
        let q = parsed(&out);
        prop_assert_eq!(&q.adr.status, &p.adr.status);
        prop_assert!(q.adr.relations.iter().any(|r| r.kind == adrgov::model::RelationKind::Amends && r.target.number == Some(2)), "{:?}", q.adr.relations);
        // Idempotent: linking again changes nothing.
        prop_assert_eq!(edit::add_relation(&out, &q, kind, &target, Style::default()), out.clone());
    }
}

/// How a generated status is wrapped over lines.
#[derive(Debug, Clone, Copy)]
enum Wrap {
    Plain,
    Folded,
    Literal,
    Double,
    Single,
    Nygard,
}

/// A file whose status is wrapped over several lines, and the same file with the status
/// `accepted` written on one line in its own style.
fn wrapped() -> impl Strategy<Value = (String, String)> {
    (
        prop_oneof![
            Just(Wrap::Plain),
            Just(Wrap::Folded),
            Just(Wrap::Literal),
            Just(Wrap::Double),
            Just(Wrap::Single),
            Just(Wrap::Nygard)
        ],
        prop_oneof![Just("\n"), Just("\r\n")],
        prop::collection::vec(prop::collection::vec("[a-z]{2,8}", 1..4), 1..4),
        1usize..5, // indentation of the continuation lines
    )
        .prop_map(|(wrap, eol, more, indent)| {
            let pad = " ".repeat(indent);
            let more: Vec<String> = more.iter().map(|w| format!("and {}", w.join(" "))).collect();
            let (head, tail) = (
                "---\nparent: Decisions # jekyll",
                "date: 2021-03-04 # decided\n---\n# Use X\n\n## Context\n\nC\n",
            );
            let nygard_tail = "\n## Context\n\nC\n";
            let cont = |last: &str| {
                more.iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let end = if i + 1 == more.len() { last } else { "" };
                        format!("{pad}{m}{end}\n")
                    })
                    .collect::<String>()
            };
            let (before, after) = match wrap {
                Wrap::Plain => (
                    format!("{head}\nstatus: proposed, pending\n{}{tail}", cont(" # review")),
                    format!("{head}\nstatus: accepted # review\n{tail}"),
                ),
                Wrap::Folded | Wrap::Literal => {
                    let h = if matches!(wrap, Wrap::Folded) { ">" } else { "|-" };
                    (
                        format!("{head}\nstatus: {h}\n{pad}proposed\n{}{tail}", cont("")),
                        format!("{head}\nstatus: accepted\n{tail}"),
                    )
                }
                Wrap::Double | Wrap::Single => {
                    let q = if matches!(wrap, Wrap::Double) { '"' } else { '\'' };
                    (
                        format!("{head}\nstatus: {q}proposed\n{}{tail}", cont(&q.to_string())),
                        format!("{head}\nstatus: {q}accepted{q}\n{tail}"),
                    )
                }
                Wrap::Nygard => {
                    let lines: String = more.iter().map(|m| format!("{m}\n")).collect();
                    (
                        format!("# 5. Use X\n\nDate: 2021-03-04\n\n## Status\n\nProposed, pending\n{lines}{nygard_tail}"),
                        format!("# 5. Use X\n\nDate: 2021-03-04\n\n## Status\n\nAccepted\n{nygard_tail}"),
                    )
                }
            };
            (before.replace('\n', eol), after.replace('\n', eol))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn status_change_replaces_a_wrapped_value_whole((before, after) in wrapped()) {
        let p = parsed(&before);
        prop_assert_eq!(p.adr.status.as_deref().map(|s| s.starts_with("proposed")), Some(true), "{:?}", p.adr.status);
        let out = edit::set_status(&before, &p, "accepted");
        prop_assert_eq!(&out, &after);
        prop_assert_eq!(
            edit::verify("adr/0005-x.md", "0005-x.md", &before, &out, &Vocab::default(), &edit::Intent::status("accepted")),
            Ok(())
        );
    }
}
