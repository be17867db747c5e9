//! Finding the ADR directory by content, when no configuration and no conventional directory
//! names it: the repository's tracked Markdown files (the git index; the work tree without
//! git) grouped by directory, each directory judged by its numbered or dated files (any file,
//! in a directory named for ADRs) with ADR structure (a status in any dialect, Context / Decision / Consequences sections, front
//! matter with `status`). Also what, inside the ADR directory, is an ADR: sub-directories whose
//! files look like ADRs, and templates known by their placeholders.

use super::git::Git;
use crate::parse::name;
use std::collections::BTreeMap;
use std::path::Path;

/// Directories never searched: vendored code, dependencies, build output, tool caches.
pub const SKIP_DIRS: [&str; 28] = [
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "jspm_packages",
    "vendor",
    "vendors",
    "third_party",
    "third-party",
    "thirdparty",
    "external",
    "target",
    "dist",
    "build",
    "out",
    "_build",
    "site-packages",
    ".venv",
    "venv",
    ".tox",
    "__pycache__",
    ".cache",
    ".next",
    ".nuxt",
    ".gradle",
    "Pods",
    ".yarn",
];

/// Largest file read while searching (larger files are not ADRs worth guessing about).
const MAX_SCAN_BYTES: u64 = 1024 * 1024;
/// At most this many files of the work tree are looked at when there is no git.
const MAX_WALK: usize = 200_000;

/// Whether a directory with this name is never searched.
pub fn skipped(dir_name: &str) -> bool {
    SKIP_DIRS.contains(&dir_name)
}

/// What a file's text shows of ADR structure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signals {
    /// A status: `## Status`, `Status: x`, `- Status: x`, `| Status | x |`, front matter `status:`.
    pub status: bool,
    /// A Context (or Background, Problem) section.
    pub context: bool,
    /// A Decision section.
    pub decision: bool,
    /// A Consequences section.
    pub consequences: bool,
}

impl Signals {
    /// How many of the four the text has.
    pub fn count(self) -> usize {
        [self.status, self.context, self.decision, self.consequences]
            .iter()
            .filter(|&&b| b)
            .count()
    }

    /// At least two of status, Context, Decision, Consequences.
    pub fn is_adr(self) -> bool {
        self.count() >= 2
    }
}

