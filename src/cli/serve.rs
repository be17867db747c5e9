//! `adrgov site serve`: the site from memory on 127.0.0.1, rebuilt when a watched file
//! changes; open pages reload through server-sent events when a change touches them.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use crate::site::{Options, Site};
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Arguments of `adrgov site serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// Do not read git history (no dates, authors or timelines from git).
    #[arg(long)]
    pub no_history: bool,
}

type Files = Arc<BTreeMap<String, Vec<u8>>>;

struct Shared {
    files: RwLock<Files>,
    changes: tokio::sync::broadcast::Sender<String>,
}

/// Added to every HTML page served (never to built files): reloads the page when a rebuild
/// changed it, or changed the assets.
const LIVE_JS: &str = r#"(function () {
  'use strict';
  var here = location.pathname.replace(/^\//, '');
  if (here === '' || here.slice(-1) === '/') here += 'index.html';
  var es = new EventSource('/__adrgov/events');
  es.onmessage = function (e) {
    var changed = JSON.parse(e.data);
    if (changed.indexOf(here) >= 0 || changed.some(function (p) { return p.indexOf('assets/') === 0; })) {
      location.reload();
    }
  };
})();
"#;

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/atom+xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

async fn page(State(s): State<Arc<Shared>>, uri: Uri) -> Response {
    let mut path = crate::model::percent_decode(uri.path().trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    let files = match s.files.read() {
        Ok(f) => Arc::clone(&f),
        Err(p) => Arc::clone(&p.into_inner()),
    };
    let Some(bytes) = files.get(&path) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{path} is not part of the site\n"),
        )
            .into_response();
    };
    let mut body = bytes.clone();
    if path.ends_with(".html") {
        let text = String::from_utf8_lossy(&body);
        if let Some(at) = text.rfind("</body>") {
            let mut t = text.to_string();
            t.insert_str(at, "<script src=\"/__adrgov/live.js\"></script>\n");
            body = t.into_bytes();
        }
    }
    (
        [
            (header::CONTENT_TYPE, content_type(&path)),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn live_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

async fn events(
    State(s): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = std::result::Result<Event, std::convert::Infallible>>> {
    let rx = s.changes.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(msg) => return Some((Ok(Event::default().data(msg)), rx)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// What to watch: the ADR directory, the configuration files at the root, the template
/// override directory (a central site has no ADR directory of its own).
fn watch_list(ws: &Workspace) -> Vec<(PathBuf, notify::RecursiveMode)> {
    let mut w = vec![(ws.root.clone(), notify::RecursiveMode::NonRecursive)];
    if ws.multi() {
        for d in ws.dirs() {
            let d = ws.root.join(d);
            if d != ws.root {
                w.push((d, notify::RecursiveMode::Recursive));
            }
        }
    } else if let Ok(d) = ws.adr_dir()
        && d != ws.root
    {
        w.push((d, notify::RecursiveMode::Recursive));
    }
    if let Some(t) = &ws.config.site_templates {
        let p = ws.root.join(t);
        if p.is_dir() {
            w.push((p, notify::RecursiveMode::Recursive));
        }
    }
    w
}

/// What to watch: a path, and how.
type WatchList = Vec<(PathBuf, notify::RecursiveMode)>;

/// The site at `cwd` into memory — the repository's, or the central site its configuration
/// lists (`[[site.repositories]]`, as `site build` builds it) — and what to watch for changes.
fn build(cwd: &Path, site: &mut Site, no_history: bool) -> Result<(Files, WatchList)> {
    let Some(ws) = super::site::central_workspace(cwd)? else {
        let ws = super::workspace(cwd)?;
        let files = super::build_site(site, &ws)?;
        return Ok((Arc::new(files), watch_list(&ws)));
    };
    let c = super::site::build_central(&ws, no_history, Options::default())?;
    // The configuration, the template overrides, and each listed repository's root and ADR
    // directories (or the directory of its export file).
    let mut watch = watch_list(&ws);
    for (p, below) in c.read {
        let mode = if below {
            notify::RecursiveMode::Recursive
        } else {
            notify::RecursiveMode::NonRecursive
        };
        if !watch.iter().any(|(w, _)| *w == p) {
            watch.push((p, mode));
        }
    }
    Ok((Arc::new(c.files), watch))
}

/// Rebuilds after changes; returns the paths whose bytes changed, and what to watch now.
fn rebuild(
    cwd: &Path,
    site: &mut Site,
    no_history: bool,
    shared: &Shared,
) -> Result<(Vec<String>, WatchList)> {
    let (files, watch) = build(cwd, site, no_history)?;
    let old = match shared.files.read() {
        Ok(f) => Arc::clone(&f),
        Err(p) => Arc::clone(&p.into_inner()),
    };
    let mut changed: Vec<String> = files
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(old.keys().filter(|k| !files.contains_key(*k)).cloned());
    changed.sort();
    match shared.files.write() {
        Ok(mut f) => *f = files,
        Err(p) => *p.into_inner() = files,
    }
    Ok((changed, watch))
}

/// The watcher, watching already, and where its events arrive.
struct Watching {
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    watched: Vec<PathBuf>,
}

fn rewatch(w: &mut Watching, list: WatchList) {
    use notify::Watcher;
    for p in w.watched.drain(..) {
        let _ = w.watcher.unwatch(&p);
    }
    for (p, mode) in list {
        match w.watcher.watch(&p, mode) {
            Ok(()) => w.watched.push(p),
            Err(e) => crate::output::warn(&format!("cannot watch {}: {e}", p.display())),
        }
    }
}

/// Starts watching `list` (before the server says it is ready, so no change made after that
/// line is missed).
fn start_watching(list: WatchList) -> Option<Watching> {
    let (tx, events) = std::sync::mpsc::channel();
    let watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            crate::output::warn(&format!(
                "cannot watch for changes ({e}); serving without reload"
            ));
            return None;
        }
    };
    let mut w = Watching {
        watcher,
        events,
        watched: Vec::new(),
    };
    rewatch(&mut w, list);
    Some(w)
}

fn watch_loop(
    cwd: PathBuf,
    mut site: Site,
    no_history: bool,
    mut w: Watching,
    shared: Arc<Shared>,
) {
    let relevant = |ev: &notify::Event| {
        !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let noise = name.starts_with(".adrgov-")
                    || name.ends_with('~')
                    || name.ends_with(".swp")
                    || p.components()
                        .any(|c| c.as_os_str() == ".git" || c.as_os_str() == "target");
                !noise
            })
    };
    while let Ok(first) = w.events.recv() {
        let mut any = first.as_ref().is_ok_and(relevant);
        // Let a burst of writes (an editor saving, a checkout) settle into one rebuild.
        let until = Instant::now() + Duration::from_millis(150);
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match w.events.recv_timeout(left) {
                Ok(ev) => any |= ev.as_ref().is_ok_and(relevant),
                Err(_) => break,
            }
        }
        if !any {
            continue;
        }
        let t = Instant::now();
        match rebuild(&cwd, &mut site, no_history, &shared) {
            Ok((changed, watch)) => {
                rewatch(&mut w, watch);
                if changed.is_empty() {
                    continue;
                }
                crate::output::note(&format!(
                    "rebuilt in {} ms: {} file{} changed",
                    t.elapsed().as_millis(),
                    changed.len(),
                    if changed.len() == 1 { "" } else { "s" }
                ));
                let msg = serde_json::to_string(&changed).unwrap_or_else(|_| "[]".into());
                let _ = shared.changes.send(msg);
            }
            Err(e) => crate::output::error(&format!("{e} (still serving the last good build)")),
        }
    }
}

pub(super) fn run(cwd: &Path, a: Args) -> Result<u8> {
    let start = Instant::now();
    let mut site = Site::new(a.no_history, Options::default());
    let (files, watch) = build(cwd, &mut site, a.no_history)?;
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    let (changes, _) = tokio::sync::broadcast::channel(16);
    let shared = Arc::new(Shared {
        files: RwLock::new(files),
        changes,
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Server {
            what: "cannot start the server",
            source,
        })?;
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", a.port)))
        .map_err(|source| Error::Bind {
            port: a.port,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind {
        port: a.port,
        source,
    })?;
    if let Some(w) = start_watching(watch) {
        let shared = Arc::clone(&shared);
        let cwd = cwd.to_path_buf();
        let no_history = a.no_history;
        std::thread::spawn(move || watch_loop(cwd, site, no_history, w, shared));
    }
    crate::output::note(&format!(
        "built {pages} pages in {:.2} s; serving on http://{addr}/ (Ctrl-C to stop)",
        start.elapsed().as_secs_f64()
    ));
    let app = axum::Router::new()
        .route("/__adrgov/live.js", axum::routing::get(live_js))
        .route("/__adrgov/events", axum::routing::get(events))
        .fallback(page)
        .with_state(shared);
    rt.block_on(async move { axum::serve(listener, app).await })
        .map_err(|source| Error::Server {
            what: "the server stopped",
            source,
        })?;
    Ok(0)
}
