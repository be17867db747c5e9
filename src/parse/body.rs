//! The body dialects (Nygard / adr-tools and the Markdown shapes teams write): headings, the
//! title, `## Status` sections, `Status:` lines and bullets, metadata tables, dates and people
//! written in the text.

use super::*;

/// Marks fenced code, collects headings.
pub(super) fn scan_body(text: &str, layout: &mut Layout) {
    let mut fence: Option<(char, usize)> = None;
    let mut opened = 0;
    for n in layout.body_start..=layout.last_line() {
        if layout.is_code(n) {
            continue;
        }
        let line = layout.line_at(text, n);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim_start_matches(' ');
        if let Some((ch, len)) = fence {
            layout.set_code(n);
            if indent < 4 {
                let run = t.chars().take_while(|&c| c == ch).count();
                if run >= len && t[run * ch.len_utf8()..].trim().is_empty() {
                    fence = None;
                }
            }
            continue;
        }
        if indent < 4 {
            let ch = t.chars().next().unwrap_or(' ');
            if ch == '`' || ch == '~' {
                let run = t.chars().take_while(|&c| c == ch).count();
                if run >= 3 && !(ch == '`' && t[run..].contains('`')) {
                    fence = Some((ch, run));
                    opened = n;
                    layout.set_code(n);
                    continue;
                }
            }
            if let Some(h) = heading(t) {
                layout.headings.push(Heading {
                    line: n,
                    underline: None,
                    level: h.0,
                    text: h.1,
                });
            } else if let Some(level) = setext_underline(t)
                && let Some(h) = setext_text(text, layout, n)
                // `Date: 2021-03-04` then a `---` rule: a metadata line, not a heading.
                && (level == 1 || !h.contains(':'))
            {
                layout.headings.push(Heading {
                    line: n - 1,
                    underline: Some(n),
                    level,
                    text: h,
                });
            }
        }
    }
    // A `---` under a line is also how teams write a rule after a paragraph (`Accepted` then
    // `---` in a Status section): in a file whose sections are `##` headings it is one; only
    // files written in setext style have `----` section headings.
    if layout
        .headings
        .iter()
        .any(|h| h.underline.is_none() && h.level >= 2)
    {
        layout
            .headings
            .retain(|h| h.underline.is_none() || h.level == 1);
    }
    layout.open_fence = fence.map(|(ch, len)| (opened, ch.to_string().repeat(len)));
}

/// The level of a setext heading's underline (`t` without its indent): 1 for `===`, 2 for
/// `---` (one character or more, nothing else but trailing spaces).
fn setext_underline(t: &str) -> Option<usize> {
    let t = t.trim_end();
    let ch = t.chars().next()?;
    (matches!(ch, '=' | '-') && t.chars().all(|c| c == ch)).then_some(if ch == '=' { 1 } else { 2 })
}

/// The text of the setext heading whose underline is line `n`: the line above it when that
/// line is a one-line paragraph (after a blank line, a heading, a code block or the start of
/// the body; not a list item, quote, table row, code or an HTML block), trimmed.
fn setext_text(text: &str, layout: &Layout, n: usize) -> Option<String> {
    let above = n.checked_sub(1).filter(|&a| a >= layout.body_start)?;
    if layout.is_code(above) || layout.headings.last().is_some_and(|h| h.line == above) {
        return None;
    }
    let raw = layout.line_at(text, above);
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    let t = raw.trim();
    let block_start = t.starts_with(['-', '*', '+', '>', '|', '<', '#'])
        || t.ends_with('|')
        || t.split_once(['.', ')']).is_some_and(|(d, _)| {
            !d.is_empty() && d.len() <= 9 && d.bytes().all(|b| b.is_ascii_digit())
        });
    if indent >= 4 || t.is_empty() || block_start {
        return None;
    }
    let paragraph_starts = above == layout.body_start
        || layout
            .headings
            .last()
            .is_some_and(|h| h.underline.unwrap_or(h.line) == above - 1)
        || layout.is_code(above - 1)
        || layout.line_at(text, above - 1).trim().is_empty();
    paragraph_starts.then(|| t.to_string())
}

/// `## Text ##` → (2, "Text").
pub(super) fn heading(t: &str) -> Option<(usize, String)> {
    let level = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    // A no-break space after the `#`s is not a CommonMark heading, but teams mean one
    // (`##\u{a0}Status`): read it as a heading for metadata.
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    let text = rest.trim();
    // A closing sequence of `#`s counts only after a space (CommonMark): `# C#` keeps its `#`.
    let stripped = text.trim_end_matches('#');
    let text = if stripped.is_empty() {
        ""
    } else if stripped.ends_with([' ', '\t']) {
        stripped.trim_end()
    } else {
        text
    };
    Some((level, text.to_string()))
}

