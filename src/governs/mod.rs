//! Decisions that govern code: the `governs` globs of every ADR compiled once ([`Map`]), which
//! decisions govern a path ([`why`]) and the whole map, glob by glob ([`all`]).
//!
//! Glob semantics (ADR "Governs: git-style globs relative to the repository root"): a glob is
//! relative to the repository root whatever file it is written in (a leading `/` or `./` is
//! dropped); `*` and `?` stay inside one directory, `**` crosses directories, `{a,b}` and
//! `[ab]` as in git. A glob without metacharacters names a file or a directory: it governs
//! that path and everything under it, like a glob ending in `/` (`services/orders/` is
//! `services/orders/**`). A path is a directory when files lie under it; a directory is
//! governed by every glob that governs it or a file under it.

use crate::graph::Graph;
use crate::model::RepoPath;
use crate::repo::Loaded;
use globset::{GlobBuilder, GlobMatcher};
use serde::Serialize;

/// One glob of one decision, compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The entry of the decision in [`Loaded::entries`].
    pub index: usize,
    /// The glob as written.
    pub glob: String,
    /// 1-based line of the glob in the decision's file.
    pub line: usize,
    matchers: Vec<GlobMatcher>,
}

impl Rule {
    /// Whether the rule governs the file (or directory) `path`.
    pub fn governs(&self, path: &str) -> bool {
        self.matchers.iter().any(|m| m.is_match(path))
    }

    /// The directories a file it governs must lie under (the glob's literal start), from
    /// the root; `""` when it may lie anywhere.
    pub fn base_dir(&self) -> String {
        let g = normalized(&self.glob).0;
        let lit = g.split(['*', '?', '[', '{']).next().unwrap_or("");
        if lit.len() == g.len() {
            return g;
        }
        lit.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    }
}

/// A glob that does not compile: it governs nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadGlob {
    /// The entry of the decision.
    pub index: usize,
    /// The glob as written.
    pub glob: String,
    /// 1-based line.
    pub line: usize,
    /// Why it does not compile.
    pub message: String,
}

/// Every `governs` glob of the loaded decisions.
#[derive(Debug, Clone, Default)]
pub struct Map {
    /// The globs that compile, in decision order then file order.
    pub rules: Vec<Rule>,
    /// The globs that do not.
    pub bad: Vec<BadGlob>,
}

/// The glob without a leading `/` or `./`, and whether it names a directory's whole content
/// (no metacharacters, or a trailing `/`).
fn normalized(glob: &str) -> (String, bool) {
    let g = glob.trim();
    let g = g.strip_prefix("./").unwrap_or(g).trim_start_matches('/');
    let dir = g.ends_with('/') || !g.contains(['*', '?', '[', '{']);
    (g.trim_end_matches('/').to_string(), dir)
}

/// The matchers of one glob: the glob, and `glob/**` when it names a directory.
fn compile(glob: &str) -> Result<Vec<GlobMatcher>, String> {
    let (g, dir) = normalized(glob);
    if g.is_empty() {
        return Err("an empty glob governs nothing".into());
    }
    let mut pats = vec![g.clone()];
    if dir {
        pats.push(format!("{g}/**"));
    }
    pats.iter()
        .map(|p| {
            GlobBuilder::new(p)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map(|g| g.compile_matcher())
                .map_err(|e| e.kind().to_string())
        })
        .collect()
}

/// Whether `glob` compiles; the reason when it does not.
pub fn check_glob(glob: &str) -> Result<(), String> {
    compile(glob).map(|_| ())
}

impl Map {
    /// The globs of every loaded decision.
    pub fn of(loaded: &Loaded) -> Map {
        let mut map = Map::default();
        for (index, e) in loaded.entries.iter().enumerate() {
            for g in &e.adr().governs {
                match compile(&g.glob) {
                    Ok(matchers) => map.rules.push(Rule {
                        index,
                        glob: g.glob.clone(),
                        line: g.line,
                        matchers,
                    }),
                    Err(message) => map.bad.push(BadGlob {
                        index,
                        glob: g.glob.clone(),
                        line: g.line,
                        message,
                    }),
                }
            }
        }
        map
    }

    /// The rules that govern `path`: the path itself, or — for a directory, one with files
    /// of `files` under it — any of those files.
    pub fn governing<'a>(&'a self, path: &str, files: &[RepoPath]) -> Vec<&'a Rule> {
        let under = files_under(path, files);
        self.rules
            .iter()
            .filter(|r| r.governs(path) || under.iter().any(|f| r.governs(f)))
            .collect()
    }
}

