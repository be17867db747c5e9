//! Serializable views of ADRs: the stable JSON contract of `list --format json`
//! (docs/design.md), shared by the command line and the site.

use crate::history::{AdrHistory, Fact};
use crate::model::{Adr, RepoPath};
use crate::repo::Loaded;
use serde::Serialize;

/// A relation in JSON: kind and the other ADR's id (or the reference as written).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct RelationView {
    /// Kebab-case kind.
    pub kind: String,
    /// Target id.
    pub target: String,
}

/// One ADR as `list --format json` prints it.
#[derive(Debug, Serialize)]
pub struct AdrView {
    /// Id from the file name (qualified by the source with several: `payments/0003`).
    pub id: String,
    /// The source, in a repository with several ADR directories; absent with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Number, or null.
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
    pub path: RepoPath,
    /// `nygard` | `madr`.
    pub format: crate::model::Format,
    /// Tags.
    pub tags: Vec<String>,
    /// Decision makers.
    pub decision_makers: Vec<String>,
    /// Consulted.
    pub consulted: Vec<String>,
    /// Informed.
    pub informed: Vec<String>,
    /// Relations.
    pub relations: Vec<RelationView>,
    /// The paths the decision governs, as git-style globs (empty when none).
    pub governs: Vec<String>,
    /// First commit (from git history, following renames); null when history cannot tell.
    pub created: Option<Fact>,
    /// Last commit that changed the file.
    pub updated: Option<Fact>,
    /// Distinct authors (from git history).
    pub authors: Vec<String>,
}

impl AdrView {
    /// The view of `adr`, with relation targets resolved against `loaded` and what history
    /// knows.
    pub fn new(adr: &Adr, loaded: &Loaded, history: Option<&AdrHistory>) -> AdrView {
        AdrView {
            id: adr.id.clone(),
            source: adr.source.clone(),
            number: adr.number,
            title: adr.title.clone(),
            status: adr.status.clone(),
            status_text: adr.status_text.clone(),
            // ISO 8601 (`2024-01-31`): the date's own `Display`, without a format string to read.
            date: adr.date.map(|d| d.to_string()),
            path: adr.path.clone(),
            format: adr.format,
            tags: adr.tags.clone(),
            decision_makers: adr.decision_makers.clone(),
            consulted: adr.consulted.clone(),
            informed: adr.informed.clone(),
            relations: adr
                .relations
                .iter()
                .map(|r| RelationView {
                    kind: r.kind.to_string(),
                    target: loaded.target_id(&r.target),
                })
                .collect(),
            governs: adr.governs.iter().map(|g| g.glob.clone()).collect(),
            created: history.and_then(|h| h.created.clone()),
            updated: history.and_then(|h| h.updated.clone()),
            authors: history.map(|h| h.authors.clone()).unwrap_or_default(),
        }
    }
}
