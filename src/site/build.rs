//! [`Site`]: one site, built into memory (for `site serve`) or into a directory (for
//! `site build`), and rebuilt after changes without walking git again when it need not.

use super::Options;
use crate::error::Result;
use crate::graph::Graph;
use crate::history::History;
use crate::repo::{Loaded, Workspace};
use std::collections::BTreeMap;
use std::path::Path;

/// What a build asks of and tells the one running it; the command line prints and draws it.
pub struct Hooks<'a> {
    /// Called once the ADRs are loaded (the command line warns about the files it could not
    /// read; the site is built without them).
    pub loaded: &'a dyn Fn(&Loaded),
    /// Reads git history for the ADRs at these paths (from the root); runs on a second
    /// thread while the Markdown of every ADR is prepared.
    pub read_history: &'a (dyn Fn(&[String]) -> History + Sync),
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
    key: Option<(String, Vec<String>)>,
    history: Option<History>,
}

fn head_of(root: &Path) -> Option<String> {
    let repo = git2::Repository::discover(root).ok()?;
    let head = repo.head().ok()?.peel_to_commit().ok()?;
    Some(head.id().to_string())
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
        let key = head_of(&ws.root).map(|h| (h, paths.clone()));
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
        let graph = Graph::build(&loaded, &ws.vocab);
        let today = crate::history::today::of_site(&loaded, history);
        super::render(
            ws,
            &loaded,
            prep,
            &graph,
            history,
            today,
            &self.options,
            hooks.progress,
        )
    }
}
