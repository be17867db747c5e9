//! The site's view of the code decisions govern: the Governs block of an ADR page (each glob,
//! linked through `[site] repo-url`, with the tracked files it matches) and the Code map page
//! (the repository's directories down to the governed paths, the decisions on each, and the
//! globs that drifted from the code).
//!
//! A glob shows on the map where it governs a whole directory (it governs any name under it,
//! however deep: `services/orders/db/**`, `services/orders`), else at each file it matches
//! (`migrations/orders_*.sql`). The map lists at most [`PER_DIR`] entries of a directory and
//! [`BUDGET`] in all (the rest are counted); only the top level ([`OPEN_LEVELS`]) is open.

use super::xml_escape;
use crate::governs::{self, Map, Rule};
use crate::graph::Graph;
use crate::model::RepoPath;
use crate::repo::{Loaded, Workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Most entries one directory of the code map lists; the others are counted.
const PER_DIR: usize = 50;
/// Most entries the whole code map lists, so a big repository's page stays small; the top
/// levels are listed first.
const BUDGET: usize = 1000;
/// Levels of the tree shown open (the top one); deeper directories are closed until opened.
const OPEN_LEVELS: usize = 1;
/// Files an ADR page names for one glob (the others are counted).
const FILES_SHOWN: usize = 3;
/// A name no path has: a glob that governs `d/ANY` and `d/ANY/ANY` governs all under `d`.
const ANY: &str = "\u{1}";

/// The governed code of one repository: every compiled glob and the tracked files each
/// matches.
pub(super) struct Code {
    map: Map,
    /// The repository's tracked files (sorted); empty when no glob compiles.
    files: Vec<RepoPath>,
    /// Per rule of `map`, the indices into `files` of the files it governs.
    matched: Vec<Vec<usize>>,
    /// Whether the repository's files are known (not on a central site).
    known: bool,
    /// `[site] repo-url`, where files are browsed.
    repo_url: Option<String>,
}

/// What the code map page shows.
#[derive(Debug, serde::Serialize)]
pub(super) struct Page {
    /// Whether the repository's files are known (false on a central site).
    pub(super) known: bool,
    /// Globs written (valid or not).
    pub(super) globs: usize,
    /// Tracked files, and those some glob governs.
    pub(super) files: usize,
    pub(super) governed: usize,
    /// The tree's items (`<li>`…), HTML.
    pub(super) tree: String,
    /// The drifted globs' items, HTML.
    pub(super) drifted: String,
}

/// The files of sorted `files` that are `base` or lie under it (all when `base` is empty).
fn candidates(base: &str, files: &[RepoPath]) -> std::ops::Range<usize> {
    if base.is_empty() {
        return 0..files.len();
    }
    let from = files.partition_point(|f| f.as_str() < base);
    // Files under `base/` sort before `base0` ('0' follows '/'); `base.x` lies between.
    let end = files.partition_point(|f| f.as_str() < format!("{base}0").as_str());
    from..end
}

/// The matched files of `r` among `files`.
fn matches(r: &Rule, files: &[RepoPath]) -> Vec<usize> {
    let base = r.base_dir();
    let prefix = format!("{base}/");
    candidates(&base, files)
        .filter(|&k| {
            let f = files[k].as_str();
            (base.is_empty() || f == base || f.starts_with(&prefix)) && r.governs(f)
        })
        .collect()
}

/// `files` without the sites adrgov built among them (directories holding its marker): without
/// git every file under the root counts, and a site built inside it must not change the next
/// build's map.
fn without_sites(files: Vec<RepoPath>) -> Vec<RepoPath> {
    let sites: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let (dir, name) = f.rsplit_once('/').unwrap_or(("", f.as_str()));
            (name == super::MARKER).then(|| format!("{dir}/"))
        })
        .collect();
    files
        .into_iter()
        .filter(|f| !sites.iter().any(|d| d == "/" || f.starts_with(d.as_str())))
        .collect()
}

/// Whether `r` governs everything under directory `d` (`""`: the root).
fn wholly(r: &Rule, d: &str) -> bool {
    let at = |rest: &str| {
        if d.is_empty() {
            rest.to_string()
        } else {
            format!("{d}/{rest}")
        }
    };
    r.governs(&at(ANY)) && r.governs(&at(&format!("{ANY}/{ANY}")))
}

