//! Graph exports: Graphviz dot, Mermaid, JSON. Output is sorted and stable.

use super::Graph;
use crate::model::RelationKind;
use crate::repo::Loaded;
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// Fill colour of a status (shared by dot and mermaid).
fn color(status: Option<&str>) -> &'static str {
    match status {
        Some("accepted") => "#d1fae5",
        Some("proposed") => "#fef3c7",
        Some("rejected") => "#fee2e2",
        Some("deprecated") | Some("superseded") => "#e5e7eb",
        _ => "#ede9fe",
    }
}

fn edges(g: &Graph, loaded: &Loaded) -> Vec<(String, RelationKind, String)> {
    let mut v: Vec<(String, RelationKind, String)> =
        g.g.edge_references()
            .map(|e| {
                (
                    loaded.entries[g.g[e.source()]].adr().id.clone(),
                    e.weight().clone(),
                    loaded.entries[g.g[e.target()]].adr().id.clone(),
                )
            })
            .collect();
    v.sort();
    v
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz dot: boxes coloured by status, edges labelled with the relation.
pub fn dot(g: &Graph, loaded: &Loaded) -> String {
    let mut s = String::from(
        "digraph adrs {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for e in &loaded.entries {
        let a = e.adr();
        let title = a.title.as_deref().unwrap_or("");
        s.push_str(&format!(
            "  \"{}\" [label=\"{}\\n{}\", fillcolor=\"{}\", tooltip=\"{}\"];\n",
            dot_escape(&a.id),
            dot_escape(&a.id),
            dot_escape(title),
            color(a.status.as_deref()),
            dot_escape(a.status.as_deref().unwrap_or("no status"))
        ));
    }
    for (a, k, b) in edges(g, loaded) {
        let style = if k == RelationKind::Supersedes {
            ""
        } else {
            ", style=dashed"
        };
        s.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\"{style}];\n",
            dot_escape(&a),
            dot_escape(&b),
            dot_escape(k.as_str())
        ));
    }
    s.push_str("}\n");
    s
}

fn mermaid_id(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("adr_{clean}")
}

fn mermaid_label(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('[', "#91;")
        .replace(']', "#93;")
}

/// A Mermaid flowchart, one class per status.
pub fn mermaid(g: &Graph, loaded: &Loaded) -> String {
    let mut s = String::from("graph LR\n");
    let mut by_status: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for e in &loaded.entries {
        let a = e.adr();
        let id = mermaid_id(&a.id);
        s.push_str(&format!(
            "  {id}[\"{}: {}\"]\n",
            mermaid_label(&a.id),
            mermaid_label(a.title.as_deref().unwrap_or(""))
        ));
        let st = a.status.clone().unwrap_or_else(|| "none".into());
        by_status.entry(st).or_default().push(id);
    }
    for (a, k, b) in edges(g, loaded) {
        let arrow = if k == RelationKind::Supersedes {
            "-->"
        } else {
            "-.->"
        };
        s.push_str(&format!(
            "  {} {arrow}|{}| {}\n",
            mermaid_id(&a),
            k,
            mermaid_id(&b)
        ));
    }
    for (st, ids) in by_status {
        let class: String = st
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        s.push_str(&format!("  classDef s_{class} fill:{}\n", color(Some(&st))));
        s.push_str(&format!("  class {} s_{class}\n", ids.join(",")));
    }
    s
}

#[derive(Serialize)]
struct JsonNode {
    id: String,
    title: Option<String>,
    status: Option<String>,
    /// The decisions in force in its place (null when it is itself in force).
    in_force: Option<Vec<String>>,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    kind: RelationKind,
    to: String,
}

#[derive(Serialize)]
struct JsonDangling {
    from: String,
    kind: RelationKind,
    target: String,
    line: usize,
}

#[derive(Serialize)]
struct JsonOneSided {
    from: String,
    kind: RelationKind,
    to: String,
    missing: RelationKind,
    line: usize,
}

#[derive(Serialize)]
struct JsonGraph {
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
    dangling: Vec<JsonDangling>,
    one_sided: Vec<JsonOneSided>,
    cycles: Vec<Vec<String>>,
}

/// JSON: nodes, edges (active direction: `supersedes` points new → old), dangling references,
/// one-sided relations and supersession cycles.
pub fn json(g: &Graph, loaded: &Loaded) -> String {
    let id = |i: usize| loaded.entries[i].adr().id.clone();
    let mut in_force = g.in_force_all();
    let out = JsonGraph {
        nodes: loaded
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| JsonNode {
                id: e.adr().id.clone(),
                title: e.adr().title.clone(),
                status: e.adr().status.clone(),
                in_force: in_force[i].take().map(|v| v.into_iter().map(id).collect()),
            })
            .collect(),
        edges: edges(g, loaded)
            .into_iter()
            .map(|(from, kind, to)| JsonEdge { from, kind, to })
            .collect(),
        dangling: g
            .dangling
            .iter()
            .map(|d| JsonDangling {
                from: id(d.from),
                kind: d.kind.clone(),
                target: d.target.clone(),
                line: d.line,
            })
            .collect(),
        one_sided: g
            .one_sided
            .iter()
            .map(|o| JsonOneSided {
                from: id(o.from),
                kind: o.kind.clone(),
                to: id(o.to),
                missing: o.missing.clone(),
                line: o.line,
            })
            .collect(),
        cycles: g
            .supersession_cycles()
            .into_iter()
            .map(|c| c.into_iter().map(id).collect())
            .collect(),
    };
    serde_json::to_string_pretty(&out)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
