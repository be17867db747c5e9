//! `missing-status`: an ADR without a status.

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::model::Format;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::MissingStatus,
    level: Level::Error,
    description: "an ADR has no status (a warning for MADR files, where status is optional)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        if a.status.is_none() {
            let mut f = Finding::new(INFO.id, &a.path, title_line(a), "no status").hint(format!(
                "set one with `adrgov status {} proposed` (or accepted, …)",
                a.id
            ));
            if a.format == Format::Madr {
                f = f.suggest(Level::Warn);
            }
            out.push(f);
        }
    }
}
