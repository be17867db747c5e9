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
}

/// The index text: the intro (or `# Architecture Decision Records`), one bullet per ADR, the
/// outro.
pub fn toc_text(
    loaded: &crate::repo::Loaded,
    intro: Option<&str>,
    outro: Option<&str>,
    prefix: &str,
) -> String {
    let mut s = String::new();
    match intro {
        Some(t) => {
            s.push_str(t.trim_end());
            s.push_str("\n\n");
        }
        None => s.push_str("# Architecture Decision Records\n\n"),
    }
    for e in &loaded.entries {
        let adr = e.adr();
        let heading = e.parsed.layout.title_line.map(|l| {
            e.parsed
                .layout
                .line(&e.text, l)
                .trim_start_matches('#')
                .trim()
                .to_string()
        });
        let text = heading
            .filter(|h| !h.is_empty())
            .or_else(|| adr.title.clone())
            .unwrap_or_else(|| adr.id.clone());
        s.push_str(&format!("* [{}]({}{})\n", text, prefix, adr.file_name));
    }
    if let Some(t) = outro {
        s.push('\n');
        s.push_str(t.trim_end());
        s.push('\n');
    }
    s
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    let read = |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| Error::io(p, e));
    let intro = a.intro.as_ref().map(read).transpose()?;
    let outro = a.outro.as_ref().map(read).transpose()?;
    let s = toc_text(&loaded, intro.as_deref(), outro.as_deref(), &a.prefix);
    crate::output::print(&s).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}

/// The new text of an existing index file: its intro (text before the first `* [` line) and
/// outro (text after the last one) are kept; the list is regenerated. Links are relative to
/// the index file.
pub fn refresh(
    loaded: &crate::repo::Loaded,
    now: &str,
    config: &crate::repo::config::Config,
) -> String {
    let lines: Vec<&str> = now.lines().collect();
    let first = lines.iter().position(|l| l.starts_with("* ["));
    let last = lines.iter().rposition(|l| l.starts_with("* ["));
    let (intro, outro) = match (first, last) {
        (Some(f), Some(l)) => (
            lines[..f].join("\n"),
            lines[l + 1..]
                .join("\n")
                .trim_start_matches('\n')
                .to_string(),
        ),
        _ => (now.trim_end().to_string(), String::new()),
    };
    let prefix = toc_prefix(config);
    let intro = (!intro.trim().is_empty()).then_some(intro);
    let outro = (!outro.trim().is_empty()).then_some(outro);
    toc_text(loaded, intro.as_deref(), outro.as_deref(), &prefix)
}

/// From the index file's directory to the ADR directory.
fn toc_prefix(config: &crate::repo::config::Config) -> String {
    let (Some(toc), Some(dir)) = (&config.toc, &config.dir) else {
        return String::new();
    };
    let toc_dir = toc.rsplit_once('/').map_or("", |(d, _)| d);
    let dir = dir.trim_end_matches('/');
    if toc_dir == dir {
        String::new()
    } else if toc_dir.is_empty() {
        format!("{dir}/")
    } else if let Some(rest) = dir.strip_prefix(&format!("{toc_dir}/")) {
        format!("{rest}/")
    } else {
        String::new()
    }
}
