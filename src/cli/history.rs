//! `adrgov history N`: the status timeline of one decision, from git.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use serde::Serialize;

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    /// One line per event.
    Table,
    /// `{"id", "path", "events": [...]}` (stable).
    Json,
}

/// Arguments of `adrgov history`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov history 4\n  adrgov history ADR-0004 --format json\n\n\
Dates are author dates (when the change was written), in the author's own time zone."
)]
pub struct Args {
    /// The ADR: number, id or file name.
    pub adr: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a str,
    path: &'a str,
    events: &'a [crate::history::Event],
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let (loaded, ahead) = super::load_ahead(ws, super::HistoryNeed::One)?;
    let i = loaded.find(&a.adr)?;
    let adr = loaded.entries[i].adr();
    let h = super::read_history_of(ws, std::slice::from_ref(&adr.path), ahead);
    let events: &[crate::history::Event] = h
        .by_path
        .get(&adr.path)
        .map_or(&[], |x| x.events.as_slice());
    let out = match a.format {
        HistoryFormat::Json => {
            serde_json::to_string_pretty(&Out {
                id: &adr.id,
                path: &adr.path,
                events,
            })? + "\n"
        }
        HistoryFormat::Table => {
            let mut s = format!(
                "ADR {}: {}\n",
                adr.id,
                adr.title.as_deref().unwrap_or("(no title)")
            );
            if events.is_empty() {
                s.push_str(
                    "  no history: the file is not committed, or there is no git repository\n",
                );
            }
            let aw = events
                .iter()
                .map(|e| e.author.chars().count())
                .max()
                .unwrap_or(6)
                .max(6);
            let color = crate::output::color_stdout();
            let mut last_path = "";
            for e in events {
                let kind = match e.kind {
                    crate::history::EventKind::Created => "created",
                    crate::history::EventKind::Status => "status",
                    crate::history::EventKind::Relation => "relation",
                    crate::history::EventKind::Renamed => "renamed",
                    crate::history::EventKind::Edited => "edited",
                };
                let st = e.status.as_deref().unwrap_or("-");
                let moved = if e.path != last_path && !last_path.is_empty() {
                    format!("  → {}", e.path)
                } else {
                    String::new()
                };
                last_path = &e.path;
                s.push_str(&format!(
                    "  {}  {:aw$}  {}  {:8}  {}{}\n",
                    e.date(),
                    e.author,
                    &e.commit[..e.commit.len().min(8)],
                    kind,
                    super::list::paint_status(st, color),
                    moved
                ));
            }
            s
        }
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    super::leave((h, loaded));
    Ok(0)
}
