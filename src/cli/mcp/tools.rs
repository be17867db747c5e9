//! The tools of the MCP server: [`TOOLS`] says what each is (name, description, the JSON
//! Schema of its arguments, whether it writes), [`call`] runs one. Adding a tool is one entry
//! in [`TOOLS`], one arm in [`call`] and the function that answers it. Each answer is the JSON
//! the command line would print for the same question.

use super::Server;
use super::search::{self, Query};
use crate::cli::authoring::{self, Body, NewArgs};
use crate::error::{Error, Result};
use crate::repo::{Loaded, Workspace};
use rmcp::model::{ErrorData, JsonObject, Tool, ToolAnnotations};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What a tool is.
struct Spec {
    name: &'static str,
    description: &'static str,
    /// The JSON Schema of its arguments.
    schema: fn() -> Value,
    /// Whether it changes files (listed and run only with `--allow-write`).
    writes: bool,
}

/// Every tool, in the order `tools/list` gives them.
const TOOLS: [Spec; 5] = [
    Spec {
        name: "search_decisions",
        description: "Find decisions by words, as the site's search does: every word must start a word of the id, title, tags, people, status or text; hits are ranked (title and id first) with a snippet of the text around the first match. Optional filters: status (e.g. accepted, or none), tag, source.",
        schema: search_schema,
        writes: false,
    },
    Spec {
        name: "get_decision",
        description: "One decision by id (as list gives it, e.g. 0007 or payments/0003; a number or file name works too): its Markdown, metadata, relations both ways (outgoing: written in it; incoming: written in others about it), the decision in force in its place (null when it is in force itself) and its history events from git.",
        schema: get_schema,
        writes: false,
    },
    Spec {
        name: "decisions_for_paths",
        description: "The decisions that govern each path (a file or directory, relative to the directory the server runs in, as adrgov why takes them): per path, the decisions whose governs globs match it, in force first, each with the glob that matched and, for a superseded one, the decision in force in its place.",
        schema: why_schema,
        writes: false,
    },
    Spec {
        name: "check",
        description: "The hygiene findings of adrgov check (as check --format json gives them: findings and summary). Optional changed_since: a git revision, for the pull-request mode (only ADRs changed since it, and number collisions with it).",
        schema: check_schema,
        writes: false,
    },
    Spec {
        name: "draft_decision",
        description: "Create a new ADR with status proposed, numbered and written like adrgov new (the next free number, the repository's template), with the given context, decision and consequences; optional supersedes and amends (ids) are written on both sides. Returns its id and path. Only when the server runs with --allow-write.",
        schema: draft_schema,
        writes: true,
    },
];

fn search_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "The words to find."},
            "status": {"type": "string", "description": "Only decisions with this status (accepted, proposed, superseded, …; none for no status)."},
            "tag": {"type": "string", "description": "Only decisions with this tag."},
            "source": {"type": "string", "description": "Only the decisions of this source (a repository with several ADR directories)."}
        },
        "required": ["query"],
        "additionalProperties": false
    })
}

fn get_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "The ADR: its id (0007, payments/0003), number or file name."}
        },
        "required": ["id"],
        "additionalProperties": false
    })
}

fn why_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "paths": {"type": "array", "items": {"type": "string"}, "description": "Files or directories (src/orders/db.rs, services/orders/)."}
        },
        "required": ["paths"],
        "additionalProperties": false
    })
}

fn check_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "changed_since": {"type": "string", "description": "A git revision (origin/main, a commit): report only the ADRs changed since it."}
        },
        "additionalProperties": false
    })
}

fn draft_schema() -> Value {
    let ids = json!({"type": "array", "items": {"type": "string"}, "description": "ADR ids."});
    json!({
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": "Title of the decision."},
            "context": {"type": "string", "description": "Markdown for the Context section."},
            "decision": {"type": "string", "description": "Markdown for the Decision section."},
            "consequences": {"type": "string", "description": "Markdown for the Consequences section."},
            "supersedes": ids,
            "amends": ids,
            "governs": {"type": "array", "items": {"type": "string"}, "description": "Git-style globs of the paths the decision is about (services/orders/db/**)."},
            "source": {"type": "string", "description": "The source to create it in (needed when the repository has several ADR directories)."}
        },
        "required": ["title", "context", "decision", "consequences"],
        "additionalProperties": false
    })
}

/// The tools to list: the read-only ones, and the writing ones with `--allow-write`.
pub(super) fn list(allow_write: bool) -> Vec<Tool> {
    TOOLS
        .iter()
        .filter(|t| allow_write || !t.writes)
        .map(|t| {
            let schema = match (t.schema)() {
                Value::Object(m) => m,
                _ => JsonObject::new(),
            };
            Tool::new(t.name, t.description, schema).with_annotations(
                ToolAnnotations::new()
                    .read_only(!t.writes)
                    .destructive(false)
                    .open_world(false),
            )
        })
        .collect()
}

