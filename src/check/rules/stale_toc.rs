//! `stale-toc`: the index file named by `[adr] toc` is not what `adrgov toc` writes.

use super::RuleInfo;
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub const INFO: RuleInfo = RuleInfo {
    id: RuleId::StaleToc,
    level: Level::Warn,
    description: "the index file named by `[adr] toc` does not list the ADRs as they are",
    history: false,
    fixable: true,
    options: "needs `toc = \"path\"` in [adr]",
};

/// The index's path and the text it should have, when `[adr] toc` is set and it differs.
pub fn expected(ctx: &Ctx<'_>) -> Option<(std::path::PathBuf, String, String)> {
    let rel = ctx.ws.config.toc.as_ref()?;
    let path = ctx.ws.root.join(rel);
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    let want = crate::repo::toc::refresh(ctx.loaded, &now, &ctx.ws.config);
    (now != want).then_some((path, now, want))
}

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if let Some((path, _, _)) = expected(ctx) {
        out.push(
            Finding::new(
                INFO.id,
                &ctx.ws.rel(&path),
                None,
                "the index does not list the ADRs as they are",
            )
            .hint("`adrgov check --fix` rewrites it (or `adrgov toc`)"),
        );
    }
}
