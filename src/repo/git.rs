//! git, for everything that reads it: [`Git`], the repository opened once per workspace (on
//! first use) and shared by discovery, history, links, `new` and `check --changed-since`; the
//! numbers in use on every local and remote-tracking branch (read from their trees, no
//! checkout); and the lock `new` takes.

use crate::parse::name::parse_file_name;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The git repository a workspace lives in, with the facts every reader needs worked out once:
/// where the workspace root sits in the work tree, the git directory, the `origin` remote.
pub struct Git {
    repo: Mutex<git2::Repository>,
    git_dir: PathBuf,
    workdir: Option<PathBuf>,
    workdir_canonical: Option<PathBuf>,
    root_in_workdir: Option<PathBuf>,
    origin: Option<String>,
}

impl Git {
    /// Opens the repository holding `root` (walking up like git); `None` without one.
    pub fn open(root: &Path) -> Option<Git> {
        let repo = git2::Repository::discover(root).ok()?;
        let workdir = repo.workdir().map(Path::to_path_buf);
        let origin = repo
            .find_remote("origin")
            .ok()
            .and_then(|r| r.url().ok().map(str::to_string));
        let mut git = Git {
            git_dir: repo.path().to_path_buf(),
            workdir_canonical: workdir.as_deref().and_then(|w| w.canonicalize().ok()),
            workdir,
            root_in_workdir: None,
            origin,
            repo: Mutex::new(repo),
        };
        git.root_in_workdir = git.path_in_workdir(root);
        Some(git)
    }

    /// Runs `f` on the repository (one reader at a time: libgit2 handles are not shared
    /// between threads).
    pub fn with<R>(&self, f: impl FnOnce(&git2::Repository) -> R) -> R {
        let repo = self.repo.lock().unwrap_or_else(PoisonError::into_inner);
        f(&repo)
    }

    /// The git directory (`.git`).
    pub fn git_dir(&self) -> &Path {
        &self.git_dir
    }

    /// The work tree, as git names it; `None` for a bare repository.
    pub fn workdir(&self) -> Option<&Path> {
        self.workdir.as_deref()
    }

    /// Whether the repository has no work tree.
    pub fn is_bare(&self) -> bool {
        self.workdir.is_none()
    }

    /// The root the repository was opened from, as a path inside the work tree (empty at its
    /// top); `None` when bare or when the two cannot be related.
    pub fn root_in_workdir(&self) -> Option<&Path> {
        self.root_in_workdir.as_deref()
    }

    /// Where `p` (an existing directory) is inside the work tree; `None` outside it.
    pub fn path_in_workdir(&self, p: &Path) -> Option<PathBuf> {
        let (wd, p) = (self.workdir_canonical.as_deref()?, p.canonicalize().ok()?);
        p.strip_prefix(wd).ok().map(Path::to_path_buf)
    }

    /// [`Git::root_in_workdir`] as a `/`-separated prefix of git's paths (`""` at the top).
    pub fn prefix(&self) -> Option<String> {
        self.root_in_workdir.as_deref().map(slashed)
    }

    /// [`Git::path_in_workdir`] as a `/`-separated prefix of git's paths (`""` at the top).
    pub fn prefix_of(&self, p: &Path) -> Option<String> {
        self.path_in_workdir(p).as_deref().map(slashed)
    }

    /// The URL of the `origin` remote.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }
}

/// The files of the work tree as paths from the workspace `root`: with git, the files of its
/// index (tracked and staged) under the root; without, every file under the root outside
/// `.git` directories. Sorted.
pub fn tracked_files(git: Option<&Git>, root: &Path) -> Vec<crate::model::RepoPath> {
    use crate::model::RepoPath;
    let mut out: Vec<RepoPath> = match git.and_then(|g| Some((g, g.prefix()?))) {
        Some((g, prefix)) => {
            let all = read_index_paths(g.git_dir()).unwrap_or_else(|| {
                g.with(|repo| {
                    repo.index().map_or_else(
                        |_| Vec::new(),
                        |index| {
                            index
                                .iter()
                                .map(|e| String::from_utf8_lossy(&e.path).into_owned())
                                .collect()
                        },
                    )
                })
            });
            all.iter()
                .filter_map(|p| under(&prefix, p).map(RepoPath::new))
                .collect()
        }
        None => {
            let mut v = Vec::new();
            walk_files(root, root, &mut v);
            v
        }
    };
    out.sort();
    out.dedup();
    out
}

