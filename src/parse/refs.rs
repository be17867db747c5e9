//! References to other ADRs, in every dialect: relation phrases (`Superseded by …`), the
//! references they name, and Markdown links (read with pulldown-cmark).

use super::*;

/// The relations written in a status value, wherever they are in it: the value is cut into
/// clauses (at `;`, a sentence end, `->`, a dash, and commas), and a clause that starts with a
/// relation phrase after any decoration (`⌛️ Superseded by [..](..)`, `**supersedes** ADR-3`)
/// gives a relation to each reference after the phrase, up to the next clause that starts with
/// another phrase or the end of the sentence. `Accepted; supersedes ADR-0031` and
/// `Implemented. Superseded by [ADR-013](adr-013-x.md).` both give a relation;
/// `Parts of this ADR were superseded by [ADR-020](..)` gives none (the clause does not start
/// with the phrase: the supersession is partial). Each relation gets `line`, the 1-based line
/// the value is written on.
pub fn status_relations(value: &str, vocab: &Vocab, line: usize) -> Vec<Relation> {
    let mut out = Vec::new();
    for sentence in split_top_level(value, &CLAUSE_SEPARATORS) {
        let mut current: Option<RelationKind> = None;
        for part in split_top_level(sentence, &[","]) {
            let clean = decoration_free_start(part);
            if let Some((kind, rest)) = vocab.match_phrase(clean) {
                current = Some(kind);
                push_refs(&mut out, current.as_ref(), rest, line);
            } else if current.is_some() {
                // `Superseded by ADR-3, ADR-4`: the list goes on.
                push_refs(&mut out, current.as_ref(), part, line);
            }
        }
    }
    out
}

pub(super) fn push_refs(
    out: &mut Vec<Relation>,
    kind: Option<&RelationKind>,
    rest: &str,
    line: usize,
) {
    let Some(kind) = kind else { return };
    let rest = rest.trim_start_matches(['*', '_', ':', ' ']);
    for target in refs_in(rest, true) {
        out.push(Relation {
            kind: kind.clone(),
            target,
            line,
        });
    }
}

/// `s` from its first letter or digit on, when what comes before is only decoration (emoji,
/// emphasis, a blockquote marker, a list marker, a `:shortcode:`); `s` itself otherwise.
pub(super) fn decoration_free_start(s: &str) -> &str {
    let mut t = strip_bullet(s).1;
    loop {
        let before = t;
        t = t.trim_start_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '*' | '_' | '`' | '~' | '>' | '{')
                || (!c.is_ascii() && !c.is_alphanumeric())
        });
        if let Some(r) = t.strip_prefix(':')
            && let Some(end) = r.find(':')
            && end > 0
            && r[..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        {
            t = &r[end + 1..];
        }
        if t == before {
            return t;
        }
    }
}

/// The relations a line holds when it starts with a relation phrase (`Superseded by [..](..)`),
/// after any decoration (`- ⌛️ **Superseded by** [..](..)` reads as the plain line).
/// `status_value` reads the line as a status value ([`status_relations`]: a relation anywhere
/// in it, a bare `superseded by ADR-7` as MADR writes it). Each relation gets `line`, the
/// 1-based line `l` is.
pub fn relations_in_line(l: &str, vocab: &Vocab, line: usize, status_value: bool) -> Vec<Relation> {
    if status_value {
        return status_relations(l, vocab, line);
    }
    let t = decoration_free_start(l);
    let Some((kind, rest)) = vocab.match_any(t) else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches(['*', '_', ':', ' ']);
    let refs = refs_in(rest, false);
    refs.into_iter()
        .map(|target| Relation {
            kind: kind.clone(),
            target,
            line,
        })
        .collect()
}

