//! Surgical edits: each function returns the new text of a file, in which only the lines it
//! must change differ; line endings, comments, key order and unknown keys stay byte-for-byte.

mod front_toml;
mod governs;

pub use governs::{add_governs, remove_governs};

use super::vocab::Kind;
use super::{Dialect, FrontKey, Layout, Parsed, StatusAt, markdown_links};
use crate::model::{RelationKind, number_in_ref, strip_prefix_ci};

/// How to name another ADR in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Short reference for front matter and MADR status (`ADR-0021`, or the slug id).
    pub short: String,
    /// Link text (`21. Use ACM`, as adr-tools writes it, or the slug id).
    pub link_text: String,
    /// Link target: the file name, relative to the ADR directory.
    pub file: String,
}

/// Spelling and casing choices for written text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Write adr-tools' `Supercedes` / `Superceded by`.
    pub superceded: bool,
}

/// A line-level change; lines are numbered from 1, like every line number of the [`Layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    /// Replace the content of a line (its line ending stays).
    Replace(usize, String),
    /// Insert lines before a line (`last_line() + 1` appends).
    Insert(usize, Vec<String>),
    /// Remove a line and its line ending (the continuation of a value written over lines).
    Delete(usize),
}

/// Applies ops to `text`. Replacements keep each line's own ending; inserted lines get the
/// file's dominant ending.
fn apply(text: &str, layout: &Layout, mut ops: Vec<Op>) -> String {
    let n = layout.last_line();
    // Inside a code block the file never closes, added lines go after it (closed first).
    if let Some((at, _)) = &layout.open_fence {
        for op in &mut ops {
            if let Op::Insert(l, _) = op
                && *l > *at
            {
                *l = n + 1;
            }
        }
    }
    ops.sort_by_key(|op| match op {
        Op::Insert(l, _) => (*l, 0),
        Op::Replace(l, _) | Op::Delete(l) => (*l, 1),
    });
    let eol = layout.eol;
    let mut out = String::with_capacity(text.len() + 256);
    let mut ops = ops.into_iter().peekable();
    let mut closed = false;
    for num in 1..=n + 1 {
        while let Some(Op::Insert(l, _)) = ops.peek() {
            if *l != num {
                break;
            }
            if let Some(Op::Insert(_, new)) = ops.next() {
                if num == n + 1 && n > 0 && layout.lines[n - 1].end == layout.lines[n - 1].next {
                    out.push_str(eol); // the last line had no line ending
                }
                // Appended lines must not fall into a code block the file leaves open.
                if num == n + 1
                    && let Some((_, f)) = &layout.open_fence
                    && !closed
                {
                    out.push_str(f);
                    out.push_str(eol);
                    if new.first().is_some_and(|l| !l.is_empty()) {
                        out.push_str(eol);
                    }
                    closed = true;
                }
                for l in new {
                    out.push_str(&l);
                    out.push_str(eol);
                }
            }
        }
        if num == n + 1 {
            break;
        }
        let s = layout.lines[num - 1];
        let replaced = match ops.peek() {
            Some(Op::Replace(l, _) | Op::Delete(l)) if *l == num => match ops.next() {
                Some(Op::Replace(_, c)) => Some(Some(c)),
                Some(Op::Delete(_)) => Some(None),
                _ => None,
            },
            _ => None,
        };
        match replaced {
            Some(None) => {
                if num == 1 && layout.bom > 0 {
                    out.push_str(&text[..layout.bom]);
                }
            }
            Some(Some(c)) => {
                if num == 1 && layout.bom > 0 {
                    out.push_str(&text[..layout.bom]);
                }
                out.push_str(&c);
                out.push_str(&text[s.end..s.next]);
            }
            None => out.push_str(&text[s.start..s.next]),
        }
    }
    out
}

/// `accepted` written like `like`: UPPER, Capitalized or lower case.
fn cased(word: &str, like: Option<&str>, default_capital: bool) -> String {
    let letters: Vec<char> = like
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    let capital = match letters.first() {
        Some(c) => c.is_uppercase(),
        None => default_capital,
    };
    if capital {
        capitalize(word)
    } else {
        word.to_lowercase()
    }
}

/// `superseded by` → `Superseded by`.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The phrase a kind is written with, in the repository's spelling.
fn phrase(kind: &Kind, style: Style) -> String {
    let p = match (&kind.id, style.superceded) {
        (RelationKind::Supersedes, true) => "supercedes".to_string(),
        (RelationKind::SupersededBy, true) => "superceded by".to_string(),
        _ => kind.phrase.clone(),
    };
    capitalize(&p)
}

/// Byte offset in `line` where the value of a `Status:`-style line starts.
fn value_start(line: &str) -> usize {
    // Any white space before the key, as the parser trims it (a vertical tab too).
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
            .len();
    let mut rest = &line[lead..];
    for m in ["- ", "* ", "+ "] {
        if let Some(r) = rest.strip_prefix(m) {
            rest = r.trim_start();
        }
    }
    let before_key = line.len() - rest.len();
    let k = rest.trim_start_matches(['*', '_']);
    if let Some(r) = strip_prefix_ci(k, "status") {
        let r2 = r.trim_start_matches(['*', '_']);
        // `Status: x`, `Status - x`.
        let sep = r2.strip_prefix(':').or_else(|| {
            r2.trim_start()
                .strip_prefix(['-', '–', '—'])
                .filter(|r| r.starts_with([' ', '\t']) && r2.starts_with([' ', '\t']))
        });
        if let Some(r3) = sep {
            let r4 = r3.trim_start_matches(['*', '_']);
            let r5 = r4.trim_start();
            return line.len() - r5.len();
        }
    }
    // Plain lines: after bullet/indent (a heading's text is given without its `#`s).
    before_key
}

/// Where the text of an ATX heading line starts (after up to 3 spaces, the `#`s and the
/// spacing), or `None` when the line is no such heading.
fn heading_text_start(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    let lead = line.len() - t.len();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = &t[hashes..];
    (lead <= 3 && (1..=6).contains(&hashes) && rest.starts_with([' ', '\t', '\u{a0}']))
        .then(|| line.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len())
}

