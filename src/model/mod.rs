//! The ADR data model: pure data, no I/O.

pub mod name;
mod path;
mod relation_kind;

pub use path::RepoPath;
pub use relation_kind::RelationKind;
use serde::Serialize;
use std::fmt;

/// On-disk format of an ADR, as reported in `list --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// adr-tools / Nygard: no front matter, `## Status` section or `Status:` line.
    Nygard,
    /// MADR 2/3/4 and log4brains: YAML front matter or `- Status:` bullets.
    Madr,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Nygard => "nygard",
            Format::Madr => "madr",
        })
    }
}

/// A reference to another ADR, as written in a file, before it is resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RawRef {
    /// The reference exactly as written (`ADR-0007`, `0007-use-x.md`, a link's text…).
    pub written: String,
    /// The file name a Markdown link points at (`0007-use-x.md`), if any.
    pub file: Option<String>,
    /// The ADR number the reference names, if it names one.
    pub number: Option<u32>,
    /// For a Markdown link: its target exactly as written (`./0007-use-x.md#why`, an URL).
    pub link: Option<String>,
    /// For a link to a file of this repository: that file's path from the root
    /// (`docs/adr/0007-use-x.md`), set when the ADRs are loaded. A link with a path resolves by
    /// it alone, never by a number.
    pub path: Option<RepoPath>,
}

impl RawRef {
    /// Parses a bare reference: `7`, `0007`, `ADR-7`, `ADR 0007`, a file name, or a slug id.
    pub fn bare(text: &str) -> RawRef {
        let t = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let file = if t.ends_with(".md") || t.contains('/') {
            Some(file_name_of(t))
        } else {
            None
        };
        let number = if file.is_some() {
            file.as_deref()
                .and_then(|f| name::parse_file_name(f).number)
        } else {
            number_in_ref(t)
        };
        RawRef {
            written: t.to_string(),
            file,
            number,
            link: None,
            path: None,
        }
    }

    /// A Markdown link `[text](target)`: the target decides, the text is a fallback.
    pub fn link(text: &str, target: &str) -> RawRef {
        let full = target.trim();
        let target = full.split(['#', '?']).next().unwrap_or(full);
        let (file, number) = if target.is_empty() || target.contains("://") {
            (None, number_in_ref(text))
        } else {
            let f = percent_decode(&file_name_of(target));
            let n = name::parse_file_name(&f).number;
            (Some(f), n.or_else(|| number_in_ref(text)))
        };
        RawRef {
            written: target.to_string(),
            file,
            number,
            link: Some(full.to_string()),
            path: None,
        }
    }
}

/// `%20` → ` ` (links to files with spaces); anything malformed stays as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn file_name_of(path: &str) -> String {
    let p = path.trim().trim_start_matches("./");
    p.rsplit('/').next().unwrap_or(p).to_string()
}

/// The number a reference text names: `7`, `0007`, `ADR-7`, `ADR 0007`, `ADR-0007: Title`,
/// `7. Title` (adr-tools link text).
pub fn number_in_ref(text: &str) -> Option<u32> {
    let t = text.trim();
    let rest = strip_prefix_ci(t, "adr")
        .map(|r| r.trim_start_matches(['-', ' ', '_', '#']))
        .unwrap_or(t);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let after = &rest[digits.len()..];
    // "7", "0007", "7. Title", "ADR-7: Title": the digits must stand alone.
    if after.is_empty() || after.starts_with(['.', ':', ' ', ')', ',']) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Case-insensitive `strip_prefix` for ASCII prefixes.
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        Some(&s[prefix.len()..])
    } else {
        None
    }
}

/// A relation from one ADR to another, as read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Relation {
    /// `supersedes`, `superseded-by`, `amends`, `relates-to`, or a configured one.
    pub kind: RelationKind,
    /// The other ADR, as written.
    pub target: RawRef,
    /// 1-based line where the relation is written.
    pub line: usize,
}

/// A path glob a decision governs (`governs: ["services/orders/**"]`, a `## Governs` bullet),
/// as read from its file: relative to the repository root, `*` stays inside a directory, `**`
/// crosses directories, a glob without metacharacters or ending in `/` also governs everything
/// under the directory it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Governs {
    /// The glob as written (without quotes or backticks).
    pub glob: String,
    /// 1-based line it is written on.
    pub line: usize,
}

