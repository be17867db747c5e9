//! The repository: configuration, loading the ADR directory, resolving references, and atomic
//! writes. The layer that reads and writes ADR files (the others that touch the disk, and
//! for what: the crate's documentation).

pub mod config;
pub mod discover;
pub mod git;
pub mod links;
pub mod toc;
pub mod transaction;
pub mod write;

use crate::error::{Error, Result};
use crate::model::{Adr, Problem, ProblemKind, RawRef, RepoPath};
use crate::parse::{self, Parsed, Vocab};
use config::{Config, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Largest file read as an ADR; larger files are reported and skipped.
pub const MAX_ADR_BYTES: u64 = 8 * 1024 * 1024;

/// Where the ADRs are and how they are configured.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Repository root (absolute).
    pub root: PathBuf,
    /// Validated configuration.
    pub config: Config,
    /// Where the ADR directory setting came from.
    pub source: Source,
    /// The ADR directory relative to the root, `/`-separated (`.` for the root itself).
    pub dir_rel: Option<String>,
    /// Relation vocabulary from the configuration.
    pub vocab: Vocab,
    /// The search by content, when nothing named the ADR directory.
    pub scan: Option<discover::Scan>,
    /// The git repository, opened once on first use: use [`Workspace::git`].
    pub git: git::GitCell,
}

/// One ADR file as loaded: its text and parse.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Absolute path.
    pub abs: PathBuf,
    /// The file's text (lossily decoded when `editable` is false).
    pub text: String,
    /// The parse.
    pub parsed: Parsed,
    /// Whether the bytes are valid UTF-8 (edits are refused otherwise).
    pub editable: bool,
}

impl Entry {
    /// The ADR.
    pub fn adr(&self) -> &Adr {
        &self.parsed.adr
    }
}

/// Every ADR of a workspace, sorted by number then id, with problems met while loading.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The ADRs.
    pub entries: Vec<Entry>,
    /// Files that could not be read as ADRs, and problems inside ADRs.
    pub problems: Vec<Problem>,
    /// Other Markdown files of the ADR directory (index, README, templates).
    pub others: Vec<PathBuf>,
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    by_file: HashMap<String, usize>,
    by_file_ci: HashMap<String, usize>,
    by_stem_ci: HashMap<String, usize>,
    by_number: HashMap<u32, Vec<usize>>,
    by_id_ci: HashMap<String, usize>,
    by_path: HashMap<RepoPath, usize>,
    /// Path lower case, without `.md` / `.markdown` / `.html`.
    by_path_ci: HashMap<String, usize>,
}

