//! Reading ADR files: split front matter, find fences, headings and metadata in every dialect.
//!
//! The parser records *where* each piece of metadata is written ([`Layout`]), so that edits
//! ([`edit`]) can change exactly those lines and nothing else.
//!
//! Every line number the parser gives counts from 1, as in messages, findings, relations
//! ([`crate::model::Relation::line`]) and editors: line 1 is the first line of the file.
//! Read a line by its number with [`Layout::line_at`]; 0-based indices exist only where a
//! slice is indexed (`layout.lines[n - 1]`).

pub mod edit;
pub mod lines;
pub mod name;
pub mod vocab;

use crate::model::{
    Adr, CLAUSE_SEPARATORS, Format, Problem, ProblemKind, RawRef, Relation, RelationKind, RepoPath,
    normalize_status_with, number_in_ref, split_top_level, strip_prefix_ci,
};
use gray_matter::Pod;
use lines::Span;
pub use vocab::Vocab;

/// How the status (and relations) of a file are written; decides how edits are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// YAML front matter (MADR 3/4).
    FrontMatter,
    /// `- Status: accepted` bullets under the title (MADR 2, log4brains).
    Bullets,
    /// A `## Status` section or a `Status:` line (adr-tools / Nygard).
    Nygard,
}

/// A top-level key of the front matter and the lines its value spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontKey {
    /// The key as written.
    pub name: String,
    /// Line of the key (1-based).
    pub line: usize,
    /// Line just past the value (1-based; block lists span several lines): the next key's
    /// line, or the closing delimiter's line for the last key.
    pub end: usize,
}

/// The front matter block: `---` on line 1 and a closing `---` / `...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    /// Line of the closing delimiter (1-based).
    pub close: usize,
    /// Top-level keys in order.
    pub keys: Vec<FrontKey>,
}

impl Front {
    /// The key named `name` (case-insensitive).
    pub fn key(&self, name: &str) -> Option<&FrontKey> {
        self.keys.iter().find(|k| k.name.eq_ignore_ascii_case(name))
    }
}

/// A Markdown heading outside code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Line of the heading (1-based).
    pub line: usize,
    /// 1 for `#`, 2 for `##`…
    pub level: usize,
    /// The heading text, trimmed.
    pub text: String,
}

/// Where the status is written; each variant holds the line (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAt {
    /// `status:` front-matter key on this line (1-based).
    Front(usize),
    /// A line (1-based) of the `## Status` section.
    Section(usize),
    /// In the heading itself, on this line (1-based): `## Status: Accepted`.
    Heading(usize),
    /// `- Status: accepted` bullet on this line (1-based).
    Bullet(usize),
    /// `Status: Accepted` line (1-based).
    Inline(usize),
    /// A cell of a metadata table: (1-based line, 0-based cell: the cell is an index into the
    /// row's cells, not a line number). `| Status | Accepted |` has
    /// its value in cell 1; a table whose header row names the columns (`| Status | Date |`)
    /// has it in the data row below, in the `Status` column.
    Table(usize, usize),
}

impl StatusAt {
    /// The line the status is written on (1-based).
    pub fn line(self) -> usize {
        match self {
            StatusAt::Front(l)
            | StatusAt::Section(l)
            | StatusAt::Heading(l)
            | StatusAt::Bullet(l)
            | StatusAt::Inline(l)
            | StatusAt::Table(l, _) => l,
        }
    }
}

/// A section: its heading line and the line just past its end (both 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Line of the heading (1-based).
    pub heading: usize,
    /// Line just past the last line of the section (1-based): the next heading of its level
    /// or higher, or [`Layout::last_line`] + 1 when the section runs to the end of the file.
    pub end: usize,
}

