//! The governance site: static files only, deterministic (same input, same bytes), relative
//! links (domain root, sub-path, or `file://`). Templates and assets are embedded and may be
//! overridden by files of the same name in `[site] templates`.

mod build;
pub mod dashboard;
pub mod graph_svg;
pub mod markdown;

pub use build::{Hooks, Site};

use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::history::History;
use crate::repo::links;
use crate::repo::{Loaded, Workspace};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Marks an output directory as adrgov's, so a rebuild may replace its files.
pub const MARKER: &str = ".adrgov-site";

/// The site's Tera templates (name, embedded text); each may be overridden by a file of the
/// same name in `[site] templates`.
const TEMPLATES: [(&str, &str); 9] = [
    ("base.html", include_str!("../../templates/site/base.html")),
    (
        "index.html",
        include_str!("../../templates/site/index.html"),
    ),
    ("adr.html", include_str!("../../templates/site/adr.html")),
    (
        "dashboard.html",
        include_str!("../../templates/site/dashboard.html"),
    ),
    (
        "graph.html",
        include_str!("../../templates/site/graph.html"),
    ),
    (
        "timeline.html",
        include_str!("../../templates/site/timeline.html"),
    ),
    ("tags.html", include_str!("../../templates/site/tags.html")),
    ("tag.html", include_str!("../../templates/site/tag.html")),
    ("feed.xml", include_str!("../../templates/site/feed.xml")),
];

/// The site's assets (name under `assets/`, embedded bytes); overridable like templates.
const ASSETS: [(&str, &str); 3] = [
    ("style.css", include_str!("../../site/style.css")),
    ("search.js", include_str!("../../site/search.js")),
    ("theme.js", include_str!("../../site/theme.js")),
];

/// Most characters of one ADR's body that go into the search index.
const SEARCH_TEXT_MAX: usize = 20_000;
/// Entries in the Atom feed.
const FEED_ENTRIES: usize = 50;

/// Another ADR, as a page links to it.
#[derive(Debug, Serialize)]
struct Link {
    id: String,
    title: String,
    url: String,
    status: String,
}

/// A relation, both ways.
#[derive(Debug, Serialize)]
struct RelationView {
    label: String,
    target: Link,
}

/// One row of the status timeline.
#[derive(Debug, Serialize)]
struct EventView {
    date: String,
    /// `YYYY-MM-DD` of `date`.
    day: String,
    author: String,
    commit: String,
    kind: String,
    status: String,
}

/// A tag and its page.
#[derive(Debug, Serialize, Clone)]
struct TagLink {
    name: String,
    url: String,
}

/// What a template sees of one ADR.
#[derive(Debug, Serialize)]
struct AdrPage {
    id: String,
    number: Option<u32>,
    title: String,
    status: String,
    status_text: String,
    date: String,
    /// The file's date, else the day git first saw it (for sorting and the timeline).
    when: String,
    tags: Vec<TagLink>,
    decision_makers: Vec<String>,
    consulted: Vec<String>,
    informed: Vec<String>,
    path: String,
    url: String,
    html: String,
    relations: Vec<RelationView>,
    in_force: Option<Vec<Link>>,
    replaced: bool,
    created: String,
    updated: String,
    /// RFC 3339 time of the last change (git, else the file's date), for the feed.
    updated_at: String,
    authors: Vec<String>,
    events: Vec<EventView>,
    /// The ADR and its direct relations, drawn (empty when it has none).
    neighbourhood: String,
}

/// One entry of the search index (`assets/search-index.js`).
#[derive(Debug, Serialize)]
struct SearchDoc<'a> {
    /// Id.
    i: &'a str,
    /// Title.
    t: &'a str,
    /// Status.
    s: &'a str,
    /// Tags.
    g: Vec<&'a str>,
    /// People (decision makers, consulted, informed, git authors).
    p: Vec<&'a str>,
    /// Page, relative to the site root.
    u: &'a str,
    /// Body text.
    b: String,
}

/// A year of the timeline page.
#[derive(Debug, Serialize)]
struct Year {
    year: String,
    adrs: Vec<usize>,
}