impl Workspace {
    /// Finds the workspace from `start` (walking up like git).
    pub fn discover(start: &Path) -> Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| Error::io(start, e))?;
        let (root, config, mut source, mut dir_rel) = config::discover(&start)?;
        let vocab = Vocab::new(&config.relations).with_statuses(&config.statuses);
        let mut scan = None;
        let git = git::GitCell::default();
        if dir_rel.is_none() {
            let s = discover::scan(&root, git.get(&root));
            if let Some(best) = s.best() {
                dir_rel = Some(best.dir.clone());
                source = Source::Discovered;
            }
            scan = Some(s);
        }
        Ok(Workspace {
            root,
            config,
            source,
            dir_rel,
            vocab,
            scan,
            git,
        })
    }

    /// The git repository the workspace lives in (opened on the first call); `None` without
    /// one.
    pub fn git(&self) -> Option<&git::Git> {
        self.git.get(&self.root)
    }

    /// The ADR directory (absolute), or an error saying how to create one.
    pub fn adr_dir(&self) -> Result<PathBuf> {
        match &self.dir_rel {
            Some(d) => {
                let p = self.root.join(d);
                if p.is_dir() {
                    Ok(p)
                } else {
                    Err(Error::Usage(format!(
                        "the ADR directory {} does not exist (set by {}); create it with `adrgov init {d}`",
                        p.display(),
                        self.source_name()
                    )))
                }
            }
            None => Err(Error::Usage(format!(
                "no ADR directory found in {} (looked for adrgov.toml, .adr-dir, .log4brains.yml, {}{}); run `adrgov init` to create one",
                self.root.display(),
                config::CONVENTIONAL_DIRS.join(", "),
                self.scan.as_ref().map_or(String::new(), |s| format!(
                    ", and searched {} (outside vendored and build directories) for numbered or dated files (any file, in directories named for ADRs) with ADR structure: none",
                    s.looked()
                ))
            ))),
        }
    }

    /// What set the ADR directory, for messages.
    pub fn source_name(&self) -> String {
        match &self.source {
            Source::Adrgov(p) | Source::AdrTools(p) | Source::Log4brains(p) => {
                self.rel(p).into_string()
            }
            Source::Convention => "convention".into(),
            Source::Discovered => "the search by content".into(),
        }
    }

    /// `path` (absolute, inside the root) relative to the root.
    pub fn rel(&self, path: &Path) -> RepoPath {
        RepoPath::from_path(path.strip_prefix(&self.root).unwrap_or(path))
    }

    /// Loads every ADR of the directory. Unreadable files become problems; the rest loads.
    pub fn load(&self) -> Result<Loaded> {
        let dir = self.adr_dir()?;
        let canon_root = self
            .root
            .canonicalize()
            .map_err(|e| Error::io(&self.root, e))?;
        let rd = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut names = Vec::new();
        for e in rd {
            let e = e.map_err(|e| Error::io(&dir, e))?;
            let name = e.file_name();
            let Some(name) = name.to_str().map(str::to_string) else {
                let p = self.rel(&e.path());
                names.push(Err(Problem {
                    kind: ProblemKind::InvalidFileName,
                    path: p,
                    line: None,
                    message: "file name is not valid UTF-8; rename it".into(),
                }));
                continue;
            };
            if !(name.ends_with(".md") || name.ends_with(".markdown")) {
                continue;
            }
            names.push(Ok((name, e.path())));
        }
        if self.dir_rel.as_deref() != Some(".") {
            names.extend(discover::sub_dir_adrs(&dir).into_iter().map(Ok));
        }
        let mut loaded = Loaded::default();
        let mut ok: Vec<(String, PathBuf)> = Vec::new();
        for n in names {
            match n {
                Ok(x) => ok.push(x),
                Err(p) => loaded.problems.push(p),
            }
        }
        ok.sort();
        for read in read_all(ok, |name, path| self.read_one(name, path, &canon_root)) {
            match read {
                Read::Other(path) => loaded.others.push(path),
                Read::Adr(entry, mut problems) => {
                    loaded.problems.append(&mut problems);
                    loaded
                        .problems
                        .extend(entry.parsed.adr.problems.iter().cloned());
                    loaded.entries.push(*entry);
                }
                Read::Unreadable(p) => loaded.problems.push(p),
            }
        }
        links::locate_all(self, &mut loaded);
        loaded.sort_and_index();
        Ok(loaded)
    }
}

/// What reading one file of the ADR directory gave.
enum Read {
    /// Not an ADR (an excluded name, a template).
    Other(PathBuf),
    /// An ADR, with the problems met reading the file.
    Adr(Box<Entry>, Vec<Problem>),
    /// A file that cannot be read as an ADR.
    Unreadable(Problem),
}

impl Workspace {
    /// Reads and parses the file `name` at `path`.
    fn read_one(&self, name: &str, path: PathBuf, canon_root: &Path) -> Read {
        let rel = self.rel(&path);
        if parse::name::is_excluded(name) {
            return Read::Other(path);
        }
        match read_adr_file(&path, &rel, canon_root) {
            Ok((text, _, _)) if discover::looks_like_template(&text) => Read::Other(path),
            Ok((text, editable, problems)) => {
                let parsed = parse::parse(&rel, name, &text, &self.vocab);
                Read::Adr(
                    Box::new(Entry {
                        abs: path,
                        text,
                        parsed,
                        editable,
                    }),
                    problems,
                )
            }
            Err(p) => Read::Unreadable(p),
        }
    }
}

