//! SARIF 2.1.0: one rule entry per id, one result per finding.

use super::Report;
use crate::check::{Finding, Severity, Summary};
use serde_json::{Value, json};

/// For code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).
pub struct Sarif;

impl Report for Sarif {
    fn render(&self, findings: &[Finding], _: Summary) -> String {
        let rules = crate::check::rules::all();
        let rule_entries: Vec<Value> = rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": { "text": r.description },
                    "defaultConfiguration": { "level": match r.level {
                        crate::check::Level::Error => "error",
                        crate::check::Level::Warn => "warning",
                        crate::check::Level::Note => "note",
                        crate::check::Level::Off => "none",
                    } },
                })
            })
            .collect();
        let results: Vec<Value> = findings
            .iter()
            .map(|f| {
                let mut loc = json!({ "artifactLocation": { "uri": f.path, "uriBaseId": "%SRCROOT%" } });
                if let Some(l) = f.line {
                    loc["region"] = json!({ "startLine": l });
                }
                let mut text = f.message.clone();
                if let Some(h) = &f.hint {
                    text.push_str(&format!(" ({h})"));
                }
                json!({
                    "ruleId": f.rule,
                    "ruleIndex": rules.iter().position(|r| r.id == f.rule).unwrap_or(0),
                    "level": match f.level { Severity::Error => "error", Severity::Warning => "warning", Severity::Note => "note" },
                    "message": { "text": text },
                    "locations": [ { "physicalLocation": loc } ],
                })
            })
            .collect();
        let log = json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [ {
                "tool": { "driver": {
                    "name": "adrgov",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_entries,
                } },
                "columnKind": "unicodeCodePoints",
                "results": results,
            } ],
        });
        serde_json::to_string_pretty(&log)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }
}