/// What `site build` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Files whose bytes changed (written).
    pub written: usize,
    /// Files of an earlier build removed.
    pub removed: usize,
}

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the site will be published (`https://host/path/`), for the feed's absolute
    /// links; relative links everywhere else.
    pub base_url: Option<String>,
}

/// The page of every ADR (`adr/<name>`), in load order: its id; where two ADRs share an id
/// (`000` at the top and in `historic-adrs/`), the first keeps it and the others are named by
/// their file stem (then their path), so no page is lost.
fn page_names(loaded: &Loaded) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut first: std::collections::HashSet<&str> = std::collections::HashSet::new();
    loaded
        .entries
        .iter()
        .map(|e| {
            let a = e.adr();
            let mut name = safe_name(&a.id);
            if !first.insert(a.id.as_str()) || taken.contains(&name) {
                let stem = a.path.rsplit_once('.').map_or(a.path.as_str(), |(s, _)| s);
                name = safe_name(stem.rsplit('/').next().unwrap_or(stem));
                if taken.contains(&name) {
                    name = safe_name(stem);
                }
            }
            taken.insert(name.clone());
            format!("{name}.html")
        })
        .collect()
}

fn safe_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `a/b` + `../c/./d.md` → `a/c/d.md`; `None` when it climbs out of the repository.
fn normalize(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn status_name(s: Option<&str>) -> String {
    s.unwrap_or("none").to_string()
}

/// Escapes text for HTML/XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}

/// `2024-03-01` or `2024-03-01 12:00:00 +0100` → RFC 3339, for Atom.
fn rfc3339(date: &str) -> Option<String> {
    if let Ok(t) = chrono::DateTime::parse_from_str(date, "%Y-%m-%d %H:%M:%S %z") {
        return Some(t.to_rfc3339());
    }
    crate::parse::parse_date(date).map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
}

struct Renderer<'a> {
    ws: &'a Workspace,
    tera: tera::Tera,
}

impl Renderer<'_> {
    fn page(
        &self,
        name: &str,
        root: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<Vec<u8>> {
        let mut c = tera::Context::new();
        c.insert("site_title", &self.ws.config.site_title);
        c.insert("root", root);
        fill(&mut c);
        self.tera
            .render(name, &c)
            .map(String::into_bytes)
            .map_err(terr)
    }
}

fn terr(e: tera::Error) -> Error {
    Error::Template {
        message: format!("site template: {}", crate::templates::tera_message(&e)),
    }
}

/// What can be rendered before git history is known: each ADR's HTML and search text, and
/// the images to publish (so it can run while history is read).
#[derive(Debug, Default)]
pub struct Prepared {
    html: Vec<String>,
    text: Vec<String>,
    images: BTreeMap<String, Vec<u8>>,
    /// ADRs with links to files that do not exist (history may know where they went).
    missing: Vec<usize>,
}

/// Links from ADR text that history shows renamed (a renumbering) go to the renamed ADR's
/// page: the pages of ADRs with such links are rendered again.
pub fn relink(ws: &Workspace, loaded: &Loaded, prep: &mut Prepared, history: &History) {
    if prep.missing.is_empty() {
        return;
    }
    let renames = links::renames(history, loaded);
    if renames.is_empty() {
        return;
    }
    let linker = Linker::new(ws, loaded, &prep.images, renames);
    for &i in &prep.missing {
        prep.html[i] = linker.html(i);
    }
}

/// Where links in ADR text go on the site.
struct Linker<'a> {
    ws: &'a Workspace,
    loaded: &'a Loaded,
    by_file: BTreeMap<&'a str, usize>,
    pages: Vec<String>,
    images: &'a BTreeMap<String, Vec<u8>>,
    site: links::Site,
    renames: HashMap<String, links::Rename>,
}

