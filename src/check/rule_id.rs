//! The rule ids: one variant per rule of the registry ([`super::rules`]), written in
//! kebab-case everywhere (findings, `[check]`, `--error/--warn/--allow`, `--list-rules`).

use crate::model::ProblemKind;
use std::fmt;
use std::str::FromStr;

/// A rule's stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
#[value(rename_all = "kebab-case")]
pub enum RuleId {
    /// `missing-status`.
    MissingStatus,
    /// `unknown-status`.
    UnknownStatus,
    /// `invalid-date`.
    InvalidDate,
    /// `duplicate-number`.
    DuplicateNumber,
    /// `broken-reference`.
    BrokenReference,
    /// `one-sided-relation`.
    OneSidedRelation,
    /// `supersession-cycle`.
    SupersessionCycle,
    /// `missing-title`.
    MissingTitle,
    /// `invalid-front-matter`.
    InvalidFrontMatter,
    /// `number-collision`.
    NumberCollision,
    /// `accepted-edited`.
    AcceptedEdited,
    /// `stale-proposal`.
    StaleProposal,
    /// `superseded-status`.
    SupersededStatus,
    /// `file-name`.
    FileName,
    /// `missing-section`.
    MissingSection,
    /// `stale-toc`.
    StaleToc,
    /// `unreadable-file`.
    UnreadableFile,
    /// `governs-nothing`.
    GovernsNothing,
    /// `governed-change`.
    GovernedChange,
}

impl RuleId {
    /// Every id, in registry order (the order of `--list-rules`).
    pub const ALL: [RuleId; 19] = [
        RuleId::MissingStatus,
        RuleId::UnknownStatus,
        RuleId::InvalidDate,
        RuleId::DuplicateNumber,
        RuleId::BrokenReference,
        RuleId::OneSidedRelation,
        RuleId::SupersessionCycle,
        RuleId::MissingTitle,
        RuleId::InvalidFrontMatter,
        RuleId::NumberCollision,
        RuleId::AcceptedEdited,
        RuleId::StaleProposal,
        RuleId::SupersededStatus,
        RuleId::FileName,
        RuleId::MissingSection,
        RuleId::StaleToc,
        RuleId::UnreadableFile,
        RuleId::GovernsNothing,
        RuleId::GovernedChange,
    ];

    /// Every id, in registry order.
    pub fn all() -> &'static [RuleId] {
        &Self::ALL
    }

    /// The kebab-case id.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::MissingStatus => "missing-status",
            RuleId::UnknownStatus => "unknown-status",
            RuleId::InvalidDate => "invalid-date",
            RuleId::DuplicateNumber => "duplicate-number",
            RuleId::BrokenReference => "broken-reference",
            RuleId::OneSidedRelation => "one-sided-relation",
            RuleId::SupersessionCycle => "supersession-cycle",
            RuleId::MissingTitle => "missing-title",
            RuleId::InvalidFrontMatter => "invalid-front-matter",
            RuleId::NumberCollision => "number-collision",
            RuleId::AcceptedEdited => "accepted-edited",
            RuleId::StaleProposal => "stale-proposal",
            RuleId::SupersededStatus => "superseded-status",
            RuleId::FileName => "file-name",
            RuleId::MissingSection => "missing-section",
            RuleId::StaleToc => "stale-toc",
            RuleId::UnreadableFile => "unreadable-file",
            RuleId::GovernsNothing => "governs-nothing",
            RuleId::GovernedChange => "governed-change",
        }
    }

    /// The rule that reports problems of `kind` met while reading files: the one place
    /// problem kinds map to rules.
    pub const fn of_problem(kind: ProblemKind) -> RuleId {
        match kind {
            ProblemKind::InvalidFrontMatter => RuleId::InvalidFrontMatter,
            ProblemKind::UnreadableFile
            | ProblemKind::InvalidEncoding
            | ProblemKind::InvalidFileName => RuleId::UnreadableFile,
        }
    }

    /// One line: what the rule finds.
    pub fn description(self) -> &'static str {
        super::rules::info(self).description
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A rule id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        write!(
            f,
            "unknown rule `{}`; the rules are {}",
            self.0,
            ids.join(", ")
        )
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<RuleId, UnknownRule> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::RuleId;
    use clap::ValueEnum;

    #[test]
    fn ids_round_trip_and_match_the_registry_and_clap() {
        for (i, id) in RuleId::all().iter().enumerate() {
            assert_eq!(id.to_string().parse::<RuleId>(), Ok(*id));
            assert_eq!(crate::check::rules::all()[i].id, *id);
            assert_eq!(crate::check::rules::info(*id).id, *id);
            let clap_name = id.to_possible_value().map(|v| v.get_name().to_string());
            assert_eq!(clap_name.as_deref(), Some(id.as_str()));
        }
        assert_eq!(RuleId::value_variants(), RuleId::all());
        assert_eq!(crate::check::rules::all().len(), RuleId::all().len());
        assert_eq!(
            "no-such-rule".parse::<RuleId>().map_err(|e| e.to_string()),
            Err("unknown rule `no-such-rule`; the rules are missing-status, unknown-status, invalid-date, duplicate-number, broken-reference, one-sided-relation, supersession-cycle, missing-title, invalid-front-matter, number-collision, accepted-edited, stale-proposal, superseded-status, file-name, missing-section, stale-toc, unreadable-file, governs-nothing, governed-change".to_string())
        );
        assert_eq!(
            RuleId::StaleProposal.description(),
            "an ADR has been proposed for longer than `days` (default 30) without a decision"
        );
    }

    #[test]
    fn problem_kinds_map_to_their_rules() {
        use crate::model::ProblemKind as K;
        let got: Vec<(K, RuleId)> = [
            K::InvalidFrontMatter,
            K::UnreadableFile,
            K::InvalidEncoding,
            K::InvalidFileName,
        ]
        .into_iter()
        .map(|k| (k, RuleId::of_problem(k)))
        .collect();
        assert_eq!(
            got,
            [
                (K::InvalidFrontMatter, RuleId::InvalidFrontMatter),
                (K::UnreadableFile, RuleId::UnreadableFile),
                (K::InvalidEncoding, RuleId::UnreadableFile),
                (K::InvalidFileName, RuleId::UnreadableFile),
            ]
        );
    }
}
