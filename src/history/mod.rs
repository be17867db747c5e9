//! History from git in one pass: for every ADR, when and by whom it was created, last changed,
//! every author, and its status timeline, following renames and directory moves.
//!
//! One walk of the commits reachable from HEAD (all parents, like `git log --full-history`),
//! newest first. A commit whose ADR-directory tree ids equal its parent's is skipped without a
//! diff; otherwise only those directories are diffed (sub-directories too). Paths are tracked
//! backwards, on each line of history separately (a merge hands a file to the parent it came
//! from unchanged, as `git log` simplifies history): a current ADR's path maps to the ADR; a
//! rename (from anywhere in the repository) maps the old path to it; the commit that adds a
//! tracked path is its creation, after which the path is no longer tracked on that line (a
//! reused file name is another ADR).

mod cache;
mod objects;
pub mod removed;
pub mod renames;
pub mod stale;
pub mod today;

pub use renames::renames;

use crate::model::RepoPath;
use crate::parse::{self, Vocab};
use crate::repo::git::Git;
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What one version of a file says: its status and its relations (kind, target as written).
type BlobMeta = (
    Option<String>,
    BTreeSet<(crate::model::RelationKind, String)>,
    u64,
);

/// How similar (percent) a deleted and an added file must be to count as one file renamed.
/// Higher than git's 50: libgit2's similarity score runs higher than git's, and a decision that
/// replaces another under a reused number (madr's 0003: 46% for git) is a new ADR, not a rename.
const RENAME_THRESHOLD: u16 = 60;

/// When, who, which commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Author time in the author's own UTC offset (printed as the day, `YYYY-MM-DD`).
    #[serde(rename = "date", serialize_with = "serialize_day")]
    pub when: When,
    /// Author name (after `.mailmap`).
    pub author: String,
    /// Full commit id.
    pub commit: String,
    /// True when the history is cut (shallow clone) at this commit: the real date is this one
    /// or earlier.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_or_before: bool,
}

/// A commit's author time, in the author's own UTC offset.
pub type When = chrono::DateTime<chrono::FixedOffset>;

/// Serializes a time as its day in its own offset (`YYYY-MM-DD`): the JSON contract.
fn serialize_day<S: serde::Serializer>(when: &When, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&when.date_naive())
}

impl Fact {
    /// The day, in the author's offset.
    pub fn date(&self) -> chrono::NaiveDate {
        self.when.date_naive()
    }
}

/// What a commit did to an ADR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// The commit that added the file (following renames).
    Created,
    /// Its status changed.
    Status,
    /// A relation was added.
    Relation,
    /// The file was renamed or moved (and nothing above changed).
    Renamed,
    /// Any other change of its text.
    Edited,
}

/// One commit's change to one ADR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Author time (author's offset; printed as the day, `YYYY-MM-DD`).
    #[serde(rename = "date", serialize_with = "serialize_day")]
    pub when: When,
    /// Author.
    pub author: String,
    /// Commit id.
    pub commit: String,
    /// What happened.
    pub kind: EventKind,
    /// Normalized status in that commit's version of the file.
    pub status: Option<String>,
    /// Path of the file in that commit (from the root).
    pub path: RepoPath,
    /// Hash of the text without its status and relation lines (for `accepted-edited`).
    #[serde(skip)]
    pub content: u64,
}

impl Event {
    /// The day, in the author's offset.
    pub fn date(&self) -> chrono::NaiveDate {
        self.when.date_naive()
    }
}

/// What history says about one ADR.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdrHistory {
    /// First commit.
    pub created: Option<Fact>,
    /// Last commit.
    pub updated: Option<Fact>,
    /// Distinct authors, sorted.
    pub authors: Vec<String>,
    /// Events in time order (oldest first).
    pub events: Vec<Event>,
}

/// History of every ADR, by current path (relative to the repository root).
#[derive(Debug, Default)]
pub struct History {
    /// Per current path.
    pub by_path: HashMap<RepoPath, AdrHistory>,
    /// Why some facts are unknown, each said once (no repository, shallow clone, …).
    pub notes: Vec<String>,
    /// Commits walked.
    pub commits: usize,
    /// Commits diffed (their ADR directories differed from the parent's).
    pub diffed: usize,
}

/// A raw event found during the walk (newest first).
struct Raw {
    adr: usize,
    order: usize,
    commit: Oid,
    blob: Oid,
    path: String,
    created: bool,
    renamed: bool,
}

/// Reads history for the ADRs at `paths` (relative to the workspace root, which holds the ADR
/// directories `dirs`, one per source) from `git`, the workspace's repository, without the
/// cache. Never fails: what cannot be known is left empty and said in `notes`.
pub fn read(git: Option<&Git>, dirs: &[String], paths: &[RepoPath], vocab: &Vocab) -> History {
    let opts = Options {
        cache: false,
        on_progress: &|_| {},
    };
    read_with(git, dirs, paths, vocab, &opts)
}

/// [`read`] as `opts` says (the cache, a progress callback for the command line).
pub fn read_with(
    git: Option<&Git>,
    dirs: &[String],
    paths: &[RepoPath],
    vocab: &Vocab,
    opts: &Options<'_>,
) -> History {
    read_after(git, dirs, paths, vocab, opts, None)
}

/// [`read_with`], starting from what [`read_ahead`] found (when it was read for the same
/// directories and vocabulary; otherwise it is looked up again).
pub fn read_after(
    git: Option<&Git>,
    dirs: &[String],
    paths: &[RepoPath],
    vocab: &Vocab,
    opts: &Options<'_>,
    ahead: Option<Ahead>,
) -> History {
    let mut h = History::default();
    // Reading only: like `git log` (and unlike `git fsck`), do not re-hash every object read.
    // Hash verification was 40% of the history pass on a 20,000-commit repository.
    git2::opts::strict_hash_verification(false);
    let Some(git) = git else {
        h.notes
            .push("not a git repository: created, updated and authors are unknown".into());
        return h;
    };
    if git.is_bare() {
        h.notes.push("bare repository: history is not read".into());
        return h;
    }
    // Paths in git are relative to the work tree; ours are relative to the root.
    let Some(root_in_repo) = git.root_in_workdir() else {
        h.notes
            .push("cannot resolve the repository's work tree: history is not read".into());
        return h;
    };
    git.with(|repo| {
        let dir_git: Vec<String> = dirs.iter().map(|d| join(root_in_repo, d)).collect();
        let ahead = ahead
            .filter(|a| {
                a.dir_git == dir_git && a.vocab == format!("{vocab:?}") && a.cache == opts.cache
            })
            .unwrap_or_else(|| look_up(repo, dir_git, vocab, opts.cache));
        read_in(repo, root_in_repo, paths, vocab, &mut h, opts, ahead);
    });
    h
}

/// What the cache holds for HEAD, looked up before the ADRs are loaded (the file is read and
/// parsed on another thread while they are): give it to [`read_after`].
pub struct Ahead {
    dir_git: Vec<String>,
    vocab: String,
    cache: bool,
    head: Option<Oid>,
    /// Where the cache is and its key (none without the cache).
    store: Option<(std::path::PathBuf, String)>,
    /// The cached entry of HEAD, else of the newest cached HEAD that HEAD descends from.
    base: Option<cache::Entry>,
}

/// Looks up what the cache holds for HEAD (nothing without a repository or with `cache`
/// false): the part of a warm history read that does not need the ADR paths.
///
/// With `every_path` (the command will read the history of every ADR), the cached histories
/// are decoded here too.
pub fn read_ahead(
    git: Option<&Git>,
    dirs: &[String],
    vocab: &Vocab,
    cache: bool,
    every_path: bool,
) -> Option<Ahead> {
    let git = git.filter(|g| !g.is_bare())?;
    let root_in_repo = git.root_in_workdir()?;
    let dir_git: Vec<String> = dirs.iter().map(|d| join(root_in_repo, d)).collect();
    let mut ahead = git.with(|repo| look_up(repo, dir_git, vocab, cache));
    if every_path && let Some(base) = &mut ahead.base {
        base.decode_all();
        base.assemble_all(adr_history);
    }
    Some(ahead)
}

fn look_up(repo: &Repository, dir_git: Vec<String>, vocab: &Vocab, use_cache: bool) -> Ahead {
    let head = repo
        .head()
        .and_then(|r| r.peel_to_commit())
        .ok()
        .map(|c| c.id());
    let store = use_cache.then(|| {
        (
            cache::location(repo.path()),
            cache_key(repo, &dir_git, vocab),
        )
    });
    let base = match (&store, head) {
        (Some((at, key)), Some(head)) => base_entry(repo, head, at, key),
        _ => None,
    };
    Ahead {
        dir_git,
        vocab: format!("{vocab:?}"),
        cache: use_cache,
        head,
        store,
        base,
    }
}

/// How to read history.
pub struct Options<'a> {
    /// Use the history cache under the git directory (read it, and store what was learnt).
    pub cache: bool,
    /// Called with the number of commits walked so far after each one.
    pub on_progress: &'a dyn Fn(usize),
}

/// [`read`] in the repository, whose work tree holds the root at `root_in_repo`.
///
/// With the cache: the newest cached HEAD that HEAD descends from is the base; the commits
/// after it are walked, and a path that reaches the base continues with the base's history
/// of it. What the cache cannot answer exactly (a path it was not asked about, a history that
/// reaches an older commit through a merged branch, a history that split at a merge) is
/// walked cold, for those ADRs only: a file's history never depends on which other files are
/// followed, so the answer is the cold walk's, always.
fn read_in(
    repo: &Repository,
    root_in_repo: &Path,
    paths: &[RepoPath],
    vocab: &Vocab,
    h: &mut History,
    opts: &Options<'_>,
    ahead: Ahead,
) {
    let to_git = |p: &str| -> String { join(root_in_repo, p) };
    let from_git = |p: &str| -> Option<RepoPath> {
        let pp = Path::new(p);
        pp.strip_prefix(root_in_repo).ok().map(RepoPath::from_path)
    };
    let git_paths: Vec<String> = paths.iter().map(|p| to_git(p)).collect();
    let Ahead {
        dir_git,
        head,
        store,
        base,
        ..
    } = ahead;
    let mut ctx = Assemble {
        repo,
        vocab,
        from_git: &from_git,
        metas: HashMap::new(),
        store: objects::Store::open(repo),
    };
    // Per ADR: its history (`Some(None)`: no commit holds it), once known.
    let mut found: Vec<Option<Option<cache::PathHistory>>> = vec![None; paths.len()];
    let mut walked = false;
    let mut base = base;
    // Histories assembled ahead, from the same cached entries (see `read_ahead`).
    let mut ready: Vec<Option<AdrHistory>> = Vec::new();
    if let (Some(head), Some(base)) = (head, &mut base) {
        if base.head == head.to_string() {
            ready = git_paths.iter().map(|p| base.take_history(p)).collect();
            for (i, p) in git_paths.iter().enumerate() {
                found[i] = base.take(p);
            }
        } else {
            walked = true;
            warm(&mut ctx, &dir_git, &git_paths, base, h, opts, &mut found);
        }
    }
    walked |= cold(&mut ctx, &dir_git, &git_paths, h, opts, &mut found);
    crate::trace("histories assembled");
    let uncommitted = histories_by_path(h, paths, &found, ready);
    // What was learnt is kept, unless the walk could not see everything.
    if let (Some((at, key)), Some(head)) = (&store, head)
        && walked
        && h.notes.is_empty()
    {
        let same_head = base.filter(|b| b.head == head.to_string());
        remember(at, key, head, &git_paths, found, same_head);
    } else {
        drop_aside((found, base), paths.len());
    }
    if uncommitted > 0 && h.notes.is_empty() {
        h.notes.push(uncommitted_note(uncommitted));
    }
}

/// Drops `big` on a thread of its own when it holds many histories (thousands of small strings,
/// most made on the read-ahead thread: freeing them took a millisecond of the command's own
/// time); the command does not wait for it.
fn drop_aside<T: Send + 'static>(big: T, histories: usize) {
    if histories >= 256 {
        // A thread that cannot be started drops `big` itself.
        let _ = std::thread::Builder::new().spawn(move || drop(big));
    }
}

