//! Every file of the site, rendered into memory: one method per output, as Zola's
//! `Site::build` does.

use super::{
    ASSETS, AdrPage, EventView, FEED_ENTRIES, LOG_SHOWN, Link, LogView, MARKER, Options, Prepared,
    RelationView, Renderer, SearchDoc, TEMPLATES, TagLink, Year, codemap, dashboard, graph_svg,
    overridable, page_names, rfc3339, status_name, terr, xml_escape,
};
use crate::error::Result;
use crate::graph::Graph;
use crate::history::{AdrHistory, Fact, History};
use crate::repo::{Loaded, Workspace};
use std::collections::BTreeMap;

/// The files of the site: path (relative to the output dir) → bytes.
type Files = BTreeMap<String, Vec<u8>>;

/// The inputs shared by every output of one build, and what is derived from them once.
pub struct Render<'a> {
    ws: &'a Workspace,
    loaded: &'a Loaded,
    graph: &'a Graph,
    history: Option<&'a History>,
    today: chrono::NaiveDate,
    opts: &'a Options,
    r: Renderer<'a>,
    /// The page of each ADR, under `adr/`.
    page_names: Vec<String>,
    /// The page of each tag.
    tag_url: BTreeMap<String, String>,
    /// Edges of the graph.
    edges: Vec<graph_svg::EdgeInfo>,
    /// Each ADR's neighbours.
    neighbours: Vec<Vec<usize>>,
    /// Indices into `edges` of the edges at each ADR.
    edges_of: Vec<Vec<usize>>,
    /// On a central site: where each ADR comes from (empty for one repository).
    origins: &'a [super::central::Origin],
}

