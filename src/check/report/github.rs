//! GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`.

use super::Report;
use crate::check::{Finding, Severity, Summary};

/// For GitHub Actions: findings become annotations on the pull request.
pub struct Github;

/// Escapes a message (`%`, CR, LF), as GitHub's toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Report for Github {
    fn render(&self, findings: &[Finding], _: Summary) -> String {
        let mut out = String::new();
        for f in findings {
            let cmd = match f.level {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut props = format!("file={}", escape_property(&f.path));
            if let Some(l) = f.line {
                props.push_str(&format!(",line={l}"));
            }
            props.push_str(&format!(",title={}", escape_property(f.rule.as_str())));
            let mut msg = f.message.clone();
            if let Some(h) = &f.hint {
                msg.push_str(&format!("\n{h}"));
            }
            out.push_str(&format!("::{cmd} {props}::{}\n", escape_data(&msg)));
        }
        out
    }
}
