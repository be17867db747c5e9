//! Reference resolution: any text, as a bare reference, a link, a relation line or an ADR
//! argument, resolves to an ADR of the repository or to nothing, without panicking.
#![no_main]

use adrgov::model::{RawRef, number_in_ref};
use adrgov::parse::relations_in_line;
use adrgov::repo::{Loaded, Workspace};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn repo() -> &'static (Workspace, Loaded) {
    static REPO: OnceLock<(Workspace, Loaded)> = OnceLock::new();
    REPO.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("adrgov-fuzz-resolve-{}", std::process::id()));
        let adr = dir.join("doc/adr");
        std::fs::create_dir_all(&adr).expect("mkdir");
        for (name, title) in [
            ("0001-record-decisions.md", "1. Record decisions"),
            ("0002-use-x.md", "2. Use X"),
            ("0002-use-y.md", "2. Use Y"),
            ("0010-use-z.md", "10. Use Z"),
            ("20200926-use-w.md", "Use W"),
        ] {
            std::fs::write(adr.join(name), format!("# {title}\n\n## Status\n\nAccepted\n"))
                .expect("write");
        }
        let ws = Workspace::discover(&dir).expect("workspace");
        let loaded = ws.load().expect("load");
        (ws, loaded)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (ws, loaded) = repo();
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
});
