//! `adrgov graph`: the decision graph as dot, mermaid or json.

use crate::error::{Error, Result};
use crate::graph::{Graph, export};
use crate::repo::Workspace;

/// Output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz (`adrgov graph | dot -Tsvg > adrs.svg`).
    Dot,
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Nodes, edges, dangling references, one-sided relations, cycles (stable).
    Json,
}

/// Arguments of `adrgov graph`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov graph | dot -Tsvg > decisions.svg\n  adrgov graph --format mermaid\n  adrgov graph --format json | jq '.nodes[] | select(.in_force != null)'"
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Only the ADRs of this source and the ADRs they relate to in other sources (a
    /// repository with several ADR directories).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let source = super::source_arg(ws, a.source.as_deref())?;
    let mut loaded = ws.load()?;
    super::warn_problems(&loaded);
    let mut g = Graph::of(&loaded, &ws.vocab);
    if let Some(s) = source {
        // The source's ADRs and their neighbours in other sources (edges either way).
        let own = |i: usize| loaded.entries[i].adr().source.as_deref() == Some(s);
        let mut keep: Vec<bool> = (0..loaded.entries.len()).map(own).collect();
        for (from, _, to) in g.edges() {
            if own(from) || own(to) {
                keep[from] = true;
                keep[to] = true;
            }
        }
        let paths: std::collections::HashSet<crate::model::RepoPath> = loaded
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| own(*i))
            .map(|(_, e)| e.adr().path.clone())
            .collect();
        loaded = loaded.subset(&|i| keep[i]);
        g = Graph::of(&loaded, &ws.vocab);
        // What the neighbours relate to beyond the source is not drawn, not reported.
        g.dangling
            .retain(|d| paths.contains(&loaded.entries[d.from].adr().path));
        g.one_sided
            .retain(|o| paths.contains(&loaded.entries[o.from].adr().path));
    }
    if a.format != GraphFormat::Json {
        let id = |i: usize| loaded.entries[i].adr().id.clone();
        for c in g.supersession_cycles() {
            crate::output::warn(&format!(
                "supersession cycle: {}",
                c.iter()
                    .map(|&i| id(i))
                    .chain(std::iter::once(id(c[0])))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ));
        }
        for d in &g.dangling {
            crate::output::warn(&format!(
                "{}:{}: `{}` refers to `{}`, which is no ADR (not drawn)",
                loaded.entries[d.from].adr().path,
                d.line,
                d.kind,
                d.target
            ));
        }
    }
    let out = match a.format {
        GraphFormat::Dot => export::dot(&g, &loaded),
        GraphFormat::Mermaid => export::mermaid(&g, &loaded),
        GraphFormat::Json => export::json(&g, &loaded),
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    super::leave((g, loaded));
    Ok(0)
}
