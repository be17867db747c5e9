//! `file-name`: the file name does not follow `NNNN-slug.md`, or its slug is not the title's.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::parse::name::{parse_file_name, slugify};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::FileName,
    level: Level::Warn,
    description: "the file name does not follow NNNN-lower-case-slug.md, or its slug does not match the title",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        let f = parse_file_name(&a.file_name);
        let slug = &f.slug;
        let clean = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !clean {
            // The name it would have: the prefix and number as written (a space in the
            // prefix a dash), then the slug cleaned, or the title's when the name has none.
            let want = Some(slugify(slug))
                .filter(|s| !s.is_empty())
                .or_else(|| a.title.as_deref().map(slugify))
                .unwrap_or_default();
            // What comes before the slug as written (`ADR-9`, `0004`, `2021-03-04`), a space a
            // dash.
            let stem = crate::model::name::markdown_stem(&a.file_name).unwrap_or(&a.file_name);
            let head = stem
                .strip_suffix(slug.as_str())
                .unwrap_or("")
                .trim_end_matches(['-', '_', '.', ' '])
                .replace(' ', "-");
            let message = if slug.is_empty() {
                format!("file name `{}` has no slug after its number", a.file_name)
            } else {
                format!(
                    "file name `{}` is not a lower-case slug of letters, digits and dashes",
                    a.file_name
                )
            };
            let hint = match (head.is_empty(), want.is_empty()) {
                (_, true) => "add a slug of the title after the number".to_string(),
                (true, false) => format!("rename it to `{want}.md`"),
                (false, false) => format!("rename it to `{head}-{want}.md`"),
            };
            out.push(Finding::new(INFO.id, &a.path, None, message).hint(hint));
            continue;
        }
        if let Some(t) = &a.title {
            let want = slugify(t);
            // Compared without dashes: `GOV.UK` slugifies to `gov-uk`, written `govuk`.
            if !want.is_empty() && want.replace('-', "") != slug.replace('-', "") {
                out.push(
                    Finding::new(
                        INFO.id,
                        &a.path,
                        a.title_line,
                        format!("file name slug `{slug}` does not match the title (`{want}`)"),
                    )
                    .hint("rename the file or fix the title, so readers find one by the other"),
                );
            }
        }
    }
}
