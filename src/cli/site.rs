//! `adrgov site build` and `adrgov site serve`: the static governance site.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use crate::site::{Options, Site};
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
    Serve(super::serve::Args),
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
    let ws = super::workspace(cwd)?;
    let start = std::time::Instant::now();
    let out = out_dir(&ws, a.out)?;
    let mut site = Site::new(
        a.no_history,
        Options {
            base_url: a.base_url,
        },
    );
    let files = super::build_site(&mut site, &ws)?;
    let s = crate::site::write(&out, &files)?;
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
