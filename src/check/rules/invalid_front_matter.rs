//! `invalid-front-matter`: front matter that does not parse.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::InvalidFrontMatter,
    level: Level::Error,
    description: "the YAML front matter does not parse",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for p in ctx
        .loaded
        .problems
        .iter()
        .filter(|p| RuleId::of_problem(p.kind) == INFO.id)
    {
        out.push(Finding::new(INFO.id, &p.path, p.line, p.message.clone()));
    }
}
