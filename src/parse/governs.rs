//! `governs`: the paths a decision is about, in every dialect — a front-matter key (a list or
//! one string), a `## Governs` section of one glob per bullet, a `Governs:` line (or bullet, or
//! `## Governs: a, b` heading) of globs separated by commas.

use super::*;
use crate::model::Governs;

/// Heading texts (lower case, without emphasis and a trailing colon) of a governs section.
const SECTION_NAMES: [&str; 4] = [
    "governs",
    "governed paths",
    "governed files",
    "governed code",
];

/// The `## Governs` section (a heading of level 2 or lower, not the title), if any.
pub fn governs_section(layout: &Layout) -> Option<Section> {
    let idx = layout.headings.iter().position(|h| {
        layout.title_line != Some(h.line)
            && h.level >= 2
            && SECTION_NAMES.contains(&section_name(&h.text).as_str())
    })?;
    Some(section_of(layout, idx))
}

fn section_name(heading: &str) -> String {
    heading
        .trim_matches(['*', '_', ' '])
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase()
}

/// Reads every `governs` of the file into `adr.governs` (file order, each glob once).
pub(super) fn read_governs(text: &str, layout: &Layout, pod: Option<&Pod>, adr: &mut Adr) {
    let mut out: Vec<Governs> = Vec::new();
    if let (Some(Pod::Hash(map)), Some(front)) = (pod, layout.front.as_ref())
        && let Some(k) = front.key("governs")
        && let Some((_, v)) = map
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case("governs"))
    {
        let globs = match v {
            Pod::Array(a) => a.iter().filter_map(pod_text).collect(),
            Pod::String(s) => split_globs(s),
            _ => Vec::new(),
        };
        for g in globs {
            let g = clean_glob(&g);
            // The line of a block-list item is its own; of a flow list, the key's.
            let line = (k.line..k.end)
                .find(|&n| layout.line_at(text, n).contains(g.as_str()))
                .unwrap_or(k.line);
            out.push(Governs { glob: g, line });
        }
    }
    let section = governs_section(layout);
    // A file that never says `governs` (most) has no governs line to look for.
    let last = if section.is_some() || mentions_governs(text) {
        layout.last_line()
    } else {
        0
    };
    let lines = layout.body_start..=last;
    for n in lines {
        if layout.is_code(n) {
            continue;
        }
        let in_section = section.is_some_and(|s| n > s.heading && n < s.end);
        let raw = layout.line_at(text, n);
        // Outside the section, only a line saying `governs` can hold globs.
        if !in_section && !mentions_governs(raw) {
            continue;
        }
        let (bullet, l) = strip_bullet(raw);
        let l = match heading(l) {
            // The title is no metadata (`# Governs: globs relative to the root`).
            Some((level, _)) if level < 2 || layout.title_line == Some(n) => continue,
            Some(_) => l.trim_start_matches('#').trim(),
            None => l,
        };
        if let Some(v) = key_value(l, "governs") {
            let globs = split_globs(v).into_iter().flat_map(|g| globs_in(&g));
            out.extend(globs.map(|glob| Governs { glob, line: n }));
        } else if in_section && bullet && !l.is_empty() {
            out.extend(
                globs_in(l)
                    .into_iter()
                    .map(|glob| Governs { glob, line: n }),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|g| !g.glob.is_empty() && seen.insert(g.glob.clone()));
    adr.governs = out;
}

/// Whether `line` holds the word `governs` in any case (a quick test of every body line).
fn mentions_governs(line: &str) -> bool {
    // By its `v`, rarer than its `g` in prose.
    let b = line.as_bytes();
    memchr::memchr2_iter(b'v', b'V', b).any(|i| {
        i >= 2
            && b.get(i - 2..i + 5)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"governs"))
    })
}

/// The globs of one bullet (or one comma-separated piece of a `Governs:` line): each
/// `` `code span` `` when there are any (prose may follow them), else the text split at commas
/// (outside `{a,b}` alternatives).
fn globs_in(v: &str) -> Vec<String> {
    let spans: Vec<&str> = v.split('`').skip(1).step_by(2).collect();
    let globs = if v.matches('`').count() >= 2 {
        spans.into_iter().map(str::to_string).collect()
    } else {
        split_globs(v)
    };
    globs.iter().map(|g| clean_glob(g)).collect()
}

/// `a, b/{x,y}/**` → `[a, b/{x,y}/**]`: commas inside braces belong to the glob.
pub fn split_globs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|g| clean_glob(&g))
        .filter(|g| !g.is_empty())
        .collect()
}

/// A glob without the quotes, backticks and spaces around it.
fn clean_glob(g: &str) -> String {
    g.trim().trim_matches(['"', '\'', '`']).trim().to_string()
}
