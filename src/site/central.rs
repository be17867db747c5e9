//! A central site: the decisions of several repositories (local directories or `adrgov export`
//! files) as one set of ADRs. Each ADR's id, source and path are qualified by its repository
//! (`payments/0003`, `payments/docs/adr/0003-x.md`), so everything the site does for one
//! repository — pages, logs, graph, dashboard, search — works across all of them; an absolute
//! URL to another listed repository's ADR is a relation to that ADR.

use crate::export::{Export, ExportedEvent, ExportedFact, ExportedRelation};
use crate::history::{AdrHistory, Event, Fact, History, When};
use crate::model::{RawRef, Relation, RelationKind, RepoPath};
use crate::parse::Vocab;
use crate::repo::links::{self, Located};
use crate::repo::{Entry, Loaded};
use std::collections::{HashMap, HashSet};

/// One repository of a central site, as read.
#[derive(Debug)]
pub struct Member {
    /// The name it is shown under (unique in the site).
    pub name: String,
    /// Its web URL (`https://host/owner/repo`), when known: links to it resolve.
    pub url: Option<String>,
    /// Its ADRs, as its own repository reads them.
    pub entries: Vec<Entry>,
    /// Per ADR, per relation (in order), the ADR of this repository it resolves to.
    pub targets: Vec<Vec<Option<usize>>>,
    /// What git history says of each ADR, by path.
    pub history: HashMap<RepoPath, AdrHistory>,
}

/// Where an ADR of a central site comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The repository's name.
    pub repository: String,
    /// Its source in that repository (with several).
    pub source: Option<String>,
    /// Its path in that repository.
    pub path: RepoPath,
}

/// The ADRs of every repository as one.
#[derive(Debug)]
pub struct Central {
    /// Every ADR, qualified by its repository.
    pub loaded: Loaded,
    /// Their history, by qualified path.
    pub history: History,
    /// Where each ADR (in `loaded` order) comes from.
    pub origins: Vec<Origin>,
    /// Each repository: its name and how its file URLs are recognised.
    pub sites: Vec<(String, links::Site)>,
}

impl Member {
    /// A repository read from its working tree: `loaded` and `history` as its own commands
    /// read them.
    pub fn local(
        name: String,
        url: Option<String>,
        loaded: &Loaded,
        history: Option<History>,
    ) -> Member {
        let targets = loaded
            .entries
            .iter()
            .map(|e| {
                e.adr()
                    .relations
                    .iter()
                    .map(|r| loaded.resolve(&r.target))
                    .collect()
            })
            .collect();
        Member {
            name,
            url,
            entries: loaded.entries.clone(),
            targets,
            history: history.map(|h| h.by_path).unwrap_or_default(),
        }
    }

    /// A repository read from its export file, named `name` (else as the export names it):
    /// each ADR parsed from its Markdown, its relations resolved as the repository resolved
    /// them (the targets the export lists), its history from the export's events.
    pub fn from_export(name: Option<String>, export: Export, vocab: &Vocab) -> Member {
        let ids: HashMap<String, usize> = export
            .adrs
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut entries = Vec::with_capacity(export.adrs.len());
        let mut targets = Vec::with_capacity(export.adrs.len());
        let mut history = HashMap::new();
        for a in export.adrs {
            let path = RepoPath::new(a.path.clone());
            let file_name = path.rsplit('/').next().unwrap_or(&path).to_string();
            let mut parsed = crate::parse::parse(path.clone(), &file_name, &a.markdown, vocab);
            parsed.adr.id.clone_from(&a.id);
            parsed.adr.source.clone_from(&a.source);
            let (relations, to) = relations_of(&a.relations, &parsed.adr.relations, &ids);
            parsed.adr.relations = relations;
            targets.push(to);
            let h = AdrHistory {
                created: a.created.as_ref().and_then(fact),
                updated: a.updated.as_ref().and_then(fact),
                authors: a.authors.clone(),
                events: a.events.iter().filter_map(event).collect(),
            };
            if h != AdrHistory::default() {
                history.insert(path.clone(), h);
            }
            entries.push(Entry {
                abs: std::path::PathBuf::from(path.as_str()),
                text: a.markdown,
                parsed,
                editable: true,
            });
        }
        Member {
            name: name.unwrap_or(export.repository.name),
            url: export.repository.url,
            entries,
            targets,
            history,
        }
    }
}

