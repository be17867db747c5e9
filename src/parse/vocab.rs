//! Relation vocabulary: the inverse pairs (built-in and configured) and their spellings.

use crate::model::RelationKind;

/// One relation kind with its inverse and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The kind (`superseded-by`).
    pub id: RelationKind,
    /// The inverse kind (`supersedes`); itself for symmetric kinds.
    pub inverse: RelationKind,
    /// The phrase written in files (`superseded by`).
    pub phrase: String,
    /// The active side of a pair (`supersedes`, `amends`) or a symmetric kind; graph edges are
    /// drawn in this direction.
    pub active: bool,
}

/// The Markdown links of `text` when it holds nothing else (but separators: spaces, `,`, `;`,
/// `.`, `and`) and every one points to a Markdown file: `[4. X](0004-x.md), [5. Y](0005-y.md)`.
fn only_md_links(text: &str) -> Option<Vec<(String, String)>> {
    let links = crate::parse::markdown_links(text);
    let mut left = text.to_string();
    for (t, target) in &links {
        left = left.replacen(&format!("[{t}]({target})"), "", 1);
    }
    let only_separators = left
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.'))
        .all(|w| w.is_empty() || w == "and");
    let md = links.iter().all(|(_, t)| {
        t.split(['#', '?'])
            .next()
            .is_some_and(|f| f.ends_with(".md"))
    });
    (!links.is_empty() && only_separators && md).then_some(links)
}

/// The relation kinds a repository uses.
#[derive(Debug, Clone)]
pub struct Vocab {
    kinds: Vec<Kind>,
    /// Phrases matched at the start of a line, longest first: (phrase, kind).
    phrases: Vec<(String, RelationKind)>,
    /// The configured statuses (`[adr] statuses`), known status words besides the built-in ones.
    statuses: Vec<String>,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new(&[])
    }
}

impl Vocab {
    /// The built-in pairs plus `extra` pairs (`["clarifies", "clarified by"]`).
    pub fn new(extra: &[(String, String)]) -> Vocab {
        let mut pairs: Vec<(String, String)> = vec![
            ("supersedes".into(), "superseded by".into()),
            ("amends".into(), "amended by".into()),
        ];
        pairs.extend(extra.iter().cloned());
        let mut kinds = Vec::new();
        let mut phrases = Vec::new();
        for (a, p) in &pairs {
            let (a, p) = (a.trim().to_lowercase(), p.trim().to_lowercase());
            let (aid, pid) = (
                RelationKind::new(&a.replace(' ', "-")),
                RelationKind::new(&p.replace(' ', "-")),
            );
            kinds.push(Kind {
                id: aid.clone(),
                inverse: pid.clone(),
                phrase: a.clone(),
                active: true,
            });
            kinds.push(Kind {
                id: pid.clone(),
                inverse: aid.clone(),
                phrase: p.clone(),
                active: false,
            });
            phrases.push((a, aid));
            phrases.push((p, pid));
        }
        kinds.push(Kind {
            id: RelationKind::RelatesTo,
            inverse: RelationKind::RelatesTo,
            phrase: "relates to".into(),
            active: true,
        });
        for (ph, id) in [
            ("relates to", RelationKind::RelatesTo),
            ("related to", RelationKind::RelatesTo),
            ("supercedes", RelationKind::Supersedes),
            ("superceded by", RelationKind::SupersededBy),
            ("superseeded by", RelationKind::SupersededBy),
            ("replaces", RelationKind::Supersedes),
            ("replaced by", RelationKind::SupersededBy),
        ] {
            phrases.push((ph.into(), id));
        }
        phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Vocab {
            kinds,
            phrases,
            statuses: Vec::new(),
        }
    }

    /// This vocabulary with the configured statuses as known status words.
    pub fn with_statuses(mut self, statuses: &[String]) -> Vocab {
        self.statuses = statuses.to_vec();
        self
    }

    /// The configured statuses.
    pub fn statuses(&self) -> &[String] {
        &self.statuses
    }