impl<'a> Render<'a> {
    /// Reads the templates (embedded, or overridden in `[site] templates`) and derives what
    /// several outputs share.
    pub fn new(
        ws: &'a Workspace,
        loaded: &'a Loaded,
        graph: &'a Graph,
        history: Option<&'a History>,
        today: chrono::NaiveDate,
        opts: &'a Options,
    ) -> Result<Render<'a>> {
        let mut tera = tera::Tera::default();
        let mut sources = Vec::new();
        for (name, builtin) in TEMPLATES {
            sources.push((
                name,
                String::from_utf8_lossy(&overridable(ws, name, builtin)?).into_owned(),
            ));
        }
        tera.add_raw_templates(sources).map_err(terr)?;
        let (edges, neighbours, edges_of) = graph_edges(loaded, graph);
        Ok(Render {
            ws,
            loaded,
            graph,
            history,
            today,
            opts,
            r: Renderer { ws, tera },
            page_names: page_names(loaded),
            tag_url: tag_urls(loaded),
            edges,
            neighbours,
            edges_of,
            origins: &[],
        })
    }

    /// The same render, of a central site whose ADRs come from `origins` (in load order):
    /// the index gets a repository facet and `adrs.json` each ADR's repository.
    pub fn central(mut self, origins: &'a [super::central::Origin]) -> Render<'a> {
        self.origins = origins;
        self
    }

    /// Renders every file of the site into memory: path (relative to the output dir) → bytes.
    /// `prep` is [`super::prepare`]'s result for the same ADRs; `progress` is told of each
    /// page rendered.
    pub fn files(&self, prep: Prepared, progress: &dyn Fn(usize)) -> Result<Files> {
        let Prepared {
            html: bodies,
            text: texts,
            images,
            intro,
            ..
        } = prep;
        // On a central site the repositories' files are not known here.
        let code = if self.origins.is_empty() {
            codemap::Code::of(self.ws, self.loaded)
        } else {
            codemap::Code::central(self.loaded)
        };
        let pages = self.adr_pages(&bodies, &code, progress);
        let scopes = scopes_of(&pages);
        let mut out = Files::new();
        self.index(
            &pages,
            intro.map(|i| i.html).filter(|h| !h.trim().is_empty()),
            &scopes,
            &mut out,
        )?;
        self.scope_pages(&pages, &scopes, &mut out)?;
        self.adrs(&pages, &scopes, &mut out)?;
        self.tags(&pages, &mut out)?;
        self.timeline(&pages, &mut out)?;
        self.graph_page(&pages, &scopes, &mut out)?;
        self.scope_graphs(&pages, &scopes, &mut out)?;
        self.dashboard(&pages, &scopes, &mut out)?;
        self.codemap(&code, &mut out)?;
        self.feed(&pages, &mut out)?;
        self.search_index(&pages, &texts, &mut out)?;
        self.adrs_json(&mut out)?;
        self.assets(images, &mut out)?;
        Ok(out)
    }

    fn url_of(&self, i: usize) -> String {
        format!("adr/{}", self.page_names[i])
    }

    fn link(&self, i: usize) -> Link {
        let a = self.loaded.entries[i].adr();
        Link {
            id: a.id.clone(),
            title: a.title.clone().unwrap_or_else(|| a.id.clone()),
            url: self.url_of(i),
            status: status_name(a.status.as_deref()),
        }
    }

    /// How the graph drawings show ADR `i`, linked from a page at `root`.
    fn node_info(&self, root: &str, i: usize) -> graph_svg::NodeInfo {
        let a = self.loaded.entries[i].adr();
        graph_svg::NodeInfo {
            id: a.id.clone(),
            title: a.title.clone().unwrap_or_default(),
            status: status_name(a.status.as_deref()),
            url: format!("{root}{}", self.url_of(i)),
        }
    }

    fn tag_links(&self) -> Vec<TagLink> {
        self.tag_url
            .iter()
            .map(|(n, u)| TagLink {
                name: n.clone(),
                url: u.clone(),
            })
            .collect()
    }

    /// What the templates see of every ADR, in load order.
    fn adr_pages(
        &self,
        bodies: &[String],
        code: &codemap::Code,
        progress: &dyn Fn(usize),
    ) -> Vec<AdrPage> {
        // One entry per ADR: the graph has a node for each.
        let in_force = self.graph.in_force_all();
        let mut pages = Vec::with_capacity(self.loaded.entries.len());
        for (i, replacing) in in_force.into_iter().enumerate() {
            let body = bodies.get(i).cloned().unwrap_or_default();
            let mut page = self.adr_page(i, body, replacing);
            page.governs = code.adr_block(i, "../");
            pages.push(page);
            progress(i + 1);
        }
        pages
    }

    /// What the templates see of ADR `i`; `in_force` is what replaces it, when something does.
    fn adr_page(&self, i: usize, html: String, in_force: Option<Vec<usize>>) -> AdrPage {
        let a = self.loaded.entries[i].adr();
        let h = self.history.and_then(|h| h.by_path.get(&a.path));
        let date = a
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let created_day = h
            .and_then(|h| h.created.as_ref())
            .map(|f| f.date().to_string());
        // The feed's time of a change: the commit's real author time (UTC), else the file's date.
        let updated_at = h
            .and_then(|h| h.updated.as_ref())
            .map(|f| {
                f.when
                    .with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .or_else(|| rfc3339(&date))
            .unwrap_or_default();
        AdrPage {
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
                    url: self.tag_url.get(t).cloned().unwrap_or_default(),
                })
                .collect(),
            decision_makers: a.decision_makers.clone(),
            consulted: a.consulted.clone(),
            informed: a.informed.clone(),
            path: a.path.clone(),
            url: self.url_of(i),
            html,
            relations: self.relations(i),
            replaced: in_force.is_some(),
            in_force: in_force.map(|v| v.into_iter().map(|j| self.link(j)).collect()),
            created: fact(h.and_then(|h| h.created.as_ref())),
            updated: fact(h.and_then(|h| h.updated.as_ref())),
            updated_at,
            authors: h.map(|h| h.authors.clone()).unwrap_or_default(),
            events: h.map(events).unwrap_or_default(),
            neighbourhood: self.neighbourhood(i),
            // The index's facet: the repository on a central site, else the ADR's source.
            repository: self
                .origins
                .get(i)
                .map(|o| o.repository.clone())
                .or_else(|| a.source.clone()),
            governs: String::new(),
        }
    }

    /// The relations of ADR `i`: those it writes, then those written only on the other side.
    fn relations(&self, i: usize) -> Vec<RelationView> {
        let (ws, loaded) = (self.ws, self.loaded);
        let mut relations = Vec::new();
        for rel in &loaded.entries[i].adr().relations {
            if let Some(j) = loaded.resolve(&rel.target) {
                relations.push(RelationView {
                    label: rel.kind.words(),
                    target: self.link(j),
                });
            }
        }
        // Relations written only on the other side still show here, both ways.
        for ed in self.edges_of[i].iter().map(|&k| &self.edges[k]) {
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
                    target: self.link(other),
                });
            }
        }
        relations
    }

    /// ADR `i` and its direct relations, drawn (empty when it has none).
    fn neighbourhood(&self, i: usize) -> String {
        if self.neighbours[i].is_empty() {
            return String::new();
        }
        let mut ns = self.neighbours[i].clone();
        ns.push(i);
        // The edges among the neighbourhood: those at any of its ADRs.
        let mut ks: Vec<usize> = ns
            .iter()
            .flat_map(|&n| self.edges_of[n].iter().copied())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        let local: Vec<graph_svg::EdgeInfo> = ks
            .into_iter()
            .map(|k| graph_svg::EdgeInfo {
                from: self.edges[k].from,
                to: self.edges[k].to,
                kind: self.edges[k].kind.clone(),
            })
            .collect();
        let aria = format!(
            "{} and the decisions it is related to",
            self.loaded.entries[i].adr().id
        );
        graph_svg::draw(&ns, &local, Some(i), &|n| self.node_info("../", n), &aria)
    }

    /// `index.html`: the ADR directory's intro (its README, when it has one), then every ADR,
    /// with the statuses and tags to filter by; with several repositories or sources, a facet
    /// of them (each with its number of ADRs) and a link to each one's own pages.
    fn index(
        &self,
        pages: &[AdrPage],
        intro: Option<String>,
        scopes: &[Scope],
        out: &mut Files,
    ) -> Result<()> {
        let repositories: Vec<(&str, usize)> =
            scopes.iter().map(|s| (s.name.as_str(), s.count)).collect();
        let all: Vec<&AdrPage> = pages.iter().collect();
        let html = self.listing(&all, "", |c| {
            if !scopes.is_empty() {
                c.insert("repositories", &repositories);
                c.insert("facet", self.facet());
                c.insert("scopes", scopes);
            }
            c.insert("intro", &intro);
        })?;
        out.insert("index.html".to_string(), html);
        Ok(())
    }

    /// What a scope is called: a repository of a central site, else a source.
    fn facet(&self) -> &'static str {
        if self.origins.is_empty() {
            "Source"
        } else {
            "Repository"
        }
    }

    /// The index's table of `adrs` (a page at `root`), with the statuses and tags they have
    /// to filter by; `fill` adds the rest.
    fn listing(
        &self,
        adrs: &[&AdrPage],
        root: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<Vec<u8>> {
        let mut statuses: Vec<&str> = adrs.iter().map(|p| p.status.as_str()).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let tags: Vec<TagLink> = self
            .tag_links()
            .into_iter()
            .filter(|t| adrs.iter().any(|p| p.tags.iter().any(|x| x.name == t.name)))
            .collect();
        self.r.page("index.html", root, |c| {
            c.insert("adrs", adrs);
            c.insert("statuses", &statuses);
            c.insert("tags", &tags);
            fill(c);
        })
    }

    /// The page of each repository of a central site, or each source of a repository with
    /// several (`decisions/<slug>.html`): the index's table of its decisions only, with its
    /// own filters, and links to its graph and dashboard.
    fn scope_pages(&self, pages: &[AdrPage], scopes: &[Scope], out: &mut Files) -> Result<()> {
        for s in scopes {
            let mine: Vec<&AdrPage> = pages
                .iter()
                .filter(|p| p.repository.as_deref() == Some(s.name.as_str()))
                .collect();
            let html = self.listing(&mine, "../", |c| {
                c.insert("scope", s);
                c.insert("facet", self.facet());
            })?;
            out.insert(format!("decisions/{}.html", s.slug), html);
        }
        Ok(())
    }

    /// One page per ADR (`adr/…`), each with the decision log beside it.
    fn adrs(&self, pages: &[AdrPage], scopes: &[Scope], out: &mut Files) -> Result<()> {
        let logs = self.logs(pages);
        let items = self.log_items(pages)?;
        for (i, p) in pages.iter().enumerate() {
            let log = logs.view(pages, &items, i);
            let scope = scopes
                .iter()
                .find(|s| p.repository.as_deref() == Some(s.name.as_str()));
            out.insert(
                p.url.clone(),
                self.r.page("adr.html", "../", |c| {
                    c.insert("adr", p);
                    c.insert("log", &log);
                    if let Some(s) = scope {
                        c.insert("scope", s);
                    }
                })?,
            );
        }
        Ok(())
    }

    /// Which decision log ADR `i` belongs to. The log beside an ADR's page, and its previous
    /// and next links, are the ADRs `j` with `log_of(j) == log_of(i)`: this is the filter.
    /// The log is the ADR's source: in a repository with several ADR directories each page
    /// lists its own source's decisions (one log when there is one directory).
    fn log_of(&self, i: usize) -> &str {
        self.loaded.entries[i].adr().source.as_deref().unwrap_or("")
    }

    /// Each ADR as the log beside an ADR page lists it (`log-item.html`): as another page's
    /// decision, and as the page's own. Rendered once per ADR, not once per page.
    fn log_items(&self, pages: &[AdrPage]) -> Result<Vec<[String; 2]>> {
        let item = |p: &AdrPage, current: bool| -> Result<String> {
            let link = Link {
                id: p.id.clone(),
                title: p.title.clone(),
                url: p.url.clone(),
                status: p.status.clone(),
            };
            let html = self.r.page("log-item.html", "../", |c| {
                c.insert("item", &link);
                c.insert("current", &current);
            })?;
            Ok(String::from_utf8_lossy(&html).into_owned())
        };
        pages
            .iter()
            .map(|p| Ok([item(p, false)?, item(p, true)?]))
            .collect()
    }

    /// The decision logs (newest first) and each ADR's place in its log.
    fn logs(&self, pages: &[AdrPage]) -> Logs {
        let mut keys: Vec<&str> = Vec::new();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        let mut place = vec![(0, 0); pages.len()];
        for i in log_order(pages) {
            let key = self.log_of(i);
            let k = keys.iter().position(|&x| x == key).unwrap_or_else(|| {
                keys.push(key);
                lists.push(Vec::new());
                keys.len() - 1
            });
            place[i] = (k, lists[k].len());
            lists[k].push(i);
        }
        Logs { lists, place }
    }

    /// One page per tag, and `tags/index.html`.
    fn tags(&self, pages: &[AdrPage], out: &mut Files) -> Result<()> {
        let tags = self.tag_links();
        let mut tag_counts = Vec::new();
        for t in &tags {
            let members: Vec<&AdrPage> = pages
                .iter()
                .filter(|p| p.tags.iter().any(|x| x.name == t.name))
                .collect();
            tag_counts.push((t, members.len()));
            out.insert(
                t.url.clone(),
                self.r.page("tag.html", "../", |c| {
                    c.insert("tag", t);
                    c.insert("adrs", &members);
                })?,
            );
        }
        out.insert(
            "tags/index.html".to_string(),
            self.r
                .page("tags.html", "../", |c| c.insert("tags", &tag_counts))?,
        );
        Ok(())
    }

    /// `timeline.html`: newest year first; within a year, newest first; undated last.
    fn timeline(&self, pages: &[AdrPage], out: &mut Files) -> Result<()> {
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
            self.r.page("timeline.html", "", |c| {
                c.insert("years", &years);
                c.insert("adrs", pages);
            })?,
        );
        Ok(())
    }

    /// `graph.html`: the whole graph, and how many ADRs have at least one relation.
    fn graph_page(&self, pages: &[AdrPage], scopes: &[Scope], out: &mut Files) -> Result<()> {
        let related: Vec<usize> = (0..pages.len())
            .filter(|&i| !self.neighbours[i].is_empty())
            .collect();
        let all: Vec<usize> = (0..pages.len()).collect();
        let graph_svg = if all.is_empty() {
            String::new()
        } else {
            graph_svg::draw(
                &all,
                &self.edges,
                None,
                &|n| self.node_info("", n),
                "The decision graph",
            )
        };
        out.insert(
            "graph.html".to_string(),
            self.r.page("graph.html", "", |c| {
                c.insert("svg", &graph_svg);
                c.insert("related", &related.len());
                c.insert("total", &pages.len());
                if !scopes.is_empty() {
                    c.insert("scopes", scopes);
                }
            })?,
        );
        Ok(())
    }

    /// The graph of each scope (`graph/<slug>.html`), drawn as the whole one is: its
    /// decisions, and those of other scopes they are related to (with those relations).
    fn scope_graphs(&self, pages: &[AdrPage], scopes: &[Scope], out: &mut Files) -> Result<()> {
        for s in scopes {
            let inside = |i: usize| pages[i].repository.as_deref() == Some(s.name.as_str());
            let edges: Vec<graph_svg::EdgeInfo> = self
                .edges
                .iter()
                .filter(|e| inside(e.from) || inside(e.to))
                .cloned()
                .collect();
            let mut nodes: Vec<usize> = (0..pages.len()).filter(|&i| inside(i)).collect();
            let mut others: Vec<usize> = edges
                .iter()
                .flat_map(|e| [e.from, e.to])
                .filter(|&i| !inside(i))
                .collect();
            others.sort_unstable();
            others.dedup();
            let related = nodes
                .iter()
                .filter(|&&i| !self.neighbours[i].is_empty())
                .count();
            let total = nodes.len();
            nodes.extend(&others);
            let svg = graph_svg::draw(
                &nodes,
                &edges,
                None,
                &|n| self.node_info("../", n),
                &format!("The decision graph of {}", s.name),
            );
            let html = self.r.page("graph.html", "../", |c| {
                c.insert("svg", &svg);
                c.insert("related", &related);
                c.insert("total", &total);
                c.insert("others", &others.len());
                c.insert("scope", s);
                c.insert("facet", self.facet());
            })?;
            out.insert(format!("graph/{}.html", s.slug), html);
        }
        Ok(())
    }

    /// `dashboard.html`.
    fn dashboard(&self, pages: &[AdrPage], scopes: &[Scope], out: &mut Files) -> Result<()> {
        let when = (
            self.today,
            crate::check::CheckConfig::of(&self.ws.config)?.stale_days(),
        );
        let build = |include: &dyn Fn(usize) -> bool| {
            dashboard::build(self.loaded, self.graph, self.history, when, include, &|i| {
                self.url_of(i)
            })
        };
        // One dashboard per repository of a central site, or per source of a repository
        // with several ADR directories, beside the overall one.
        for s in scopes {
            let d = build(&|i| pages[i].repository.as_deref() == Some(s.name.as_str()));
            let html = self.r.page("dashboard.html", "../", |c| {
                c.insert("d", &d);
                c.insert("scope", s);
            })?;
            out.insert(format!("dashboard/{}.html", s.slug), html);
        }
        let d = build(&|_| true);
        let html = self.r.page("dashboard.html", "", |c| {
            c.insert("d", &d);
            if !scopes.is_empty() {
                c.insert("scopes", &scopes);
            }
        })?;
        out.insert("dashboard.html".to_string(), html);
        Ok(())
    }

    /// `codemap.html`: the directories down to the governed paths, the decisions on each, and
    /// the drifted globs.
    fn codemap(&self, code: &codemap::Code, out: &mut Files) -> Result<()> {
        let page = code.page(self.loaded, self.graph, &|i| self.url_of(i));
        out.insert(
            "codemap.html".to_string(),
            self.r
                .page("codemap.html", "", |c| c.insert("map", &page))?,
        );
        Ok(())
    }

    /// `feed.xml`: an Atom feed of new and changed decisions.
    fn feed(&self, pages: &[AdrPage], out: &mut Files) -> Result<()> {
        let base = self
            .opts
            .base_url
            .clone()
            .or_else(|| Some(self.ws.config.base_url.clone()))
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
            || format!("{}T00:00:00Z", self.today.format("%Y-%m-%d")),
            |p| p.updated_at.clone(),
        );
        out.insert(
            "feed.xml".to_string(),
            self.r.page("feed.xml", "", |c| {
                c.insert("base", &xml_escape(&base.clone().unwrap_or_default()));
                c.insert("absolute", &base.is_some());
                c.insert("entries", &recent);
                c.insert("updated", &feed_updated);
            })?,
        );
        Ok(())
    }

    /// `assets/search-index.js`, loaded by the index page when someone searches (a script, so
    /// it works from `file://` too).
    fn search_index(&self, pages: &[AdrPage], texts: &[String], out: &mut Files) -> Result<()> {
        let docs: Vec<SearchDoc> = self
            .loaded
            .entries
            .iter()
            .zip(pages)
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
        Ok(())
    }

    /// `adrs.json`: every ADR as `list --json` shows it.
    fn adrs_json(&self, out: &mut Files) -> Result<()> {
        let views: Vec<crate::view::AdrView> = self
            .loaded
            .entries
            .iter()
            .map(|e| {
                crate::view::AdrView::new(
                    e.adr(),
                    self.loaded,
                    self.history.and_then(|h| h.by_path.get(&e.adr().path)),
                )
            })
            .collect();
        let json = if self.origins.is_empty() {
            serde_json::to_string_pretty(&views)? + "\n"
        } else {
            /// An ADR of a central site: its repository, then the `list` object (its path
            /// and source as its repository has them).
            #[derive(serde::Serialize)]
            struct Central<'v> {
                repository: &'v str,
                #[serde(flatten)]
                view: crate::view::AdrView,
            }
            let all: Vec<Central> = views
                .into_iter()
                .zip(self.origins)
                .map(|(mut view, o)| {
                    view.path = o.path.clone();
                    view.source.clone_from(&o.source);
                    Central {
                        repository: &o.repository,
                        view,
                    }
                })
                .collect();
            serde_json::to_string_pretty(&all)? + "\n"
        };
        out.insert("adrs.json".to_string(), json.into_bytes());
        Ok(())
    }

    /// The assets (embedded or overridden), the images beside the ADRs, and the marker.
    fn assets(&self, images: BTreeMap<String, Vec<u8>>, out: &mut Files) -> Result<()> {
        for (name, builtin) in ASSETS {
            out.insert(
                format!("assets/{name}"),
                overridable(self.ws, name, builtin)?,
            );
        }
        for (name, bytes) in images {
            out.insert(format!("adr/{name}"), bytes);
        }
        out.insert(
            MARKER.to_string(),
            b"generated by adrgov site build; this directory is replaced on every build\n".to_vec(),
        );
        Ok(())
    }
}

