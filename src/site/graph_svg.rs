//! The decision graph drawn as SVG at build time: no script, no layout engine in the browser.
//!
//! Layout: connected components, each in columns (an ADR sits one column right of the latest
//! older ADR it is related to, so supersession chains read left to right, oldest first); the
//! components are packed into shelves of a fixed width. Every node is a link to its ADR page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

const W: i64 = 190;
const H: i64 = 42;
const GAP_X: i64 = 56;
const GAP_Y: i64 = 14;
const PAD: i64 = 10;
const SHELF: i64 = 1180;
/// Columns of one component before it folds into another band.
const MAX_COLS: i64 = 4;

/// What the drawing shows of one node.
pub struct NodeInfo {
    /// Shown first (`0004`).
    pub id: String,
    /// Shown second, shortened.
    pub title: String,
    /// CSS class suffix (`accepted`, `superseded`, …).
    pub status: String,
    /// Link target, relative to the page the drawing is on.
    pub url: String,
}

/// An edge `from → to` of `kind` (`supersedes`, `amends`, …), between indices of `nodes`.
#[derive(Debug, Clone)]
pub struct EdgeInfo {
    /// Source node (entry index).
    pub from: usize,
    /// Target node (entry index).
    pub to: usize,
    /// Relation kind.
    pub kind: RelationKind,
}

use super::xml_escape as esc;
use crate::model::RelationKind;

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn kind_class(kind: &RelationKind) -> &'static str {
    match RelationKind::new(kind.as_str()) {
        RelationKind::Supersedes | RelationKind::SupersededBy => "e-supersedes",
        RelationKind::Amends | RelationKind::AmendedBy => "e-amends",
        _ => "e-other",
    }
}

/// Draws `nodes` (entry indices, any order) and the `edges` between them. `highlight` marks
/// one node (the page's own ADR). `label` describes a node. Deterministic for the same input.
pub fn draw(
    nodes: &[usize],
    edges: &[EdgeInfo],
    highlight: Option<usize>,
    label: &dyn Fn(usize) -> NodeInfo,
    aria: &str,
) -> String {
    let mut nodes: Vec<usize> = nodes.to_vec();
    nodes.sort_unstable();
    nodes.dedup();
    let shape = Shape::of(&nodes, edges);
    let (xy, width, height) = place(&shape.comps, &shape.col);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"#,
        esc(aria)
    );
    s.push_str(r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrow"/></marker></defs>"#);
    draw_edges(&mut s, &shape.kept, &xy, &nodes, label);
    draw_nodes(&mut s, &shape.comps, &xy, &nodes, highlight, label);
    s.push_str("</svg>");
    s
}

/// The structure of a drawing, by position in the sorted node list.
struct Shape<'e> {
    /// Edges between two distinct drawn nodes: (from, to, kind).
    kept: Vec<(usize, usize, &'e RelationKind)>,
    /// Column of each node.
    col: Vec<usize>,
    /// Connected components: related ones first (oldest first), then the unrelated ones.
    comps: Vec<Vec<usize>>,
}