/// Lines outside fenced code blocks, trimmed of the no-break spaces some editors put after `#`.
fn prose_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut fence: Option<&str> = None;
    // `str::lines`, with the line ends found by memchr.
    let mut rest = Some(text).filter(|t| !t.is_empty());
    let lines = std::iter::from_fn(move || {
        let t = rest?;
        match memchr::memchr(b'\n', t.as_bytes()) {
            Some(i) => {
                rest = Some(&t[i + 1..]).filter(|a| !a.is_empty());
                Some(t[..i].strip_suffix('\r').unwrap_or(&t[..i]))
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    });
    lines.filter(move |l| {
        let t = l.trim_start();
        for f in ["```", "~~~"] {
            if t.starts_with(f) {
                match fence {
                    Some(open) if open == f => fence = None,
                    None => fence = Some(f),
                    _ => {}
                }
                return false;
            }
        }
        fence.is_none()
    })
}

fn starts_ci(s: &str, word: &str) -> bool {
    crate::model::strip_prefix_ci(s, word).is_some()
}

/// The text of a heading line (`## 2. Context`), without marks, numbering and spaces.
fn heading_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.trim_start_matches('#');
    if rest.len() == t.len() || t.len() - rest.len() > 6 {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    Some(rest.trim_matches([' ', '\t', '\u{a0}', '*', '_']))
}

/// Reads the ADR structure of a Markdown text.
pub fn signals(text: &str) -> Signals {
    let mut s = Signals::default();
    let text = text.trim_start_matches('\u{feff}');
    let mut body = text;
    for (open, close, key) in [("---", "\n---", ':'), ("+++", "\n+++", '=')] {
        let Some(fm) = text
            .strip_prefix(open)
            .and_then(|t| t.strip_prefix('\n').or_else(|| t.strip_prefix("\r\n")))
        else {
            continue;
        };
        let end = fm.find(close).unwrap_or(0);
        // `status: x` (YAML), `status = "x"` (TOML).
        if fm[..end].lines().any(|l| {
            crate::model::strip_prefix_ci(l.trim(), "status")
                .is_some_and(|r| r.trim_start().starts_with(key))
        }) {
            s.status = true;
        }
        body = &fm[end..];
    }
    for line in prose_lines(body) {
        if let Some(h) = heading_text(line) {
            if starts_ci(h, "status") {
                s.status = true;
            } else if starts_ci(h, "context")
                || starts_ci(h, "background")
                || starts_ci(h, "problem")
            {
                s.context = true;
            } else if starts_ci(h, "decision") {
                s.decision = true;
            } else if starts_ci(h, "consequences") {
                s.consequences = true;
            }
            continue;
        }
        let t = line
            .trim_start()
            .trim_start_matches(['-', '*', '+', '|', '>', ' ', '\t'])
            .trim_start_matches(['*', '_']);
        if let Some(rest) = crate::model::strip_prefix_ci(t, "status") {
            let rest = rest.trim_start_matches(['*', '_', ' ', '\t']);
            if rest.starts_with([':', '|']) {
                s.status = true;
            }
        }
    }
    s
}

/// Whether `text` is a template: its title is a placeholder (`{title}`, `[short title of solved
/// problem]`, `TODO: Title`, `NUMBER. TITLE`), or three lines or more hold placeholders.
pub fn looks_like_template(text: &str) -> bool {
    let mut placeholders = 0;
    let mut seen_title = false;
    for line in prose_lines(text) {
        // Most lines are prose that cannot hold a placeholder: passed over without a copy.
        if seen_title && !may_hold_placeholder(line) {
            continue;
        }
        // Most lines have neither a backslash nor a code span: no copy of them.
        let line: std::borrow::Cow<'_, str> =
            if memchr::memchr2(b'\\', b'`', line.as_bytes()).is_some() {
                strip_code_spans(&line.replace('\\', "")).into()
            } else {
                std::borrow::Cow::Borrowed(line)
            };
        let line = line.trim();
        if !seen_title && line.starts_with("# ") {
            seen_title = true;
            if title_is_placeholder(line.trim_start_matches('#').trim()) {
                return true;
            }
        }
        if line_has_placeholder(line) {
            placeholders += 1;
        }
    }
    placeholders >= 3
}

/// Whether [`line_has_placeholder`] can hold for `line` (a quick test on every prose line):
/// it needs a brace or a bracket, a backslash or code span (both change the line first), or
/// to start with `TODO`, `DATE` or `STATUS`.
fn may_hold_placeholder(line: &str) -> bool {
    let b = line.as_bytes();
    if memchr::memchr3(b'{', b'[', b'\\', b).is_some() || memchr::memchr(b'`', b).is_some() {
        return true;
    }
    let t = line.trim().trim_start_matches(['#', '-', '*', '>', ' ']);
    starts_ci(t, "todo")
        || t.starts_with("DATE")
        || t.starts_with("STATUS")
        || t.starts_with("Date: DATE")
        || t.starts_with("Status: STATUS")
}

fn strip_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut inside = false;
    for c in line.chars() {
        if c == '`' {
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

fn title_is_placeholder(title: &str) -> bool {
    let t = title.trim();
    let upper_words = ["TITLE", "NUMBER. TITLE", "NUMBER TITLE", "ADR TITLE"];
    upper_words.contains(&t)
        || t.eq_ignore_ascii_case("title")
        || t.eq_ignore_ascii_case("adr template")
        || t.eq_ignore_ascii_case("template")
        || starts_ci(t, "todo")
        || has_brace_placeholder(t)
        || (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('<') && t.ends_with('>'))
}

/// `{title}`, `{{ number }}`, `{ADR-NUMBER}`: a short word-like text in braces.
fn has_brace_placeholder(line: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find('{') {
        let after = rest[i..].trim_start_matches('{');
        let Some(j) = after.find('}') else {
            return false;
        };
        let inner = after[..j].trim();
        if !inner.is_empty()
            && inner.len() <= 80
            && inner.chars().any(char::is_alphabetic)
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || " -_.,|/…'()".contains(c))
        {
            return true;
        }
        rest = &after[j..];
    }
    false
}

/// `[short title of solved problem and solution]` alone on a line (not a link, not a check
/// box), `TODO: …`, a brace placeholder, or adr-tools' `DATE` / `STATUS`.
fn line_has_placeholder(line: &str) -> bool {
    let t = line
        .trim_start_matches(['#', '-', '*', '>', ' '])
        .trim_end_matches(['.', ' ']);
    if has_brace_placeholder(t) || starts_ci(t, "todo:") || starts_ci(t, "todo ") {
        return true;
    }
    if matches!(t, "DATE" | "STATUS" | "Date: DATE" | "Status: STATUS") {
        return true;
    }
    let bracketed = t
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .filter(|x| !x.contains(']') && !x.contains('['));
    bracketed.is_some_and(|x| x.trim().contains(' ') && x.chars().any(char::is_alphabetic))
}

/// Whether a Markdown file name is read at all.
pub fn is_markdown(name: &str) -> bool {
    name::markdown_stem(name).is_some()
}

/// Whether a directory name says ADRs (`ADR`, `adrs`, `.adr`, `decisions`,
/// `decision-records`, `architecture-decision-records`), in any case.
pub fn adr_dir_name(dir: &str) -> bool {
    let last = dir.rsplit('/').next().unwrap_or(dir).to_lowercase();
    let last = last.trim_start_matches('.');
    matches!(
        last,
        "adr" | "adrs" | "decisions" | "decision-records" | "decision_records" | "records"
    ) || last.starts_with("architecture-decision")
        || last.starts_with("architecture_decision")
        || last.starts_with("architectural-decision")
        || last == "architecture"
}

/// Where the search read the repository's files from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// The git index (tracked files).
    Index,
    /// The work tree (no git, or an empty index).
    WorkTree,
}

/// A directory whose files look like ADRs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// From the root, `/`-separated (`.` for the root).
    pub dir: String,
    /// Markdown files with ADR structure: numbered or dated ones, and any in a directory named
    /// like ADRs.
    pub adrs: usize,
    /// How many of those are numbered or dated.
    pub numbered: usize,
    /// Whether some of those names are dated rather than numbered.
    pub dated: bool,
    /// Files judged (numbered or dated, or any in a named directory; not templates).
    pub considered: usize,
    /// How many of the ADR files show each signal.
    pub status: usize,
    /// … a Context section.
    pub context: usize,
    /// … a Decision section.
    pub decision: usize,
    /// … a Consequences section.
    pub consequences: usize,
    /// The directory's name says ADRs.
    pub named: bool,
}

