//! `accepted-edited`: the text of an accepted decision changed after acceptance (only status and
//! relation lines may change).

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::AcceptedEdited,
    level: Level::Warn,
    description: "the text of an accepted ADR changed after acceptance (only status, relation and governs lines may)",
    history: true,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(h) = ctx.history else { return };
    for e in &ctx.loaded.entries {
        let a = e.adr();
        let Some(hist) = h.by_path.get(&a.path) else {
            continue;
        };
        let Some(k) = hist
            .events
            .iter()
            .position(|ev| ev.status.as_deref() == Some("accepted"))
        else {
            continue;
        };
        let accepted = &hist.events[k];
        let edit = hist.events[k + 1..]
            .iter()
            .find(|ev| ev.content != accepted.content);
        let now = crate::history::content_hash(&e.text, &e.parsed);
        let message = match edit {
            Some(ev) => format!(
                "accepted on {} ({}), then its text was changed on {} by {} ({})",
                accepted.date(),
                &accepted.commit[..8.min(accepted.commit.len())],
                ev.date(),
                ev.author,
                &ev.commit[..8.min(ev.commit.len())]
            ),
            None if now != hist.events.last().map_or(now, |l| l.content)
                && now != accepted.content =>
            {
                format!(
                    "accepted on {} ({}); the working tree changes its text",
                    accepted.date(),
                    &accepted.commit[..8.min(accepted.commit.len())]
                )
            }
            None => continue,
        };
        out.push(
            Finding::new(INFO.id, &a.path, title_line(a), message)
                .hint(format!("record a change of mind as a new ADR: `adrgov new \"…\" --amends {}` or --supersedes", a.id)),
        );
    }
}
