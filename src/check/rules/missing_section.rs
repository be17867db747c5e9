//! `missing-section`: a section the format requires is missing.

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::model::Format;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::MissingSection,
    level: Level::Warn,
    description: "a section the format requires is missing (Nygard: Context, Decision, Consequences; MADR: Context and Problem Statement, Decision Outcome)",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        let required: &[&str] = match a.format {
            Format::Nygard => &["context", "decision", "consequences"],
            Format::Madr => &["context and problem statement", "decision outcome"],
        };
        let headings: Vec<String> = e
            .parsed
            .layout
            .headings
            .iter()
            .filter(|h| h.level >= 2)
            .map(|h| h.text.trim_matches(['*', '_', ' ', ':']).to_lowercase())
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| !headings.iter().any(|h| h.starts_with(r)))
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                INFO.id,
                &a.path,
                title_line(a),
                format!(
                    "no {} section",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}
