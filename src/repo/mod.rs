//! The repository: configuration, loading the ADR directory, resolving references, and atomic
//! writes. The layer that reads and writes ADR files (the others that touch the disk, and
//! for what: the crate's documentation).

pub mod config;
pub mod discover;
pub mod git;
pub mod links;
mod parse_cache;
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
    /// The ADR directory relative to the root, `/`-separated (`.` for the root itself), in a
    /// repository with one; `None` with several (see `sources`) or none.
    pub dir_rel: Option<String>,
    /// The named ADR directories of a repository with several (from `[[adr.sources]]`, or
    /// every directory the search by content found); empty with one.
    pub sources: Vec<AdrSource>,
    /// Relation vocabulary from the configuration.
    pub vocab: Vocab,
    /// The search by content, when nothing named the ADR directory.
    pub scan: Option<discover::Scan>,
    /// The git repository, opened once on first use: use [`Workspace::git`].
    pub git: git::GitCell,
    /// Whether [`Workspace::load`] keeps the parses of the files in the parse cache (under the
    /// git directory) and reads them back; off unless the caller turns it on.
    pub parse_cache: bool,
}

/// One named ADR directory of a repository that has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrSource {
    /// The name ids are qualified with (`payments` in `payments/0003`).
    pub name: String,
    /// The directory, relative to the root, `/`-separated.
    pub dir: String,
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
    /// The source names of a repository with several sources, in order; empty with one.
    pub sources: Vec<String>,
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    by_file: FxHashMap<String, usize>,
    by_file_ci: FxHashMap<String, usize>,
    by_stem_ci: FxHashMap<String, usize>,
    by_number: FxHashMap<u32, Vec<usize>>,
    by_id_ci: FxHashMap<String, usize>,
    by_path: FxHashMap<RepoPath, usize>,
    /// Path lower case, without `.md` / `.markdown` / `.html`.
    by_path_ci: FxHashMap<String, usize>,
}