impl<'a> Linker<'a> {
    fn new(
        ws: &'a Workspace,
        loaded: &'a Loaded,
        images: &'a BTreeMap<String, Vec<u8>>,
        renames: HashMap<String, links::Rename>,
    ) -> Linker<'a> {
        let by_file = loaded
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.adr().file_name.as_str(), i))
            .collect();
        Linker {
            ws,
            loaded,
            by_file,
            pages: page_names(loaded),
            images,
            site: links::Site::of(ws),
            renames,
        }
    }

    /// The HTML of ADR `i`.
    fn html(&self, i: usize) -> String {
        let a = self.loaded.entries[i].adr();
        markdown::render(&a.body, &|d, image| self.dest(&a.path, d, image))
    }

    /// The page of the ADR at `path` (from the root), or of the ADR history says it became.
    fn page_at(&self, path: &str) -> Option<markdown::Dest> {
        let i = self
            .loaded
            .at_path(path)
            .or_else(|| self.renames.get(path).map(|r| r.to))?;
        Some(markdown::Dest::To(self.pages[i].clone()))
    }

    /// Where a link in the text of the ADR at `adr_path` goes: an URL into this repository
    /// naming an ADR goes to its page (others are kept), a relative link to an ADR to its page,
    /// an image beside the ADRs to its copy, other files of the repository to `repo-url`.
    fn dest(&self, adr_path: &str, dest: &str, image: bool) -> markdown::Dest {
        let (ws, loaded, images) = (self.ws, self.loaded, self.images);
        let by_file = &self.by_file;
        if dest.contains("://") {
            let exists = |p: &str| loaded.at_path(p).is_some() || ws.root.join(p).exists();
            if let links::Located::Path { path, .. } = self.site.locate(adr_path, dest, &exists)
                && let Some(to) = self.page_at(&path)
            {
                return to;
            }
            return markdown::Dest::Keep;
        }
        let dest = crate::model::percent_decode(dest);
        let name = dest.rsplit('/').next().unwrap_or(&dest);
        if !image && let Some(&i) = by_file.get(name) {
            return markdown::Dest::To(self.pages[i].clone());
        }
        let base = if dest.starts_with('/') {
            ""
        } else {
            adr_path.rsplit_once('/').map_or("", |(d, _)| d)
        };
        let Some(repo_path) = normalize(base, &dest) else {
            return markdown::Dest::Unlink;
        };
        let adr_dir = adr_path.rsplit_once('/').map_or("", |(d, _)| d);
        let in_dir = repo_path.rsplit_once('/').map_or("", |(d, _)| d) == adr_dir;
        if !image && let Some(to) = self.page_at(&repo_path) {
            return to;
        }
        if in_dir && images.contains_key(name) {
            return markdown::Dest::To(name.to_string());
        }
        match &ws.config.repo_url {
            Some(u) => markdown::Dest::To(format!("{u}/{repo_path}")),
            None => markdown::Dest::Unlink,
        }
    }
}

/// Renders the Markdown of every ADR and reads the images beside them.
pub fn prepare(ws: &Workspace, loaded: &Loaded) -> Result<Prepared> {
    let mut images: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // Images beside the ADRs, next to the pages that show them (`adr/…`).
    if let Ok(dir) = ws.adr_dir() {
        let mut imgs: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(&dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                    matches!(
                        x.to_ascii_lowercase().as_str(),
                        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp"
                    )
                })
            })
            .collect();
        imgs.sort();
        for p in imgs {
            // Never publish what a symbolic link points at, nor anything but plain files.
            if !p.symlink_metadata().is_ok_and(|m| m.file_type().is_file()) {
                continue;
            }
            let Some(name) = p.file_name().map(|n| n.to_string_lossy().to_string()) else {
                continue;
            };
            images.insert(name, std::fs::read(&p).map_err(|e| Error::io(&p, e))?);
        }
    }
    let linker = Linker::new(ws, loaded, &images, HashMap::new());
    let mut html = Vec::with_capacity(loaded.entries.len());
    let mut text = Vec::with_capacity(loaded.entries.len());
    let mut missing = Vec::new();
    for (i, e) in loaded.entries.iter().enumerate() {
        let a = e.adr();
        html.push(linker.html(i));
        text.push(markdown::plain_text(&a.body, SEARCH_TEXT_MAX));
        if links::links_in(ws, &linker.site, loaded, i)
            .iter()
            .any(|l| links::missing(ws, loaded, l).is_some())
        {
            missing.push(i);
        }
    }
    Ok(Prepared {
        html,
        text,
        images,
        missing,
    })
}

