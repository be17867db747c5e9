//! The governance site: static files only, deterministic (same input, same bytes), relative
//! links (domain root, sub-path, or `file://`). Templates and assets are embedded and may be
//! overridden by files of the same name in `[site] templates`.

mod build;
pub mod central;
mod codemap;
pub mod dashboard;
pub mod graph_svg;
pub mod markdown;
mod render;

pub use build::{Hooks, Site};
pub use render::Render;

use crate::error::{Error, Result};
use crate::history::History;
use crate::model::RepoPath;
use crate::repo::links;
use crate::repo::{Loaded, Workspace};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Marks an output directory as adrgov's, so a rebuild may replace its files.
pub const MARKER: &str = ".adrgov-site";

/// The site's Tera templates (name, embedded text); each may be overridden by a file of the
/// same name in `[site] templates`.
const TEMPLATES: [(&str, &str); 11] = [
    ("base.html", include_str!("../../templates/site/base.html")),
    (
        "index.html",
        include_str!("../../templates/site/index.html"),
    ),
    ("adr.html", include_str!("../../templates/site/adr.html")),
    (
        "log-item.html",
        include_str!("../../templates/site/log-item.html"),
    ),
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
    (
        "codemap.html",
        include_str!("../../templates/site/codemap.html"),
    ),
    ("feed.xml", include_str!("../../templates/site/feed.xml")),
];

/// The site's assets (name under `assets/`, embedded bytes); overridable like templates.
const ASSETS: [(&str, &str); 4] = [
    ("style.css", include_str!("../../site/style.css")),
    ("search.js", include_str!("../../site/search.js")),
    ("theme.js", include_str!("../../site/theme.js")),
    ("nav.js", include_str!("../../site/nav.js")),
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

/// The decision log beside an ADR page (newest first), and the previous and next decisions
/// in it.
#[derive(Debug, Serialize)]
struct LogView {
    /// The decisions shown, as HTML (`log-item.html` of each, in log order): all of the log,
    /// or those around the page's own when the log is longer than [`LOG_SHOWN`].
    html: String,
    /// Decisions of the log above the ones shown (newer), and below them (older).
    newer: usize,
    older: usize,
    /// All decisions of the log.
    total: usize,
    /// The decision before this one in the log (newer), and after it (older).
    prev: Option<Link>,
    next: Option<Link>,
}

/// Most decisions the log beside an ADR page shows (the ones around the page's own), so a
/// page's weight stays bounded however many decisions there are.
const LOG_SHOWN: usize = 61;

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
    path: RepoPath,
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
    /// Its repository, on a central site.
    repository: Option<String>,
    /// The Governs block: each glob and the files it matches, HTML (empty when it governs
    /// nothing).
    governs: String,
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
    /// The ADR directory's own introduction, for the index page.
    intro: Option<Intro>,
}

/// The `README.md` (else `index.md`) of the ADR directory: not an ADR, shown above the list on
/// the index page.
#[derive(Debug)]
struct Intro {
    /// From the root.
    path: RepoPath,
    /// The Markdown after any front matter.
    body: String,
    /// Rendered as an ADR body is, its links relative to the index page.
    html: String,
}

/// Prefix of the ids (headings) of the intro, apart from the index page's own.
const INTRO_IDS: &str = "intro-";

