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
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let loaded = ws.load()?;
    super::warn_problems(&loaded);
    let g = Graph::of(&loaded, &ws.vocab);
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
    Ok(0)
}
