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
    let multi = !l.sources.is_empty();
    // Numbering is per source: 0003 in two sources is no finding.
    let mut seen = std::collections::BTreeSet::new();
    for e in &l.entries {
        let Some(n) = e.adr().number else { continue };
        let source = e.adr().source.as_deref();
        let same = l.with_number(source, n);
        if same.len() < 2 || !seen.insert((source, n)) {
            continue;
        }
        let next = l
            .in_source(source)
            .filter_map(|e| e.adr().number)
            .max()
            .unwrap_or(0)
            + 1;
        for &i in &same {
            let a = l.entries[i].adr();
            let others: Vec<&str> = same
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| l.entries[j].adr().file_name.as_str())
                .collect();
            // With several sources a file name may be in more than one: name it by its path.
            let named = if multi {
                a.path.as_str()
            } else {
                a.file_name.as_str()
            };
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    None,
                    format!("number {n} is also used by {}", others.join(", ")),
                )
                .hint(format!(
                    "give one of them a free number: `adrgov renumber {named} {next}`"
                )),
            );
        }
    }
}