/// Links from ADR text that history shows renamed (a renumbering) go to the renamed ADR's
/// page: the pages of ADRs with such links are rendered again.
pub fn relink(ws: &Workspace, loaded: &Loaded, prep: &mut Prepared, history: &History) {
    if prep.missing.is_empty() && prep.intro.is_none() {
        return;
    }
    let renames = crate::history::renames(history, loaded);
    if renames.is_empty() {
        return;
    }
    let linker = Linker::new(ws, loaded, &prep.images, renames);
    for &i in &prep.missing {
        prep.html[i] = linker.html(i);
    }
    if let Some(intro) = &mut prep.intro {
        intro.html = linker.intro(&intro.path, &intro.body);
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
    renames: HashMap<RepoPath, links::Rename>,
    /// On a central site: each repository and how its file URLs are recognised.
    members: &'a [(String, links::Site)],
    /// On a central site: the (qualified) path of every ADR.
    central_paths: std::collections::HashSet<RepoPath>,
}

impl<'a> Linker<'a> {
    fn new(
        ws: &'a Workspace,
        loaded: &'a Loaded,
        images: &'a BTreeMap<String, Vec<u8>>,
        renames: HashMap<RepoPath, links::Rename>,
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
            members: &[],
            central_paths: std::collections::HashSet::new(),
        }
    }

    /// The HTML of ADR `i`.
    fn html(&self, i: usize) -> String {
        let a = self.loaded.entries[i].adr();
        markdown::render(&a.body, &|d, image| self.dest(&a.path, d, image))
    }

    /// The HTML of the intro at `path` (from the root), shown on the index page: links go
    /// where they would from an ADR beside it, from the site's root.
    fn intro(&self, path: &RepoPath, body: &str) -> String {
        let from_root = |d: &str, image: bool| match self.dest(path, d, image) {
            // Pages and images named relative to `adr/`.
            markdown::Dest::To(u) if !u.contains(':') && !u.starts_with('/') => {
                markdown::Dest::To(format!("adr/{u}"))
            }
            other => other,
        };
        markdown::render_in(body, &from_root, INTRO_IDS)
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
    fn dest(&self, adr_path: &RepoPath, dest: &str, image: bool) -> markdown::Dest {
        let (ws, loaded, images) = (self.ws, self.loaded, self.images);
        let by_file = &self.by_file;
        if dest.contains("://") {
            let exists = |p: &str| loaded.at_path(p).is_some() || ws.root.join(p).exists();
            if let links::Located::Path { path, .. } = self.site.locate(adr_path, dest, &exists)
                && let Some(to) = self.page_at(&path)
            {
                return to;
            }
            if !self.members.is_empty() {
                let paths: std::collections::HashSet<RepoPath> = loaded
                    .entries
                    .iter()
                    .map(|e| e.adr().path.clone())
                    .collect();
                let (repo, from) = adr_path.split_once('/').unwrap_or(("", adr_path));
                if let Some(p) = central::elsewhere(self.members, repo, from, dest, &paths)
                    && let Some(to) = self.page_at(&p)
                {
                    return to;
                }
            }
            return markdown::Dest::Keep;
        }
        let dest = crate::model::percent_decode(dest);
        let name = dest.rsplit('/').next().unwrap_or(&dest);
        // On a central site, file names repeat across repositories: the path decides first.
        if !self.members.is_empty()
            && !image
            && let Some(p) = links::normalize(
                if dest.starts_with('/') {
                    ""
                } else {
                    adr_path.dir()
                },
                &dest,
            )
            && let Some(to) = self.page_at(&p)
        {
            return to;
        }
        if !image && let Some(&i) = by_file.get(name) {
            return markdown::Dest::To(self.pages[i].clone());
        }
        let base = if dest.starts_with('/') {
            ""
        } else {
            adr_path.dir()
        };
        let Some(repo_path) = links::normalize(base, &dest) else {
            return markdown::Dest::Unlink;
        };
        let in_dir = repo_path.dir() == adr_path.dir();
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

/// Renders the Markdown of every ADR of a central site (`loaded` from [`central::combine`]),
/// links to the ADRs of every repository going to their pages.
pub fn prepare_central(
    ws: &Workspace,
    loaded: &Loaded,
    members: &[(String, links::Site)],
) -> Result<Prepared> {
    let images = BTreeMap::new();
    let mut linker = Linker::new(ws, loaded, &images, HashMap::new());
    linker.members = members;
    linker.central_paths = loaded
        .entries
        .iter()
        .map(|e| e.adr().path.clone())
        .collect();
    let mut html = Vec::with_capacity(loaded.entries.len());
    let mut text = Vec::with_capacity(loaded.entries.len());
    for (i, e) in loaded.entries.iter().enumerate() {
        html.push(linker.html(i));
        text.push(markdown::plain_text(&e.adr().body, SEARCH_TEXT_MAX));
    }
    Ok(Prepared {
        html,
        text,
        ..Prepared::default()
    })
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
    let intro = read_intro(ws)?.map(|(path, body)| Intro {
        html: linker.intro(&path, &body),
        path,
        body,
    });
    Ok(Prepared {
        html,
        text,
        images,
        missing,
        intro,
    })
}

/// The ADR directory's `README.md`, else its `index.md` (in any letter case): its path from
/// the root and its Markdown after any front matter. Like the ADRs, it is not read through a
/// symbolic link leaving the repository, nor when it is not a file, too large to be an ADR, or
/// unreadable (the next candidate serves, else there is no intro).
fn read_intro(ws: &Workspace) -> Result<Option<(RepoPath, String)>> {
    let Ok(dir) = ws.adr_dir() else {
        return Ok(None);
    };
    let mut found: Vec<(u8, String)> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| match name.to_ascii_lowercase().as_str() {
            "readme.md" => Some((0, name)),
            "index.md" => Some((1, name)),
            _ => None,
        })
        .collect();
    found.sort();
    let root = ws.root.canonicalize().map_err(|e| Error::io(&ws.root, e))?;
    for (_, name) in found {
        let p = dir.join(&name);
        let inside = p.canonicalize().is_ok_and(|c| c.starts_with(&root));
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if !inside || !meta.is_file() || meta.len() > crate::repo::MAX_ADR_BYTES {
            continue;
        }
        // Unreadable, it is left out like a link leaving the repository: the site goes on.
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let rel = ws.rel(&p);
        let body = crate::parse::parse(&rel, &name, &text, &ws.vocab).adr.body;
        return Ok(Some((rel, body)));
    }
    Ok(None)
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
            out.push(RepoPath::from_path(rel).into_string());
        }
    }
    Ok(())
}
