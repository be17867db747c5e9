//! The command line: one file per subcommand, each with its arguments and a `run`.

mod authoring;
mod check;
mod export;
mod graph;
mod history;
mod init;
mod list;
mod mcp;
mod meta;
mod progress;
mod renumber;
mod serve;
mod show;
mod site;
mod toc;
mod why;

use crate::error::Result;
use crate::repo::Workspace;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Architecture Decision Records in git: author, check, graph and publish them.
#[derive(Debug, Parser)]
#[command(
    name = "adrgov",
    version,
    about = "Architecture Decision Records in git: author, check, graph and publish them",
    long_about = "adrgov manages Architecture Decision Records kept as Markdown in a git repository.\n\
It reads adr-tools (Nygard), MADR and log4brains repositories as they are, without migration,\n\
and changes only the lines a command must change.",
    after_help = "Examples:\n  adrgov init --format madr docs/decisions\n  adrgov new \"Use PostgreSQL\" --supersedes 3\n  adrgov accept 7\n  adrgov list --status accepted"
)]
pub struct Cli {
    /// Run as if adrgov was started in DIR.
    #[arg(short = 'C', long = "directory", global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,

    /// Use neither cache (history and parses, `.git/adrgov/`), and leave them as they are.
    #[arg(long, global = true, env = "ADRGOV_NO_CACHE", hide_env_values = true, value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the ADR directory, adrgov.toml and ADR 1 "Record architecture decisions".
    Init(init::Args),
    /// Create a new ADR with the next free number.
    New(authoring::NewArgs),
    /// Set the status of an ADR (only its status line changes).
    Status(authoring::StatusArgs),
    /// Set the status of an ADR to "accepted".
    Accept(authoring::ShortcutArgs),
    /// Set the status of an ADR to "rejected".
    Reject(authoring::ShortcutArgs),
    /// Set the status of an ADR to "deprecated".
    Deprecate(authoring::ShortcutArgs),
    /// Mark OLD as superseded by NEW, on both files at once.
    Supersede(authoring::SupersedeArgs),
    /// Relate two ADRs (amends, relates-to, …), writing both sides at once.
    Link(authoring::LinkArgs),
    /// Add (or with --remove, drop) paths an ADR governs, as git-style globs.
    Govern(authoring::GovernArgs),
    /// Give an ADR a new number and rewrite every reference to it.
    Renumber(renumber::Args),
    /// List the decisions.
    List(list::Args),
    /// Show one decision.
    Show(show::Args),
    /// Show the status timeline of one decision, from git history.
    History(history::Args),
    /// Export the decision graph (dot, mermaid or json).
    Graph(graph::Args),
    /// Check ADR hygiene: the rules CI runs on every pull request.
    Check(check::Args),
    /// Which decisions govern a path (their `governs` globs), or the whole map with --all.
    Why(why::Args),
    /// Print a Markdown index of the decisions (like adr-tools `generate toc`).
    Toc(toc::Args),
    /// Write the decisions, their text and history as one JSON file (for a central site).
    Export(export::Args),
    /// Build the governance site (static files).
    #[command(subcommand)]
    Site(site::SiteCommand),
    /// Serve the decisions to agents: a Model Context Protocol server on stdio.
    Mcp(mcp::Args),
    /// Print shell completions.
    Completions(meta::CompletionsArgs),
    /// Print the man page (roff).
    Man(meta::ManArgs),
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    NO_CACHE.store(cli.no_cache, std::sync::atomic::Ordering::Relaxed);
    let cwd = match &cli.directory {
        Some(d) => d.clone(),
        None => std::env::current_dir().map_err(|e| crate::error::Error::io(".", e))?,
    };
    // The workspace is left to the end of the process, not freed (see [`leave`]): freeing
    // libgit2's caches object by object after a history read was 5% of a cold `list` on a
    // 1,000-ADR repository.
    let ws = || workspace(&cwd).map(std::mem::ManuallyDrop::new);
    match cli.command {
        Command::Init(a) => init::run(&cwd, a),
        Command::New(a) => authoring::new(&*ws()?, a),
        Command::Status(a) => authoring::status(&*ws()?, &a.adr, &a.status, a.force),
        Command::Accept(a) => authoring::status(&*ws()?, &a.adr, "accepted", false),
        Command::Reject(a) => authoring::status(&*ws()?, &a.adr, "rejected", false),
        Command::Deprecate(a) => authoring::status(&*ws()?, &a.adr, "deprecated", false),
        Command::Supersede(a) => authoring::supersede(&*ws()?, a),
        Command::Link(a) => authoring::link(&*ws()?, a),
        Command::Govern(a) => authoring::govern(&*ws()?, a),
        Command::Renumber(a) => renumber::run(&*ws()?, a),
        Command::List(a) => list::run(&*ws()?, a),
        Command::Show(a) => show::run(&*ws()?, a),
        Command::History(a) => history::run(&*ws()?, a),
        Command::Graph(a) => graph::run(&*ws()?, a),
        Command::Why(a) => why::run(&*ws()?, &cwd, a),
        Command::Toc(a) => toc::run(&*ws()?, a),
        Command::Check(a) => check::run(&*ws()?, a),
        Command::Export(a) => export::run(&*ws()?, a),
        Command::Site(c) => site::run(&cwd, c),
        Command::Mcp(a) => mcp::run(&cwd, a),
        Command::Completions(a) => meta::completions(a),
        Command::Man(a) => meta::man(a),
    }
}