/// One repository of a central site, or one source of a repository with several: its own
/// page of decisions, graph and dashboard beside the combined ones.
#[derive(Debug, serde::Serialize)]
struct Scope {
    name: String,
    /// The file name (without `.html`) of its pages under `decisions/`, `graph/` and
    /// `dashboard/`: distinct even when two names slugify alike.
    slug: String,
    /// Its decisions.
    count: usize,
}

/// The scopes of the site's ADRs (none for one repository with one source), by name.
fn scopes_of(pages: &[AdrPage]) -> Vec<Scope> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in pages.iter().filter_map(|p| p.repository.as_deref()) {
        *counts.entry(name).or_default() += 1;
    }
    let mut used = std::collections::BTreeSet::new();
    counts
        .into_iter()
        .map(|(name, count)| {
            let base = match slug::slugify(name) {
                s if s.is_empty() => "scope".to_string(),
                s => s,
            };
            let mut slug = base.clone();
            let mut n = 2;
            while !used.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            Scope {
                name: name.to_string(),
                slug,
                count,
            }
        })
        .collect()
}

/// The decision logs of the site, each newest first, and where each ADR is in its log.
struct Logs {
    lists: Vec<Vec<usize>>,
    /// ADR → (its log, its position there).
    place: Vec<(usize, usize)>,
}

