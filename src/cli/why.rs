//! `adrgov why PATH…`: the decisions that govern a path; `why --all`: the whole map.

use crate::error::{Error, Result};
use crate::governs::{self, DecisionHit, GlobEntry, PathAnswer};
use crate::graph::Graph;
use crate::model::RepoPath;
use crate::repo::{Loaded, Workspace};
use std::path::{Component, Path, PathBuf};

/// Output formats of `why`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WhyFormat {
    /// One block per path, for people (with --all: the Markdown table).
    Human,
    /// `[{"path", "decisions": [{"id", "title", "status", "glob", "in_force"}]}]`; with --all
    /// `[{"glob", "decisions": [{"id", "title", "status", "in_force"}]}]`.
    Json,
    /// With --all: a table glob | decisions, for a README or a review checklist.
    Markdown,
}

/// Arguments of `adrgov why`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov why services/orders/db/schema.sql\n  adrgov why services/orders --format json\n  adrgov why --all --format markdown\n\n\
A path is relative to the current directory, and may name a file, a directory (governed when\n\
a glob governs it or a file under it) or a file that is gone. Decisions in force come first; a\n\
superseded decision is shown with the decision in force in its place."
)]
pub struct Args {
    /// Files or directories.
    #[arg(value_name = "PATH", required_unless_present = "all")]
    pub paths: Vec<PathBuf>,
    /// Print the whole map: every glob and the decisions that name it.
    #[arg(long, conflicts_with = "paths")]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WhyFormat::Human)]
    pub format: WhyFormat,
}

pub(super) fn run(ws: &Workspace, cwd: &Path, a: Args) -> Result<u8> {
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    warn_bad_globs(&loaded);
    let graph = Graph::of(&loaded, &ws.vocab);
    let out = if a.all {
        let map = governs::all(&loaded, &graph);
        match a.format {
            WhyFormat::Json => serde_json::to_string_pretty(&map)? + "\n",
            WhyFormat::Human | WhyFormat::Markdown => markdown(&map),
        }
    } else {
        let paths = a
            .paths
            .iter()
            .map(|p| from_root(ws, cwd, p))
            .collect::<Result<Vec<_>>>()?;
        let files = crate::repo::git::tracked_files(ws.git(), &ws.root);
        let answers = governs::why(&loaded, &graph, &paths, &files);
        match a.format {
            WhyFormat::Json => serde_json::to_string_pretty(&answers)? + "\n",
            WhyFormat::Human | WhyFormat::Markdown => human(&answers),
        }
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}

/// Says which globs do not compile (they govern nothing).
fn warn_bad_globs(loaded: &Loaded) {
    for b in governs::Map::of(loaded).bad {
        crate::output::warn(&format!(
            "{}:{}: governs `{}` is not a valid glob ({}); it governs nothing",
            loaded.entries[b.index].adr().path,
            b.line,
            b.glob,
            b.message
        ));
    }
}

/// `p` (relative to `cwd`, or absolute) as a path from the workspace root, `.` and `..`
/// resolved without touching the disk (the path may be gone).
pub(crate) fn from_root(ws: &Workspace, cwd: &Path, p: &Path) -> Result<RepoPath> {
    let abs = std::path::absolute(cwd.join(p)).map_err(|e| Error::io(p, e))?;
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let root = std::path::absolute(&ws.root).map_err(|e| Error::io(&ws.root, e))?;
    let rel = clean
        .strip_prefix(&root)
        .or_else(|_| {
            let canon = root.canonicalize().unwrap_or_else(|_| root.clone());
            clean.strip_prefix(canon)
        })
        .map_err(|_| {
            Error::Usage(format!(
                "`{}` is outside the repository ({})",
                p.display(),
                root.display()
            ))
        })?;
    Ok(RepoPath::from_path(rel))
}

/// One decision, as a line: `0012 Use PostgreSQL (accepted)`, or with the decision in force.
fn decision_line(
    id: &str,
    title: Option<&str>,
    status: Option<&str>,
    in_force: Option<&str>,
) -> String {
    let status = status.unwrap_or("no status");
    let state = match in_force {
        Some(f) => format!("{status}, in force: {f}"),
        None => status.to_string(),
    };
    format!("{id} {} ({state})", title.unwrap_or("(no title)"))
}

fn hit_line(h: &DecisionHit) -> String {
    format!(
        "{}, by {}",
        decision_line(
            &h.id,
            h.title.as_deref(),
            h.status.as_deref(),
            h.in_force.as_deref()
        ),
        h.glob
    )
}

/// One block per path: the path, then a line per decision (or that none governs it).
fn human(answers: &[PathAnswer]) -> String {
    let blocks: Vec<String> = answers
        .iter()
        .map(|a| {
            let mut s = format!("{}\n", a.path);
            if a.decisions.is_empty() {
                s.push_str("  governed by no decision\n");
            }
            for h in &a.decisions {
                s.push_str(&format!("  {}\n", hit_line(h)));
            }
            s
        })
        .collect();
    blocks.join("\n")
}

/// The map as a Markdown table: glob | decisions.
fn markdown(map: &[GlobEntry]) -> String {
    if map.is_empty() {
        return "No decision governs any path (add `governs` globs to the ADRs).\n".into();
    }
    let mut s = String::from("| Glob | Decisions |\n| --- | --- |\n");
    for g in map {
        let ds: Vec<String> = g
            .decisions
            .iter()
            .map(|d| {
                decision_line(
                    &d.id,
                    d.title.as_deref(),
                    d.status.as_deref(),
                    d.in_force.as_deref(),
                )
                .replace('|', "\\|")
            })
            .collect();
        s.push_str(&format!(
            "| `{}` | {} |\n",
            g.glob.replace('|', "\\|"),
            ds.join("<br>")
        ));
    }
    s
}
