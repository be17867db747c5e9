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

pub mod renames;
pub mod stale;
pub mod today;

pub use renames::renames;

use crate::parse::{self, Vocab};
use crate::repo::git::Git;
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
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
    /// Author date in the author's own UTC offset, `YYYY-MM-DD`.
    pub date: String,
    /// Author name (after `.mailmap`).
    pub author: String,
    /// Full commit id.
    pub commit: String,
    /// True when the history is cut (shallow clone) at this commit: the real date is this one
    /// or earlier.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_or_before: bool,
    /// Seconds since the epoch (for ordering and durations).
    #[serde(skip)]
    pub time: i64,
}

/// What a commit did to an ADR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// Author date (author's offset).
    pub date: String,
    /// Author.
    pub author: String,
    /// Commit id.
    pub commit: String,
    /// What happened.
    pub kind: EventKind,
    /// Normalized status in that commit's version of the file.
    pub status: Option<String>,
    /// Path of the file in that commit.
    pub path: String,
    /// Seconds since the epoch.
    #[serde(skip)]
    pub time: i64,
    /// Hash of the text without its status and relation lines (for `accepted-edited`).
    #[serde(skip)]
    pub content: u64,
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
    pub by_path: HashMap<String, AdrHistory>,
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
/// directory `dir_rel`) from `git`, the workspace's repository. Never fails: what cannot be
/// known is left empty and said in `notes`.
pub fn read(git: Option<&Git>, dir_rel: &str, paths: &[String], vocab: &Vocab) -> History {
    read_with_progress(git, dir_rel, paths, vocab, &|_| {})
}

/// [`read`], calling `on_progress` with the number of commits walked so far after each one
/// (the command line draws a progress line from it).
pub fn read_with_progress(
    git: Option<&Git>,
    dir_rel: &str,
    paths: &[String],
    vocab: &Vocab,
    on_progress: &dyn Fn(usize),
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
        read_in(
            repo,
            root_in_repo,
            dir_rel,
            paths,
            vocab,
            &mut h,
            on_progress,
        )
    });
    h
}

/// [`read`] in the repository, whose work tree holds the root at `root_in_repo`.
fn read_in(
    repo: &Repository,
    root_in_repo: &Path,
    dir_rel: &str,
    paths: &[String],
    vocab: &Vocab,
    h: &mut History,
    on_progress: &dyn Fn(usize),
) {
    let to_git = |p: &str| -> String { join(root_in_repo, p) };
    let from_git = |p: &str| -> Option<String> {
        let pp = Path::new(p);
        pp.strip_prefix(root_in_repo)
            .ok()
            .map(|r| r.to_string_lossy().replace('\\', "/"))
    };
    let mut walker = Walker::new(repo, to_git(dir_rel));
    let tracked = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (to_git(p), i))
        .collect();
    walker.run(tracked, h, on_progress);
    let mut per_adr: Vec<Vec<Raw>> = (0..paths.len()).map(|_| Vec::new()).collect();
    for r in walker.raw.drain(..) {
        per_adr[r.adr].push(r);
    }
    let mut cache: HashMap<Oid, BlobMeta> = HashMap::new();
    let mut uncommitted = 0;
    for (i, mut raws) in per_adr.into_iter().enumerate() {
        if raws.is_empty() {
            uncommitted += 1;
            continue;
        }
        raws.sort_by_key(|r| std::cmp::Reverse(r.order)); // oldest first
        let events = events_of(repo, &raws, &walker.sigs, &mut cache, vocab, &from_git);
        h.by_path
            .insert(paths[i].clone(), adr_history(&walker, &raws, events));
    }
    if uncommitted > 0 && h.notes.is_empty() {
        h.notes.push(uncommitted_note(uncommitted));
    }
}