/// Puts the history of each path that has one into `h` (one `ready` ahead, else assembled
/// from `found`); returns how many have none (not committed yet).
fn histories_by_path(
    h: &mut History,
    paths: &[RepoPath],
    found: &[Option<Option<cache::PathHistory>>],
    mut ready: Vec<Option<AdrHistory>>,
) -> usize {
    let mut uncommitted = 0;
    h.by_path.reserve(paths.len());
    for (i, f) in found.iter().enumerate() {
        match f.as_ref().and_then(Option::as_ref) {
            Some(ph) => {
                let made = ready.get_mut(i).and_then(Option::take);
                h.by_path
                    .insert(paths[i].clone(), made.unwrap_or_else(|| adr_history(ph)));
            }
            None => uncommitted += 1,
        }
    }
    uncommitted
}

/// Walks the history of every ADR whose `found` slot is still unknown, cold; true when there
/// was one.
fn cold(
    ctx: &mut Assemble<'_>,
    dir_git: &[String],
    git_paths: &[String],
    h: &mut History,
    opts: &Options<'_>,
    found: &mut [Option<Option<cache::PathHistory>>],
) -> bool {
    let residual: Vec<usize> = (0..found.len()).filter(|&i| found[i].is_none()).collect();
    if residual.is_empty() {
        return false;
    }
    // The walk reads each object once and keeps what it needs of it: libgit2's object cache
    // only cost (storing every commit and small tree, its locks, the memory: 10% of a cold
    // walk of 20,000 commits, and 100 MB of 625 on 100,000). It is a process-wide setting,
    // turned back on after.
    git2::opts::enable_caching(false);
    let odb = ctx.repo.odb().ok();
    let objects = objects::Objects::new(ctx.store.as_ref(), odb.as_ref());
    let mut walker = Walker::new(ctx.repo, objects, dir_git.to_vec());
    walker.cold = true;
    let tracked = residual
        .iter()
        .map(|&i| (git_paths[i].clone(), i))
        .collect();
    walker.run(tracked, None, h, opts.on_progress);
    let mut per_adr = raws_per_adr(&mut walker, found.len());
    ctx.read_versions(residual.iter().map(|&i| per_adr[i].as_slice()));
    crate::trace("versions read");
    for &i in &residual {
        let raws = std::mem::take(&mut per_adr[i]);
        found[i] = Some(ctx.assemble(&walker, i, None, &raws));
    }
    git2::opts::enable_caching(true);
    true
}

/// Stores the histories `found` at `head` in the cache at `at`, with what was known there.
fn remember(
    at: &Path,
    key: &str,
    head: Oid,
    git_paths: &[String],
    found: Vec<Option<Option<cache::PathHistory>>>,
    same_head: Option<cache::Entry>,
) {
    let head = head.to_string();
    let mut known = same_head.map(cache::Entry::into_paths).unwrap_or_default();
    known.extend(
        git_paths
            .iter()
            .cloned()
            .zip(found.into_iter().map(Option::flatten)),
    );
    cache::save(at, key, &head, &known);
}

/// The cached entry of `head`, else of the newest cached HEAD that `head` descends from.
fn base_entry(repo: &Repository, head: Oid, at: &Path, key: &str) -> Option<cache::Entry> {
    let hex = head.to_string();
    cache::load(at, key, &hex).or_else(|| {
        cache::heads(at)
            .into_iter()
            .filter(|b| *b != hex)
            .filter(|b| {
                Oid::from_str(b).is_ok_and(|b| repo.graph_descendant_of(head, b).unwrap_or(false))
            })
            .find_map(|b| cache::load(at, key, &b))
    })
}

/// Walks the commits after `base` for every path and continues each history that reaches
/// `base` with the cached one; leaves `found[i]` unknown where that would not be exact.
fn warm(
    ctx: &mut Assemble<'_>,
    dir_git: &[String],
    git_paths: &[String],
    base: &cache::Entry,
    h: &mut History,
    opts: &Options<'_>,
    found: &mut [Option<Option<cache::PathHistory>>],
) {
    let Ok(base_id) = Oid::from_str(&base.head) else {
        return;
    };
    let odb = ctx.repo.odb().ok();
    let objects = objects::Objects::new(ctx.store.as_ref(), odb.as_ref());
    let mut walker = Walker::new(ctx.repo, objects, dir_git.to_vec());
    let tracked = git_paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), i))
        .collect();
    walker.run(tracked, Some(base_id), h, opts.on_progress);
    // What reached the base: each ADR's older part (a path the base knows), else unknown.
    let mut older: Vec<Vec<Option<cache::PathHistory>>> = vec![Vec::new(); git_paths.len()];
    let mut unknown: HashSet<usize> = walker.split.clone();
    for (Id(at), track) in std::mem::take(&mut walker.pending) {
        for (p, adrs) in track.paths {
            let cached = (at == base_id).then(|| base.get(&p)).flatten();
            for a in adrs {
                match &cached {
                    Some(ph) => older[a].push(ph.clone()),
                    None => {
                        unknown.insert(a);
                    }
                }
            }
        }
    }
    let mut per_adr = raws_per_adr(&mut walker, git_paths.len());
    for (i, slot) in found.iter_mut().enumerate() {
        if unknown.contains(&i) {
            continue;
        }
        let before = match older[i].as_slice() {
            [] | [None] => None,
            [Some(ph)] if ph.linear => Some(ph),
            _ => continue,
        };
        let raws = std::mem::take(&mut per_adr[i]);
        *slot = Some(ctx.assemble(&walker, i, before, &raws));
    }
}

/// The raw events of each ADR, oldest first.
fn raws_per_adr(walker: &mut Walker<'_>, n: usize) -> Vec<Vec<Raw>> {
    let mut per_adr: Vec<Vec<Raw>> = (0..n).map(|_| Vec::new()).collect();
    for r in walker.raw.drain(..) {
        per_adr[r.adr].push(r);
    }
    for raws in &mut per_adr {
        raws.sort_by_key(|r| std::cmp::Reverse(r.order));
    }
    per_adr
}

/// What determines the cached answer: the ADR directories (one per source; a single directory
/// keys as it always did), the mailmap, the rename rule, the vocabulary, the shallow boundary.
fn cache_key(repo: &Repository, dir_git: &[String], vocab: &Vocab) -> String {
    let read = |p: &Path| std::fs::read(p).unwrap_or_default();
    let mailmap = repo
        .workdir()
        .map(|w| read(&w.join(".mailmap")))
        .unwrap_or_default();
    let config = repo.config().ok();
    let setting = |name: &str| {
        config
            .as_ref()
            .and_then(|c| c.get_string(name).ok())
            .unwrap_or_default()
    };
    let mailmap_file = setting("mailmap.file");
    let mailmap_file_text = if mailmap_file.is_empty() {
        Vec::new()
    } else {
        read(Path::new(&mailmap_file))
    };
    let rename = format!("{RENAME_THRESHOLD} stem-title");
    // The build itself: two builds of one version may read history differently.
    let build = crate::repo::build_id();
    let vocab = format!("{vocab:?}");
    cache::key(&[
        ("dir", dir_git.join("\n").as_bytes()),
        ("mailmap", &mailmap),
        ("mailmap.file", mailmap_file_text.as_slice()),
        ("mailmap.blob", setting("mailmap.blob").as_bytes()),
        ("rename", rename.as_bytes()),
        ("build", build.as_bytes()),
        ("vocab", vocab.as_bytes()),
        ("shallow", &read(&repo.path().join("shallow"))),
    ])
}

/// Turns raw events into histories, reading each version of a file once.
struct Assemble<'a> {
    repo: &'a Repository,
    vocab: &'a Vocab,
    from_git: &'a dyn Fn(&str) -> Option<RepoPath>,
    metas: HashMap<Oid, BlobMeta>,
    /// gitoxide's object store of `repo` (see `objects`), when it opens.
    store: Option<objects::Store>,
}

impl Assemble<'_> {
    /// Reads every version of a file the events `raws` (of the ADRs in the order they are
    /// assembled) name and not read yet, as [`Assemble::assemble`] would: each with the path
    /// of its first event. This thread reads the objects; another parses them meanwhile
    /// (parsing was half the time of assembling 1,000 histories; libgit2 reads are best left
    /// to one thread).
    fn read_versions<'x>(&mut self, raws: impl Iterator<Item = &'x [Raw]>) {
        let mut seen: HashSet<Oid> = HashSet::new();
        let mut todo: Vec<(Oid, &str)> = Vec::new();
        for r in raws.flatten() {
            if !self.metas.contains_key(&r.blob) && seen.insert(r.blob) {
                todo.push((r.blob, &r.path));
            }
        }
        // Not worth a thread for a few.
        const BATCH: usize = 64;
        let odb = self.repo.odb().ok();
        let objects = objects::Objects::new(self.store.as_ref(), odb.as_ref());
        if !objects.available() || todo.len() < 2 * BATCH {
            return;
        }
        let vocab = self.vocab;
        let parsed = std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::channel::<Vec<(Oid, String, Vec<u8>)>>();
            let parser = s.spawn(move || {
                rx.into_iter()
                    .flatten()
                    .map(|(blob, path, text)| (blob, text_meta(&text, &path, vocab)))
                    .collect::<Vec<_>>()
            });
            let mut batch = Vec::with_capacity(BATCH);
            for (blob, path) in todo {
                match objects.read(blob) {
                    Ok(o) if o.kind == git2::ObjectType::Blob => {
                        batch.push((blob, path.to_string(), o.data.to_vec()));
                    }
                    // What `blob_meta` makes of it (`find_blob` fails alike).
                    _ => {
                        let m = blob_meta(self.repo, blob, path, vocab);
                        self.metas.insert(blob, m);
                    }
                }
                if batch.len() == BATCH {
                    let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
            let _ = tx.send(batch);
            drop(tx);
            parser.join().unwrap_or_default()
        });
        self.metas.extend(parsed);
    }

    /// The history of ADR `adr`: `before` (a cached history its path continues) then its
    /// raw events from `walker` (oldest first); `None` when both are empty.
    fn assemble(
        &mut self,
        walker: &Walker<'_>,
        adr: usize,
        before: Option<&cache::PathHistory>,
        raws: &[Raw],
    ) -> Option<cache::PathHistory> {
        let mut events = before.map(|b| b.events.clone()).unwrap_or_default();
        let mut prev: Option<BlobMeta> = before.and_then(|b| {
            let last = b.events.last()?;
            Some((
                last.status.clone(),
                b.last_relations.iter().cloned().collect(),
                last.content,
            ))
        });
        for r in raws {
            let meta = self
                .metas
                .entry(r.blob)
                .or_insert_with(|| blob_meta(self.repo, r.blob, &r.path, self.vocab))
                .clone();
            let kind = event_kind(prev.as_ref(), &meta, r);
            let sig = &walker.sigs[&r.commit];
            events.push(Event {
                when: sig.when,
                author: sig.author.clone(),
                commit: sig.commit.clone(),
                kind,
                status: meta.0.clone(),
                path: (self.from_git)(&r.path)
                    .unwrap_or_else(|| RepoPath::from_path(Path::new(&r.path))),
                content: meta.2,
            });
            prev = Some(meta);
        }
        if events.is_empty() {
            return None;
        }
        let cut = match before {
            Some(b) => b.cut,
            None => raws
                .first()
                .is_some_and(|r| walker.shallow_roots.contains(&r.commit)),
        };
        Some(cache::PathHistory {
            events,
            cut,
            last_relations: prev.map(|m| m.1.into_iter().collect()).unwrap_or_default(),
            linear: !walker.split.contains(&adr) && before.is_none_or(|b| b.linear),
        })
    }
}

/// What the commit of `r` did, given the file's previous version (`None` for the first).
fn event_kind(prev: Option<&BlobMeta>, meta: &BlobMeta, r: &Raw) -> EventKind {
    match prev {
        None => EventKind::Created,
        Some(_) if r.created => EventKind::Created,
        Some((st, rels, _)) => {
            if *st != meta.0 {
                EventKind::Status
            } else if !meta.1.is_subset(rels) {
                EventKind::Relation
            } else if r.renamed {
                EventKind::Renamed
            } else {
                EventKind::Edited
            }
        }
    }
}

