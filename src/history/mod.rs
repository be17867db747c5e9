//! History from git in one pass: for every ADR, when and by whom it was created, last changed,
//! every author, and its status timeline, following renames and directory moves.
//!
//! One walk of the commits reachable from HEAD (all parents, like `git log --full-history`),
//! newest first. A commit whose ADR-directory tree ids equal its parent's is skipped without a
//! diff; otherwise only those directories are diffed. Paths are tracked backwards: a current
//! ADR's path maps to the ADR; a rename maps the old path to it; the commit that adds a tracked
//! path is its creation, after which the path is no longer tracked (a reused file name is
//! another ADR). Merge commits carry no diff of their own (the side branch's commits are
//! walked), as in `git log`.

use crate::parse::{self, Vocab};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What one version of a file says: its status and its relations (kind, target as written).
type BlobMeta = (Option<String>, BTreeSet<(String, String)>, u64);

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

/// Reads history for the ADRs at `paths` (relative to `root`, which holds the ADR directory
/// `dir_rel`). Never fails: what cannot be known is left empty and said in `notes`.
pub fn read(root: &Path, dir_rel: &str, paths: &[String], vocab: &Vocab) -> History {
    let mut h = History::default();
    // Reading only: like `git log` (and unlike `git fsck`), do not re-hash every object read.
    // Hash verification was 40% of the history pass on a 20,000-commit repository.
    git2::opts::strict_hash_verification(false);
    let repo = match Repository::discover(root) {
        Ok(r) => r,
        Err(_) => {
            h.notes
                .push("not a git repository: created, updated and authors are unknown".into());
            return h;
        }
    };
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        h.notes.push("bare repository: history is not read".into());
        return h;
    };
    let (Ok(wd), Ok(rt)) = (workdir.canonicalize(), root.canonicalize()) else {
        h.notes
            .push("cannot resolve the repository's work tree: history is not read".into());
        return h;
    };
    // Paths in git are relative to the work tree; ours are relative to `root`.
    let root_in_repo = rt
        .strip_prefix(&wd)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let to_git = |p: &str| -> String { join(&root_in_repo, p) };
    let from_git = |p: &str| -> Option<String> {
        let pp = Path::new(p);
        pp.strip_prefix(&root_in_repo)
            .ok()
            .map(|r| r.to_string_lossy().replace('\\', "/"))
    };
    let mut walker = Walker::new(&repo, to_git(dir_rel));
    for (i, p) in paths.iter().enumerate() {
        let g = to_git(p);
        // ADRs in sub-directories of the ADR directory (`historic/`): watch their folder too.
        if let Some((parent, _)) = g.rsplit_once('/')
            && !walker.dirs.iter().any(|d| d == parent)
        {
            walker.dirs.push(parent.to_string());
        }
        walker.tracking.insert(g, i);
    }
    walker.run(&mut h);
    let mut per_adr: Vec<Vec<Raw>> = (0..paths.len()).map(|_| Vec::new()).collect();
    for r in walker.raw.drain(..) {
        per_adr[r.adr].push(r);
    }
    let mut cache: HashMap<Oid, BlobMeta> = HashMap::new();
    let shallow_roots = walker.shallow_roots.clone();
    let mut uncommitted = 0;
    for (i, mut raws) in per_adr.into_iter().enumerate() {
        if raws.is_empty() {
            uncommitted += 1;
            continue;
        }
        raws.sort_by_key(|r| std::cmp::Reverse(r.order)); // oldest first
        let mut events = Vec::with_capacity(raws.len());
        let mut prev: Option<BlobMeta> = None;
        for r in &raws {
            let meta = cache
                .entry(r.blob)
                .or_insert_with(|| blob_meta(&repo, r.blob, &r.path, vocab))
                .clone();
            let kind = match &prev {
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
            };
            let sig = &walker.sigs[&r.commit];
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
        let first = &raws[0];
        let mut created = walker.sigs[&first.commit].clone();
        created.at_or_before = shallow_roots.contains(&first.commit);
        let last = &raws[raws.len() - 1];
        let updated = walker.sigs[&last.commit].clone();
        let authors: BTreeSet<String> = events.iter().map(|e| e.author.clone()).collect();
        h.by_path.insert(
            paths[i].clone(),
            AdrHistory {
                created: Some(created),
                updated: Some(updated),
                authors: authors.into_iter().collect(),
                events,
            },
        );
    }
    if uncommitted > 0 && h.notes.is_empty() {
        h.notes.push(format!(
            "{uncommitted} ADR{} not committed yet: {} date and authors are unknown",
            if uncommitted == 1 { " is" } else { "s are" },
            if uncommitted == 1 { "its" } else { "their" }
        ));
    }
    h
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
    let mut skip: HashSet<usize> = p
        .adr
        .relations
        .iter()
        .map(|r| r.line.saturating_sub(1))
        .collect();
    if let Some(at) = layout.status {
        skip.insert(at.line());
    }
    if let Some(front) = &layout.front {
        for k in &front.keys {
            let name = k.name.to_ascii_lowercase();
            let relation = [
                "supersedes",
                "superseded-by",
                "amends",
                "amended-by",
                "relates-to",
            ]
            .contains(&name.as_str())
                || p.adr.relations.iter().any(|r| r.line == k.line + 1);
            if name == "status" || relation {
                skip.extend(k.line..k.end);
            }
        }
    }
    if let Some(sec) = layout.links_section {
        skip.insert(sec.heading);
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for i in 0..layout.lines.len() {
        let l = layout.line(text, i).trim_end();
        if skip.contains(&i) || l.is_empty() {
            continue;
        }
        l.hash(&mut h);
    }
    h.finish()
}

struct Walker<'r> {
    repo: &'r Repository,
    dirs: Vec<String>,
    tracking: HashMap<String, usize>,
    raw: Vec<Raw>,
    sigs: HashMap<Oid, Fact>,
    mailmap: Option<git2::Mailmap>,
    shallow_roots: HashSet<Oid>,
    dir_cache: HashMap<(Oid, usize), Option<Oid>>,
    /// Directory trees read as "parent" for the previous commit: in a linear stretch they are
    /// the next commit's "child" trees, so each version is read once.
    keep: HashMap<Oid, git2::Tree<'r>>,
}