    /// Every kind, in a stable order.
    pub fn kinds(&self) -> Vec<RelationKind> {
        self.kinds.iter().map(|k| k.id.clone()).collect()
    }

    /// The kind with this id (`amends`), or written as a phrase (`amended by`).
    pub fn kind(&self, id_or_phrase: &str) -> Option<&Kind> {
        let id = id_or_phrase.trim().to_lowercase().replace([' ', '_'], "-");
        // Common misspellings of the built-in kinds.
        let id = match id.as_str() {
            "supercedes" => RelationKind::Supersedes,
            "superceded-by" => RelationKind::SupersededBy,
            "related-to" => RelationKind::RelatesTo,
            other => RelationKind::new(other),
        };
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The vocabulary's entry for `kind` (`None` for kinds written only by adr-tools' `adr link`).
    pub fn kind_of(&self, kind: &RelationKind) -> Option<&Kind> {
        self.kind(kind.as_str())
    }

    /// If `line` starts with a relation phrase (any case), the kind id and the rest of the line.
    pub fn match_phrase<'a>(&self, line: &'a str) -> Option<(RelationKind, &'a str)> {
        for (ph, id) in &self.phrases {
            // Emphasis may close right after the phrase: `**Superseded by** [..](..)`.
            if let Some(rest) = crate::model::strip_prefix_ci(line, ph)
                .map(|r| r.trim_start_matches(['*', '_', '`']))
                && (rest.is_empty() || rest.starts_with([' ', ':', '[', '\t']))
            {
                return Some((id.clone(), rest));
            }
        }
        None
    }

    /// A relation phrase this vocabulary does not know, as adr-tools' `adr link` writes any
    /// pair: `Clarified by [12. Title](0012-title.md)`. The line must be only the phrase and
    /// Markdown links to `.md` files. Returns the kebab-case kind and the rest of the line.
    pub fn match_generic<'a>(&self, line: &'a str) -> Option<(RelationKind, &'a str)> {
        let open = line.find('[')?;
        let phrase = line[..open].trim().trim_end_matches(':').trim();
        let words = phrase.split_whitespace().count();
        if phrase.is_empty()
            || words > 4
            || !phrase
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            || !phrase.starts_with(|c: char| c.is_alphabetic())
        {
            return None;
        }
        let rest = &line[open..];
        // Nothing but links (and separators) after the phrase: `See [x](y) for more` is prose.
        only_md_links(rest)?;
        Some((
            RelationKind::new(
                &phrase
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("-"),
            ),
            rest,
        ))
    }

    /// A known phrase, else a generic one.
    pub fn match_any<'a>(&self, line: &'a str) -> Option<(RelationKind, &'a str)> {
        self.match_phrase(line).or_else(|| self.match_generic(line))
    }

    /// Whether a status text is a `superseded by …` relation.
    pub fn is_superseded_by(&self, text: &str) -> bool {
        let t = text.trim_start_matches(['*', '_', ' ', '-']);
        self.match_phrase(t)
            .is_some_and(|(k, _)| k == RelationKind::SupersededBy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        let v = Vocab::new(&[("clarifies".into(), "clarified by".into())]);
        assert_eq!(
            v.match_phrase("Superceded by [x](y)").map(|x| x.0),
            Some("superseded-by".into())
        );
        assert_eq!(
            v.match_phrase("Supersedes [x](y)").map(|x| x.0),
            Some("supersedes".into())
        );
        assert_eq!(
            v.match_phrase("Amended by: ADR-3").map(|x| x.0),
            Some("amended-by".into())
        );
        assert_eq!(
            v.match_phrase("Clarified by ADR-3").map(|x| x.0),
            Some("clarified-by".into())
        );
        assert_eq!(v.match_phrase("Amendsx"), None);
        assert_eq!(
            v.kind("amended by").map(|k| k.inverse.as_str()),
            Some("amends")
        );
        assert_eq!(
            v.kind("relates-to").map(|k| k.inverse.as_str()),
            Some("relates-to")
        );
        assert!(v.is_superseded_by("superseded by ADR-0007"));
    }
}