/// The index's maps: keys are the repository's own names, so a fast hash (not a DoS-resistant
/// one) is right; building them was a tenth of loading 1,000 ADRs with the default hasher.
type FxHashMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The sources named for the directories `dirs` found by content (none for fewer than two),
/// sorted by name.
fn named_sources(dirs: &[&str]) -> Vec<AdrSource> {
    if dirs.len() < 2 {
        return Vec::new();
    }
    let mut sources: Vec<AdrSource> = discover::source_names(dirs)
        .into_iter()
        .zip(dirs)
        .map(|(name, dir)| AdrSource {
            name,
            dir: dir.to_string(),
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    sources
}

/// Whether the ADR directory `dir` was taken by convention (`docs/adr` exists), not named by
/// any configuration: then other ADR directories deeper are searched for.
fn by_convention(config: &Config, source: &Source, dir: &str) -> bool {
    config.dir.is_none()
        && config.sources.is_empty()
        && matches!(source, Source::Convention | Source::Adrgov(_))
        && config::CONVENTIONAL_DIRS.contains(&dir)
}

impl Workspace {
    /// Finds the workspace from `start` (walking up like git).
    pub fn discover(start: &Path) -> Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| Error::io(start, e))?;
        let (root, config, mut source, mut dir_rel) = config::discover(&start)?;
        let vocab = Vocab::new(&config.relations).with_statuses(&config.statuses);
        let mut scan = None;
        let git = git::GitCell::default();
        let mut sources = Vec::new();
        if !config.sources.is_empty() && dir_rel.is_none() {
            for s in &config.sources {
                if !root.join(&s.dir).is_dir() {
                    return Err(Error::Config {
                        path: config
                            .path
                            .clone()
                            .unwrap_or_else(|| root.join("adrgov.toml")),
                        line: s.line,
                        message: format!(
                            "key `adr.sources`: the directory {} of source `{}` does not exist",
                            s.dir, s.name
                        ),
                    });
                }
            }
            match config.sources.as_slice() {
                [one] => dir_rel = Some(one.dir.clone()),
                many => {
                    sources = many
                        .iter()
                        .map(|s| AdrSource {
                            name: s.name.clone(),
                            dir: s.dir.clone(),
                        })
                        .collect();
                }
            }
        } else if dir_rel.is_none() {
            let s = discover::scan(&root, git.get(&root));
            sources = named_sources(&s.source_dirs());
            if !sources.is_empty() {
                source = Source::Discovered;
            } else if let Some(best) = s.best() {
                dir_rel = Some(best.dir.clone());
                source = Source::Discovered;
            }
            scan = Some(s);
        } else if let Some(d) = dir_rel
            .clone()
            .filter(|d| by_convention(&config, &source, d))
        {
            // A conventional directory (`docs/adr`) beside others deeper (a monorepo's
            // `services/x/docs/adr`): each a source.
            let s = discover::scan_beside(&root, git.get(&root), &d);
            let mut dirs = vec![d.as_str()];
            dirs.extend(s.source_dirs());
            if dirs.len() > 1 {
                sources = named_sources(&dirs);
                dir_rel = None;
                source = Source::Discovered;
                scan = Some(s);
            }
        }
        Ok(Workspace {
            root,
            config,
            source,
            dir_rel,
            sources,
            vocab,
            scan,
            git,
            parse_cache: false,
        })
    }

    /// Whether the repository has several ADR sources (ids are then qualified).
    pub fn multi(&self) -> bool {
        !self.sources.is_empty()
    }

    /// Every ADR directory (relative to the root): the one, or each source's.
    pub fn dirs(&self) -> Vec<String> {
        if self.multi() {
            self.sources.iter().map(|s| s.dir.clone()).collect()
        } else {
            vec![self.dir_rel.clone().unwrap_or_else(|| ".".into())]
        }
    }

    /// The directory (from the root) of `source`, or the one ADR directory for `None`.
    pub fn dir_of(&self, source: Option<&str>) -> String {
        source
            .and_then(|n| self.sources.iter().find(|s| s.name == n))
            .map(|s| s.dir.clone())
            .or_else(|| self.dir_rel.clone())
            .unwrap_or_else(|| ".".into())
    }

    /// The source named `name` (letter case aside), or a usage error listing the sources.
    /// In a repository with one source, any name is an error.
    pub fn source_named(&self, name: &str) -> Result<&AdrSource> {
        self.sources
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                if self.multi() {
                    Error::Usage(format!(
                        "no source named `{name}`; the sources are {}",
                        self.source_list()
                    ))
                } else {
                    Error::Usage(format!(
                        "no source named `{name}`: this repository has one ADR directory, so --source is not needed"
                    ))
                }
            })
    }

    /// `orders (services/orders/docs/adr), payments (services/payments/docs/adr)`.
    pub fn source_list(&self) -> String {
        self.sources
            .iter()
            .map(|s| format!("{} ({})", s.name, s.dir))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What to say on stderr about directories found by content: the one taken and the other
    /// candidates, or the sources made of them.
    pub fn discovery_notes(&self) -> Vec<String> {
        let Some(scan) = &self.scan else {
            return Vec::new();
        };
        if !self.multi() {
            return scan.notes();
        }
        let mut out = vec![format!(
            "note: using {} ADR directories found by content, each a source: {}; pin them with `[[adr.sources]]` (a `name` and a `dir` each) in adrgov.toml",
            self.sources.len(),
            self.source_list()
        )];
        let others: Vec<String> = scan
            .candidates
            .iter()
            .filter(|c| !self.sources.iter().any(|s| s.dir == c.dir))
            .map(discover::Candidate::described)
            .collect();
        if !others.is_empty() {
            out.push(format!("note: other candidates: {}", others.join(", ")));
        }
        out
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
        // The common case as text (a path made from the root, no `\\`): a prefix to cut, not
        // components to walk (which took 2,500 instructions a file).
        if let (Some(p), Some(root)) = (path.to_str(), self.root.to_str())
            && let Some(rest) = p.strip_prefix(root).and_then(|r| r.strip_prefix('/'))
            && !rest.contains('\\')
            && !root.contains('\\')
        {
            return RepoPath::new(rest);
        }
        RepoPath::from_path(path.strip_prefix(&self.root).unwrap_or(path))
    }

    /// Loads every ADR of the directory. Unreadable files become problems; the rest loads.
    pub fn load(&self) -> Result<Loaded> {
        let dirs: Vec<(Option<&str>, PathBuf, String)> = if self.multi() {
            self.sources
                .iter()
                .map(|s| (Some(s.name.as_str()), self.root.join(&s.dir), s.dir.clone()))
                .collect()
        } else {
            vec![(
                None,
                self.adr_dir()?,
                self.dir_rel.clone().unwrap_or_else(|| ".".into()),
            )]
        };
        let canon_root = self
            .root
            .canonicalize()
            .map_err(|e| Error::io(&self.root, e))?;
        let mut names = Vec::new();
        for (_, dir, dir_rel) in &dirs {
            self.list_dir(dir, dir_rel, &mut names)?;
        }
        let mut loaded = Loaded::default();
        let mut ok: Vec<(String, PathBuf)> = Vec::with_capacity(names.len());
        for n in names {
            match n {
                Ok(x) => ok.push(x),
                Err(p) => loaded.problems.push(p),
            }
        }
        // A file listed twice (its directory and a sub-directory search) is read once.
        ok.sort();
        ok.dedup();
        let cache = match self.git().filter(|_| self.parse_cache) {
            Some(g) => parse_cache::ParseCache::open(g.git_dir(), &self.vocab),
            None => parse_cache::ParseCache::default(),
        };
        let mut memos = Vec::new();
        let dirs_open = DirsOpen::of(ok.iter().map(|(_, p)| p.as_path()));
        let reads = read_all(ok, |name, path| {
            self.read_one(name, path, &canon_root, &cache, &dirs_open)
        });
        drop(dirs_open);
        for (read, memo) in reads {
            memos.extend(memo);
            match read {
                Read::Other(path) => loaded.others.push(path),
                Read::Adr(mut entry, mut problems) => {
                    loaded.problems.append(&mut problems);
                    loaded
                        .problems
                        .extend(entry.parsed.adr.problems.iter().cloned());
                    if self.multi() {
                        // The deepest source holding the file (sources may nest).
                        let source = dirs
                            .iter()
                            .filter(|(_, d, _)| entry.abs.starts_with(d))
                            .max_by_key(|(_, d, _)| d.components().count())
                            .and_then(|(n, _, _)| *n);
                        if let Some(name) = source {
                            let a = &mut entry.parsed.adr;
                            a.source = Some(name.to_string());
                            a.id = format!("{name}/{}", a.id);
                        }
                    }
                    loaded.entries.push(*entry);
                }
                Read::Unreadable(p) => loaded.problems.push(p),
            }
        }
        cache.save(&memos);
        loaded.sources = self.sources.iter().map(|s| s.name.clone()).collect();
        links::locate_all(self, &mut loaded);
        loaded.sort_and_index();
        if self.multi() {
            loaded.resolve_within_sources();
        }
        Ok(loaded)
    }

    /// The Markdown files of the ADR directory `dir` (`dir_rel` from the root) and of its
    /// sub-directories that hold ADRs, as (file name, path), or the problem of a name.
    fn list_dir(
        &self,
        dir: &Path,
        dir_rel: &str,
        names: &mut Vec<std::result::Result<(String, PathBuf), Problem>>,
    ) -> Result<()> {
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        // Sub-directories are searched only when there are some (the listing's own file types
        // say so: no second read of a flat directory).
        let mut sub_dirs = false;
        for e in rd {
            let e = e.map_err(|e| Error::io(dir, e))?;
            sub_dirs |= e.file_type().is_ok_and(|t| t.is_dir());
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
            if crate::model::name::markdown_stem(&name).is_none() {
                continue;
            }
            names.push(Ok((name, e.path())));
        }
        if dir_rel != "." && sub_dirs {
            names.extend(discover::sub_dir_adrs(dir).into_iter().map(Ok));
        }
        Ok(())
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
    /// Reads and parses the file `name` at `path` (the parse from `cache` when it knows the
    /// text), with what the next cache keeps of it.
    fn read_one(
        &self,
        name: &str,
        path: PathBuf,
        canon_root: &Path,
        cache: &parse_cache::ParseCache,
        dirs_open: &DirsOpen,
    ) -> (Read, Option<parse_cache::Memo>) {
        let rel = self.rel(&path);
        if parse::name::is_excluded(name) {
            return (Read::Other(path), None);
        }
        let (text, editable, problems) = match read_adr_file(&path, &rel, canon_root, dirs_open) {
            Ok(read) => read,
            Err(p) => return (Read::Unreadable(p), None),
        };
        let mut memo = cache.kept().then(|| parse_cache::Memo {
            file: parse_cache::file_key(&rel, name),
            hash: parse_cache::text_hash(&text),
            fresh: None,
        });
        let known = memo
            .as_ref()
            .and_then(|m| cache.get(&m.file, m.hash, &text));
        let parsed = match known {
            Some(parse_cache::Known::Template) => return (Read::Other(path), memo),
            Some(parse_cache::Known::Parsed(p)) => *p,
            None if discover::looks_like_template(&text) => {
                if let Some(m) = &mut memo {
                    m.fresh = Some(parse_cache::fresh_template());
                }
                return (Read::Other(path), memo);
            }
            None => {
                let mut parsed = parse::parse(&rel, name, &text, &self.vocab);
                if let Some(m) = &mut memo {
                    m.fresh = Some(parse_cache::fresh(&mut parsed, &text));
                }
                parsed
            }
        };
        let entry = Entry {
            abs: path,
            text,
            parsed,
            editable,
        };
        (Read::Adr(Box::new(entry), problems), memo)
    }
}

/// Below this many files one thread reads them all. Measured (2 cores, warm and without the
/// parse cache alike): at 100 and 300 files one thread is 0.3–0.5 ms faster (a new thread's
/// first allocations touch fresh memory, which the kernel must zero); at 1,000 a `list` is
/// level, but commands that read the history cache meanwhile on a third thread were 1.5–2 ms
/// slower with one; at 10,000 two threads take 74 ms instead of 101.
const READ_ALONE_BELOW: usize = 512;

/// `read` applied to every file, on every core (files are independent), in the order given.
fn read_all<F, R: Send>(files: Vec<(String, PathBuf)>, read: F) -> Vec<R>
where
    F: Fn(&str, PathBuf) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    if threads == 1 || files.len() < READ_ALONE_BELOW {
        return files.into_iter().map(|(n, p)| read(&n, p)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    let mut chunks: Vec<Vec<(String, PathBuf)>> = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        chunks.push(files.by_ref().take(chunk).collect());
    }
    let read = &read;
    let run = move |c: Vec<(String, PathBuf)>| c.into_iter().map(|(n, p)| read(&n, p)).collect();
    // The first chunk on this thread, the others on threads of their own.
    let mut chunks = chunks.into_iter();
    let first = chunks.next().unwrap_or_default();
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks.map(|c| s.spawn(move || run(c))).collect();
        let mut out: Vec<R> = run(first);
        for h in handles {
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
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

/// This build of adrgov, for the keys of the caches under the git directory: the executable's
/// size and modification time (two builds of one version may read files and history
/// differently); empty when the executable cannot be found.
pub(crate) fn build_id() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default()
}

/// The directories of the files a load reads, each opened once (on Unix): a file in one of
/// them opens by its name alone (`openat`), and the kernel does not walk the whole path again
/// for each of a thousand files (a fifth of a warm `list`'s time went to walking paths).
#[derive(Default)]
struct DirsOpen {
    #[cfg(unix)]
    dirs: HashMap<PathBuf, std::os::fd::OwnedFd>,
}

impl DirsOpen {
    /// At most this many directories are kept open (a repository may keep each ADR in a
    /// folder of its own: a thousand open directories would use up the process's files).
    #[cfg(unix)]
    const MAX: usize = 64;

    /// The directories holding two or more of `files` (those that open, [`DirsOpen::MAX`] at
    /// most, the fullest first); a file elsewhere opens by its path.
    fn of<'a>(files: impl Iterator<Item = &'a Path>) -> DirsOpen {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let mut count: HashMap<&Path, usize> = HashMap::new();
            for dir in files.filter_map(Path::parent) {
                *count.entry(dir).or_default() += 1;
            }
            let mut fullest: Vec<(&Path, usize)> =
                count.into_iter().filter(|&(_, n)| n >= 2).collect();
            fullest.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let dirs = fullest
                .into_iter()
                .take(Self::MAX)
                .filter_map(|(dir, _)| {
                    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    let fd = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
                    Some((dir.to_path_buf(), fd))
                })
                .collect();
            DirsOpen { dirs }
        }
        #[cfg(not(unix))]
        {
            let _ = files;
            DirsOpen {}
        }
    }

    /// [`open_no_follow`] of `path`, by its name in its directory when that is open.
    fn open_no_follow(&self, path: &Path) -> std::io::Result<std::fs::File> {
        #[cfg(unix)]
        if let (Some(dir), Some(name)) = (path.parent(), path.file_name())
            && let Some(fd) = self.dirs.get(dir)
        {
            return open_no_follow_at(fd, name);
        }
        open_no_follow(path)
    }
}