/// `path` percent-encoded for an URL (`/` kept).
fn url_path(path: &str) -> String {
    let mut o = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            o.push(char::from(b));
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

impl Code {
    /// The globs of `loaded` and the tracked files of `ws` (read only when a glob compiles).
    pub(super) fn of(ws: &Workspace, loaded: &Loaded) -> Code {
        let map = Map::of(loaded);
        let files = if map.rules.is_empty() {
            Vec::new()
        } else if ws.git().is_none() {
            without_sites(crate::repo::git::tracked_files(None, &ws.root))
        } else {
            crate::repo::git::tracked_files(ws.git(), &ws.root)
        };
        let matched = map.rules.iter().map(|r| matches(r, &files)).collect();
        Code {
            map,
            files,
            matched,
            known: true,
            repo_url: ws.config.repo_url.clone(),
        }
    }

    /// The globs of a central site's decisions: their repositories' files are not known here.
    pub(super) fn central(loaded: &Loaded) -> Code {
        let map = Map::of(loaded);
        let matched = vec![Vec::new(); map.rules.len()];
        Code {
            map,
            files: Vec::new(),
            matched,
            known: false,
            repo_url: None,
        }
    }

    /// `{repo-url}/{path}`, when `repo-url` is set.
    fn browse(&self, path: &str) -> Option<String> {
        let u = self.repo_url.as_deref()?;
        Some(xml_escape(&format!("{u}/{}", url_path(path))))
    }

    /// Whether `path` is a tracked file or has tracked files under it.
    fn exists(&self, path: &str) -> bool {
        let under = format!("{path}/");
        !path.is_empty()
            && self.files[candidates(path, &self.files)]
                .iter()
                .any(|f| f.as_str() == path || f.starts_with(&under))
    }

    /// The Governs block of ADR `i`'s page (empty when it governs nothing): each glob in file
    /// order, linked to its literal directory through `repo-url`, with the files it matches;
    /// `root` leads from the page to the site's root.
    pub(super) fn adr_block(&self, i: usize, root: &str) -> String {
        let mut items: Vec<(usize, String)> = Vec::new();
        for (k, r) in self.map.rules.iter().enumerate() {
            if r.index == i {
                items.push((r.line, self.glob_item(r, &self.matched[k])));
            }
        }
        for b in self.map.bad.iter().filter(|b| b.index == i) {
            let item = format!(
                "<li><code>{}</code> — <span class=\"drift\">not a valid glob ({}); it governs nothing</span></li>\n",
                xml_escape(&b.glob),
                xml_escape(&b.message)
            );
            items.push((b.line, item));
        }
        if items.is_empty() {
            return String::new();
        }
        items.sort_by_key(|(line, _)| *line);
        let mut o = String::from("<ul class=\"governs\">\n");
        for (_, item) in items {
            o.push_str(&item);
        }
        let _ = write!(
            o,
            "</ul>\n<a class=\"map\" href=\"{root}codemap.html\">Code map</a>"
        );
        o
    }

    /// One glob of an ADR page, and the files it matches.
    fn glob_item(&self, r: &Rule, matched: &[usize]) -> String {
        let code = format!("<code>{}</code>", xml_escape(&r.glob));
        let base = r.base_dir();
        let glob = match self.browse(&base).filter(|_| self.exists(&base)) {
            Some(u) => format!("<a href=\"{u}\">{code}</a>"),
            None => code,
        };
        if !self.known {
            return format!("<li>{glob}</li>\n");
        }
        if matched.is_empty() {
            return format!(
                "<li>{glob} — <span class=\"drift\">matches no tracked file</span></li>\n"
            );
        }
        let n = matched.len();
        let shown: Vec<String> = matched
            .iter()
            .take(FILES_SHOWN)
            .map(|&k| {
                let f = self.files[k].as_str();
                let c = format!("<code>{}</code>", xml_escape(f));
                match self.browse(f) {
                    Some(u) => format!("<a href=\"{u}\">{c}</a>"),
                    None => c,
                }
            })
            .collect();
        let more = if n > FILES_SHOWN {
            format!(" and {} more", n - FILES_SHOWN)
        } else {
            String::new()
        };
        format!(
            "<li>{glob} — {n} file{}: {}{more}</li>\n",
            if n == 1 { "" } else { "s" },
            shown.join(", ")
        )
    }

    /// The code map page; `url_of(i)` is ADR `i`'s page from the site's root.
    pub(super) fn page(
        &self,
        loaded: &Loaded,
        graph: &Graph,
        url_of: &dyn Fn(usize) -> String,
    ) -> Page {
        let governed: BTreeSet<usize> = self.matched.iter().flatten().copied().collect();
        let anchors = self.anchors();
        let ds = Decisions {
            loaded,
            graph,
            url_of,
        };
        let tree = if anchors.is_empty() {
            String::new()
        } else {
            Tree::of(&anchors).html(&|rules| ds.list(&self.map, rules))
        };
        Page {
            known: self.known,
            globs: self.map.rules.len() + self.map.bad.len(),
            files: self.files.len(),
            governed: governed.len(),
            tree,
            drifted: self.drifted(&ds),
        }
    }

    /// Where each glob shows on the map: the path → (a directory, the rules shown there).
    fn anchors(&self) -> BTreeMap<String, (bool, Vec<usize>)> {
        let mut anchors: BTreeMap<String, (bool, Vec<usize>)> = BTreeMap::new();
        for (k, r) in self.map.rules.iter().enumerate() {
            let mut whole: BTreeMap<String, bool> = BTreeMap::new();
            for &f in &self.matched[k] {
                let f = self.files[f].as_str();
                let mut at = (f.to_string(), false);
                // The shallowest directory of the file that the glob governs wholly.
                let dirs = std::iter::once("")
                    .chain(f.match_indices('/').map(|(p, _)| &f[..p]))
                    .collect::<Vec<_>>();
                for d in dirs {
                    if *whole.entry(d.to_string()).or_insert_with(|| wholly(r, d)) {
                        at = (d.to_string(), true);
                        break;
                    }
                }
                let e = anchors.entry(at.0).or_insert((at.1, Vec::new()));
                if !e.1.contains(&k) {
                    e.1.push(k);
                }
            }
        }
        anchors
    }

    /// The drifted globs: those of decisions in effect that match no tracked file (what
    /// `governs-nothing` reports), and those that are not valid globs; as list items.
    fn drifted(&self, ds: &Decisions<'_>) -> String {
        let mut rows: Vec<(usize, usize, String)> = Vec::new();
        for (k, r) in self.map.rules.iter().enumerate() {
            let a = ds.loaded.entries[r.index].adr();
            let in_effect =
                governs::in_effect(a.status.as_deref()) && ds.graph.in_force(r.index).is_none();
            if self.known && in_effect && self.matched[k].is_empty() {
                let why = "matches no tracked file".to_string();
                rows.push((r.index, r.line, ds.drift_item(r.index, &r.glob, &why)));
            }
        }
        for b in &self.map.bad {
            let why = format!("not a valid glob ({})", b.message);
            rows.push((b.index, b.line, ds.drift_item(b.index, &b.glob, &why)));
        }
        rows.sort_by_key(|(i, line, _)| (*i, *line));
        rows.into_iter().map(|(_, _, h)| h).collect()
    }
}

/// How the map shows decisions.
struct Decisions<'a> {
    loaded: &'a Loaded,
    graph: &'a Graph,
    url_of: &'a dyn Fn(usize) -> String,
}

