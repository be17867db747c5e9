//! `adrgov toc`: a Markdown index of the decisions, as adr-tools `generate toc` writes it.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use std::path::PathBuf;

/// Arguments of `adrgov toc`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov toc > docs/adr/README.md\n  adrgov toc --prefix docs/adr/ --intro intro.md"
)]
pub struct Args {
    /// Markdown file whose text goes before the list (instead of the default heading).
    #[arg(long, short = 'i', value_name = "FILE")]
    pub intro: Option<PathBuf>,
    /// Markdown file whose text goes after the list.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub outro: Option<PathBuf>,
    /// Prefix for every link (e.g. the ADR directory, when the index lives elsewhere).
    #[arg(long, short = 'p', value_name = "PREFIX", default_value = "")]
    pub prefix: String,
    /// Only the ADRs of this source (a repository with several ADR directories).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let source = super::source_arg(ws, a.source.as_deref())?;
    let mut loaded = ws.load()?;
    super::warn_problems(&loaded);
    if source.is_some() {
        let own: Vec<bool> = loaded
            .entries
            .iter()
            .map(|e| e.adr().source.as_deref() == source)
            .collect();
        loaded = loaded.subset(&|i| own[i]);
    }
    let read = |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| Error::io(p, e));
    let intro = a.intro.as_ref().map(read).transpose()?;
    let outro = a.outro.as_ref().map(read).transpose()?;
    let s = crate::repo::toc::text(&loaded, intro.as_deref(), outro.as_deref(), &a.prefix);
    crate::output::print(&s).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}