/// Finds the workspace from `cwd` and validates its configuration (including `[check]`, which
/// only `check` knows how to read), so every command refuses a bad adrgov.toml alike.
pub(crate) fn workspace(cwd: &std::path::Path) -> Result<Workspace> {
    let mut ws = Workspace::discover(cwd)?;
    ws.parse_cache = use_cache();
    crate::check::CheckConfig::of(&ws.config)?;
    announce(&ws);
    Ok(ws)
}

/// Says on stderr, once per process (`site serve` finds the workspace again on every
/// rebuild), which ADR directory was found by content, why, and how to pin it.
fn announce(ws: &Workspace) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static ANNOUNCED: AtomicBool = AtomicBool::new(false);
    let notes = ws.discovery_notes();
    if !notes.is_empty() && !ANNOUNCED.swap(true, Ordering::SeqCst) {
        for n in notes {
            crate::output::note(&n);
        }
    }
}

/// `--no-cache` (or `ADRGOV_NO_CACHE`), for every history read of this run.
static NO_CACHE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether history reads use the cache.
fn use_cache() -> bool {
    !NO_CACHE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Loads the ADRs; when every ADR's history will be read (`need`), the history cache of HEAD
/// is looked up and decoded meanwhile on another thread, for [`read_history`] after; when one
/// ADR's will be, it is looked up after loading, on this thread.
pub(crate) fn load_ahead(
    ws: &Workspace,
    need: HistoryNeed,
) -> Result<(crate::repo::Loaded, Option<crate::history::Ahead>)> {
    match need {
        HistoryNeed::No => Ok((ws.load()?, None)),
        // One history decodes little: a thread of its own cost more than it saved (its first
        // allocations touch fresh memory), 0.3-0.8 ms of a warm `show` at 100 and 1,000 ADRs.
        HistoryNeed::One => {
            let loaded = ws.load()?;
            let ahead =
                crate::history::read_ahead(ws.git(), &ws.dirs(), &ws.vocab, use_cache(), false);
            Ok((loaded, ahead))
        }
        HistoryNeed::Every => std::thread::scope(|s| {
            let dirs = ws.dirs();
            let looking = s.spawn(move || {
                crate::history::read_ahead(ws.git(), &dirs, &ws.vocab, use_cache(), true)
            });
            let loaded = ws.load();
            crate::trace("loaded");
            let ahead = looking.join().ok().flatten();
            crate::trace("cache looked up");
            Ok((loaded?, ahead))
        }),
    }
}

/// How much history a command will read after loading (see [`load_ahead`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HistoryNeed {
    /// None.
    No,
    /// One ADR's.
    One,
    /// Every ADR's.
    Every,
}

impl HistoryNeed {
    /// `Every` when `history` is true, else `No`.
    pub(crate) fn every_if(history: bool) -> HistoryNeed {
        if history {
            HistoryNeed::Every
        } else {
            HistoryNeed::No
        }
    }
}

/// Reads git history for every loaded ADR and says, once each, what it could not know.
pub(crate) fn read_history(
    ws: &Workspace,
    loaded: &crate::repo::Loaded,
    ahead: Option<crate::history::Ahead>,
) -> crate::history::History {
    let paths = loaded.paths();
    read_history_of(ws, &paths, ahead)
}

/// Reads git history for the ADRs at `paths` (from the root), saying what it could not know.
pub(crate) fn read_history_of(
    ws: &Workspace,
    paths: &[crate::model::RepoPath],
    ahead: Option<crate::history::Ahead>,
) -> crate::history::History {
    let dirs = ws.dirs();
    let progress = progress::Progress::new("reading history", "commits", 512);
    let opts = crate::history::Options {
        cache: use_cache(),
        on_progress: &|n| progress.tick(n),
    };
    let h = crate::history::read_after(ws.git(), &dirs, paths, &ws.vocab, &opts, ahead);
    crate::trace("history read");
    progress.finish();
    for n in &h.notes {
        crate::output::note(&format!("note: {n}"));
    }
    h
}

/// Builds `site` for `ws` into memory, warning about the files it could not read, saying what
/// history could not tell, and drawing progress lines on a terminal.
pub(crate) fn build_site(
    site: &mut crate::site::Site,
    ws: &Workspace,
) -> Result<std::collections::BTreeMap<String, Vec<u8>>> {
    // Made at the first page rendered, so its one-second delay counts from there.
    let progress = std::cell::OnceCell::new();
    let files = site.build(
        ws,
        &crate::site::Hooks {
            loaded: &warn_problems,
            read_history: &|paths| read_history_of(ws, paths, None),
            progress: &|n| {
                progress
                    .get_or_init(|| progress::Progress::new("rendering pages", "ADRs", 100))
                    .tick(n)
            },
        },
    )?;
    if let Some(p) = progress.get() {
        p.finish();
    }
    Ok(files)
}

/// The `--source NAME` of a command, checked against the workspace's sources (letter case
/// aside), as the source's own spelling.
pub(crate) fn source_arg<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<Option<&'a str>> {
    name.map(|n| ws.source_named(n).map(|s| s.name.as_str()))
        .transpose()
}

/// Leaves `data` to the end of the process, which is near: freeing thousands of parsed files
/// one by one is time spent on nothing (the memory goes back to the system at exit). For the
/// last step of a one-shot command only (never in `site serve` or `mcp`, which go on).
pub(crate) fn leave<T>(data: T) {
    std::mem::forget(data);
}

/// Prints load problems as warnings (commands that read many files go on).
pub(crate) fn warn_problems(loaded: &crate::repo::Loaded) {
    for p in &loaded.problems {
        crate::output::warn(&p.to_string());
    }
}
