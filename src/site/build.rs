//! [`Site`]: one site, built into memory (for `site serve`) or into a directory (for
//! `site build`), and rebuilt after changes without walking git again when it need not.

use super::Options;
use crate::error::Result;
use crate::graph::Graph;
use crate::history::History;
use crate::model::RepoPath;
use crate::repo::{Loaded, Workspace};
use std::collections::BTreeMap;

/// What a build asks of and tells the one running it; the command line prints and draws it.
pub struct Hooks<'a> {
    /// Called once the ADRs are loaded (the command line warns about the files it could not
    /// read; the site is built without them).
    pub loaded: &'a dyn Fn(&Loaded),
    /// Reads git history for the ADRs at these paths (from the root); runs on a second
    /// thread while the Markdown of every ADR is prepared.
    pub read_history: &'a (dyn Fn(&[RepoPath]) -> History + Sync),
    /// ADR pages rendered so far.
    pub progress: &'a dyn Fn(usize),
}

/// The site of one repository. It keeps the history of the last build while `HEAD` and the
/// set of ADR files stay the same (`site serve` rebuilds without walking git again when only
/// working files changed).
#[derive(Debug, Default)]
pub struct Site {
    no_history: bool,
    options: Options,
    key: Option<(String, Vec<RepoPath>)>,
    history: Option<History>,
}

/// The commit `HEAD` names, through the workspace's one repository handle.
fn head_of(ws: &Workspace) -> Option<String> {
    ws.git()?.with(|repo| {
        let head = repo.head().ok()?.peel_to_commit().ok()?;
        Some(head.id().to_string())
    })
}

impl Site {
    /// A site built with `options`, without git history when `no_history`.
    pub fn new(no_history: bool, options: Options) -> Site {
        Site {
            no_history,
            options,
            key: None,
            history: None,
        }
    }

    /// Loads the repository of `ws` and renders every file of the site into memory, by path
    /// inside the site.
    pub fn build(
        &mut self,
        ws: &Workspace,
        hooks: &Hooks<'_>,
    ) -> Result<BTreeMap<String, Vec<u8>>> {
        let loaded = ws.load()?;
        (hooks.loaded)(&loaded);
        // Git history and the Markdown of every ADR at the same time, on two threads.
        let paths = loaded.paths();
        let key = head_of(ws).map(|h| (h, paths.clone()));
        let walk = !self.no_history && (key.is_none() || self.key != key || self.history.is_none());
        let mut prep = std::thread::scope(|s| {
            let h = walk.then(|| s.spawn(|| (hooks.read_history)(&paths)));
            let prep = super::prepare(ws, &loaded);
            if let Some(h) = h {
                self.history = h.join().ok();
                self.key = key;
            }
            prep
        })?;
        let history = if self.no_history {
            None
        } else {
            self.history.as_ref()
        };
        if let Some(h) = history {
            super::relink(ws, &loaded, &mut prep, h);
        }
        let graph = Graph::of(&loaded, &ws.vocab);
        let today = crate::history::today::of_site(&loaded, history);
        super::Render::new(ws, &loaded, &graph, history, today, &self.options)?
            .files(prep, hooks.progress)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]
    use super::*;
    use std::cell::Cell;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn adr(n: u32, title: &str) -> String {
        format!(
            "# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
        )
    }

    fn write(root: &Path, p: &str, text: &str) {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn commit_all(root: &Path) {
        let repo = git2::Repository::open(root)
            .or_else(|_| git2::Repository::init(root))
            .expect("repo");
        let mut index = repo.index().expect("index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("add");
        index.write().expect("index");
        let tree = repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let sig = git2::Signature::now("Ada", "ada@example.org").expect("sig");
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "c", &tree, &parents)
            .expect("commit");
    }

    /// Builds `site`; returns the ADR pages, how many ADRs were loaded, and how many times
    /// history was read.
    fn build(site: &mut Site, root: &Path) -> (Vec<String>, usize, usize) {
        let ws = Workspace::discover(root).expect("ws");
        let reads = AtomicUsize::new(0);
        let loaded = Cell::new(0);
        let pages = Cell::new(0);
        let files = site
            .build(
                &ws,
                &Hooks {
                    loaded: &|l| loaded.set(l.entries.len()),
                    read_history: &|paths| {
                        reads.fetch_add(1, Ordering::SeqCst);
                        crate::history::read(ws.git(), &["doc/adr".into()], paths, &ws.vocab)
                    },
                    progress: &|n| pages.set(n),
                },
            )
            .expect("build");
        assert_eq!(pages.get(), loaded.get());
        let adrs = files
            .keys()
            .filter(|k| k.starts_with("adr/"))
            .cloned()
            .collect();
        (adrs, loaded.get(), reads.load(Ordering::SeqCst))
    }

    #[test]
    fn history_is_read_again_only_when_head_or_the_adr_files_change() {
        let t = tempfile::tempdir().expect("tempdir");
        let root = t.path();
        write(root, "doc/adr/0001-use-queues.md", &adr(1, "Use queues"));
        write(root, "doc/adr/0002-use-caches.md", &adr(2, "Use caches"));
        commit_all(root);
        let mut site = Site::new(false, Options::default());
        let pages = vec!["adr/0001.html".to_string(), "adr/0002.html".to_string()];
        assert_eq!(build(&mut site, root), (pages.clone(), 2, 1));
        // Same HEAD, same files: the history of the last build serves.
        assert_eq!(build(&mut site, root), (pages.clone(), 2, 0));
        // A working change to an ADR's text changes neither.
        write(
            root,
            "doc/adr/0002-use-caches.md",
            &adr(2, "Use caches").replace('x', "y"),
        );
        assert_eq!(build(&mut site, root), (pages.clone(), 2, 0));
        // A new ADR file is read again.
        write(root, "doc/adr/0003-use-logs.md", &adr(3, "Use logs"));
        let three = vec![
            "adr/0001.html".to_string(),
            "adr/0002.html".to_string(),
            "adr/0003.html".to_string(),
        ];
        assert_eq!(build(&mut site, root), (three.clone(), 3, 1));
        // So is a new commit.
        commit_all(root);
        assert_eq!(build(&mut site, root), (three.clone(), 3, 1));
        assert_eq!(build(&mut site, root), (three, 3, 0));
    }

    #[test]
    fn without_history_git_is_never_read() {
        let t = tempfile::tempdir().expect("tempdir");
        let root = t.path();
        write(root, "doc/adr/0001-use-queues.md", &adr(1, "Use queues"));
        commit_all(root);
        let mut site = Site::new(true, Options::default());
        let pages = vec!["adr/0001.html".to_string()];
        assert_eq!(build(&mut site, root), (pages.clone(), 1, 0));
        assert_eq!(build(&mut site, root), (pages, 1, 0));
    }
}
