//! `broken-reference`: a relation or a Markdown link to an ADR file that does not exist.

use super::RuleInfo;
use crate::check::{Ctx, Finding};
use crate::repo::config::Level;

/// The rule.
pub const INFO: RuleInfo = RuleInfo {
    id: "broken-reference",
    level: Level::Error,
    description: "a relation or link names an ADR that does not exist",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    let mut relation_lines = std::collections::BTreeSet::new();
    for d in &ctx.graph.dangling {
        let a = l.entries[d.from].adr();
        relation_lines.insert((d.from, d.line));
        out.push(
            Finding::new(
                INFO.id,
                &a.path,
                Some(d.line),
                format!(
                    "`{}` refers to `{}`, which is no ADR",
                    d.kind.replace('-', " "),
                    d.target
                ),
            )
            .hint("fix the reference, or remove the relation"),
        );
    }
    // Links in the text to Markdown files beside the ADR that do not exist.
    let names: std::collections::BTreeSet<&str> = l
        .entries
        .iter()
        .map(|e| e.adr().file_name.as_str())
        .collect();
    for (i, e) in l.entries.iter().enumerate() {
        let layout = &e.parsed.layout;
        let dir = e.abs.parent();
        for n in layout.body_start..layout.lines.len() {
            if layout.code[n] || relation_lines.contains(&(i, n + 1)) {
                continue;
            }
            let line = layout.line(&e.text, n);
            if !line.contains("](") {
                continue;
            }
            for (_, target) in crate::parse::markdown_links(line) {
                let t = target.split(['#', '?']).next().unwrap_or("");
                if t.is_empty()
                    || t.contains(':')
                    || t.starts_with('/')
                    || t.contains('/') && !t.starts_with("./")
                {
                    continue;
                }
                let decoded = crate::model::percent_decode(t.trim_start_matches("./"));
                let t = decoded.as_str();
                // An ADR file: `NNNN-slug.md`, or the same without `.md` (a common slip); images
                // and other files beside the ADRs are not references to decisions.
                let ext_ok = t.ends_with(".md") || !t.contains('.');
                let looks_like_adr =
                    ext_ok && crate::parse::name::parse_file_name(t).number.is_some();
                if !looks_like_adr || names.contains(t) || dir.is_some_and(|d| d.join(t).exists()) {
                    continue;
                }
                let hint = match names.iter().find(|n| {
                    n.eq_ignore_ascii_case(t) || n.trim_end_matches(".md").eq_ignore_ascii_case(t)
                }) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "fix the link".to_string(),
                };
                out.push(
                    Finding::new(
                        INFO.id,
                        &e.adr().path,
                        Some(n + 1),
                        format!("link to `{t}`, which does not exist"),
                    )
                    .hint(hint),
                );
            }
        }
    }
}