impl<'e> Shape<'e> {
    fn of(nodes: &[usize], edges: &'e [EdgeInfo]) -> Shape<'e> {
        let pos_of: BTreeMap<usize, usize> =
            nodes.iter().enumerate().map(|(k, &n)| (n, k)).collect();
        // Union-find for components; neighbours for columns.
        let mut parent: Vec<usize> = (0..nodes.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        let mut older: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut kept = Vec::new();
        for e in edges {
            let (Some(&a), Some(&b)) = (pos_of.get(&e.from), pos_of.get(&e.to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
            let (lo, hi) = (a.min(b), a.max(b));
            older[hi].push(lo);
            kept.push((a, b, &e.kind));
        }
        // Column: one right of the rightmost older neighbour (acyclic by construction).
        let mut col = vec![0usize; nodes.len()];
        for v in 0..nodes.len() {
            col[v] = older[v].iter().map(|&u| col[u] + 1).max().unwrap_or(0);
        }
        let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for v in 0..nodes.len() {
            let r = find(&mut parent, v);
            comps.entry(r).or_default().push(v);
        }
        // Related decisions first (oldest component first), then the unrelated ones.
        let mut comps: Vec<Vec<usize>> = comps.into_values().collect();
        comps.sort_by_key(|m| (m.len() == 1, m[0]));
        Shape { kept, col, comps }
    }
}

/// Places each component, then packs components into shelves: each node's top-left corner,
/// and the drawing's width and height.
fn place(comps: &[Vec<usize>], col: &[usize]) -> (Vec<(i64, i64)>, i64, i64) {
    let mut xy = vec![(0i64, 0i64); col.len()];
    let (mut sx, mut sy, mut shelf_h, mut width) = (PAD, PAD, 0i64, 0i64);
    let mut singles_started = false;
    for members in comps {
        // The unrelated decisions start on a shelf of their own.
        if members.len() == 1 && !singles_started {
            singles_started = true;
            if sx > PAD {
                sx = PAD;
                sy += shelf_h + GAP_Y * 3;
                shelf_h = 0;
            }
        }
        let gap = if members.len() == 1 {
            GAP_Y * 2
        } else {
            GAP_X * 2
        };
        let mut per_col: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &v in members {
            per_col.entry(col[v]).or_default().push(v);
        }
        let base = per_col.keys().next().copied().unwrap_or(0);
        let cols = per_col.keys().last().map_or(1, |&c| c - base + 1) as i64;
        let rows = per_col.values().map(Vec::len).max().unwrap_or(1) as i64;
        // A long chain folds into bands of MAX_COLS columns, one under the other.
        let ncols = cols.min(MAX_COLS);
        let bands = (cols + ncols - 1) / ncols;
        let band_h = rows * H + (rows - 1) * GAP_Y + GAP_Y * 3;
        let cw = ncols * W + (ncols - 1) * GAP_X;
        let ch = bands * band_h - GAP_Y * 3;
        if sx > PAD && sx + cw > SHELF {
            sx = PAD;
            sy += shelf_h + if members.len() == 1 { GAP_Y } else { GAP_Y * 3 };
            shelf_h = 0;
        }
        for (&c, vs) in &per_col {
            for (r, &v) in vs.iter().enumerate() {
                let k = (c - base) as i64;
                xy[v] = (
                    sx + (k % ncols) * (W + GAP_X),
                    sy + (k / ncols) * band_h + r as i64 * (H + GAP_Y),
                );
            }
        }
        sx += cw + gap;
        shelf_h = shelf_h.max(ch);
        width = width.max(sx - gap + PAD);
    }
    let height = sy + shelf_h + PAD;
    let width = width.max(W + 2 * PAD);
    (xy, width, height)
}

fn draw_edges(
    s: &mut String,
    kept: &[(usize, usize, &RelationKind)],
    xy: &[(i64, i64)],
    nodes: &[usize],
    label: &dyn Fn(usize) -> NodeInfo,
) {
    for &(a, b, kind) in kept {
        let (l, r) = if xy[a].0 <= xy[b].0 { (a, b) } else { (b, a) };
        let (x1, y1) = (xy[l].0 + W, xy[l].1 + H / 2);
        let (x2, y2) = (xy[r].0, xy[r].1 + H / 2);
        let mid = (x1 + x2) / 2;
        let marker = if l == a {
            r#" marker-end="url(#arrow)""#
        } else {
            r#" marker-start="url(#arrow)""#
        };
        let (fa, fb) = (label(nodes[a]).id, label(nodes[b]).id);
        let _ = write!(
            s,
            r#"<path class="edge {}" d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"{marker}><title>{} {} {}</title></path>"#,
            kind_class(kind),
            esc(&fa),
            esc(&kind.words()),
            esc(&fb)
        );
    }
}

/// Nodes in reading order (component by component, column by column), which is also the
/// keyboard's tab order.
fn draw_nodes(
    s: &mut String,
    comps: &[Vec<usize>],
    xy: &[(i64, i64)],
    nodes: &[usize],
    highlight: Option<usize>,
    label: &dyn Fn(usize) -> NodeInfo,
) {
    let mut reading: Vec<usize> = (0..nodes.len()).collect();
    let comp_rank: BTreeMap<usize, usize> = comps
        .iter()
        .enumerate()
        .flat_map(|(k, m)| m.iter().map(move |&v| (v, k)))
        .collect();
    reading.sort_by_key(|&v| (comp_rank.get(&v).copied(), xy[v].0, xy[v].1));
    for v in reading {
        let n = nodes[v];
        let info = label(n);
        let (x, y) = xy[v];
        let me = if highlight == Some(n) { " me" } else { "" };
        let _ = write!(
            s,
            r#"<a href="{}" class="node s-{}{me}"><title>{} {} ({})</title><rect x="{x}" y="{y}" width="{W}" height="{H}" rx="6"/><text x="{}" y="{}" class="nid">{}</text><text x="{}" y="{}" class="nt">{}</text></a>"#,
            esc(&info.url),
            esc(&info.status.replace(' ', "-")),
            esc(&info.id),
            esc(&info.title),
            esc(&info.status),
            x + 8,
            y + 16,
            esc(&short(&info.id, 26)),
            x + 8,
            y + 33,
            esc(&short(&info.title, 26)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(i: usize) -> NodeInfo {
        NodeInfo {
            id: format!("{i:04}"),
            title: format!("Title <{i}>"),
            status: "accepted".into(),
            url: format!("adr/{i}.html"),
        }
    }

    #[test]
    fn chain_reads_left_to_right_and_escapes() {
        let edges = vec![
            EdgeInfo {
                from: 2,
                to: 1,
                kind: "supersedes".into(),
            },
            EdgeInfo {
                from: 1,
                to: 2,
                kind: "superseded-by".into(),
            },
            EdgeInfo {
                from: 3,
                to: 2,
                kind: "amends".into(),
            },
        ];
        let svg = draw(&[3, 1, 2], &edges, Some(2), &info, "graph");
        // Oldest first: 0001 at x=10, 0002 one column right, 0003 two columns right.
        assert!(svg.contains(r#"<rect x="10" y="10""#), "{svg}");
        assert!(svg.contains(r#"<rect x="256" y="10""#), "{svg}");
        assert!(svg.contains(r#"<rect x="502" y="10""#), "{svg}");
        assert!(svg.contains("Title &lt;2&gt;"));
        assert!(!svg.contains("<2>"));
        assert_eq!(svg.matches("class=\"node s-accepted me\"").count(), 1);
        assert_eq!(svg.matches("<path class=\"edge").count(), 3);
        // A cycle-free layout even when edges point both ways.
        assert_eq!(svg, draw(&[1, 2, 3], &edges, Some(2), &info, "graph"));
    }
}