/// One Architecture Decision Record, as read from its file.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Adr {
    /// The number as written in the file name (`0004`), or the file stem when unnumbered;
    /// qualified by the source (`payments/0004`) in a repository with several sources.
    pub id: String,
    /// The source (ADR directory) the ADR belongs to, in a repository with several; `None`
    /// in a repository with one.
    pub source: Option<String>,
    /// The number from the file name; `None` for slug-named files.
    pub number: Option<u32>,
    /// Path relative to the repository root.
    pub path: RepoPath,
    /// The file name (`0004-dns.md`).
    pub file_name: String,
    /// The title, without a leading `N. ` / `ADR-N: `.
    pub title: Option<String>,
    /// 1-based line of the title.
    pub title_line: Option<usize>,
    /// Normalized status (lower case, decoration dropped).
    pub status: Option<String>,
    /// The status as written in the file.
    pub status_text: Option<String>,
    /// 1-based line of the status.
    pub status_line: Option<usize>,
    /// The date as written in the file.
    pub date_text: Option<String>,
    /// The date, when the file's date is a valid ISO date.
    pub date: Option<chrono::NaiveDate>,
    /// 1-based line of the date.
    pub date_line: Option<usize>,
    /// Format of the file.
    pub format: Format,
    /// `decision-makers` / `deciders`.
    pub decision_makers: Vec<String>,
    /// `consulted`.
    pub consulted: Vec<String>,
    /// `informed`.
    pub informed: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// Relations to other ADRs, in file order.
    pub relations: Vec<Relation>,
    /// The paths the decision is about (`governs`), as git-style globs, in file order.
    pub governs: Vec<Governs>,
    /// Problems met while reading (bad front matter, bad encoding…), with 1-based lines.
    pub problems: Vec<Problem>,
    /// The Markdown body after any front matter.
    pub body: String,
}

impl Adr {
    /// The id within its source: `0004` for `payments/0004` (the id itself with one source).
    pub fn local_id(&self) -> &str {
        self.source
            .as_deref()
            .and_then(|s| self.id.strip_prefix(s))
            .and_then(|x| x.strip_prefix('/'))
            .unwrap_or(&self.id)
    }
}

/// What kind of problem a file has; `check` maps each kind to the rule that reports it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The YAML front matter does not parse.
    InvalidFrontMatter,
    /// The file cannot be read as an ADR (binary, too large, a link out of the repository…).
    UnreadableFile,
    /// The file is not valid UTF-8 (read lossily).
    InvalidEncoding,
    /// The file name is not valid UTF-8.
    InvalidFileName,
}

/// A problem in one file, found while reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// Path relative to the repository root.
    pub path: RepoPath,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Status words adrgov knows without configuration; the configured set adds to them.
pub const KNOWN_STATUSES: [&str; 15] = [
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "implemented",
    "approved",
    "draft",
    "adopted",
    "withdrawn",
    "obsolete",
    "retired",
    "pending",
    "in progress",
    "on hold",
];

/// Words that qualify a status term and stay part of it (`Partially Implemented`).
const STATUS_MODIFIERS: [&str; 2] = ["partially", "partly"];

/// Removes what decorates a status or a metadata value without being part of it: emoji (with or
/// without the variation selector), `:shortcode:`s, emphasis and code marks (`*`, `_`, `` ` ``,
/// `~`), template braces (`{accepted}`) and leading blockquote markers (`>`). Non-ASCII spaces
/// (a no-break space) become plain spaces. Struck-through text (`~~Proposed~~ Accepted`) is
/// dropped, unless nothing else is left.
pub fn strip_decoration(text: &str) -> String {
    let out = strip_decoration_with(text, true);
    if out.chars().any(char::is_alphanumeric) {
        out
    } else {
        strip_decoration_with(text, false)
    }
}