impl Decisions<'_> {
    /// `<a href="adr/0003.html">0003 Title</a> <span class="badge …">accepted</span>`.
    fn link(&self, i: usize) -> String {
        let a = self.loaded.entries[i].adr();
        let status = super::status_name(a.status.as_deref());
        format!(
            "<a href=\"{}\">{} {}</a> <span class=\"badge s-{}\">{}</span>",
            xml_escape(&(self.url_of)(i)),
            xml_escape(&a.id),
            xml_escape(a.title.as_deref().unwrap_or(&a.id)),
            xml_escape(&status.replace(' ', "-")),
            xml_escape(&status)
        )
    }

    /// The decisions of `rules` (one line each, through its first glob): in force first, a
    /// superseded one with the decision in force in its place; and how many.
    fn list(&self, map: &Map, rules: &[usize]) -> (String, usize) {
        let mut hits: Vec<(bool, usize, &str)> = Vec::new();
        for &k in rules {
            let r = &map.rules[k];
            if !hits.iter().any(|h| h.1 == r.index) {
                hits.push((self.graph.in_force(r.index).is_some(), r.index, &r.glob));
            }
        }
        hits.sort_by_key(|h| (h.0, h.1));
        let mut o = String::from("<ul class=\"decisions\">\n");
        for (_, i, glob) in &hits {
            let in_force = match self.graph.in_force(*i).as_deref() {
                Some([j, ..]) => format!(" in force: {}", self.link(*j)),
                _ => String::new(),
            };
            let _ = writeln!(
                o,
                "<li>{}{in_force} <code class=\"glob\">{}</code></li>",
                self.link(*i),
                xml_escape(glob)
            );
        }
        o.push_str("</ul>\n");
        (o, hits.len())
    }

    /// One drifted glob: the decision, the glob, why.
    fn drift_item(&self, i: usize, glob: &str, why: &str) -> String {
        format!(
            "<li>{} <code class=\"glob\">{}</code> — {}</li>\n",
            self.link(i),
            xml_escape(glob),
            xml_escape(why)
        )
    }
}

/// One path of the tree.
#[derive(Debug, Default)]
struct Node {
    dir: bool,
    /// The rules shown here.
    rules: Vec<usize>,
    /// Children: (a file, name); directories first.
    children: BTreeSet<(bool, String)>,
}

/// The repository's paths that lead to governed paths.
#[derive(Debug)]
struct Tree {
    nodes: BTreeMap<String, Node>,
}

/// `parent/name`, or `name` at the root.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}/{name}")
    }
}

