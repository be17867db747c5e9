//! ADR Markdown to safe HTML: pulldown-cmark (tables, task lists, footnotes, strikethrough),
//! links between ADR files rewritten to their pages, then ammonia, so no ADR can run script.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What becomes of a relative link or image in ADR text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// Leave it as written.
    Keep,
    /// Point it here instead.
    To(String),
    /// The target is not published: keep the text (or an image's alt text), drop the link.
    Unlink,
}

/// Renders `body` (the Markdown after any front matter) without its first `# ` heading (the
/// page shows the title). `resolve(path, is_image)` decides the fate of each relative link
/// (path without `#anchor`; links with a scheme and `#anchor`s alone are kept as written).
pub fn render(body: &str, resolve: &dyn Fn(&str, bool) -> Dest) -> String {
    render_in(body, resolve, "")
}

/// [`render`] for HTML shown inside a page that has ids of its own (the index page's intro):
/// every `id` and every same-page link (`#…`) gets `ids` in front, so no heading of the text
/// can take an id the page uses.
pub fn render_in(body: &str, resolve: &dyn Fn(&str, bool) -> Dest, ids: &str) -> String {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut rw = Rewrite {
        resolve,
        in_title: false,
        title_done: false,
        dropping_link: false,
        dropping_image: false,
        image_link: None,
    };
    let events = Parser::new_ext(body, opts).filter_map(|ev| rw.event(ev));
    let events = with_fragments(with_anchors(events.collect()));
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    sanitize_in(&html, ids)
}

/// Drops the title, retargets links and images, shows remote images as links.
struct Rewrite<'r> {
    resolve: &'r dyn Fn(&str, bool) -> Dest,
    in_title: bool,
    title_done: bool,
    /// Inside a link or image that is being dropped (they do not nest).
    dropping_link: bool,
    dropping_image: bool,
    /// Inside a remote image shown as a link (the site loads nothing from other hosts):
    /// whether it had text.
    image_link: Option<bool>,
}

impl Rewrite<'_> {
    fn event<'a>(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !self.title_done => {
                self.in_title = true;
                None
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if self.in_title => {
                self.in_title = false;
                self.title_done = true;
                None
            }
            _ if self.in_title => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let Some(dest_url) = retarget(dest_url, false, self.resolve) else {
                    self.dropping_link = true;
                    return None;
                };
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) if self.dropping_link => {
                self.dropping_link = false;
                None
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.image(link_type, dest_url, title, id),
            Event::Text(t) if self.image_link.is_some() => {
                self.image_link = Some(true);
                Some(Event::Text(t))
            }
            Event::End(TagEnd::Image) => self.end_image(),
            other => Some(other),
        }
    }

    /// The start of an image: a remote one becomes a link, a local one is retargeted or
    /// dropped.
    fn image<'a>(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
    ) -> Option<Event<'a>> {
        if is_remote(&dest_url) {
            self.image_link = Some(false);
            return Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }));
        }
        let Some(dest_url) = retarget(dest_url, true, self.resolve) else {
            self.dropping_image = true;
            return None;
        };
        Some(Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }))
    }

    fn end_image<'a>(&mut self) -> Option<Event<'a>> {
        if self.image_link.is_some() {
            let had_text = self.image_link.take() == Some(true);
            return Some(if had_text {
                Event::End(TagEnd::Link)
            } else {
                Event::Html(CowStr::from("image</a>"))
            });
        }
        if self.dropping_image {
            self.dropping_image = false;
            return None;
        }
        Some(Event::End(TagEnd::Image))
    }
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
            let base = heading_slug(&text);
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

/// The anchor GitHub gives a heading, so links written for GitHub work on the site: lower case,
/// punctuation dropped (letters, digits, `-` and `_` kept, in any script), spaces to `-`
/// (`Ending/stopping schedules early` → `endingstopping-schedules-early`).
pub fn heading_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Same-page links (`#Retain-servers-order`) point at the heading they mean, matched as GitHub
/// does (case-insensitively, or by the heading's text); one that names no heading of the page
/// keeps its text and loses the link (like a link to a file that is not published).
fn with_fragments(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let ids: std::collections::HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let find = |frag: &str| -> Option<String> {
        let frag = crate::model::percent_decode(frag);
        if ids.contains(&frag) {
            return Some(frag);
        }
        let lower = frag.to_lowercase();
        if ids.contains(&lower) {
            return Some(lower);
        }
        let slug = heading_slug(&frag);
        ids.contains(&slug).then_some(slug)
    };
    let mut dropping = false;
    events
        .into_iter()
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('#') && dest_url.len() > 1 => match find(&dest_url[1..]) {
                Some(anchor) => Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(format!("#{anchor}")),
                    title,
                    id,
                })),
                None => {
                    dropping = true;
                    None
                }
            },
            Event::End(TagEnd::Link) if dropping => {
                dropping = false;
                None
            }
            other => Some(other),
        })
        .collect()
}