impl Logs {
    /// The log beside ADR `i`'s page: at most [`LOG_SHOWN`] decisions, the ones around `i`
    /// (as many newer as older where the log allows), and its previous and next decisions;
    /// `items` are [`Render::log_items`].
    fn view(&self, pages: &[AdrPage], items: &[[String; 2]], i: usize) -> LogView {
        let (k, pos) = self.place[i];
        let list = &self.lists[k];
        let start = pos
            .saturating_sub(LOG_SHOWN / 2)
            .min(list.len().saturating_sub(LOG_SHOWN));
        let end = (start + LOG_SHOWN).min(list.len());
        let link = |j: usize| Link {
            id: pages[j].id.clone(),
            title: pages[j].title.clone(),
            url: pages[j].url.clone(),
            status: pages[j].status.clone(),
        };
        LogView {
            html: list[start..end]
                .iter()
                .map(|&j| items[j][usize::from(j == i)].as_str())
                .collect(),
            newer: start,
            older: list.len() - end,
            total: list.len(),
            prev: pos.checked_sub(1).map(|p| link(list[p])),
            next: list.get(pos + 1).map(|&j| link(j)),
        }
    }
}

/// Every ADR, newest first: the numbered ones by number (highest first), then the others by
/// date (the file's, else the day git first saw it; latest first, undated last); ties by page.
fn log_order(pages: &[AdrPage]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&pages[x], &pages[y]);
        b.number
            .is_some()
            .cmp(&a.number.is_some())
            .then_with(|| b.number.cmp(&a.number))
            .then_with(|| a.when.is_empty().cmp(&b.when.is_empty()))
            .then_with(|| b.when.cmp(&a.when))
            .then_with(|| a.url.cmp(&b.url))
    });
    order
}

