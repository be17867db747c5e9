//! `governed-change` (a note, never failing): with `--changed-since`, each changed file that a
//! decision in force governs, naming the decision — what a reviewer should read first.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::governs::{self, Map};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::GovernedChange,
    level: Level::Note,
    description: "with --changed-since: a changed file is governed by a decision in force",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(base) = ctx.base else { return };
    let map = Map::of(ctx.loaded);
    if map.rules.is_empty() {
        return;
    }
    let in_force: Vec<bool> = (0..ctx.loaded.entries.len())
        .map(|i| {
            governs::in_effect(ctx.loaded.entries[i].adr().status.as_deref())
                && ctx.graph.in_force(i).is_none()
        })
        .collect();
    for path in &base.changed {
        let mut named: Vec<usize> = Vec::new();
        for r in map.rules.iter().filter(|r| in_force[r.index]) {
            if named.contains(&r.index) || !r.governs(path) {
                continue;
            }
            named.push(r.index);
            let a = ctx.loaded.entries[r.index].adr();
            out.push(
                Finding::new(
                    INFO.id,
                    path,
                    None,
                    format!(
                        "this file is governed by ADR {} \"{}\" ({}), through `{}`",
                        a.id,
                        a.title.as_deref().unwrap_or(a.file_name.as_str()),
                        a.status.as_deref().unwrap_or("no status"),
                        r.glob
                    ),
                )
                .hint(format!(
                    "read it before changing the file: `adrgov show {}`",
                    a.id
                )),
            );
        }
    }
}
