//! `unreadable-file`: a file in the ADR directory that cannot be read as an ADR.

use super::RuleInfo;
use crate::check::{Ctx, Finding};
use crate::repo::config::Level;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: "unreadable-file",
    level: Level::Error,
    description: "a Markdown file cannot be read as an ADR (binary, too large, not UTF-8, a link out of the repository)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for p in &ctx.loaded.problems {
        if matches!(
            p.rule,
            "unreadable-file" | "invalid-encoding" | "invalid-file-name"
        ) {
            out.push(Finding::new(INFO.id, &p.path, p.line, p.message.clone()));
        }
    }
}