/// The title a heading gives, without what only numbers or decorates it:
/// - heading attributes at the end (`{#id}`, `{.class}`, `{: #id}`);
/// - `Architecture Decision Record:` and an `ADR` prefix with or without a number
///   (`ADR 023 - X`, `ADR023: X`, `ADR-23: X`, `ADR #23 X`, `ADR: X`, `[ADR-23] X`, `[23] X`);
/// - a number followed by `.`, `:`, `)` or a dash (`0009. X`, `23) X`, `23 - X`);
/// - a bare number followed by a space (`23 Logging`) only when it is the file's own number
///   (`file_number`), so that `2FA everywhere` or `3 Musketeers` keep theirs.
///
/// A heading that is nothing but a prefix keeps its text.
pub fn title_from_heading(h: &str, file_number: Option<u32>) -> String {
    let mut t = strip_heading_attributes(h.trim());
    if let Some(r) = strip_prefix_ci(t, "architecture decision record")
        && r.trim_start().starts_with([':', '-', '–'])
    {
        t = r
            .trim_start()
            .trim_start_matches([':', '-', '–'])
            .trim_start();
    }
    let untouched = t;
    let tail = |s: &str| -> Option<String> {
        let s = s
            .trim_start()
            .trim_start_matches(['-', '–', '—', ':', '.'])
            .trim_start();
        (!s.is_empty()).then(|| s.to_string())
    };
    // `[ADR-23] X`, `[23] X` (a bracket that is not a link).
    if let Some(inner) = t.strip_prefix('[')
        && let Some(close) = inner.find(']')
        && !inner[close + 1..].starts_with('(')
    {
        let label = inner[..close].trim();
        if number_in_ref(label).is_some() || label.eq_ignore_ascii_case("adr") {
            return tail(&inner[close + 1..]).unwrap_or_else(|| untouched.to_string());
        }
    }
    let (had_adr, r) = match strip_prefix_ci(t, "adr") {
        Some(r)
            if r.starts_with(['-', ' ', '_', '#', ':'])
                || r.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (true, r.trim_start_matches(['-', ' ', '_', '#']))
        }
        _ => (false, t),
    };
    if had_adr && r.starts_with(':') {
        // `ADR: Secondary Fee Token Support`
        return tail(r).unwrap_or_else(|| untouched.to_string());
    }
    let digits = r.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return untouched.to_string();
    }
    let after = &r[digits..];
    let number: Option<u32> = r[..digits].parse().ok();
    let stripped = if after.starts_with(['.', ':', ')']) {
        tail(&after[1..])
    } else if after.starts_with([' ', '\t']) {
        let a = after.trim_start();
        if a.starts_with(['-', '–', '—', ':'])
            || had_adr
            || (number.is_some() && number == file_number)
        {
            tail(a)
        } else {
            None
        }
    } else {
        None
    };
    stripped.unwrap_or_else(|| untouched.to_string())
}

/// `Title {#id .class}` → `Title` (Pandoc / kramdown heading attributes).
pub(super) fn strip_heading_attributes(t: &str) -> &str {
    if t.ends_with('}')
        && let Some(open) = t.rfind('{')
        && t[open + 1..]
            .trim_start_matches([':', ' '])
            .starts_with(['#', '.'])
        && !t[..open].trim().is_empty()
    {
        return t[..open].trim_end();
    }
    t
}

/// Strips a list marker: `- x`, `* x`, `+ x`.
pub(super) fn strip_bullet(l: &str) -> (bool, &str) {
    let t = l.trim_start();
    for m in ["- ", "* ", "+ "] {
        if let Some(r) = t.strip_prefix(m) {
            return (true, r.trim_start());
        }
    }
    (false, t)
}

/// `Key: value`, `**Key:** value`, `**Key**: value`, `Key - value` → value, when the key is `key`
/// (any case).
pub(super) fn key_value<'a>(l: &'a str, key: &str) -> Option<&'a str> {
    let t = l.trim_start_matches(['*', '_']);
    let rest = crate::model::strip_prefix_ci(t, key)?;
    let rest = rest.trim_start_matches(['*', '_']);
    let rest = match rest.strip_prefix(':') {
        Some(r) => r,
        None => {
            // `Status - Accepted`, `Status — Accepted`: a dash between spaces.
            let r = rest.strip_prefix([' ', '\t'])?.trim_start();
            r.strip_prefix(['-', '–', '—'])?.strip_prefix([' ', '\t'])?
        }
    };
    let rest = rest.trim_start_matches(['*', '_']);
    Some(rest.trim())
}

