//! Rule configuration: levels and the `[check]` table of adrgov.toml, validated here (the
//! configuration file keeps the table as it was written; only `check` knows the rules).

use super::RuleId;
use crate::error::{Error, Result};
use crate::repo::config::Config;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A rule's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Fails the check.
    Error,
    /// Reported, does not fail.
    Warn,
    /// Reported as information, never fails (a pull request's annotation, a SARIF `note`).
    Note,
    /// Not run.
    Off,
}

impl Level {
    /// The name used in adrgov.toml and in `--list-rules`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Note => "note",
            Level::Off => "off",
        }
    }
}

/// Per-rule settings from `[check]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleConfig {
    /// Level, when set.
    pub level: Option<Level>,
    /// `days` for `stale-proposal`.
    pub days: Option<u32>,
}

/// Days a proposal may stay open when `[check] stale-proposal = { days = N }` does not say.
pub const DEFAULT_STALE_DAYS: u32 = 30;

/// The validated `[check]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckConfig {
    /// Settings per rule.
    pub rules: BTreeMap<RuleId, RuleConfig>,
}

impl CheckConfig {
    /// Validates `[check]` of `config`: unknown rules, levels and keys are errors naming the
    /// configuration file and line.
    pub fn of(config: &Config) -> Result<CheckConfig> {
        let mut rules = BTreeMap::new();
        for (rule, raw) in &config.check {
            let err = |message: String| Error::Config {
                path: config
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("adrgov.toml")),
                line: raw.line,
                message,
            };
            let Ok(id) = rule.parse::<RuleId>() else {
                let ids: Vec<&str> = RuleId::all().iter().map(|r| r.as_str()).collect();
                return Err(err(format!(
                    "key `check.{rule}`: unknown rule; the rules are {}",
                    ids.join(", ")
                )));
            };
            let level_of = |s: &str| match s {
                "error" | "deny" => Ok(Level::Error),
                "warn" | "warning" => Ok(Level::Warn),
                "note" | "notice" => Ok(Level::Note),
                "off" | "allow" => Ok(Level::Off),
                other => Err(err(format!(
                    "key `check.{rule}`: unknown level `{other}`; use \"error\", \"warn\", \"note\" or \"off\""
                ))),
            };
            let rc = match &raw.value {
                toml::Value::String(s) => RuleConfig {
                    level: Some(level_of(s)?),
                    days: None,
                },
                toml::Value::Table(t) => {
                    let mut rc = RuleConfig {
                        level: None,
                        days: None,
                    };
                    for (k, v) in t {
                        match (k.as_str(), v) {
                            ("level", toml::Value::String(s)) => rc.level = Some(level_of(s)?),
                            ("days", toml::Value::Integer(n))
                                if id == RuleId::StaleProposal && *n > 0 =>
                            {
                                rc.days = u32::try_from(*n).ok();
                            }
                            _ => {
                                return Err(err(format!(
                                    "key `check.{rule}.{k}`: unknown key or bad value (rules take `level`; stale-proposal also takes `days` > 0)"
                                )));
                            }
                        }
                    }
                    rc
                }
                _ => {
                    return Err(err(format!(
                        "key `check.{rule}`: use a level string or a table"
                    )));
                }
            };
            rules.insert(id, rc);
        }
        Ok(CheckConfig { rules })
    }

    /// The settings of `id`, when `[check]` has any.
    pub fn get(&self, id: RuleId) -> Option<&RuleConfig> {
        self.rules.get(&id)
    }

    /// `days` of `[check] stale-proposal`, else [`DEFAULT_STALE_DAYS`].
    pub fn stale_days(&self) -> u32 {
        self.get(RuleId::StaleProposal)
            .and_then(|r| r.days)
            .unwrap_or(DEFAULT_STALE_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::config::parse_config;
    use std::path::Path;

    fn of(text: &str) -> std::result::Result<CheckConfig, String> {
        let c = parse_config(Path::new("adrgov.toml"), text).map_err(|e| e.to_string())?;
        CheckConfig::of(&c).map_err(|e| e.to_string())
    }

    #[test]
    fn check_table_is_validated_with_file_and_line() {
        assert_eq!(
            of("[check]\nstale-proposal = { level = \"warn\", days = 0 }\n"),
            Err("adrgov.toml:2: key `check.stale-proposal.days`: unknown key or bad value (rules take `level`; stale-proposal also takes `days` > 0)".into())
        );
        assert_eq!(
            of("[adr]\ndir = \"x\"\n[check]\nfile-name = \"loud\"\n"),
            Err("adrgov.toml:4: key `check.file-name`: unknown level `loud`; use \"error\", \"warn\", \"note\" or \"off\"".into())
        );
        assert_eq!(
            of("[check]\nfile-name = 3\n"),
            Err("adrgov.toml:2: key `check.file-name`: use a level string or a table".into())
        );
        assert_eq!(
            of("[check]\n\nfile_name = \"off\"\n").map_err(|e| e.starts_with(
                "adrgov.toml:3: key `check.file_name`: unknown rule; the rules are missing-status, "
            )),
            Err(true)
        );
        let c = of(
            "[check]\nstale-proposal = { level = \"warn\", days = 60 }\nfile-name = \"allow\"\nmissing-status = \"deny\"\n",
        );
        assert_eq!(
            c.as_ref().map(|c| (c.rules.len(), c.stale_days())),
            Ok((3, 60))
        );
        assert_eq!(
            c.map(|c| [
                c.get(RuleId::StaleProposal).cloned(),
                c.get(RuleId::FileName).cloned(),
                c.get(RuleId::MissingStatus).cloned(),
                c.get(RuleId::StaleToc).cloned(),
            ]),
            Ok([
                Some(RuleConfig {
                    level: Some(Level::Warn),
                    days: Some(60)
                }),
                Some(RuleConfig {
                    level: Some(Level::Off),
                    days: None
                }),
                Some(RuleConfig {
                    level: Some(Level::Error),
                    days: None
                }),
                None,
            ])
        );
        assert_eq!(of("").map(|c| c.stale_days()), Ok(DEFAULT_STALE_DAYS));
    }

    /// The layers below `check` do not import it (the configuration keeps `[check]` as data).
    #[test]
    fn lower_layers_do_not_import_check() {
        fn scan(dir: &Path, hits: &mut Vec<String>) {
            let Ok(rd) = std::fs::read_dir(dir) else {
                return;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    scan(&p, hits);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    for (n, l) in text.lines().enumerate() {
                        if l.contains("crate::check") || l.contains("super::check") {
                            hits.push(format!("{}:{}", p.display(), n + 1));
                        }
                    }
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut hits = Vec::new();
        for layer in ["repo", "model", "parse", "history", "graph"] {
            assert!(src.join(layer).is_dir(), "{layer}");
            scan(&src.join(layer), &mut hits);
        }
        assert_eq!(hits, Vec::<String>::new());
    }
}