/// The history of one ADR from its events (oldest first, not empty).
fn adr_history(ph: &cache::PathHistory) -> AdrHistory {
    let fact = |e: &Event| Fact {
        when: e.when,
        author: e.author.clone(),
        commit: e.commit.clone(),
        at_or_before: false,
    };
    let authors: BTreeSet<String> = ph.events.iter().map(|e| e.author.clone()).collect();
    AdrHistory {
        created: ph.events.first().map(|e| Fact {
            at_or_before: ph.cut,
            ..fact(e)
        }),
        updated: ph.events.last().map(fact),
        authors: authors.into_iter().collect(),
        events: ph.events.clone(),
    }
}

/// The note for ADRs no commit holds yet.
fn uncommitted_note(uncommitted: usize) -> String {
    format!(
        "{uncommitted} ADR{} not committed yet: {} date and authors are unknown",
        if uncommitted == 1 { " is" } else { "s are" },
        if uncommitted == 1 { "its" } else { "their" }
    )
}

fn join(prefix: &Path, p: &str) -> String {
    let p = p.trim_start_matches("./");
    if prefix.as_os_str().is_empty() {
        if p == "." {
            String::new()
        } else {
            p.to_string()
        }
    } else if p == "." || p.is_empty() {
        prefix.to_string_lossy().replace('\\', "/")
    } else {
        format!("{}/{}", prefix.to_string_lossy().replace('\\', "/"), p)
    }
}

/// Status and relations of one version of a file.
fn blob_meta(repo: &Repository, blob: Oid, path: &str, vocab: &Vocab) -> BlobMeta {
    let Ok(b) = repo.find_blob(blob) else {
        return (None, BTreeSet::new(), 0);
    };
    text_meta(b.content(), path, vocab)
}

/// Status and relations of `data`, the text of a version of the file at `path`.
fn text_meta(data: &[u8], path: &str, vocab: &Vocab) -> BlobMeta {
    let text = String::from_utf8_lossy(data);
    let name = path.rsplit('/').next().unwrap_or(path);
    let p = parse::parse(path, name, &text, vocab);
    let rels = p
        .adr
        .relations
        .iter()
        .map(|r| (r.kind.clone(), r.target.written.clone()))
        .collect();
    let content = content_hash(&text, &p);
    (p.adr.status, rels, content)
}

/// A hash of a file's text without the lines that may change after acceptance: the status
/// (every line of a status log or task list), relation lines (and front-matter status and
/// relation keys), what it governs, blank lines and the `## Links` and `## Governs` headings.
pub fn content_hash(text: &str, p: &parse::Parsed) -> u64 {
    use std::hash::Hasher;
    let layout = &p.layout;
    // Line numbers (1-based, like every line number the parser gives).
    let mut skip: HashSet<usize> = p.adr.relations.iter().map(|r| r.line).collect();
    // What a decision governs follows the code (`adrgov govern`), like its relations.
    skip.extend(p.adr.governs.iter().map(|g| g.line));
    if let Some(sec) = parse::governs::governs_section(layout) {
        skip.extend(sec.starts..=sec.heading);
    }
    match layout.status {
        // Checking another status in a task list rewrites every box that changes.
        // A status log grows by an entry (and a table's header stays with it).
        Some(
            parse::StatusAt::Checked(_, first, last) | parse::StatusAt::Logged(_, first, last),
        ) => skip.extend(first..=last),
        Some(at) => {
            skip.insert(at.line());
        }
        None => {}
    }
    if let Some(front) = &layout.front {
        for k in &front.keys {
            let name = k.name.to_ascii_lowercase();
            let relation = crate::model::RelationKind::new(&name).is_builtin()
                || p.adr.relations.iter().any(|r| r.line == k.line);
            if name == "status" || name == "governs" || relation {
                skip.extend(k.line..k.end);
            }
        }
    }
    if let Some(sec) = layout.links_section {
        skip.extend(sec.starts..=sec.heading);
    }
    // A hash that is the same in every build: it is kept in the history cache.
    let mut h = cache::Fnv::default();
    for n in 1..=layout.last_line() {
        let l = layout.line_at(text, n).trim_end();
        if skip.contains(&n) || l.is_empty() {
            continue;
        }
        h.write(without_link_targets(l).as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
}

/// A line as `accepted-edited` compares it: the targets of its Markdown links dropped and the
/// digits of their text too (`[ADR 16](0016-x.md)` → `[ADR ]()`). Where a link points, and the
/// number it names, are references, not the decision's words: `check --fix` repairing a link to
/// a renumbered ADR is not an edit of an accepted decision; any other word is.
fn without_link_targets(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("](") {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at);
        match before.rfind('[') {
            Some(open) => {
                out.push_str(&before[..=open]);
                out.extend(before[open + 1..].chars().filter(|c| !c.is_ascii_digit()));
            }
            None => out.push_str(before),
        }
        out.push_str("](");
        rest = &after[2..];
        match rest.find(')') {
            Some(close) => rest = &rest[close..],
            None => break,
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// What one line of history still follows: each path (in that commit) to its ADRs — usually
/// one; two when lines that diverged name one older file — and the directories holding them
/// (indices into `Walker::dirs`; a directory covers its sub-directories).
#[derive(Default)]
struct Track {
    paths: HashMap<String, Vec<usize>>,
    dirs: Vec<usize>,
}

impl Track {
    /// Adds what another child of the same commit follows.
    fn absorb(&mut self, other: Track) {
        for (p, adrs) in other.paths {
            let mine = self.paths.entry(p).or_default();
            for a in adrs {
                if !mine.contains(&a) {
                    mine.push(a);
                }
            }
        }
        for d in other.dirs {
            if !self.dirs.contains(&d) {
                self.dirs.push(d);
            }
        }
    }
}

/// A map keyed by object id, with a fast hash (the walk makes hundreds of thousands of look-ups;
/// object ids are not chosen by an attacker who could gain from collisions here).
type OidMap<V> = HashMap<Id, V, rustc_hash::FxBuildHasher>;

/// An object id as a map key: compared as bytes here (`Oid`'s own comparison is a call into
/// libgit2, 5% of a cold walk).
#[derive(Clone, Copy)]
struct Id(Oid);

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}

impl Eq for Id {}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_bytes().hash(state);
    }
}

struct Walker<'r> {
    repo: &'r Repository,
    /// Every directory some line of history follows (interned; `Track::dirs` index it).
    dirs: Vec<String>,
    /// What each commit not walked yet follows, given by its children (the walk is
    /// topological, so every child has been walked before its parent).
    pending: OidMap<Track>,
    raw: Vec<Raw>,
    sigs: HashMap<Oid, Fact>,
    /// Authors' names through the mailmap, by name and e-mail as written.
    mailmapped: HashMap<(String, String), String>,
    mailmap: Option<git2::Mailmap>,
    shallow_roots: HashSet<Oid>,
    /// ADRs whose history split at a merge (changed there, followed into several parents).
    split: HashSet<usize>,
    dir_cache: HashMap<(Id, usize), Option<Oid>, rustc_hash::FxBuildHasher>,
    /// One step of [`Walker::dir_id`]: (tree, directory, depth) → the sub-tree there.
    step_cache: HashMap<(Id, usize, usize), Option<Oid>, rustc_hash::FxBuildHasher>,
    objects: objects::Objects<'r>,
    /// Directory trees read as "parent" for the previous commit: in a linear stretch they are
    /// the next commit's "child" trees, so each version is read once.
    keep: HashMap<Oid, objects::Object>,
    /// The tree, parents and time of each commit listed, read once from its raw object.
    infos: OidMap<Info>,
    /// The boundary commits of a shallow clone (`.git/shallow`): their parents are not there.
    shallow: HashSet<Oid>,
    /// Whether this walk is cold (from HEAD to the first commit).
    cold: bool,
    /// The position of the commit walked in the walk.
    order: usize,
    /// Directory comparisons done ahead by another thread.
    ahead: Option<DiffsAhead>,
}

/// A followed directory (index into `Walker::dirs`) and its tree in a parent and a commit.
type Pair = (usize, Option<Oid>, Option<Oid>);

/// What the workers compare for one commit of the walk: the followed directories (all of
/// them, as the walk starts) that differ from its only parent's, and the two root trees.
struct Job {
    pairs: Vec<Pair>,
    tree: Oid,
    parent_tree: Option<Oid>,
}

/// Whether a commit deletes a file, and when it does, where the files it adds come from
/// (`None`: not known ahead).
type RenamesAhead = (bool, Option<Result<HashMap<String, String>, git2::Error>>);

/// What a worker found for one position of the walk.
struct Compared {
    order: usize,
    /// The changes of each directory pair compared.
    diffs: Vec<(Pair, Vec<Change>)>,
    /// When the changes add a file and every pair was compared: whether the commit deletes
    /// a file (in the directories, or anywhere outside them), and, when it does, where every
    /// added file comes from ([`sources`]; `None` when the worker could not open the
    /// repository).
    renames: Option<RenamesAhead>,
}

/// What other threads compare ahead of the walk (see [`diff_ahead`]).
struct DiffsAhead {
    /// One channel per worker.
    rxs: Vec<std::sync::mpsc::Receiver<Compared>>,
    /// Per worker, the position after its last message.
    next: Vec<usize>,
    /// The changes of the position walked not taken yet.
    ready: Vec<(Pair, Vec<Change>)>,
    /// The position of the last message and what its worker found of the renames there (see
    /// [`Compared`]).
    renames: Option<(usize, RenamesAhead)>,
    /// The directories every job compared (the followed ones as the walk starts).
    dirs: usize,
}

/// How many threads compare directories ahead of the walk: two, beside the walk, which mostly
/// waits for them.
const DIFF_WORKERS: usize = 2;

/// The positions of the walk each worker takes in turn (worker `w` takes the blocks `b` with
/// `b % DIFF_WORKERS == w`); a worker's channel holds four blocks (with one, a worker that
/// finished its block waited for the walk to take it while the other worked alone).
const DIFF_BLOCK: usize = 256;

/// What the walk needs of a commit, read from its raw object (a fraction of libgit2's parse
/// and object lookup, which read each commit four times over).
#[derive(Debug, Clone)]
struct Info {
    tree: Oid,
    parents: Vec<Oid>,
    /// Committer time (seconds): the order of `git log`.
    time: i64,
    /// The author line (after `author `), when the committer line is in git's usual form (see
    /// [`signature`]; libgit2 reads the commit when either is not).
    author: Option<Box<[u8]>>,
}

/// The tree, parents, committer time and author in the header of a raw commit object.
fn parse_commit(data: &[u8]) -> Option<Info> {
    let mut tree = None;
    let mut parents = Vec::new();
    let mut time = 0;
    let mut author: Option<&[u8]> = None;
    let mut plain_committer = false;
    for line in data.split(|&b| b == b'\n') {
        if line.is_empty() {
            break;
        }
        if let Some(hex) = line.strip_prefix(b"tree ") {
            tree = Some(hex_oid(hex)?);
        } else if let Some(hex) = line.strip_prefix(b"parent ") {
            parents.push(hex_oid(hex)?);
        } else if let Some(sig) = line.strip_prefix(b"author ")
            && author.is_none()
        {
            author = Some(sig);
        } else if let Some(sig) = line.strip_prefix(b"committer ") {
            match signature(sig) {
                Some((_, _, seconds, _)) => {
                    plain_committer = true;
                    time = seconds;
                }
                // `Name <email> 1700000000 +0100`, read leniently.
                None => {
                    if let Ok(sig) = std::str::from_utf8(sig) {
                        let mut from_end = sig.rsplitn(3, ' ');
                        let _offset = from_end.next();
                        time = from_end.next().and_then(|t| t.parse().ok()).unwrap_or(0);
                    }
                }
            }
        }
    }
    Some(Info {
        tree: tree?,
        parents,
        time,
        author: author.filter(|_| plain_committer).map(Box::from),
    })
}

/// A full object id written in hex (40 digits), else `None`.
fn hex_oid(hex: &[u8]) -> Option<Oid> {
    let mut bytes = [0u8; 20];
    if hex.len() != 40 {
        return None;
    }
    for (b, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
        let digit = |c: u8| (c as char).to_digit(16);
        *b = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
    }
    Oid::from_bytes(&bytes).ok()
}

