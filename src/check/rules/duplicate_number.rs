//! `duplicate-number`: two ADR files with one number.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::DuplicateNumber,
    level: Level::Error,
    description: "two or more ADR files have the same number",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    let next = l
        .entries
        .iter()
        .filter_map(|e| e.adr().number)
        .max()
        .unwrap_or(0)
        + 1;
    let mut seen = std::collections::BTreeSet::new();
    for e in &l.entries {
        let Some(n) = e.adr().number else { continue };
        let same = l.with_number(n);
        if same.len() < 2 || !seen.insert(n) {
            continue;
        }
        for &i in same {
            let a = l.entries[i].adr();
            let others: Vec<&str> = same
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| l.entries[j].adr().file_name.as_str())
                .collect();
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    None,
                    format!("number {n} is also used by {}", others.join(", ")),
                )
                .hint(format!(
                    "give one of them a free number: `adrgov renumber {} {next}`",
                    a.file_name
                )),
            );
        }
    }
}
