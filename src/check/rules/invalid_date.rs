//! `invalid-date`: a date that is not `YYYY-MM-DD`, or no date at all (a warning).

use super::{RuleInfo, title_line};
use crate::check::Level;
use crate::check::{Ctx, Finding, RuleId};

/// The rule.
pub(crate) const INFO: RuleInfo = RuleInfo {
    id: RuleId::InvalidDate,
    level: Level::Error,
    description: "the date is not an ISO date (YYYY-MM-DD); a missing date is a warning",
    history: false,
    fixable: false,
    options: "",
};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in &ctx.loaded.entries {
        let a = e.adr();
        match (&a.date_text, a.date) {
            (Some(t), None) => out.push(
                Finding::new(
                    INFO.id,
                    &a.path,
                    a.date_line,
                    format!("date `{t}` is not a valid date"),
                )
                .hint(date_hint(t)),
            ),
            (None, _) => out.push(
                Finding::new(INFO.id, &a.path, title_line(a), "no date")
                    .hint("add a `Date: YYYY-MM-DD` line (or `date:` in the front matter)")
                    .suggest(Level::Warn),
            ),
            _ => {}
        }
    }
}

/// What is wrong with a date adrgov could not read, and how to write it: a form whose day and
/// month cannot be told apart is named as such (both readings shown, neither chosen), an
/// impossible month or day is named.
pub(crate) fn date_hint(t: &str) -> String {
    let nums: Vec<&str> = t.trim().split(['/', '.', '-']).map(str::trim).collect();
    let parsed: Option<Vec<u32>> = if nums.len() == 3
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit()))
    {
        nums.iter().map(|n| n.parse().ok()).collect()
    } else {
        None
    };
    let Some(v) = parsed else {
        return "write it as YYYY-MM-DD (or with the month in words: `20 September 2024`)".into();
    };
    let valid = |y: u32, m: u32, d: u32| {
        i32::try_from(y)
            .ok()
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    if nums[0].len() == 4 {
        let (y, m, d) = (v[0], v[1], v[2]);
        if !(1..=12).contains(&m) {
            return format!("there is no month {m}; write it as YYYY-MM-DD (month second)");
        }
        return match valid(y, m, 1) {
            Some(_) => format!("there is no day {d} in month {m} of {y}; write it as YYYY-MM-DD"),
            None => "write it as YYYY-MM-DD".into(),
        };
    }
    if nums[2].len() == 4 {
        let (a, b, y) = (v[0], v[1], v[2]);
        return match (valid(y, b, a), valid(y, a, b)) {
            (Some(dm), Some(md)) if dm != md => format!(
                "`{}` is ambiguous: {dm} if the day comes first, {md} if the month does; write the one meant as YYYY-MM-DD",
                t.trim()
            ),
            (Some(x), _) | (None, Some(x)) => format!("write it as YYYY-MM-DD: {x}"),
            (None, None) => "write it as YYYY-MM-DD".into(),
        };
    }
    "write it as YYYY-MM-DD (a four-digit year first)".into()
}

#[cfg(test)]
mod tests {
    use super::date_hint;

    #[test]
    fn hints() {
        assert_eq!(
            date_hint("05/02/2018"),
            "`05/02/2018` is ambiguous: 2018-02-05 if the day comes first, 2018-05-02 if the month does; write the one meant as YYYY-MM-DD"
        );
        assert_eq!(
            date_hint("25/02/2018"),
            "write it as YYYY-MM-DD: 2018-02-25"
        );
        assert_eq!(
            date_hint("02.25.2018"),
            "write it as YYYY-MM-DD: 2018-02-25"
        );
        assert_eq!(
            date_hint("05/05/2018"),
            "write it as YYYY-MM-DD: 2018-05-05"
        );
        assert_eq!(
            date_hint("2024-14-02"),
            "there is no month 14; write it as YYYY-MM-DD (month second)"
        );
        assert_eq!(
            date_hint("2023-02-30"),
            "there is no day 30 in month 2 of 2023; write it as YYYY-MM-DD"
        );
        assert_eq!(date_hint("45/45/2018"), "write it as YYYY-MM-DD");
        assert_eq!(
            date_hint("05/02/18"),
            "write it as YYYY-MM-DD (a four-digit year first)"
        );
        assert_eq!(
            date_hint("soon"),
            "write it as YYYY-MM-DD (or with the month in words: `20 September 2024`)"
        );
    }
}