/// A signature line as git writes it, `Name <email> 1700000000 +0100`: (name, email, seconds,
/// offset in minutes). `None` for anything else (no or several `<` or `>`, an empty name or
/// e-mail, a name that is not UTF-8, a time or offset out of git's form or range): those are
/// read by libgit2, which has its own ways with them.
fn signature(line: &[u8]) -> Option<(&str, &str, i64, i32)> {
    let lt = memchr::memchr(b'<', line)?;
    let gt = memchr::memchr(b'>', line)?;
    if gt < lt || memchr::memrchr(b'<', line) != Some(lt) || memchr::memrchr(b'>', line) != Some(gt)
    {
        return None;
    }
    fn trim(b: &[u8]) -> Option<&str> {
        let t = std::str::from_utf8(b)
            .ok()?
            .trim_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
        (!t.is_empty()).then_some(t)
    }
    let name = trim(&line[..lt])?;
    let email = trim(&line[lt + 1..gt])?;
    let rest = std::str::from_utf8(line[gt + 1..].strip_prefix(b" ")?).ok()?;
    let (seconds, zone) = rest.split_once(' ')?;
    if seconds.is_empty()
        || seconds.len() > 18
        || !seconds.bytes().all(|b| b.is_ascii_digit())
        || zone.len() != 5
        || !zone[1..].bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (hours, minutes): (i32, i32) = (zone[1..3].parse().ok()?, zone[3..5].parse().ok()?);
    if hours > 14 || minutes > 59 {
        return None;
    }
    let offset = match zone.as_bytes()[0] {
        b'+' => hours * 60 + minutes,
        b'-' => -(hours * 60 + minutes),
        _ => return None,
    };
    Some((name, email, seconds.parse().ok()?, offset))
}

/// Whether two trees (or their absence) are the same: compared as bytes (`Oid`'s own
/// comparison is a call into libgit2).
fn same(a: Option<Oid>, b: Option<Oid>) -> bool {
    a.as_ref().map(Oid::as_bytes) == b.as_ref().map(Oid::as_bytes)
}

