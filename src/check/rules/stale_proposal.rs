//! `stale-proposal`: proposed for longer than `days` (default 30).

use super::{RuleInfo, title_line};
use crate::check::{Ctx, Finding};
use crate::repo::config::Level;

/// The rule.
pub const INFO: RuleInfo = RuleInfo {
    id: "stale-proposal",
    level: Level::Warn,
    description: "an ADR has been proposed for longer than `days` (default 30) without a decision",
    history: true,
    fixable: false,
    options: "days = 30",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let days = ctx
        .ws
        .config
        .check
        .get(INFO.id)
        .and_then(|r| r.days)
        .unwrap_or(30);
    for e in &ctx.loaded.entries {
        let a = e.adr();
        if a.status.as_deref() != Some("proposed") {
            continue;
        }
        // Since when: the commit that made it proposed, else the date in the file.
        let since = ctx
            .history
            .and_then(|h| h.by_path.get(&a.path))
            .and_then(|h| {
                let mut since = None;
                let mut prev: Option<&str> = None;
                for ev in &h.events {
                    let st = ev.status.as_deref();
                    if st == Some("proposed") && prev != Some("proposed") {
                        since = Some(ev.date.clone());
                    }
                    prev = st;
                }
                since
            })
            .and_then(|d| crate::parse::parse_date(&d))
            .or(a.date);
        let Some(since) = since else { continue };
        if (ctx.today - since).num_days() > i64::from(days) {
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    a.status_line.or(title_line(a)),
                    format!("proposed since {since}, more than {days} days ago"),
                )
                .hint(format!(
                    "decide: `adrgov accept {}` or `adrgov reject {}`",
                    a.id, a.id
                )),
            );
        }
    }
}