impl<'r> Walker<'r> {
    fn new(repo: &'r Repository, dir: String) -> Walker<'r> {
        Walker {
            repo,
            dirs: vec![dir],
            tracking: HashMap::new(),
            raw: Vec::new(),
            sigs: HashMap::new(),
            mailmap: repo.mailmap().ok(),
            shallow_roots: HashSet::new(),
            dir_cache: HashMap::new(),
            keep: HashMap::new(),
        }
    }

    /// The tree id of tracked directory `d` in `tree` (None when absent).
    fn dir_id(&mut self, tree: &git2::Tree<'_>, d: usize) -> Option<Oid> {
        let key = (tree.id(), d);
        if let Some(v) = self.dir_cache.get(&key) {
            return *v;
        }
        let v = if self.dirs[d].is_empty() {
            Some(tree.id())
        } else {
            tree.get_path(Path::new(&self.dirs[d])).ok().map(|e| e.id())
        };
        self.dir_cache.insert(key, v);
        v
    }

    fn run(&mut self, h: &mut History) {
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
        let _ = walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME);
        let progress = crate::output::Progress::new("reading history", "commits", 512);
        let mut missing = 0usize;
        for (order, oid) in walk.enumerate() {
            if self.tracking.is_empty() {
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
            progress.tick(h.commits);
            if let Err(e) = self.commit(oid, order, shallow.contains(&oid), h) {
                missing += 1;
                if missing == 1 {
                    h.notes.push(format!(
                        "history is incomplete: commit {oid}: {}",
                        e.message()
                    ));
                }
            }
        }
        progress.finish();
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

    fn commit(
        &mut self,
        oid: Oid,
        order: usize,
        boundary: bool,
        h: &mut History,
    ) -> Result<(), git2::Error> {
        let repo = self.repo;
        let commit = repo.find_commit(oid)?;
        if commit.parent_count() > 1 {
            return Ok(());
        }
        let tree = commit.tree()?;
        let parent_tree = if commit.parent_count() == 1 {
            commit.parent(0).and_then(|p| p.tree()).ok()
        } else {
            None
        };
        // A shallow boundary (or a parent whose objects are missing): what it "adds" may be older.
        let cut = boundary || (commit.parent_count() == 1 && parent_tree.is_none());
        // Skip without a diff when every tracked directory is unchanged.
        let mut pairs = Vec::with_capacity(self.dirs.len());
        for d in 0..self.dirs.len() {
            let c = self.dir_id(&tree, d);
            let p = match &parent_tree {
                Some(pt) => self.dir_id(pt, d),
                None => None,
            };
            if c != p {
                pairs.push((d, p, c));
            }
        }
        if pairs.is_empty() {
            return Ok(());
        }
        h.diffed += 1;
        // Compare the directories entry by entry (both sorted by name): cheaper than a general
        // diff, which matches a pathspec and builds a path for every entry.
        let mut changes: Vec<Change> = Vec::new();
        let mut moved_in = false;
        let mut keep = HashMap::new();
        for (d, p, c) in pairs {
            if p.is_none() && parent_tree.is_some() {
                moved_in = true; // the directory appeared: perhaps moved from elsewhere
            }
            let old = p.map(|id| self.tree(id)).transpose()?;
            let new = c.map(|id| self.tree(id)).transpose()?;
            dir_changes(&self.dirs[d], old.as_ref(), new.as_ref(), &mut changes);
            if let Some(t) = old {
                keep.insert(t.id(), t);
            }
        }
        self.keep = keep;
        let adds_tracked = changes
            .iter()
            .any(|c| c.kind == Delta::Added && self.tracking.contains_key(&c.path));
        let deletes = changes.iter().any(|c| c.kind == Delta::Deleted);
        if adds_tracked && parent_tree.is_some() && (deletes || moved_in) {
            // Where did an added ADR come from? Renames inside the directories need rename
            // detection; a directory that appeared may have moved from a former location.
            let mut opts = DiffOptions::new();
            if moved_in {
                opts.pathspec("*.md");
            } else {
                for d in &self.dirs {
                    if !d.is_empty() {
                        opts.pathspec(d.as_str());
                    }
                }
            }
            opts.skip_binary_check(true);
            let mut diff =
                repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
            let mut f = DiffFindOptions::new();
            f.renames(true)
                .rename_limit(2000)
                .rename_threshold(RENAME_THRESHOLD);
            diff.find_similar(Some(&mut f))?;
            changes.clear();
            for delta in diff.deltas() {
                let kind = delta.status();
                let path = delta.new_file().path().map(path_str).unwrap_or_default();
                let old = delta.old_file().path().map(path_str);
                changes.push(Change {
                    kind,
                    path,
                    old,
                    blob: delta.new_file().id(),
                });
            }
        }
        let mut new_dirs = Vec::new();
        let mut events = Vec::new();
        for ch in changes {
            // Which ADR the change belongs to, and whether it created or renamed the file.
            let hit = match ch.kind {
                Delta::Modified | Delta::Typechange => {
                    self.tracking.get(&ch.path).map(|&adr| (adr, false, false))
                }
                Delta::Added | Delta::Copied => {
                    self.tracking.remove(&ch.path).map(|adr| (adr, true, false))
                }
                Delta::Renamed => match &ch.old {
                    Some(op) => self.tracking.remove(&ch.path).map(|adr| {
                        // Older commits know the file by its old path, maybe in a former directory.
                        let old_dir = op
                            .rsplit_once('/')
                            .map_or(String::new(), |(d, _)| d.to_string());
                        if !self.dirs.contains(&old_dir) && !new_dirs.contains(&old_dir) {
                            new_dirs.push(old_dir);
                        }
                        self.tracking.insert(op.clone(), adr);
                        (adr, false, true)
                    }),
                    None => None,
                },
                _ => None,
            };
            if let Some((adr, created, renamed)) = hit {
                events.push(Raw {
                    adr,
                    order,
                    commit: oid,
                    blob: ch.blob,
                    path: ch.path,
                    created,
                    renamed,
                });
            }
        }
        self.dirs.extend(new_dirs);
        if !events.is_empty() && !self.sigs.contains_key(&oid) {
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
        Ok(())
    }
}

/// A change of one file in a tracked directory.
struct Change {
    kind: Delta,
    /// Path of the file (new path for renames).
    path: String,
    /// Old path, for renames.
    old: Option<String>,
    /// The new blob.
    blob: Oid,
}

/// Files added, deleted and modified between two versions of directory `dir` (tree ids; `None`
/// when absent). Only blobs directly in the directory count: ADR directories are flat.
fn dir_changes(
    dir: &str,
    ot: Option<&git2::Tree<'_>>,
    nt: Option<&git2::Tree<'_>>,
    out: &mut Vec<Change>,
) {
    let is_blob = |e: &git2::TreeEntry<'_>| e.kind() == Some(git2::ObjectType::Blob);
    // Lockstep over both sorted entry lists, without copying them.
    let mut a = ot.iter().flat_map(|t| t.iter()).filter(is_blob).peekable();
    let mut b = nt.iter().flat_map(|t| t.iter()).filter(is_blob).peekable();
    let path = |name: &[u8]| {
        let n = String::from_utf8_lossy(name);
        if dir.is_empty() {
            n.into_owned()
        } else {
            format!("{dir}/{n}")
        }
    };
    loop {
        let ord = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.name_bytes().cmp(y.name_bytes()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        match ord {
            std::cmp::Ordering::Equal => {
                if let (Some(x), Some(y)) = (a.next(), b.next())
                    && x.id() != y.id()
                {
                    out.push(Change {
                        kind: Delta::Modified,
                        path: path(y.name_bytes()),
                        old: None,
                        blob: y.id(),
                    });
                }
            }
            std::cmp::Ordering::Less => {
                if let Some(x) = a.next() {
                    out.push(Change {
                        kind: Delta::Deleted,
                        path: path(x.name_bytes()),
                        old: None,
                        blob: Oid::ZERO_SHA1,
                    });
                }
            }
            std::cmp::Ordering::Greater => {
                if let Some(y) = b.next() {
                    out.push(Change {
                        kind: Delta::Added,
                        path: path(y.name_bytes()),
                        old: None,
                        blob: y.id(),
                    });
                }
            }
        }
    }
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
