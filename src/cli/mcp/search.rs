//! `search_decisions`: the site's search (`site/search.js`) on the server side, the same
//! semantics: the query's words (runs of letters and digits, lower case) must each match at
//! the start of a word somewhere; a word scores 20 in the id and title, 8 in the tags, people
//! (decision makers, consulted, informed, git authors) and status, and one per match in the
//! text (at most 10); hits come by score, then in list order; the snippet is the site's, around
//! the first match in the text.

use crate::repo::Loaded;
use serde::Serialize;

/// One hit.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(super) struct Hit {
    /// Id (as `list --format json` gives it).
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Status (normalized), or null.
    pub status: Option<String>,
    /// Path from the root.
    pub path: String,
    /// The site's score.
    pub score: u32,
    /// Text around the first match (`…` where cut), or empty when only the title, tags or
    /// people matched.
    pub snippet: String,
}

/// What to search for.
pub(super) struct Query<'a> {
    /// The words.
    pub text: &'a str,
    /// Only this status (the site's status facet: a normalized status, or `none`).
    pub status: Option<&'a str>,
    /// Only ADRs with this tag (letter case aside).
    pub tag: Option<&'a str>,
    /// Only this source (its own spelling).
    pub source: Option<&'a str>,
}

/// Most characters of one ADR's text searched (the site's index keeps as many).
const TEXT_MAX: usize = 20_000;