/// Whether line `n` (1-based) is a table's header row (the next line is its delimiter row
/// `|---|---|`): its cells name columns, they hold no values.
pub(super) fn is_table_header(text: &str, layout: &Layout, n: usize) -> bool {
    n < layout.last_line() && {
        let next = layout.line_at(text, n + 1).trim();
        next.contains('-')
            && next.contains('|')
            && next
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    }
}

/// The cells of a Markdown table row (`| a | b |`, `|a |b|`, outer pipes optional on one
/// side), trimmed.
pub(super) fn table_cells(l: &str) -> Option<Vec<&str>> {
    let t = l.trim();
    if !t.starts_with('|') && !t.ends_with('|') {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// A Markdown table row `| Key | Value |` → the first two cells, the key without emphasis and
/// a closing colon ([`key_name`]). The delimiter row (`|---|---|`) and rows of one cell are not, nor a row whose first cell
/// is itself a `Key: value` or `Key - value` line (it names no key).
pub(super) fn table_row(l: &str) -> Option<(&str, &str)> {
    let cells = table_cells(l)?;
    let (key, value) = (*cells.first()?, *cells.get(1)?);
    if key.is_empty() || key.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
        return None;
    }
    let key = key_name(key);
    (!holds_a_value(key)).then_some((key, value))
}

/// A table's key cell without emphasis and a closing colon: `**Status:**`, `**Status**:`,
/// `__Status__ :`, `Status:` → `Status`.
pub(super) fn key_name(cell: &str) -> &str {
    cell.trim_start_matches(['*', '_', ' ', '\t'])
        .trim_end_matches(['*', '_', ':', ' ', '\t'])
}

/// Whether a table's key cell reads as a `Key: value` or `Key - value` line: such a cell
/// names no key, and read as one its row's value cell would not be the value read.
fn holds_a_value(key: &str) -> bool {
    key.contains(':')
        || ['-', '–', '—'].iter().any(|d| {
            key.match_indices(*d).any(|(i, _)| {
                key[..i].ends_with([' ', '\t']) && key[i + d.len_utf8()..].starts_with([' ', '\t'])
            })
        })
}

/// The metadata lines of the preamble line `n`, each as (`Key: value` text, 1-based line,
/// table cell, list bullet). A `Key | Value` table row is one; a table whose header row names
/// `Status` or `Date` columns gives one per column of its first data row (and that row is not
/// read again: `skip`).
pub(super) fn meta_entries(
    text: &str,
    layout: &Layout,
    n: usize,
    skip: &mut Option<usize>,
) -> Vec<(String, usize, Option<usize>, bool)> {
    let raw = layout.line_at(text, n);
    if is_table_header(text, layout, n) {
        let head = table_cells(raw).unwrap_or_default();
        let named = head.iter().any(|k| {
            let k = key_name(k);
            k.eq_ignore_ascii_case("status") || k.eq_ignore_ascii_case("date")
        }) && !head.iter().any(|k| holds_a_value(key_name(k)));
        let data = (n + 2 <= layout.last_line())
            .then(|| layout.line_at(text, n + 2))
            .and_then(table_cells);
        return match data {
            Some(data) if named => {
                *skip = Some(n + 2);
                head.iter()
                    .zip(data)
                    .enumerate()
                    .map(|(c, (k, v))| (format!("{}: {v}", key_name(k)), n + 2, Some(c), false))
                    .collect()
            }
            _ => Vec::new(),
        };
    }
    if let Some((k, v)) = table_row(raw) {
        return vec![(format!("{k}: {v}"), n, Some(1), false)];
    }
    let (is_bullet, l) = strip_bullet(raw);
    vec![(l.to_string(), n, None, is_bullet)]
}

pub(super) fn read_body_metadata(text: &str, layout: &mut Layout, vocab: &Vocab, adr: &mut Adr) {
    let has_front_status = adr.status_text.is_some();
    if has_front_status && let Some(k) = layout.front.as_ref().and_then(|f| f.key("status")) {
        layout.status = Some(StatusAt::Front(k.line));
    }
    if let Some(k) = layout.front.as_ref().and_then(|f| f.key("date")) {
        layout.date_line = Some(k.line);
    }
    read_title(layout, adr);
    // Lines whose every relation is read already (the Status and Links sections).
    let mut read: Vec<usize> = Vec::new();
    let status_heading_inline = find_sections(layout);
    read_preamble(text, layout, vocab, adr);
    if let Some(sec) = layout.status_section {
        if let Some((line, v)) = &status_heading_inline
            && adr.status_text.is_none()
        {
            adr.status = normalize_status_with(v, vocab.statuses());
            adr.status_text = Some(v.clone());
            adr.status_line = Some(*line);
            layout.status = Some(StatusAt::Heading(*line));
            adr.relations.extend(status_relations(v, vocab, *line));
        }
        read_status_section(text, layout, vocab, adr, sec, &mut read);
    }
    if let Some(sec) = layout.links_section {
        for n in sec.heading + 1..sec.end {
            if layout.is_code(n) {
                continue;
            }
            let l = layout.line_at(text, n).trim();
            adr.relations.extend(relations_in_line(l, vocab, n, false));
            read.push(n);
        }
    }
    read_relation_lines(text, layout, vocab, adr, &read);
    read_date_section(text, layout, adr);
    dedup_relations(&mut adr.relations);
}

/// Title: the first level-1 heading.
pub(super) fn read_title(layout: &mut Layout, adr: &mut Adr) {
    if let Some(h) = layout.headings.iter().find(|h| h.level == 1) {
        layout.title_line = Some(h.line);
        if adr.title.is_none() {
            let t = title_from_heading(&h.text, adr.number);
            if !t.is_empty() {
                adr.title = Some(t);
                adr.title_line = Some(h.line);
            }
        }
    }
}

/// The section under heading `idx`: it ends at the next heading of its level or higher.
pub(super) fn section_of(layout: &Layout, idx: usize) -> Section {
    let h = &layout.headings[idx];
    // A level-1 `# Status` beside `##` sections (a heading level slip) ends at the next of
    // them, not at the end of the file.
    let level = h.level.max(2);
    let end = layout.headings[idx + 1..]
        .iter()
        .find(|o| o.level <= level)
        .map_or(layout.last_line() + 1, |o| o.line);
    Section {
        starts: h.line,
        heading: h.underline.unwrap_or(h.line),
        end,
    }
}

/// Finds the Status and Links sections; returns the line (1-based) and value of a
/// `## Status: x` heading that holds the status itself.
pub(super) fn find_sections(layout: &mut Layout) -> Option<(usize, String)> {
    let mut status_heading_inline: Option<(usize, String)> = None;
    for (idx, h) in layout.headings.iter().enumerate() {
        if h.level < 2 && layout.title_line == Some(h.line) {
            continue;
        }
        let t = h.text.trim_matches(['*', '_', ' ']).to_ascii_lowercase();
        let t = t.trim_end_matches(':');
        // `## Status`, and `## Decision Status`, `## Current Status`, `## ADR Status`.
        let t = ["decision ", "current ", "adr ", "record "]
            .iter()
            .find_map(|w| t.strip_prefix(w).filter(|r| *r == "status"))
            .unwrap_or(t);
        if layout.status_section.is_none() && t == "status" {
            layout.status_section = Some(section_of(layout, idx));
        } else if layout.status_section.is_none()
            && let Some(v) = key_value(&h.text, "status")
            && !v.is_empty()
        {
            layout.status_section = Some(section_of(layout, idx));
            status_heading_inline = Some((h.line, v.to_string()));
        } else if layout.links_section.is_none()
            && matches!(
                t,
                "links"
                    | "more information"
                    | "related"
                    | "related decisions"
                    | "related adrs"
                    | "related records"
            )
        {
            layout.links_section = Some(section_of(layout, idx));
        }
    }
    status_heading_inline
}

/// Preamble: from the body start to the first heading after the title (bullets, `Key: value`
/// lines, tables whose rows read as `Key: value` lines). Status bullets make the file MADR's
/// bullets dialect.
pub(super) fn read_preamble(text: &str, layout: &mut Layout, vocab: &Vocab, adr: &mut Adr) {
    let pre_end = layout
        .headings
        .iter()
        .find(|h| Some(h.line) != layout.title_line)
        .map_or(layout.last_line() + 1, |h| h.line);
    let mut bullets = false;
    let mut skip = None;
    for row_line in layout.body_start..pre_end {
        if layout.is_code(row_line) || skip == Some(row_line) {
            continue;
        }
        let raw = layout.line_at(text, row_line);
        if raw.starts_with("    ") || raw.starts_with('\t') {
            continue;
        }
        // Table rows read as `Key: value` lines.
        for (entry, i, cell, is_bullet) in meta_entries(text, layout, row_line, &mut skip) {
            let l = entry.as_str();
            if let Some(v) = key_value(l, "status") {
                if adr.status_text.is_none() && !v.is_empty() {
                    adr.status = normalize_status_with(v, vocab.statuses());
                    adr.status_text = Some(v.to_string());
                    adr.status_line = Some(i);
                    layout.status = Some(if let Some(c) = cell {
                        StatusAt::Table(i, c)
                    } else if is_bullet {
                        StatusAt::Bullet(i)
                    } else {
                        StatusAt::Inline(i)
                    });
                    adr.relations.extend(status_relations(v, vocab, i));
                    bullets |= is_bullet;
                }
            } else if let Some(v) = key_value(l, "date") {
                if adr.date_text.is_none() {
                    set_date(adr, v, Some(i));
                    layout.date_line = Some(i);
                }
            } else if !read_people(l, adr) && layout.status_section.is_none() {
                // Relation lines beside an inline `Status:` line.
                adr.relations.extend(relations_in_line(l, vocab, i, false));
            }
        }
    }
    if bullets && layout.front.is_none() {
        layout.dialect = Dialect::Bullets;
        adr.format = Format::Madr;
    }
}

/// Reads a preamble `Deciders:`, `Consulted:`, `Informed:` or `Tags:` entry (the first of each
/// wins); whether `l` is one.
pub(super) fn read_people(l: &str, adr: &mut Adr) -> bool {
    if let Some(v) = [
        "deciders",
        "decision-makers",
        "decision makers",
        "decision-maker",
    ]
    .iter()
    .find_map(|k| key_value(l, k))
    {
        if adr.decision_makers.is_empty() {
            adr.decision_makers = split_people(v);
        }
    } else if let Some(v) = key_value(l, "consulted") {
        if adr.consulted.is_empty() {
            adr.consulted = split_people(v);
        }
    } else if let Some(v) = key_value(l, "informed") {
        if adr.informed.is_empty() {
            adr.informed = split_people(v);
        }
    } else if let Some(v) = key_value(l, "tags") {
        if adr.tags.is_empty() {
            adr.tags = split_people(v);
        }
    } else {
        return false;
    }
    true
}

/// The Status section: its first paragraph that is not a relation line is the status — or the
/// checked item of a task list, or the latest entry of a dated status log, when the section
/// starts with one; relation lines anywhere in it.
pub(super) fn read_status_section(
    text: &str,
    layout: &mut Layout,
    vocab: &Vocab,
    adr: &mut Adr,
    sec: Section,
    read: &mut Vec<usize>,
) {
    // After a status log or a task list of statuses, no later line is the status (a
    // template's list with no box checked has none).
    let mut listed = false;
    for i in sec.heading + 1..sec.end {
        if layout.is_code(i) {
            continue;
        }
        let raw = layout.line_at(text, i);
        let l = raw.trim();
        if l.is_empty() || l.starts_with("<!--") || l.starts_with('#') {
            continue;
        }
        let mut rels = relations_in_line(l, vocab, i, false);
        if !listed && adr.status_text.is_none() {
            listed = read_status_list(text, layout, vocab, adr, (i, sec.end), &mut rels);
        }
        if listed && adr.status_text.is_none() {
            adr.relations.extend(rels);
            read.push(i);
            continue;
        }
        // A table in the section: its `| Status | x |` row holds the status; other rows
        // (the header, the delimiter) are not.
        let row = table_row(l);
        if adr.status_text.is_none()
            && l.starts_with('|')
            && row.is_none_or(|(k, _)| {
                !k.eq_ignore_ascii_case("status") || is_table_header(text, layout, i)
            })
        {
            continue;
        }
        if adr.status_text.is_none() {
            let (v, last) = match row {
                Some((_, v)) => (v.to_string(), i),
                None => status_paragraph(text, layout, vocab, i, sec.end),
            };
            if v.is_empty() {
                continue;
            }
            let is_relation = vocab.match_any(decoration_free_start(l)).is_some();
            if set_section_status(
                layout,
                vocab,
                adr,
                &v,
                (i, last),
                row.is_some(),
                is_relation,
            ) {
                // The status line: relations anywhere in it (`Implemented. Superseded by ..`).
                rels.extend(status_relations(&v, vocab, i));
            }
        }
        adr.relations.extend(rels);
        read.push(i);
    }
}

/// A dated status log in a Status section (see [`status_log`]).
pub(super) struct StatusLog<'a> {
    /// Its last line.
    pub(super) last: usize,
    /// Its entries in file order: line, date, status text.
    pub(super) entries: Vec<(usize, Option<chrono::NaiveDate>, &'a str)>,
}

impl<'a> StatusLog<'a> {
    /// Whether the entries run newest first (the first one dated after the last one).
    pub(super) fn newest_first(&self) -> bool {
        matches!(
            (self.entries.first(), self.entries.last()),
            (Some((_, Some(a), _)), Some((_, Some(b), _))) if a > b
        )
    }

    /// The latest entry (line, status text): the latest date, and among entries of that date
    /// (or without dates) the one written last in the log's order.
    pub(super) fn latest(&self) -> (usize, &'a str) {
        let newest_first = self.newest_first();
        let pick = self
            .entries
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, d, _))| (*d, if newest_first { usize::MAX - k } else { *k }));
        pick.map_or((0, ""), |(_, (line, _, v))| (*line, *v))
    }
}

