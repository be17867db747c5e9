//! `adrgov export`: the repository's decisions as one JSON file for a central site.

use crate::error::{Error, Result};
use crate::export::{Export, ExportedAdr, Repository};
use crate::repo::Workspace;
use crate::view::AdrView;
use std::path::PathBuf;

/// Arguments of `adrgov export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov export > decisions.json\n  adrgov export --out public/adr-export.json --name payments\n\n\
The file holds the format version, the repository's name and web URL, and per ADR the\n\
`list --format json` object with its Markdown and history events. A central `site build`\n\
lists such files under [[site.repositories]]. The same repository gives the same bytes."
)]
pub struct Args {
    /// Write the export to FILE (relative to the current directory) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The repository's name (default: the name of its root directory).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// The repository's web URL: `[site] repo-url` as written, else the `origin` remote as an
/// `https://host/owner/repo` URL, else none.
pub(crate) fn web_url(ws: &Workspace) -> Option<String> {
    if let Some(u) = ws.config.repo_url.as_deref() {
        let u = u.trim().trim_end_matches('/');
        if !u.is_empty() {
            return Some(u.to_string());
        }
    }
    let origin = ws.git()?.origin()?;
    let (host, path) = crate::repo::links::parse_remote(origin)?;
    Some(format!("https://{host}/{path}"))
}

/// The export of the workspace `ws`, named `name` (else its root directory's name).
pub(crate) fn export_of(ws: &Workspace, name: Option<String>) -> Result<Export> {
    let (loaded, ahead) = super::load_ahead(ws, super::HistoryNeed::Every)?;
    super::warn_problems(&loaded);
    let history = super::read_history(ws, &loaded, ahead);
    let name = name.unwrap_or_else(|| {
        ws.root.file_name().map_or_else(
            || "repository".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let adrs = loaded
        .entries
        .iter()
        .map(|e| {
            let adr = e.adr();
            let h = history.by_path.get(&adr.path);
            ExportedAdr::new(adr, AdrView::new(adr, &loaded, h), &e.text, h)
        })
        .collect();
    Ok(Export::new(
        Repository {
            name,
            url: web_url(ws),
        },
        adrs,
    ))
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let export = export_of(ws, a.name)?;
    let json = export.to_json()?;
    match a.out {
        Some(out) => {
            let abs = std::path::absolute(&out).map_err(|e| Error::io(&out, e))?;
            if let Some(dir) = abs.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            crate::repo::write::replace(&abs, json.as_bytes())?;
            crate::output::note(&format!(
                "exported {} ADRs of {} to {}",
                export.adrs.len(),
                export.repository.name,
                out.display()
            ));
        }
        None => crate::output::print(&json).map_err(|e| Error::io("<stdout>", e))?,
    }
    Ok(0)
}