/// The words of `body` for the search index: text and code, no markup, no raw HTML,
/// whitespace collapsed, at most `max` characters.
pub fn plain_text(body: &str, max: usize) -> String {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(body.len().min(max));
    let mut space = true;
    // The first `# ` heading is the title, indexed on its own.
    let mut title = 0u8;
    for ev in Parser::new_ext(body, opts) {
        match (&ev, title) {
            (
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }),
                0,
            ) => {
                title = 1;
                continue;
            }
            (Event::End(TagEnd::Heading(HeadingLevel::H1)), 1) => {
                title = 2;
                continue;
            }
            (_, 1) => continue,
            _ => {}
        }
        let text = match &ev {
            Event::Text(t) | Event::Code(t) => t.as_ref(),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => " ",
            _ => continue,
        };
        for c in text.chars() {
            if c.is_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else if !c.is_control() {
                out.push(c);
                space = false;
            }
        }
        if out.len() >= max {
            let mut cut = max;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            break;
        }
    }
    out.trim_end().to_string()
}

/// An URL on another host (`https://…`, `//host/…`).
fn is_remote(dest: &str) -> bool {
    dest.starts_with("//") || dest.contains("://")
}

/// The destination a link or image keeps on the site, or `None` when it is dropped.
fn retarget<'a>(
    dest: CowStr<'a>,
    image: bool,
    resolve: &dyn Fn(&str, bool) -> Dest,
) -> Option<CowStr<'a>> {
    match rewrite(&dest, image, resolve) {
        Dest::Keep => Some(dest),
        Dest::To(u) => Some(CowStr::from(u)),
        Dest::Unlink => None,
    }
}

/// Applies `resolve` to a relative link, keeping its `#anchor`.
fn rewrite(dest: &str, image: bool, resolve: &dyn Fn(&str, bool) -> Dest) -> Dest {
    let has_scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    // An URL may name a file of this repository: `resolve` says (an ADR's page), else it is
    // kept as written.
    if !image && (dest.starts_with("https://") || dest.starts_with("http://")) {
        return match resolve(dest, false) {
            found @ Dest::To(_) => found,
            _ => Dest::Keep,
        };
    }
    if dest.is_empty() || has_scheme || dest.starts_with('#') || dest.starts_with("//") {
        return Dest::Keep;
    }
    // A file whose name holds `#` (`0002-c#-and-f#.md`), before `#` as the start of an anchor.
    if dest.contains('#')
        && let found @ Dest::To(_) = resolve(dest, image)
    {
        return found;
    }
    let (file, anchor) = match dest.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (dest, None),
    };
    let file = file.split('?').next().unwrap_or(file);
    match resolve(file, image) {
        Dest::To(page) => Dest::To(match anchor {
            Some(a) => format!("{page}#{a}"),
            None => page,
        }),
        other => other,
    }
}

/// Removes script, event handlers, `javascript:` URLs, iframes and anything else unsafe.
pub fn sanitize(html: &str) -> String {
    sanitize_in(html, "")
}

