//! `adrgov check`: hygiene rules for CI. Rules produce findings (data, not errors); levels are
//! decided in one place ([`apply_levels`]); reports render them (human, json, github, sarif).

pub mod config;
pub mod fix;
pub mod report;
mod rule_id;
pub mod rules;

pub use rule_id::{RuleId, UnknownRule};

use crate::graph::Graph;
use crate::history::History;
use crate::model::RepoPath;
use crate::repo::{Loaded, Workspace};
pub use config::{CheckConfig, Level, RuleConfig};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: RuleId,
    /// `error`, `warning` or `note`, after levels are applied.
    pub level: Severity,
    /// Path from the repository root.
    pub path: RepoPath,
    /// 1-based line, when there is one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do, when there is a fix.
    pub hint: Option<String>,
    /// A level the rule suggests for this finding (e.g. `missing-status` on MADR files is a
    /// warning), used unless the configuration sets the rule's level.
    #[serde(skip)]
    pub suggested: Option<Level>,
}

/// The level of a reported finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check (exit code 1).
    Error,
    /// Reported only.
    Warning,
    /// Information (a governed file changed): reported, never fails.
    Note,
}

impl Finding {
    /// A finding of `rule` in `path`, at the rule's default level.
    pub fn new(
        rule: RuleId,
        path: &RepoPath,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            level: Severity::Error,
            path: path.clone(),
            line,
            message: message.into(),
            hint: None,
            suggested: None,
        }
    }

    /// With a hint line.
    pub fn hint(mut self, h: impl Into<String>) -> Finding {
        self.hint = Some(h.into());
        self
    }

    /// With a suggested level.
    pub fn suggest(mut self, l: Level) -> Finding {
        self.suggested = Some(l);
        self
    }
}

/// Everything a rule may look at.
pub struct Ctx<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// Every ADR.
    pub loaded: &'a Loaded,
    /// The decision graph.
    pub graph: &'a Graph,
    /// Git history, when the history rules run.
    pub history: Option<&'a History>,
    /// Today (for `stale-proposal`).
    pub today: chrono::NaiveDate,
    /// `--changed-since`: numbers and paths of ADRs on the base revision, and every file
    /// changed since.
    pub base: Option<&'a Base>,
}

/// What the `--changed-since` revision holds, and what changed since.
#[derive(Debug, Default)]
pub struct Base {
    /// The revision as given.
    pub rev: String,
    /// ADR file paths on the base (relative to the root) with their numbers.
    pub numbers: BTreeMap<u32, Vec<RepoPath>>,
    /// Paths on the base.
    pub paths: BTreeSet<RepoPath>,
    /// Paths changed since the base (committed, staged, unstaged or untracked), in any
    /// directory of the repository (a deleted or renamed file by its old path too).
    pub changed: BTreeSet<RepoPath>,
}

/// Levels set by the configuration and the command line, per rule id.
#[derive(Debug, Default, Clone)]
pub struct Levels {
    set: BTreeMap<RuleId, Level>,
}

impl Levels {
    /// From `[check]` in adrgov.toml, then `--error`, `--warn`, `--allow` (later wins).
    pub fn new(
        ws: &Workspace,
        error: &[RuleId],
        warn: &[RuleId],
        allow: &[RuleId],
    ) -> crate::error::Result<Levels> {
        let mut set = BTreeMap::new();
        for (id, rc) in CheckConfig::of(&ws.config)?.rules {
            if let Some(l) = rc.level {
                set.insert(id, l);
            }
        }
        for (ids, l) in [
            (error, Level::Error),
            (warn, Level::Warn),
            (allow, Level::Off),
        ] {
            for id in ids {
                set.insert(*id, l);
            }
        }
        Ok(Levels { set })
    }

    /// Whether a rule runs at all.
    pub fn enabled(&self, id: RuleId) -> bool {
        self.set.get(&id) != Some(&Level::Off)
    }
}

/// The one place levels are decided: configuration / command line, else what the finding
/// suggests, else the rule's default. Findings of rules that are off are dropped.
pub fn apply_levels(findings: Vec<Finding>, levels: &Levels) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let default = rules::info(f.rule).level;
            let level = levels
                .set
                .get(&f.rule)
                .copied()
                .or(f.suggested)
                .unwrap_or(default);
            f.level = match level {
                Level::Error => Severity::Error,
                Level::Warn => Severity::Warning,
                Level::Note => Severity::Note,
                Level::Off => return None,
            };
            Some(f)
        })
        .collect()
}

/// Runs every enabled rule; findings sorted by path, then line, then rule.
pub fn run(ctx: &Ctx<'_>, levels: &Levels) -> Vec<Finding> {
    let mut out = Vec::new();
    rules::run_all(ctx, levels, &mut out);
    let mut out = apply_levels(out, levels);
    if let Some(base) = ctx.base {
        out.retain(|f| base.changed.contains(&f.path));
    }
    out.sort_by(|a, b| {
        (&a.path, a.line.unwrap_or(0), a.rule.as_str(), &a.message).cmp(&(
            &b.path,
            b.line.unwrap_or(0),
            b.rule.as_str(),
            &b.message,
        ))
    });
    out.dedup();
    out
}

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes (absent from JSON when there are none).
    #[serde(skip_serializing_if = "is_zero")]
    pub notes: usize,
    /// ADR files checked.
    pub files: usize,
}

impl Summary {
    /// Counts `findings` over `files` files.
    pub fn of(findings: &[Finding], files: usize) -> Summary {
        Summary {
            errors: findings
                .iter()
                .filter(|f| f.level == Severity::Error)
                .count(),
            warnings: findings
                .iter()
                .filter(|f| f.level == Severity::Warning)
                .count(),
            notes: findings
                .iter()
                .filter(|f| f.level == Severity::Note)
                .count(),
            files,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Checks a loaded workspace: builds the graph, runs every enabled rule, applies levels.
pub fn check_loaded(
    ws: &Workspace,
    loaded: &Loaded,
    levels: &Levels,
    base: Option<&Base>,
    history: Option<&History>,
    today: chrono::NaiveDate,
) -> Vec<Finding> {
    let graph = Graph::of(loaded, &ws.vocab);
    let ctx = Ctx {
        ws,
        loaded,
        graph: &graph,
        history,
        today,
        base,
    };
    run(&ctx, levels)
}

#[cfg(test)]
mod tests;
