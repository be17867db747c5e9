//! `unknown-status`: a status outside the configured set.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnknownStatus,
    level: Level::Warn,
    description: "the status is not one of the configured statuses",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let set = &ctx.ws.config.statuses;
    for e in &ctx.loaded.entries {
        let a = e.adr();
        if let Some(s) = &a.status
            && !set.contains(s)
        {
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    a.status_line,
                    format!("status `{s}` is not one of {}", set.join(", ")),
                )
                .hint("change it with `adrgov status`, or add it to `statuses` in adrgov.toml"),
            );
        }
    }
}
