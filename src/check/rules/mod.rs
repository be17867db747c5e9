//! The rule registry: one file per rule, each with its stable id, default level, description
//! and a `check` function. The list of ids is snapshot-tested.

mod accepted_edited;
mod broken_reference;
mod duplicate_number;
mod file_name;
mod governed_change;
mod governs_nothing;
mod invalid_date;
mod invalid_front_matter;
mod missing_section;
mod missing_status;
mod missing_title;
mod number_collision;
mod one_sided_relation;
mod stale_proposal;
pub mod stale_toc;
mod superseded_status;
mod supersession_cycle;
mod unknown_status;
mod unreadable_file;

use super::{Ctx, Finding, Levels, RuleId};
use crate::check::Level;
use serde::Serialize;

/// What a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id (kebab-case in every output).
    pub id: RuleId,
    /// Default level.
    #[serde(serialize_with = "level_name")]
    pub level: Level,
    /// One line.
    pub description: &'static str,
    /// Needs git history.
    pub history: bool,
    /// `--fix` repairs it.
    pub fixable: bool,
    /// Options in `[check]`, if any.
    pub options: &'static str,
}

fn level_name<S: serde::Serializer>(l: &Level, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(l.name())
}

type CheckFn = fn(&Ctx<'_>, &mut Vec<Finding>);

const RULES: [(RuleInfo, CheckFn); 19] = [
    (missing_status::INFO, missing_status::check),
    (unknown_status::INFO, unknown_status::check),
    (invalid_date::INFO, invalid_date::check),
    (duplicate_number::INFO, duplicate_number::check),
    (broken_reference::INFO, broken_reference::check),
    (one_sided_relation::INFO, one_sided_relation::check),
    (supersession_cycle::INFO, supersession_cycle::check),
    (missing_title::INFO, missing_title::check),
    (invalid_front_matter::INFO, invalid_front_matter::check),
    (number_collision::INFO, number_collision::check),
    (accepted_edited::INFO, accepted_edited::check),
    (stale_proposal::INFO, stale_proposal::check),
    (superseded_status::INFO, superseded_status::check),
    (file_name::INFO, file_name::check),
    (missing_section::INFO, missing_section::check),
    (stale_toc::INFO, stale_toc::check),
    (unreadable_file::INFO, unreadable_file::check),
    (governs_nothing::INFO, governs_nothing::check),
    (governed_change::INFO, governed_change::check),
];

/// Every rule.
pub fn all() -> Vec<RuleInfo> {
    RULES.iter().map(|(i, _)| *i).collect()
}

/// The rule with this id.
pub fn info(id: RuleId) -> RuleInfo {
    match id {
        RuleId::MissingStatus => missing_status::INFO,
        RuleId::UnknownStatus => unknown_status::INFO,
        RuleId::InvalidDate => invalid_date::INFO,
        RuleId::DuplicateNumber => duplicate_number::INFO,
        RuleId::BrokenReference => broken_reference::INFO,
        RuleId::OneSidedRelation => one_sided_relation::INFO,
        RuleId::SupersessionCycle => supersession_cycle::INFO,
        RuleId::MissingTitle => missing_title::INFO,
        RuleId::InvalidFrontMatter => invalid_front_matter::INFO,
        RuleId::NumberCollision => number_collision::INFO,
        RuleId::AcceptedEdited => accepted_edited::INFO,
        RuleId::StaleProposal => stale_proposal::INFO,
        RuleId::SupersededStatus => superseded_status::INFO,
        RuleId::FileName => file_name::INFO,
        RuleId::MissingSection => missing_section::INFO,
        RuleId::StaleToc => stale_toc::INFO,
        RuleId::UnreadableFile => unreadable_file::INFO,
        RuleId::GovernsNothing => governs_nothing::INFO,
        RuleId::GovernedChange => governed_change::INFO,
    }
}

/// Whether any enabled rule needs history.
pub fn needs_history(levels: &Levels) -> bool {
    RULES.iter().any(|(i, _)| i.history && levels.enabled(i.id))
}

/// Runs every enabled rule (history rules only when history was read).
pub(super) fn run_all(ctx: &Ctx<'_>, levels: &Levels, out: &mut Vec<Finding>) {
    for (info, check) in RULES {
        if !levels.enabled(info.id) || (info.history && ctx.history.is_none()) {
            continue;
        }
        check(ctx, out);
    }
}

/// 1-based line of the title, else 1.
pub(super) fn title_line(adr: &crate::model::Adr) -> Option<usize> {
    adr.title_line.or(Some(1))
}
