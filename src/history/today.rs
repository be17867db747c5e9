//! "Today" for `check` and the site. `ADRGOV_TODAY=YYYY-MM-DD` fixes it (tests, reproducible
//! reports and sites); it is read in `parse::date`, where the edit of a dated status list
//! uses it too.

use super::History;
use crate::repo::Loaded;
use chrono::NaiveDate;

/// `ADRGOV_TODAY`, when it holds a date.
pub fn fixed() -> Option<NaiveDate> {
    crate::parse::date::fixed_today()
}

/// Today for `check`: `ADRGOV_TODAY`, else the clock.
pub fn now() -> NaiveDate {
    crate::parse::date::today()
}

/// Today for the site, chosen so that the same repository gives the same site:
/// `ADRGOV_TODAY`, else the date of the latest change to any ADR in git, else the latest date
/// written in an ADR, else the clock.
pub fn of_site(loaded: &Loaded, history: Option<&History>) -> NaiveDate {
    fixed()
        .or_else(|| latest_change(loaded, history))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The date of the latest change to any ADR in git, else the latest date written in an ADR.
fn latest_change(loaded: &Loaded, history: Option<&History>) -> Option<NaiveDate> {
    history
        .and_then(|h| {
            h.by_path
                .values()
                .filter_map(|a| a.updated.as_ref())
                .map(super::Fact::date)
                .max()
        })
        .or_else(|| loaded.entries.iter().filter_map(|e| e.adr().date).max())
}