/// The lower case of `c` when it is one character (the rest stay as they are), so positions in
/// the lowered text are positions in the text.
fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// The query's terms: runs of letters and digits, lower case.
pub(super) fn terms(q: &str) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    let mut cur = Vec::new();
    for c in q.chars() {
        if is_word(c) {
            cur.push(lower(c));
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The positions in `hay` (lowered) where `term` starts a word.
fn starts(hay: &[char], term: &[char]) -> impl Iterator<Item = usize> {
    let n = term.len();
    (0..hay.len().saturating_sub(n.saturating_sub(1)))
        .filter(move |&p| (p == 0 || !is_word(hay[p - 1])) && hay[p..].starts_with(term))
}

/// An ADR's searched fields, lowered: id and title; tags, people and status; the text.
struct Doc {
    fields: [Vec<char>; 2],
    text: Vec<char>,
    lowered: Vec<char>,
}

fn doc(e: &crate::repo::Entry, authors: &[String]) -> Doc {
    let a = e.adr();
    let low = |s: &str| s.chars().map(lower).collect::<Vec<char>>();
    let mut people: Vec<&str> = a
        .decision_makers
        .iter()
        .chain(&a.consulted)
        .chain(&a.informed)
        .chain(authors)
        .map(String::as_str)
        .collect();
    people.sort_unstable();
    people.dedup();
    let title = a.title.as_deref().unwrap_or(&a.id);
    let tags: Vec<&str> = a.tags.iter().map(String::as_str).collect();
    let status = a.status.as_deref().unwrap_or("none");
    let text: Vec<char> = crate::site::markdown::plain_text(&a.body, TEXT_MAX)
        .chars()
        .collect();
    Doc {
        fields: [
            low(&format!("{} {title}", a.id)),
            low(&format!("{} {} {status}", tags.join(" "), people.join(" "))),
        ],
        lowered: text.iter().copied().map(lower).collect(),
        text,
    }
}

/// The score of `d` for `terms` (0: some term matches nowhere).
fn score(d: &Doc, terms: &[Vec<char>]) -> u32 {
    let mut total = 0;
    for t in terms {
        let mut s = 0;
        if starts(&d.fields[0], t).next().is_some() {
            s += 20;
        }
        if starts(&d.fields[1], t).next().is_some() {
            s += 8;
        }
        s += u32::try_from(starts(&d.lowered, t).take(10).count()).unwrap_or(10);
        if s == 0 {
            return 0;
        }
        total += s;
    }
    total
}

/// The site's snippet: from 70 characters before the first match of any term to 130 after,
/// cut at spaces, with `…` where the text goes on.
fn snippet(d: &Doc, terms: &[Vec<char>]) -> String {
    let Some(at) = (0..d.lowered.len()).find(|&p| {
        (p == 0 || !is_word(d.lowered[p - 1]))
            && terms.iter().any(|t| d.lowered[p..].starts_with(t))
    }) else {
        return String::new();
    };
    let body = &d.text;
    let mut from = at.saturating_sub(70);
    let mut to = body.len().min(at + 130);
    if from > 0
        && let Some(sp) = (from..body.len()).find(|&k| body[k] == ' ')
        && sp > 0
        && sp < at
    {
        from = sp + 1;
    }
    if to < body.len()
        && let Some(sp) = (0..=to).rev().find(|&k| body[k] == ' ')
        && sp > at
    {
        to = sp;
    }
    let mut s = String::new();
    if from > 0 {
        s.push_str("… ");
    }
    s.extend(&body[from..to]);
    if to < body.len() {
        s.push_str(" …");
    }
    s
}

/// The hits for `q` among `loaded`'s ADRs; `authors` gives each one's git authors (by index).
pub(super) fn search(
    loaded: &Loaded,
    authors: &dyn Fn(usize) -> Vec<String>,
    q: &Query<'_>,
) -> Vec<Hit> {
    let terms = terms(q.text);
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    for (i, e) in loaded.entries.iter().enumerate() {
        let a = e.adr();
        let status = a.status.as_deref().unwrap_or("none");
        if q.status.is_some_and(|s| s != status)
            || q.tag
                .is_some_and(|t| !a.tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()))
            || q.source.is_some_and(|s| a.source.as_deref() != Some(s))
        {
            continue;
        }
        let (score, snippet) = if terms.is_empty() {
            (1, String::new())
        } else {
            let d = doc(e, &authors(i));
            match score(&d, &terms) {
                0 => continue,
                s => (s, snippet(&d, &terms)),
            }
        };
        let hit = Hit {
            id: a.id.clone(),
            title: a.title.clone(),
            status: a.status.clone(),
            path: a.path.to_string(),
            score,
            snippet,
        };
        hits.push((i, hit));
    }
    hits.sort_by(|x, y| y.1.score.cmp(&x.1.score).then(x.0.cmp(&y.0)));
    hits.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_of(id: &str, title: &str, fields1: &str, text: &str) -> Doc {
        let low = |s: &str| s.chars().map(lower).collect::<Vec<char>>();
        let text: Vec<char> = text.chars().collect();
        Doc {
            fields: [low(&format!("{id} {title}")), low(fields1)],
            lowered: text.iter().copied().map(lower).collect(),
            text,
        }
    }

    #[test]
    fn terms_are_runs_of_letters_and_digits_in_lower_case() {
        let t: Vec<String> = terms("Use PostgreSQL-16, café! 42")
            .into_iter()
            .map(|t| t.into_iter().collect())
            .collect();
        assert_eq!(t, ["use", "postgresql", "16", "café", "42"]);
        assert!(terms(" — ").is_empty());
    }

    #[test]
    fn a_term_scores_in_each_field_at_the_start_of_words_only() {
        let d = doc_of(
            "0007",
            "Use Postgres",
            "database alice accepted",
            "postgres postgres xpostgres (Postgres) postgresql",
        );
        // Title 20 + text 4 (not "xpostgres"); the prefix "postgres" of "postgresql" counts.
        assert_eq!(score(&d, &terms("postgres")), 24);
        assert_eq!(score(&d, &terms("database")), 8);
        assert_eq!(score(&d, &terms("0007 alice")), 28);
        // Every term must match somewhere.
        assert_eq!(score(&d, &terms("postgres mysql")), 0);
        assert_eq!(score(&d, &terms("gres")), 0);
        // Text hits count at most 10.
        let many = doc_of("1", "t", "", &"word ".repeat(30));
        assert_eq!(score(&many, &terms("word")), 10);
    }

    #[test]
    fn the_snippet_is_cut_at_spaces_around_the_first_match() {
        let text = format!("{}needle {}", "aaaa ".repeat(30), "bbbb ".repeat(40));
        let d = doc_of("1", "t", "", text.trim_end());
        // From 70 before the match (a word start, yet the site skips to the next space) to the
        // last space within 130 after it.
        assert_eq!(
            snippet(&d, &terms("needle")),
            format!(
                "… {}needle {}bbbb …",
                "aaaa ".repeat(13),
                "bbbb ".repeat(23)
            )
        );
        assert_eq!(
            snippet(&doc_of("1", "t", "", "short needle"), &terms("needle")),
            "short needle"
        );
        assert_eq!(
            snippet(&doc_of("1", "t", "", "no match"), &terms("needle")),
            ""
        );
    }
}