/// Replaces the value part of line `i` (1-based; after `Status:` / bullet), keeping what is
/// before it.
fn replace_value(text: &str, layout: &Layout, i: usize, value: &str) -> Op {
    let line = layout.line_at(text, i);
    let mut end = line.trim_end().len();
    let start = match heading_text_start(line) {
        // `## Status: X`, `## Status - X` (and a closing `##` kept).
        Some(h) => {
            let body = line[..end].trim_end_matches('#');
            if body.len() > h && body.ends_with([' ', '\t']) {
                end = body.trim_end().len();
            }
            h + value_start(&line[h..])
        }
        None => value_start(line),
    };
    // A value start in the trailing spaces (`- ` with nothing after it): the spaces stay
    // before the value, the bullet stays a bullet.
    let end = end.max(start);
    Op::Replace(i, format!("{}{}{}", &line[..start], value, &line[end..]))
}

/// The value of a top-level front-matter key as written: on the key line and the lines it
/// continues on (a plain scalar wrapped onto more-indented lines, a `>`/`|` block scalar, a
/// quoted scalar or a flow collection spanning lines, a block list).
#[derive(Debug, Clone, PartialEq, Eq)]
struct YamlValue {
    /// Byte offset in the key line where the value starts (after `key:` and spacing).
    start: usize,
    /// The last line of the value (1-based, inclusive; the key line for one-line values).
    last: usize,
    /// What follows the value on its last line (` # comment`), kept as written; for a block
    /// scalar, the comment after its `>`/`|` header.
    comment: String,
    /// The quote of a quoted scalar.
    quote: Option<char>,
    /// The shape of the value.
    shape: Shape,
    /// The value's own text, its lines joined by a space (without quotes, brackets of a flow
    /// sequence, block scalar header or comment).
    joined: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Nothing on the key line: a block list or a value on the next lines (or none).
    Below,
    Plain,
    Quoted,
    Block,
    /// `[…]`.
    Flow,
    /// `{…}`.
    Map,
}

/// Where a quote `q` (opened before byte `from` of `s`) closes: the byte offset just past
/// the closing quote.
fn quote_close(s: &str, q: char, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if q == '"' && c == b'\\' {
            i += 2;
            continue;
        }
        if c == q as u8 {
            if q == '\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Reads the value of front-matter key line `line` (1-based; whose lines end before `end`).
fn yaml_value(text: &str, layout: &Layout, line: usize, end: usize) -> YamlValue {
    let l = layout.line_at(text, line);
    let colon = l.find(':').map_or(l.len(), |c| c + 1);
    let after = &l[colon..];
    let start = colon + (after.len() - after.trim_start().len());
    let key = KeyLine {
        text,
        layout,
        line,
        end: end.clamp(line + 1, layout.last_line() + 1),
        start,
        v: &l[start..],
    };
    let v = key.v;
    if v.trim().is_empty() || v.starts_with('#') {
        return key.below();
    }
    let first = v.chars().next().unwrap_or(' ');
    match first {
        '"' | '\'' => key.quoted(first),
        '|' | '>' => key.block(),
        '[' | '{' => key.flow(first),
        _ => key.plain(),
    }
}

/// A front-matter key line being read by [`yaml_value`] (`line`, 1-based): its value starts at
/// byte `start` (`v` is the rest of the line) and its lines end before line `end`.
struct KeyLine<'a> {
    text: &'a str,
    layout: &'a Layout,
    line: usize,
    end: usize,
    start: usize,
    v: &'a str,
}

impl KeyLine<'_> {
    fn indented(&self, i: usize) -> bool {
        self.layout.line_at(self.text, i).starts_with([' ', '\t'])
    }

    fn blank(&self, i: usize) -> bool {
        self.layout.line_at(self.text, i).trim().is_empty()
    }

    /// A value that ends on the key line.
    fn one(&self, shape: Shape, joined: &str, comment: &str, quote: Option<char>) -> YamlValue {
        YamlValue {
            start: self.start,
            last: self.line,
            comment: comment.to_string(),
            quote,
            shape,
            joined: joined.to_string(),
        }
    }

    /// Nothing (or only a comment) on the key line: a block list (`- x`, indented or not) or
    /// a value on the next lines.
    fn below(&self) -> YamlValue {
        let (text, layout, line, v) = (self.text, self.layout, self.line, self.v);
        let last = (line + 1..self.end)
            .take_while(|&i| {
                let t = layout.line_at(text, i);
                self.blank(i) || self.indented(i) || t.starts_with('-')
            })
            .filter(|&i| !self.blank(i) && !layout.line_at(text, i).trim_start().starts_with('#'))
            .last()
            .unwrap_or(line);
        let joined = (line + 1..=last)
            .map(|i| layout.line_at(text, i).trim())
            .filter(|t| !t.is_empty() && !t.starts_with('#'))
            .collect::<Vec<_>>()
            .join(" ");
        let comment = if v.starts_with('#') {
            format!(" {}", v.trim_end())
        } else {
            String::new()
        };
        YamlValue {
            last,
            comment,
            ..self.one(Shape::Below, &joined, "", None)
        }
    }

    /// A scalar quoted with `first`; the closing quote may be on a later line.
    fn quoted(&self, first: char) -> YamlValue {
        let (text, layout, line, v) = (self.text, self.layout, self.line, self.v);
        let mut joined = String::new();
        for i in line..self.end {
            let (seg, from) = if i == line {
                (v, 1)
            } else {
                (layout.line_at(text, i), 0)
            };
            if let Some(p) = quote_close(seg, first, from) {
                joined.push_str(seg[from..p - 1].trim());
                return YamlValue {
                    last: i,
                    ..self.one(Shape::Quoted, joined.trim(), &seg[p..], Some(first))
                };
            }
            joined.push_str(seg[from..].trim());
            joined.push(' ');
        }
        // Never closed: not YAML; leave the rest of the file alone.
        self.one(Shape::Quoted, v[1..].trim_end(), "", Some(first))
    }

    /// A `|` or `>` block scalar: its header, then the indented lines.
    fn block(&self) -> YamlValue {
        let (text, layout, line, v) = (self.text, self.layout, self.line, self.v);
        let header_end = v[1..]
            .find(|c: char| !(c.is_ascii_digit() || c == '+' || c == '-'))
            .map_or(v.len(), |p| p + 1);
        let rest = &v[header_end..];
        let comment = if rest.trim_start().starts_with('#') {
            rest.trim_end()
        } else {
            ""
        };
        let last = (line + 1..self.end)
            .take_while(|&i| self.blank(i) || self.indented(i))
            .filter(|&i| !self.blank(i))
            .last()
            .unwrap_or(line);
        let joined = (line + 1..=last)
            .map(|i| layout.line_at(text, i).trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        YamlValue {
            last,
            ..self.one(Shape::Block, &joined, comment, None)
        }
    }

    /// A flow sequence (`[`) or mapping (`{`), possibly spanning lines.
    fn flow(&self, first: char) -> YamlValue {
        let (text, layout, line, v) = (self.text, self.layout, self.line, self.v);
        let shape = if first == '[' {
            Shape::Flow
        } else {
            Shape::Map
        };
        let mut depth = 0usize;
        let mut joined = String::new();
        for i in line..self.end {
            let seg = if i == line {
                v
            } else {
                layout.line_at(text, i)
            };
            let mut quote: Option<char> = None;
            // A quote opens a quoted scalar only where an item starts (after `[`, `{`, `,`,
            // `:` and spaces); inside a plain scalar (`ADR-0'1`) it is a character.
            let mut item_start = i != line;
            // The second quote of a `''` inside a single-quoted scalar (an escaped quote).
            let mut escaped = false;
            for (p, c) in seg.char_indices() {
                if std::mem::take(&mut escaped) {
                    continue;
                }
                let starts = item_start;
                item_start = match c {
                    '[' | '{' | ',' | ':' => quote.is_none(),
                    ' ' | '\t' => item_start,
                    _ => false,
                };
                match (quote, c) {
                    (Some('\''), '\'') if seg[p + 1..].starts_with('\'') => escaped = true,
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') if starts => quote = Some(c),
                    (None, '"' | '\'') => {}
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            let body_from = usize::from(i == line);
                            let body = seg[body_from.min(p)..p].trim();
                            if !body.is_empty() {
                                joined.push_str(body);
                            }
                            return YamlValue {
                                last: i,
                                ..self.one(shape, joined.trim(), &seg[p + 1..], None)
                            };
                        }
                    }
                    _ => {}
                }
            }
            let body_from = usize::from(i == line);
            joined.push_str(seg[body_from.min(seg.len())..].trim());
            joined.push(' ');
        }
        self.one(shape, v.trim_end(), "", None)
    }

    /// A plain scalar: a ` #` ends it; it continues on more-indented lines up to a comment
    /// line or a line that is not indented.
    fn plain(&self) -> YamlValue {
        let (text, layout, line, v) = (self.text, self.layout, self.line, self.v);
        if let Some(p) = v.find(" #").or_else(|| v.find("\t#")) {
            return self.one(Shape::Plain, v[..p].trim(), &v[p..], None);
        }
        let mut last = line;
        let mut joined = v.trim().to_string();
        let mut comment = "";
        for i in line + 1..self.end {
            if self.blank(i) {
                continue;
            }
            let t = layout.line_at(text, i);
            if !self.indented(i) || t.trim_start().starts_with('#') {
                break;
            }
            last = i;
            let t = t.trim();
            if let Some(p) = t.find(" #").or_else(|| t.find("\t#")) {
                joined.push(' ');
                joined.push_str(t[..p].trim());
                // `t` is the line trimmed: the comment is its tail.
                let line_end = layout.line_at(text, i).trim_end();
                comment = &line_end[line_end.len() - (t.len() - p)..];
                break;
            }
            joined.push(' ');
            joined.push_str(t);
        }
        YamlValue {
            last,
            ..self.one(Shape::Plain, &joined, comment, None)
        }
    }
}

