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

/// Loads the repository and renders the site into memory.
pub(super) fn render(ws: &Workspace, no_history: bool, base_url: Option<String>) -> Result<Built> {
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    let history = (!no_history).then(|| super::read_history(ws, &loaded));
    let graph = crate::graph::Graph::build(&loaded, &ws.vocab);
    let today = crate::site::today(&loaded, history.as_ref());
    let progress = crate::output::Progress::new("rendering pages", "ADRs", 100);
    let files = crate::site::render(
        ws,
        &loaded,
        &graph,
        history.as_ref(),
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

pub(super) fn run(ws: &Workspace, c: SiteCommand) -> Result<u8> {
    let SiteCommand::Build(a) = c;
    let start = std::time::Instant::now();
    let out = out_dir(ws, a.out)?;
    let built = render(ws, a.no_history, a.base_url)?;
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
