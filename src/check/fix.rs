//! `check --fix`: the safe fixes, as surgical edits written all or none. The command line
//! prints what they return.

use super::{Base, Ctx, Levels};
use crate::error::Result;
use crate::graph::Graph;
use crate::parse::edit;
use crate::repo::transaction::{Transaction, editable, style, target_of};
use crate::repo::{Loaded, Workspace, links};

/// What a fix wrote.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Files written.
    pub files: usize,
    /// One line per fix (`path:line: what`), empty when nothing was written.
    pub notes: Vec<String>,
}

impl Fixed {
    fn of(files: usize, notes: Vec<String>) -> Fixed {
        if files == 0 {
            return Fixed::default();
        }
        Fixed { files, notes }
    }
}

/// Rewrites links to files that history shows renamed, when `broken-reference` is on.
pub fn links(
    ws: &Workspace,
    loaded: &Loaded,
    levels: &Levels,
    history: Option<&crate::history::History>,
) -> Result<Fixed> {
    // Links to files that history shows renamed (a renumbering) point at them again.
    let mut pending = Transaction::new(ws, loaded);
    let mut notes = Vec::new();
    if levels.enabled("broken-reference")
        && let Some(h) = history
    {
        let renames = links::renames(h, loaded);
        let site = links::Site::of(ws);
        for (i, e) in loaded.entries.iter().enumerate() {
            let rs = links::repairs(ws, &site, loaded, &renames, i);
            if rs.is_empty() || editable(e).is_err() {
                continue;
            }
            pending.apply(i, |text, _| links::apply(text, &rs));
            for r in &rs {
                notes.push(format!(
                    "{}:{}: link `{}` now points at `{}`",
                    e.adr().path,
                    r.line,
                    r.target,
                    r.new_target
                ));
            }
        }
    }
    Ok(Fixed::of(pending.commit()?, notes))
}

/// Applies the safe fixes for what the rules report: missing inverse relations, the status
/// of superseded ADRs, the toc file.
pub fn rules(
    ws: &Workspace,
    loaded: &Loaded,
    levels: &Levels,
    base: Option<&Base>,
    today: chrono::NaiveDate,
) -> Result<Fixed> {
    let graph = Graph::build(loaded, &ws.vocab);
    let ctx = Ctx {
        ws,
        loaded,
        graph: &graph,
        history: None,
        today,
        base,
    };
    let found = super::run(&ctx, levels);
    let reported = |rule: &str, path: &str| found.iter().any(|f| f.rule == rule && f.path == path);
    let st = style(loaded);
    let mut pending = Transaction::new(ws, loaded);
    let mut notes = Vec::new();
    for o in &graph.one_sided {
        let (from, to) = (&loaded.entries[o.from], &loaded.entries[o.to]);
        if !reported("one-sided-relation", &from.adr().path) || editable(to).is_err() {
            continue;
        }
        let Some(kind) = ws.vocab.kind(&o.missing) else {
            continue;
        };
        let t = target_of(from.adr());
        pending.apply(o.to, |text, p| edit::add_relation(text, p, kind, &t, st));
        notes.push(format!(
            "{}: wrote `{} {}`",
            to.adr().path,
            kind.phrase,
            from.adr().id
        ));
    }
    for (i, e) in loaded.entries.iter().enumerate() {
        if graph.superseded_by(i).is_empty()
            || !reported("superseded-status", &e.adr().path)
            || editable(e).is_err()
        {
            continue;
        }
        pending.apply(i, |text, p| {
            if p.adr.status.as_deref() == Some("superseded") {
                text.to_string()
            } else {
                edit::set_status(text, p, "superseded")
            }
        });
        notes.push(format!("{}: status set to superseded", e.adr().path));
    }
    if levels.enabled("stale-toc")
        && let Some((path, now, want)) = super::rules::stale_toc::expected(&ctx)
    {
        notes.push(format!("{}: index rewritten", ws.rel(&path)));
        let path = path.to_path_buf();
        if path.exists() {
            pending.edit_other(path, &now, want);
        } else {
            pending.create_other(path, want);
        }
    }
    Ok(Fixed::of(pending.commit()?, notes))
}
