//! `superseded-status`: superseded by another ADR but the status says otherwise, or status
//! superseded with no successor.

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};
use crate::model::RelationKind;

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SupersededStatus,
    level: Level::Error,
    description: "an ADR another one supersedes is not marked superseded, or one marked superseded names no successor (a warning)",
    history: false,
    fixable: true,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let l = ctx.loaded;
    for (i, e) in l.entries.iter().enumerate() {
        let a = e.adr();
        let by = ctx.graph.superseded_by(i);
        let superseded = a.status.as_deref() == Some("superseded");
        if !by.is_empty() && !superseded {
            let ids: Vec<&str> = by.iter().map(|&j| l.entries[j].adr().id.as_str()).collect();
            out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    a.status_line.or(title_line(a)),
                    format!(
                        "superseded by {}, but its status is {}",
                        ids.join(", "),
                        a.status.as_deref().unwrap_or("missing")
                    ),
                )
                .hint("`adrgov check --fix` sets the status to superseded"),
            );
        } else if by.is_empty() && superseded {
            let dangling = ctx
                .graph
                .dangling
                .iter()
                .any(|d| d.from == i && d.kind == RelationKind::SupersededBy);
            if !dangling {
                out.push(
                    Finding::new(
                        INFO.id,
                        &a.path,
                        a.status_line.or(title_line(a)),
                        "status is superseded, but no ADR supersedes it",
                    )
                    .hint(format!(
                        "name the successor: `adrgov supersede {} NEW`",
                        a.id
                    ))
                    .suggest(Level::Warn),
                );
            }
        }
    }
}
