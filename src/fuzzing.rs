//! The properties the fuzz targets (`fuzz/`) check, in the library so that every input a
//! fuzzer ever found is replayed by `cargo test` (`tests/fixtures/fuzz/<target>/`). Each
//! function panics when the property does not hold, and returns quietly otherwise.

use crate::error::Error;
use crate::model::{RawRef, number_in_ref};
use crate::parse::edit::{self, Intent, Style, Target};
use crate::parse::{self, Vocab, relations_in_line};
use crate::repo::config::{log4brains_dir, parse_config};
use crate::repo::{Loaded, Workspace};
use crate::site::markdown::{self, Dest};
use std::path::Path;
use std::sync::OnceLock;

/// The parser (every dialect) and the site's Markdown rendering: no panic, and the layout
/// describes the text it came from.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocab::default();
    for name in [
        "0007-use-x.md",
        "adr-007-use-x.md",
        "20200926-use-x.md",
        "use-x.md",
    ] {
        let p = parse::parse(format!("doc/adr/{name}"), name, text, &vocab);
        let mut end = 0;
        for (i, s) in p.layout.lines.iter().enumerate() {
            assert!(s.start >= end && s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let _ = p.layout.line_at(text, i + 1);
            end = s.end;
        }
        if let Some(l) = p.adr.status_line {
            assert!(l >= 1 && l <= p.layout.lines.len());
        }
    }
    let _ = parse::markdown_links(text);
    let html = markdown::render(text, &|_, _| Dest::Unlink);
    assert!(!html.contains("<script"));
    assert!(markdown::plain_text(text, 1000).len() <= 1000);
}

/// Surgical edits on a file adrgov agrees to edit: a status set is read back; a relation
/// added is read back, and adding it again changes nothing.
pub fn edit(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocab::default();
    let (path, name) = ("doc/adr/0001-use-x.md", "0001-use-x.md");
    let p = parse::parse(path, name, text, &vocab);
    // adrgov refuses to edit a file whose front matter does not parse.
    if p.adr
        .problems
        .iter()
        .any(|x| x.kind == crate::model::ProblemKind::InvalidFrontMatter)
    {
        return;
    }
    if p.adr.status.is_some() && p.layout.status.is_some() {
        let out = edit::set_status(text, &p, "rejected");
        // An edit `edit::verify` refuses for breaking the file is never written (the command
        // fails, nothing changes). Its check of the value read back is a safety net: the
        // property checks the edit itself, and that the net lets a right edit through.
        if edit::verify(path, name, text, &out, &vocab, &Intent::default()).is_err() {
            return;
        }
        let q = parse::parse(path, name, &out, &vocab);
        assert_eq!(
            q.adr.status.as_deref(),
            Some("rejected"),
            "{text:?} -> {out:?}"
        );
        assert_eq!(
            q.adr
                .status_text
                .as_deref()
                .map(edit::written_status)
                .as_deref(),
            Some("rejected"),
            "the status value is not the one written: {text:?} -> {out:?}"
        );
        assert_eq!(q.adr.title, p.adr.title, "{text:?} -> {out:?}");
        assert_eq!(
            edit::verify(path, name, text, &out, &vocab, &Intent::status("rejected")),
            Ok(())
        );
    }
    let Some(kind) = vocab.kind_of(&crate::model::RelationKind::Amends) else {
        return;
    };
    let target = Target {
        short: "ADR-0002".into(),
        link_text: "2. Other".into(),
        file: "0002-other.md".into(),
    };
    let once = edit::add_relation(text, &p, kind, &target, Style::default());
    if edit::verify(path, name, text, &once, &vocab, &Intent::default()).is_err() {
        return;
    }
    let q = parse::parse(path, name, &once, &vocab);
    assert!(
        q.adr
            .relations
            .iter()
            .any(|r| r.kind == crate::model::RelationKind::Amends),
        "relation not read back: {text:?} -> {once:?}"
    );
    assert_eq!(
        edit::verify(
            path,
            name,
            text,
            &once,
            &vocab,
            &Intent::relation(kind, &target)
        ),
        Ok(())
    );
    let twice = edit::add_relation(&once, &q, kind, &target, Style::default());
    assert_eq!(once, twice, "adding the relation again changed the file");
}

fn resolve_repo() -> Option<&'static (Workspace, Loaded)> {
    static REPO: OnceLock<Option<(Workspace, Loaded)>> = OnceLock::new();
    REPO.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("adrgov-fuzz-resolve-{}", std::process::id()));
        let adr = dir.join("doc/adr");
        std::fs::create_dir_all(&adr).ok()?;
        for (file, title) in [
            ("0001-record-decisions.md", "1. Record decisions"),
            ("0002-use-x.md", "2. Use X"),
            ("0002-use-y.md", "2. Use Y"),
            ("0010-use-z.md", "10. Use Z"),
            ("20200926-use-w.md", "Use W"),
        ] {
            std::fs::write(
                adr.join(file),
                format!("# {title}\n\n## Status\n\nAccepted\n"),
            )
            .ok()?;
        }
        let ws = Workspace::discover(&dir).ok()?;
        let loaded = ws.load().ok()?;
        Some((ws, loaded))
    })
    .as_ref()
}

/// Reference resolution: any text, as a bare reference, a link, a relation line or an ADR
/// argument, resolves to an ADR or to nothing.
pub fn resolve(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((ws, loaded)) = resolve_repo() else {
        return;
    };
    let n = loaded.entries.len();
    for r in [RawRef::bare(text), RawRef::link(text, text)] {
        if let Some(i) = loaded.resolve(&r) {
            assert!(i < n);
        }
        let _ = loaded.target_id(&r);
    }
    if let Ok(i) = loaded.find(text) {
        assert!(i < n);
    }
    let _ = number_in_ref(text);
    for line in text.lines() {
        for rel in relations_in_line(line, &ws.vocab, 1, true) {
            let _ = loaded.resolve(&rel.target);
        }
    }
}

/// Configuration parsing: a config, or an error naming the file and a line of it.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_config(Path::new("adrgov.toml"), text) {
        Ok(_) => {}
        Err(Error::Config { path, line, .. }) => {
            assert_eq!(path, Path::new("adrgov.toml"));
            assert!(
                line >= 1 && line <= text.lines().count().max(1) + 1,
                "line {line}"
            );
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    }
    let _ = log4brains_dir(Path::new(".log4brains.yml"), text);
}
