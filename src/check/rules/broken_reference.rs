//! `broken-reference`: a relation or a Markdown link to an ADR file that does not exist.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::model::RepoPath;
use crate::repo::Loaded;
use crate::repo::links::{self, LinkAt, Located, Rename};
use std::collections::{BTreeSet, HashMap};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::BrokenReference,
    level: Level::Error,
    description: "a relation or link names an ADR that does not exist",
    history: false,
    fixable: true,
    options: "",
};

/// The hint when history shows where the target went.
const FIXED: &str = "`adrgov check --fix` rewrites the link";

/// Former paths → where each went (from git history; empty without it).
type Renames = HashMap<RepoPath, Rename>;

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let renames = ctx
        .history
        .map(|h| crate::history::renames(h, ctx.loaded))
        .unwrap_or_default();
    let relation_lines = dangling_relations(ctx, &renames, out);
    // Links in the text to ADR files that do not exist (relations that name no ADR are
    // reported above; a relation whose link is wrong only in letter case is reported here).
    let site = links::Site::of(ctx.ws);
    for i in 0..ctx.loaded.entries.len() {
        for link in links::links_in(ctx.ws, &site, ctx.loaded, i) {
            if let Some(f) = broken_link(ctx, &renames, &relation_lines, i, &link) {
                out.push(f);
            }
        }
    }
}

/// Reports every relation whose target names no ADR; returns their (entry, line) pairs.
fn dangling_relations(
    ctx: &Ctx<'_>,
    renames: &Renames,
    out: &mut Vec<Finding>,
) -> BTreeSet<(usize, usize)> {
    let l = ctx.loaded;
    let mut relation_lines = BTreeSet::new();
    for d in &ctx.graph.dangling {
        let a = l.entries[d.from].adr();
        relation_lines.insert((d.from, d.line));
        let moved = a
            .relations
            .iter()
            .find(|r| r.line == d.line && r.target.written == d.target)
            .and_then(|r| r.target.path.as_ref())
            .and_then(|p| renames.get(p).map(|r| links::rename_note(p, r, l)));
        let (note, hint) = match moved {
            Some(m) => (format!(": {m}"), FIXED),
            None => (String::new(), "fix the reference, or remove the relation"),
        };
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                Some(d.line),
                format!(
                    "`{}` refers to `{}`, which is no ADR{note}",
                    d.kind.words(),
                    d.target
                ),
            )
            .hint(hint),
        );
    }
    relation_lines
}

/// The finding for link `link` in ADR `i`, when it names an ADR file that does not exist.
fn broken_link(
    ctx: &Ctx<'_>,
    renames: &Renames,
    relation_lines: &BTreeSet<(usize, usize)>,
    i: usize,
    link: &LinkAt,
) -> Option<Finding> {
    let l = ctx.loaded;
    let e = &l.entries[i];
    let path = links::missing(ctx.ws, l, link)?;
    let meant = l.at_path_loosely(&path);
    let relation = relation_lines.contains(&(i, link.line))
        || e.adr()
            .relations
            .iter()
            .any(|r| r.line == link.line && r.target.link.as_deref() == Some(link.target.as_str()));
    if relation && meant.is_none() {
        return None;
    }
    let name = path.file_name();
    // An ADR file: `NNNN-slug.md`, or the same without `.md` (a common slip); images
    // and other files are not references to decisions.
    let ext_ok = name.ends_with(".md") || !name.contains('.');
    let looks_like_adr = ext_ok && crate::parse::name::parse_file_name(name).number.is_some();
    let moved = renames.get(&path);
    if !(looks_like_adr || moved.is_some() || meant.is_some()) {
        return None;
    }
    let Located::Path { url, .. } = link.located else {
        return None;
    };
    let written = link.target.split(['#', '?']).next().unwrap_or("");
    let shown = if url || written.trim_start_matches("./").contains('/') {
        written.to_string()
    } else {
        name.to_string()
    };
    let (note, hint) = note_and_hint(l, &e.adr().path, &path, moved, meant);
    Some(
        Finding::new(
            INFO.id,
            &e.adr().path,
            Some(link.line),
            format!("link to `{shown}`, which does not exist{note}"),
        )
        .hint(hint),
    )
}

/// The note after the message and the hint for a link from `from` to the missing `path`:
/// where history shows the file went, the ADR it loosely matches, or the same file name
/// elsewhere.
fn note_and_hint(
    l: &Loaded,
    from: &RepoPath,
    path: &RepoPath,
    moved: Option<&Rename>,
    meant: Option<usize>,
) -> (String, String) {
    let name = path.file_name();
    match (moved, meant) {
        (Some(r), _) => (
            format!(": {}", links::rename_note(path, r, l)),
            FIXED.to_string(),
        ),
        (None, Some(j)) => {
            let m = l.entries[j].adr();
            let m: &str = if m.path.dir() == path.dir() {
                &m.file_name
            } else {
                &m.path
            };
            (String::new(), format!("did you mean `{m}`?"))
        }
        // The same file name elsewhere (a path written from the wrong directory).
        (None, None) => {
            let same: Vec<&RepoPath> = l
                .entries
                .iter()
                .map(|x| &x.adr().path)
                .filter(|p| p.file_name() == name)
                .collect();
            let hint = match same.as_slice() {
                [one] => format!("did you mean `{}`?", links::relative(from, one)),
                _ => "fix the link".to_string(),
            };
            (String::new(), hint)
        }
    }
}