/// `path` (from the work tree) relative to the directory `prefix` (`""`: the work tree), when
/// it is under it.
fn under<'p>(prefix: &str, path: &'p str) -> Option<&'p str> {
    if prefix.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(prefix)?.strip_prefix('/')
    }
}

/// Every file under `dir` (outside `.git`), as paths from `root`.
fn walk_files(root: &Path, dir: &Path, out: &mut Vec<crate::model::RepoPath>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() && e.file_name() != ".git" => walk_files(root, &p, out),
            Ok(t) if t.is_file() => {
                if let Ok(rel) = p.strip_prefix(root) {
                    out.push(crate::model::RepoPath::from_path(rel));
                }
            }
            _ => {}
        }
    }
}

/// A relative path with `/` between its components, whatever the platform.
fn slashed(p: &Path) -> String {
    crate::model::RepoPath::from_path(p).into_string()
}

impl std::fmt::Debug for Git {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Git")
            .field("git_dir", &self.git_dir)
            .field("root_in_workdir", &self.root_in_workdir)
            .finish_non_exhaustive()
    }
}

/// A workspace's [`Git`], opened on first use and then kept: one open per workspace, however
/// many readers ask. A clone starts empty (it opens again when asked).
#[derive(Debug, Default)]
pub struct GitCell(OnceLock<Option<Git>>);

impl GitCell {
    /// The repository holding `root`, opened on the first call.
    pub fn get(&self, root: &Path) -> Option<&Git> {
        self.0.get_or_init(|| Git::open(root)).as_ref()
    }
}

impl Clone for GitCell {
    fn clone(&self) -> GitCell {
        GitCell::default()
    }
}

/// Numbers of ADR files in `dir_rel` on every local and remote-tracking branch, and the names
/// of the branches that were read. No repository: nothing.
pub fn numbers_on_branches(git: Option<&Git>, dir_rel: &str) -> (BTreeSet<u32>, usize) {
    let out = BTreeSet::new();
    let Some(git) = git else {
        return (out, 0);
    };
    let Some(prefix) = git.root_in_workdir() else {
        return (out, 0);
    };
    let rel: PathBuf = if dir_rel == "." {
        prefix.to_path_buf()
    } else {
        prefix.join(dir_rel)
    };
    git.with(|repo| numbers_in(repo, &rel, out))
}

fn numbers_in(
    repo: &git2::Repository,
    rel: &Path,
    mut out: BTreeSet<u32>,
) -> (BTreeSet<u32>, usize) {
    let mut branches = 0;
    for glob in ["refs/heads/*", "refs/remotes/*"] {
        let Ok(refs) = repo.references_glob(glob) else {
            continue;
        };
        for r in refs {
            let Ok(r) = r else { continue };
            let Ok(tree) = r.peel_to_tree() else { continue };
            branches += 1;
            let sub = if rel.as_os_str().is_empty() {
                Some(tree)
            } else {
                tree.get_path(rel)
                    .ok()
                    .and_then(|e| e.to_object(repo).ok())
                    .and_then(|o| o.into_tree().ok())
            };
            let Some(sub) = sub else { continue };
            for e in sub.iter() {
                if let Ok(name) = e.name()
                    && name.ends_with(".md")
                    && let Some(n) = parse_file_name(name).number
                {
                    out.insert(n);
                }
            }
        }
    }
    (out, branches)
}

/// An exclusive lock held while `new` picks a number and creates its file, so that two
/// `adrgov new` at the same moment pick different numbers. Released on drop.
pub struct Lock {
    _file: std::fs::File,
}

/// Takes the lock for the ADR directory `dir` (waits for another adrgov holding it): a file in
/// the git directory, or without git one in the temporary directory named for `dir`.
pub fn lock(dir: &Path, git: Option<&Git>) -> std::io::Result<Lock> {
    let canon = dir.canonicalize()?;
    let path = match git {
        Some(git) => git.git_dir().join("adrgov.lock"),
        None => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            canon.hash(&mut h);
            std::env::temp_dir().join(format!("adrgov-{:016x}.lock", h.finish()))
        }
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    file.lock()?;
    Ok(Lock { _file: file })
}