/// The end (exclusive, 1-based) of the lines of front-matter key line `line`.
fn key_end(layout: &Layout, line: usize) -> usize {
    layout
        .front
        .as_ref()
        .and_then(|f| f.keys.iter().find(|k| k.line == line))
        .map_or(line + 1, |k| k.end)
}

/// Ops that replace the whole value of front-matter key line `i` (1-based; every line it spans)
/// by `new_v` written as is, keeping the key, its spacing and a comment after the value.
fn replace_yaml_lines(
    text: &str,
    layout: &Layout,
    i: usize,
    y: &YamlValue,
    new_v: &str,
) -> Vec<Op> {
    let line = layout.line_at(text, i);
    let head = line[..y.start].trim_end();
    let sp = if y.shape == Shape::Below || y.start == head.len() {
        " ".to_string()
    } else {
        line[head.len()..y.start].to_string()
    };
    let mut ops = vec![Op::Replace(i, format!("{head}{sp}{new_v}{}", y.comment))];
    ops.extend((i + 1..=y.last).map(Op::Delete));
    ops
}

/// Replaces the YAML value of front-matter key line `i` (all the lines it spans), keeping the
/// key, spacing, quoting style and a trailing comment.
fn replace_yaml_value(text: &str, layout: &Layout, i: usize, value: &str) -> Vec<Op> {
    let y = yaml_value(text, layout, i, key_end(layout, i));
    let new_v = match y.quote {
        Some('\'') => format!("'{}'", value.replace('\'', "''")),
        Some(q) => format!("{q}{}{q}", value.replace('\\', "\\\\").replace('"', "\\\"")),
        None if needs_quotes(value) => {
            format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
        }
        None => value.to_string(),
    };
    replace_yaml_lines(text, layout, i, &y, &new_v)
}

fn needs_quotes(v: &str) -> bool {
    v.contains(": ")
        || v.contains(" #")
        || v.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '"', '\''])
}

/// The new text of a file whose status is set to `status` (a normalized word).
pub fn set_status(text: &str, p: &Parsed, status: &str) -> String {
    let layout = &p.layout;
    let like = p.adr.status_text.as_deref();
    let ops = match layout.status {
        Some(StatusAt::Front(i)) if layout.toml_front() => {
            front_toml::set_string(text, layout, i, &status.to_lowercase())
        }
        Some(StatusAt::Front(i)) => replace_yaml_value(text, layout, i, &status.to_lowercase()),
        Some(StatusAt::Section(i)) => {
            let is_relation = p.adr.relations.iter().any(|r| r.line == i);
            let word = cased(status, like.filter(|l| !starts_with_relation(l)), true);
            if is_relation {
                // The status is written as `Superseded by [..]`: keep the relation, put the
                // new status word above it.
                vec![Op::Insert(i, vec![word, String::new()])]
            } else {
                with_continuation(layout, i, replace_value(text, layout, i, &word))
            }
        }
        Some(at @ (StatusAt::Heading(i) | StatusAt::Bullet(i) | StatusAt::Inline(i))) => {
            let default_cap = !matches!(at, StatusAt::Bullet(_));
            let word = cased(
                status,
                like.filter(|l| !starts_with_relation(l)),
                default_cap,
            );
            vec![replace_value(text, layout, i, &word)]
        }
        Some(StatusAt::Table(i, cell)) => {
            let word = cased(status, like.filter(|l| !starts_with_relation(l)), true);
            vec![replace_cell(text, layout, i, cell, &word)]
        }
        Some(StatusAt::Checked(i, first, last)) => {
            let word = cased(status, like.filter(|l| !starts_with_relation(l)), true);
            checklist_ops(text, layout, (i, first, last), status, &word)
        }
        Some(StatusAt::Logged(..)) if p.adr.status.as_deref() == Some(status) => Vec::new(),
        Some(StatusAt::Logged(i, first, last)) => {
            let word = cased(status, like.filter(|l| !starts_with_relation(l)), true);
            log_ops(text, layout, (i, first, last), &word)
        }
        None => insert_status(text, layout, status),
    };
    apply(text, layout, ops)
}