/// Runs the tool `name` with `args`: its answer, or a JSON-RPC error that says what was wrong.
pub(super) fn call(
    s: &Server,
    name: &str,
    args: JsonObject,
) -> std::result::Result<Value, ErrorData> {
    let Some(spec) = TOOLS.iter().find(|t| t.name == name) else {
        let names: Vec<&str> = TOOLS
            .iter()
            .filter(|t| s.allow_write || !t.writes)
            .map(|t| t.name)
            .collect();
        return Err(ErrorData::invalid_params(
            format!("unknown tool `{name}`; the tools are {}", names.join(", ")),
            None,
        ));
    };
    if spec.writes && !s.allow_write {
        return Err(ErrorData::invalid_request(
            format!(
                "{name} writes files and this server is read-only: start it with `adrgov mcp --allow-write` to allow it"
            ),
            None,
        ));
    }
    let r = match name {
        "search_decisions" => search_decisions(s, parse(name, args)?),
        "get_decision" => get_decision(s, parse(name, args)?),
        "decisions_for_paths" => decisions_for_paths(s, parse(name, args)?),
        "check" => check(s, parse(name, args)?),
        "draft_decision" => draft_decision(s, parse(name, args)?),
        _ => Err(Error::Usage(format!(
            "the tool `{name}` has no implementation"
        ))),
    };
    r.map_err(|e| super::rpc_error(&e))
}

/// The arguments of tool `name`, or an invalid-params error naming what is wrong with them.
fn parse<T: DeserializeOwned>(name: &str, args: JsonObject) -> std::result::Result<T, ErrorData> {
    serde_json::from_value(Value::Object(args))
        .map_err(|e| ErrorData::invalid_params(format!("{name}: bad arguments: {e}"), None))
}

/// An ADR reference given as a string or a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Ref {
    Text(String),
    Number(u64),
}

impl Ref {
    fn text(&self) -> String {
        match self {
            Ref::Text(s) => s.clone(),
            Ref::Number(n) => n.to_string(),
        }
    }
}

/// One reference or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Refs {
    One(Ref),
    Many(Vec<Ref>),
}