/// Where everything is written in a file; what edits work from. Every line number in it counts
/// from 1 (line 1 is the first line of the file); read a line with [`Layout::line_at`].
#[derive(Debug, Clone)]
pub struct Layout {
    /// Line spans, indexed by line number − 1 (`lines[0]` is line 1); read a line with
    /// [`Layout::line_at`].
    pub lines: Vec<Span>,
    /// The line ending new lines get.
    pub eol: &'static str,
    /// Byte length of a leading BOM (0 or 3).
    pub bom: usize,
    /// The front matter, if any.
    pub front: Option<Front>,
    /// First line of the Markdown body (1-based): 1, or the line after the front matter
    /// (`last_line() + 1` when nothing follows it).
    pub body_start: usize,
    /// Per line, indexed by line number − 1: inside front matter or a fenced code block
    /// (never metadata). Ask [`Layout::is_code`] with a line number.
    pub code: Vec<bool>,
    /// A code block still open at the end of the file: the line (1-based) of its opening
    /// fence and the fence (```` ``` ````). Lines added after that line would otherwise fall
    /// into it.
    pub open_fence: Option<(usize, String)>,
    /// Headings outside code.
    pub headings: Vec<Heading>,
    /// The line of the title heading (1-based).
    pub title_line: Option<usize>,
    /// Where the status is.
    pub status: Option<StatusAt>,
    /// The last line (1-based) of a status paragraph wrapped over several lines in the
    /// `## Status` section; the status line itself otherwise.
    pub status_last: Option<usize>,
    /// The `## Status` section (1-based lines).
    pub status_section: Option<Section>,
    /// The `## Links` section (MADR 2; 1-based lines).
    pub links_section: Option<Section>,
    /// The line (1-based) of the `Date:` line, `date:` key or `## Date` section's value.
    pub date_line: Option<usize>,
    /// How the file writes metadata.
    pub dialect: Dialect,
}

impl Layout {
    /// The text of line number `n` of `text` (the text the layout was read from) without its
    /// line ending, and without the BOM on line 1. `n` counts from 1, like every line number
    /// the parser gives ([`Heading::line`], [`StatusAt::line`], [`Layout::title_line`], …):
    /// `line_at(text, 1)` is the first line. A number outside `1..=last_line()` gives `""`.
    pub fn line_at<'t>(&self, text: &'t str, n: usize) -> &'t str {
        debug_assert!(
            (1..=self.lines.len()).contains(&n),
            "line {n} is not in 1..={}",
            self.lines.len()
        );
        let Some(s) = n.checked_sub(1).and_then(|i| self.lines.get(i)) else {
            return "";
        };
        let start = if n == 1 {
            s.start + self.bom.min(s.end)
        } else {
            s.start
        };
        &text[start..s.end]
    }

    /// Whether line number `n` (1-based) is inside front matter or a fenced code block.
    pub fn is_code(&self, n: usize) -> bool {
        n.checked_sub(1)
            .and_then(|i| self.code.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The number of the last line (1-based), which is the number of lines: 0 for an empty
    /// text.
    pub fn last_line(&self) -> usize {
        self.lines.len()
    }

    /// Marks line `n` (1-based) as front matter or code.
    fn set_code(&mut self, n: usize) {
        if let Some(c) = n.checked_sub(1).and_then(|i| self.code.get_mut(i)) {
            *c = true;
        }
    }
}

/// The result of reading one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The ADR.
    pub adr: Adr,
    /// Where its parts are written.
    pub layout: Layout,
}

/// Parses `text`, the content of the file at `path` (from the root, for messages) named
/// `file_name`.
pub fn parse(path: impl Into<RepoPath>, file_name: &str, text: &str, vocab: &Vocab) -> Parsed {
    parse_at(path.into(), file_name, text, vocab)
}

