//! `number-collision`: an ADR added since `--changed-since REV` whose number exists on REV.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::NumberCollision,
    level: Level::Error,
    description: "an ADR added since --changed-since REV has a number another ADR already has on REV",
    history: false,
    fixable: false,
    options: "needs --changed-since REV",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(base) = ctx.base else { return };
    let l = ctx.loaded;
    let next = l
        .entries
        .iter()
        .filter_map(|e| e.adr().number)
        .chain(base.numbers.keys().copied())
        .max()
        .unwrap_or(0)
        + 1;
    for e in &l.entries {
        let a = e.adr();
        let Some(n) = a.number else { continue };
        if base.paths.contains(&a.path) {
            continue; // not added since the base
        }
        let Some(on_base) = base.numbers.get(&n) else {
            continue;
        };
        // Numbering is per source: only the base's files of this ADR's directory count.
        let dir = a
            .source
            .is_some()
            .then(|| format!("{}/", ctx.ws.dir_of(a.source.as_deref())));
        let others: Vec<&str> = on_base
            .iter()
            .filter(|p| **p != a.path)
            .filter(|p| dir.as_ref().is_none_or(|d| p.starts_with(d.as_str())))
            .map(|p| p.as_str())
            .collect();
        if others.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                None,
                format!(
                    "number {n} is already taken on {} by {}",
                    base.rev,
                    others.join(", ")
                ),
            )
            .hint(format!(
                "renumber this ADR: `adrgov renumber {} {next}`",
                a.file_name
            )),
        );
    }
}
