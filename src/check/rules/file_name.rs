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
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    None,
                    format!(
                        "file name `{}` is not a lower-case slug of letters, digits and dashes",
                        a.file_name
                    ),
                )
                .hint(format!(
                    "rename it to `{}{}-{}.md`",
                    f.prefix,
                    f.digits,
                    slugify(slug)
                )),
            );
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