fn parse_at(path: RepoPath, file_name: &str, text: &str, vocab: &Vocab) -> Parsed {
    let fname = name::parse_file_name(file_name);
    let lines = lines::spans(text);
    let eol = lines::dominant_eol(&lines);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut layout = Layout {
        code: vec![false; lines.len()],
        open_fence: None,
        lines,
        eol,
        bom,
        front: None,
        body_start: 1,
        headings: Vec::new(),
        title_line: None,
        status: None,
        status_last: None,
        status_section: None,
        links_section: None,
        date_line: None,
        dialect: Dialect::Nygard,
    };
    let mut adr = Adr {
        id: fname.id.clone(),
        source: None,
        number: fname.number,
        path,
        file_name: file_name.to_string(),
        title: None,
        title_line: None,
        status: None,
        status_text: None,
        status_line: None,
        date_text: None,
        date: None,
        date_line: None,
        format: Format::Nygard,
        decision_makers: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        tags: Vec::new(),
        relations: Vec::new(),
        problems: Vec::new(),
        body: String::new(),
    };

    let front_pod = split_front_matter(text, &mut layout, &mut adr);
    scan_body(text, &mut layout);
    let body_offset = layout
        .lines
        .get(layout.body_start - 1)
        .map_or(text.len(), |s| s.start);
    adr.body = text[body_offset..].to_string();

    if let Some(pod) = &front_pod {
        read_front_values(pod, &layout, vocab, &mut adr);
        layout.dialect = Dialect::FrontMatter;
        adr.format = Format::Madr;
    }
    read_body_metadata(text, &mut layout, vocab, &mut adr);
    if front_pod.is_none() && layout.front.is_some() {
        // Front matter that does not parse still marks a MADR file.
        layout.dialect = Dialect::FrontMatter;
        adr.format = Format::Madr;
    }
    if layout.dialect == Dialect::Nygard && looks_like_madr(&layout) {
        adr.format = Format::Madr;
    }
    Parsed { adr, layout }
}

/// MADR's own section names, for files without front matter or bullets.
fn looks_like_madr(layout: &Layout) -> bool {
    layout.headings.iter().any(|h| {
        let t = h.text.to_ascii_lowercase();
        t == "context and problem statement" || t == "decision outcome" || t == "considered options"
    })
}

/// Finds the front matter block, records its keys, and parses it with gray_matter's YAML engine.
fn split_front_matter(text: &str, layout: &mut Layout, adr: &mut Adr) -> Option<Pod> {
    if layout.lines.is_empty() || layout.line_at(text, 1).trim_end() != "---" {
        return None;
    }
    let close = (2..=layout.last_line()).find(|&n| {
        let l = layout.line_at(text, n).trim_end();
        l == "---" || l == "..."
    });
    let Some(close) = close else {
        unclosed_front_matter(text, layout, adr);
        return None;
    };
    record_front_keys(text, layout, close);
    parse_front_yaml(text, layout, adr, close)
}

/// A front matter block opened with `---` and never closed: its first paragraph is still YAML
/// (a `# comment` in it is no heading), and the file gets a problem.
fn unclosed_front_matter(text: &str, layout: &mut Layout, adr: &mut Adr) {
    for n in 1..=layout.last_line() {
        if n > 1 && layout.line_at(text, n).trim().is_empty() {
            break;
        }
        layout.set_code(n);
    }
    adr.problems.push(Problem {
        kind: ProblemKind::InvalidFrontMatter,
        path: adr.path.clone(),
        line: Some(1),
        message:
            "front matter opened with `---` on line 1 is never closed; add a closing `---` line"
                .into(),
    });
}

/// Records the top-level keys of the front matter block closed on line `close` (1-based; each
/// key with the lines it spans), marks the block as no body text, and starts the body after it.
fn record_front_keys(text: &str, layout: &mut Layout, close: usize) {
    let mut keys: Vec<FrontKey> = Vec::new();
    for n in 2..close {
        layout.set_code(n);
        let l = layout.line_at(text, n);
        if l.starts_with([' ', '\t', '-', '#']) || l.trim().is_empty() {
            continue;
        }
        if let Some((k, _)) = l.split_once(':') {
            let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
            if let Some(prev) = keys.last_mut() {
                prev.end = n;
            }
            keys.push(FrontKey {
                name: k.to_string(),
                line: n,
                end: close,
            });
        }
    }
    layout.set_code(1);
    layout.set_code(close);
    layout.front = Some(Front { close, keys });
    layout.body_start = close + 1;
}