/// Is `path` inside directory `dir` ("" is the repository root)?
fn inside(dir: &str, path: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl<'r> Walker<'r> {
    fn new(repo: &'r Repository, objects: objects::Objects<'r>, dirs: Vec<String>) -> Walker<'r> {
        Walker {
            repo,
            dirs,
            pending: OidMap::default(),
            raw: Vec::new(),
            sigs: HashMap::new(),
            mailmapped: HashMap::new(),
            mailmap: repo.mailmap().ok(),
            shallow_roots: HashSet::new(),
            split: HashSet::new(),
            dir_cache: HashMap::default(),
            step_cache: HashMap::default(),
            objects,
            keep: HashMap::new(),
            infos: OidMap::default(),
            shallow: HashSet::new(),
            cold: false,
            order: 0,
            ahead: None,
        }
    }

    /// The tree, parents and time of commit `oid` (a shallow boundary has no parents), read
    /// once; libgit2's parse when the raw object does not read.
    fn info(&mut self, oid: Oid) -> Result<&Info, git2::Error> {
        // One look-up for a commit read before (the listing reads every one first).
        let slot = match self.infos.entry(Id(oid)) {
            std::collections::hash_map::Entry::Occupied(o) => return Ok(o.into_mut()),
            std::collections::hash_map::Entry::Vacant(v) => v,
        };
        let raw = self
            .objects
            .with(oid, |kind, data| {
                (kind == git2::ObjectType::Commit)
                    .then(|| parse_commit(data))
                    .flatten()
            })
            .ok()
            .flatten();
        let mut info = match raw {
            Some(i) => i,
            None => {
                let c = self.repo.find_commit(oid)?;
                Info {
                    tree: c.tree_id(),
                    parents: c.parent_ids().collect(),
                    time: c.time().seconds(),
                    author: None,
                }
            }
        };
        if self.shallow.contains(&oid) {
            info.parents.clear();
        }
        Ok(slot.insert(info))
    }

    /// The tree id of directory `d` in the tree `tree` (None when absent). Reads the raw
    /// tree objects (no parsing into entries) and remembers every step: consecutive commits
    /// share most sub-trees.
    fn dir_id(&mut self, tree: Oid, d: usize) -> Option<Oid> {
        if let Some(v) = self.dir_cache.get(&(Id(tree), d)) {
            return *v;
        }
        let mut cur = Some(tree);
        let dir = self.dirs[d].clone();
        for (depth, name) in dir.split('/').filter(|c| !c.is_empty()).enumerate() {
            let Some(at) = cur else { break };
            cur = match self.step_cache.get(&(Id(at), d, depth)) {
                Some(v) => *v,
                None => {
                    let v = self
                        .objects
                        .with(at, |_, data| raw_subtree(data, name.as_bytes()))
                        .ok()
                        .flatten();
                    self.step_cache.insert((Id(at), d, depth), v);
                    v
                }
            };
        }
        self.dir_cache.insert((Id(tree), d), cur);
        cur
    }

    /// Hands what `track` follows to commit `to`.
    fn give(&mut self, to: Oid, track: Track) {
        if track.paths.is_empty() {
            return;
        }
        match self.pending.get_mut(&Id(to)) {
            Some(t) => t.absorb(track),
            None => {
                self.pending.insert(Id(to), track);
            }
        }
    }

    /// A walk from HEAD without `hide` and its ancestors; `None` (said in the notes) when
    /// there is no HEAD to walk from.
    fn start_walk(&self, hide: Option<Oid>, h: &mut History) -> Option<git2::Revwalk<'r>> {
        let mut walk = match self.repo.revwalk() {
            Ok(w) => w,
            Err(e) => {
                h.notes
                    .push(format!("cannot walk history: {}", e.message()));
                return None;
            }
        };
        if let Err(e) = walk.push_head() {
            h.notes.push(if e.code() == git2::ErrorCode::UnbornBranch {
                "no commits yet: created, updated and authors are unknown".into()
            } else {
                format!("cannot read HEAD: {}", e.message())
            });
            return None;
        }
        if let Some(hide) = hide
            && let Err(e) = walk.hide(hide)
        {
            h.notes
                .push(format!("cannot walk history: {}", e.message()));
            return None;
        }
        Some(walk)
    }

    /// Walks from HEAD, leaving out `hide` and its ancestors (what a cache already knows);
    /// what reaches a left-out commit stays in `pending`.
    fn run(
        &mut self,
        paths: HashMap<String, usize>,
        hide: Option<Oid>,
        h: &mut History,
        on_progress: &dyn Fn(usize),
    ) {
        let repo = self.repo;
        // The boundary commits of a shallow clone, listed in `.git/shallow`.
        self.shallow = if repo.is_shallow() {
            std::fs::read_to_string(repo.path().join("shallow"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| Oid::from_str(l.trim()).ok())
                .collect()
        } else {
            HashSet::new()
        };
        let Some(walk) = self.start_walk(hide, h) else {
            return;
        };
        if let Ok(head) = repo.head().and_then(|r| r.peel_to_commit()) {
            let track = Track {
                paths: paths.into_iter().map(|(p, a)| (p, vec![a])).collect(),
                dirs: (0..self.dirs.len()).collect(),
            };
            self.give(head.id(), track);
        }
        let mut missing = 0usize;
        let (listed, all_read) = self.list_commits(walk, hide, &mut |e| {
            missing += 1;
            if missing == 1 {
                h.notes.push(format!(
                    "history is incomplete (missing objects): {}",
                    e.message()
                ));
            }
        });
        crate::trace("commits listed");
        let (topo, jobs) = self.order(listed, all_read);
        crate::trace("commits ordered");
        let store = self.objects.store();
        let dirs = self.dirs.clone();
        let git_dir = repo.path().to_path_buf();
        std::thread::scope(|s| {
            // Meanwhile other threads compare the followed directories of each commit with its
            // parent's, in the order of the walk (a bounded distance ahead).
            if let (Some(jobs), Some(store)) = (&jobs, &store) {
                let (dirs, git_dir) = (&dirs, &git_dir);
                let rxs = (0..DIFF_WORKERS)
                    .map(|worker| {
                        let (tx, rx) = std::sync::mpsc::sync_channel(4 * DIFF_BLOCK);
                        s.spawn(move || diff_ahead(store, git_dir, dirs, jobs, worker, tx));
                        rx
                    })
                    .collect();
                self.ahead = Some(DiffsAhead {
                    rxs,
                    next: vec![0; DIFF_WORKERS],
                    ready: Vec::new(),
                    renames: None,
                    dirs: dirs.len(),
                });
            }
            self.walk_commits(topo, &mut missing, h, on_progress);
            crate::trace("commits walked");
            // Stops the other thread.
            self.ahead = None;
        });
        if !self.shallow_roots.is_empty() {
            h.notes.push(
                "shallow clone: history before the cut is missing, so creation dates are \"at or before\" (fetch with --unshallow or fetch-depth: 0)".into(),
            );
        }
    }

    /// Walks `topo` (every child before its parents).
    fn walk_commits(
        &mut self,
        topo: Vec<Oid>,
        missing: &mut usize,
        h: &mut History,
        on_progress: &dyn Fn(usize),
    ) {
        let shallow = self.shallow.clone();
        for (order, oid) in topo.into_iter().enumerate() {
            if self.pending.is_empty() {
                break;
            }
            h.commits += 1;
            on_progress(h.commits);
            // A commit no line of history follows anything through has nothing to say.
            let Some(track) = self.pending.remove(&Id(oid)) else {
                continue;
            };
            self.order = order;
            if let Err(e) = self.commit(oid, order, shallow.contains(&oid), track, h) {
                *missing += 1;
                if *missing == 1 {
                    h.notes.push(format!(
                        "history is incomplete: commit {oid}: {}",
                        e.message()
                    ));
                }
            }
        }
    }

    /// `listed` in the order of the walk ([`Walker::topological`]) and, for a cold walk of
    /// many commits whose listing read every commit (`all_read`), the jobs of
    /// [`diff_ahead`] in that order, worked out on another thread meanwhile.
    fn order(&mut self, listed: Vec<Oid>, all_read: bool) -> (Vec<Oid>, Option<Vec<Job>>) {
        if !self.cold || !all_read || listed.len() < 64 {
            return (self.topological(listed), None);
        }
        let (infos, dir_cache, dirs) = (&self.infos, &self.dir_cache, self.dirs.len());
        let (positions, jobs) = std::thread::scope(|s| {
            let jobs = s.spawn(|| jobs_for(infos, dir_cache, dirs, &listed));
            (topo_positions(infos, &listed), jobs.join().ok())
        });
        let topo = positions.iter().map(|&i| listed[i]).collect();
        let jobs = jobs.map(|jobs| {
            let mut jobs: Vec<Option<Job>> = jobs.into_iter().map(Some).collect();
            positions
                .iter()
                .filter_map(|&i| jobs.get_mut(i).and_then(Option::take))
                .collect()
        });
        (topo, jobs)
    }

    /// The changes of directory pair `key` at the commit walked, when the other thread
    /// compared it.
    fn changes_ahead(&mut self, key: Pair) -> Option<Vec<Change>> {
        let order = self.order;
        let a = self.ahead.as_mut()?;
        let w = (order / DIFF_BLOCK) % a.rxs.len();
        while a.next[w] <= order {
            match a.rxs[w].recv() {
                Ok(c) => {
                    a.next[w] = c.order + 1;
                    a.ready = c.diffs;
                    a.renames = c.renames.map(|r| (c.order, r));
                }
                Err(_) => {
                    self.ahead = None;
                    return None;
                }
            }
        }
        if a.next[w] != order + 1 {
            return None;
        }
        let i = a.ready.iter().position(|(k, _)| *k == key)?;
        Some(a.ready.swap_remove(i).1)
    }

    /// Do the followed directories of `track` have the same trees in `a` and `b`?
    fn same_dirs(&mut self, track: &Track, a: Oid, b: Oid) -> bool {
        track
            .dirs
            .iter()
            .all(|&d| same(self.dir_id(a, d), self.dir_id(b, d)))
    }

    /// A merge: each followed file goes to the first parent it is unchanged from (as `git log`
    /// simplifies history); a file changed by the merge itself goes to every parent holding it
    /// (its history splits); a file no parent holds was created by the merge. Decided file by
    /// file, so the history of a file never depends on which other files are followed.
    fn merge(
        &mut self,
        commit: &git2::Commit<'r>,
        order: usize,
        track: Track,
    ) -> Result<(), git2::Error> {
        let tree = commit.tree_id();
        let parents: Vec<(Oid, Option<Oid>)> = commit
            .parent_ids()
            .map(|id| (id, self.info(id).map(|c| c.tree).ok()))
            .collect();
        // The usual case: the first parent has the same followed directories.
        if let Some((id, Some(pt))) = parents.first()
            && self.same_dirs(&track, tree, *pt)
        {
            self.give(*id, track);
            return Ok(());
        }
        // Per parent, the followed files that differ from it: path → held by the parent.
        let mut differs: Vec<HashMap<String, bool>> = Vec::with_capacity(parents.len());
        for (_, pt) in &parents {
            let pairs = self.changed_dirs(&track, tree, *pt);
            let changes = self.collect_changes(pairs, false)?;
            differs.push(
                changes
                    .into_iter()
                    .map(|c| (c.path, c.kind != Delta::Added))
                    .collect(),
            );
        }
        let mut out: Vec<Track> = parents.iter().map(|_| Track::default()).collect();
        let mut created = Vec::new();
        for (path, adrs) in track.paths {
            let to: Vec<usize> = match differs.iter().position(|d| !d.contains_key(&path)) {
                Some(i) => vec![i],
                None => (0..parents.len())
                    .filter(|&i| differs[i].get(&path) == Some(&true))
                    .collect(),
            };
            if to.is_empty() {
                let blob = commit
                    .tree()
                    .and_then(|t| t.get_path(Path::new(&path)))
                    .map_or(Oid::ZERO_SHA1, |e| e.id());
                for &adr in &adrs {
                    created.push(Raw {
                        adr,
                        order,
                        commit: commit.id(),
                        blob,
                        path: path.clone(),
                        created: true,
                        renamed: false,
                    });
                }
            }
            if to.len() > 1 {
                self.split.extend(adrs.iter().copied());
            }
            for i in to {
                out[i].paths.insert(path.clone(), adrs.clone());
            }
        }
        if !created.is_empty() {
            self.record(commit.id(), Some(commit), false, created)?;
        }
        for ((id, _), mut t) in parents.into_iter().zip(out) {
            t.dirs = track.dirs.clone();
            self.give(id, t);
        }
        Ok(())
    }

    fn commit(
        &mut self,
        oid: Oid,
        order: usize,
        boundary: bool,
        mut track: Track,
        h: &mut History,
    ) -> Result<(), git2::Error> {
        let repo = self.repo;
        let (tree, parents, parent_id) = {
            let i = self.info(oid)?;
            (i.tree, i.parents.len(), i.parents.first().copied())
        };
        if parents > 1 {
            let commit = repo.find_commit(oid)?;
            return self.merge(&commit, order, track);
        }
        let parent_tree = match parent_id {
            Some(p) => self.info(p).map(|p| p.tree).ok(),
            None => None,
        };
        // A shallow boundary (or a parent whose objects are missing): what it "adds" may be older.
        let cut = boundary || (parents == 1 && parent_tree.is_none());
        // Skip without a diff when every followed directory is unchanged.
        let pairs = self.changed_dirs(&track, tree, parent_tree);
        if pairs.is_empty() {
            if let Some(p) = parent_id {
                self.give(p, track);
            }
            return Ok(());
        }
        h.diffed += 1;
        let changes = self.changes(pairs)?;
        let adds_tracked = changes
            .iter()
            .any(|c| c.kind == Delta::Added && track.paths.contains_key(&c.path));
        let mut sources: HashMap<String, String> = HashMap::new();
        // A renamed file was deleted somewhere: without a deletion, an added file is new (a
        // whole-repository diff with rename detection costs far more than this check).
        if adds_tracked && let Some(pt) = parent_tree {
            // What a worker found ahead, when it compared the directories this line follows.
            let ahead = self
                .ahead
                .as_mut()
                .filter(|a| track.dirs.len() == a.dirs && track.dirs.iter().all(|&d| d < a.dirs))
                .and_then(|a| a.renames.take_if(|(at, _)| *at == order))
                .map(|(_, r)| r);
            let deletes = match &ahead {
                Some((deletes, _)) => *deletes,
                None => {
                    changes.iter().any(|c| c.kind == Delta::Deleted)
                        || deletes_a_file(&self.objects, &self.followed(&track), pt, tree)
                }
            };
            if deletes {
                let all = match ahead.and_then(|(_, r)| r) {
                    Some(r) => r?,
                    None => self::sources(repo, pt, tree)?,
                };
                sources = all
                    .into_iter()
                    .filter(|(n, _)| track.paths.contains_key(n))
                    .collect();
            }
        }
        let mut events = Vec::new();
        for ch in changes {
            if let Some((adrs, created, renamed)) = self.hit(&ch, &mut track, &sources) {
                for adr in adrs {
                    events.push(Raw {
                        adr,
                        order,
                        commit: oid,
                        blob: ch.blob,
                        path: ch.path.clone(),
                        created,
                        renamed,
                    });
                }
            }
        }
        if !events.is_empty() {
            self.record(oid, None, cut, events)?;
        }
        if let Some(p) = parent_id {
            self.give(p, track);
        }
        Ok(())
    }

    /// The directories `track` follows.
    fn followed(&self, track: &Track) -> Vec<&str> {
        track.dirs.iter().map(|&d| self.dirs[d].as_str()).collect()
    }

    /// The followed directories of `track` whose trees differ between the commit's `tree` and
    /// its parent's: (directory, parent's tree id, commit's tree id).
    fn changed_dirs(
        &mut self,
        track: &Track,
        tree: Oid,
        parent_tree: Option<Oid>,
    ) -> Vec<(usize, Option<Oid>, Option<Oid>)> {
        let mut pairs = Vec::with_capacity(track.dirs.len());
        for &d in &track.dirs {
            let c = self.dir_id(tree, d);
            let p = match parent_tree {
                Some(pt) => self.dir_id(pt, d),
                None => None,
            };
            if !same(c, p) {
                pairs.push((d, p, c));
            }
        }
        pairs
    }

    /// The file changes in the directories of `pairs` (from [`Walker::changed_dirs`]), sorted
    /// by path, each once; keeps the parent's trees for the next commit.
    fn changes(
        &mut self,
        pairs: Vec<(usize, Option<Oid>, Option<Oid>)>,
    ) -> Result<Vec<Change>, git2::Error> {
        self.collect_changes(pairs, true)
    }

    /// [`Walker::changes`]; keeps the parent's trees for the next commit when `keep`.
    fn collect_changes(
        &mut self,
        pairs: Vec<(usize, Option<Oid>, Option<Oid>)>,
        keep_trees: bool,
    ) -> Result<Vec<Change>, git2::Error> {
        // Compare the directories entry by entry (both sorted by name): cheaper than a general
        // diff, which matches a pathspec and builds a path for every entry.
        let mut changes: Vec<Change> = Vec::new();
        let mut keep = HashMap::new();
        if !self.objects.available() {
            return Err(git2::Error::from_str("cannot read the object database"));
        }
        // What the other thread compared already.
        let pairs: Vec<Pair> = pairs
            .into_iter()
            .filter(|&pair| match self.changes_ahead(pair) {
                Some(ahead) => {
                    changes.extend(ahead);
                    false
                }
                None => true,
            })
            .collect();
        let odb = &self.objects;
        for (d, p, c) in pairs {
            let old = p.map(|id| raw_tree(odb, &self.keep, id)).transpose()?;
            let new = c.map(|id| raw_tree(odb, &self.keep, id)).transpose()?;
            dir_changes(
                odb,
                &self.dirs[d],
                old.as_ref().map(|o| o.data.as_slice()),
                new.as_ref().map(|o| o.data.as_slice()),
                &mut changes,
            )?;
            if let (Some(id), Some(t)) = (p, old) {
                keep.insert(id, t);
            }
        }
        if keep_trees {
            self.keep = keep;
        }
        // Nested followed directories may report a change twice.
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        changes.dedup_by(|a, b| a.path == b.path);
        Ok(changes)
    }

    /// What a change does to the followed files: the ADRs it touches, whether it creates them
    /// and whether it renames them (`sources`: new path → old path). A renamed file is followed
    /// under its old path from here on (and its old directory with it).
    fn hit(
        &mut self,
        ch: &Change,
        track: &mut Track,
        sources: &HashMap<String, String>,
    ) -> Option<(Vec<usize>, bool, bool)> {
        match ch.kind {
            Delta::Modified | Delta::Typechange => {
                track.paths.get(&ch.path).map(|a| (a.clone(), false, false))
            }
            Delta::Added => {
                let adrs = track.paths.remove(&ch.path)?;
                match sources.get(&ch.path) {
                    // Older commits know the file by its old path, maybe elsewhere.
                    Some(op) => {
                        self.follow_old_path(track, op, &adrs);
                        Some((adrs, false, true))
                    }
                    None => Some((adrs, true, false)),
                }
            }
            _ => None,
        }
    }

    /// Follows `adrs` under their old path `op` (and its directory, when no followed one holds
    /// it).
    fn follow_old_path(&mut self, track: &mut Track, op: &str, adrs: &[usize]) {
        if !track.dirs.iter().any(|&d| inside(&self.dirs[d], op)) {
            let old_dir = op
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_string());
            let d = match self.dirs.iter().position(|x| *x == old_dir) {
                Some(d) => d,
                None => {
                    self.dirs.push(old_dir);
                    self.dirs.len() - 1
                }
            };
            track.dirs.push(d);
        }
        let e = track.paths.entry(op.to_string()).or_default();
        for &a in adrs {
            if !e.contains(&a) {
                e.push(a);
            }
        }
    }

    /// Keeps the raw events of commit `oid` (`commit` when libgit2 read it already), and its
    /// author and date: from the author line read with the commit's header when it is in
    /// git's usual form, else as libgit2 reads it.
    fn record(
        &mut self,
        oid: Oid,
        commit: Option<&git2::Commit<'_>>,
        cut: bool,
        events: Vec<Raw>,
    ) -> Result<(), git2::Error> {
        if !self.sigs.contains_key(&oid) {
            let plain = self
                .infos
                .get(&Id(oid))
                .and_then(|i| i.author.as_deref())
                .and_then(signature);
            let (author, when) = match plain {
                Some((name, email, seconds, offset)) => {
                    let name = match &self.mailmap {
                        Some(m) => {
                            let key = (name.to_string(), email.to_string());
                            match self.mailmapped.get(&key) {
                                Some(n) => n.clone(),
                                None => {
                                    let n = git2::Signature::new(
                                        name,
                                        email,
                                        &git2::Time::new(seconds, offset),
                                    )
                                    .and_then(|s| m.resolve_signature(&s))
                                    .ok()
                                    .map(|s| s.name().unwrap_or("(unknown)").to_string())
                                    .unwrap_or_else(|| name.to_string());
                                    self.mailmapped.insert(key, n.clone());
                                    n
                                }
                            }
                        }
                        None => name.to_string(),
                    };
                    (name, author_time(seconds, offset))
                }
                None => {
                    let found;
                    let commit = match commit {
                        Some(c) => c,
                        None => {
                            found = self.repo.find_commit(oid)?;
                            &found
                        }
                    };
                    let sig = match &self.mailmap {
                        Some(m) => commit
                            .author_with_mailmap(m)
                            .unwrap_or_else(|_| commit.author().to_owned()),
                        None => commit.author().to_owned(),
                    };
                    let when = sig.when();
                    let name = sig.name().unwrap_or("(unknown)").to_string();
                    (name, author_time(when.seconds(), when.offset_minutes()))
                }
            };
            if cut {
                self.shallow_roots.insert(oid);
            }
            self.sigs.insert(
                oid,
                Fact {
                    when,
                    author,
                    commit: oid.to_string(),
                    at_or_before: false,
                },
            );
        }
        self.raw.extend(events);
        Ok(())
    }
}