/// [`sanitize`], with `ids` in front of every `id` and same-page link (none when empty).
fn sanitize_in(html: &str, ids: &str) -> String {
    let mut b = ammonia::Builder::default();
    let prefix = ids.to_string();
    b.link_rel(Some("noopener noreferrer"))
        .add_generic_attributes(["id"])
        // Raw HTML images from another host would load it on every view (a tracking pixel):
        // the image keeps its alt text and loses its source.
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" && is_remote(value) {
                None
            } else if !prefix.is_empty()
                && attribute == "href"
                && let Some(fragment) = value.strip_prefix('#')
                && !fragment.is_empty()
                && !fragment.starts_with(&prefix)
            {
                Some(format!("#{prefix}{fragment}").into())
            } else {
                Some(value.into())
            }
        });
    if !ids.is_empty() {
        b.id_prefix(Some(ids));
    }
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_page_links_find_their_heading_as_on_github() {
        let md = "# T\n\nSee [a](#Retain-servers-order), [b](#endingstopping-schedules-early), [c](#INFO) and [d](#decision).\n\n## Decision\n\n#### Retain servers order\n\n### Ending/stopping schedules early\n";
        let html = render(md, &|_, _| Dest::Keep);
        assert!(
            html.contains("<a href=\"#retain-servers-order\" rel=\"noopener noreferrer\">a</a>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"#endingstopping-schedules-early\" rel=\"noopener noreferrer\">b</a>"
            ),
            "{html}"
        );
        assert!(html.contains(", c and "), "{html}");
        assert!(
            html.contains("<a href=\"#decision\" rel=\"noopener noreferrer\">d</a>"),
            "{html}"
        );
        assert!(
            html.contains("<h3 id=\"endingstopping-schedules-early\">"),
            "{html}"
        );
        assert_eq!(heading_slug("Décision: ça va?"), "décision-ça-va");
    }

    #[test]
    fn hostile_markdown_is_neutralized() {
        let md = "# Title\n\nText <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe> <img src=\"https://evil.example/p.gif\" alt=\"pixel\">\n\nStill here.\n";
        let html = render(md, &|_, _| Dest::Keep);
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "alert(1)",
            "evil.example",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("Still here."));
        assert!(!html.contains("<h1>"));
    }

    #[test]
    fn plain_text_keeps_words_only() {
        let t = plain_text(
            "# Use DNS\n\nWe <b>chose</b> `route53`.\n\n<script>x()</script>\n\n* a\n* b\n",
            1000,
        );
        assert_eq!(t, "We chose route53. a b");
        assert_eq!(plain_text("ééé", 3), "é");
    }

    #[test]
    fn mermaid_blocks_are_shown_as_code() {
        let html = render("# T\n\n```mermaid\ngraph TD\n  A-->B\n```\n", &|_, _| {
            Dest::Keep
        });
        assert_eq!(html, "<pre><code>graph TD\n  A--&gt;B\n</code></pre>\n");
    }

    #[test]
    fn ids_inside_another_page_are_prefixed_with_their_links() {
        let md = "# About\n\nSee [status](#status), [top](#) and [note][^n].\n\n## Status\n\n<p id=\"q\">raw</p>\n\n[^n]: A note.\n";
        let html = render_in(md, &|_, _| Dest::Keep, "intro-");
        assert_eq!(
            html,
            "<p>See <a href=\"#intro-status\" rel=\"noopener noreferrer\">status</a>, <a href=\"#\" rel=\"noopener noreferrer\">top</a> and [note]<sup><a href=\"#intro-n\" rel=\"noopener noreferrer\">1</a></sup>.</p>\n<h2 id=\"intro-status\">Status</h2>\n<p id=\"intro-q\">raw</p>\n<div id=\"intro-n\"><sup>1</sup>\n<p>A note.</p>\n</div>\n"
        );
        // Without a prefix nothing changes.
        assert!(render(md, &|_, _| Dest::Keep).contains("<h2 id=\"status\">Status</h2>"));
    }

    #[test]
    fn headings_get_anchors() {
        let html = render(
            "# T\n\n## Decision Outcome\n\n### Pros\n\n### Pros\n",
            &|_, _| Dest::Keep,
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
            "See [15](0015-dns.md#why) and [x](https://example.com/0015-dns.md) and \
             [code](../../src/main.rs) ![diagram](../gone.png) ![ok](here.png).\n",
            &|f, image| match (f, image) {
                ("0015-dns.md", false) => Dest::To("0015.html".into()),
                ("here.png", true) => Dest::Keep,
                _ => Dest::Unlink,
            },
        );
        assert!(html.contains(" and code diagram <img"), "{html}");
        let remote = render(
            "![badge](https://img.shields.io/x.svg) ![](//cdn.example/y.png)\n",
            &|_, _| Dest::Keep,
        );
        assert_eq!(
            remote,
            "<p><a href=\"https://img.shields.io/x.svg\" rel=\"noopener noreferrer\">badge</a> <a href=\"//cdn.example/y.png\" rel=\"noopener noreferrer\">image</a></p>\n"
        );
        assert!(html.contains("<img src=\"here.png\" alt=\"ok\">"), "{html}");
        assert!(html.contains("href=\"0015.html#why\""), "{html}");
        assert!(
            html.contains("href=\"https://example.com/0015-dns.md\""),
            "{html}"
        );
    }
}
