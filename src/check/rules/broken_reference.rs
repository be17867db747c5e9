//! `broken-reference`: a relation or a Markdown link to an ADR file that does not exist.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::repo::links::{self, Located};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::BrokenReference,
    level: Level::Error,
    description: "a relation or link names an ADR that does not exist",
    history: false,
    fixable: true,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    let renames = ctx
        .history
        .map(|h| links::renames(h, l))
        .unwrap_or_default();
    let fixed = "`adrgov check --fix` rewrites the link";
    let mut relation_lines = std::collections::BTreeSet::new();
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
            Some(m) => (format!(": {m}"), fixed),
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
    // Links in the text to ADR files that do not exist (relations that name no ADR are
    // reported above; a relation whose link is wrong only in letter case is reported here).
    let site = links::Site::of(ctx.ws);
    for (i, e) in l.entries.iter().enumerate() {
        for link in links::links_in(ctx.ws, &site, l, i) {
            let Some(path) = links::missing(ctx.ws, l, &link) else {
                continue;
            };
            let meant = l.at_path_loosely(&path);
            let relation = relation_lines.contains(&(i, link.line))
                || e.adr().relations.iter().any(|r| {
                    r.line == link.line && r.target.link.as_deref() == Some(link.target.as_str())
                });
            if relation && meant.is_none() {
                continue;
            }
            let name = path.rsplit('/').next().unwrap_or(&path);
            // An ADR file: `NNNN-slug.md`, or the same without `.md` (a common slip); images
            // and other files are not references to decisions.
            let ext_ok = name.ends_with(".md") || !name.contains('.');
            let looks_like_adr =
                ext_ok && crate::parse::name::parse_file_name(name).number.is_some();
            let moved = renames.get(&path);
            if !(looks_like_adr || moved.is_some() || meant.is_some()) {
                continue;
            }
            let Located::Path { url, .. } = link.located else {
                continue;
            };
            let written = link.target.split(['#', '?']).next().unwrap_or("");
            let shown = if url || written.trim_start_matches("./").contains('/') {
                written.to_string()
            } else {
                name.to_string()
            };
            let dir = |p: &str| {
                p.rsplit_once('/')
                    .map_or(String::new(), |(d, _)| d.to_string())
            };
            let (note, hint) = match (moved, meant) {
                (Some(r), _) => (
                    format!(": {}", links::rename_note(&path, r, l)),
                    fixed.to_string(),
                ),
                (None, Some(j)) => {
                    let m = l.entries[j].adr();
                    let m = if dir(&m.path) == dir(&path) {
                        &m.file_name
                    } else {
                        &m.path
                    };
                    (String::new(), format!("did you mean `{m}`?"))
                }
                // The same file name elsewhere (a path written from the wrong directory).
                (None, None) => {
                    let same: Vec<&str> = l
                        .entries
                        .iter()
                        .map(|x| x.adr().path.as_str())
                        .filter(|p| p.rsplit('/').next() == Some(name))
                        .collect();
                    let hint = match same.as_slice() {
                        [one] => format!("did you mean `{}`?", links::relative(&e.adr().path, one)),
                        _ => "fix the link".to_string(),
                    };
                    (String::new(), hint)
                }
            };
            out.push(
                Finding::new(
                    INFO.id,
                    &e.adr().path,
                    Some(link.line),
                    format!("link to `{shown}`, which does not exist{note}"),
                )
                .hint(hint),
            );
        }
    }
}
