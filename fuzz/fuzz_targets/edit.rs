//! Surgical edits: parse → edit → parse must agree. A status set is read back; a relation
//! added is read back and adding it again changes nothing; lines outside the edit survive.
#![no_main]

use adrgov::parse::edit::{self, Style, Target};
use adrgov::parse::{self, Vocab};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocab::default();
    let name = "0001-use-x.md";
    let p = parse::parse("doc/adr/0001-use-x.md", name, text, &vocab);
    if p.adr.status.is_some() && p.layout.status.is_some() {
        let out = edit::set_status(text, &p, "rejected");
        let q = parse::parse("doc/adr/0001-use-x.md", name, &out, &vocab);
        assert_eq!(q.adr.status.as_deref(), Some("rejected"), "{text:?} -> {out:?}");
        assert_eq!(q.adr.title, p.adr.title, "{text:?} -> {out:?}");
    }
    let kind = vocab.kind("amends").expect("amends is in the vocabulary");
    let target = Target {
        short: "ADR-0002".into(),
        link_text: "2. Other".into(),
        file: "0002-other.md".into(),
    };
    let once = edit::add_relation(text, &p, kind, &target, Style::default());
    let q = parse::parse("doc/adr/0001-use-x.md", name, &once, &vocab);
    assert!(
        q.adr.relations.iter().any(|r| r.kind == "amends"),
        "relation not read back: {text:?} -> {once:?}"
    );
    let twice = edit::add_relation(&once, &q, kind, &target, Style::default());
    assert_eq!(once, twice, "adding the relation again changed the file");
});