/// References in the rest of a relation line: Markdown links, else bare references
/// (`ADR-12 on 2021-03-04` is `ADR-12`).
pub(super) fn refs_in(rest: &str, allow_slug: bool) -> Vec<RawRef> {
    let links = markdown_links(rest);
    if !links.is_empty() {
        return links
            .into_iter()
            .map(|(t, u)| RawRef::link(&t, &u))
            .collect();
    }
    let mut out = Vec::new();
    for piece in rest.split([',', ';']).flat_map(|p| p.split(" and ")) {
        let p = piece
            .trim()
            .trim_matches(['[', ']', '(', ')', '.', '"', '\'', '*', '_', '`'])
            .trim();
        if p.is_empty() {
            continue;
        }
        let slug = allow_slug && !p.contains(' ') && p.contains('-');
        if number_in_ref(p).is_some() {
            out.push(RawRef::bare(ref_head(p)));
        } else if p.ends_with(".md") || slug {
            out.push(RawRef::bare(p));
        }
    }
    out
}

/// The reference at the start of `p`: `ADR-12 on 2021-03-04` → `ADR-12`; a file name or a
/// reference alone is kept whole.
pub(super) fn ref_head(p: &str) -> &str {
    if p.ends_with(".md") || !p.contains(char::is_whitespace) {
        return p;
    }
    let prefix = strip_prefix_ci(p, "adr").map_or(0, |r| {
        p.len() - r.len() + (r.len() - r.trim_start_matches(['-', ' ', '_', '#']).len())
    });
    let digits = p[prefix..].chars().take_while(char::is_ascii_digit).count();
    &p[..prefix + digits]
}

/// The links (and images) of a line as the site's Markdown renderer (pulldown-cmark, same
/// extensions) reads them: inline `[text](target)`, `![alt](target)` and `<scheme:autolinks>`,
/// in order. Each is `(text, target)` as written in the source (markup, escapes and
/// percent-encoding kept), so an edit can find `[text](target` in the line again. Leading
/// indentation does not make the line code (it is a list item's continuation, not a code block
/// of its own); reference links, whose definitions are elsewhere in the file, are not read.
pub fn markdown_links(s: &str) -> Vec<(String, String)> {
    if memchr::memchr2(b'[', b'<', s.as_bytes()).is_none() {
        return Vec::new();
    }
    // A relation line is asked about twice in a row (is it one? which links?): the second
    // answer is the first's.
    thread_local! {
        static LAST: std::cell::RefCell<(String, Vec<(String, String)>)> =
            const { std::cell::RefCell::new((String::new(), Vec::new())) };
    }
    LAST.with_borrow_mut(|(last, links)| {
        if last != s {
            *links = links_in(s);
            last.clear();
            last.push_str(s);
        }
        links.clone()
    })
}

/// [`markdown_links`], read by pulldown-cmark.
fn links_in(s: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
    let line = s.trim_start();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    // Links being read: where each starts in `line` (`None`: a kind not read), its
    // destination, whether it is an autolink, and where its text's last event ends.
    let mut open: Vec<(Option<usize>, String, bool, usize)> = Vec::new();
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for (ev, range) in Parser::new_ext(line, opts).into_offset_iter() {
        if !matches!(ev, Event::End(_)) {
            for o in &mut open {
                o.3 = o.3.max(range.end);
            }
        }
        match ev {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let read = auto || link_type == LinkType::Inline;
                open.push((
                    read.then_some(range.start),
                    dest_url.to_string(),
                    auto,
                    range.start,
                ));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((Some(start), dest, auto, text_end)) = open.pop() else {
                    continue;
                };
                if auto {
                    out.push((start, dest.clone(), dest));
                    continue;
                }
                // `[text](target "title")`: the text ends at the first `](` after its last
                // event; the target is the destination as written.
                let whole = &line[start..range.end];
                let text_start = whole.find('[').map_or(0, |i| i + 1);
                let from = (text_end - start).max(text_start);
                let Some(close) = whole.get(from..).and_then(|w| w.find("](")) else {
                    continue;
                };
                let text = &whole[text_start..from + close];
                let inner = whole[from + close + 2..]
                    .strip_suffix(')')
                    .unwrap_or_default()
                    .trim();
                let target = match inner.strip_prefix('<') {
                    Some(rest) => rest.split('>').next().unwrap_or_default(),
                    None => inner.split_whitespace().next().unwrap_or_default(),
                };
                out.push((start, text.to_string(), target.to_string()));
            }
            _ => {}
        }
    }
    out.sort_by_key(|(start, ..)| *start);
    out.into_iter().map(|(_, t, d)| (t, d)).collect()
}
