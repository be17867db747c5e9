//! `supersession-cycle`: ADRs that supersede each other in a loop.

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SupersessionCycle,
    level: Level::Error,
    description: "ADRs supersede each other in a loop, so none is in force",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    for cycle in ctx.graph.supersession_cycles() {
        let ids: Vec<&str> = cycle
            .iter()
            .map(|&i| l.entries[i].adr().id.as_str())
            .collect();
        let text = format!("{} → {}", ids.join(" → "), ids[0]);
        for &i in &cycle {
            let a = l.entries[i].adr();
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    title_line(a),
                    format!("supersession cycle: {text}"),
                )
                .hint("remove the supersession that points back"),
            );
        }
    }
}
