use super::*;

fn p(name: &str, text: &str) -> Parsed {
    parse(&format!("d/{name}"), name, text, &Vocab::default())
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
    assert_eq!(r.adr.relations[0].kind, "superseded-by");
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
        clean_title("Architecture Decision Record: Use ADRs"),
        "Use ADRs"
    );
    assert_eq!(clean_title("2FA everywhere"), "2FA everywhere");
    assert_eq!(clean_title("10. Terraform"), "Terraform");
}

#[test]
fn bad_yaml_names_the_line() {
    let r = p(
        "0001-x.md",
        "---\nstatus: accepted\ntags: [a, b\n---\n# X\n",
    );
    assert_eq!(r.adr.problems.len(), 1);
    assert_eq!(r.adr.problems[0].rule, "invalid-front-matter");
    assert!(
        r.adr.problems[0].line.is_some_and(|l| l >= 3),
        "{:?}",
        r.adr.problems
    );
}