impl Tree {
    /// The tree of `anchors` (path → (a directory, rules)) and every directory above them.
    fn of(anchors: &BTreeMap<String, (bool, Vec<usize>)>) -> Tree {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        nodes.insert(
            String::new(),
            Node {
                dir: true,
                ..Node::default()
            },
        );
        for (path, (dir, rules)) in anchors {
            let n = nodes.entry(path.clone()).or_default();
            n.dir |= *dir;
            n.rules.extend(rules);
            let mut child = path.clone();
            let mut file = !*dir;
            while !child.is_empty() {
                let (parent, name) = child.rsplit_once('/').unwrap_or(("", child.as_str()));
                let (parent, name) = (parent.to_string(), name.to_string());
                let p = nodes.entry(parent.clone()).or_default();
                p.dir = true;
                p.children.insert((file, name));
                file = false;
                child = parent;
            }
        }
        Tree { nodes }
    }

    /// The tree as list items: the root's own decisions, then its entries.
    fn html(&self, list: &dyn Fn(&[usize]) -> (String, usize)) -> String {
        let mut o = String::new();
        if let Some(root) = self.nodes.get("")
            && !root.rules.is_empty()
        {
            let _ = write!(
                o,
                "<li class=\"dir root\"><code>./</code> <span class=\"count\">the whole repository</span>\n{}</li>\n",
                list(&root.rules).0
            );
        }
        let shown = self.shown();
        self.children("", 0, &shown, list, &mut o);
        o
    }

    /// The end of the chain of directories that hold nothing but one directory, from `path`.
    fn chain_end(&self, path: &str) -> String {
        let mut path = path.to_string();
        while let Some(n) = self.nodes.get(&path)
            && n.rules.is_empty()
            && n.children.len() == 1
            && let Some((false, name)) = n.children.first()
        {
            path = join(&path, name);
        }
        path
    }

    /// The entries shown, level by level (so a big tree still shows its top levels whole):
    /// at most [`PER_DIR`] of a directory, [`BUDGET`] in all.
    fn shown(&self) -> std::collections::HashSet<String> {
        let mut shown = std::collections::HashSet::new();
        let mut queue = std::collections::VecDeque::from([String::new()]);
        while let Some(dir) = queue.pop_front() {
            let Some(node) = self.nodes.get(&dir) else {
                continue;
            };
            for (_, name) in node.children.iter().take(PER_DIR) {
                if shown.len() == BUDGET {
                    return shown;
                }
                let path = join(&dir, name);
                queue.push_back(self.chain_end(&path));
                shown.insert(path);
            }
        }
        shown
    }

    /// The entries of directory `path` at `level` that are `shown`; the others counted.
    fn children(
        &self,
        path: &str,
        level: usize,
        shown: &std::collections::HashSet<String>,
        list: &dyn Fn(&[usize]) -> (String, usize),
        o: &mut String,
    ) {
        let Some(node) = self.nodes.get(path) else {
            return;
        };
        let mut more = 0;
        for (k, (_, name)) in node.children.iter().enumerate() {
            let child = join(path, name);
            if !shown.contains(&child) {
                more = node.children.len() - k;
                break;
            }
            self.item(&child, name, level, shown, list, o);
        }
        if more > 0 {
            let _ = writeln!(o, "<li class=\"more\">and {more} more</li>");
        }
    }

    /// The entry of `path`, named `name`: a directory that holds nothing but one other
    /// directory is shown with it (`services/orders/`).
    fn item(
        &self,
        path: &str,
        name: &str,
        level: usize,
        shown: &std::collections::HashSet<String>,
        list: &dyn Fn(&[usize]) -> (String, usize),
        o: &mut String,
    ) {
        let end = self.chain_end(path);
        let Some(node) = self.nodes.get(&end) else {
            return;
        };
        let label = xml_escape(&format!("{name}{}", &end[path.len()..]));
        let (decisions, n) = if node.rules.is_empty() {
            (String::new(), 0)
        } else {
            list(&node.rules)
        };
        if !node.dir {
            let _ = write!(
                o,
                "<li class=\"file\"><code>{label}</code>\n{decisions}</li>\n"
            );
        } else if node.children.is_empty() {
            let _ = write!(
                o,
                "<li class=\"dir\"><code>{label}/</code>\n{decisions}</li>\n"
            );
        } else {
            let open = if level < OPEN_LEVELS { " open" } else { "" };
            let count = if n == 0 {
                String::new()
            } else {
                format!(
                    " <span class=\"count\">{n} decision{}</span>",
                    if n == 1 { "" } else { "s" }
                )
            };
            let _ = write!(
                o,
                "<li class=\"dir\"><details{open}><summary><code>{label}/</code>{count}</summary>\n{decisions}<ul>\n"
            );
            self.children(&end, level + 1, shown, list, o);
            o.push_str("</ul></details></li>\n");
        }
    }
}

#[cfg(test)]
mod tests;
