//! Like rustc: `error[rule-id]: path:line: message`, a hint line, a summary.

use super::Report;
use crate::check::{Finding, Severity, Summary};
use owo_colors::OwoColorize;

/// For people; colour only when asked (on a terminal).
pub struct Human {
    /// Use colour.
    pub color: bool,
}

impl Report for Human {
    fn render(&self, findings: &[Finding], s: Summary) -> String {
        let mut out = String::new();
        for f in findings {
            let (word, rule) = match f.level {
                Severity::Error => ("error", f.rule),
                Severity::Warning => ("warning", f.rule),
                Severity::Note => ("note", f.rule),
            };
            let head = format!("{word}[{rule}]");
            let head = match (self.color, f.level) {
                (false, _) => head,
                (true, Severity::Error) => head.red().bold().to_string(),
                (true, Severity::Warning) => head.yellow().bold().to_string(),
                (true, Severity::Note) => head.cyan().bold().to_string(),
            };
            let loc = match f.line {
                Some(l) => format!("{}:{l}", f.path),
                None => f.path.to_string(),
            };
            out.push_str(&format!("{head}: {loc}: {}\n", f.message));
            if let Some(h) = &f.hint {
                let eq = if self.color {
                    "=".blue().bold().to_string()
                } else {
                    "=".to_string()
                };
                out.push_str(&format!("  {eq} hint: {h}\n"));
            }
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if findings.is_empty() {
            out.push_str(&format!(
                "ok: {} checked, no findings\n",
                plural(s.files, "ADR")
            ));
        } else {
            let notes = if s.notes > 0 {
                format!(", {}", plural(s.notes, "note"))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{}, {}{notes} in {} checked\n",
                plural(s.errors, "error"),
                plural(s.warnings, "warning"),
                plural(s.files, "ADR")
            ));
        }
        out
    }
}
