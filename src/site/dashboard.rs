//! The governance dashboard: counts by status, decisions per quarter, time from proposed to
//! accepted, stale proposals, most-amended decisions. Charts are SVG drawn at build time.

use crate::graph::Graph;
use crate::history::History;
use crate::repo::Loaded;
use serde::Serialize;
use std::collections::BTreeMap;

/// One bar of a chart.
#[derive(Debug, Serialize)]
pub struct Bar {
    /// Label under the bar.
    pub label: String,
    /// Value.
    pub value: usize,
}

/// What the dashboard template sees.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    /// Decisions by status, most first.
    pub by_status: Vec<Bar>,
    /// SVG of `by_status`.
    pub status_svg: String,
    /// Decisions created per quarter (from git, else the file date).
    pub per_quarter: Vec<Bar>,
    /// SVG of `per_quarter`.
    pub quarter_svg: String,
    /// Median days from proposed to accepted, over ADRs whose history shows both.
    pub median_days_to_accept: Option<i64>,
    /// How many ADRs that median is over.
    pub accepted_with_history: usize,
    /// Proposals open for more than `stale_days` (as `stale-proposal` reports them):
    /// (id, title, url, since).
    pub stale: Vec<(String, String, String, String)>,
    /// `days` of `[check] stale-proposal` (default 30).
    pub stale_days: u32,
    /// Most-amended decisions: (id, title, url, count).
    pub most_amended: Vec<(String, String, String, usize)>,
}

/// A horizontal bar chart, deterministic.
fn bars_svg(bars: &[Bar], title: &str) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let row = 22;
    let h = row * bars.len().max(1) + 8;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 420 {h}\" width=\"420\" height=\"{h}\" class=\"chart\">",
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * row + 4;
        // A zero is drawn as no bar (its value still shows).
        let w = (b.value * 260).div_ceil(max);
        s.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"l\">{}</text><rect x=\"120\" y=\"{y}\" width=\"{w}\" height=\"16\" rx=\"3\" class=\"b\"/><text x=\"{}\" y=\"{}\" class=\"v\">{}</text>",
            y + 13,
            esc(&b.label),
            120 + w + 6,
            y + 13,
            b.value
        ));
    }
    s.push_str("</svg>");
    s
}

use super::xml_escape as esc;

/// Computes the dashboard of the ADRs `include` keeps (all of them, or one repository's or
/// source's); `today` and `stale_days` decide what is stale (as for the `stale-proposal`
/// rule), `page` gives an ADR's page URL.
pub fn build(
    loaded: &Loaded,
    graph: &Graph,
    history: Option<&History>,
    (today, stale_days): (chrono::NaiveDate, u32),
    include: &dyn Fn(usize) -> bool,
    page: &dyn Fn(usize) -> String,
) -> Dashboard {
    let mut status: BTreeMap<String, usize> = BTreeMap::new();
    let mut quarters: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut waits = Vec::new();
    let mut amended = Vec::new();
    for (i, e) in loaded.entries.iter().enumerate() {
        if !include(i) {
            continue;
        }
        let a = e.adr();
        *status
            .entry(a.status.clone().unwrap_or_else(|| "none".into()))
            .or_default() += 1;
        let h = history.and_then(|h| h.by_path.get(&a.path));
        let created = h
            .and_then(|h| h.created.as_ref())
            .map(crate::history::Fact::date)
            .or(a.date);
        if let Some(d) = created {
            use chrono::Datelike;
            *quarters
                .entry((d.year(), (d.month() - 1) / 3 + 1))
                .or_default() += 1;
        }
        if let Some(w) = h.and_then(days_to_accept) {
            waits.push(w);
        }
        let n = graph.amended_by(i).len();
        if n > 0 {
            amended.push((
                a.id.clone(),
                a.title.clone().unwrap_or_default(),
                page(i),
                n,
            ));
        }
    }
    let mut stale = stale(loaded, history, today, stale_days, page);
    stale.retain(|s| include(s.0));
    let stale = stale.into_iter().map(|s| s.1).collect();
    waits.sort_unstable();
    let median = (!waits.is_empty()).then(|| waits[waits.len() / 2]);
    let mut by_status: Vec<Bar> = status
        .into_iter()
        .map(|(label, value)| Bar { label, value })
        .collect();
    by_status.sort_by(|a, b| b.value.cmp(&a.value).then(a.label.cmp(&b.label)));
    let per_quarter = every_quarter(&quarters);
    amended.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(&b.0)));
    amended.truncate(10);
    Dashboard {
        status_svg: bars_svg(&by_status, "Decisions by status"),
        quarter_svg: bars_svg(&per_quarter, "Decisions per quarter"),
        by_status,
        per_quarter,
        median_days_to_accept: median,
        accepted_with_history: waits.len(),
        stale,
        stale_days,
        most_amended: amended,
    }
}

