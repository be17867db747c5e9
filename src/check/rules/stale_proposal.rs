//! `stale-proposal`: proposed for longer than `days` (default 30).

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::config::DEFAULT_STALE_DAYS;
use crate::check::{CheckConfig, Ctx, Finding, RuleId};
use crate::history::stale;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::StaleProposal,
    level: Level::Warn,
    description: "an ADR has been proposed for longer than `days` (default 30) without a decision",
    history: true,
    fixable: false,
    options: "days = 30",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    // `[check]` was validated when the levels were read (`Levels::new`).
    let days = CheckConfig::of(&ctx.ws.config).map_or(DEFAULT_STALE_DAYS, |c| c.stale_days());
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
