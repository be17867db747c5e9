//! Stale proposals: the one computation behind the `stale-proposal` rule and the dashboard's
//! "open proposals" list, so the two always agree.

use super::History;
use crate::model::Adr;
use crate::repo::Loaded;
use chrono::NaiveDate;

/// A proposal open for longer than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale {
    /// Index into [`Loaded::entries`].
    pub index: usize,
    /// Proposed since.
    pub since: NaiveDate,
}

/// Since when `adr` (whose status is `proposed`) has been proposed: the date of the commit that
/// last made it proposed (from any other status, or when it was created proposed), else the
/// date written in the file.
pub fn proposed_since(adr: &Adr, history: Option<&History>) -> Option<NaiveDate> {
    history
        .and_then(|h| h.by_path.get(&adr.path))
        .and_then(|h| {
            let mut since = None;
            let mut prev: Option<&str> = None;
            for ev in &h.events {
                let st = ev.status.as_deref();
                if st == Some("proposed") && prev != Some("proposed") {
                    since = Some(ev.when.date_naive());
                }
                prev = st;
            }
            since
        })
        .or(adr.date)
}

/// The ADRs whose status is `proposed` and that have been proposed for more than `days` days
/// on `today`, in the order of `loaded`. An ADR with no known "since" is never stale.
pub fn proposals(
    loaded: &Loaded,
    history: Option<&History>,
    days: u32,
    today: NaiveDate,
) -> Vec<Stale> {
    loaded
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.adr().status.as_deref() == Some("proposed"))
        .filter_map(|(index, e)| {
            let since = proposed_since(e.adr(), history)?;
            ((today - since).num_days() > i64::from(days)).then_some(Stale { index, since })
        })
        .collect()
}
