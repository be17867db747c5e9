//! `unreadable-file`: a file in the ADR directory that cannot be read as an ADR.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnreadableFile,
    level: Level::Error,
    description: "a Markdown file cannot be read as an ADR (binary, too large, not UTF-8, a link out of the repository)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for p in &ctx.loaded.problems {
        if RuleId::of_problem(p.kind) == INFO.id {
            out.push(Finding::new(INFO.id, &p.path, p.line, p.message.clone()));
        }
    }
}
