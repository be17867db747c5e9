//! `adrgov init`: the ADR directory, `adrgov.toml`, and ADR 1.

use crate::error::{Error, Result};
use crate::repo::write::{self, Change};
use std::path::{Path, PathBuf};

/// Formats `init` can set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InitFormat {
    /// MADR 4: YAML front matter.
    Madr,
    /// adr-tools / Nygard: `## Status` section.
    Nygard,
}

/// Arguments of `adrgov init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov init                       # docs/adr, MADR format\n  adrgov init --format nygard doc/adr\n\n\
A repository that already uses adr-tools, MADR or log4brains needs no init: adrgov reads it\n\
as it is."
)]
pub struct Args {
    /// Format of new ADRs.
    #[arg(long, value_enum, default_value_t = InitFormat::Madr)]
    pub format: InitFormat,
    /// The ADR directory, relative to the current directory.
    #[arg(default_value = "docs/adr")]
    pub dir: PathBuf,
    /// Date written in ADR 1 (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub(super) fn run(cwd: &Path, a: Args) -> Result<u8> {
    let cwd = std::path::absolute(cwd).map_err(|e| Error::io(cwd, e))?;
    refuse_existing_config(&cwd)?;
    let git = crate::repo::git::Git::open(&cwd);
    already_has_adrs(&cwd, git.as_ref())?;
    let root = git
        .as_ref()
        .and_then(|g| g.workdir())
        .and_then(|w| std::path::absolute(w).ok())
        .filter(|w| cwd.starts_with(w))
        .unwrap_or_else(|| cwd.clone());
    let (dir, rel_s) = adr_dir(&cwd, &root, &a.dir)?;
    refuse_dir_with_adrs(&dir, &rel_s)?;
    let date = match &a.date {
        Some(d) => crate::parse::parse_date(d)
            .ok_or_else(|| Error::Usage(format!("--date `{d}` is not a date; use YYYY-MM-DD")))?,
        None => chrono::Local::now().date_naive(),
    };
    let (fmt, adr1) = first_adr(a.format, date)?;
    let config = format!(
        "# adrgov configuration. Every key is optional; `adrgov --help` lists the commands.\n\
[adr]\n\
dir = \"{rel_s}\"\n\
format = \"{fmt}\"\n"
    );
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let cfg_path = root.join("adrgov.toml");
    let adr_path = dir.join("0001-record-architecture-decisions.md");
    write::commit(vec![
        Change::create(cfg_path.clone(), config),
        Change::create(adr_path.clone(), adr1),
    ])?;
    crate::output::note(&format!(
        "created {} and {}",
        cfg_path.display(),
        adr_path.display()
    ));
    Ok(0)
}

/// Refuses when `adrgov.toml` exists in `cwd` or any directory above it.
fn refuse_existing_config(cwd: &Path) -> Result<()> {
    if let Some(existing) = cwd
        .ancestors()
        .map(|d| d.join("adrgov.toml"))
        .find(|p| p.is_file())
    {
        return Err(Error::Usage(format!(
            "already set up: {} exists; edit it, or run `adrgov new` to add decisions",
            existing.display()
        )));
    }
    Ok(())
}

/// The ADR directory `arg` (relative to `cwd`): its absolute path, and its path from `root`
/// with `/` separators (`.` for the root itself). Refuses a directory outside `root`.
fn adr_dir(cwd: &Path, root: &Path, arg: &Path) -> Result<(PathBuf, String)> {
    let dir = normalize(&cwd.join(arg));
    let rel = dir.strip_prefix(root).map_err(|_| {
        Error::Usage(format!(
            "{} is outside the repository {}",
            dir.display(),
            root.display()
        ))
    })?;
    let rel_s = crate::model::RepoPath::from_path(rel).into_string();
    let rel_s = if rel_s.is_empty() {
        ".".to_string()
    } else {
        rel_s
    };
    Ok((dir, rel_s))
}

/// Refuses when `dir` (shown as `rel_s`) already holds Markdown files that may be ADRs.
fn refuse_dir_with_adrs(dir: &Path, rel_s: &str) -> Result<()> {
    if dir.is_dir() {
        let has = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok())
            .any(|e| {
                let n = e.file_name().to_string_lossy().to_string();
                n.ends_with(".md") && !crate::parse::name::is_excluded(&n)
            });
        if has {
            return Err(Error::Usage(format!(
                "{rel_s} already holds ADRs; adrgov reads them as they are, no init is needed (try `adrgov list`)"
            )));
        }
    }
    Ok(())
}

/// The format's name in `adrgov.toml` and the text of ADR 1, dated `date`.
fn first_adr(format: InitFormat, date: chrono::NaiveDate) -> Result<(&'static str, String)> {
    let (fmt, tpl) = match format {
        InitFormat::Madr => ("madr", crate::templates::INIT_MADR),
        InitFormat::Nygard => ("nygard", crate::templates::INIT_NYGARD),
    };
    let mut ctx = tera::Context::new();
    ctx.insert("number", &1);
    ctx.insert("date", &date.format("%Y-%m-%d").to_string());
    let adr1 = crate::templates::render("init", tpl, &ctx)
        .map_err(|message| Error::Template { message })?;
    Ok((fmt, adr1))
}

/// Refuses to create a second ADR directory in a repository that keeps ADRs somewhere already
/// (named by `.adr-dir` or `.log4brains.yml`, a conventional directory, or found by content),
/// saying where they are. `git` is the repository around `cwd`.
fn already_has_adrs(cwd: &Path, git: Option<&crate::repo::git::Git>) -> Result<()> {
    use crate::repo::config::{self, Source};
    use crate::repo::discover;
    let (root, _, source, dir) = config::discover(cwd)?;
    let (dir, how) = match (dir, source) {
        (Some(d), Source::AdrTools(p) | Source::Log4brains(p)) => {
            let how = format!("named by {}", p.strip_prefix(&root).unwrap_or(&p).display());
            (d, how)
        }
        (Some(d), _) => (d, "a conventional ADR directory".to_string()),
        (None, _) => match discover::scan(&root, git).best() {
            Some(best) => (best.dir.clone(), best.why()),
            None => return Ok(()),
        },
    };
    let abs = root.join(&dir);
    let holds = std::fs::read_dir(&abs).is_ok_and(|rd| {
        rd.filter_map(|e| e.ok()).any(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            discover::is_markdown(&n) && !crate::parse::name::is_excluded(&n)
        })
    });
    if !holds {
        return Ok(());
    }
    let shown = if dir == "." {
        "the repository root"
    } else {
        dir.as_str()
    };
    Err(Error::Usage(format!(
        "this repository already keeps its ADRs in {shown} ({how}); adrgov reads them as they are, no init is needed (try `adrgov list`); to pin the directory, put `[adr] dir = \"{dir}\"` in adrgov.toml"
    )))
}

/// Removes `.` and `..` components without touching the disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
