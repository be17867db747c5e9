//! `adrgov site build`: the static governance site.

use crate::error::Result;
use crate::repo::Workspace;
use std::path::PathBuf;

/// `site` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SiteCommand {
    /// Render the site into a directory (default: `[site] out`, `target/adr-site`).
    #[command(
        after_help = "Examples:\n  adrgov site build\n  adrgov site build --out public\n\n\
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
    /// Do not read git history (no dates, authors or timelines from git).
    #[arg(long)]
    pub no_history: bool,
}

pub(super) fn run(ws: &Workspace, c: SiteCommand) -> Result<u8> {
    let SiteCommand::Build(a) = c;
    let start = std::time::Instant::now();
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    let history = (!a.no_history).then(|| super::read_history(ws, &loaded));
    let graph = crate::graph::Graph::build(&loaded, &ws.vocab);
    let today = crate::site::today(&loaded, history.as_ref());
    let files = crate::site::render(ws, &loaded, &graph, history.as_ref(), today)?;
    let out = match a.out {
        Some(o) => std::path::absolute(&o).map_err(|e| crate::error::Error::io(&o, e))?,
        None => ws.root.join(&ws.config.site_out),
    };
    let s = crate::site::write(&out, &files)?;
    crate::output::note(&format!(
        "built {} pages ({} files) in {:.2} s into {}",
        s.pages,
        s.files,
        start.elapsed().as_secs_f64(),
        out.display()
    ));
    Ok(0)
}
