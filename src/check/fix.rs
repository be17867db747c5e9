//! `check --fix`: the safe fixes, as surgical edits written all or none. The command line
//! prints what they return.

use super::{Base, Ctx, Levels, RuleId};
use crate::error::Result;
use crate::graph::Graph;
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
    if levels.enabled(RuleId::BrokenReference)
        && let Some(h) = history
    {
        let renames = crate::history::renames(h, loaded);
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
    let graph = Graph::of(loaded, &ws.vocab);
    let ctx = Ctx {
        ws,
        loaded,
        graph: &graph,
        history: None,
        today,
        base,
    };
    let found = super::run(&ctx, levels);
    let reported =
        |rule: RuleId, path: &str| found.iter().any(|f| f.rule == rule && f.path == path);
    let st = style(loaded);
    let mut pending = Transaction::new(ws, loaded);
    let mut notes = Vec::new();
    for o in &graph.one_sided {
        let (from, to) = (&loaded.entries[o.from], &loaded.entries[o.to]);
        if !reported(RuleId::OneSidedRelation, &from.adr().path) || editable(to).is_err() {
            continue;
        }
        let Some(kind) = ws.vocab.kind_of(&o.missing) else {
            continue;
        };
        let t = target_of(from.adr());
        pending.relation(o.to, kind, &t, st);
        notes.push(format!(
            "{}: wrote `{} {}`",
            to.adr().path,
            kind.phrase,
            from.adr().id
        ));
    }
    for (i, e) in loaded.entries.iter().enumerate() {
        if graph.superseded_by(i).is_empty()
            || !reported(RuleId::SupersededStatus, &e.adr().path)
            || editable(e).is_err()
        {
            continue;
        }
        pending.superseded(i);
        notes.push(format!("{}: status set to superseded", e.adr().path));
    }
    if levels.enabled(RuleId::StaleToc)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]
    use super::*;

    const A: &str =
        "# 1. Use queues\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";
    const B: &str = "# 2. Use caches\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmends [1. Use queues](0001-use-queues.md)\n\n## Context\n\nx\n";

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    #[test]
    fn rules_write_the_missing_inverse_and_say_so_then_find_nothing_to_fix() {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("doc/adr");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("0001-use-queues.md"), A).expect("write");
        std::fs::write(dir.join("0002-use-caches.md"), B).expect("write");
        let ws = Workspace::discover(t.path()).expect("ws");
        let levels = Levels::new(&ws, &[], &[], &[]).expect("levels");
        let loaded = ws.load().expect("load");
        let fixed = rules(&ws, &loaded, &levels, None, today()).expect("fix");
        assert_eq!(fixed.files, 1);
        assert_eq!(
            fixed.notes,
            vec!["doc/adr/0001-use-queues.md: wrote `amended by 0002`".to_string()]
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("0001-use-queues.md")).expect("read"),
            "# 1. Use queues\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmended by [2. Use caches](0002-use-caches.md)\n\n## Context\n\nx\n"
        );
        let loaded = ws.load().expect("load");
        let again = rules(&ws, &loaded, &levels, None, today()).expect("fix");
        assert_eq!((again.files, again.notes), (0, Vec::<String>::new()));
    }

    #[test]
    fn links_without_history_change_nothing() {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("doc/adr");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let gone = A.replace("x\n", "See [9. Gone](0009-gone.md).\n");
        std::fs::write(dir.join("0001-use-queues.md"), &gone).expect("write");
        let ws = Workspace::discover(t.path()).expect("ws");
        let levels = Levels::new(&ws, &[], &[], &[]).expect("levels");
        let loaded = ws.load().expect("load");
        let fixed = links(&ws, &loaded, &levels, None).expect("fix");
        assert_eq!((fixed.files, fixed.notes), (0, Vec::<String>::new()));
        assert_eq!(
            std::fs::read_to_string(dir.join("0001-use-queues.md")).expect("read"),
            gone
        );
    }
}