fn strip_decoration_with(text: &str, drop_struck: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim_start().trim_start_matches(['>', ' ', '\t']);
    while let Some(c) = rest.chars().next() {
        if c == ':'
            && !out.ends_with(|p: char| p.is_alphanumeric())
            && let Some(end) = rest[1..].find(':')
            && end > 0
            && rest[1..=end].chars().any(|c| c.is_ascii_alphabetic())
            && rest[1..=end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        {
            // `:white_check_mark:`
            rest = &rest[end + 2..];
            continue;
        }
        if drop_struck
            && let Some(struck) = rest.strip_prefix("~~")
            && let Some(end) = struck.find("~~")
        {
            // `~~Proposed~~ Accepted`: struck-through text is what the status no longer is.
            rest = &struck[end + 2..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '*' | '`' | '_' | '~' | '{' | '}' => {}
            c if c.is_whitespace() => out.push(' '),
            '–' | '—' | '→' | '‘' | '’' | '“' | '”' | '…' => out.push(c),
            c if !c.is_ascii() && !c.is_alphanumeric() => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Splits `s` at `seps` found outside brackets (`[..]`, `(..)`, `<..>`); a `.` separates only
/// when followed by a space or the end (`v0.1.0` is one word).
pub fn split_top_level<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    // Byte by byte: brackets are ASCII, and a separator starts with an ASCII or a leading
    // byte, never with a UTF-8 continuation byte, so it is only found on a char boundary.
    let mut starts = [false; 256];
    for sep in seps {
        if let Some(&b) = sep.as_bytes().first() {
            starts[usize::from(b)] = true;
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'[' | b'(' | b'<' => depth += 1,
            b']' | b')' | b'>' if depth > 0 => depth -= 1,
            _ => {}
        }
        if depth == 0
            && starts[usize::from(b)]
            && let Some(sep) = seps.iter().find(|sep| {
                let rest = &s[i..];
                rest.starts_with(**sep)
                    && (**sep != "."
                        || rest[1..].is_empty()
                        || rest[1..].starts_with(char::is_whitespace))
            })
        {
            out.push(&s[start..i]);
            i += sep.len();
            start = i;
            continue;
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

/// Separators that end a sentence or a clause of a free-text status.
pub const CLAUSE_SEPARATORS: [&str; 8] = [";", ".", "->", "→", " — ", " – ", "\n", "!"];

/// Normalizes a status for matching and output.
///
/// The rule, for every way teams write a status:
/// 1. Decoration is dropped ([`strip_decoration`]: emoji, `:shortcode:`, emphasis, backticks,
///    braces, a blockquote marker) and the text is lower-cased.
/// 2. A status that says the decision was replaced as a whole — a sentence or clause (also
///    after a comma) that *starts* with `superseded by` (`Superseded by [..]`, `Implemented. Superseded by ADR-13`)
///    — is `superseded`. `Parts of this ADR were superseded by …` is not (it is partial).
/// 3. Otherwise the status is the *leading status term*: when the text starts with a known
///    status ([`KNOWN_STATUSES`] plus `known`, the configured set), optionally after
///    `partially`/`partly`, that term alone (`Accepted, Implemented` → `accepted`,
///    `Implemented in <url>` → `implemented`, `Approved/Merged` → `approved`). The rest is a
///    remark, kept only in `status_text`.
/// 4. An unknown status keeps its leading clause: the text up to the first `,` `;` `/` `(`
///    `[` `<` `->` ` - ` or sentence end (`On hold (waiting)` → `on hold`).
///
/// Returns `None` when nothing is left (`...`, an empty value).
pub fn normalize_status_with(text: &str, known: &[String]) -> Option<String> {
    // Most statuses are one known word (`Accepted`): the answer of the rules below, at once.
    let word = text.trim();
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()) {
        let lower = word.to_ascii_lowercase();
        if KNOWN_STATUSES.contains(&lower.as_str())
            || known.iter().any(|k| k.eq_ignore_ascii_case(word))
        {
            return Some(lower);
        }
    }
    let s = strip_decoration(text).to_lowercase();
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let clauses = split_top_level(s, &CLAUSE_SEPARATORS)
        .into_iter()
        .flat_map(|c| split_top_level(c, &[","]));
    let superseded = clauses.into_iter().any(|c| {
        let c = c.trim_start_matches(|c: char| !c.is_alphanumeric());
        [
            "superseded by",
            "superceded by",
            "superseeded by",
            "replaced by",
        ]
        .iter()
        .any(|p| c.starts_with(p))
    });
    if superseded {
        return Some("superseded".to_string());
    }
    let lead = split_top_level(
        s,
        &[
            ",", ";", ".", "/", "(", "[", "<", "->", "→", " - ", " – ", " — ", ":", "!", "?", "\n",
        ],
    )
    .into_iter()
    .next()
    .unwrap_or("");
    let words: Vec<&str> = lead.split_whitespace().collect();
    let (modifier, terms) = match words.first() {
        Some(w) if STATUS_MODIFIERS.contains(w) => (Some(*w), &words[1..]),
        _ => (None, &words[..]),
    };
    let mut best: Option<usize> = None;
    let mut consider = |k: &str| {
        // How many leading terms the words of `k` match, when they all do.
        let mut n = 0;
        for w in k.split_whitespace() {
            if terms.get(n) != Some(&w) {
                return;
            }
            n += 1;
        }
        if n > 0 && best.is_none_or(|b| n > b) {
            best = Some(n);
        }
    };
    for k in KNOWN_STATUSES {
        consider(k);
    }
    for k in known {
        if k.chars().any(char::is_uppercase) {
            consider(&k.to_lowercase());
        } else {
            consider(k);
        }
    }
    let collapsed = match best {
        Some(n) => modifier
            .into_iter()
            .chain(terms[..n].iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
        None => words.join(" "),
    };
    let collapsed = collapsed.trim_matches(|c: char| !c.is_alphanumeric());
    if collapsed.is_empty() {
        None
    } else {
        Some(collapsed.to_string())
    }
}

/// [`normalize_status_with`] with only the built-in status words.
pub fn normalize_status(text: &str) -> Option<String> {
    normalize_status_with(text, &[])
}

/// The default set of statuses.
pub const DEFAULT_STATUSES: [&str; 5] = [
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_normalization() {
        assert_eq!(
            normalize_status("✅ Accepted (documenting an existing thing)").as_deref(),
            Some("accepted")
        );
        assert_eq!(normalize_status("Proposed.").as_deref(), Some("proposed"));
        assert_eq!(normalize_status("PROPOSED").as_deref(), Some("proposed"));
        assert_eq!(
            normalize_status("**Accepted**").as_deref(),
            Some("accepted")
        );
        assert_eq!(normalize_status("⌛️ Proposed").as_deref(), Some("proposed"));
        assert_eq!(normalize_status("on hold").as_deref(), Some("on hold"));
        assert_eq!(
            normalize_status("Superseded by [DNS Infrastructure](0015-dns-infrastructure.md)")
                .as_deref(),
            Some("superseded")
        );
        assert_eq!(
            normalize_status("superseded by ADR-0007").as_deref(),
            Some("superseded")
        );
        assert_eq!(normalize_status("  ").as_deref(), None);
        assert_eq!(
            normalize_status("Partly superseded").as_deref(),
            Some("partly superseded")
        );
    }

    #[test]
    fn leading_status_term() {
        for (written, status) in [
            ("Accepted, Implemented", Some("accepted")),
            ("Accepted and applied in v7.1 of ibc-go", Some("accepted")),
            (
                "*Accepted and applied in v0.1.0 of 08-wasm*",
                Some("accepted"),
            ),
            (
                "Implemented in <https://github.com/o/r/pull/893>",
                Some("implemented"),
            ),
            (
                "Implemented. Superseded by [ADR-013](./adr-013-x.md).",
                Some("superseded"),
            ),
            (
                "Implemented. Parts of this ADR were superseded by [ADR-020](x.md)",
                Some("implemented"),
            ),
            (
                "Deprecated in favor of [r#66](https://x/pull/66)",
                Some("deprecated"),
            ),
            ("Accepted -> Does not affect the spec", Some("accepted")),
            ("Approved/Merged", Some("approved")),
            ("Adopted.", Some("adopted")),
            ("DRAFT", Some("draft")),
            ("In progress", Some("in progress")),
            ("Partially Implemented", Some("partially implemented")),
            ("accepted; supersedes ADR-0031", Some("accepted")),
            ("Superseded by ADR-12 on 2021-03-04", Some("superseded")),
            (
                "⌛️ Superseded by [041. Queues](041-queues.md)",
                Some("superseded"),
            ),
            ("✔️ Accepted", Some("accepted")),
            (":white_check_mark: Accepted", Some("accepted")),
            ("> Accepted", Some("accepted")),
            ("{accepted}", Some("accepted")),
            ("`proposed`", Some("proposed")),
            ("Not accepted", Some("not accepted")),
            ("On hold (waiting for budget)", Some("on hold")),
            ("Waiting for review, see PR", Some("waiting for review")),
            ("...", None),
            ("✅", None),
        ] {
            assert_eq!(normalize_status(written).as_deref(), status, "{written}");
        }
        // The configured set adds status words.
        let known = vec!["in review".to_string()];
        assert_eq!(
            normalize_status_with("In review since May", &known).as_deref(),
            Some("in review")
        );
        assert_eq!(
            normalize_status("In review since May").as_deref(),
            Some("in review since may")
        );
    }

    #[test]
    fn decoration() {
        assert_eq!(
            strip_decoration("> ⌛️ **Done** :tada: `x` {y}"),
            "Done  x y"
        );
        assert_eq!(strip_decoration("a\u{a0}b — c"), "a b — c");
        assert_eq!(strip_decoration("ratio 1:2:3"), "ratio 1:2:3");
        assert_eq!(strip_decoration("at 10:30:00"), "at 10:30:00");
    }

    #[test]
    fn reference_numbers() {
        assert_eq!(number_in_ref("7"), Some(7));
        assert_eq!(number_in_ref("0007"), Some(7));
        assert_eq!(number_in_ref("ADR-7"), Some(7));
        assert_eq!(number_in_ref("ADR-0007"), Some(7));
        assert_eq!(number_in_ref("adr 12"), Some(12));
        assert_eq!(number_in_ref("10. Terraform directory structure"), Some(10));
        assert_eq!(number_in_ref("DNS Infrastructure"), None);
        assert_eq!(number_in_ref("2fa"), None);
        assert_eq!(RawRef::bare("0007-use-x.md").number, Some(7));
        assert_eq!(
            RawRef::link("x", "./0015-dns-infrastructure.md#top")
                .file
                .as_deref(),
            Some("0015-dns-infrastructure.md")
        );
    }
}