/// The status log that starts on line `i` (1-based) of a Status section ending before `end`:
/// a list whose items are a status with an ISO date before or after it (`- 2021-01-04:
/// Proposed`, `* Accepted on 2021-02-01`; blank lines between items allowed), or a table whose
/// header names `Status` and `Date` columns, one row per change.
pub(super) fn status_log<'a>(
    text: &'a str,
    layout: &Layout,
    i: usize,
    end: usize,
) -> Option<StatusLog<'a>> {
    let line = |j: usize| layout.line_at(text, j);
    if line(i).trim_start().starts_with('|') {
        if !is_table_header(text, layout, i) {
            return None;
        }
        let head = table_cells(line(i))?;
        let col = |name: &str| {
            head.iter()
                .position(|k| key_name(k).eq_ignore_ascii_case(name))
        };
        let (date, status) = (col("date")?, col("status")?);
        let mut entries = Vec::new();
        let mut last = i + 1;
        for j in i + 2..end {
            if layout.is_code(j) || !line(j).trim_start().starts_with('|') {
                break;
            }
            last = j;
            let cells = table_cells(line(j)).unwrap_or_default();
            let v = cells.get(status).copied().unwrap_or("");
            if !v.is_empty() {
                let d = cells
                    .get(date)
                    .and_then(|d| parse_date(crate::model::strip_decoration(d).as_str()));
                entries.push((j, d, v));
            }
        }
        // A log's rows are dated (a `| Status | Accepted |` row under such a header is not).
        let dated = entries.iter().filter(|(_, d, _)| d.is_some()).count();
        return (dated > 0 && dated * 2 >= entries.len()).then_some(StatusLog { last, entries });
    }
    let mut entries = Vec::new();
    let mut last = i;
    for j in i..end {
        let l = line(j);
        if l.trim().is_empty() && !layout.is_code(j) {
            continue;
        }
        let (bullet, rest) = strip_bullet(l);
        match dated_entry(rest) {
            Some((d, _, at)) if bullet && !layout.is_code(j) => {
                entries.push((j, Some(d), rest[at].trim_end()));
                last = j;
            }
            _ => break,
        }
    }
    // One dated item is a status with its date (`- Accepted (2021-02-01)`), not a log.
    (entries.len() >= 2).then_some(StatusLog { last, entries })
}

