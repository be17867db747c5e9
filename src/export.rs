//! The export file: one repository's decisions as one self-describing, deterministic JSON
//! document (`adrgov export`), read back by a central `site build`.
//!
//! ```json
//! {"format": "adrgov-export", "version": 1,
//!  "repository": {"name": "payments", "url": "https://github.com/org/payments"},
//!  "adrs": [{<the `list --format json` object>, "markdown": "…", "events": [<history>]}]}
//! ```
//!
//! Beside what `list` and `history` print, each history fact and event has `"time"` (the
//! commit's author time, RFC 3339 with the author's offset) and each relation `"line"` and
//! `"written"` (where the Markdown writes it). Those keys were added within version 1: readers
//! ignore keys they do not know, and files without them are still read (times by their day,
//! relations by their place).

use crate::error::{Error, Result};
use crate::history::{AdrHistory, Event, EventKind, Fact};
use crate::model::Adr;
use crate::view::AdrView;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The `format` tag of an export file.
pub const FORMAT: &str = "adrgov-export";
/// The version of the export format this adrgov writes and reads.
pub const VERSION: u32 = 1;

/// A whole export file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Which repository the decisions come from.
    pub repository: Repository,
    /// Every ADR, in `list` order (number, then id).
    pub adrs: Vec<ExportedAdr>,
}

/// The repository an export comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repository {
    /// Its name (the directory name of its root unless named otherwise).
    pub name: String,
    /// Its web URL (`https://host/owner/repo`), when known.
    pub url: Option<String>,
}

/// A relation as `list --format json` prints it, and where it is written in the Markdown (so a
/// reader parsing the Markdown again matches each relation it reads to its target by where it
/// is written, not by its place in the list: a reader with another relation vocabulary reads
/// more or fewer of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRelation {
    /// Kebab-case kind.
    pub kind: String,
    /// Target id (or the reference as written).
    pub target: String,
    /// 1-based line of the Markdown where the relation is written (absent in files of earlier
    /// adrgov versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The reference exactly as written there (`ADR-0007`, a link's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// A history fact as `list --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFact {
    /// `YYYY-MM-DD`, in the author's offset.
    pub date: String,
    /// The commit's author time, RFC 3339 with the author's offset
    /// (`2024-03-01T14:05:09+01:00`); absent in files of earlier adrgov versions (the day's
    /// midnight, UTC, is taken then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Author.
    pub author: String,
    /// Full commit id.
    pub commit: String,
    /// The history is cut at this commit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_or_before: bool,
}

/// A history event as `history N --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedEvent {
    /// `YYYY-MM-DD`, in the author's offset.
    pub date: String,
    /// The commit's author time, RFC 3339 with the author's offset (as [`ExportedFact::time`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Author.
    pub author: String,
    /// Commit id.
    pub commit: String,
    /// What happened.
    pub kind: EventKind,
    /// Normalized status in that commit's version.
    pub status: Option<String>,
    /// Path of the file in that commit.
    pub path: String,
}

/// One ADR of an export: the `list --format json` object (same keys, same order), its
/// Markdown and its history events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAdr {
    /// Id (qualified by the source with several).
    pub id: String,
    /// Source, in a repository with several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Number.
    pub number: Option<u32>,
    /// Title.
    pub title: Option<String>,
    /// Normalized status.
    pub status: Option<String>,
    /// Status as written.
    pub status_text: Option<String>,
    /// ISO date from the file.
    pub date: Option<String>,
    /// Path from the repository root.
    pub path: String,
    /// `nygard` | `madr`.
    pub format: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Decision makers.
    pub decision_makers: Vec<String>,
    /// Consulted.
    pub consulted: Vec<String>,
    /// Informed.
    pub informed: Vec<String>,
    /// Relations.
    pub relations: Vec<ExportedRelation>,
    /// The paths the decision governs (absent from exports written before it existed).
    #[serde(default)]
    pub governs: Vec<String>,
    /// First commit.
    pub created: Option<ExportedFact>,
    /// Last commit.
    pub updated: Option<ExportedFact>,
    /// Distinct authors.
    pub authors: Vec<String>,
    /// The file's text.
    pub markdown: String,
    /// History events, oldest first.
    pub events: Vec<ExportedEvent>,
}