/// Parses the YAML between line 1 and line `close` (1-based, the closing delimiter); a block
/// that is not a YAML mapping gets a problem naming its line and gives `None`.
fn parse_front_yaml(text: &str, layout: &Layout, adr: &mut Adr, close: usize) -> Option<Pod> {
    // The YAML is lines 2..close; `lines` is indexed by line number − 1.
    let yaml_start = layout.lines[1].start;
    let yaml_end = layout.lines[close - 1].start;
    let yaml = &text[yaml_start..yaml_end];
    if yaml.trim().is_empty() {
        return Some(Pod::Hash(Default::default()));
    }
    // The YAML reader stops at a NUL character and ignores the rest of the block, so keys
    // after it (and keys adrgov would add) would silently vanish: not valid front matter.
    if let Some(at) = yaml.find('\0') {
        adr.problems.push(Problem {
            kind: ProblemKind::InvalidFrontMatter,
            path: adr.path.clone(),
            line: Some(2 + yaml[..at].matches('\n').count()),
            message: "front matter contains a NUL character".into(),
        });
        return None;
    }
    use gray_matter::engine::Engine;
    match gray_matter::engine::YAML::parse(yaml) {
        Ok(pod @ Pod::Hash(_)) => Some(pod),
        Ok(Pod::Null) => Some(Pod::Hash(Default::default())),
        Ok(_) => {
            adr.problems.push(Problem {
                kind: ProblemKind::InvalidFrontMatter,
                path: adr.path.clone(),
                line: Some(2),
                message:
                    "front matter is not a mapping of keys to values (expected `key: value` lines)"
                        .into(),
            });
            None
        }
        Err(e) => {
            let (line, msg) = yaml_error_line(&e.to_string(), yaml);
            // An error found at the end of the block is reported on its last line (the one
            // before `close`), not on `---`.
            let line = (line + 1).min((close - 1).max(2));
            adr.problems.push(Problem {
                kind: ProblemKind::InvalidFrontMatter,
                path: adr.path.clone(),
                line: Some(line),
                message: format!("front matter is not valid YAML: {msg}"),
            });
            None
        }
    }
}

/// Pulls `line N column M` out of a yaml-rust2 message; returns the 1-based line inside the
/// YAML block (the block starts on file line 2) and the message without position noise.
fn yaml_error_line(msg: &str, yaml: &str) -> (usize, String) {
    // gray_matter trims the block before handing it to yaml-rust2, so leading blank lines shift.
    let leading_blank = yaml.lines().take_while(|l| l.trim().is_empty()).count();
    let mut line = 1;
    let mut clean = msg.to_string();
    if let Some(pos) = msg.find(" at byte ") {
        clean = msg[..pos].to_string();
        if let Some(lp) = msg[pos..].find(" line ") {
            let rest = &msg[pos + lp + 6..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<usize>() {
                line = n.max(1);
            }
        }
    }
    let clean = clean
        .strip_prefix("Error deserializing front matter: ")
        .unwrap_or(&clean)
        .to_string();
    (line + leading_blank, clean)
}

/// Marks fenced code, collects headings.
fn scan_body(text: &str, layout: &mut Layout) {
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
                    level: h.0,
                    text: h.1,
                });
            }
        }
    }
    layout.open_fence = fence.map(|(ch, len)| (opened, ch.to_string().repeat(len)));
}