/// A status with an ISO date before or after it: `2021-01-04: Proposed`, `**2021-01-04** -
/// Accepted`, `Accepted (2021-02-01)`, `Accepted on 2021-02-01`, `Proposed: 2021-01-04`.
/// Gives the date and the byte ranges of the date and of the status in `t`.
pub(super) fn dated_entry(
    t: &str,
) -> Option<(
    chrono::NaiveDate,
    std::ops::Range<usize>,
    std::ops::Range<usize>,
)> {
    let body_end = t.trim_end().len();
    let lead = t.len() - t.trim_start_matches(['*', '_', '`']).len();
    let starts_a_status = |s: &str| s.starts_with(|c: char| c.is_alphabetic() || c == '[');
    if let Some(d) = t.get(lead..).and_then(date::iso_date_at) {
        let after = lead + 10;
        let rest = &t[after..body_end];
        let from = after
            + (rest.len()
                - rest
                    .trim_start_matches(['*', '_', '`', ':', '-', '–', '—', ',', '|', ' ', '\t'])
                    .len());
        let to = t[..body_end].trim_end_matches(['*', '_', '`']).len();
        return (from < to && starts_a_status(&t[from..to])).then_some((d, lead..after, from..to));
    }
    let date_end = t[..body_end]
        .trim_end_matches([')', ']', '*', '_', '`', '.', ' ', '\t'])
        .len();
    let date_start = date_end.checked_sub(10)?;
    let d = t.get(date_start..).and_then(date::iso_date_at)?;
    let before = t.get(..date_start)?;
    let mut v =
        before.trim_end_matches(['(', '[', '*', '_', '`', ':', '-', '–', '—', ',', ' ', '\t']);
    for word in [" on", " since", " at", " from"] {
        if v.len() >= word.len()
            && v.is_char_boundary(v.len() - word.len())
            && v[v.len() - word.len()..].eq_ignore_ascii_case(word)
        {
            v = v[..v.len() - word.len()].trim_end();
        }
    }
    let from = v.len() - v.trim_start_matches(['*', '_', '`', ' ', '\t']).len();
    (from < v.len() && starts_a_status(&v[from..])).then_some((
        d,
        date_start..date_start + 10,
        from..v.len(),
    ))
}