impl Refs {
    fn texts(refs: Option<&Refs>) -> Vec<String> {
        match refs {
            None => Vec::new(),
            Some(Refs::One(r)) => vec![r.text()],
            Some(Refs::Many(v)) => v.iter().map(Ref::text).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchArgs {
    query: String,
    status: Option<String>,
    tag: Option<String>,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GetArgs {
    id: Ref,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WhyArgs {
    paths: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckArgs {
    changed_since: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftArgs {
    title: String,
    context: String,
    decision: String,
    consequences: String,
    supersedes: Option<Refs>,
    amends: Option<Refs>,
    governs: Option<Vec<String>>,
    source: Option<String>,
}

fn workspace(s: &Server) -> Result<Workspace> {
    crate::cli::workspace(&s.cwd)
}

/// `search_decisions`: `{"query", "total", "hits": [{id, title, status, path, score, snippet}]}`.
fn search_decisions(s: &Server, a: SearchArgs) -> Result<Value> {
    let ws = workspace(s)?;
    let source = crate::cli::source_arg(&ws, a.source.as_deref())?;
    let status = a.status.as_deref().map(|st| {
        if st.trim().eq_ignore_ascii_case("none") {
            "none".to_string()
        } else {
            crate::model::normalize_status(st).unwrap_or_else(|| st.trim().to_lowercase())
        }
    });
    let loaded = ws.load()?;
    // Git authors are searched as people, as on the site.
    let history =
        (!search::terms(&a.query).is_empty()).then(|| crate::cli::read_history(&ws, &loaded, None));
    let authors = |i: usize| {
        history
            .as_ref()
            .and_then(|h| h.by_path.get(&loaded.entries[i].adr().path))
            .map(|h| h.authors.clone())
            .unwrap_or_default()
    };
    let hits = search::search(
        &loaded,
        &authors,
        &Query {
            text: &a.query,
            status: status.as_deref(),
            tag: a.tag.as_deref().map(str::trim),
            source,
        },
    );
    Ok(json!({"query": a.query, "total": hits.len(), "hits": hits}))
}

/// The relations other ADRs write about ADR `i`: `{kind, id}` of each, the id being theirs.
fn incoming(loaded: &Loaded, i: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for (j, e) in loaded.entries.iter().enumerate() {
        if j == i {
            continue;
        }
        for r in &e.adr().relations {
            if loaded.resolve(&r.target) == Some(i) {
                out.push(json!({"kind": r.kind.to_string(), "id": e.adr().id}));
            }
        }
    }
    out
}

/// `get_decision`: the `list --format json` object of the ADR, with `markdown`, `relations`
/// (`outgoing` and `incoming`), `in_force` (the id in force in its place, or null when it is
/// in force itself; `in_force_all` lists every one when several are) and `events` (as
/// `history --format json`).
fn get_decision(s: &Server, a: GetArgs) -> Result<Value> {
    let ws = workspace(s)?;
    let loaded = ws.load()?;
    let i = loaded.find(&a.id.text())?;
    let e = &loaded.entries[i];
    let adr = e.adr();
    let h = crate::cli::read_history_of(&ws, std::slice::from_ref(&adr.path), None);
    let ah = h.by_path.get(&adr.path);
    let view = crate::view::AdrView::new(adr, &loaded, ah);
    let outgoing: Vec<Value> = view
        .relations
        .iter()
        .map(|r| json!({"kind": r.kind, "id": r.target}))
        .collect();
    let graph = crate::graph::Graph::of(&loaded, &ws.vocab);
    let in_force: Vec<&str> = graph
        .in_force(i)
        .unwrap_or_default()
        .into_iter()
        .map(|j| loaded.entries[j].adr().id.as_str())
        .collect();
    let mut out = serde_json::to_value(&view)?;
    if let Value::Object(m) = &mut out {
        m.insert(
            "relations".into(),
            json!({"outgoing": outgoing, "incoming": incoming(&loaded, i)}),
        );
        m.insert("in_force".into(), json!(in_force.first()));
        m.insert("in_force_all".into(), json!(in_force));
        m.insert(
            "events".into(),
            serde_json::to_value(ah.map_or(&[][..], |x| x.events.as_slice()))?,
        );
        m.insert("markdown".into(), Value::String(e.text.clone()));
    }
    Ok(out)
}

/// `check`: what `adrgov check --format json [--changed-since REV]` prints, with the levels of
/// adrgov.toml.
fn check(s: &Server, a: CheckArgs) -> Result<Value> {
    use crate::check::report::Report as _;
    let ws = workspace(s)?;
    let levels = crate::check::Levels::new(&ws, &[], &[], &[])?;
    let base = match &a.changed_since {
        Some(rev) => Some(crate::cli::check::read_base(&ws, rev)?),
        None => None,
    };
    let loaded = ws.load()?;
    let history = crate::cli::check::history_for(&ws, &loaded, &levels, false, None);
    let today = crate::history::today::now();
    let findings = crate::check::check_loaded(
        &ws,
        &loaded,
        &levels,
        base.as_ref(),
        history.as_ref(),
        today,
    );
    let summary = crate::check::Summary::of(&findings, loaded.entries.len());
    let text = crate::check::report::Json.render(&findings, summary);
    Ok(serde_json::from_str(&text)?)
}

/// `decisions_for_paths`: the `why` answer, `[{"path", "decisions": [{id, title, status, glob,
/// in_force}]}]`.
fn decisions_for_paths(s: &Server, a: WhyArgs) -> Result<Value> {
    let ws = workspace(s)?;
    let loaded = ws.load()?;
    let graph = crate::graph::Graph::of(&loaded, &ws.vocab);
    let paths = a
        .paths
        .iter()
        .map(|p| crate::cli::why::from_root(&ws, &s.cwd, std::path::Path::new(p)))
        .collect::<Result<Vec<_>>>()?;
    let files = crate::repo::git::tracked_files(ws.git(), &ws.root);
    let answers = crate::governs::why(&loaded, &graph, &paths, &files);
    Ok(serde_json::to_value(answers)?)
}

/// `draft_decision`: a proposed ADR, made by `adrgov new`'s own code (the directory lock, the
/// next number free on every branch, one transaction with the relations' other sides).
fn draft_decision(s: &Server, a: DraftArgs) -> Result<Value> {
    let ws = workspace(s)?;
    let args = NewArgs {
        title: a.title,
        supersedes: Refs::texts(a.supersedes.as_ref()),
        amends: Refs::texts(a.amends.as_ref()),
        status: Some("proposed".into()),
        tag: Vec::new(),
        decider: Vec::new(),
        date: None,
        edit: false,
        source: a.source,
        governs: a.governs.unwrap_or_default(),
    };
    let body = Body {
        context: &a.context,
        decision: &a.decision,
        consequences: &a.consequences,
    };
    let created = authoring::create(&ws, &args, Some(&body))?;
    let loaded = ws.load()?;
    let id = loaded
        .at_path(created.rel.as_str())
        .map(|i| loaded.entries[i].adr().id.clone());
    Ok(json!({
        "id": id,
        "path": created.rel,
        "status": "proposed",
        "updated": created.updated,
    }))
}
