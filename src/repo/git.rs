//! What the repository's branches say: numbers in use on every local and remote-tracking
//! branch (read from their trees with git2, no checkout), and the lock `new` takes.

use crate::parse::name::parse_file_name;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Numbers of ADR files in `dir_rel` on every local and remote-tracking branch, and the names
/// of the branches that were read. No repository: nothing.
pub fn numbers_on_branches(root: &Path, dir_rel: &str) -> (BTreeSet<u32>, usize) {
    let mut out = BTreeSet::new();
    let Ok(repo) = git2::Repository::discover(root) else {
        return (out, 0);
    };
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return (out, 0);
    };
    let Ok(canon_wd) = workdir.canonicalize() else {
        return (out, 0);
    };
    let Ok(canon_root) = root.canonicalize() else {
        return (out, 0);
    };
    let prefix = canon_root
        .strip_prefix(&canon_wd)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let rel: PathBuf = if dir_rel == "." {
        prefix
    } else {
        prefix.join(dir_rel)
    };
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
                tree.get_path(&rel)
                    .ok()
                    .and_then(|e| e.to_object(&repo).ok())
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

/// Takes the lock for the ADR directory `dir` (waits for another adrgov holding it).
pub fn lock(dir: &Path) -> std::io::Result<Lock> {
    let canon = dir.canonicalize()?;
    let path = match git2::Repository::discover(&canon) {
        Ok(repo) => repo.path().join("adrgov.lock"),
        Err(_) => {
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
