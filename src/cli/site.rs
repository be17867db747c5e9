//! `adrgov site build` and `adrgov site serve`: the static governance site.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use crate::site::{Options, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
Watches the ADR directory, the configuration and the template overrides (on a central\n\
site, `[[site.repositories]]`: each listed repository's ADR directories and export files).\n\
Pages are served from memory (nothing is written); open pages reload when a change touches\n\
them. Only 127.0.0.1 is bound: the site is for this machine. Stop with Ctrl-C."
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
    if let Some(ws) = central_workspace(cwd)? {
        return central(&ws, a);
    }
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

/// Reads one `[[site.repositories]]` entry of `ws`'s configuration: an export file, or a
/// local repository (its ADRs and, unless `no_history`, its history); with what was read, to
/// watch for changes (a path, and whether below it too).
fn member(
    ws: &Workspace,
    r: &crate::repo::config::RepositorySetting,
    no_history: bool,
) -> Result<(crate::site::central::Member, Vec<(PathBuf, bool)>)> {
    use crate::site::central::Member;
    let p = ws.root.join(&r.path);
    let config = ws
        .config
        .path
        .clone()
        .unwrap_or_else(|| ws.root.join("adrgov.toml"));
    let listed = |what: &str| Error::Config {
        path: config.clone(),
        line: r.line,
        message: format!("key `site.repositories`: {} {what}; skipped", r.path),
    };
    if !p.exists() {
        return Err(listed("does not exist"));
    }
    if p.is_file() {
        let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&r.path, e))?;
        let export = crate::export::Export::parse(std::path::Path::new(&r.path), &text)?;
        // The directory holding it: a download replaces the file rather than writing it.
        let dir = p
            .parent()
            .map_or_else(|| ws.root.clone(), Path::to_path_buf);
        return Ok((
            Member::from_export(r.name.clone(), export, &ws.vocab),
            vec![(dir, false)],
        ));
    }
    let repo = Workspace::discover(&p)?;
    let (loaded, ahead) = super::load_ahead(&repo, super::HistoryNeed::every_if(!no_history))?;
    super::warn_problems(&loaded);
    let history = (!no_history).then(|| super::read_history(&repo, &loaded, ahead));
    let name = r.name.clone().unwrap_or_else(|| {
        p.file_name()
            .map_or_else(|| r.path.clone(), |n| n.to_string_lossy().into_owned())
    });
    let mut read = vec![(repo.root.clone(), false)];
    read.extend(
        repo.dirs()
            .into_iter()
            .map(|d| repo.root.join(d))
            .filter(|d| *d != repo.root)
            .map(|d| (d, true)),
    );
    Ok((
        Member::local(name, super::export::web_url(&repo), &loaded, history),
        read,
    ))
}

/// The workspace of the central site at `cwd`: `Some` when the configuration found from there
/// lists `[[site.repositories]]` (the site has no ADR directory of its own then).
pub(super) fn central_workspace(cwd: &Path) -> Result<Option<Workspace>> {
    let abs = std::path::absolute(cwd).map_err(|e| Error::io(cwd, e))?;
    let (root, config, source, _) = crate::repo::config::discover(&abs)?;
    if config.site_repositories.is_empty() {
        return Ok(None);
    }
    let vocab = crate::parse::Vocab::new(&config.relations).with_statuses(&config.statuses);
    let ws = Workspace {
        root,
        config,
        source,
        dir_rel: None,
        sources: Vec::new(),
        vocab,
        scan: None,
        git: crate::repo::git::GitCell::default(),
        parse_cache: false,
    };
    crate::check::CheckConfig::of(&ws.config)?;
    Ok(Some(ws))
}

/// A central site, rendered into memory.
pub(super) struct Central {
    /// Every file of the site, by path inside it.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The repositories it holds.
    pub repositories: usize,
    /// Whether a listed repository could not be read (reported, and left out).
    pub failed: bool,
    /// What was read, to watch for changes: a path, and whether below it too.
    pub read: Vec<(PathBuf, bool)>,
}

/// Renders the central site of `ws` ([`central_workspace`]): the repositories
/// `[[site.repositories]]` lists, as one site. A repository that cannot be read is reported
/// and left out.
pub(super) fn build_central(ws: &Workspace, no_history: bool, options: Options) -> Result<Central> {
    let mut members: Vec<crate::site::central::Member> = Vec::new();
    let mut from: Vec<&str> = Vec::new();
    let mut failed = false;
    let mut read = Vec::new();
    for r in &ws.config.site_repositories {
        match member(ws, r, no_history) {
            Ok((m, _)) if m.name.is_empty() || m.name.contains(['/', '\\']) => {
                crate::output::error(&format!(
                    "{}: the repository name \"{}\" is empty or holds a slash (it qualifies ids: `name/0003`); give it a `name` in [[site.repositories]]; skipped",
                    r.path, m.name
                ));
                failed = true;
            }
            Ok((m, _)) if let Some(k) = members.iter().position(|o| o.name == m.name) => {
                crate::output::error(&format!(
                    "{}: names the repository \"{}\", already listed as {}; skipped",
                    r.path, m.name, from[k]
                ));
                failed = true;
            }
            Ok((m, paths)) => {
                from.push(&r.path);
                members.push(m);
                read.extend(paths);
            }
            Err(e) => {
                let msg = e.to_string();
                crate::output::error(&if msg.ends_with("skipped") {
                    msg
                } else {
                    format!("{msg}; skipped")
                });
                failed = true;
            }
        }
    }
    let c = crate::site::central::combine(members);
    let graph = crate::graph::Graph::of(&c.loaded, &ws.vocab);
    let history = (!no_history).then_some(&c.history);
    let today = crate::history::today::of_site(&c.loaded, history);
    let prep = crate::site::prepare_central(ws, &c.loaded, &c.sites)?;
    let files = crate::site::Render::new(ws, &c.loaded, &graph, history, today, &options)?
        .central(&c.origins)
        .files(prep, &|_| {})?;
    Ok(Central {
        files,
        repositories: from.len(),
        failed,
        read,
    })
}

/// `site build` of a central site ([`build_central`]), written into the output directory.
/// A repository that cannot be read is reported and left out (exit code 1).
fn central(ws: &Workspace, a: BuildArgs) -> Result<u8> {
    let start = std::time::Instant::now();
    let out = out_dir(ws, a.out)?;
    let options = Options {
        base_url: a.base_url,
    };
    let c = build_central(ws, a.no_history, options)?;
    let s = crate::site::write(&out, &c.files)?;
    crate::output::note(&format!(
        "built {} pages of {} repositories ({} files, {} written, {} removed) in {:.2} s into {}",
        s.pages,
        c.repositories,
        s.files,
        s.written,
        s.removed,
        start.elapsed().as_secs_f64(),
        out.display()
    ));
    Ok(if c.failed {
        crate::EXIT_FINDINGS
    } else {
        crate::EXIT_OK
    })
}