impl Candidate {
    /// `docs/adr (12 ADR files)`, as the discovery notes name a candidate.
    pub fn described(&self) -> String {
        format!(
            "{} ({} ADR file{})",
            self.dir,
            self.adrs,
            if self.adrs == 1 { "" } else { "s" }
        )
    }
}

impl Candidate {
    /// `15 numbered Markdown files with ADR structure: status, Context, Decision`.
    pub fn why(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.status, "status"),
            (self.context, "Context"),
            (self.decision, "Decision"),
            (self.consequences, "Consequences"),
        ] {
            if n * 2 >= self.adrs && n > 0 {
                parts.push(what);
            }
        }
        let (n, kind, tail) = if self.numbered > 0 {
            (
                self.numbered,
                if self.dated {
                    "numbered or dated "
                } else {
                    "numbered "
                },
                "",
            )
        } else {
            (self.adrs, "", "; the directory's name says ADRs")
        };
        format!(
            "{n} {kind}Markdown file{} with ADR structure: {}{tail}",
            if n == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// What the search found and where it looked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Where the files were listed from.
    pub area: Area,
    /// Markdown files looked at (outside skipped directories).
    pub markdown: usize,
    /// Directories holding them.
    pub dirs: usize,
    /// Candidates, best first.
    pub candidates: Vec<Candidate>,
}