/// The paths of the entries of the index file of the git directory `git_dir`, in the order
/// stored (every stage of a conflicted path), read straight from the file; `None` for what
/// this reader leaves to libgit2: a missing file, another version than 2–4, SHA-256 object
/// ids, a split or sparse index, anything damaged.
///
/// libgit2 checks the whole file's checksum and copies every entry, which was most of a
/// command's time beside a conventional ADR directory on a 1,000-ADR repository; the paths
/// are all discovery and `governs` need (and git rewrites a damaged index anyway).
pub fn read_index_paths(git_dir: &Path) -> Option<Vec<String>> {
    let data = std::fs::read(git_dir.join("index")).ok()?;
    if sha256_objects(git_dir) {
        return None;
    }
    let be32 = |at: usize| -> Option<usize> {
        let b: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(u32::from_be_bytes(b)).ok()
    };
    if data.get(..4)? != b"DIRC" {
        return None;
    }
    let version = be32(4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = be32(8)?;
    let mut at = 12;
    let mut out: Vec<String> = Vec::with_capacity(count);
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), the id (20), flags (2).
        let flags = u16::from_be_bytes(data.get(start + 60..start + 62)?.try_into().ok()?);
        at = start + 62;
        if flags & 0x4000 != 0 {
            if version < 3 {
                return None;
            }
            at += 2; // extended flags
        }
        let path = if version == 4 {
            let (strip, used) = varint(data.get(at..)?)?;
            at += used;
            let end = at + memchr::memchr(0, data.get(at..)?)?;
            let keep = previous.len().checked_sub(strip)?;
            previous.truncate(keep);
            previous.extend_from_slice(&data[at..end]);
            at = end + 1;
            previous.clone()
        } else {
            let end = at + memchr::memchr(0, data.get(at..)?)?;
            let path = data[at..end].to_vec();
            // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
            at = start + (end - start + 8) / 8 * 8;
            path
        };
        out.push(String::from_utf8(path).ok()?);
    }
    // Extensions: a split index ("link") or a sparse one ("sdir") lists other paths.
    while at + 8 <= data.len().saturating_sub(20) {
        let sig = data.get(at..at + 4)?;
        if sig == b"link" || sig == b"sdir" {
            return None;
        }
        at += 8 + be32(at + 4)?;
    }
    Some(out)
}

/// Git's offset varint (index v4's strip length): the value and the bytes it took.
fn varint(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    let mut v = usize::from(*b.first()? & 0x7f);
    while b.get(i)? & 0x80 != 0 {
        i += 1;
        v = ((v + 1) << 7) | usize::from(b.get(i)? & 0x7f);
    }
    Some((v, i + 1))
}

/// Whether the repository at `git_dir` stores SHA-256 object ids (`extensions.objectformat`).
fn sha256_objects(git_dir: &Path) -> bool {
    // A linked work tree keeps its configuration in the common directory.
    let common = std::fs::read_to_string(git_dir.join("commondir"))
        .map(|c| git_dir.join(c.trim()))
        .unwrap_or_else(|_| git_dir.to_path_buf());
    std::fs::read_to_string(common.join("config"))
        .map(|c| c.to_ascii_lowercase().contains("objectformat = sha256"))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_knows_where_the_root_sits_and_the_origin_once_opened() {
        let t = tempfile::tempdir().expect("tempdir");
        let repo = git2::Repository::init(t.path()).expect("init");
        repo.remote("origin", "git@github.com:acme/widgets.git")
            .expect("remote");
        let root = t.path().join("services/api");
        std::fs::create_dir_all(&root).expect("mkdir");
        let git = Git::open(&root).expect("a repository");
        assert!(!git.is_bare());
        assert_eq!(git.root_in_workdir(), Some(Path::new("services/api")));
        assert_eq!(git.prefix().as_deref(), Some("services/api"));
        assert_eq!(git.prefix_of(t.path()).as_deref(), Some(""));
        assert_eq!(git.origin(), Some("git@github.com:acme/widgets.git"));
        assert_eq!(
            git.git_dir().canonicalize().expect("canon"),
            t.path().join(".git").canonicalize().expect("canon")
        );
        let outside = tempfile::tempdir().expect("tempdir");
        assert_eq!(git.prefix_of(outside.path()), None);
        // No commit yet: HEAD is unborn.
        assert!(git.with(|r| r.head().is_err()));
    }

    #[test]
    fn a_cell_opens_once_and_a_clone_opens_its_own() {
        let t = tempfile::tempdir().expect("tempdir");
        git2::Repository::init(t.path()).expect("init");
        let cell = GitCell::default();
        let first = cell.get(t.path()).expect("a repository") as *const Git;
        let second = cell.get(t.path()).expect("a repository") as *const Git;
        assert_eq!(first, second);
        // A clone starts empty and opens its own.
        let clone = cell.clone();
        let third = clone.get(t.path()).expect("a repository") as *const Git;
        assert_ne!(first, third);
    }
}