/// Ops that add today's entry saying `status` (as written) to the status log `first..=last`
/// whose latest entry is on line `i`: shaped like that entry (a list item with the date on
/// the same side and the same separators, or a table row with the other cells empty), after
/// the last entry, or before the first when the log runs newest first.
fn log_ops(
    text: &str,
    layout: &Layout,
    (i, first, last): (usize, usize, usize),
    status: &str,
) -> Vec<Op> {
    let Some(log) = super::body::status_log(text, layout, first, last + 1) else {
        return Vec::new();
    };
    // Today, or the log's latest date when that is later (a date planned ahead): the new
    // entry must be the latest one.
    let latest = log.entries.iter().filter_map(|(_, d, _)| *d).max();
    let today = latest
        .map_or_else(super::date::today, |l| l.max(super::date::today()))
        .format("%Y-%m-%d")
        .to_string();
    let model = layout.line_at(text, i);
    let entry = if model.trim_start().starts_with('|') {
        let head = super::body::table_cells(layout.line_at(text, first)).unwrap_or_default();
        let mut row = model.to_string();
        for (c, name) in head.iter().enumerate() {
            let value = match super::body::key_name(name).to_ascii_lowercase().as_str() {
                "status" => status,
                "date" => today.as_str(),
                _ => "",
            };
            row = with_cell(&row, c, value);
        }
        row
    } else {
        let (_, rest) = super::body::strip_bullet(model);
        let off = model.len() - rest.len();
        let Some((_, date_at, status_at)) = super::body::dated_entry(rest) else {
            return Vec::new();
        };
        // The later range first, so the earlier one's offsets still hold.
        let mut out = model.trim_end().to_string();
        let mut parts = [(date_at, today.as_str()), (status_at, status)];
        parts.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        for (r, v) in parts {
            out.replace_range(off + r.start..off + r.end, v);
        }
        out
    };
    let at = match log.entries.first() {
        Some(&(top, ..)) if log.newest_first() => top,
        _ => last + 1,
    };
    vec![Op::Insert(at, vec![entry])]
}

/// Ops that move the check of the task list `first..=last` (its last checked item on line
/// `i`) to the item saying `status` (a normalized word), or, when no item says it, to a new
/// checked item `- [x] {new}` after the list (with the list's bullet and indent); every other
/// box is left unchecked.
fn checklist_ops(
    text: &str,
    layout: &Layout,
    (i, first, last): (usize, usize, usize),
    status: &str,
    new: &str,
) -> Vec<Op> {
    let says = |j: usize| {
        super::body::task_item(layout.line_at(text, j)).is_some_and(|(_, v)| {
            crate::model::normalize_status_with(v, &[status.to_string()]).as_deref() == Some(status)
        })
    };
    let target = if says(i) {
        Some(i)
    } else {
        (first..=last).find(|&j| says(j))
    };
    let checked =
        |j: usize| super::body::task_item(layout.line_at(text, j)).is_some_and(|(c, _)| c);
    // One box checked after the edit: the one saying the status.
    let mut ops: Vec<Op> = (first..=last)
        .filter(|&j| Some(j) != target && checked(j))
        .map(|j| Op::Replace(j, with_mark(layout.line_at(text, j), ' ')))
        .collect();
    if target == Some(i) {
        return ops;
    }
    match target {
        Some(j) => ops.push(Op::Replace(j, with_mark(layout.line_at(text, j), 'x'))),
        None => {
            let model = layout.line_at(text, last);
            let open = model.find('[').unwrap_or(0);
            ops.push(Op::Insert(
                last + 1,
                vec![format!("{}[x] {new}", &model[..open])],
            ));
        }
    }
    ops
}

/// Task-list item `line` with its box marked `mark` (`' '` or `'x'`).
fn with_mark(line: &str, mark: char) -> String {
    match line.find('[') {
        Some(open) if line.get(open + 2..open + 3) == Some("]") => {
            format!("{}[{mark}]{}", &line[..open], &line[open + 3..])
        }
        _ => line.to_string(),
    }
}

/// Replaces cell `cell` (0-based) of the table row on line `i` (1-based; `| Status | Accepted |`:
/// cell 1), keeping the pipes and the cell's padding where the new value fits in it.
fn replace_cell(text: &str, layout: &Layout, i: usize, cell: usize, value: &str) -> Op {
    Op::Replace(i, with_cell(layout.line_at(text, i), cell, value))
}

/// The table row `line` with cell `cell` (0-based) holding `value`, keeping the pipes and the
/// cell's padding where the new value fits in it.
fn with_cell(line: &str, cell: usize, value: &str) -> String {
    // Cell boundaries: the pipes, plus the line's start when it has no leading pipe.
    let mut bounds: Vec<usize> = Vec::new();
    if !line.trim_start().starts_with('|') {
        bounds.push(0);
    }
    bounds.extend(line.match_indices('|').map(|(p, _)| p + 1));
    let Some(&start) = bounds.get(cell) else {
        return line.to_string();
    };
    let end = bounds.get(cell + 1).map_or(line.len(), |b| b - 1);
    let cell = &line[start..end];
    let lead = cell.len() - cell.trim_start().len();
    let width = cell.len();
    let mut new_cell = format!("{}{}", &cell[..lead], value);
    // An aligned table (the cell padded with spaces) stays aligned where the value fits.
    if cell.ends_with(' ') {
        new_cell.push(' ');
        let pad = width.saturating_sub(new_cell.len());
        new_cell.push_str(&" ".repeat(pad));
    }
    format!("{}{}{}", &line[..start], new_cell, &line[end..])
}