/// A task-list item (`- [ ] Proposed`, `* [x] Accepted`): whether it is checked, and its text.
pub(super) fn task_item(l: &str) -> Option<(bool, &str)> {
    let (bullet, rest) = strip_bullet(l);
    let checked = match rest.get(..3)? {
        "[ ]" => false,
        "[x]" | "[X]" => true,
        _ => return None,
    };
    let text = &rest[3..];
    (bullet && (text.is_empty() || text.starts_with([' ', '\t']))).then(|| (checked, text.trim()))
}

/// Reads a status log or a task list of statuses starting on line `i` of a Status section
/// ending before `end` (1-based): the latest entry or the checked item is the status (its
/// relations go to `rels`). Whether there is such a list.
fn read_status_list(
    text: &str,
    layout: &mut Layout,
    vocab: &Vocab,
    adr: &mut Adr,
    (i, end): (usize, usize),
    rels: &mut Vec<Relation>,
) -> bool {
    let found = if task_item(layout.line_at(text, i)).is_some() {
        let last = (i..end)
            .take_while(|&j| !layout.is_code(j) && task_item(layout.line_at(text, j)).is_some())
            .last()
            .unwrap_or(i);
        // The last box checked: a list ticked as the decision went along (`[x] Proposed`,
        // `[x] Accepted`, `[ ] Implemented`) is at its last tick.
        let checked = (i..=last)
            .rev()
            .find_map(|j| match task_item(layout.line_at(text, j)) {
                Some((true, v)) if !v.is_empty() => Some((j, v)),
                _ => None,
            });
        let Some((j, v)) = checked else {
            return true;
        };
        Some((j, v, StatusAt::Checked(j, i, last)))
    } else if let Some(log) = status_log(text, layout, i, end) {
        let (j, v) = log.latest();
        Some((j, v, StatusAt::Logged(j, i, log.last)))
    } else {
        None
    };
    let Some((j, v, at)) = found else {
        return false;
    };
    adr.status = normalize_status_with(v, vocab.statuses());
    adr.status_text = Some(v.to_string());
    adr.status_line = Some(j);
    layout.status = Some(at);
    layout.status_last = Some(j);
    rels.extend(status_relations(v, vocab, j));
    true
}

