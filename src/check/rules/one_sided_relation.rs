//! `one-sided-relation`: a relation written on one ADR whose inverse is missing on the other.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::OneSidedRelation,
    level: Level::Error,
    description: "a relation is written on one ADR but its inverse is missing on the other",
    history: false,
    fixable: true,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    for o in &ctx.graph.one_sided {
        let (a, b) = (l.entries[o.from].adr(), l.entries[o.to].adr());
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                Some(o.line),
                format!(
                    "{} says \"{} {}\", but {} does not say \"{} {}\"",
                    a.id,
                    o.kind.words(),
                    b.id,
                    b.id,
                    o.missing.words(),
                    a.id
                ),
            )
            .hint("`adrgov check --fix` writes the missing side"),
        );
    }
}