/// The relations of an exported ADR and the ADR of the export each resolves to (by the target
/// id the export gives). The export's relations are the repository's reading, with its
/// relation vocabulary: each is the relation parsed again from the Markdown at the same line
/// with the same reference (its links keep working), or made from what the export says when
/// this reader's vocabulary does not read it there. Files of earlier adrgov versions, which
/// say no lines, are matched by place.
fn relations_of(
    exported: &[ExportedRelation],
    parsed: &[Relation],
    ids: &HashMap<String, usize>,
) -> (Vec<Relation>, Vec<Option<usize>>) {
    if exported.iter().all(|e| e.line.is_none()) {
        let to = (0..parsed.len())
            .map(|k| exported.get(k).and_then(|e| ids.get(&e.target).copied()))
            .collect();
        return (parsed.to_vec(), to);
    }
    exported
        .iter()
        .map(|e| {
            let written = e.written.clone().unwrap_or_else(|| e.target.clone());
            let mut r = parsed
                .iter()
                .find(|r| Some(r.line) == e.line && r.target.written == written)
                .cloned()
                .unwrap_or_else(|| Relation {
                    kind: RelationKind::new(&e.kind),
                    target: RawRef::bare(&written),
                    line: e.line.unwrap_or(0),
                });
            r.kind = RelationKind::new(&e.kind);
            (r, ids.get(&e.target).copied())
        })
        .unzip()
}

/// A time of an export: its RFC 3339 `time` (the commit's, in the author's offset), else its
/// day (`YYYY-MM-DD`, from files of earlier adrgov versions) at midnight, UTC.
fn when(time: Option<&str>, date: &str) -> Option<When> {
    if let Some(t) = time.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
        return Some(t);
    }
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let utc = chrono::FixedOffset::east_opt(0)?;
    d.and_hms_opt(0, 0, 0)?.and_local_timezone(utc).single()
}

fn fact(f: &ExportedFact) -> Option<Fact> {
    Some(Fact {
        when: when(f.time.as_deref(), &f.date)?,
        author: f.author.clone(),
        commit: f.commit.clone(),
        at_or_before: f.at_or_before,
    })
}

fn event(e: &ExportedEvent) -> Option<Event> {
    Some(Event {
        when: when(e.time.as_deref(), &e.date)?,
        author: e.author.clone(),
        commit: e.commit.clone(),
        kind: e.kind,
        status: e.status.clone(),
        path: RepoPath::new(e.path.clone()),
        content: 0,
    })
}

/// `repo/path`.
fn qualified(repo: &str, path: &str) -> RepoPath {
    RepoPath::new(format!("{repo}/{path}"))
}

/// The ADRs of `members` as one set: ids, sources and paths qualified by the repository,
/// every relation pointing at the qualified path of the ADR it resolves to, in its own
/// repository or (by an absolute URL) in another listed one.
pub fn combine(members: Vec<Member>) -> Central {
    let sites: Vec<(String, links::Site)> = members
        .iter()
        .filter_map(|m| {
            let site = links::Site::of_url(m.url.as_deref()?)?;
            Some((m.name.clone(), site))
        })
        .collect();
    let paths: HashSet<RepoPath> = members
        .iter()
        .flat_map(|m| m.entries.iter().map(|e| qualified(&m.name, &e.adr().path)))
        .collect();
    let mut entries = Vec::new();
    let mut origins: HashMap<RepoPath, Origin> = HashMap::new();
    let mut by_path = HashMap::new();
    let mut sources = Vec::new();
    for m in members {
        let own: Vec<RepoPath> = m.entries.iter().map(|e| e.adr().path.clone()).collect();
        let mut member_sources: Vec<String> = Vec::new();
        for (i, mut e) in m.entries.into_iter().enumerate() {
            let orig_path = e.adr().path.clone();
            let adr = &mut e.parsed.adr;
            let source = match &adr.source {
                Some(s) => format!("{}/{s}", m.name),
                None => m.name.clone(),
            };
            if !member_sources.contains(&source) {
                member_sources.push(source.clone());
            }
            origins.insert(
                qualified(&m.name, &orig_path),
                Origin {
                    repository: m.name.clone(),
                    source: adr.source.clone(),
                    path: orig_path.clone(),
                },
            );
            adr.source = Some(source);
            adr.id = format!("{}/{}", m.name, adr.id);
            adr.path = qualified(&m.name, &orig_path);
            for (k, r) in adr.relations.iter_mut().enumerate() {
                let target = match m.targets.get(i).and_then(|t| t.get(k)).copied().flatten() {
                    Some(j) => own.get(j).map(|p| qualified(&m.name, p)),
                    None => r
                        .target
                        .link
                        .as_deref()
                        .and_then(|link| elsewhere(&sites, &m.name, &orig_path, link, &paths)),
                };
                r.target.number = None;
                r.target.file = None;
                r.target.path = target;
            }
            e.abs = std::path::PathBuf::from(adr.path.as_str());
            entries.push(e);
        }
        for (p, h) in m.history {
            by_path.insert(qualified(&m.name, &p), h);
        }
        sources.extend(member_sources);
    }
    let loaded = Loaded::combined(entries, sources);
    let origins = in_order(&loaded, origins);
    Central {
        loaded,
        history: History {
            by_path,
            ..History::default()
        },
        origins,
        sites,
    }
}