/// One bar per quarter from the first to the last that has a decision, the quarters between
/// with none included (as 0), so the axis is true to time.
fn every_quarter(counts: &BTreeMap<(i32, u32), usize>) -> Vec<Bar> {
    let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value())
    else {
        return Vec::new();
    };
    let mut bars = Vec::new();
    let (mut year, mut q) = first;
    while (year, q) <= last {
        bars.push(Bar {
            label: format!("{year}-Q{q}"),
            value: counts.get(&(year, q)).copied().unwrap_or(0),
        });
        (year, q) = if q == 4 { (year + 1, 1) } else { (year, q + 1) };
    }
    bars
}

/// Days from the first `proposed` to the first `accepted` status git saw, when both are known
/// and in that order.
fn days_to_accept(h: &crate::history::AdrHistory) -> Option<i64> {
    let proposed = h
        .events
        .iter()
        .find(|ev| ev.status.as_deref() == Some("proposed"))?;
    let accepted = h
        .events
        .iter()
        .find(|ev| ev.status.as_deref() == Some("accepted"))?;
    let pd = proposed.when.date_naive();
    let ad = accepted.when.date_naive();
    (ad >= pd).then(|| (ad - pd).num_days())
}

/// The stale proposals: id, title, page and the day they were proposed.
fn stale(
    loaded: &Loaded,
    history: Option<&History>,
    today: chrono::NaiveDate,
    stale_days: u32,
    page: &dyn Fn(usize) -> String,
) -> Vec<(usize, (String, String, String, String))> {
    crate::history::stale::proposals(loaded, history, stale_days, today)
        .into_iter()
        .map(|s| {
            let a = loaded.entries[s.index].adr();
            (
                s.index,
                (
                    a.id.clone(),
                    a.title.clone().unwrap_or_default(),
                    page(s.index),
                    s.since.to_string(),
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(bars: &[Bar]) -> Vec<(String, usize)> {
        bars.iter().map(|b| (b.label.clone(), b.value)).collect()
    }

    #[test]
    fn quarters_without_a_decision_are_listed_as_zero_across_years() {
        let counts = BTreeMap::from([((2022, 3), 2), ((2023, 2), 1)]);
        let want: Vec<(String, usize)> = [
            ("2022-Q3", 2),
            ("2022-Q4", 0),
            ("2023-Q1", 0),
            ("2023-Q2", 1),
        ]
        .into_iter()
        .map(|(l, v)| (l.to_string(), v))
        .collect();
        assert_eq!(labels(&every_quarter(&counts)), want);
        assert_eq!(
            labels(&every_quarter(&BTreeMap::from([((2020, 4), 3)]))),
            vec![("2020-Q4".to_string(), 3)]
        );
        assert!(every_quarter(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn a_zero_bar_has_no_width_but_shows_its_value() {
        let svg = bars_svg(
            &[
                Bar {
                    label: "2022-Q4".into(),
                    value: 0,
                },
                Bar {
                    label: "2023-Q1".into(),
                    value: 2,
                },
            ],
            "t",
        );
        assert!(svg.contains("<text x=\"0\" y=\"17\" class=\"l\">2022-Q4</text><rect x=\"120\" y=\"4\" width=\"0\" height=\"16\" rx=\"3\" class=\"b\"/><text x=\"126\" y=\"17\" class=\"v\">0</text>"), "{svg}");
        assert!(svg.contains("width=\"260\" height=\"16\""), "{svg}");
    }
}
