//! `adrgov show N`: one decision, its metadata and text.

use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::history::{AdrHistory, Fact};
use crate::model::Adr;
use crate::repo::{Loaded, Workspace};
use crate::view::AdrView;

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Metadata, then the Markdown text.
    Text,
    /// The `list` JSON object, plus `body`.
    Json,
}

/// Arguments of `adrgov show`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  adrgov show 4\n  adrgov show ADR-0004 --format json")]
pub struct Args {
    /// The ADR: number (`4`, `0004`, `ADR-4`), id or file name.
    pub adr: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(serde::Serialize)]
struct WithBody<'a> {
    #[serde(flatten)]
    view: AdrView,
    body: &'a str,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let (loaded, ahead) = super::load_ahead(ws, super::HistoryNeed::One)?;
    let i = loaded.find(&a.adr)?;
    let e = &loaded.entries[i];
    for p in loaded.problems.iter().filter(|p| p.path == e.adr().path) {
        crate::output::warn(&p.to_string());
    }
    let adr = e.adr();
    let hist = super::read_history_of(ws, std::slice::from_ref(&adr.path), ahead);
    let h = hist.by_path.get(&adr.path);
    let graph = crate::graph::Graph::of(&loaded, &ws.vocab);
    let out = match a.format {
        ShowFormat::Json => {
            let v = WithBody {
                view: AdrView::new(adr, &loaded, h),
                body: &adr.body,
            };
            serde_json::to_string_pretty(&v)? + "\n"
        }
        ShowFormat::Text => text(&loaded, &graph, i, h),
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    super::leave((graph, hist, loaded));
    Ok(0)
}

/// Appends one `  key              value` line.
fn field(s: &mut String, k: &str, v: &str) {
    s.push_str(&format!("  {k:<16} {v}\n"));
}

/// `show`'s text: the title line, the metadata (with history `h` when read), a blank line
/// and the Markdown body of ADR `i`.
fn text(loaded: &Loaded, graph: &Graph, i: usize, h: Option<&AdrHistory>) -> String {
    let adr = loaded.entries[i].adr();
    let mut s = String::new();
    let title = adr.title.as_deref().unwrap_or("(no title)");
    s.push_str(&format!("ADR {}: {}\n", adr.id, title));
    let st = adr.status.clone().unwrap_or_else(|| "(none)".into());
    let st = match &adr.status_text {
        Some(t) if Some(t.to_lowercase()) != adr.status => format!("{st}  ({t})"),
        _ => st,
    };
    field(&mut s, "status", &st);
    field(
        &mut s,
        "date",
        &adr.date_text.clone().unwrap_or_else(|| "(none)".into()),
    );
    field(&mut s, "file", &adr.path);
    if let Some(h) = h {
        field(&mut s, "created", &fact(&h.created));
        field(&mut s, "updated", &fact(&h.updated));
        field(&mut s, "authors", &h.authors.join(", "));
    }
    if let Some(now) = graph.in_force(i) {
        let names: Vec<String> = now
            .iter()
            .map(|&j| {
                let t = loaded.entries[j].adr();
                format!("{} {}", t.id, t.title.as_deref().unwrap_or(""))
            })
            .collect();
        let v = if names.is_empty() {
            "none (supersession cycle)".to_string()
        } else {
            names.join(", ")
        };
        field(&mut s, "in force now", v.trim_end());
    }
    people_and_tags(&mut s, adr);
    for r in &adr.relations {
        let target = match loaded.resolve(&r.target) {
            Some(j) => {
                let t = loaded.entries[j].adr();
                format!("{} {}", t.id, t.title.as_deref().unwrap_or(""))
            }
            None => format!("{} (no such ADR)", r.target.written),
        };
        field(&mut s, &r.kind.words(), target.trim_end());
    }
    s.push('\n');
    s.push_str(&adr.body);
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A history fact: `DATE by AUTHOR (COMMIT)`, empty when unknown.
fn fact(f: &Option<Fact>) -> String {
    f.as_ref().map_or_else(String::new, |f| {
        let when = if f.at_or_before {
            format!("at or before {}", f.date())
        } else {
            f.date().to_string()
        };
        format!(
            "{when} by {} ({})",
            f.author,
            &f.commit[..f.commit.len().min(8)]
        )
    })
}

/// The decision makers, consulted, informed and tags lines, each when not empty.
fn people_and_tags(s: &mut String, adr: &Adr) {
    if !adr.decision_makers.is_empty() {
        field(s, "decision makers", &adr.decision_makers.join(", "));
    }
    if !adr.consulted.is_empty() {
        field(s, "consulted", &adr.consulted.join(", "));
    }
    if !adr.informed.is_empty() {
        field(s, "informed", &adr.informed.join(", "));
    }
    if !adr.tags.is_empty() {
        field(s, "tags", &adr.tags.join(", "));
    }
}
