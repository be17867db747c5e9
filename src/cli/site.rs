//! `adrgov site build` and `adrgov site serve`: the static governance site.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use std::path::PathBuf;

/// `site` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SiteCommand {
    /// Render the site into a directory (default: `[site] out`, `target/adr-site`).
    #[command(
        after_help = "Examples:\n  adrgov site build\n  adrgov site build --out public --base-url https://example.org/adr/\n\n\
The output is static files with relative links: it works at a domain root, under a sub-path\n\
(GitHub/GitLab Pages) and opened from disk. The same input gives byte-identical output."
    )]
    Build(BuildArgs),
    /// Build the site, serve it on 127.0.0.1, rebuild on change and reload open pages.
    #[command(
        after_help = "Examples:\n  adrgov site serve\n  adrgov site serve --port 9000\n\n\
Watches the ADR directory, the configuration and the template overrides. Pages are served\n\
from memory (nothing is written); open pages reload when a change touches them. Only\n\
127.0.0.1 is bound: the site is for this machine. Stop with Ctrl-C."
    )]
    Serve(ServeArgs),
}

/// Arguments of `adrgov site serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// Do not read git history (no dates, authors or timelines from git).
    #[arg(long)]
    pub no_history: bool,
}

/// Arguments of `adrgov site build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Output directory (relative to the current directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Where the site is published (`https://host/path/`): absolute links in the Atom feed.
    /// Default: `[site] base-url`. Pages always link relatively.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Do not read git history (no dates, authors or timelines from git).
    #[arg(long)]
    pub no_history: bool,
}

/// Everything one build produced, for `build` and `serve`.
pub(super) struct Built {
    pub files: std::collections::BTreeMap<String, Vec<u8>>,
}

/// The history of the last build, kept while `HEAD` and the set of ADR files stay the same
/// (`site serve` rebuilds without walking git again when only working files changed).
#[derive(Default)]
pub(super) struct HistoryCache {
    key: Option<(String, Vec<String>)>,
    history: Option<crate::history::History>,
}

fn head_of(ws: &Workspace) -> Option<String> {
    ws.git()?.with(|repo| {
        let head = repo.head().ok()?.peel_to_commit().ok()?;
        Some(head.id().to_string())
    })
}

/// Loads the repository and renders the site into memory.
pub(super) fn render(
    ws: &Workspace,
    no_history: bool,
    base_url: Option<String>,
    cache: &mut HistoryCache,
) -> Result<Built> {
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    // Git history and the Markdown of every ADR at the same time, on two threads.
    let paths = loaded.paths();
    let key = head_of(ws).map(|h| (h, paths.clone()));
    let walk = !no_history && (key.is_none() || cache.key != key || cache.history.is_none());
    let mut prep = std::thread::scope(|s| {
        let h = walk.then(|| s.spawn(|| super::read_history_of(ws, &paths)));
        let prep = crate::site::prepare(ws, &loaded);
        if let Some(h) = h {
            cache.history = h.join().ok();
            cache.key = key;
        }
        prep
    })?;
    let history = if no_history {
        None
    } else {
        cache.history.as_ref()
    };
    if let Some(h) = history {
        crate::site::relink(ws, &loaded, &mut prep, h);
    }
    let graph = crate::graph::Graph::build(&loaded, &ws.vocab);
    let today = crate::history::today::of_site(&loaded, history);
    let progress = crate::output::Progress::new("rendering pages", "ADRs", 100);
    let files = crate::site::render(
        ws,
        &loaded,
        prep,
        &graph,
        history,
        today,
        &crate::site::Options { base_url },
        &|n| progress.tick(n),
    )?;
    progress.finish();
    Ok(Built { files })
}

fn out_dir(ws: &Workspace, out: Option<PathBuf>) -> Result<PathBuf> {
    match out {
        Some(o) => std::path::absolute(&o).map_err(|e| Error::io(&o, e)),
        None => Ok(ws.root.join(&ws.config.site_out)),
    }
}

pub(super) fn run(cwd: &std::path::Path, c: SiteCommand) -> Result<u8> {
    let a = match c {
        SiteCommand::Build(a) => a,
        SiteCommand::Serve(a) => return super::serve::run(cwd, a),
    };
    let ws = Workspace::discover(cwd)?;
    let start = std::time::Instant::now();
    let out = out_dir(&ws, a.out)?;
    let built = render(&ws, a.no_history, a.base_url, &mut HistoryCache::default())?;
    let s = crate::site::write(&out, &built.files)?;
    crate::output::note(&format!(
        "built {} pages ({} files, {} written, {} removed) in {:.2} s into {}",
        s.pages,
        s.files,
        s.written,
        s.removed,
        start.elapsed().as_secs_f64(),
        out.display()
    ));
    Ok(0)
}
