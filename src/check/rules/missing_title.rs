//! `missing-title`: no `# ` heading and no `title:` key.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::MissingTitle,
    level: Level::Error,
    description: "an ADR has no title (no `# ` heading, no `title:` key)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        if a.title.is_none() {
            let line = Some(e.parsed.layout.body_start);
            out.push(
                Finding::new(INFO.id, &a.path, line, "no title")
                    .hint("start the text with a `# Title` heading"),
            );
        }
    }
}
