//! The governance site: static files only, deterministic (same input, same bytes), relative
//! links (domain root, sub-path, or `file://`). Templates and assets are embedded and may be
//! overridden by files of the same name in `[site] templates`.

pub mod dashboard;
pub mod markdown;

use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::history::History;
use crate::repo::{Loaded, Workspace};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Marks an output directory as adrgov's, so a rebuild may replace its files.
pub const MARKER: &str = ".adrgov-site";

const BASE: &str = include_str!("../../templates/site/base.html");
const INDEX: &str = include_str!("../../templates/site/index.html");
const ADR: &str = include_str!("../../templates/site/adr.html");
const DASHBOARD: &str = include_str!("../../templates/site/dashboard.html");
const STYLE: &str = include_str!("../../site/style.css");
const FILTER_JS: &str = include_str!("../../site/filter.js");

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
    author: String,
    commit: String,
    kind: String,
    status: String,
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
    tags: Vec<String>,
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
    authors: Vec<String>,
    events: Vec<EventView>,
}

/// What `site build` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
}

fn page_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.html")
}

fn status_name(s: Option<&str>) -> String {
    s.unwrap_or("none").to_string()
}

/// Renders every file of the site into memory: path (relative to the output dir) → bytes.
pub fn render(
    ws: &Workspace,
    loaded: &Loaded,
    graph: &Graph,
    history: Option<&History>,
    today: chrono::NaiveDate,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut tera = tera::Tera::default();
    let tpl = |name: &str, builtin: &'static str| -> Result<String> {
        match &ws.config.site_templates {
            Some(dir) => {
                let p = ws.root.join(dir).join(name);
                if p.is_file() {
                    std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))
                } else {
                    Ok(builtin.to_string())
                }
            }
            None => Ok(builtin.to_string()),
        }
    };
    let terr = |e: tera::Error| {
        Error::Usage(format!(
            "site template: {}",
            crate::templates::tera_message(&e)
        ))
    };
    tera.add_raw_templates(vec![
        ("base.html", tpl("base.html", BASE)?),
        ("index.html", tpl("index.html", INDEX)?),
        ("adr.html", tpl("adr.html", ADR)?),
        ("dashboard.html", tpl("dashboard.html", DASHBOARD)?),
    ])
    .map_err(terr)?;

    let by_file: BTreeMap<&str, usize> = loaded
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.adr().file_name.as_str(), i))
        .collect();
    let link = |i: usize| {
        let a = loaded.entries[i].adr();
        Link {
            id: a.id.clone(),
            title: a.title.clone().unwrap_or_else(|| a.id.clone()),
            url: format!("adr/{}", page_name(&a.id)),
            status: status_name(a.status.as_deref()),
        }
    };
    let page_of = |name: &str| {
        by_file
            .get(name)
            .map(|&i| page_name(&loaded.entries[i].adr().id))
    };
    let mut pages = Vec::with_capacity(loaded.entries.len());
    for (i, e) in loaded.entries.iter().enumerate() {
        let a = e.adr();
        let h = history.and_then(|h| h.by_path.get(&a.path));
        let mut relations = Vec::new();
        for r in &a.relations {
            if let Some(j) = loaded.resolve(&r.target) {
                relations.push(RelationView {
                    label: r.kind.replace('-', " "),
                    target: link(j),
                });
            }
        }
        // Relations written only on the other side still show here, both ways.
        for e2 in graph.g.edge_indices() {
            let Some((s, t)) = graph.g.edge_endpoints(e2) else {
                continue;
            };
            let (s, t, kind) = (graph.g[s], graph.g[t], &graph.g[e2]);
            let (other, label) = if s == i {
                (t, kind.clone())
            } else if t == i {
                (
                    s,
                    ws.vocab
                        .kind(kind)
                        .map_or_else(|| kind.clone(), |k| k.inverse.clone()),
                )
            } else {
                continue;
            };
            let label = label.replace('-', " ");
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
        pages.push(AdrPage {
            id: a.id.clone(),
            number: a.number,
            title: a.title.clone().unwrap_or_else(|| a.id.clone()),
            status: status_name(a.status.as_deref()),
            status_text: a.status_text.clone().unwrap_or_default(),
            date: a
                .date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            tags: a.tags.clone(),
            decision_makers: a.decision_makers.clone(),
            consulted: a.consulted.clone(),
            informed: a.informed.clone(),
            path: a.path.clone(),
            url: format!("adr/{}", page_name(&a.id)),
            html: markdown::render(&a.body, &page_of),
            relations,
            in_force: graph.in_force(i).map(|v| v.into_iter().map(link).collect()),
            replaced: graph.in_force(i).is_some(),
            created: fact(h.and_then(|h| h.created.as_ref())),
            updated: fact(h.and_then(|h| h.updated.as_ref())),
            authors: h.map(|h| h.authors.clone()).unwrap_or_default(),
            events: h
                .map(|h| {
                    h.events
                        .iter()
                        .map(|ev| EventView {
                            date: ev.date.clone(),
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
        });
    }
    let mut out = BTreeMap::new();
    let mut statuses: Vec<String> = pages.iter().map(|p| p.status.clone()).collect();
    statuses.sort();
    statuses.dedup();
    let mut tags: Vec<String> = pages.iter().flat_map(|p| p.tags.clone()).collect();
    tags.sort();
    tags.dedup();
    let mut ctx = tera::Context::new();
    ctx.insert("site_title", &ws.config.site_title);
    ctx.insert("root", "");
    ctx.insert("adrs", &pages);
    ctx.insert("statuses", &statuses);
    ctx.insert("tags", &tags);
    out.insert(
        "index.html".to_string(),
        tera.render("index.html", &ctx).map_err(terr)?.into_bytes(),
    );
    for p in &pages {
        let mut c = tera::Context::new();
        c.insert("site_title", &ws.config.site_title);
        c.insert("root", "../");
        c.insert("adr", p);
        out.insert(
            p.url.clone(),
            tera.render("adr.html", &c).map_err(terr)?.into_bytes(),
        );
    }
    let dash = dashboard::build(loaded, graph, history, today, &|i| {
        format!("adr/{}", page_name(&loaded.entries[i].adr().id))
    });
    let mut c = tera::Context::new();
    c.insert("site_title", &ws.config.site_title);
    c.insert("root", "");
    c.insert("d", &dash);
    out.insert(
        "dashboard.html".to_string(),
        tera.render("dashboard.html", &c)
            .map_err(terr)?
            .into_bytes(),
    );
    let views: Vec<crate::cli::view::AdrView> = loaded
        .entries
        .iter()
        .map(|e| {
            crate::cli::view::AdrView::new(
                e.adr(),
                loaded,
                history.and_then(|h| h.by_path.get(&e.adr().path)),
            )
        })
        .collect();
    let json =
        serde_json::to_string_pretty(&views).map_err(|e| Error::Usage(e.to_string()))? + "\n";
    out.insert("adrs.json".to_string(), json.into_bytes());
    out.insert(
        "assets/style.css".to_string(),
        asset(ws, "style.css", STYLE)?,
    );
    out.insert(
        "assets/filter.js".to_string(),
        asset(ws, "filter.js", FILTER_JS)?,
    );
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
            out.insert(
                format!("adr/{name}"),
                std::fs::read(&p).map_err(|e| Error::io(&p, e))?,
            );
        }
    }
    out.insert(
        MARKER.to_string(),
        b"generated by adrgov site build; this directory is replaced on every build\n".to_vec(),
    );
    Ok(out)
}

fn asset(ws: &Workspace, name: &str, builtin: &str) -> Result<Vec<u8>> {
    if let Some(dir) = &ws.config.site_templates {
        let p = ws.root.join(dir).join(name);
        if p.is_file() {
            return std::fs::read(&p).map_err(|e| Error::io(&p, e));
        }
    }
    Ok(builtin.as_bytes().to_vec())
}

/// Writes `files` into `out`: refuses a non-empty directory adrgov did not create, removes files
/// of an earlier build that are no longer part of the site, writes only what changed
/// (atomically).
pub fn write(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<Summary> {
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
            }
        }
    }
    for (rel, bytes) in files {
        let p = out.join(rel);
        if std::fs::read(&p).is_ok_and(|old| old == *bytes) {
            continue;
        }
        let dir = p.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".adrgov-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::io(&p, e))?;
        tmp.persist(&p).map_err(|e| Error::io(&p, e.error))?;
    }
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    Ok(Summary {
        pages,
        files: files.len(),
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

/// "Today" for the dashboard, chosen so that the same repository gives the same site:
/// `ADRGOV_TODAY`, else the date of the latest change to any ADR in git, else the latest date
/// written in an ADR, else the clock.
pub fn today(loaded: &Loaded, history: Option<&History>) -> chrono::NaiveDate {
    if let Some(d) = std::env::var("ADRGOV_TODAY")
        .ok()
        .and_then(|d| crate::parse::parse_date(&d))
    {
        return d;
    }
    let from_git = history.and_then(|h| {
        h.by_path
            .values()
            .filter_map(|a| a.updated.as_ref())
            .filter_map(|f| crate::parse::parse_date(&f.date))
            .max()
    });
    from_git
        .or_else(|| loaded.entries.iter().filter_map(|e| e.adr().date).max())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
