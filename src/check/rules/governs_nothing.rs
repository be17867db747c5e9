//! `governs-nothing`: a `governs` glob of a decision in effect that matches no file of the
//! repository (the decision drifted from the code), or that is not a valid glob. From history,
//! the commit that removed the last file it matched.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::governs::{self, Map, Rule};
use crate::model::RepoPath;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::GovernsNothing,
    level: Level::Warn,
    description: "a `governs` glob of an accepted decision matches no tracked file (or is not a valid glob)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = Map::of(ctx.loaded);
    for b in &map.bad {
        let a = ctx.loaded.entries[b.index].adr();
        out.push(Finding::new(
            INFO.id,
            &a.path,
            Some(b.line),
            format!(
                "governs `{}` is not a valid glob ({}); it governs nothing",
                b.glob, b.message
            ),
        ));
    }
    let in_effect = |i: usize| {
        governs::in_effect(ctx.loaded.entries[i].adr().status.as_deref())
            && ctx.graph.in_force(i).is_none()
    };
    let drifted: Vec<&Rule> = map.rules.iter().filter(|r| in_effect(r.index)).collect();
    if drifted.is_empty() {
        return;
    }
    let files = crate::repo::git::tracked_files(ctx.ws.git(), &ctx.ws.root);
    for r in drifted {
        if files.iter().any(|f| r.governs(f)) {
            continue;
        }
        let a = ctx.loaded.entries[r.index].adr();
        let removed = match (ctx.history, ctx.ws.git()) {
            (Some(_), Some(git)) => {
                crate::history::removed::last_removal(git, &[r.base_dir()], &|p: &RepoPath| {
                    r.governs(p)
                })
            }
            _ => None,
        };
        let why = match removed {
            Some(rm) => format!(
                "; its last file, {}, was removed in {} \"{}\"",
                rm.path, rm.short, rm.subject
            ),
            None => String::new(),
        };
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                Some(r.line),
                format!(
                    "governs `{}`, which matches no tracked file: the decision drifted from the code{why}",
                    r.glob
                ),
            )
            .hint(format!(
                "point the glob at the code it is about (`adrgov govern {} --remove '{}'` drops it), or supersede the decision",
                a.id, r.glob
            )),
        );
    }
}