/// `op` on status line `i` (1-based), and the removal of the lines its paragraph continues on
/// (a status wrapped over lines is one value: the edit replaces all of it).
fn with_continuation(layout: &Layout, i: usize, op: Op) -> Vec<Op> {
    let last = layout.status_last.unwrap_or(i).max(i);
    std::iter::once(op)
        .chain((i + 1..=last).map(Op::Delete))
        .collect()
}

fn starts_with_relation(l: &str) -> bool {
    let t = l
        .trim_start_matches(['*', '_', ' ', '-'])
        .to_ascii_lowercase();
    says_superseded_by(&t)
        || [
            "amended by",
            "amends",
            "supersedes",
            "supercedes",
            "replaces",
        ]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Whether a status text starts by saying the decision was replaced (`Superseded by …`, with
/// adr-tools' spelling, or `Replaced by …`), in any case.
fn says_superseded_by(status: &str) -> bool {
    let t = status.trim_start().to_lowercase();
    [
        "superseded by",
        "superceded by",
        "superseeded by",
        "replaced by",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Ops that add a status to a file that has none.
fn insert_status(text: &str, layout: &Layout, status: &str) -> Vec<Op> {
    match (layout.dialect, &layout.front) {
        // Right after the opening `+++` (line 1), with the top-level keys.
        (Dialect::FrontMatter, Some(f)) if f.toml => vec![Op::Insert(
            f.status_at(),
            vec![format!(
                "status = {}",
                front_toml::string(&status.to_lowercase())
            )],
        )],
        // Right after the opening `---` (line 1).
        (Dialect::FrontMatter, Some(_)) => vec![Op::Insert(
            2,
            vec![format!("status: {}", status.to_lowercase())],
        )],
        _ => {
            let at = section_insert_point(text, layout);
            let mut lines = section_heading(text, layout, "Status", at);
            lines.extend([String::new(), capitalize(status), String::new()]);
            vec![Op::Insert(at, lines)]
        }
    }
}

/// The heading of a new section `name` inserted at line `at` (1-based), in the file's style:
/// `## Name`, or `Name` over a `----` underline when the file's sections (below the title) are
/// all setext headings — after a blank line when the line above is text (a setext heading
/// must start a paragraph).
pub(super) fn section_heading(text: &str, layout: &Layout, name: &str, at: usize) -> Vec<String> {
    let mut sections = layout
        .headings
        .iter()
        .filter(|h| h.level == 2 && Some(h.line) != layout.title_line)
        .peekable();
    if sections.peek().is_some() && sections.all(|h| h.underline.is_some()) {
        let mut lines = vec![name.to_string(), "-".repeat(name.chars().count())];
        if at > 1 && at - 1 <= layout.last_line() && !layout.line_at(text, at - 1).trim().is_empty()
        {
            lines.insert(0, String::new());
        }
        lines
    } else {
        vec![format!("## {name}")]
    }
}

/// Where a new `## Status` section goes: before the first heading after the title.
fn section_insert_point(_text: &str, layout: &Layout) -> usize {
    layout
        .headings
        .iter()
        .find(|h| Some(h.line) != layout.title_line && h.line >= layout.body_start)
        .map_or(layout.last_line() + 1, |h| h.line)
}

/// The new text of a file with the relation `kind` → `target` added (and, for `superseded-by`,
/// the status set to superseded in the file's own style). Returns the text unchanged when the
/// relation is already written.
pub fn add_relation(text: &str, p: &Parsed, kind: &Kind, target: &Target, style: Style) -> String {
    let layout = &p.layout;
    if layout.dialect != Dialect::FrontMatter && has_relation(p, kind, target) {
        return text.to_string();
    }
    let ops = match layout.dialect {
        Dialect::FrontMatter => front_relation_ops(text, p, kind, target),
        Dialect::Bullets => bullet_relation_ops(text, p, kind, target, style),
        Dialect::Nygard => nygard_relation_ops(text, p, kind, target, style),
    };
    apply(text, layout, ops)
}

fn relation_line(kind: &Kind, target: &Target, style: Style) -> String {
    format!(
        "{} [{}]({})",
        phrase(kind, style),
        target.link_text,
        target.file
    )
}

fn front_relation_ops(text: &str, p: &Parsed, kind: &Kind, target: &Target) -> Vec<Op> {
    let layout = &p.layout;
    let Some(front) = &layout.front else {
        return Vec::new();
    };
    if kind.id == RelationKind::SupersededBy {
        return front_superseded_ops(text, p, target);
    }
    // The key as written (`supersedes`, or `related` for relates-to), else a new one.
    let key = p
        .adr
        .relations
        .iter()
        .filter(|r| r.kind == kind.id)
        .find_map(|r| {
            front
                .keys
                .iter()
                .find(|k| k.line == r.line && !k.name.eq_ignore_ascii_case("status"))
        })
        .or_else(|| front.key(kind.id.as_str()));
    if front.toml {
        return front_toml::add_reference(text, layout, key, kind.id.as_str(), &target.short);
    }
    match key {
        None => vec![Op::Insert(
            front.close,
            vec![format!("{}: [{}]", kind.id, target.short)],
        )],
        Some(k) => add_to_front_value(text, layout, k, target),
    }
}

/// Ops that set the front-matter status to superseded by `target` (adding it to a
/// `superseded by` status that names others; nothing when it names it already).
fn front_superseded_ops(text: &str, p: &Parsed, target: &Target) -> Vec<Op> {
    let layout = &p.layout;
    match layout.status {
        Some(StatusAt::Front(i)) => {
            let cur = p.adr.status_text.clone().unwrap_or_default();
            let value = if says_superseded_by(&cur) && !cur.contains(&target.short) {
                format!("{cur}, {}", target.short)
            } else if cur.contains(&target.short) && says_superseded_by(&cur) {
                return Vec::new();
            } else {
                format!("superseded by {}", target.short)
            };
            if layout.toml_front() {
                front_toml::set_string(text, layout, i, &value)
            } else {
                replace_yaml_value(text, layout, i, &value)
            }
        }
        // Right after the opening `+++` (line 1), or the `[extra]` header.
        _ if layout.toml_front() => vec![Op::Insert(
            layout.front.as_ref().map_or(2, super::Front::status_at),
            vec![format!(
                "status = {}",
                front_toml::string(&format!("superseded by {}", target.short))
            )],
        )],
        // Right after the opening `---` (line 1).
        _ => vec![Op::Insert(
            2,
            vec![format!("status: superseded by {}", target.short)],
        )],
    }
}

/// Ops that add `target` to the value of front-matter key `k`, in the shape it is written in
/// (a block list, a flow list, a scalar that becomes a list); nothing when it is there.
fn add_to_front_value(text: &str, layout: &Layout, k: &FrontKey, target: &Target) -> Vec<Op> {
    let y = yaml_value(text, layout, k.line, k.end);
    match y.shape {
        Shape::Below if y.last > k.line && list_items(text, layout, k.line, y.last) => {
            append_list_item(text, layout, k.line, y.last, target)
        }
        Shape::Below if y.last == k.line => vec![Op::Insert(
            k.line + 1,
            vec![format!("  - {}", target.short)],
        )],
        Shape::Flow => {
            let inner = y.joined.trim().trim_end_matches(',').trim_end();
            if inner.split(',').any(|x| same_ref(x.trim(), &target.short)) {
                return Vec::new();
            }
            let new_inner = if inner.is_empty() {
                target.short.clone()
            } else {
                format!("{inner}, {}", target.short)
            };
            replace_yaml_lines(text, layout, k.line, &y, &format!("[{new_inner}]"))
        }
        _ => scalar_to_list(text, layout, k.line, &y, target),
    }
}

/// Block list on the lines after key line `line` (through `last`): an item after the last one,
/// indented like it.
fn append_list_item(
    text: &str,
    layout: &Layout,
    line: usize,
    last: usize,
    target: &Target,
) -> Vec<Op> {
    let items: Vec<usize> = (line + 1..=last)
        .filter(|&i| layout.line_at(text, i).trim_start().starts_with('-'))
        .collect();
    if items.iter().any(|&i| {
        same_ref(
            layout.line_at(text, i).trim_start()[1..].trim(),
            &target.short,
        )
    }) {
        return Vec::new();
    }
    let indent = items.last().map_or(String::new(), |&i| {
        let l = layout.line_at(text, i);
        l[..l.len() - l.trim_start().len()].to_string()
    });
    vec![Op::Insert(
        last + 1,
        vec![format!("{indent}- {}", target.short)],
    )]
}

/// A scalar (or a value adrgov does not write into) on key line `line`: becomes a list of it
/// and the target.
fn scalar_to_list(
    text: &str,
    layout: &Layout,
    line: usize,
    y: &YamlValue,
    target: &Target,
) -> Vec<Op> {
    let v = match y.quote {
        Some(q) => format!("{q}{}{q}", y.joined),
        None if needs_quotes(&y.joined) => {
            format!(
                "\"{}\"",
                y.joined.replace('\\', "\\\\").replace('"', "\\\"")
            )
        }
        None => y.joined.clone(),
    };
    if same_ref(&y.joined, &target.short) {
        return Vec::new();
    }
    replace_yaml_lines(text, layout, line, y, &format!("[{v}, {}]", target.short))
}

/// Whether the value below key line `line` (through `last`) is a block list: its first
/// non-blank, non-comment line is an item.
fn list_items(text: &str, layout: &Layout, line: usize, last: usize) -> bool {
    let mut lines = (line + 1..=last)
        .map(|i| layout.line_at(text, i))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    lines
        .next()
        .is_some_and(|l| l.trim_start().starts_with("- ") || l.trim() == "-")
}

fn same_ref(a: &str, b: &str) -> bool {
    let a = a.trim().trim_matches(['"', '\'']);
    a.eq_ignore_ascii_case(b)
        || matches!((number_in_ref(a), number_in_ref(b)), (Some(x), Some(y)) if x == y)
}

/// Whether the file already has this relation to the target.
fn has_relation(p: &Parsed, kind: &Kind, target: &Target) -> bool {
    p.adr.relations.iter().any(|r| {
        r.kind == kind.id
            && (r.target.file.as_deref() == Some(target.file.as_str())
                || r.target.written.eq_ignore_ascii_case(&target.short)
                || (r.target.file.is_none()
                    && r.target.number.is_some()
                    && r.target.number == number_in_ref(&target.short)))
    })
}

fn bullet_relation_ops(
    text: &str,
    p: &Parsed,
    kind: &Kind,
    target: &Target,
    style: Style,
) -> Vec<Op> {
    let layout = &p.layout;
    if kind.id == RelationKind::SupersededBy
        && let Some(StatusAt::Bullet(i)) = layout.status
    {
        let link = format!("[{}]({})", target.link_text, target.file);
        let cur = p.adr.status_text.clone().unwrap_or_default();
        let value = if says_superseded_by(&cur) {
            format!("{cur}, {link}")
        } else {
            format!("{} {link}", phrase(kind, style).to_lowercase())
        };
        return vec![replace_value(text, layout, i, &value)];
    }
    let line = format!("- {}", relation_line(kind, target, style));
    match layout.links_section {
        Some(sec) => {
            let last = last_content_line(text, layout, sec.heading, sec.end);
            if last == sec.heading {
                vec![Op::Insert(sec.heading + 1, vec![String::new(), line])]
            } else {
                vec![Op::Insert(last + 1, vec![line])]
            }
        }
        None => {
            let mut new = Vec::new();
            if !ends_with_blank(text, layout) {
                new.push(String::new());
            }
            // The blank line above is there already.
            let heading = section_heading(text, layout, "Links", layout.last_line() + 1);
            new.extend(heading.into_iter().skip_while(String::is_empty));
            new.extend([String::new(), line]);
            vec![Op::Insert(layout.last_line() + 1, new)]
        }
    }
}

fn ends_with_blank(text: &str, layout: &Layout) -> bool {
    layout
        .lines
        .last()
        .is_none_or(|_| layout.line_at(text, layout.last_line()).trim().is_empty())
}

/// The last non-blank line in `(heading, end)` (1-based); `heading` when the section is empty.
fn last_content_line(text: &str, layout: &Layout, heading: usize, end: usize) -> usize {
    (heading + 1..end)
        .rev()
        .find(|&i| !layout.line_at(text, i).trim().is_empty())
        .unwrap_or(heading)
}

fn nygard_relation_ops(
    text: &str,
    p: &Parsed,
    kind: &Kind,
    target: &Target,
    style: Style,
) -> Vec<Op> {
    let layout = &p.layout;
    let rel = relation_line(kind, target, style);
    if let (None, Some(StatusAt::Table(i, _))) = (layout.status_section, layout.status)
        && let last = (i..=layout.last_line())
            .take_while(|&j| layout.line_at(text, j).trim_start().starts_with('|'))
            .last()
            .unwrap_or(i)
        // Not before a delimiter row (`|---|`), where the new row would be a table's header.
        && !super::body::is_table_header(text, layout, last)
    {
        // A metadata table: the relation is one more row, after its last row (a line right
        // after a table would be read as a row of it).
        let link = format!("[{}]({})", target.link_text, target.file);
        let spaced = layout.line_at(text, i).trim_start().starts_with("| ");
        let row = if spaced {
            format!("| {} | {link} |", phrase(kind, style))
        } else {
            format!("|{}|{link}|", phrase(kind, style))
        };
        return vec![Op::Insert(last + 1, vec![row])];
    }
    if kind.id == RelationKind::SupersededBy {
        // adr-tools: the status word is replaced by the `Superseded by` link.
        match layout.status {
            Some(StatusAt::Section(i)) if !starts_with_relation(layout.line_at(text, i).trim()) => {
                return with_continuation(layout, i, replace_value(text, layout, i, &rel));
            }
            Some(StatusAt::Inline(i) | StatusAt::Heading(i))
                if !starts_with_relation(p.adr.status_text.as_deref().unwrap_or("")) =>
            {
                return vec![replace_value(text, layout, i, &rel)];
            }
            // A status log: today's entry is the relation (`- 2026-01-05: Superseded by [..]`).
            Some(StatusAt::Logged(i, first, last)) => {
                return log_ops(text, layout, (i, first, last), &rel);
            }
            // A task list: the check moves to a `Superseded` item, or to a new
            // `- [x] Superseded by [..]` item (which is also the relation).
            Some(StatusAt::Checked(i, first, last)) => {
                let mut ops = checklist_ops(text, layout, (i, first, last), "superseded", &rel);
                if !ops.iter().any(|o| matches!(o, Op::Insert(..))) {
                    // The check moved to (or was on) a `Superseded` item: the relation
                    // follows the section's content.
                    ops.extend(section_relation_ops(text, layout, rel));
                }
                return ops;
            }
            _ => {}
        }
    }
    section_relation_ops(text, layout, rel)
}

/// Ops that add the relation line `rel` after the Status section's content (else after the
/// status line, else in a new Status section).
fn section_relation_ops(text: &str, layout: &Layout, rel: String) -> Vec<Op> {
    match (layout.status_section, layout.status) {
        (Some(sec), _) => {
            let last = last_content_line(text, layout, sec.heading, sec.end);
            if last == sec.heading {
                vec![Op::Insert(sec.heading + 1, vec![String::new(), rel])]
            } else {
                vec![Op::Insert(last + 1, vec![String::new(), rel])]
            }
        }
        (None, Some(at)) => vec![Op::Insert(at.line() + 1, vec![rel])],
        (None, None) => {
            let at = section_insert_point(text, layout);
            let mut lines = section_heading(text, layout, "Status", at);
            lines.extend([String::new(), rel, String::new()]);
            vec![Op::Insert(at, lines)]
        }
    }
}

/// What a renumbering changes in a file that refers to the renamed ADR.
#[derive(Debug, Clone)]
pub struct Renumber<'a> {
    /// Old file name.
    pub old_file: &'a str,
    /// New file name.
    pub new_file: &'a str,
    /// Old number.
    pub old_number: u32,
    /// New number.
    pub new_number: u32,
    /// Digits of the new number as written in ids (`0012`).
    pub new_digits: &'a str,
    /// Also rewrite bare number references (`ADR-0005`): only safe when the old number is
    /// not shared with another ADR.
    pub numbers: bool,
}

/// The new text of a file after the ADR `r.old_file` became `r.new_file`: links to it (target
/// and numbered link text), bare number references on relation lines, and — in the renamed
/// file itself (`own`) — the number in its title.
pub fn renumber_refs(text: &str, p: &Parsed, r: &Renumber<'_>, own: bool) -> String {
    let layout = &p.layout;
    let mut ops = Vec::new();
    let rel_lines: std::collections::HashSet<usize> =
        p.adr.relations.iter().map(|x| x.line).collect();
    for i in 1..=layout.last_line() {
        let in_front_rel = layout.front.is_some() && layout.is_code(i) && rel_lines.contains(&i);
        if layout.is_code(i) && !in_front_rel {
            continue;
        }
        let line = layout.line_at(text, i);
        let mut new = rewrite_links(line, r);
        if r.numbers && rel_lines.contains(&i) {
            new = rewrite_bare_numbers(&new, r);
        }
        if own && layout.title_line == Some(i) {
            new = rewrite_title_number(&new, r);
        }
        if new != line {
            ops.push(Op::Replace(i, new));
        }
    }
    apply(text, layout, ops)
}

fn rewrite_links(line: &str, r: &Renumber<'_>) -> String {
    let links = markdown_links(line);
    if links.is_empty() {
        return line.to_string();
    }
    let mut out = line.to_string();
    for (t, target) in links {
        let file = target.split(['#', '?']).next().unwrap_or("");
        let fname = file.rsplit('/').next().unwrap_or(file);
        if fname != r.old_file {
            continue;
        }
        let new_target = target.replacen(r.old_file, r.new_file, 1);
        let new_text = if number_in_ref(&t) == Some(r.old_number) {
            replace_first_number(&t, r.new_number, r.new_digits)
        } else {
            t.clone()
        };
        out = out.replacen(
            &format!("[{t}]({target}"),
            &format!("[{new_text}]({new_target}"),
            1,
        );
    }
    out
}

/// Replaces the first run of digits in `s` with the new number, keeping zero padding.
fn replace_first_number(s: &str, n: u32, digits: &str) -> String {
    let Some(start) = s.find(|c: char| c.is_ascii_digit()) else {
        return s.to_string();
    };
    let len = s[start..].chars().take_while(char::is_ascii_digit).count();
    let old = &s[start..start + len];
    let new = if old.len() > 1 && old.starts_with('0') {
        format!("{:0width$}", n, width = old.len().max(digits.len()))
    } else {
        n.to_string()
    };
    format!("{}{}{}", &s[..start], new, &s[start + len..])
}

fn rewrite_bare_numbers(line: &str, r: &Renumber<'_>) -> String {
    // Tokens like ADR-0005 / ADR 5 / 0005 outside links.
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find(|c: char| c.is_ascii_digit()) {
        let len = rest[pos..].chars().take_while(char::is_ascii_digit).count();
        let before = &rest[..pos];
        let prev = before.chars().last();
        let next = rest[pos + len..].chars().next();
        let digits = &rest[pos..pos + len];
        let standalone = !prev.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/')
            && !next.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && !before.ends_with("](")
            && !in_link_target(before);
        let names_old = before.to_ascii_lowercase().ends_with("adr-")
            || before.to_ascii_lowercase().ends_with("adr ")
            || digits.len() >= 3;
        out.push_str(before);
        if standalone && names_old && digits.parse::<u32>().ok() == Some(r.old_number) {
            out.push_str(&replace_first_number(digits, r.new_number, r.new_digits));
        } else {
            out.push_str(digits);
        }
        rest = &rest[pos + len..];
    }
    out.push_str(rest);
    out
}

fn in_link_target(before: &str) -> bool {
    match (before.rfind("]("), before.rfind(')')) {
        (Some(a), Some(b)) => a > b,
        (Some(_), None) => true,
        _ => false,
    }
}

fn rewrite_title_number(line: &str, r: &Renumber<'_>) -> String {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    let t = rest.trim_start();
    let lead = &line[..line.len() - t.len()];
    let (pfx, body) = match strip_prefix_ci(t, "adr") {
        Some(b) => (&t[..t.len() - b.len()], b),
        None => ("", t),
    };
    let body_trim = body.trim_start_matches(['-', ' ', '_']);
    let sep = &body[..body.len() - body_trim.len()];
    let digits: String = body_trim.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.parse::<u32>().ok() != Some(r.old_number) {
        return line.to_string();
    }
    let after = &body_trim[digits.len()..];
    if !(after.starts_with(['.', ':', ')']) || (!pfx.is_empty() && after.starts_with(' '))) {
        return line.to_string();
    }
    format!(
        "{lead}{pfx}{sep}{}{after}",
        replace_first_number(&digits, r.new_number, r.new_digits)
    )
}

/// What edits meant to write into a file, checked by [`verify`] on the text read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intent {
    /// The status set (a normalized word, as given to [`set_status`]).
    pub status: Option<String>,
    /// The relations added (kind id and target, as given to [`add_relation`]).
    pub relations: Vec<(RelationKind, Target)>,
}

impl Intent {
    /// An intent to set the status.
    pub fn status(status: &str) -> Self {
        Intent {
            status: Some(status.to_string()),
            relations: Vec::new(),
        }
    }

    /// An intent to add a relation.
    pub fn relation(kind: &Kind, target: &Target) -> Self {
        Intent {
            status: None,
            relations: vec![(kind.id.clone(), target.clone())],
        }
    }

    /// Both intents.
    pub fn and(mut self, other: Intent) -> Self {
        if other.status.is_some() {
            self.status = other.status;
        }
        self.relations.extend(other.relations);
        self
    }
}

/// A status as written, for comparing with the word an edit wrote: lower case, without
/// emphasis or backticks, and without the blockquote and list markers a status line may sit
/// behind (`> Accepted`, `> - Accepted`): an edit keeps those, the word is what changes.
pub fn written_status(status_text: &str) -> String {
    let mut t = status_text.trim();
    // Blockquote and list markers in any nesting (`> - Accepted`): the edit keeps them.
    loop {
        let next = t
            .trim_start_matches('>')
            .trim_start()
            .strip_prefix(['-', '+', '*'])
            .filter(|r| r.starts_with(char::is_whitespace))
            .unwrap_or_else(|| t.trim_start_matches('>'))
            .trim_start();
        if next.len() == t.len() {
            break;
        }
        t = next;
    }
    t.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect::<String>()
        .trim()
        .to_lowercase()
}

/// Whether the status text read back is the status written: the word itself (any case,
/// emphasis aside), or for `superseded` the `Superseded by …` adrgov writes.
fn reads_as(status_text: &str, status: &str) -> bool {
    let t = written_status(status_text);
    t == status.to_lowercase() || (status == "superseded" && says_superseded_by(&t))
}

/// Refuses an edit that would break what the file says: a file whose front matter parsed
/// before must still parse after (YAML written as a flow mapping `{…}`, say, cannot take an
/// added `key:` line), its title must stay, and what the edit wrote must read back as
/// written (`intent`: the status set and the relations added). `Err` holds the message for
/// the user.
pub fn verify(
    path: &str,
    file_name: &str,
    old: &str,
    new: &str,
    vocab: &super::Vocab,
    intent: &Intent,
) -> Result<(), String> {
    if old == new {
        return Ok(());
    }
    let before = super::parse(path, file_name, old, vocab);
    let after = super::parse(path, file_name, new, vocab);
    let broken = |p: &Parsed| {
        p.adr
            .problems
            .iter()
            .any(|x| x.kind == crate::model::ProblemKind::InvalidFrontMatter)
    };
    if broken(&after) && !broken(&before) {
        return Err(
            "adrgov cannot add to this file's front matter without breaking its YAML (is it written as a flow mapping `{…}`?); nothing was changed: make the edit by hand".into(),
        );
    }
    if after.adr.title != before.adr.title {
        return Err(
            "the edit would change the file's title; nothing was changed: make the edit by hand"
                .into(),
        );
    }
    if let Some(status) = &intent.status {
        let text = after.adr.status_text.as_deref().unwrap_or("");
        // A status already set (`Superseded.`) and left as it was is fine as written.
        let kept = before.adr.status_text.as_deref() == Some(text);
        if after.adr.status.as_deref() != Some(status.as_str()) || !(kept || reads_as(text, status))
        {
            return Err(format!(
                "the status written would read back as `{}`, not `{status}`; nothing was changed: make the edit by hand",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    for (kind, target) in &intent.relations {
        let Some(k) = vocab.kind_of(kind) else {
            continue;
        };
        if !has_relation(&after, k, target) {
            return Err(format!(
                "the relation `{} {}` would not read back from the edited file; nothing was changed: make the edit by hand",
                k.phrase, target.short
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