/// Renders every file of the site into memory: path (relative to the output dir) → bytes.
/// `prep` is [`prepare`]'s result for the same ADRs; `progress` is told of each page rendered.
#[allow(clippy::too_many_arguments)]
pub fn render(
    ws: &Workspace,
    loaded: &Loaded,
    prep: Prepared,
    graph: &Graph,
    history: Option<&History>,
    today: chrono::NaiveDate,
    opts: &Options,
    progress: &dyn Fn(usize),
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut tera = tera::Tera::default();
    let mut sources = Vec::new();
    for (name, builtin) in TEMPLATES {
        sources.push((
            name,
            String::from_utf8_lossy(&overridable(ws, name, builtin)?).into_owned(),
        ));
    }
    tera.add_raw_templates(sources).map_err(terr)?;
    let r = Renderer { ws, tera };

    let page_names = page_names(loaded);
    let url_of = |i: usize| format!("adr/{}", page_names[i]);
    let link = |i: usize| {
        let a = loaded.entries[i].adr();
        Link {
            id: a.id.clone(),
            title: a.title.clone().unwrap_or_else(|| a.id.clone()),
            url: url_of(i),
            status: status_name(a.status.as_deref()),
        }
    };
    let Prepared {
        html: bodies,
        text: texts,
        images,
        ..
    } = prep;
    // Tag pages: one file name per tag, distinct even when two tags slugify alike.
    let mut tag_url: BTreeMap<String, String> = BTreeMap::new();
    {
        let mut all: Vec<&String> = loaded.entries.iter().flat_map(|e| &e.adr().tags).collect();
        all.sort();
        all.dedup();
        let mut used = std::collections::BTreeSet::new();
        for t in all {
            let base = match slug::slugify(t) {
                s if s.is_empty() => "tag".to_string(),
                s => s,
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            tag_url.insert(t.clone(), format!("tags/{name}.html"));
        }
    }
    // Edges of the graph, and each ADR's neighbours.
    let mut edges = Vec::new();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); loaded.entries.len()];
    // Indices into `edges` of the edges at each ADR.
    let mut edges_of: Vec<Vec<usize>> = vec![Vec::new(); loaded.entries.len()];
    for e in graph.g.edge_indices() {
        if let Some((s, t)) = graph.g.edge_endpoints(e) {
            let (s, t) = (graph.g[s], graph.g[t]);
            edges.push(graph_svg::EdgeInfo {
                from: s,
                to: t,
                kind: graph.g[e].clone(),
            });
            neighbours[s].push(t);
            neighbours[t].push(s);
            edges_of[s].push(edges.len() - 1);
            if t != s {
                edges_of[t].push(edges.len() - 1);
            }
        }
    }
    let node_info = |root: &'static str| {
        move |i: usize| {
            let a = loaded.entries[i].adr();
            graph_svg::NodeInfo {
                id: a.id.clone(),
                title: a.title.clone().unwrap_or_default(),
                status: status_name(a.status.as_deref()),
                url: format!("{root}{}", url_of(i)),
            }
        }
    };

    let mut in_force = graph.in_force_all();
    let mut pages = Vec::with_capacity(loaded.entries.len());
    for (i, e) in loaded.entries.iter().enumerate() {
        let a = e.adr();
        let h = history.and_then(|h| h.by_path.get(&a.path));
        let mut relations = Vec::new();
        for rel in &a.relations {
            if let Some(j) = loaded.resolve(&rel.target) {
                relations.push(RelationView {
                    label: rel.kind.words(),
                    target: link(j),
                });
            }
        }
        // Relations written only on the other side still show here, both ways.
        for ed in edges_of[i].iter().map(|&k| &edges[k]) {
            let (other, label) = if ed.from == i {
                (ed.to, ed.kind.clone())
            } else if ed.to == i {
                (
                    ed.from,
                    ws.vocab
                        .kind_of(&ed.kind)
                        .map_or_else(|| ed.kind.clone(), |k| k.inverse.clone()),
                )
            } else {
                continue;
            };
            let label = label.words();
            if !relations
                .iter()
                .any(|r| r.target.id == loaded.entries[other].adr().id && r.label == label)
            {
                relations.push(RelationView {
                    label,
                    target: link(other),
                });
            }
        }
        let fact = |f: Option<&crate::history::Fact>| {
            f.map_or(String::new(), |f| {
                let when = if f.at_or_before {
                    format!("at or before {}", f.date)
                } else {
                    f.date.clone()
                };
                format!("{when} by {}", f.author)
            })
        };
        let date = a
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let created_day = h
            .and_then(|h| h.created.as_ref())
            .map(|f| f.date.chars().take(10).collect::<String>());
        let updated_at = h
            .and_then(|h| h.updated.as_ref())
            .and_then(|f| rfc3339(&f.date))
            .or_else(|| rfc3339(&date))
            .unwrap_or_default();
        let neighbourhood = if neighbours[i].is_empty() {
            String::new()
        } else {
            let mut ns = neighbours[i].clone();
            ns.push(i);
            // The edges among the neighbourhood: those at any of its ADRs.
            let mut ks: Vec<usize> = ns
                .iter()
                .flat_map(|&n| edges_of[n].iter().copied())
                .collect();
            ks.sort_unstable();
            ks.dedup();
            let local: Vec<graph_svg::EdgeInfo> = ks
                .into_iter()
                .map(|k| graph_svg::EdgeInfo {
                    from: edges[k].from,
                    to: edges[k].to,
                    kind: edges[k].kind.clone(),
                })
                .collect();
            let aria = format!("{} and the decisions it is related to", a.id);
            graph_svg::draw(&ns, &local, Some(i), &node_info("../"), &aria)
        };
        pages.push(AdrPage {
            id: a.id.clone(),
            number: a.number,
            title: a.title.clone().unwrap_or_else(|| a.id.clone()),
            status: status_name(a.status.as_deref()),
            status_text: a.status_text.clone().unwrap_or_default(),
            when: if date.is_empty() {
                created_day.unwrap_or_default()
            } else {
                date.clone()
            },
            date,
            tags: a
                .tags
                .iter()
                .map(|t| TagLink {
                    name: t.clone(),
                    url: tag_url.get(t).cloned().unwrap_or_default(),
                })
                .collect(),
            decision_makers: a.decision_makers.clone(),
            consulted: a.consulted.clone(),
            informed: a.informed.clone(),
            path: a.path.clone(),
            url: url_of(i),
            html: bodies.get(i).cloned().unwrap_or_default(),
            relations,
            replaced: in_force[i].is_some(),
            in_force: in_force[i]
                .take()
                .map(|v| v.into_iter().map(link).collect()),
            created: fact(h.and_then(|h| h.created.as_ref())),
            updated: fact(h.and_then(|h| h.updated.as_ref())),
            updated_at,
            authors: h.map(|h| h.authors.clone()).unwrap_or_default(),
            events: h
                .map(|h| {
                    h.events
                        .iter()
                        .map(|ev| EventView {
                            date: ev.date.clone(),
                            day: ev.date.chars().take(10).collect(),
                            author: ev.author.clone(),
                            commit: ev.commit[..ev.commit.len().min(8)].to_string(),
                            kind: serde_json::to_value(ev.kind)
                                .ok()
                                .and_then(|v| v.as_str().map(String::from))
                                .unwrap_or_default(),
                            status: ev.status.clone().unwrap_or_default(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            neighbourhood,
        });
        progress(i + 1);
    }

    let mut out = BTreeMap::new();
    let mut statuses: Vec<String> = pages.iter().map(|p| p.status.clone()).collect();
    statuses.sort();
    statuses.dedup();
    let tags: Vec<TagLink> = tag_url
        .iter()
        .map(|(n, u)| TagLink {
            name: n.clone(),
            url: u.clone(),
        })
        .collect();
    out.insert(
        "index.html".to_string(),
        r.page("index.html", "", |c| {
            c.insert("adrs", &pages);
            c.insert("statuses", &statuses);
            c.insert("tags", &tags);
        })?,
    );
    for p in &pages {
        out.insert(
            p.url.clone(),
            r.page("adr.html", "../", |c| c.insert("adr", p))?,
        );
    }

    // Tag pages.
    let mut tag_counts = Vec::new();
    for t in &tags {
        let members: Vec<&AdrPage> = pages
            .iter()
            .filter(|p| p.tags.iter().any(|x| x.name == t.name))
            .collect();
        tag_counts.push((t, members.len()));
        out.insert(
            t.url.clone(),
            r.page("tag.html", "../", |c| {
                c.insert("tag", t);
                c.insert("adrs", &members);
            })?,
        );
    }
    out.insert(
        "tags/index.html".to_string(),
        r.page("tags.html", "../", |c| c.insert("tags", &tag_counts))?,
    );

    // Timeline: newest year first; within a year, newest first; undated last.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&x, &y| {
        pages[y]
            .when
            .cmp(&pages[x].when)
            .then_with(|| pages[x].url.cmp(&pages[y].url))
    });
    let mut years: Vec<Year> = Vec::new();
    for i in order {
        let year = pages[i].when.get(..4).unwrap_or("undated").to_string();
        match years.last_mut() {
            Some(y) if y.year == year => y.adrs.push(i),
            _ => years.push(Year {
                year,
                adrs: vec![i],
            }),
        }
    }
    if let Some(pos) = years.iter().position(|y| y.year == "undated") {
        let y = years.remove(pos);
        years.push(y);
    }
    out.insert(
        "timeline.html".to_string(),
        r.page("timeline.html", "", |c| {
            c.insert("years", &years);
            c.insert("adrs", &pages);
        })?,
    );

    // The whole graph: every ADR with at least one relation.
    let related: Vec<usize> = (0..pages.len())
        .filter(|&i| !neighbours[i].is_empty())
        .collect();
    let all: Vec<usize> = (0..pages.len()).collect();
    let graph_svg = if all.is_empty() {
        String::new()
    } else {
        graph_svg::draw(&all, &edges, None, &node_info(""), "The decision graph")
    };
    out.insert(
        "graph.html".to_string(),
        r.page("graph.html", "", |c| {
            c.insert("svg", &graph_svg);
            c.insert("related", &related.len());
            c.insert("total", &pages.len());
        })?,
    );

    let dash = dashboard::build(
        loaded,
        graph,
        history,
        today,
        crate::check::CheckConfig::of(&ws.config)?.stale_days(),
        &url_of,
    );
    out.insert(
        "dashboard.html".to_string(),
        r.page("dashboard.html", "", |c| c.insert("d", &dash))?,
    );

    // Atom feed of new and changed decisions.
    let base = opts
        .base_url
        .clone()
        .or_else(|| Some(ws.config.base_url.clone()))
        .filter(|b| b.starts_with("http://") || b.starts_with("https://"))
        .map(|b| if b.ends_with('/') { b } else { format!("{b}/") });
    let mut recent: Vec<&AdrPage> = pages.iter().filter(|p| !p.updated_at.is_empty()).collect();
    recent.sort_by(|x, y| {
        y.updated_at
            .cmp(&x.updated_at)
            .then_with(|| x.url.cmp(&y.url))
    });
    recent.truncate(FEED_ENTRIES);
    let feed_updated = recent.first().map_or_else(
        || format!("{}T00:00:00Z", today.format("%Y-%m-%d")),
        |p| p.updated_at.clone(),
    );
    out.insert(
        "feed.xml".to_string(),
        r.page("feed.xml", "", |c| {
            c.insert("base", &xml_escape(&base.clone().unwrap_or_default()));
            c.insert("absolute", &base.is_some());
            c.insert("entries", &recent);
            c.insert("updated", &feed_updated);
        })?,
    );

    // Search index, loaded by the index page when someone searches (a script, so it works
    // from `file://` too).
    let docs: Vec<SearchDoc> = loaded
        .entries
        .iter()
        .zip(&pages)
        .enumerate()
        .map(|(k, (e, p))| {
            let a = e.adr();
            let mut people: Vec<&str> = a
                .decision_makers
                .iter()
                .chain(&a.consulted)
                .chain(&a.informed)
                .chain(&p.authors)
                .map(String::as_str)
                .collect();
            people.sort_unstable();
            people.dedup();
            SearchDoc {
                i: &p.id,
                t: &p.title,
                s: &p.status,
                g: a.tags.iter().map(String::as_str).collect(),
                p: people,
                u: &p.url,
                b: texts.get(k).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let index = serde_json::to_string(&docs)?;
    out.insert(
        "assets/search-index.js".to_string(),
        format!("window.ADRGOV_SEARCH = {index};\n").into_bytes(),
    );

    let views: Vec<crate::view::AdrView> = loaded
        .entries
        .iter()
        .map(|e| {
            crate::view::AdrView::new(
                e.adr(),
                loaded,
                history.and_then(|h| h.by_path.get(&e.adr().path)),
            )
        })
        .collect();
    let json = serde_json::to_string_pretty(&views)? + "\n";
    out.insert("adrs.json".to_string(), json.into_bytes());
    for (name, builtin) in ASSETS {
        out.insert(format!("assets/{name}"), overridable(ws, name, builtin)?);
    }
    for (name, bytes) in images {
        out.insert(format!("adr/{name}"), bytes);
    }
    out.insert(
        MARKER.to_string(),
        b"generated by adrgov site build; this directory is replaced on every build\n".to_vec(),
    );
    Ok(out)
}

/// The file `name` from `[site] templates` when it exists there, else the embedded one.
fn overridable(ws: &Workspace, name: &str, builtin: &str) -> Result<Vec<u8>> {
    if let Some(dir) = &ws.config.site_templates {
        let p = ws.root.join(dir).join(name);
        if p.is_file() {
            // A link out of the repository is not followed (unless allowed).
            let inside = match (p.canonicalize(), ws.root.canonicalize()) {
                (Ok(f), Ok(r)) => f.starts_with(r),
                _ => false,
            };
            if !inside && !ws.config.site_allow_outside {
                return Err(Error::File {
                    path: format!("{dir}/{name}"),
                    line: None,
                    message: "links outside the repository; not read (set `site.allow-outside-repo = true` to allow)".into(),
                });
            }
            return std::fs::read(&p).map_err(|e| Error::io(&p, e));
        }
    }
    Ok(builtin.as_bytes().to_vec())
}

/// Writes `files` into `out`: refuses a non-empty directory adrgov did not create, removes files
/// of an earlier build that are no longer part of the site, writes only what changed
/// (atomically).
pub fn write(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<Summary> {
    let (mut written, mut removed) = (0, 0);
    if out.exists() {
        let non_empty = std::fs::read_dir(out)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_some();
        if non_empty && !out.join(MARKER).is_file() {
            return Err(Error::Usage(format!(
                "{} is not empty and was not created by adrgov site build; choose another --out (nothing was written or deleted)",
                out.display()
            )));
        }
        // Remove what the new build does not contain.
        let mut stale = Vec::new();
        collect_files(out, out, &mut stale)?;
        for rel in stale {
            if !files.contains_key(&rel) {
                let p = out.join(&rel);
                std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
                removed += 1;
            }
        }
    }
    for (rel, bytes) in files {
        let p = out.join(rel);
        if std::fs::read(&p).is_ok_and(|old| old == *bytes) {
            continue;
        }
        written += 1;
        let dir = p.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        crate::repo::write::replace(&p, bytes)?;
    }
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    Ok(Summary {
        pages,
        files: files.len(),
        written,
        removed,
    })
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let e = e.map_err(|e| Error::io(dir, e))?;
        let p = e.path();
        let ft = e.file_type().map_err(|e| Error::io(&p, e))?;
        if ft.is_dir() {
            collect_files(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}