/// `## Text ##` → (2, "Text").
fn heading(t: &str) -> Option<(usize, String)> {
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
fn strip_heading_attributes(t: &str) -> &str {
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

fn pod_text(p: &Pod) -> Option<String> {
    match p {
        Pod::String(s) => Some(s.clone()),
        Pod::Integer(i) => Some(i.to_string()),
        Pod::Float(f) => Some(f.to_string()),
        Pod::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn pod_list(p: &Pod) -> Vec<String> {
    match p {
        Pod::Array(a) => a
            .iter()
            .filter_map(pod_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Pod::String(s) => split_people(s),
        Pod::Null => Vec::new(),
        other => pod_text(other).into_iter().collect(),
    }
}

/// `a, b and c` → `[a, b, c]`.
fn split_people(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            p.trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn read_front_values(pod: &Pod, layout: &Layout, vocab: &Vocab, adr: &mut Adr) {
    let Pod::Hash(map) = pod else { return };
    let front = layout.front.as_ref();
    let key_line = |k: &str| front.and_then(|f| f.key(k)).map(|k| k.line);
    let get = |k: &str| {
        map.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    };
    if let Some(t) = get("title").and_then(pod_text) {
        adr.title = Some(t.trim().to_string());
        adr.title_line = key_line("title");
    }
    if let Some(s) = get("status").and_then(pod_text) {
        adr.status = normalize_status_with(&s, vocab.statuses());
        adr.status_text = Some(s.trim().to_string());
        adr.status_line = key_line("status");
        let line = key_line("status").unwrap_or(1);
        adr.relations.extend(status_relations(&s, vocab, line));
    }
    if let Some(d) = get("date").and_then(pod_text) {
        set_date(adr, &d, key_line("date"));
    }
    for (keys, field) in [
        (
            &[
                "decision-makers",
                "deciders",
                "decision_makers",
                "decisionmakers",
            ][..],
            0,
        ),
        (&["consulted"][..], 1),
        (&["informed"][..], 2),
        (&["tags", "tag"][..], 3),
    ] {
        if let Some(v) = keys.iter().find_map(|k| get(k)) {
            let list = pod_list(v);
            match field {
                0 => adr.decision_makers = list,
                1 => adr.consulted = list,
                2 => adr.informed = list,
                _ => adr.tags = list,
            }
        }
    }
    for kind in vocab.kinds() {
        let alt = kind.as_str().replace('-', "_");
        if let Some(v) = get(kind.as_str()).or_else(|| get(&alt)) {
            let line = key_line(kind.as_str())
                .or_else(|| key_line(&alt))
                .unwrap_or(1);
            for r in pod_list_raw(v) {
                adr.relations.push(Relation {
                    kind: kind.clone(),
                    target: RawRef::bare(&r),
                    line,
                });
            }
        }
    }
}

/// Like [`pod_list`] but without splitting a single string on commas/`and` (references).
fn pod_list_raw(p: &Pod) -> Vec<String> {
    match p {
        Pod::Array(a) => a.iter().filter_map(pod_text).collect(),
        Pod::String(s) => s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        Pod::Null => Vec::new(),
        other => pod_text(other).into_iter().collect(),
    }
}

fn set_date(adr: &mut Adr, raw: &str, line: Option<usize>) {
    let d = raw.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    adr.date_text = Some(d.to_string());
    adr.date_line = line;
    adr.date = parse_date(d);
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
fn textual_date(d: &str) -> Option<chrono::NaiveDate> {
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
fn month_of(w: &str) -> Option<u32> {
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
fn day_of(w: &str) -> Option<u32> {
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

/// Strips a list marker: `- x`, `* x`, `+ x`.
fn strip_bullet(l: &str) -> (bool, &str) {
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
fn key_value<'a>(l: &'a str, key: &str) -> Option<&'a str> {
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
fn is_table_header(text: &str, layout: &Layout, n: usize) -> bool {
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
fn table_cells(l: &str) -> Option<Vec<&str>> {
    let t = l.trim();
    if !t.starts_with('|') && !t.ends_with('|') {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// A Markdown table row `| Key | Value |` → the first two cells, the key without emphasis.
/// The delimiter row (`|---|---|`) and rows of one cell are not.
fn table_row(l: &str) -> Option<(&str, &str)> {
    let cells = table_cells(l)?;
    let (key, value) = (*cells.first()?, *cells.get(1)?);
    if key.is_empty() || key.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
        return None;
    }
    Some((key.trim_matches(['*', '_']).trim(), value))
}

/// The metadata lines of the preamble line `n`, each as (`Key: value` text, 1-based line,
/// table cell, list bullet). A `Key | Value` table row is one; a table whose header row names
/// `Status` or `Date` columns gives one per column of its first data row (and that row is not
/// read again: `skip`).
fn meta_entries(
    text: &str,
    layout: &Layout,
    n: usize,
    skip: &mut Option<usize>,
) -> Vec<(String, usize, Option<usize>, bool)> {
    let raw = layout.line_at(text, n);
    if is_table_header(text, layout, n) {
        let head = table_cells(raw).unwrap_or_default();
        let named = head.iter().any(|k| {
            let k = k.trim_matches(['*', '_']);
            k.eq_ignore_ascii_case("status") || k.eq_ignore_ascii_case("date")
        });
        let data = (n + 2 <= layout.last_line())
            .then(|| layout.line_at(text, n + 2))
            .and_then(table_cells);
        return match data {
            Some(data) if named => {
                *skip = Some(n + 2);
                head.iter()
                    .zip(data)
                    .enumerate()
                    .map(|(c, (k, v))| {
                        (
                            format!("{}: {v}", k.trim_matches(['*', '_'])),
                            n + 2,
                            Some(c),
                            false,
                        )
                    })
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

/// The relations written in a status value, wherever they are in it: the value is cut into
/// clauses (at `;`, a sentence end, `->`, a dash, and commas), and a clause that starts with a
/// relation phrase after any decoration (`⌛️ Superseded by [..](..)`, `**supersedes** ADR-3`)
/// gives a relation to each reference after the phrase, up to the next clause that starts with
/// another phrase or the end of the sentence. `Accepted; supersedes ADR-0031` and
/// `Implemented. Superseded by [ADR-013](adr-013-x.md).` both give a relation;
/// `Parts of this ADR were superseded by [ADR-020](..)` gives none (the clause does not start
/// with the phrase: the supersession is partial). Each relation gets `line`, the 1-based line
/// the value is written on.
pub fn status_relations(value: &str, vocab: &Vocab, line: usize) -> Vec<Relation> {
    let mut out = Vec::new();
    for sentence in split_top_level(value, &CLAUSE_SEPARATORS) {
        let mut current: Option<RelationKind> = None;
        for part in split_top_level(sentence, &[","]) {
            let clean = decoration_free_start(part);
            if let Some((kind, rest)) = vocab.match_phrase(clean) {
                current = Some(kind);
                push_refs(&mut out, current.as_ref(), rest, line);
            } else if current.is_some() {
                // `Superseded by ADR-3, ADR-4`: the list goes on.
                push_refs(&mut out, current.as_ref(), part, line);
            }
        }
    }
    out
}

fn push_refs(out: &mut Vec<Relation>, kind: Option<&RelationKind>, rest: &str, line: usize) {
    let Some(kind) = kind else { return };
    let rest = rest.trim_start_matches(['*', '_', ':', ' ']);
    for target in refs_in(rest, true) {
        out.push(Relation {
            kind: kind.clone(),
            target,
            line,
        });
    }
}

/// `s` from its first letter or digit on, when what comes before is only decoration (emoji,
/// emphasis, a blockquote marker, a list marker, a `:shortcode:`); `s` itself otherwise.
fn decoration_free_start(s: &str) -> &str {
    let mut t = strip_bullet(s).1;
    loop {
        let before = t;
        t = t.trim_start_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '*' | '_' | '`' | '~' | '>' | '{')
                || (!c.is_ascii() && !c.is_alphanumeric())
        });
        if let Some(r) = t.strip_prefix(':')
            && let Some(end) = r.find(':')
            && end > 0
            && r[..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        {
            t = &r[end + 1..];
        }
        if t == before {
            return t;
        }
    }
}

/// The relations a line holds when it starts with a relation phrase (`Superseded by [..](..)`),
/// after any decoration (`- ⌛️ **Superseded by** [..](..)` reads as the plain line).
/// `status_value` reads the line as a status value ([`status_relations`]: a relation anywhere
/// in it, a bare `superseded by ADR-7` as MADR writes it). Each relation gets `line`, the
/// 1-based line `l` is.
pub fn relations_in_line(l: &str, vocab: &Vocab, line: usize, status_value: bool) -> Vec<Relation> {
    if status_value {
        return status_relations(l, vocab, line);
    }
    let t = decoration_free_start(l);
    let Some((kind, rest)) = vocab.match_any(t) else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches(['*', '_', ':', ' ']);
    let refs = refs_in(rest, false);
    refs.into_iter()
        .map(|target| Relation {
            kind: kind.clone(),
            target,
            line,
        })
        .collect()
}

/// References in the rest of a relation line: Markdown links, else bare references
/// (`ADR-12 on 2021-03-04` is `ADR-12`).
fn refs_in(rest: &str, allow_slug: bool) -> Vec<RawRef> {
    let links = markdown_links(rest);
    if !links.is_empty() {
        return links
            .into_iter()
            .map(|(t, u)| RawRef::link(&t, &u))
            .collect();
    }
    let mut out = Vec::new();
    for piece in rest.split([',', ';']).flat_map(|p| p.split(" and ")) {
        let p = piece
            .trim()
            .trim_matches(['[', ']', '(', ')', '.', '"', '\'', '*', '_', '`'])
            .trim();
        if p.is_empty() {
            continue;
        }
        let slug = allow_slug && !p.contains(' ') && p.contains('-');
        if number_in_ref(p).is_some() {
            out.push(RawRef::bare(ref_head(p)));
        } else if p.ends_with(".md") || slug {
            out.push(RawRef::bare(p));
        }
    }
    out
}

/// The reference at the start of `p`: `ADR-12 on 2021-03-04` → `ADR-12`; a file name or a
/// reference alone is kept whole.
fn ref_head(p: &str) -> &str {
    if p.ends_with(".md") || !p.contains(char::is_whitespace) {
        return p;
    }
    let prefix = strip_prefix_ci(p, "adr").map_or(0, |r| {
        p.len() - r.len() + (r.len() - r.trim_start_matches(['-', ' ', '_', '#']).len())
    });
    let digits = p[prefix..].chars().take_while(char::is_ascii_digit).count();
    &p[..prefix + digits]
}

/// The links (and images) of a line as the site's Markdown renderer (pulldown-cmark, same
/// extensions) reads them: inline `[text](target)`, `![alt](target)` and `<scheme:autolinks>`,
/// in order. Each is `(text, target)` as written in the source (markup, escapes and
/// percent-encoding kept), so an edit can find `[text](target` in the line again. Leading
/// indentation does not make the line code (it is a list item's continuation, not a code block
/// of its own); reference links, whose definitions are elsewhere in the file, are not read.
pub fn markdown_links(s: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
    if !s.contains('[') && !s.contains('<') {
        return Vec::new();
    }
    let line = s.trim_start();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    // Links being read: where each starts in `line` (`None`: a kind not read), its
    // destination, whether it is an autolink, and where its text's last event ends.
    let mut open: Vec<(Option<usize>, String, bool, usize)> = Vec::new();
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for (ev, range) in Parser::new_ext(line, opts).into_offset_iter() {
        if !matches!(ev, Event::End(_)) {
            for o in &mut open {
                o.3 = o.3.max(range.end);
            }
        }
        match ev {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let read = auto || link_type == LinkType::Inline;
                open.push((
                    read.then_some(range.start),
                    dest_url.to_string(),
                    auto,
                    range.start,
                ));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((Some(start), dest, auto, text_end)) = open.pop() else {
                    continue;
                };
                if auto {
                    out.push((start, dest.clone(), dest));
                    continue;
                }
                // `[text](target "title")`: the text ends at the first `](` after its last
                // event; the target is the destination as written.
                let whole = &line[start..range.end];
                let text_start = whole.find('[').map_or(0, |i| i + 1);
                let from = (text_end - start).max(text_start);
                let Some(close) = whole.get(from..).and_then(|w| w.find("](")) else {
                    continue;
                };
                let text = &whole[text_start..from + close];
                let inner = whole[from + close + 2..]
                    .strip_suffix(')')
                    .unwrap_or_default()
                    .trim();
                let target = match inner.strip_prefix('<') {
                    Some(rest) => rest.split('>').next().unwrap_or_default(),
                    None => inner.split_whitespace().next().unwrap_or_default(),
                };
                out.push((start, text.to_string(), target.to_string()));
            }
            _ => {}
        }
    }
    out.sort_by_key(|(start, ..)| *start);
    out.into_iter().map(|(_, t, d)| (t, d)).collect()
}

fn read_body_metadata(text: &str, layout: &mut Layout, vocab: &Vocab, adr: &mut Adr) {
    let has_front_status = adr.status_text.is_some();
    if has_front_status && let Some(k) = layout.front.as_ref().and_then(|f| f.key("status")) {
        layout.status = Some(StatusAt::Front(k.line));
    }
    if let Some(k) = layout.front.as_ref().and_then(|f| f.key("date")) {
        layout.date_line = Some(k.line);
    }
    read_title(layout, adr);
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
        read_status_section(text, layout, vocab, adr, sec);
    }
    if let Some(sec) = layout.links_section {
        for n in sec.heading + 1..sec.end {
            if layout.is_code(n) {
                continue;
            }
            let l = layout.line_at(text, n).trim();
            adr.relations.extend(relations_in_line(l, vocab, n, false));
        }
    }
    read_relation_lines(text, layout, vocab, adr);
    read_date_section(text, layout, adr);
    dedup_relations(&mut adr.relations);
}

/// Title: the first level-1 heading.
fn read_title(layout: &mut Layout, adr: &mut Adr) {
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
fn section_of(layout: &Layout, idx: usize) -> Section {
    let h = &layout.headings[idx];
    // A level-1 `# Status` beside `##` sections (a heading level slip) ends at the next of
    // them, not at the end of the file.
    let level = h.level.max(2);
    let end = layout.headings[idx + 1..]
        .iter()
        .find(|o| o.level <= level)
        .map_or(layout.last_line() + 1, |o| o.line);
    Section {
        heading: h.line,
        end,
    }
}

/// Finds the Status and Links sections; returns the line (1-based) and value of a
/// `## Status: x` heading that holds the status itself.
fn find_sections(layout: &mut Layout) -> Option<(usize, String)> {
    let mut status_heading_inline: Option<(usize, String)> = None;
    for (idx, h) in layout.headings.iter().enumerate() {
        if h.level < 2 && layout.title_line == Some(h.line) {
            continue;
        }
        let t = h.text.trim_matches(['*', '_', ' ']).to_ascii_lowercase();
        if layout.status_section.is_none() && (t == "status" || t == "status:") {
            layout.status_section = Some(section_of(layout, idx));
        } else if layout.status_section.is_none()
            && let Some(v) = key_value(&h.text, "status")
            && !v.is_empty()
        {
            layout.status_section = Some(section_of(layout, idx));
            status_heading_inline = Some((h.line, v.to_string()));
        } else if layout.links_section.is_none()
            && matches!(
                t.as_str(),
                "links" | "more information" | "related decisions" | "related adrs"
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
fn read_preamble(text: &str, layout: &mut Layout, vocab: &Vocab, adr: &mut Adr) {
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
fn read_people(l: &str, adr: &mut Adr) -> bool {
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

/// The Status section: first non-relation line is the status; relation lines anywhere in it.
fn read_status_section(
    text: &str,
    layout: &mut Layout,
    vocab: &Vocab,
    adr: &mut Adr,
    sec: Section,
) {
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
    }
}

/// The status paragraph that starts on line `i` (1-based) of a Status section ending before
/// `end`: its value (a paragraph wrapped over lines is one value) and its last line.
fn status_paragraph(
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
fn set_section_status(
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
    if is_relation && !vocab.is_superseded_by(decoration_free_start(v)) {
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
fn read_relation_lines(text: &str, layout: &Layout, vocab: &Vocab, adr: &mut Adr) {
    for n in layout.body_start..=layout.last_line() {
        if layout.is_code(n) {
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
fn read_date_section(text: &str, layout: &mut Layout, adr: &mut Adr) {
    if adr.date_text.is_none()
        && let Some(h) = layout
            .headings
            .iter()
            .find(|h| h.text.eq_ignore_ascii_case("date"))
        && let Some(n) =
            (h.line + 1..=layout.last_line()).find(|&n| !layout.line_at(text, n).trim().is_empty())
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
fn status_paragraph_last(
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

fn dedup_relations(rels: &mut Vec<Relation>) {
    let mut seen = std::collections::HashSet::new();
    rels.retain(|r| seen.insert((r.kind.clone(), r.target.written.clone())));
}

#[cfg(test)]
mod tests;