/// `read` applied to every file, on every core (files are independent), in the order given.
fn read_all<F>(files: Vec<(String, PathBuf)>, read: F) -> Vec<Read>
where
    F: Fn(&str, PathBuf) -> Read + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    if threads == 1 || files.len() < 64 {
        return files.into_iter().map(|(n, p)| read(&n, p)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    let mut chunks: Vec<Vec<(String, PathBuf)>> = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        chunks.push(files.by_ref().take(chunk).collect());
    }
    let read = &read;
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| s.spawn(move || c.into_iter().map(|(n, p)| read(&n, p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// A path lower case, without its Markdown (or `.html`) extension.
fn path_key(p: &str) -> String {
    let l = p.to_lowercase();
    for ext in [".md", ".markdown", ".html"] {
        if let Some(s) = l.strip_suffix(ext) {
            return s.to_string();
        }
    }
    l
}

/// Reads one file: refuses symlinks leaving the repository, binary and oversized files;
/// decodes invalid UTF-8 lossily (and says where).
fn read_adr_file(
    path: &Path,
    rel: &RepoPath,
    canon_root: &Path,
) -> Result<(String, bool, Vec<Problem>), Problem> {
    let problem = |message: String, line: Option<usize>| Problem {
        kind: ProblemKind::UnreadableFile,
        path: rel.clone(),
        line,
        message,
    };
    let meta =
        std::fs::symlink_metadata(path).map_err(|e| problem(format!("cannot read: {e}"), None))?;
    if meta.file_type().is_symlink() {
        let target = path
            .canonicalize()
            .map_err(|e| problem(format!("symbolic link cannot be followed: {e}"), None))?;
        if !target.starts_with(canon_root) {
            return Err(problem(
                format!(
                    "symbolic link points outside the repository (to {}); not followed",
                    target.display()
                ),
                None,
            ));
        }
    }
    // One open, then the open file's own metadata: no second walk of the path.
    let mut file =
        std::fs::File::open(path).map_err(|e| problem(format!("cannot read: {e}"), None))?;
    let meta = file
        .metadata()
        .map_err(|e| problem(format!("cannot read: {e}"), None))?;
    if !meta.is_file() {
        return Err(problem("not a regular file; skipped".into(), None));
    }
    if meta.len() > MAX_ADR_BYTES {
        return Err(problem(
            format!(
                "file is {} MB, larger than the {} MB an ADR may be; skipped",
                meta.len() / (1024 * 1024),
                MAX_ADR_BYTES / (1024 * 1024)
            ),
            None,
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    std::io::Read::read_to_end(&mut file, &mut bytes)
        .map_err(|e| problem(format!("cannot read: {e}"), None))?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(problem(
            "binary file (contains NUL bytes), not Markdown; skipped".into(),
            None,
        ));
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok((t, true, Vec::new())),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok((
                text,
                false,
                vec![Problem {
                    kind: ProblemKind::InvalidEncoding,
                    path: rel.clone(),
                    line: Some(line),
                    message: format!(
                        "not valid UTF-8 (first bad byte at offset {valid}); read with replacement characters, and adrgov will not edit it until it is re-saved as UTF-8"
                    ),
                }],
            ))
        }
    }
}

impl Loaded {
    /// ADRs already read and parsed (tests build repositories in memory), sorted and indexed
    /// as [`Workspace::load`] does; their parse problems are added to `problems`.
    #[cfg(test)]
    pub(crate) fn from_entries(entries: Vec<Entry>, problems: Vec<Problem>) -> Loaded {
        let mut loaded = Loaded {
            entries,
            problems,
            ..Loaded::default()
        };
        for e in &loaded.entries {
            loaded
                .problems
                .extend(e.parsed.adr.problems.iter().cloned());
        }
        loaded.sort_and_index();
        loaded
    }

    /// Sorts the ADRs by number (unnumbered last), then id, then path, and indexes them.
    fn sort_and_index(&mut self) {
        self.entries.sort_by(|a, b| {
            let (a, b) = (a.adr(), b.adr());
            (a.number.is_none(), a.number, &a.id, &a.path).cmp(&(
                b.number.is_none(),
                b.number,
                &b.id,
                &b.path,
            ))
        });
        self.reindex();
    }

    fn reindex(&mut self) {
        let mut ix = Index::default();
        for (i, e) in self.entries.iter().enumerate() {
            let a = e.adr();
            ix.by_file.entry(a.file_name.clone()).or_insert(i);
            ix.by_file_ci.entry(a.file_name.to_lowercase()).or_insert(i);
            let stem = a
                .file_name
                .trim_end_matches(".md")
                .trim_end_matches(".markdown")
                .to_lowercase();
            ix.by_stem_ci.entry(stem).or_insert(i);
            if let Some(n) = a.number {
                ix.by_number.entry(n).or_default().push(i);
            }
            ix.by_id_ci.entry(a.id.to_lowercase()).or_insert(i);
            ix.by_path.entry(a.path.clone()).or_insert(i);
            ix.by_path_ci.entry(path_key(&a.path)).or_insert(i);
        }
        self.index = ix;
    }

    /// The ADR a written reference points at.
    pub fn resolve(&self, r: &RawRef) -> Option<usize> {
        let ix = &self.index;
        if let Some(p) = &r.path {
            // A link resolves by the path it names; a file that does not exist is dangling,
            // whatever number its name or text holds. A case-only mismatch or a missing `.md`
            // still means the file (broken-reference says so).
            return ix
                .by_path
                .get(p)
                .or_else(|| ix.by_path_ci.get(&path_key(p)))
                .copied();
        }
        if let Some(f) = &r.file {
            if let Some(&i) = ix.by_file.get(f) {
                return Some(i);
            }
            let lower = f.to_lowercase();
            if let Some(&i) = ix.by_file_ci.get(&lower) {
                return Some(i);
            }
            let stem = lower
                .trim_end_matches(".md")
                .trim_end_matches(".html")
                .to_string();
            if let Some(&i) = ix.by_stem_ci.get(&stem) {
                return Some(i);
            }
            // A link to a file that does not exist is broken, whatever number its text names.
            return None;
        }
        if let Some(n) = r.number {
            return ix.by_number.get(&n).and_then(|v| v.first().copied());
        }
        let w = r.written.to_lowercase();
        ix.by_id_ci
            .get(&w)
            .or_else(|| ix.by_stem_ci.get(&w))
            .copied()
    }

    /// The ADR at `path` (from the root), exactly.
    pub fn at_path(&self, path: &str) -> Option<usize> {
        self.index.by_path.get(path).copied()
    }

    /// The ADR whose path is `path` but for letter case or a missing `.md`.
    pub fn at_path_loosely(&self, path: &str) -> Option<usize> {
        self.index.by_path_ci.get(&path_key(path)).copied()
    }

    /// The ADRs numbered `n`.
    pub fn with_number(&self, n: u32) -> &[usize] {
        self.index.by_number.get(&n).map_or(&[], Vec::as_slice)
    }

    /// Finds the ADR named on the command line: `7`, `0007`, `ADR-7`, an id, a file name or a
    /// path. Ambiguous numbers and unknown names are errors that say what to do.
    pub fn find(&self, arg: &str) -> Result<usize> {
        let a = arg.trim();
        let file = a.rsplit('/').next().unwrap_or(a);
        if file.ends_with(".md")
            && let Some(&i) = self.index.by_file.get(file)
        {
            return Ok(i);
        }
        if let Some(n) = crate::model::number_in_ref(a)
            .filter(|_| !a.contains('-') || a.to_lowercase().starts_with("adr"))
        {
            return match self.with_number(n) {
                [] => Err(Error::Usage(format!(
                    "no ADR numbered {n}; `adrgov list` shows the ADRs there are"
                ))),
                [one] => Ok(*one),
                many => Err(Error::Usage(format!(
                    "{} ADRs are numbered {n} ({}); name one by its file name",
                    many.len(),
                    many.iter()
                        .map(|&i| self.entries[i].adr().file_name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            };
        }
        let lower = a.to_lowercase();
        self.index
            .by_id_ci
            .get(&lower)
            .or_else(|| self.index.by_stem_ci.get(lower.trim_end_matches(".md")))
            .copied()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "no ADR named `{a}`; `adrgov list` shows the ADRs there are"
                ))
            })
    }

    /// The id a reference resolves to, or the reference as written.
    pub fn target_id(&self, r: &RawRef) -> String {
        match self.resolve(r) {
            Some(i) => self.entries[i].adr().id.clone(),
            None => r.written.clone(),
        }
    }

    /// The path (from the root) of every loaded ADR, in order: what the history pass reads.
    pub fn paths(&self) -> Vec<RepoPath> {
        self.entries.iter().map(|e| e.adr().path.clone()).collect()
    }

    /// Whether the repository writes adr-tools' `Supercede…` spelling (more often than the
    /// correct one).
    pub fn uses_superceded(&self) -> bool {
        let (mut wrong, mut right) = (0, 0);
        for e in &self.entries {
            let t = e.text.to_lowercase();
            wrong += t.matches("superceded by").count() + t.matches("supercedes").count();
            right += t.matches("superseded by").count() + t.matches("supersedes").count();
        }
        wrong > right
    }
}