/// The events of one ADR from its raw events (oldest first, not empty).
fn events_of(
    repo: &Repository,
    raws: &[Raw],
    sigs: &HashMap<Oid, Fact>,
    cache: &mut HashMap<Oid, BlobMeta>,
    vocab: &Vocab,
    from_git: &dyn Fn(&str) -> Option<String>,
) -> Vec<Event> {
    let mut events = Vec::with_capacity(raws.len());
    let mut prev: Option<BlobMeta> = None;
    for r in raws {
        let meta = cache
            .entry(r.blob)
            .or_insert_with(|| blob_meta(repo, r.blob, &r.path, vocab))
            .clone();
        let kind = event_kind(prev.as_ref(), &meta, r);
        let sig = &sigs[&r.commit];
        events.push(Event {
            date: sig.date.clone(),
            author: sig.author.clone(),
            commit: sig.commit.clone(),
            kind,
            status: meta.0.clone(),
            path: from_git(&r.path).unwrap_or_else(|| r.path.clone()),
            time: sig.time,
            content: meta.2,
        });
        prev = Some(meta);
    }
    events
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

/// The history of one ADR from its raw events (oldest first, not empty) and its events.
fn adr_history(walker: &Walker<'_>, raws: &[Raw], events: Vec<Event>) -> AdrHistory {
    let first = &raws[0];
    let mut created = walker.sigs[&first.commit].clone();
    created.at_or_before = walker.shallow_roots.contains(&first.commit);
    let last = &raws[raws.len() - 1];
    let updated = walker.sigs[&last.commit].clone();
    let authors: BTreeSet<String> = events.iter().map(|e| e.author.clone()).collect();
    AdrHistory {
        created: Some(created),
        updated: Some(updated),
        authors: authors.into_iter().collect(),
        events,
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
    let text = String::from_utf8_lossy(b.content());
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

/// A hash of a file's text without the lines that may change after acceptance: the status,
/// relation lines (and front-matter status/relation keys), blank lines and a `## Links` heading.
pub fn content_hash(text: &str, p: &parse::Parsed) -> u64 {
    use std::hash::{Hash, Hasher};
    let layout = &p.layout;
    // Line numbers (1-based, like every line number the parser gives).
    let mut skip: HashSet<usize> = p.adr.relations.iter().map(|r| r.line).collect();
    if let Some(at) = layout.status {
        skip.insert(at.line());
    }
    if let Some(front) = &layout.front {
        for k in &front.keys {
            let name = k.name.to_ascii_lowercase();
            let relation = crate::model::RelationKind::new(&name).is_builtin()
                || p.adr.relations.iter().any(|r| r.line == k.line);
            if name == "status" || relation {
                skip.extend(k.line..k.end);
            }
        }
    }
    if let Some(sec) = layout.links_section {
        skip.insert(sec.heading);
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for n in 1..=layout.last_line() {
        let l = layout.line_at(text, n).trim_end();
        if skip.contains(&n) || l.is_empty() {
            continue;
        }
        without_link_targets(l).hash(&mut h);
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

struct Walker<'r> {
    repo: &'r Repository,
    /// Every directory some line of history follows (interned; `Track::dirs` index it).
    dirs: Vec<String>,
    /// What each commit not walked yet follows, given by its children (the walk is
    /// topological, so every child has been walked before its parent).
    pending: HashMap<Oid, Track>,
    raw: Vec<Raw>,
    sigs: HashMap<Oid, Fact>,
    mailmap: Option<git2::Mailmap>,
    shallow_roots: HashSet<Oid>,
    dir_cache: HashMap<(Oid, usize), Option<Oid>>,
    /// Directory trees read as "parent" for the previous commit: in a linear stretch they are
    /// the next commit's "child" trees, so each version is read once.
    keep: HashMap<Oid, git2::Tree<'r>>,
}

/// Is `path` inside directory `dir` ("" is the repository root)?
fn inside(dir: &str, path: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl<'r> Walker<'r> {
    fn new(repo: &'r Repository, dir: String) -> Walker<'r> {
        Walker {
            repo,
            dirs: vec![dir],
            pending: HashMap::new(),
            raw: Vec::new(),
            sigs: HashMap::new(),
            mailmap: repo.mailmap().ok(),
            shallow_roots: HashSet::new(),
            dir_cache: HashMap::new(),
            keep: HashMap::new(),
        }
    }

    /// The tree id of directory `d` in `tree` (None when absent).
    fn dir_id(&mut self, tree: &git2::Tree<'_>, d: usize) -> Option<Oid> {
        let key = (tree.id(), d);
        if let Some(v) = self.dir_cache.get(&key) {
            return *v;
        }
        let v = if self.dirs[d].is_empty() {
            Some(tree.id())
        } else {
            tree.get_path(Path::new(&self.dirs[d]))
                .ok()
                .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                .map(|e| e.id())
        };
        self.dir_cache.insert(key, v);
        v
    }

    /// Hands what `track` follows to commit `to`.
    fn give(&mut self, to: Oid, track: Track) {
        if track.paths.is_empty() {
            return;
        }
        match self.pending.get_mut(&to) {
            Some(t) => t.absorb(track),
            None => {
                self.pending.insert(to, track);
            }
        }
    }

    fn run(&mut self, paths: HashMap<String, usize>, h: &mut History, on_progress: &dyn Fn(usize)) {
        let repo = self.repo;
        // The boundary commits of a shallow clone, listed in `.git/shallow`.
        let shallow: HashSet<Oid> = if repo.is_shallow() {
            std::fs::read_to_string(repo.path().join("shallow"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| Oid::from_str(l.trim()).ok())
                .collect()
        } else {
            HashSet::new()
        };
        let mut walk = match repo.revwalk() {
            Ok(w) => w,
            Err(e) => {
                h.notes
                    .push(format!("cannot walk history: {}", e.message()));
                return;
            }
        };
        if let Err(e) = walk.push_head() {
            h.notes.push(if e.code() == git2::ErrorCode::UnbornBranch {
                "no commits yet: created, updated and authors are unknown".into()
            } else {
                format!("cannot read HEAD: {}", e.message())
            });
            return;
        }
        if let Ok(head) = repo.head().and_then(|r| r.peel_to_commit()) {
            let track = Track {
                paths: paths.into_iter().map(|(p, a)| (p, vec![a])).collect(),
                dirs: vec![0],
            };
            self.give(head.id(), track);
        }
        let _ = walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME);
        let mut missing = 0usize;
        for (order, oid) in walk.enumerate() {
            if self.pending.is_empty() {
                break;
            }
            let oid = match oid {
                Ok(o) => o,
                Err(e) => {
                    missing += 1;
                    if missing == 1 {
                        h.notes.push(format!(
                            "history is incomplete (missing objects): {}",
                            e.message()
                        ));
                    }
                    continue;
                }
            };
            h.commits += 1;
            on_progress(h.commits);
            // A commit no line of history follows anything through has nothing to say.
            let Some(track) = self.pending.remove(&oid) else {
                continue;
            };
            if let Err(e) = self.commit(oid, order, shallow.contains(&oid), track, h) {
                missing += 1;
                if missing == 1 {
                    h.notes.push(format!(
                        "history is incomplete: commit {oid}: {}",
                        e.message()
                    ));
                }
            }
        }
        if !self.shallow_roots.is_empty() {
            h.notes.push(
                "shallow clone: history before the cut is missing, so creation dates are \"at or before\" (fetch with --unshallow or fetch-depth: 0)".into(),
            );
        }
    }

    /// A directory tree, reusing the one kept from the previous commit.
    fn tree(&self, id: Oid) -> Result<git2::Tree<'r>, git2::Error> {
        match self.keep.get(&id) {
            Some(t) => Ok(t.clone()),
            None => self.repo.find_tree(id),
        }
    }

    /// Do the followed directories of `track` have the same trees in `a` and `b`?
    fn same_dirs(&mut self, track: &Track, a: &git2::Tree<'_>, b: &git2::Tree<'_>) -> bool {
        track
            .dirs
            .iter()
            .all(|&d| self.dir_id(a, d) == self.dir_id(b, d))
    }

    /// A merge: each followed file goes to the parent it came from unchanged (as `git log`
    /// simplifies history); a file changed by the merge itself goes to every parent holding it;
    /// a file no parent holds was created by the merge.
    fn merge(
        &mut self,
        commit: &git2::Commit<'r>,
        order: usize,
        track: Track,
    ) -> Result<(), git2::Error> {
        let tree = commit.tree()?;
        let parents: Vec<(Oid, Option<git2::Tree<'r>>)> = commit
            .parent_ids()
            .map(|id| (id, self.repo.find_commit(id).and_then(|c| c.tree()).ok()))
            .collect();
        // The usual case: the followed directories are those of one parent.
        for (id, pt) in &parents {
            if let Some(pt) = pt
                && self.same_dirs(&track, &tree, pt)
            {
                self.give(*id, track);
                return Ok(());
            }
        }
        let blob_at = |t: &git2::Tree<'_>, p: &str| {
            t.get_path(Path::new(p))
                .ok()
                .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
                .map(|e| e.id())
        };
        let mut out: Vec<Track> = parents.iter().map(|_| Track::default()).collect();
        let mut created = Vec::new();
        for (path, adrs) in track.paths {
            let mine = blob_at(&tree, &path);
            let holders: Vec<(usize, Option<Oid>)> = parents
                .iter()
                .enumerate()
                .map(|(i, (_, pt))| (i, pt.as_ref().and_then(|t| blob_at(t, &path))))
                .filter(|(_, b)| b.is_some())
                .collect();
            let to: Vec<usize> = match holders.iter().find(|(_, b)| *b == mine) {
                Some(&(i, _)) => vec![i],
                None => holders.iter().map(|&(i, _)| i).collect(),
            };
            if to.is_empty() {
                for &adr in &adrs {
                    created.push(Raw {
                        adr,
                        order,
                        commit: commit.id(),
                        blob: mine.unwrap_or(Oid::ZERO_SHA1),
                        path: path.clone(),
                        created: true,
                        renamed: false,
                    });
                }
            }
            for i in to {
                out[i].paths.insert(path.clone(), adrs.clone());
            }
        }
        if !created.is_empty() {
            self.record(commit, false, created);
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
        let commit = repo.find_commit(oid)?;
        if commit.parent_count() > 1 {
            return self.merge(&commit, order, track);
        }
        let tree = commit.tree()?;
        let parent_id = commit.parent_id(0).ok();
        let parent_tree = if commit.parent_count() == 1 {
            commit.parent(0).and_then(|p| p.tree()).ok()
        } else {
            None
        };
        // A shallow boundary (or a parent whose objects are missing): what it "adds" may be older.
        let cut = boundary || (commit.parent_count() == 1 && parent_tree.is_none());
        // Skip without a diff when every followed directory is unchanged.
        let pairs = self.changed_dirs(&track, &tree, parent_tree.as_ref());
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
        if adds_tracked && let Some(pt) = &parent_tree {
            sources = self.sources(pt, &tree, &track)?;
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
            self.record(&commit, cut, events);
        }
        if let Some(p) = parent_id {
            self.give(p, track);
        }
        Ok(())
    }

    /// The followed directories of `track` whose trees differ between the commit's `tree` and
    /// its parent's: (directory, parent's tree id, commit's tree id).
    fn changed_dirs(
        &mut self,
        track: &Track,
        tree: &git2::Tree<'_>,
        parent_tree: Option<&git2::Tree<'_>>,
    ) -> Vec<(usize, Option<Oid>, Option<Oid>)> {
        let mut pairs = Vec::with_capacity(track.dirs.len());
        for &d in &track.dirs {
            let c = self.dir_id(tree, d);
            let p = match parent_tree {
                Some(pt) => self.dir_id(pt, d),
                None => None,
            };
            if c != p {
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
        // Compare the directories entry by entry (both sorted by name): cheaper than a general
        // diff, which matches a pathspec and builds a path for every entry.
        let mut changes: Vec<Change> = Vec::new();
        let mut keep = HashMap::new();
        for (d, p, c) in pairs {
            let old = p.map(|id| self.tree(id)).transpose()?;
            let new = c.map(|id| self.tree(id)).transpose()?;
            dir_changes(
                self.repo,
                &self.dirs[d],
                old.as_ref(),
                new.as_ref(),
                &mut changes,
            )?;
            if let Some(t) = old {
                keep.insert(t.id(), t);
            }
        }
        self.keep = keep;
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

    /// Where the followed files this commit adds come from (new path → old path): the renames
    /// git's rename detection pairs, from anywhere in the repository (renames only: a copy of a
    /// file that stays is a new file), then, among files deleted in the same commit and not
    /// paired, one with the same file stem (moved to another directory and rewritten) or the
    /// same title (renumbered and rewritten).
    fn sources(
        &self,
        old: &git2::Tree<'_>,
        new: &git2::Tree<'_>,
        track: &Track,
    ) -> Result<HashMap<String, String>, git2::Error> {
        let repo = self.repo;
        let mut opts = DiffOptions::new();
        opts.skip_binary_check(true);
        let mut diff = repo.diff_tree_to_tree(Some(old), Some(new), Some(&mut opts))?;
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
                (Delta::Renamed, Some(n), Some(o)) if track.paths.contains_key(&n) => {
                    out.insert(n, o);
                }
                (Delta::Added, Some(n), _) if track.paths.contains_key(&n) => {
                    added.push((n, delta.new_file().id()));
                }
                (Delta::Deleted, _, Some(o)) => deleted.push((o, delta.old_file().id())),
                _ => {}
            }
        }
        if added.is_empty() || deleted.is_empty() {
            return Ok(out);
        }
        let title = |blob: Oid| -> Option<String> {
            let b = repo.find_blob(blob).ok()?;
            let text = String::from_utf8_lossy(b.content());
            first_title(&text)
        };
        let deleted: Vec<(String, Oid, Option<String>)> = deleted
            .into_iter()
            .map(|(p, b)| {
                let t = title(b);
                (p, b, t)
            })
            .collect();
        let mut used = HashSet::new();
        for (n, blob) in added {
            let stem = file_stem(&n);
            let t = title(blob);
            let by_stem: Vec<usize> = (0..deleted.len())
                .filter(|&i| !used.contains(&i) && file_stem(&deleted[i].0) == stem)
                .collect();
            let by_title: Vec<usize> = (0..deleted.len())
                .filter(|&i| !used.contains(&i) && t.is_some() && deleted[i].2 == t)
                .collect();
            let pick = match (by_stem.as_slice(), by_title.as_slice()) {
                ([i], _) | ([], [i]) => Some(*i),
                _ => None,
            };
            if let Some(i) = pick {
                used.insert(i);
                out.insert(n, deleted[i].0.clone());
            }
        }
        Ok(out)
    }

    /// Keeps the raw events of one commit, and its author and date.
    fn record(&mut self, commit: &git2::Commit<'_>, cut: bool, events: Vec<Raw>) {
        let oid = commit.id();
        if !self.sigs.contains_key(&oid) {
            let sig = match &self.mailmap {
                Some(m) => commit
                    .author_with_mailmap(m)
                    .unwrap_or_else(|_| commit.author().to_owned()),
                None => commit.author().to_owned(),
            };
            let when = sig.when();
            let date = chrono::DateTime::from_timestamp(when.seconds(), 0)
                .and_then(|d| {
                    chrono::FixedOffset::east_opt(when.offset_minutes() * 60)
                        .map(|o| d.with_timezone(&o))
                })
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let author = sig.name().unwrap_or("(unknown)").to_string();
            if cut {
                self.shallow_roots.insert(oid);
            }
            self.sigs.insert(
                oid,
                Fact {
                    date,
                    author,
                    commit: oid.to_string(),
                    at_or_before: false,
                    time: when.seconds(),
                },
            );
        }
        self.raw.extend(events);
    }
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

/// Files added, deleted and modified between two versions of directory `dir` (trees; `None`
/// when absent), sub-directories included (a sub-tree with the same id is not read).
fn dir_changes(
    repo: &Repository,
    dir: &str,
    ot: Option<&git2::Tree<'_>>,
    nt: Option<&git2::Tree<'_>>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    use git2::ObjectType::{Blob, Tree};
    let kept = |e: &git2::TreeEntry<'_>| matches!(e.kind(), Some(Blob) | Some(Tree));
    // Lockstep over both entry lists, without copying them, in git's order.
    let mut a = ot.iter().flat_map(|t| t.iter()).filter(kept).peekable();
    let mut b = nt.iter().flat_map(|t| t.iter()).filter(kept).peekable();
    let path = |name: &[u8]| child_path(dir, name);
    let side = |e: &git2::TreeEntry<'_>, kind: Delta, out: &mut Vec<Change>| {
        side_changes(repo, dir, e, kind, out)
    };
    loop {
        let ord = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => git_order(x, y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        match ord {
            std::cmp::Ordering::Equal => {
                if let (Some(x), Some(y)) = (a.next(), b.next())
                    && x.id() != y.id()
                {
                    match (x.kind(), y.kind()) {
                        (Some(Blob), Some(Blob)) => out.push(Change {
                            kind: Delta::Modified,
                            path: path(y.name_bytes()),
                            blob: y.id(),
                        }),
                        (Some(Tree), Some(Tree)) => {
                            let (o, n) = (repo.find_tree(x.id())?, repo.find_tree(y.id())?);
                            dir_changes(repo, &path(y.name_bytes()), Some(&o), Some(&n), out)?;
                        }
                        _ => {
                            side(&x, Delta::Deleted, out)?;
                            side(&y, Delta::Added, out)?;
                        }
                    }
                }
            }
            std::cmp::Ordering::Less => {
                if let Some(x) = a.next() {
                    side(&x, Delta::Deleted, out)?;
                }
            }
            std::cmp::Ordering::Greater => {
                if let Some(y) = b.next() {
                    side(&y, Delta::Added, out)?;
                }
            }
        }
    }
    Ok(())
}

/// The order of two entries of one tree, as git sorts them (a tree named `x` sorts as `x/`).
fn git_order(x: &git2::TreeEntry<'_>, y: &git2::TreeEntry<'_>) -> std::cmp::Ordering {
    let key = |e: &git2::TreeEntry<'_>| (e.kind() == Some(git2::ObjectType::Tree)).then_some(b'/');
    let (xs, ys) = (key(x), key(y));
    x.name_bytes()
        .iter()
        .copied()
        .chain(xs)
        .cmp(y.name_bytes().iter().copied().chain(ys))
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
    repo: &Repository,
    dir: &str,
    e: &git2::TreeEntry<'_>,
    kind: Delta,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let p = child_path(dir, e.name_bytes());
    if e.kind() == Some(git2::ObjectType::Tree) {
        let t = repo.find_tree(e.id())?;
        let (o, n) = if kind == Delta::Added {
            (None, Some(&t))
        } else {
            (Some(&t), None)
        };
        dir_changes(repo, &p, o, n, out)
    } else {
        out.push(Change {
            kind,
            path: p,
            blob: if kind == Delta::Added {
                e.id()
            } else {
                Oid::ZERO_SHA1
            },
        });
        Ok(())
    }
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
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
mod content_hash_tests {
    use std::hash::{Hash, Hasher};

    /// The hash of the lines `content_hash` must keep, as it has always hashed them.
    fn hash_of(kept: &[&str]) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for l in kept {
            l.hash(&mut h);
        }
        h.finish()
    }

    fn hash(name: &str, text: &str) -> u64 {
        let vocab = crate::parse::Vocab::default();
        let p = crate::parse::parse(&format!("doc/adr/{name}"), name, text, &vocab);
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
}