/// Whether some file of the tree `old` is not in the tree `new` (at the same path),
/// outside the directories `track` follows (whose changes the caller has): compares raw tree
/// objects in step (both sorted), descending only into sub-trees that differ. Unreadable
/// trees count as a deletion (the full diff then decides).
fn deletes_a_file(odb: &objects::Objects<'_>, known: &[&str], old: Oid, new: Oid) -> bool {
    if !odb.available() {
        return true;
    }
    let mut stack = vec![(String::new(), old, new)];
    while let Some((dir, o, n)) = stack.pop() {
        if known.contains(&dir.as_str()) {
            continue;
        }
        let (Ok(ot), Ok(nt)) = (odb.read(o), odb.read(n)) else {
            return true;
        };
        let mut b = raw_entries(&nt.data).peekable();
        for x in raw_entries(&ot.data) {
            // Entries of `new` before `x` were added: skip them.
            while b
                .peek()
                .is_some_and(|y| raw_order(y, &x) == std::cmp::Ordering::Less)
            {
                b.next();
            }
            let Some(y) = b.peek() else { return true };
            if x.1 != y.1 || is_dir(&x) != is_dir(y) {
                return true; // `x` is gone, or a file became a directory (or back).
            }
            if x.2 != y.2 && is_dir(&x) {
                stack.push((child_path(&dir, x.1), oid(x.2), oid(y.2)));
            }
        }
    }
    false
}

/// Where the files the commit with tree `new` (and parent tree `old`) adds come from (new
/// path → old path): the renames git's rename detection pairs, from anywhere in the repository
/// (renames only: a copy of a file that stays is a new file), then, among files deleted in the
/// same commit and not paired, one with the same file stem (moved to another directory and
/// rewritten) or the same title (renumbered and rewritten). Every added file takes part in the
/// pairing, followed or not, so that a file's history never depends on which other files are
/// followed; the walk keeps the pairs of the files it follows.
fn sources(repo: &Repository, old: Oid, new: Oid) -> Result<HashMap<String, String>, git2::Error> {
    let (old, new) = (repo.find_tree(old)?, repo.find_tree(new)?);
    let mut opts = DiffOptions::new();
    opts.skip_binary_check(true);
    let mut diff = repo.diff_tree_to_tree(Some(&old), Some(&new), Some(&mut opts))?;
    let mut f = DiffFindOptions::new();
    f.renames(true)
        .rename_limit(2000)
        .rename_threshold(RENAME_THRESHOLD);
    diff.find_similar(Some(&mut f))?;
    let mut out = HashMap::new();
    let mut added = Vec::new();
    let mut deleted = Vec::new();
    for delta in diff.deltas() {
        let new_path = delta.new_file().path().map(path_str);
        let old_path = delta.old_file().path().map(path_str);
        match (delta.status(), new_path, old_path) {
            (Delta::Renamed, Some(n), Some(o)) => {
                out.insert(n, o);
            }
            (Delta::Added, Some(n), _) => added.push((n, delta.new_file().id())),
            (Delta::Deleted, _, Some(o)) => deleted.push((o, delta.old_file().id())),
            _ => {}
        }
    }
    if deleted.is_empty() {
        return Ok(out);
    }
    let title = |blob: Oid| -> Option<String> {
        let b = repo.find_blob(blob).ok()?;
        let text = String::from_utf8_lossy(b.content());
        first_title(&text)
    };
    let mut deleted_titles: Vec<Option<Option<String>>> = vec![None; deleted.len()];
    let mut used = HashSet::new();
    for (n, blob) in added {
        let stem = file_stem(&n);
        let by_stem: Vec<usize> = (0..deleted.len())
            .filter(|&i| !used.contains(&i) && file_stem(&deleted[i].0) == stem)
            .collect();
        let pick = match by_stem.as_slice() {
            [i] => Some(*i),
            [] => match title(blob) {
                None => None,
                t => {
                    let mut by_title = Vec::new();
                    for i in 0..deleted.len() {
                        if used.contains(&i) {
                            continue;
                        }
                        let dt = deleted_titles[i].get_or_insert_with(|| title(deleted[i].1));
                        if *dt == t {
                            by_title.push(i);
                        }
                    }
                    match by_title.as_slice() {
                        [i] => Some(*i),
                        _ => None,
                    }
                }
            },
            _ => None,
        };
        if let Some(i) = pick {
            used.insert(i);
            out.insert(n, deleted[i].0.clone());
        }
    }
    Ok(out)
}

/// A git time (seconds since the epoch, offset in minutes) as a time in that offset; an
/// offset out of range reads as UTC, a time out of range as the epoch.
pub fn author_time(seconds: i64, offset_minutes: i32) -> When {
    let offset = chrono::FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| chrono::Offset::fix(&chrono::Utc));
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
}

/// Directory `d` of `dirs` in each tree received (as [`Walker::dir_id`] finds it), read on
/// this thread from `store`; a tree that does not read is left out.
fn find_dirs(
    store: &objects::Store,
    dirs: &[String],
    trees: std::sync::mpsc::Receiver<Vec<Oid>>,
) -> Vec<((Id, usize), Option<Oid>)> {
    let objects = objects::Objects::new(Some(store), None);
    let mut steps: HashMap<(Id, usize, usize), Option<Oid>, rustc_hash::FxBuildHasher> =
        HashMap::default();
    let mut out = Vec::new();
    let mut done: HashSet<Id, rustc_hash::FxBuildHasher> = HashSet::default();
    for tree in trees.into_iter().flatten() {
        if !done.insert(Id(tree)) {
            continue;
        }
        'dirs: for (d, dir) in dirs.iter().enumerate() {
            let mut cur = Some(tree);
            for (depth, name) in dir.split('/').filter(|c| !c.is_empty()).enumerate() {
                let Some(at) = cur else { break };
                cur = match steps.get(&(Id(at), d, depth)) {
                    Some(v) => *v,
                    None => {
                        let Ok(v) = objects.with(at, |_, data| raw_subtree(data, name.as_bytes()))
                        else {
                            continue 'dirs;
                        };
                        // Each tree comes once (`done`): its own step is not met again.
                        if depth > 0 {
                            steps.insert((Id(at), d, depth), v);
                        }
                        v
                    }
                };
            }
            out.push(((Id(tree), d), cur));
        }
    }
    crate::trace("directories found");
    out
}

/// Compares, for the positions in the walk this `worker` takes (see [`DIFF_BLOCK`]) in turn,
/// the directory pairs of `jobs` (read on this thread from `store`) and sends their changes
/// (those that read) to `tx`; for a commit that adds a file, also whether it deletes one and
/// where the added files come from (with its own libgit2 handle on `git_dir`: the walk's
/// thread then does neither). Stops when the walk no longer listens.
fn diff_ahead(
    store: &objects::Store,
    git_dir: &Path,
    dirs: &[String],
    jobs: &[Job],
    worker: usize,
    tx: std::sync::mpsc::SyncSender<Compared>,
) {
    let objects = objects::Objects::new(Some(store), None);
    let mut keep: HashMap<Oid, objects::Object> = HashMap::new();
    let mut repo: Option<Option<Repository>> = None;
    let known: Vec<&str> = dirs.iter().map(String::as_str).collect();
    let mine = jobs
        .chunks(DIFF_BLOCK)
        .enumerate()
        .skip(worker)
        .step_by(DIFF_WORKERS)
        .flat_map(|(b, block)| {
            block
                .iter()
                .enumerate()
                .map(move |(i, job)| (b * DIFF_BLOCK + i, job))
        });
    for (order, job) in mine {
        let mut diffs = Vec::with_capacity(job.pairs.len());
        let mut kept = HashMap::new();
        for &(d, p, c) in &job.pairs {
            let old = p.map(|id| raw_tree(&objects, &keep, id)).transpose();
            let new = c.map(|id| raw_tree(&objects, &keep, id)).transpose();
            let (Ok(old), Ok(new)) = (old, new) else {
                continue;
            };
            let mut changes = Vec::new();
            let diffed = dir_changes(
                &objects,
                &dirs[d],
                old.as_ref().map(|o| o.data.as_slice()),
                new.as_ref().map(|o| o.data.as_slice()),
                &mut changes,
            );
            if diffed.is_ok() {
                diffs.push(((d, p, c), changes));
            }
            if let (Some(id), Some(t)) = (p, old) {
                kept.insert(id, t);
            }
        }
        keep = kept;
        let mut renames_found = None;
        if let Some(pt) = job.parent_tree
            && diffs.len() == job.pairs.len()
            && diffs
                .iter()
                .flat_map(|(_, c)| c)
                .any(|c| c.kind == Delta::Added)
        {
            let deletes = diffs
                .iter()
                .flat_map(|(_, c)| c)
                .any(|c| c.kind == Delta::Deleted)
                || deletes_a_file(&objects, &known, pt, job.tree);
            let found = deletes
                .then(|| {
                    repo.get_or_insert_with(|| Repository::open(git_dir).ok())
                        .as_ref()
                        .map(|r| sources(r, pt, job.tree))
                })
                .flatten();

            renames_found = Some((deletes, found));
        }
        let compared = Compared {
            order,
            diffs,
            renames: renames_found,
        };
        if tx.send(compared).is_err() {
            return;
        }
    }
    crate::trace("directories compared");
}

/// The raw tree object `id`, reusing one kept from the previous commit.
fn raw_tree(
    odb: &objects::Objects<'_>,
    kept: &HashMap<Oid, objects::Object>,
    id: Oid,
) -> Result<objects::Object, git2::Error> {
    match kept.get(&id) {
        Some(t) => Ok(t.clone()),
        None => odb.read(id),
    }
}

/// The entries of a raw tree object: (mode, name, 20-byte id); stops at a damaged entry.
fn raw_entries(data: &[u8]) -> impl Iterator<Item = RawEntry<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let (e, next) = raw_entry_at(data, i)?;
        i = next;
        Some(e)
    })
}

/// The id of the entry `name` of a raw tree object (entries `<mode> <name>\0<20-byte id>`, as
/// git stores them), when that entry is a directory.
fn raw_subtree(data: &[u8], name: &[u8]) -> Option<Oid> {
    let (mode, _, id) = raw_entries(data).find(|(_, n, _)| *n == name)?;
    (mode == b"40000")
        .then(|| Oid::from_bytes(id).ok())
        .flatten()
}

impl Walker<'_> {
    /// The commits to walk: those of `walk` (HEAD, without `hide` and its ancestors); for a
    /// cold walk, every commit reachable from HEAD, listed by [`Walker::reachable`], which
    /// reads each one (then also `true`).
    fn list_commits(
        &mut self,
        walk: git2::Revwalk<'_>,
        hide: Option<Oid>,
        missing: &mut dyn FnMut(git2::Error),
    ) -> (Vec<Oid>, bool) {
        if hide.is_none()
            && let Ok(head) = self.repo.head().and_then(|r| r.peel_to_commit())
        {
            return (self.reachable(head.id(), missing), true);
        }
        let mut listed = Vec::new();
        for oid in walk {
            match oid {
                Ok(o) => listed.push(o),
                Err(e) => missing(e),
            }
        }
        (listed, false)
    }

    /// The commits reachable from `head` (parents not followed past the shallow boundary);
    /// `missing` is told of each commit that cannot be read.
    fn reachable(&mut self, head: Oid, missing: &mut dyn FnMut(git2::Error)) -> Vec<Oid> {
        let store = self.objects.store();
        let dirs = self.dirs.clone();
        std::thread::scope(|s| {
            // Meanwhile another thread finds the followed directories in each commit's tree
            // (with gitoxide, reads on two threads do not wait for one another).
            let (tx, rx) = std::sync::mpsc::channel::<Vec<Oid>>();
            let finder = store.map(|st| s.spawn(move || find_dirs(&st, &dirs, rx)));
            let mut seen: HashSet<Oid, rustc_hash::FxBuildHasher> = HashSet::default();
            seen.insert(head);
            let mut stack = vec![head];
            let mut out = Vec::new();
            const BATCH: usize = 256;
            let mut trees = Vec::with_capacity(BATCH);
            while let Some(oid) = stack.pop() {
                match self.info(oid) {
                    Ok(c) => {
                        out.push(oid);
                        trees.push(c.tree);
                        for &p in &c.parents {
                            if seen.insert(p) {
                                stack.push(p);
                            }
                        }
                    }
                    Err(e) => missing(e),
                }
                if trees.len() == BATCH {
                    let _ = tx.send(std::mem::replace(&mut trees, Vec::with_capacity(BATCH)));
                }
            }
            let _ = tx.send(trees);
            drop(tx);
            if let Some(found) = finder.and_then(|f| f.join().ok()) {
                self.dir_cache.extend(found);
            }
            out
        })
    }

    /// `commits` (as a plain walk lists them, newest first) in an order where every commit
    /// comes after all its children, the newest ready commit first (what `git log
    /// --topo-order` does). libgit2's own topological sort took 5 to 10 times as long as the
    /// walk itself.
    fn topological(&mut self, commits: Vec<Oid>) -> Vec<Oid> {
        for &c in &commits {
            // A commit that does not read has no parents here, and time 0.
            let _ = self.info(c);
        }
        topo_positions(&self.infos, &commits)
            .into_iter()
            .map(|i| commits[i])
            .collect()
    }
}