impl Scan {
    /// The directory taken.
    pub fn best(&self) -> Option<&Candidate> {
        self.candidates.first()
    }

    /// `the 4000 Markdown files in 120 directories of the git index`.
    pub fn looked(&self) -> String {
        format!(
            "{} Markdown file{} in {} director{} of {}",
            self.markdown,
            if self.markdown == 1 { "" } else { "s" },
            self.dirs,
            if self.dirs == 1 { "y" } else { "ies" },
            match self.area {
                Area::Index => "the git index",
                Area::WorkTree => "the work tree",
            }
        )
    }

    /// The note said when the directory was found by content.
    pub fn notes(&self) -> Vec<String> {
        let Some(best) = self.best() else {
            return Vec::new();
        };
        let mut out = vec![format!(
            "note: using {} as the ADR directory ({}); pin it with `[adr] dir = \"{}\"` in adrgov.toml",
            best.dir,
            best.why(),
            best.dir
        )];
        if self.candidates.len() > 1 {
            let others: Vec<String> = self.candidates[1..]
                .iter()
                .map(Candidate::described)
                .collect();
            out.push(format!("note: other candidates: {}", others.join(", ")));
        }
        out
    }
}

/// The Markdown files of the repository at `root`, `/`-separated from the root, with where
/// they were listed from.
fn markdown_files(root: &Path, git: Option<&Git>) -> (Area, Vec<String>) {
    if let Some(files) = index_files(root, git)
        && !files.is_empty()
    {
        return (Area::Index, files);
    }
    (Area::WorkTree, walk_files(root))
}

fn keep(rel: &str) -> bool {
    let mut parts = rel.split('/');
    let Some(file) = parts.next_back() else {
        return false;
    };
    is_markdown(file) && !rel.split('/').rev().skip(1).any(skipped)
}

fn index_files(root: &Path, git: Option<&Git>) -> Option<Vec<String>> {
    let git = git?;
    let prefix = git.prefix_of(root)?;
    if let Some(all) = super::git::read_index_paths(git.git_dir()) {
        return Some(under_prefix(all, &prefix));
    }
    git.with(|repo| {
        let index = repo.index().ok()?;
        Some(index_paths(&index, &prefix))
    })
}

/// The paths of `all` under `prefix` (`""` for all), relative to it.
fn under_prefix(all: Vec<String>, prefix: &str) -> Vec<String> {
    if prefix.is_empty() {
        return all;
    }
    all.into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(prefix)?.strip_prefix('/')?;
            Some(rel.to_string())
        })
        .collect()
}

/// The paths of `index` under `prefix` (`/`-separated, `""` for all), relative to it.
fn index_paths(index: &git2::Index, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in index.iter() {
        let Ok(path) = std::str::from_utf8(&e.path) else {
            continue;
        };
        let rel = if prefix.is_empty() {
            path
        } else {
            match path.strip_prefix(prefix).and_then(|p| p.strip_prefix('/')) {
                Some(p) => p,
                None => continue,
            }
        };
        out.push(rel.to_string());
    }
    out
}

fn walk_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            seen += 1;
            if seen > MAX_WALK {
                return out;
            }
            let Ok(ft) = e.file_type() else { continue };
            let Some(n) = e.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let r = if rel.is_empty() {
                n.clone()
            } else {
                format!("{rel}/{n}")
            };
            if ft.is_dir() {
                if !skipped(&n) {
                    stack.push((e.path(), r));
                }
            } else if ft.is_file() {
                out.push(r);
            }
        }
    }
    out
}

fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SCAN_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Judges the Markdown files `names` of directory `dir` (from `root`).
fn judge(root: &Path, dir: &str, names: &[&str]) -> Option<Candidate> {
    let named = adr_dir_name(dir);
    let mut c = Candidate {
        dir: dir.to_string(),
        adrs: 0,
        dated: false,
        numbered: 0,
        considered: 0,
        status: 0,
        context: 0,
        decision: 0,
        consequences: 0,
        named,
    };
    for n in names {
        let numbered = name::is_numbered_or_dated(n);
        // In a directory named like ADRs (`decision-records/`), slug names count too.
        if name::is_excluded(n) || !(numbered || named) {
            continue;
        }
        let path = if dir == "." {
            root.join(n)
        } else {
            root.join(dir).join(n)
        };
        let text = read_small(&path);
        if text.as_deref().is_some_and(looks_like_template) {
            continue;
        }
        c.considered += 1;
        let Some(text) = text else {
            continue;
        };
        let s = signals(&text);
        if !s.is_adr() {
            continue;
        }
        c.adrs += 1;
        if numbered {
            c.numbered += 1;
            c.dated |= name::parse_file_name(n).number.is_none();
        }
        c.status += usize::from(s.status);
        c.context += usize::from(s.context);
        c.decision += usize::from(s.decision);
        c.consequences += usize::from(s.consequences);
    }
    // Most of the numbered files must be ADRs: a folder of numbered chapters where one
    // chapter talks of a decision is not an ADR directory.
    (c.adrs > 0 && c.adrs * 2 >= c.considered).then_some(c)
}

/// Searches the repository at `root` for directories of ADRs, best first: most ADR files,
/// then a name that says ADRs, then the shallower, then by path. `git` is the repository
/// holding `root`: its index lists the files (without one, the work tree is walked).
pub fn scan(root: &Path, git: Option<&Git>) -> Scan {
    scan_where(root, git, |_| true)
}

/// The search beside a conventional ADR directory `dir` (`docs/adr`): only directories named
/// for ADRs outside it are judged (the monorepo's `services/payments/docs/adr`), so the cost
/// is listing the files, plus reading the few directories with such a name.
pub fn scan_beside(root: &Path, git: Option<&Git>, dir: &str) -> Scan {
    scan_where(root, git, |d| {
        adr_dir_name(d) && d != dir && !inside(d, dir) && !inside(dir, d)
    })
}

/// The search, judging only the directories `judged` accepts.
fn scan_where(root: &Path, git: Option<&Git>, judged: impl Fn(&str) -> bool) -> Scan {
    let (area, files) = markdown_files(root, git);
    let mut by_dir: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut markdown = 0;
    // The index lists a directory's files together: its verdict is asked once per run.
    let mut last: Option<(&str, bool)> = None;
    for f in &files {
        let (dir, file) = f.rsplit_once('/').unwrap_or((".", f.as_str()));
        if !is_markdown(file) {
            continue;
        }
        let skip = match last {
            Some((d, skip)) if d == dir => skip,
            _ => {
                let skip = !keep(f);
                last = Some((dir, skip));
                skip
            }
        };
        if skip {
            continue;
        }
        markdown += 1;
        by_dir.entry(dir).or_default().push(file);
    }
    let dirs = by_dir.len();
    let mut candidates: Vec<Candidate> = by_dir
        .iter()
        .filter(|(d, _)| judged(d))
        .filter_map(|(d, names)| judge(root, d, names))
        .collect();
    candidates.sort_by(|a, b| {
        (b.adrs, b.named, depth(&a.dir), &a.dir).cmp(&(a.adrs, a.named, depth(&b.dir), &b.dir))
    });
    // A candidate inside a better one is one of its sub-directories, not another choice.
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        if !kept.iter().any(|k| k.dir != "." && inside(&c.dir, &k.dir)) {
            kept.push(c);
        }
    }
    Scan {
        area,
        markdown,
        dirs,
        candidates: kept,
    }
}