/// A commit's time as an export writes it: RFC 3339, to the second, in the author's offset.
fn time(when: &crate::history::When) -> String {
    when.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn fact(f: &Fact) -> ExportedFact {
    ExportedFact {
        date: f.date().to_string(),
        time: Some(time(&f.when)),
        author: f.author.clone(),
        commit: f.commit.clone(),
        at_or_before: f.at_or_before,
    }
}

fn event(e: &Event) -> ExportedEvent {
    ExportedEvent {
        date: e.date().to_string(),
        time: Some(time(&e.when)),
        author: e.author.clone(),
        commit: e.commit.clone(),
        kind: e.kind,
        status: e.status.clone(),
        path: e.path.to_string(),
    }
}

impl ExportedAdr {
    /// The exported form of `view` (of `adr`), with the file's text and its history.
    pub fn new(
        adr: &Adr,
        view: AdrView,
        markdown: &str,
        history: Option<&AdrHistory>,
    ) -> ExportedAdr {
        ExportedAdr {
            id: view.id,
            source: view.source,
            number: view.number,
            title: view.title,
            status: view.status,
            status_text: view.status_text,
            date: view.date,
            path: view.path.to_string(),
            format: view.format.to_string(),
            tags: view.tags,
            decision_makers: view.decision_makers,
            consulted: view.consulted,
            informed: view.informed,
            // The view has one relation per relation of the ADR, in order.
            relations: view
                .relations
                .into_iter()
                .zip(&adr.relations)
                .map(|(r, written)| ExportedRelation {
                    kind: r.kind,
                    target: r.target,
                    line: Some(written.line),
                    written: Some(written.target.written.clone()),
                })
                .collect(),
            governs: view.governs,
            created: view.created.as_ref().map(fact),
            updated: view.updated.as_ref().map(fact),
            authors: view.authors,
            markdown: markdown.to_string(),
            events: history.map_or_else(Vec::new, |h| h.events.iter().map(event).collect()),
        }
    }
}

impl Export {
    /// An export of `repository` holding `adrs`.
    pub fn new(repository: Repository, adrs: Vec<ExportedAdr>) -> Export {
        Export {
            format: FORMAT.to_string(),
            version: VERSION,
            repository,
            adrs,
        }
    }

    /// The file's text: pretty JSON ending with a newline (the same input gives the same
    /// bytes).
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// Reads an export file, refusing what is not one: text that does not parse, another
    /// `format` tag, a version this adrgov does not know.
    pub fn read(path: &Path) -> Result<Export> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Export::parse(path, &text)
    }

    /// [`Export::read`] of `text`, said to come from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Export> {
        let bad = |line: Option<usize>, message: String| Error::File {
            path: path.display().to_string(),
            line,
            message,
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            bad(
                Some(e.line()),
                format!("not an adrgov export file: the JSON does not parse: {e}"),
            )
        })?;
        match value.get("format").and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(bad(
                    None,
                    format!(
                        "not an adrgov export file: its format is \"{other}\", not \"{FORMAT}\""
                    ),
                ));
            }
            None => {
                return Err(bad(
                    None,
                    format!("not an adrgov export file: it has no \"format\": \"{FORMAT}\""),
                ));
            }
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(bad(
                    None,
                    format!(
                        "export format version {v} is not known to this adrgov (it reads version {VERSION}); export it again with this adrgov, or upgrade adrgov"
                    ),
                ));
            }
            None => {
                return Err(bad(
                    None,
                    "the export file has no numeric \"version\"".to_string(),
                ));
            }
        }
        serde_json::from_value(value)
            .map_err(|e| bad(None, format!("not a valid adrgov export file: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Export {
        Export::new(
            Repository {
                name: "payments".into(),
                url: Some("https://github.com/org/payments".into()),
            },
            vec![ExportedAdr {
                id: "0001".into(),
                source: None,
                number: Some(1),
                title: Some("Record architecture decisions".into()),
                status: Some("accepted".into()),
                status_text: Some("Accepted".into()),
                date: Some("2024-01-02".into()),
                path: "docs/adr/0001-record.md".into(),
                format: "nygard".into(),
                tags: vec![],
                decision_makers: vec![],
                consulted: vec![],
                informed: vec![],
                relations: vec![],
                governs: vec![],
                created: None,
                updated: None,
                authors: vec![],
                markdown: "# 1. Record architecture decisions\n".into(),
                events: vec![ExportedEvent {
                    date: "2024-01-02".into(),
                    time: Some("2024-01-02T09:30:00+01:00".into()),
                    author: "Ann".into(),
                    commit: "abc".into(),
                    kind: EventKind::Created,
                    status: Some("accepted".into()),
                    path: "docs/adr/0001-record.md".into(),
                }],
            }],
        )
    }

    #[test]
    fn round_trip() {
        let e = sample();
        let text = e.to_json().unwrap();
        assert_eq!(Export::parse(Path::new("x.json"), &text).unwrap(), e);
    }

    #[test]
    fn refusals_name_the_file() {
        let p = Path::new("exports/a.json");
        let err = |t: &str| Export::parse(p, t).unwrap_err().to_string();
        assert_eq!(
            err("{\n  \"format\": "),
            "exports/a.json:2: not an adrgov export file: the JSON does not parse: EOF while parsing a value at line 2 column 12"
        );
        assert_eq!(
            err(r#"{"format": "other", "version": 1}"#),
            "exports/a.json: not an adrgov export file: its format is \"other\", not \"adrgov-export\""
        );
        assert_eq!(
            err(r#"{"version": 1}"#),
            "exports/a.json: not an adrgov export file: it has no \"format\": \"adrgov-export\""
        );
        assert_eq!(
            err(r#"{"format": "adrgov-export", "version": 7}"#),
            "exports/a.json: export format version 7 is not known to this adrgov (it reads version 1); export it again with this adrgov, or upgrade adrgov"
        );
        assert_eq!(
            err(r#"{"format": "adrgov-export", "version": 1}"#),
            "exports/a.json: not a valid adrgov export file: missing field `repository`"
        );
    }
}