/// The origin of each ADR of `loaded`, in its order.
fn in_order(loaded: &Loaded, mut origins: HashMap<RepoPath, Origin>) -> Vec<Origin> {
    loaded
        .entries
        .iter()
        .map(|e| {
            origins.remove(&e.adr().path).unwrap_or_else(|| Origin {
                repository: String::new(),
                source: None,
                path: e.adr().path.clone(),
            })
        })
        .collect()
}

/// The qualified path of the ADR of another listed repository that `link` (an absolute URL,
/// written in `from` of repository `repo`) names, if any.
pub fn elsewhere(
    sites: &[(String, links::Site)],
    repo: &str,
    from: &str,
    link: &str,
    paths: &HashSet<RepoPath>,
) -> Option<RepoPath> {
    if !link.contains("://") {
        return None;
    }
    sites
        .iter()
        .filter(|(n, _)| n != repo)
        .find_map(|(n, site)| {
            let exists = |p: &str| paths.contains(qualified(n, p).as_str());
            match site.locate(from, link, &exists) {
                Located::Path {
                    path, url: true, ..
                } => {
                    let q = qualified(n, &path);
                    paths.contains(&q).then_some(q)
                }
                _ => None,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_this_and_of_earlier_exports() {
        let t = when(Some("2024-03-05T08:15:42-05:00"), "2024-03-05").map(|w| w.to_rfc3339());
        assert_eq!(t.as_deref(), Some("2024-03-05T08:15:42-05:00"));
        // An earlier export has only the day: its midnight, UTC.
        let t = when(None, "2024-03-05").map(|w| w.to_rfc3339());
        assert_eq!(t.as_deref(), Some("2024-03-05T00:00:00+00:00"));
        assert_eq!(when(Some("yesterday"), "nope"), None);
    }

    #[test]
    fn relations_by_line_and_reference_and_by_place_in_earlier_exports() {
        let ids: HashMap<String, usize> = [("0001".to_string(), 0), ("0002".to_string(), 1)].into();
        let rel = |kind: &str, target: &str, line: Option<usize>, written: Option<&str>| {
            ExportedRelation {
                kind: kind.into(),
                target: target.into(),
                line,
                written: written.map(String::from),
            }
        };
        // Read again, only the supersession (this reader does not know `extends`).
        let parsed = vec![Relation {
            kind: RelationKind::Supersedes,
            target: RawRef::bare("0002-use-mysql.md"),
            line: 11,
        }];
        let exported = [
            rel("extends", "0001", Some(9), Some("ADR-0001")),
            rel("supersedes", "0002", Some(11), Some("0002-use-mysql.md")),
        ];
        let (rels, to) = relations_of(&exported, &parsed, &ids);
        let got: Vec<(String, String, usize)> = rels
            .iter()
            .map(|r| (r.kind.to_string(), r.target.written.clone(), r.line))
            .collect();
        assert_eq!(
            got,
            [
                ("extends".to_string(), "ADR-0001".to_string(), 9),
                (
                    "supersedes".to_string(),
                    "0002-use-mysql.md".to_string(),
                    11
                )
            ]
        );
        assert_eq!(to, [Some(0), Some(1)]);
        // An earlier export: no lines, matched by place.
        let exported = [rel("supersedes", "0002", None, None)];
        let (rels, to) = relations_of(&exported, &parsed, &ids);
        assert_eq!((rels.len(), to), (1, vec![Some(1)]));
    }
}