/// The status paragraph that starts on line `i` (1-based) of a Status section ending before
/// `end`: its value (a paragraph wrapped over lines is one value) and its last line.
pub(super) fn status_paragraph(
    text: &str,
    layout: &Layout,
    vocab: &Vocab,
    i: usize,
    end: usize,
) -> (String, usize) {
    let l = layout.line_at(text, i).trim();
    let first = key_value(strip_bullet(l).1, "status").unwrap_or(strip_bullet(l).1);
    let last = status_paragraph_last(text, layout, vocab, i, end);
    let v = std::iter::once(first)
        .chain((i + 1..=last).map(|j| layout.line_at(text, j).trim()))
        .collect::<Vec<_>>()
        .join(" ");
    (v, last)
}

/// Sets the status read on lines `i..=last` (1-based) of the Status section (a table row when
/// `in_table`); whether it is one: a lone relation line ("Amended by [..]") is a relation, not
/// a status.
pub(super) fn set_section_status(
    layout: &mut Layout,
    vocab: &Vocab,
    adr: &mut Adr,
    v: &str,
    (i, last): (usize, usize),
    in_table: bool,
    is_relation: bool,
) -> bool {
    adr.status = normalize_status_with(v, vocab.statuses());
    adr.status_text = Some(v.to_string());
    adr.status_line = Some(i);
    layout.status = Some(if in_table {
        StatusAt::Table(i, 1)
    } else {
        StatusAt::Section(i)
    });
    layout.status_last = (!in_table).then_some(last);
    // A relation line that starts with a status word is a status too: adr-tools' `adr link`
    // writes any phrase (`Deprecated in favour of [4. X](0004-x.md)`).
    let starts_with_status = adr.status.as_deref().is_some_and(|s| {
        let s = s
            .strip_prefix("partially ")
            .or(s.strip_prefix("partly "))
            .unwrap_or(s);
        crate::model::KNOWN_STATUSES.contains(&s)
            || vocab.statuses().iter().any(|k| k.eq_ignore_ascii_case(s))
    });
    if is_relation && !starts_with_status && !vocab.is_superseded_by(decoration_free_start(v)) {
        adr.status = None;
        adr.status_text = None;
        adr.status_line = None;
        layout.status = None;
        layout.status_last = None;
        return false;
    }
    true
}

