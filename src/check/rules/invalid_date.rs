//! `invalid-date`: a date that is not `YYYY-MM-DD`, or no date at all (a warning).

use super::{RuleInfo, title_line};
use crate::check::{Ctx, Finding};
use crate::repo::config::Level;

/// The rule.
pub const INFO: RuleInfo = RuleInfo {
    id: "invalid-date",
    level: Level::Error,
    description: "the date is not an ISO date (YYYY-MM-DD); a missing date is a warning",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        match (&a.date_text, a.date) {
            (Some(t), None) => out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    a.date_line,
                    format!("date `{t}` is not a valid date"),
                )
                .hint("write it as YYYY-MM-DD"),
            ),
            (None, _) => out.push(
                Finding::new(INFO.id, &a.path, title_line(a), "no date")
                    .hint("add a `Date: YYYY-MM-DD` line (or `date:` in the front matter)")
                    .suggest(Level::Warn),
            ),
            _ => {}
        }
    }
}