/// The files of `files` (sorted) strictly under directory `dir` (`""`: all).
fn files_under<'a>(dir: &str, files: &'a [RepoPath]) -> &'a [RepoPath] {
    if dir.is_empty() {
        return files;
    }
    let start = format!("{dir}/");
    let from = files.partition_point(|f| f.as_str() < start.as_str());
    let len = files[from..]
        .iter()
        .take_while(|f| f.as_str().starts_with(start.as_str()))
        .count();
    &files[from..from + len]
}

/// Whether a decision with this normalized status is in effect (decided, not undone).
pub fn in_effect(status: Option<&str>) -> bool {
    matches!(
        status,
        Some("accepted" | "approved" | "adopted" | "implemented")
    )
}

/// A decision that governs a path, as `why` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionHit {
    /// The id, as `list --format json` gives it (`0012`, `payments/0003`).
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The normalized status.
    pub status: Option<String>,
    /// The glob that matched, as written.
    pub glob: String,
    /// For a superseded decision: the decision in force in its place (the first, when a split
    /// supersession leaves several); null when this decision is itself in force or nothing is.
    pub in_force: Option<String>,
}

/// The decisions that govern one path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathAnswer {
    /// The path from the repository root (`.` for the root itself).
    pub path: String,
    /// Decisions in force first, then superseded ones, each in number order.
    pub decisions: Vec<DecisionHit>,
}

/// For each of `paths` (from the root; files or directories, existing or not), the decisions
/// that govern it: in force first, a superseded decision with the decision in force in its
/// place, each with the glob that matched. `files` are the repository's files (sorted: see
/// [`crate::repo::git::tracked_files`]); they tell a directory from a file.
pub fn why(
    loaded: &Loaded,
    graph: &Graph,
    paths: &[RepoPath],
    files: &[RepoPath],
) -> Vec<PathAnswer> {
    let map = Map::of(loaded);
    paths
        .iter()
        .map(|p| {
            let mut hits: Vec<(bool, usize, DecisionHit)> = Vec::new();
            for r in map.governing(p, files) {
                if hits.iter().any(|(_, i, _)| *i == r.index) {
                    continue;
                }
                let (superseded, hit) = hit_of(loaded, graph, r.index, &r.glob);
                hits.push((superseded, r.index, hit));
            }
            hits.sort_by_key(|(s, i, _)| (*s, *i));
            PathAnswer {
                path: if p.is_empty() {
                    ".".into()
                } else {
                    p.to_string()
                },
                decisions: hits.into_iter().map(|(_, _, h)| h).collect(),
            }
        })
        .collect()
}

/// The hit of decision `i` through `glob`, and whether it is superseded.
fn hit_of(loaded: &Loaded, graph: &Graph, i: usize, glob: &str) -> (bool, DecisionHit) {
    let adr = loaded.entries[i].adr();
    let replaced = graph.in_force(i);
    let hit = DecisionHit {
        id: adr.id.clone(),
        title: adr.title.clone(),
        status: adr.status.clone(),
        glob: glob.to_string(),
        in_force: replaced
            .as_ref()
            .and_then(|v| v.first())
            .map(|&j| loaded.entries[j].adr().id.clone()),
    };
    (replaced.is_some(), hit)
}

/// A decision under one glob of [`all`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlobDecision {
    /// The id.
    pub id: String,
    /// The title.
    pub title: Option<String>,
    /// The normalized status.
    pub status: Option<String>,
    /// The decision in force in its place, when superseded.
    pub in_force: Option<String>,
}

/// One glob of the map and the decisions that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlobEntry {
    /// The glob, as written.
    pub glob: String,
    /// The decisions, in force first.
    pub decisions: Vec<GlobDecision>,
}

/// The whole map, glob by glob (sorted by glob), like a CODEOWNERS file for decisions.
pub fn all(loaded: &Loaded, graph: &Graph) -> Vec<GlobEntry> {
    let mut by_glob: std::collections::BTreeMap<String, Vec<(bool, usize, GlobDecision)>> =
        Default::default();
    for (i, e) in loaded.entries.iter().enumerate() {
        for g in &e.adr().governs {
            let (superseded, h) = hit_of(loaded, graph, i, &g.glob);
            let d = GlobDecision {
                id: h.id,
                title: h.title,
                status: h.status,
                in_force: h.in_force,
            };
            by_glob
                .entry(g.glob.clone())
                .or_default()
                .push((superseded, i, d));
        }
    }
    by_glob
        .into_iter()
        .map(|(glob, mut v)| {
            v.sort_by_key(|(s, i, _)| (*s, *i));
            GlobEntry {
                glob,
                decisions: v.into_iter().map(|(_, _, d)| d).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