/// Anywhere else in the text: a line that starts with a known relation phrase and links to
/// an ADR file (`Supersedes [ADR-0002](0002-x.md)`).
///
/// Lines in `read` are passed over: their relations are all in `adr` already (a second reading
/// would only add what `dedup_relations` removes).
pub(super) fn read_relation_lines(
    text: &str,
    layout: &Layout,
    vocab: &Vocab,
    adr: &mut Adr,
    read: &[usize],
) {
    for n in layout.body_start..=layout.last_line() {
        if layout.is_code(n) || read.contains(&n) {
            continue;
        }
        let l = layout.line_at(text, n).trim();
        if !l.contains("](") {
            continue;
        }
        if vocab.match_phrase(decoration_free_start(l)).is_some() {
            adr.relations.extend(
                relations_in_line(l, vocab, n, false)
                    .into_iter()
                    .filter(|r| r.target.file.is_some()),
            );
        }
    }
}

/// A `## Date` section, when no `Date:` line.
pub(super) fn read_date_section(text: &str, layout: &mut Layout, adr: &mut Adr) {
    if adr.date_text.is_none()
        && let Some(h) = layout
            .headings
            .iter()
            .find(|h| h.text.eq_ignore_ascii_case("date"))
        && let Some(n) = (h.underline.unwrap_or(h.line) + 1..=layout.last_line())
            .find(|&n| !layout.line_at(text, n).trim().is_empty())
        && !layout.is_code(n)
        && heading(layout.line_at(text, n).trim_start()).is_none()
    {
        set_date(adr, layout.line_at(text, n).trim(), Some(n));
        layout.date_line = Some(n);
    }
}

/// The last line (1-based) of the paragraph that starts on status line `i` of a `## Status` section
/// ending before `end`: the lines after it that continue the paragraph (not blank, code, a
/// heading, a list item, an HTML comment, a `Key:` line, a table row or a relation line).
pub(super) fn status_paragraph_last(
    text: &str,
    layout: &Layout,
    vocab: &Vocab,
    i: usize,
    end: usize,
) -> usize {
    let mut last = i;
    for j in i + 1..end {
        let l = layout.line_at(text, j).trim();
        let (bullet, t) = strip_bullet(l);
        let keyed = t.split_once(':').is_some_and(|(k, _)| {
            let k = k.trim_matches(['*', '_', ' ']);
            !k.is_empty() && k.len() <= 20 && k.chars().all(|c| c.is_alphabetic() || c == ' ')
        });
        if layout.is_code(j)
            || l.is_empty()
            || bullet
            || keyed
            || l.starts_with(['#', '|', '>'])
            || l.starts_with("<!--")
            || heading(l).is_some()
            || vocab.match_any(t.trim_start_matches(['*', '_'])).is_some()
            || t.split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        {
            break;
        }
        last = j;
    }
    last
}

pub(super) fn dedup_relations(rels: &mut Vec<Relation>) {
    let mut seen = std::collections::HashSet::new();
    rels.retain(|r| seen.insert((r.kind.clone(), r.target.written.clone())));
}