/// Tag pages: one file name per tag, distinct even when two tags slugify alike.
fn tag_urls(loaded: &Loaded) -> BTreeMap<String, String> {
    let mut tag_url = BTreeMap::new();
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
    tag_url
}

/// The edges of the graph, each ADR's neighbours, and the indices into the edges of the
/// edges at each ADR.
fn graph_edges(
    loaded: &Loaded,
    graph: &Graph,
) -> (Vec<graph_svg::EdgeInfo>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut edges = Vec::new();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); loaded.entries.len()];
    let mut edges_of: Vec<Vec<usize>> = vec![Vec::new(); loaded.entries.len()];
    for (s, kind, t) in graph.edges() {
        edges.push(graph_svg::EdgeInfo {
            from: s,
            to: t,
            kind: kind.clone(),
        });
        neighbours[s].push(t);
        neighbours[t].push(s);
        edges_of[s].push(edges.len() - 1);
        if t != s {
            edges_of[t].push(edges.len() - 1);
        }
    }
    (edges, neighbours, edges_of)
}

/// `2024-03-01 by Ann`, from what git knows of a change.
fn fact(f: Option<&Fact>) -> String {
    f.map_or(String::new(), |f| {
        let when = if f.at_or_before {
            format!("at or before {}", f.date())
        } else {
            f.date().to_string()
        };
        format!("{when} by {}", f.author)
    })
}

/// The status timeline of one ADR.
fn events(h: &AdrHistory) -> Vec<EventView> {
    h.events
        .iter()
        .map(|ev| EventView {
            date: ev.when.date_naive().to_string(),
            day: ev.when.date_naive().to_string(),
            author: ev.author.clone(),
            commit: ev.commit[..ev.commit.len().min(8)].to_string(),
            kind: serde_json::to_value(ev.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            status: ev.status.clone().unwrap_or_default(),
        })
        .collect()
}
