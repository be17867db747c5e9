//! `stale-proposal`: proposed for longer than `days` (default 30).

use super::{RuleInfo, title_line};
use crate::check::{Ctx, Finding};
use crate::history::stale;
use crate::repo::config::Level;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: stale::RULE,
    level: Level::Warn,
    description: "an ADR has been proposed for longer than `days` (default 30) without a decision",
    history: true,
    fixable: false,
    options: "days = 30",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let days = stale::days(&ctx.ws.config);
    for s in stale::proposals(ctx.loaded, ctx.history, days, ctx.today) {
        let a = ctx.loaded.entries[s.index].adr();
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                a.status_line.or(title_line(a)),
                format!("proposed since {}, more than {days} days ago", s.since),
            )
            .hint(format!(
                "decide: `adrgov accept {}` or `adrgov reject {}`",
                a.id, a.id
            )),
        );
    }
}