/// How many segments `dir` has (`.` has none).
fn depth(dir: &str) -> usize {
    if dir == "." {
        0
    } else {
        dir.matches('/').count() + 1
    }
}

/// Whether `dir` is a sub-directory of `of` (at any depth; everything is inside `.`).
fn inside(dir: &str, of: &str) -> bool {
    dir != of && (of == "." || dir.strip_prefix(of).is_some_and(|r| r.starts_with('/')))
}

/// Path segments under which ADR-shaped files are samples, not a team's decisions: test
/// fixtures, examples, templates, demos.
const DECOY_SEGMENTS: [&str; 14] = [
    "test",
    "tests",
    "testdata",
    "test-data",
    "fixtures",
    "__fixtures__",
    "example",
    "examples",
    "sample",
    "samples",
    "template",
    "templates",
    "demo",
    "demos",
];

/// Whether a directory found by content is enough of an ADR directory to be one source of
/// several: two ADR files at least (a single stray numbered file is not), and not under a
/// test, example or template directory.
pub fn source_worthy(c: &Candidate) -> bool {
    c.adrs >= 2
        && !c
            .dir
            .split('/')
            .any(|s| DECOY_SEGMENTS.iter().any(|d| s.eq_ignore_ascii_case(d)))
}

impl Scan {
    /// The directories that become sources, in the search's order: every source-worthy
    /// candidate not inside another one (the outer directory reads its sub-directories).
    pub fn source_dirs(&self) -> Vec<&str> {
        let worthy: Vec<&str> = self
            .candidates
            .iter()
            .filter(|c| source_worthy(c))
            .map(|c| c.dir.as_str())
            .collect();
        worthy
            .iter()
            .filter(|d| !worthy.iter().any(|o| inside(d, o)))
            .copied()
            .collect()
    }
}

