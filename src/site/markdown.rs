//! ADR Markdown to safe HTML: pulldown-cmark (tables, task lists, footnotes, strikethrough),
//! links between ADR files rewritten to their pages, then ammonia, so no ADR can run script.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders `body` (the Markdown after any front matter) without its first `# ` heading (the
/// page shows the title). `page_of` maps a linked file name to the page of that ADR.
pub fn render(body: &str, page_of: &dyn Fn(&str) -> Option<String>) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut in_title = false;
    let mut title_done = false;
    let events = Parser::new_ext(body, opts).filter_map(|ev| match ev {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }) if !title_done => {
            in_title = true;
            None
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
            in_title = false;
            title_done = true;
            None
        }
        _ if in_title => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite(&dest_url, page_of).map_or(dest_url, CowStr::from);
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let events = with_anchors(events.collect());
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    sanitize(&html)
}

/// Gives every heading an `id` from its text (`## Decision Outcome` → `decision-outcome`,
/// repeated names numbered), so sections can be linked.
fn with_anchors(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = slug::slugify(&text);
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let n = seen.entry(base.clone()).or_insert(0);
            let anchor = if *n == 0 { base } else { format!("{base}-{n}") };
            *n += 1;
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor));
            }
        }
        i += 1;
    }
    events
}

/// `0015-x.md#part` → `0015.html#part` when it names an ADR.
fn rewrite(dest: &str, page_of: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return None;
    }
    let (file, anchor) = match dest.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (dest, None),
    };
    let name = file.rsplit('/').next().unwrap_or(file);
    let page = page_of(name)?;
    Some(match anchor {
        Some(a) => format!("{page}#{a}"),
        None => page,
    })
}

/// Removes script, event handlers, `javascript:` URLs, iframes and anything else unsafe.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .add_generic_attributes(["id"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_is_neutralized() {
        let md = "# Title\n\nText <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe>\n\nStill here.\n";
        let html = render(md, &|_| None);
        for bad in ["<script", "onerror", "javascript:", "<iframe", "alert(1)"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("Still here."));
        assert!(!html.contains("<h1>"));
    }

    #[test]
    fn headings_get_anchors() {
        let html = render(
            "# T\n\n## Decision Outcome\n\n### Pros\n\n### Pros\n",
            &|_| None,
        );
        assert!(
            html.contains("<h2 id=\"decision-outcome\">Decision Outcome</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<h3 id=\"pros\">Pros</h3>")
                && html.contains("<h3 id=\"pros-1\">Pros</h3>"),
            "{html}"
        );
    }

    #[test]
    fn adr_links_point_to_pages() {
        let html = render(
            "See [15](0015-dns.md#why) and [x](https://example.com/0015-dns.md).\n",
            &|f| (f == "0015-dns.md").then(|| "0015.html".to_string()),
        );
        assert!(html.contains("href=\"0015.html#why\""), "{html}");
        assert!(
            html.contains("href=\"https://example.com/0015-dns.md\""),
            "{html}"
        );
    }
}
