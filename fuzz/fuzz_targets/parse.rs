//! The ADR parser (every dialect: front matter, MADR 2 bullets, Nygard) and the site's
//! Markdown rendering: no input may panic, and the layout must describe the text it came from.
#![no_main]

use adrgov::parse::{self, Vocab};
use adrgov::site::markdown::{self, Dest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocab::default();
    for name in ["0007-use-x.md", "adr-007-use-x.md", "20200926-use-x.md", "use-x.md"] {
        let p = parse::parse(&format!("doc/adr/{name}"), name, text, &vocab);
        // Every line span lies inside the text, on character boundaries, in order.
        let mut end = 0;
        for (i, s) in p.layout.lines.iter().enumerate() {
            assert!(s.start >= end && s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let _ = p.layout.line(text, i);
            end = s.end;
        }
        if let Some(l) = p.adr.status_line {
            assert!(l >= 1 && l <= p.layout.lines.len());
        }
    }
    let _ = parse::markdown_links(text);
    let html = markdown::render(text, &|_, _| Dest::Unlink);
    assert!(!html.contains("<script"));
    let plain = markdown::plain_text(text, 1000);
    assert!(plain.len() <= 1000);
});
