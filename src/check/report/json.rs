//! `{"findings": [...], "summary": {...}}` (the contract in docs/design.md).

use super::Report;
use crate::check::{Finding, Summary};
use serde::Serialize;

/// For machines.
pub struct Json;

#[derive(Serialize)]
struct Out<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

impl Report for Json {
    fn render(&self, findings: &[Finding], summary: Summary) -> String {
        serde_json::to_string_pretty(&Out { findings, summary })
            .map(|s| s + "\n")
            .unwrap_or_default()
    }
}
