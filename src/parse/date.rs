//! Dates as teams write them (`2024-03-01`, `March 1, 2024`, `1 Mar 2024`).

use super::*;

pub(super) fn set_date(adr: &mut Adr, raw: &str, line: Option<usize>) {
    let d = raw.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    adr.date_text = Some(d.to_string());
    adr.date_line = line;
    adr.date = parse_date(d);
}

/// The environment variable that fixes "today" (`ADRGOV_TODAY=YYYY-MM-DD`: tests,
/// reproducible reports and sites).
pub const TODAY_VAR: &str = "ADRGOV_TODAY";

/// `ADRGOV_TODAY`, when it holds a date.
pub fn fixed_today() -> Option<chrono::NaiveDate> {
    std::env::var(TODAY_VAR).ok().and_then(|d| parse_date(&d))
}

/// Today: `ADRGOV_TODAY`, else the clock.
pub fn today() -> chrono::NaiveDate {
    fixed_today().unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// An ISO date (`YYYY-MM-DD`) at the start of `s`.
pub(super) fn iso_date_at(s: &str) -> Option<chrono::NaiveDate> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    shape
        .then(|| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .flatten()
}

/// A date as teams write it: ISO `YYYY-MM-DD` (a time after it is ignored), or with the month
/// in words (`September 20, 2024`, `20 Sep 2024`, `20th September 2024`). Forms that need a
/// guess (`05/02/2018`: which is the month?) or that are impossible (`2024-14-02`) give `None`;
/// the caller keeps them as written.
pub fn parse_date(d: &str) -> Option<chrono::NaiveDate> {
    let d = d.trim();
    let head = d.get(..10).unwrap_or(d);
    // (`get`: byte 10 may fall inside a character of a malformed date.)
    if (d.len() <= 10 || d.get(10..).is_some_and(|t| t.starts_with(['T', ' ', 't'])))
        && let Ok(date) = chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        return Some(date);
    }
    textual_date(d)
}

/// `September 20, 2024`, `Sep. 20 2024`, `20 Sep 2024`, `20th of September, 2024`.
pub(super) fn textual_date(d: &str) -> Option<chrono::NaiveDate> {
    let words: Vec<&str> = d
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of"))
        .collect();
    let [a, b, c] = words[..] else { return None };
    let (month, day) = match (month_of(a), month_of(b)) {
        (Some(m), None) => (m, day_of(b)?),
        (None, Some(m)) => (m, day_of(a)?),
        _ => return None,
    };
    if c.len() != 4 {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// `Sep`, `Sept.`, `September` (any case) → 9.
pub(super) fn month_of(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept")))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `20`, `20th`, `1st` → the day number.
pub(super) fn day_of(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.chars().all(|c| c.is_ascii_digit())
        || !(suffix.is_empty()
            || ["st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    digits.parse().ok()
}