/// The positions in `commits` in an order where every commit comes after all its children,
/// the newest ready commit first (see [`Walker::topological`]); a commit without an entry in
/// `infos` has no parents and time 0.
fn topo_positions(infos: &OidMap<Info>, commits: &[Oid]) -> Vec<usize> {
    let index: OidMap<usize> = commits
        .iter()
        .enumerate()
        .map(|(i, &o)| (Id(o), i))
        .collect();
    let mut parents: Vec<Vec<usize>> = Vec::with_capacity(commits.len());
    let mut time: Vec<i64> = Vec::with_capacity(commits.len());
    let mut children = vec![0usize; commits.len()];
    for &oid in commits {
        let (ps, t) = match infos.get(&Id(oid)) {
            Some(c) => (
                c.parents
                    .iter()
                    .filter_map(|p| index.get(&Id(*p)).copied())
                    .collect::<Vec<usize>>(),
                c.time,
            ),
            None => (Vec::new(), 0),
        };
        for &p in &ps {
            children[p] += 1;
        }
        parents.push(ps);
        time.push(t);
    }
    // Ready commits by (time, earliest listed); a max-heap.
    let mut ready: std::collections::BinaryHeap<(i64, std::cmp::Reverse<usize>)> = (0..commits
        .len())
        .filter(|&i| children[i] == 0)
        .map(|i| (time[i], std::cmp::Reverse(i)))
        .collect();
    let mut out = Vec::with_capacity(commits.len());
    while let Some((_, std::cmp::Reverse(i))) = ready.pop() {
        out.push(i);
        for &p in &parents[i] {
            children[p] -= 1;
            if children[p] == 0 {
                ready.push((time[p], std::cmp::Reverse(p)));
            }
        }
    }
    out
}

/// Per commit of `listed`, what [`diff_ahead`] compares: the directories (all `dirs` of
/// them, as the walk starts) whose ids in `dir_cache` differ from its only parent's. A merge,
/// a commit whose parent is not read, or a directory id not found ahead gives a job with
/// nothing to compare (the walk then compares for itself).
fn jobs_for(
    infos: &OidMap<Info>,
    dir_cache: &HashMap<(Id, usize), Option<Oid>, rustc_hash::FxBuildHasher>,
    dirs: usize,
    listed: &[Oid],
) -> Vec<Job> {
    let job = |oid: Oid| -> Option<Job> {
        let info = infos.get(&Id(oid))?;
        let parent_tree = match info.parents.as_slice() {
            [] => None,
            [p] => Some(infos.get(&Id(*p))?.tree),
            _ => return None,
        };
        let mut pairs = Vec::new();
        for d in 0..dirs {
            let c = *dir_cache.get(&(Id(info.tree), d))?;
            let p = match parent_tree {
                Some(pt) => *dir_cache.get(&(Id(pt), d))?,
                None => None,
            };
            if !same(c, p) {
                pairs.push((d, p, c));
            }
        }
        Some(Job {
            pairs,
            tree: info.tree,
            parent_tree,
        })
    };
    listed
        .iter()
        .map(|&oid| {
            job(oid).unwrap_or(Job {
                pairs: Vec::new(),
                tree: oid,
                parent_tree: None,
            })
        })
        .collect()
}

/// A file name without its directory and extension (`.md`, `.txt`; none for `adr_13_x`).
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && !ext.contains(' ') && ext.len() <= 8 => s,
        _ => name,
    }
}

/// The first level-1 heading of a text (`# Title`), lower case, without the number it may
/// carry (`# 5. Title`, `# ADR 005: Title`); a placeholder (`Title`) is none.
fn first_title(text: &str) -> Option<String> {
    let t = text
        .lines()
        .find_map(|l| l.strip_prefix("# "))?
        .trim()
        .to_lowercase();
    let t = match t.strip_prefix("adr") {
        Some(rest) if !rest.starts_with(|c: char| c.is_alphabetic()) => rest,
        _ => t.as_str(),
    };
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit() || " .:-_#".contains(c))
        .trim();
    let placeholder = [
        "",
        "title",
        "{title}",
        "{{ title }}",
        "[short title of solved problem and solution]",
    ];
    (!placeholder.contains(&t)).then(|| t.to_string())
}

/// A change of one file in a followed directory.
struct Change {
    kind: Delta,
    /// Path of the file.
    path: String,
    /// The new blob.
    blob: Oid,
}

/// Files added, deleted and modified between two versions of directory `dir` (raw tree
/// objects; `None` when absent), sub-directories included (a sub-tree with the same id is not
/// read). Works on git's stored bytes: no entry objects, no path built for unchanged entries.
fn dir_changes(
    odb: &objects::Objects<'_>,
    dir: &str,
    old: Option<&[u8]>,
    new: Option<&[u8]>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let (old, new) = (old.unwrap_or_default(), new.unwrap_or_default());
    // Most versions of a directory differ in an entry or two: the entries before the first
    // differing byte and those in the common tail are the same, and are not parsed.
    let start = entry_start_before(old, common_prefix(old, new));
    let tail = common_suffix(old, new);
    let mut a = Cursor::at(old, start);
    let mut b = Cursor::at(new, start);
    loop {
        let (ra, rb) = (old.len() - a.pos, new.len() - b.pos);
        if ra == rb && ra <= tail {
            break; // Both at an entry boundary inside the common tail: the rest is the same.
        }
        let ord = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => raw_order(&x, &y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        match ord {
            std::cmp::Ordering::Equal => {
                if let (Some(x), Some(y)) = (a.next(), b.next())
                    && x.2 != y.2
                {
                    match (is_dir(&x), is_dir(&y)) {
                        (false, false) => out.push(Change {
                            kind: Delta::Modified,
                            path: child_path(dir, y.1),
                            blob: oid(y.2),
                        }),
                        (true, true) => {
                            let (o, n) = (odb.read(oid(x.2))?, odb.read(oid(y.2))?);
                            let sub = child_path(dir, y.1);
                            dir_changes(odb, &sub, Some(&o.data), Some(&n.data), out)?;
                        }
                        _ => {
                            side_changes(odb, dir, &x, Delta::Deleted, out)?;
                            side_changes(odb, dir, &y, Delta::Added, out)?;
                        }
                    }
                }
            }
            std::cmp::Ordering::Less => {
                if let Some(x) = a.next() {
                    side_changes(odb, dir, &x, Delta::Deleted, out)?;
                }
            }
            std::cmp::Ordering::Greater => {
                if let Some(y) = b.next() {
                    side_changes(odb, dir, &y, Delta::Added, out)?;
                }
            }
        }
    }
    Ok(())
}

/// Entries of a raw tree read from a position (always an entry boundary), submodules
/// (commits: neither files nor directories) skipped.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn at(data: &'a [u8], pos: usize) -> Cursor<'a> {
        Cursor { data, pos }
    }

    /// The next entry and where the one after it starts.
    fn entry(&self) -> Option<(RawEntry<'a>, usize)> {
        let mut i = self.pos;
        loop {
            let (e, next) = raw_entry_at(self.data, i)?;
            if e.0 != b"160000" {
                return Some((e, next));
            }
            i = next;
        }
    }

    fn peek(&self) -> Option<RawEntry<'a>> {
        self.entry().map(|(e, _)| e)
    }

    fn next(&mut self) -> Option<RawEntry<'a>> {
        let (e, next) = self.entry()?;
        self.pos = next;
        Some(e)
    }
}

/// The entry of a raw tree starting at `i`, and where the next one starts.
fn raw_entry_at(data: &[u8], i: usize) -> Option<(RawEntry<'_>, usize)> {
    let rest = data.get(i..)?;
    let sp = i + memchr::memchr(b' ', rest)?;
    let nul = sp + 1 + memchr::memchr(0, &data[sp + 1..])?;
    let id = data.get(nul + 1..nul + 21)?;
    Some(((&data[i..sp], &data[sp + 1..nul], id), nul + 21))
}

