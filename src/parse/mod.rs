//! Reading ADR files: split front matter, find fences, headings and metadata in every dialect.
//!
//! The parser records *where* each piece of metadata is written ([`Layout`]), so that edits
//! ([`edit`]) can change exactly those lines and nothing else.
//!
//! Every line number the parser gives counts from 1, as in messages, findings, relations
//! ([`crate::model::Relation::line`]) and editors: line 1 is the first line of the file.
//! Read a line by its number with [`Layout::line_at`]; 0-based indices exist only where a
//! slice is indexed (`layout.lines[n - 1]`).

mod body;
pub mod date;
pub mod edit;
mod front;
pub mod governs;
pub mod lines;
pub mod name;
mod refs;
pub mod vocab;

use crate::model::{
    Adr, CLAUSE_SEPARATORS, Format, Problem, ProblemKind, RawRef, Relation, RelationKind, RepoPath,
    normalize_status_with, number_in_ref, split_top_level, strip_prefix_ci,
};
pub use body::title_from_heading;
use body::*;
pub use date::parse_date;
use date::*;
use front::*;
use gray_matter::Pod;
use lines::Span;
use refs::*;
pub use refs::{markdown_links, relations_in_line, status_relations};
pub use vocab::Vocab;

/// How the status (and relations) of a file are written; decides how edits are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Dialect {
    /// YAML front matter (MADR 3/4).
    FrontMatter,
    /// `- Status: accepted` bullets under the title (MADR 2, log4brains).
    Bullets,
    /// A `## Status` section or a `Status:` line (adr-tools / Nygard).
    Nygard,
}

/// A top-level key of the front matter and the lines its value spans.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FrontKey {
    /// The key as written.
    pub name: String,
    /// Line of the key (1-based).
    pub line: usize,
    /// Line just past the value (1-based; block lists span several lines): the next key's
    /// line, or the closing delimiter's line for the last key.
    pub end: usize,
}

/// The front matter block: `---` on line 1 and a closing `---` / `...` (YAML), or `+++` on
/// line 1 and a closing `+++` (TOML: Hugo, Zola).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Front {
    /// Line of the closing delimiter (1-based).
    pub close: usize,
    /// Top-level keys in order (in TOML also the keys of the `[extra]`, `[params]` and
    /// `[taxonomies]` tables, where Zola and Hugo keep a page's own fields).
    pub keys: Vec<FrontKey>,
    /// Whether the block is TOML.
    pub toml: bool,
    /// In TOML, the line of the first table header (`[extra]`; 1-based). The closing line when
    /// there is none.
    pub tables: usize,
    /// In TOML, the line of the `[extra]` or `[params]` header (1-based), where a page's own
    /// fields are kept.
    pub fields: Option<usize>,
}

impl Front {
    /// Where a new status key goes (1-based line to insert at): right after the opening
    /// delimiter, or after the `[extra]`/`[params]` header of TOML that keeps its fields there.
    pub fn status_at(&self) -> usize {
        self.fields.map_or(2, |h| h + 1)
    }

    /// Where a new TOML key goes (1-based line to insert at): after the `[extra]`/`[params]`
    /// header when the file keeps its own fields there (Zola allows no others at the top
    /// level), else with the top-level keys, before the first table.
    pub fn new_key_at(&self) -> usize {
        self.fields.map_or(self.tables, |h| h + 1)
    }
}

impl Front {
    /// The key named `name` (case-insensitive).
    pub fn key(&self, name: &str) -> Option<&FrontKey> {
        self.keys.iter().find(|k| k.name.eq_ignore_ascii_case(name))
    }
}

/// A Markdown heading outside code: ATX (`## Text`) or setext (`Text` over `====` or `----`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    /// Line of the heading (1-based): its text.
    pub line: usize,
    /// The line of a setext heading's underline (1-based); `None` for an ATX heading.
    pub underline: Option<usize>,
    /// 1 for `#`, 2 for `##`…
    pub level: usize,
    /// The heading text, trimmed.
    pub text: String,
}

/// Where the status is written; each variant holds the line (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// The checked item of a task list in the Status section (`- [ ] Proposed` /
    /// `- [x] Accepted`): (1-based line of the checked item, first and last line of the list).
    Checked(usize, usize, usize),
    /// The latest entry of a dated status log in the Status section — a list
    /// (`- 2021-01-04: Proposed`, `- Accepted (2021-02-01)`) or a table with `Date` and
    /// `Status` columns: (1-based line of that entry, first and last line of the log; a
    /// table's first line is its header row).
    Logged(usize, usize, usize),
}

impl Layout {
    /// Whether the file's front matter is TOML (`+++`).
    pub fn toml_front(&self) -> bool {
        self.front.as_ref().is_some_and(|f| f.toml)
    }
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
            | StatusAt::Table(l, _)
            | StatusAt::Checked(l, _, _)
            | StatusAt::Logged(l, _, _) => l,
        }
    }
}

/// A section: its heading's lines and the line just past its end (all 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// The heading's first line (1-based): its text.
    pub starts: usize,
    /// The heading's last line (1-based): its text, or a setext heading's underline; the
    /// section's content follows it.
    pub heading: usize,
    /// Line just past the last line of the section (1-based): the next heading of its level
    /// or higher, or [`Layout::last_line`] + 1 when the section runs to the end of the file.
    pub end: usize,
}

/// Where everything is written in a file; what edits work from. Every line number in it counts
/// from 1 (line 1 is the first line of the file); read a line with [`Layout::line_at`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Layout {
    /// Line spans, indexed by line number − 1 (`lines[0]` is line 1); read a line with
    /// [`Layout::line_at`]. (Not in the parse cache: [`lines::spans`] of the text gives them
    /// back.)
    #[serde(skip)]
    pub lines: Vec<Span>,
    /// The line ending new lines get.
    /// (Not in the parse cache: [`lines::dominant_eol`] of `lines` gives it back.)
    #[serde(skip)]
    pub eol: &'static str,
    /// Byte length of a leading BOM (0 or 3).
    pub bom: usize,
    /// The front matter, if any.
    pub front: Option<Front>,
    /// First line of the Markdown body (1-based): 1, or the line after the front matter
    /// (`last_line() + 1` when nothing follows it).
    pub body_start: usize,
    /// Per line, indexed by line number − 1: inside front matter or a fenced code block
    /// (never metadata). Ask [`Layout::is_code`] with a line number. (In the parse cache as
    /// the lengths of its runs.)
    #[serde(with = "lines::runs")]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
        governs: Vec::new(),
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
    governs::read_governs(text, &layout, front_pod.as_ref(), &mut adr);
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

#[cfg(test)]
mod tests;
