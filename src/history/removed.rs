//! The commit that removed the last file of a set: for a `governs` glob that matches no file
//! any more, which change left the decision without code.

use crate::model::RepoPath;
use crate::repo::git::Git;
use git2::{Delta, DiffOptions, Sort};

/// A commit that deleted a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Full commit id.
    pub commit: String,
    /// Abbreviated commit id (as `git log --oneline` prints it).
    pub short: String,
    /// The first line of the commit message.
    pub subject: String,
    /// The file it removed, from the workspace root.
    pub path: RepoPath,
}

/// The newest commit reachable from HEAD (merges aside: the change is the branch's own commit)
/// that deleted a file for which `matches` holds, looking only under `dirs` (from the
/// workspace root; empty: everywhere). `None` without git, history or such a commit.
pub fn last_removal(
    git: &Git,
    dirs: &[String],
    matches: &dyn Fn(&RepoPath) -> bool,
) -> Option<Removal> {
    let prefix = git.prefix()?;
    let to_git = |d: &str| match (prefix.is_empty(), d.is_empty()) {
        (true, _) => d.to_string(),
        (false, true) => prefix.clone(),
        (false, false) => format!("{prefix}/{d}"),
    };
    git.with(|repo| {
        let mut walk = repo.revwalk().ok()?;
        walk.push_head().ok()?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME).ok()?;
        for oid in walk.flatten() {
            let commit = repo.find_commit(oid).ok()?;
            if commit.parent_count() != 1 {
                continue;
            }
            let parent = commit.parent(0).ok()?;
            let mut opts = DiffOptions::new();
            // No pathspec at all (not an empty one) when the glob may match anywhere.
            for g in dirs.iter().map(|d| to_git(d)).filter(|g| !g.is_empty()) {
                opts.pathspec(g);
            }
            let diff = repo
                .diff_tree_to_tree(
                    parent.tree().ok().as_ref(),
                    commit.tree().ok().as_ref(),
                    Some(&mut opts),
                )
                .ok()?;
            let gone = diff
                .deltas()
                .filter(|d| d.status() == Delta::Deleted)
                .find_map(|d| {
                    let p = d.old_file().path()?.to_str()?;
                    let rest = if prefix.is_empty() {
                        p
                    } else {
                        p.strip_prefix(prefix.as_str())?.strip_prefix('/')?
                    };
                    let rp = RepoPath::new(rest);
                    matches(&rp).then_some(rp)
                });
            if let Some(path) = gone {
                return Some(Removal {
                    commit: oid.to_string(),
                    short: commit
                        .as_object()
                        .short_id()
                        .ok()
                        .and_then(|b| b.as_str().ok().map(str::to_string))
                        .unwrap_or_else(|| oid.to_string()[..7].to_string()),
                    subject: commit.summary().ok().flatten().unwrap_or("").to_string(),
                    path,
                });
            }
        }
        None
    })
}