/// The names of the sources at `dirs` (distinct directories, `/`-separated from the root):
/// each directory's trailing segments that only say "documentation" or "decisions" (`docs`,
/// `doc`, `adr`, `decisions`, …) are dropped, then the trailing segments every directory still
/// shares (each keeps one segment at least), then each is named by its shortest trailing run of the remaining
/// segments that no other directory ends with, joined by `-` (a `/` would read as an id's
/// qualifier); a directory every run of which another ends with keeps all its remaining
/// segments. `services/payments/docs/adr` and `services/orders/docs/adr` are `payments` and
/// `orders`.
pub fn source_names(dirs: &[&str]) -> Vec<String> {
    let segs: Vec<Vec<&str>> = dirs
        .iter()
        .map(|d| {
            let mut v: Vec<&str> = d
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .collect();
            while v.len() > 1 && v.last().is_some_and(|s| generic_segment(s)) {
                v.pop();
            }
            v
        })
        .collect();
    let whole: Vec<String> = dirs
        .iter()
        .map(|d| {
            d.split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect();
    let min_len = segs.iter().map(Vec::len).min().unwrap_or(0);
    let shared = (0..min_len)
        .take_while(|&k| {
            segs.iter()
                .all(|s| s[s.len() - 1 - k] == segs[0][segs[0].len() - 1 - k])
        })
        .count();
    let drop = shared.min(min_len.saturating_sub(1));
    let rest: Vec<&[&str]> = segs.iter().map(|s| &s[..s.len() - drop]).collect();
    let mut names: Vec<String> = rest
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let k = (1..=r.len())
                .find(|&k| {
                    let tail = &r[r.len() - k..];
                    rest.iter()
                        .enumerate()
                        .all(|(j, o)| j == i || o.len() < k || &o[o.len() - k..] != tail)
                })
                .unwrap_or(r.len());
            r[r.len() - k..].join("-")
        })
        .collect();
    // Runs joined by `-` may meet a segment that holds one (`a-b` and `a/b`): those are named
    // by their whole path, then numbered.
    for i in 0..names.len() {
        if names.iter().filter(|n| **n == names[i]).count() > 1 {
            let clash = names[i].clone();
            for (j, n) in names.iter_mut().enumerate() {
                if *n == clash {
                    *n = whole[j].clone();
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for n in &mut names {
        let base = n.clone();
        let mut k = 2;
        while !seen.insert(n.clone()) {
            *n = format!("{base}-{k}");
            k += 1;
        }
    }
    names
}

/// A path segment that says only "documentation" or "decisions", not whose they are.
fn generic_segment(s: &str) -> bool {
    adr_dir_name(s)
        || ["docs", "doc", "documentation"]
            .iter()
            .any(|d| s.eq_ignore_ascii_case(d))
}

/// Whether the files of a sub-directory of the ADR directory are ADRs: most of its Markdown
/// files (`(name, text)`; not index, README or template) have ADR structure, or are numbered
/// or dated and have a status (short decisions in year or area folders: a title and a
/// `Status:` line). Numbers are not needed: teams move old decisions to `historic/` under
/// their bare names.
pub fn sub_dir_holds_adrs(files: &[(&str, &str)]) -> bool {
    let judged: Vec<bool> = files
        .iter()
        .filter(|(_, t)| !looks_like_template(t))
        .map(|&(n, t)| {
            let s = signals(t);
            s.is_adr() || (s.status && name::is_numbered_or_dated(n))
        })
        .collect();
    let yes = judged.iter().filter(|&&b| b).count();
    yes > 0 && yes * 2 >= judged.len()
}

/// The Markdown files of the sub-directories of the ADR directory `dir` (at any depth, not
/// hidden, not skipped, no symbolic links) that hold ADRs, as (file name, path).
pub fn sub_dir_adrs(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    let mut stack: Vec<(std::path::PathBuf, usize)> = vec![(dir.to_path_buf(), 0)];
    while let Some((d, depth)) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files = Vec::new();
        for e in rd.filter_map(|e| e.ok()) {
            let Ok(ft) = e.file_type() else { continue };
            let Some(n) = e.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if ft.is_dir() {
                if depth < 8 && !n.starts_with('.') && !skipped(&n) {
                    stack.push((e.path(), depth + 1));
                }
            } else if depth > 0 && is_markdown(&n) {
                files.push((n, e.path()));
            }
        }
        if files.is_empty() {
            continue;
        }
        let texts: Vec<(&str, String)> = files
            .iter()
            .filter(|(n, _)| !name::is_excluded(n))
            .filter_map(|(n, p)| Some((n.as_str(), read_small(p)?)))
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        if sub_dir_holds_adrs(&refs) {
            out.append(&mut files);
        }
    }
    out
}

/// Whether the root itself holds ADRs (`adr-001-x.md` beside the README): numbered files, most
/// of them with ADR structure.
pub fn root_holds_adrs(root: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(root) else {
        return false;
    };
    let names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| is_markdown(n))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    judge(root, ".", &refs).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_in_every_dialect() {
        for t in [
            "# T\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
            "# T\n\nStatus: Accepted\n\n## Decision\n\nx\n",
            "# T\n\n* Status: accepted\n\n## Context and Problem Statement\n",
            "---\nstatus: accepted\n---\n# T\n\n## Decision Outcome\n",
            "+++\ntitle = \"T\"\nstatus = \"accepted\"\n+++\n\n## Decision Outcome\n",
            "+++\r\n[extra]\r\nStatus=\"accepted\"\r\n+++\r\n\r\n## Context\r\n",
            "# T\n\n|Status  |Implemented|\n\n## Context\n",
            "# T\n\n**Status**: Proposed\n\n## Consequences\n",
            "# T\n\n##\u{a0}Status\n\nApproved\n\n## Decision\n",
            "# T\n\n## Status: Proposed\n\n## Context\n",
            "# T\n\n## 1. Context\n\n## 2. Decision\n",
        ] {
            assert!(signals(t).is_adr(), "{t:?}");
        }
        for t in [
            "# Intro\n\nThe status of this project is good.\n\n## Context\n",
            "# Chapter\n\n```\n## Status\n```\n\n## Decision\n",
            "# Changelog\n\n## 1.0.0\n\n- fixed status: bar\n",
            "+++\ntitle = \"Status report\"\nstatuses = 3\n+++\n\n## Context\n",
        ] {
            assert!(!signals(t).is_adr(), "{t:?}");
        }
    }

    #[test]
    fn templates_by_content() {
        for t in [
            "# ADR \\{ADR-NUMBER\\}: \\{TITLE\\}\n\n## Status\n\n## Context\n",
            "# [short title of solved problem and solution]\n\n## Context\n",
            "# {title}\n\nx\n",
            "# TODO: Title\n\n## Status\n",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n",
            "# Use a template\n\n<!-- Status: ... -->\n## Context\n\n[Describe the context and problem statement]\n\n## Decision\n\n[Describe the decision taken]\n\n## Consequences\n\n[What becomes easier or harder]\n",
            "---\nstatus: \"{proposed | rejected | accepted}\"\ndate: {YYYY-MM-DD when the decision was last updated}\n---\n# Use X\n\n{Describe the context}\n",
        ] {
            assert!(looks_like_template(t), "{t:?}");
        }
        for t in [
            "# Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n\nSee [ADR 2](0002-x.md) and `{id}`.\n",
            "# Use X\n\n```rust\nformat!(\"{name}\");\nformat!(\"{a}\");\nformat!(\"{b}\");\n```\n",
            "# Use X\n\n- [x] done\n- [ ] todo later\n\n[1]: https://example.com\n",
        ] {
            assert!(!looks_like_template(t), "{t:?}");
        }
    }

    #[test]
    fn source_names_siblings_nested_and_same_leaf() {
        let names = |d: &[&str]| source_names(d);
        // Siblings: `docs/adr` says nothing, the service names stay.
        assert_eq!(
            names(&["services/payments/docs/adr", "services/orders/docs/adr"]),
            ["payments", "orders"]
        );
        // Different depths and layouts.
        assert_eq!(
            names(&[
                "services/payments/docs/adr",
                "services/orders/docs/adr",
                "libs/billing/ADR"
            ]),
            ["payments", "orders", "billing"]
        );
        assert_eq!(
            names(&["apps/web/docs/adr", "apps/api/docs/decisions"]),
            ["web", "api"]
        );
        // Nested: one directory's remainder is the other's tail.
        assert_eq!(
            names(&["team/adr", "platform/team/adr"]),
            ["team", "platform-team"]
        );
        assert_eq!(names(&["docs/adr", "services/x/docs/adr"]), ["docs", "x"]);
        // Same leaf under different parents: the segments that differ name them.
        assert_eq!(
            names(&["a/payments/docs/adr", "b/payments/docs/adr"]),
            ["a", "b"]
        );
        assert_eq!(
            names(&["eu/payments/adr", "us/payments/adr", "eu/orders/adr"]),
            ["eu-payments", "us-payments", "orders"]
        );
        // A `-` inside a segment meets a joined run: those are named by their whole path.
        assert_eq!(
            names(&["q/a-b/adr", "a/b/adr", "z/b/adr"]),
            ["q-a-b-adr", "a-b-adr", "z-b"]
        );
    }

    #[test]
    fn dir_names() {
        for d in [
            "ADR",
            "adrs",
            ".adr",
            "docs/architecture/adr",
            "decision-records",
            "architecture-decision-record",
            "architecture-decision-records",
            "docs/Architecture-Decisions",
        ] {
            assert!(adr_dir_name(d), "{d}");
        }
        assert!(!adr_dir_name("docs/guide"));
    }
}