/// How many leading bytes `a` and `b` share.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 256;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes `a` and `b` share.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 256;
    let n = a.len().min(b.len());
    let (ea, eb) = (a.len(), b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[ea - i - CHUNK..ea - i] == b[eb - i - CHUNK..eb - i] {
        i += CHUNK;
    }
    i + a[..ea - i]
        .iter()
        .rev()
        .zip(b[..eb - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The start of the entry of the raw tree `data` that holds byte `p` (or starts there).
fn entry_start_before(data: &[u8], p: usize) -> usize {
    // The first NUL from an entry's start ends its name (modes and names hold none); the
    // 20-byte id follows. Searched eight bytes at a time: a library search per entry cost a
    // second of a 10,000-ADR repository's cold history (names are short).
    let mut i = 0;
    while let Some(nul) = nul_from(data, i) {
        let next = nul + 21;
        if next > p || next >= data.len() {
            break;
        }
        i = next;
    }
    i
}

/// The first NUL byte of `data` at or after `from`.
fn nul_from(data: &[u8], from: usize) -> Option<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut k = from;
    while let Some(word) = data.get(k..k + 8) {
        let w = u64::from_le_bytes(word.try_into().ok()?);
        // The high bit of each byte that is zero, and of no other (no carries between bytes).
        let zeros = !(((w & LOW7) + LOW7) | w | LOW7);
        if zeros != 0 {
            return Some(k + (zeros.trailing_zeros() / 8) as usize);
        }
        k += 8;
    }
    data.get(k..)?.iter().position(|&b| b == 0).map(|n| k + n)
}

/// One entry of a raw tree: (mode, name, 20-byte id).
type RawEntry<'a> = (&'a [u8], &'a [u8], &'a [u8]);

fn is_dir(e: &RawEntry<'_>) -> bool {
    e.0 == b"40000"
}

fn oid(bytes: &[u8]) -> Oid {
    Oid::from_bytes(bytes).unwrap_or(Oid::ZERO_SHA1)
}

/// The order of two entries of one tree, as git sorts them (a tree named `x` sorts as `x/`).
fn raw_order(x: &RawEntry<'_>, y: &RawEntry<'_>) -> std::cmp::Ordering {
    let n = x.1.len().min(y.1.len());
    match x.1[..n].cmp(&y.1[..n]) {
        std::cmp::Ordering::Equal => {
            // One name is a prefix of the other (or they are equal): what follows decides.
            let next = |e: &RawEntry<'_>| e.1.get(n).copied().or(is_dir(e).then_some(b'/'));
            next(x).cmp(&next(y))
        }
        unequal => unequal,
    }
}

/// The path of the entry `name` of directory `dir` ("" is the repository root).
fn child_path(dir: &str, name: &[u8]) -> String {
    let n = String::from_utf8_lossy(name);
    if dir.is_empty() {
        n.into_owned()
    } else {
        format!("{dir}/{n}")
    }
}

/// One side of a change in directory `dir` (`kind`: added or deleted): a blob is a file; a
/// tree is every file under it.
fn side_changes(
    odb: &objects::Objects<'_>,
    dir: &str,
    e: &RawEntry<'_>,
    kind: Delta,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let p = child_path(dir, e.1);
    if is_dir(e) {
        let t = odb.read(oid(e.2))?;
        let (o, n) = if kind == Delta::Added {
            (None, Some(t.data.as_slice()))
        } else {
            (Some(t.data.as_slice()), None)
        };
        dir_changes(odb, &p, o, n, out)
    } else {
        out.push(Change {
            kind,
            path: p,
            blob: if kind == Delta::Added {
                oid(e.2)
            } else {
                Oid::ZERO_SHA1
            },
        });
        Ok(())
    }
}

fn path_str(p: &Path) -> String {
    RepoPath::from_path(p).into_string()
}

#[cfg(test)]
mod link_target_tests {
    #[test]
    fn link_targets_are_not_text() {
        assert_eq!(
            super::without_link_targets("See [ADR 16](0016-x.md) and [a](b) (c)."),
            "See [ADR ]() and [a]() (c)."
        );
        assert_eq!(super::without_link_targets("no links"), "no links");
        assert_eq!(super::without_link_targets("open [x](y"), "open [x](y");
    }
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn a_fact_prints_the_day_in_the_authors_offset_and_keeps_the_time() {
        // 2024-03-02 04:30 UTC, written by an author at UTC-05:00: their day is March 1st.
        let when = author_time(1_709_353_800, -300);
        let f = Fact {
            when,
            author: "Ann".into(),
            commit: "c".repeat(40),
            at_or_before: false,
        };
        assert_eq!(f.date().to_string(), "2024-03-01");
        assert_eq!(when.to_rfc3339(), "2024-03-01T23:30:00-05:00");
        assert_eq!(
            serde_json::to_string(&f).ok().as_deref(),
            Some(
                r#"{"date":"2024-03-01","author":"Ann","commit":"cccccccccccccccccccccccccccccccccccccccc"}"#
            )
        );
        // An offset git cannot have (beyond a day) reads as UTC.
        assert_eq!(
            author_time(0, 24 * 60 + 1).to_rfc3339(),
            "1970-01-01T00:00:00+00:00"
        );
    }
}

#[cfg(test)]
mod content_hash_tests {
    use std::hash::Hasher;

    /// The hash of the lines `content_hash` must keep, as it has always hashed them.
    fn hash_of(kept: &[&str]) -> u64 {
        let mut h = super::cache::Fnv::default();
        for l in kept {
            h.write(l.as_bytes());
            h.write(&[0xff]);
        }
        h.finish()
    }

    fn hash(name: &str, text: &str) -> u64 {
        let vocab = crate::parse::Vocab::default();
        let p = crate::parse::parse(format!("doc/adr/{name}"), name, text, &vocab);
        super::content_hash(text, &p)
    }

    #[test]
    fn status_relation_lines_and_the_links_heading_are_left_out() {
        // Lines 7 (status), 9 and 17 (relations), 15 (`## Links`) and blank lines are left
        // out; link targets are dropped from the lines kept.
        let t = "# 4. Use PostgreSQL\n\nDate: 2017-07-14\n\n## Status\n\nAccepted\n\nSupersedes [3. Use MySQL](0003-use-mysql.md)\n\n## Context\n\nSee [the guide](guide.md).\n\n## Links\n\n- Relates to [5. Backups](0005-backups.md)\n";
        assert_eq!(
            hash("0004-use-postgresql.md", t),
            hash_of(&[
                "# 4. Use PostgreSQL",
                "Date: 2017-07-14",
                "## Status",
                "## Context",
                "See [the guide]().",
            ])
        );
    }

    #[test]
    fn front_matter_status_and_relation_keys_are_left_out_with_their_lines() {
        // `status:` (line 2) and `supersedes:` with its block list (lines 4 and 5) are left
        // out; `date:`, `tags:` and the delimiters stay.
        let t = "---\nstatus: accepted\ndate: 2022-05-16\nsupersedes:\n  - ADR-0002\ntags: [a]\n---\n# Use X\n\nText\n";
        assert_eq!(
            hash("0003-use-x.md", t),
            hash_of(&[
                "---",
                "date: 2022-05-16",
                "tags: [a]",
                "---",
                "# Use X",
                "Text"
            ])
        );
    }

    #[test]
    fn governs_lines_are_left_out_in_every_dialect() {
        // The `governs:` key with its block list (lines 3 to 5); the `## Governs` heading and
        // its bullets (lines 11, 13, 14); a `Governs:` line (line 4).
        let t = "---\nstatus: accepted\ngoverns:\n  - a/**\n  - b/*\n---\n# Use X\n\nText\n";
        assert_eq!(
            hash("0003-use-x.md", t),
            hash_of(&["---", "---", "# Use X", "Text"])
        );
        let t = "# 4. Use Y\n\nDate: 2017-07-14\n\n## Status\n\nAccepted\n\nText\n\n## Governs\n\n- `a/**`\n- b/*\n\n## Context\n";
        assert_eq!(
            hash("0004-use-y.md", t),
            hash_of(&[
                "# 4. Use Y",
                "Date: 2017-07-14",
                "## Status",
                "Text",
                "## Context"
            ])
        );
        let t = "# 4. Use Y\n\nDate: 2017-07-14\nGoverns: a/**, b/*\n";
        assert_eq!(
            hash("0004-use-y.md", t),
            hash_of(&["# 4. Use Y", "Date: 2017-07-14"])
        );
    }
}

#[cfg(test)]
mod raw_tree_tests {
    use super::*;

    /// A tree of `names` (each a file whose content is its name plus `salt` where listed).
    fn tree(repo: &Repository, files: &[(&str, &str)]) -> Oid {
        let mut b = repo.treebuilder(None).unwrap_or_else(|e| panic!("{e}"));
        for (name, content) in files {
            let blob = repo
                .blob(content.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            b.insert(name, blob, 0o100_644)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        b.write().unwrap_or_else(|e| panic!("{e}"))
    }

    fn changes(repo: &Repository, old: Oid, new: Oid) -> Vec<(String, Delta)> {
        let store = objects::Store::open(repo);
        let odb = objects::Objects::new(store.as_ref(), None);
        let (o, n) = (odb.read(old).ok(), odb.read(new).ok());
        let mut out = Vec::new();
        dir_changes(
            &odb,
            "d",
            o.as_ref().map(|o| o.data.as_slice()),
            n.as_ref().map(|o| o.data.as_slice()),
            &mut out,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        out.into_iter().map(|c| (c.path, c.kind)).collect()
    }

    #[test]
    fn only_what_differs_is_reported_wherever_it_is_in_the_directory() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let repo = Repository::init(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = (0..300).map(|i| format!("{i:04}-adr.md")).collect();
        let base: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), n.as_str())).collect();
        let old = tree(&repo, &base);
        // A change at the start, in the middle (modified, added, deleted) and at the end.
        let mut files = base.clone();
        files[0].1 = "first, changed";
        files[150].1 = "middle, changed";
        files.remove(151);
        files.push(("0150-new.md", "added"));
        files[298].1 = "last, changed";
        let new = tree(&repo, &files);
        assert_eq!(
            changes(&repo, old, new),
            vec![
                ("d/0000-adr.md".to_string(), Delta::Modified),
                ("d/0150-adr.md".to_string(), Delta::Modified),
                ("d/0150-new.md".to_string(), Delta::Added),
                ("d/0151-adr.md".to_string(), Delta::Deleted),
                ("d/0299-adr.md".to_string(), Delta::Modified),
            ]
        );
        // One entry changed: just it; nothing changed: nothing; a name that is a prefix of
        // another (`a.md` / `a.md.bak`) keeps git's order.
        let mut one = base.clone();
        one[7].1 = "changed";
        let one = tree(&repo, &one);
        assert_eq!(
            changes(&repo, old, one),
            vec![("d/0007-adr.md".to_string(), Delta::Modified)]
        );
        assert_eq!(changes(&repo, old, old), vec![]);
        let p1 = tree(&repo, &[("a.md", "1"), ("a.md.bak", "2")]);
        let p2 = tree(&repo, &[("a.md", "1"), ("a.md.bak", "3"), ("b.md", "4")]);
        assert_eq!(
            changes(&repo, p1, p2),
            vec![
                ("d/a.md.bak".to_string(), Delta::Modified),
                ("d/b.md".to_string(), Delta::Added),
            ]
        );
    }

    #[test]
    fn common_prefix_suffix_and_entry_starts() {
        assert_eq!(common_prefix(b"abcdef", b"abcxef"), 3);
        assert_eq!(common_suffix(b"abcdef", b"abcxef"), 2);
        let long_a = vec![7u8; 1000];
        let mut long_b = long_a.clone();
        long_b[600] = 8;
        assert_eq!(common_prefix(&long_a, &long_b), 600);
        assert_eq!(common_suffix(&long_a, &long_b), 399);
        // Two entries of 6 + 1 + 4 + 1 + 20 = 32 bytes each.
        let mut raw = Vec::new();
        for name in ["a.md", "b.md"] {
            raw.extend_from_slice(b"100644 ");
            raw.extend_from_slice(name.as_bytes());
            raw.push(0);
            raw.extend_from_slice(&[0u8; 20]);
        }
        assert_eq!(entry_start_before(&raw, 0), 0);
        assert_eq!(entry_start_before(&raw, 31), 0);
        assert_eq!(entry_start_before(&raw, 32), 32);
        assert_eq!(entry_start_before(&raw, 40), 32);
        // A third entry (6 + 1 + 6 + 1 + 20 = 34 bytes) after ids full of NULs; the last
        // entry's start is the answer at and past it.
        raw.extend_from_slice(b"100644 ccc.md\0");
        raw.extend_from_slice(&[0u8; 20]);
        assert_eq!(raw.len(), 98);
        assert_eq!(entry_start_before(&raw, 63), 32);
        assert_eq!(entry_start_before(&raw, 64), 64);
        assert_eq!(entry_start_before(&raw, 97), 64);
        assert_eq!(entry_start_before(&raw, 98), 64);
        assert_eq!(entry_start_before(&raw, 500), 64);
        assert_eq!(entry_start_before(&[], 0), 0);
    }
}

#[cfg(test)]
mod signature_tests {
    use super::*;

    /// A commit object with `author` as its author line, written as is.
    fn commit_with_author(repo: &Repository, tree: Oid, author: &[u8]) -> Oid {
        let mut raw = format!("tree {tree}\nauthor ").into_bytes();
        raw.extend_from_slice(author);
        raw.extend_from_slice(b"\ncommitter C <c@example.com> 1700000000 +0000\n\nm\n");
        repo.odb()
            .and_then(|o| o.write(git2::ObjectType::Commit, &raw))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn author_lines_in_gits_form_read_as_libgit2_reads_them_and_others_are_left_to_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let repo = Repository::init(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let tree = repo
            .treebuilder(None)
            .and_then(|b| b.write())
            .unwrap_or_else(|e| panic!("{e}"));
        let plain: [&[u8]; 6] = [
            b"Ann Smith <ann@example.com> 1700000000 +0100",
            b"Ann <ann@example.com> 1700000000 -0530",
            b"  Ann \t <  ann@example.com > 0 +0000",
            "Zoë Ü <z@example.com> 1700000000 +1400".as_bytes(),
            b"Bob <b@example.com> 1700000000 -0000",
            b"Bob <b@example.com> 99999999999 +0959",
        ];
        for line in plain {
            let c = repo
                .find_commit(commit_with_author(&repo, tree, line))
                .unwrap_or_else(|e| panic!("{e}"));
            let a = c.author();
            let libgit2 = (
                a.name().unwrap_or_default(),
                a.email().unwrap_or_default(),
                a.when().seconds(),
                a.when().offset_minutes(),
            );
            assert_eq!(signature(line), Some(libgit2), "{}", line.escape_ascii());
        }
        assert_eq!(
            signature(b"Ann Smith <ann@example.com> 1700000000 -0530"),
            Some(("Ann Smith", "ann@example.com", 1_700_000_000, -330))
        );
        let odd: [&[u8]; 12] = [
            b"Ann <ann@example.com>",
            b"Ann <ann@example.com> 1700000000",
            b"Ann <> 1700000000 +0000",
            b"<ann@example.com> 1700000000 +0000",
            b"Ann <a<b@example.com> 1700000000 +0000",
            b"Ann >a@example.com< 1700000000 +0000",
            b"Ann <ann@example.com> 1700000000 +1500",
            b"Ann <ann@example.com> 1700000000 +0160",
            b"Ann <ann@example.com> 1700000000 0100",
            b"Ann <ann@example.com> -5 +0000",
            b"Ann <ann@example.com> 1700000000 +0100 x",
            b"\xff <a@example.com> 0 +0000",
        ];
        for line in odd {
            assert_eq!(signature(line), None, "{}", line.escape_ascii());
        }
    }

    #[test]
    fn object_ids_are_forty_hex_digits() {
        let hex = "0123456789abcdefABCDEF0123456789abcdef01";
        assert_eq!(
            hex_oid(hex.as_bytes()).map(|o| o.to_string()),
            Some(hex.to_ascii_lowercase())
        );
        assert_eq!(hex_oid(&hex.as_bytes()[..39]), None);
        assert_eq!(hex_oid(b"g123456789abcdef0123456789abcdef01234567"), None);
        assert_eq!(hex_oid(b"+123456789abcdef0123456789abcdef01234567"), None);
    }
}