/// Opens `path` (from directory `dir`) for reading unless it is a symbolic link (an error
/// then); a FIFO opens without waiting for a writer (and is then refused as not a regular
/// file).
#[cfg(unix)]
fn open_no_follow_at(
    dir: impl std::os::fd::AsFd,
    path: impl rustix::path::Arg,
) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    rustix::fs::openat(dir, path, flags, Mode::empty())
        .map(std::fs::File::from)
        .map_err(std::io::Error::from)
}

/// [`open_no_follow_at`] of `path` from the working directory.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        open_no_follow_at(rustix::fs::CWD, path)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// The content of `file`, whose size was `size` when it was opened: the `size` bytes it had
/// then (what is appended meanwhile is a later version, read next time), or all of it up to
/// its end when it is shorter or says it is empty (files of `/proc` do). Reads into one buffer
/// (`Read::read_to_end` would ask the file its size and place again, and read once more to
/// meet the end: a thousand system calls of a warm `list`).
fn read_to_end(file: &mut std::fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; size.max(1)];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            if size > 0 {
                break;
            }
            buf.resize(buf.len() * 2, 0);
        }
        match std::io::Read::read(file, &mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

/// Reads one file: refuses symlinks leaving the repository, binary and oversized files;
/// decodes invalid UTF-8 lossily (and says where).
fn read_adr_file(
    path: &Path,
    rel: &RepoPath,
    canon_root: &Path,
    dirs_open: &DirsOpen,
) -> Result<(String, bool, Vec<Problem>), Problem> {
    let problem = |message: String, line: Option<usize>| Problem {
        kind: ProblemKind::UnreadableFile,
        path: rel.clone(),
        line,
        message,
    };
    // Most ADRs are plain files: one open that refuses a symbolic link, and the open file's
    // own metadata. A link (or any failure) takes the careful way: where does it point?
    let mut file = match dirs_open.open_no_follow(path) {
        Ok(f) => f,
        Err(_) => {
            let meta = std::fs::symlink_metadata(path)
                .map_err(|e| problem(format!("cannot read: {e}"), None))?;
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
            std::fs::File::open(path).map_err(|e| problem(format!("cannot read: {e}"), None))?
        }
    };
    let meta = file
        .metadata()
        .map_err(|e| problem(format!("cannot read: {e}"), None))?;
    if !meta.is_file() {
        return Err(problem("not a regular file; skipped".into(), None));
    }
    let too_large = |len: u64| {
        problem(
            format!(
                "file is {} MB, larger than the {} MB an ADR may be; skipped",
                len / (1024 * 1024),
                MAX_ADR_BYTES / (1024 * 1024)
            ),
            None,
        )
    };
    if meta.len() > MAX_ADR_BYTES {
        return Err(too_large(meta.len()));
    }
    let bytes = read_to_end(&mut file, usize::try_from(meta.len()).unwrap_or(0))
        .map_err(|e| problem(format!("cannot read: {e}"), None))?;
    if bytes.len() as u64 > MAX_ADR_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
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

    /// The ADRs of several repositories as one (a central site): `entries` have their ids,
    /// sources and paths qualified by their repository, and every reference that resolves
    /// carries the qualified path of its target. `sources` are the sources of all of them.
    pub fn combined(entries: Vec<Entry>, sources: Vec<String>) -> Loaded {
        let mut loaded = Loaded {
            entries,
            sources,
            ..Loaded::default()
        };
        loaded.sort_and_index();
        loaded
    }

    /// Sorts the ADRs by number (unnumbered last), then id, then path, and indexes them.
    fn sort_and_index(&mut self) {
        self.entries.sort_by(|a, b| {
            let (a, b) = (a.adr(), b.adr());
            (&a.source, a.number.is_none(), a.number, &a.id, &a.path).cmp(&(
                &b.source,
                b.number.is_none(),
                b.number,
                &b.id,
                &b.path,
            ))
        });
        self.reindex();
    }

    fn reindex(&mut self) {
        let n = self.entries.len();
        let map = || FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher);
        let mut ix = Index {
            by_file: map(),
            by_file_ci: map(),
            by_stem_ci: map(),
            by_number: FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher),
            by_id_ci: map(),
            by_path: FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher),
            by_path_ci: map(),
        };
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
            // With several sources, a bare number names an ADR only when one source has it
            // (references inside a source were resolved within it while loading).
            return ix
                .by_number
                .get(&n)
                .filter(|v| self.sources.is_empty() || self.one_source(v))
                .and_then(|v| v.first().copied());
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

    /// The ADRs numbered `n` in `source` (numbering is per source; `None` in a repository
    /// with one source).
    pub fn with_number(&self, source: Option<&str>, n: u32) -> Vec<usize> {
        self.index.by_number.get(&n).map_or_else(Vec::new, |v| {
            v.iter()
                .copied()
                .filter(|&i| self.entries[i].adr().source.as_deref() == source)
                .collect()
        })
    }

    /// Whether the ADRs `v` all belong to one source.
    fn one_source(&self, v: &[usize]) -> bool {
        v.iter()
            .all(|&i| self.entries[i].adr().source == self.entries[v[0]].adr().source)
    }

    /// The ADRs `keep` says (by index), in order, indexed anew, with the problems of their
    /// files; references to the others no longer resolve.
    pub fn subset(&self, keep: &dyn Fn(usize) -> bool) -> Loaded {
        let entries: Vec<Entry> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, e)| e.clone())
            .collect();
        let paths: std::collections::HashSet<&RepoPath> =
            entries.iter().map(|e| &e.adr().path).collect();
        let problems = self
            .problems
            .iter()
            .filter(|p| paths.contains(&p.path))
            .cloned()
            .collect();
        let mut l = Loaded {
            entries,
            problems,
            others: Vec::new(),
            sources: self.sources.clone(),
            index: Index::default(),
        };
        l.reindex();
        l
    }

    /// The ADRs of `source` (every ADR for `None`), in order.
    pub fn in_source<'a>(&'a self, source: Option<&'a str>) -> impl Iterator<Item = &'a Entry> {
        self.entries
            .iter()
            .filter(move |e| source.is_none_or(|s| e.adr().source.as_deref() == Some(s)))
    }

    /// With several sources: a reference written without a path (`ADR-3`, `0003-x.md`, a
    /// slug, a relative path in front matter) means the ADR of the referring ADR's own source
    /// first; a relative path names the file it leads to. Such references get that ADR's path.
    fn resolve_within_sources(&mut self) {
        let mut found: Vec<(usize, usize, RepoPath)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let a = e.adr();
            for (k, r) in a.relations.iter().enumerate() {
                let t = &r.target;
                if t.path.is_some() || t.link.is_some() {
                    continue;
                }
                let own = |f: &dyn Fn(&Adr) -> bool| {
                    self.in_source(a.source.as_deref())
                        .find(|o| f(o.adr()))
                        .map(|o| o.adr().path.clone())
                };
                let by_path = || {
                    let dir = a.path.rsplit_once('/').map_or("", |(d, _)| d);
                    links::normalize(dir, &t.written).filter(|p| self.at_path(p).is_some())
                };
                let unqualified = |o: &Adr| {
                    o.source
                        .as_deref()
                        .and_then(|s| o.id.strip_prefix(s))
                        .and_then(|x| x.strip_prefix('/'))
                        .unwrap_or(&o.id)
                        .to_lowercase()
                };
                let hit = if t.written.contains('/') {
                    by_path()
                } else {
                    None
                }
                .or_else(|| {
                    t.file
                        .as_ref()
                        .and_then(|f| own(&|o| o.file_name.eq_ignore_ascii_case(f)))
                })
                .or_else(|| t.number.and_then(|n| own(&|o| o.number == Some(n))))
                .or_else(|| {
                    let w = t.written.to_lowercase();
                    own(&|o| unqualified(o) == w)
                });
                if let Some(p) = hit {
                    found.push((i, k, p));
                }
            }
        }
        for (i, k, p) in found {
            self.entries[i].parsed.adr.relations[k].target.path = Some(p);
        }
    }

    /// Finds the ADR named on the command line: `7`, `0007`, `ADR-7`, an id, a file name or a
    /// path; with several sources, qualified by one (`payments/7`). Ambiguous numbers and
    /// unknown names are errors that say what to do.
    pub fn find(&self, arg: &str) -> Result<usize> {
        if !self.sources.is_empty() {
            return self.find_qualified(arg);
        }
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
            return match self.with_number(None, n).as_slice() {
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

    /// The ADRs of `source` (all for `None`) that `rest` names as a file name, a number or an
    /// id, with what it names (`numbered 3`) for messages.
    fn matching(&self, source: Option<&str>, rest: &str) -> (String, Vec<usize>) {
        let candidates: Vec<usize> = (0..self.entries.len())
            .filter(|&i| source.is_none_or(|s| self.entries[i].adr().source.as_deref() == Some(s)))
            .collect();
        let pick = |f: &dyn Fn(&Adr) -> bool| -> Vec<usize> {
            candidates
                .iter()
                .copied()
                .filter(|&i| f(self.entries[i].adr()))
                .collect()
        };
        let lower = rest.to_lowercase();
        if rest.ends_with(".md") {
            (format!("named `{rest}`"), pick(&|o| o.file_name == rest))
        } else if let Some(n) = crate::model::number_in_ref(rest)
            .filter(|_| !rest.contains('-') || lower.starts_with("adr"))
        {
            (format!("numbered {n}"), pick(&|o| o.number == Some(n)))
        } else {
            let stem = lower.trim_end_matches(".md");
            (
                format!("named `{rest}`"),
                pick(&|o| {
                    o.local_id().to_lowercase() == lower
                        || o.file_name
                            .to_lowercase()
                            .trim_end_matches(".md")
                            .trim_end_matches(".markdown")
                            == stem
                }),
            )
        }
    }

    /// [`Loaded::find`] in a repository with several sources: `payments/3` looks in one, a
    /// bare `3` in all (an error listing the matches when several sources have it).
    fn find_qualified(&self, arg: &str) -> Result<usize> {
        let a = arg.trim();
        if a.contains('/')
            && let Some(i) = self.at_path(a).or_else(|| self.at_path_loosely(a))
        {
            return Ok(i);
        }
        let (source, rest) = match a.split_once('/') {
            Some((s, r)) => match self.sources.iter().find(|x| x.eq_ignore_ascii_case(s)) {
                Some(s) => (Some(s.as_str()), r),
                None => {
                    return Err(Error::Usage(format!(
                        "no ADR named `{a}`: `{s}` is not a source; the sources are {}",
                        self.sources.join(", ")
                    )));
                }
            },
            None => (None, a),
        };
        let (what, matches) = self.matching(source, rest);
        let list = |v: &[usize]| {
            v.iter()
                .map(|&i| self.entries[i].adr().id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match matches.as_slice() {
            [] => Err(Error::Usage(match source {
                Some(s) => format!(
                    "no ADR {what} in source `{s}`; `adrgov list --source {s}` shows its ADRs"
                ),
                None => format!("no ADR {what}; `adrgov list` shows the ADRs there are"),
            })),
            [one] => Ok(*one),
            many if self.one_source(many) => Err(Error::Usage(format!(
                "{} ADRs are {what} ({}); name one by its path",
                many.len(),
                many.iter()
                    .map(|&i| self.entries[i].adr().path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            many => Err(Error::Usage(format!(
                "`{a}` is ambiguous: {} sources have an ADR {what} ({}); qualify it with its source, like `{}`",
                many.len(),
                list(many),
                self.entries[many[0]].adr().id
            ))),
        }
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

#[cfg(test)]
mod read_tests {
    use super::read_to_end;
    use std::io::Write;

    #[test]
    fn a_file_reads_as_it_was_when_opened_and_an_unsized_one_to_its_end() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("0001-a.md");
        std::fs::write(&path, "# 1. A\n").unwrap_or_else(|e| panic!("{e}"));
        let open = || std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut file = open();
        // Appended after the size was taken: a later version, not read now.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"\nMore.\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        let got = read_to_end(&mut file, 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, b"# 1. A\n");
        // A file that says it is empty (as those of /proc do) is read to its end.
        let got = read_to_end(&mut open(), 0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, b"# 1. A\n\nMore.\n");
        // A file shorter than it said is read to its end.
        let got = read_to_end(&mut open(), 100).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, b"# 1. A\n\nMore.\n");
    }

    /// Directories holding two or more of the files are opened, 64 at most, the fullest
    /// first; every file opens, by name or by path, and a symbolic link is refused both ways.
    #[cfg(unix)]
    #[test]
    fn files_open_by_name_in_their_open_directory_or_by_path() {
        use super::DirsOpen;
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut files = Vec::new();
        let mut write = |sub: &str, name: &str| {
            let d = dir.path().join(sub);
            std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
            let p = d.join(name);
            std::fs::write(&p, format!("{sub}/{name}")).unwrap_or_else(|e| panic!("{e}"));
            files.push(p);
        };
        for name in ["a.md", "b.md", "c.md"] {
            write("full", name);
        }
        write("single", "only.md");
        for i in 0..70 {
            write(&format!("pair{i:02}"), "x.md");
            write(&format!("pair{i:02}"), "y.md");
        }
        let link = dir.path().join("full").join("link.md");
        std::os::unix::fs::symlink(&files[0], &link).unwrap_or_else(|e| panic!("{e}"));
        let open = DirsOpen::of(files.iter().map(|p| p.as_path()));
        assert_eq!(open.dirs.len(), 64);
        assert!(open.dirs.contains_key(&dir.path().join("full")));
        assert!(!open.dirs.contains_key(&dir.path().join("single")));
        for p in &files {
            let mut text = String::new();
            open.open_no_follow(p)
                .and_then(|mut f| f.read_to_string(&mut text))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let rel = p.strip_prefix(dir.path()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(text, rel.to_string_lossy());
        }
        assert!(open.open_no_follow(&link).is_err());
        assert!(super::open_no_follow(&link).is_err());
        let gone = dir.path().join("full").join("gone.md");
        assert_eq!(
            open.open_no_follow(&gone).err().map(|e| e.kind()),
            Some(std::io::ErrorKind::NotFound)
        );
    }
}
