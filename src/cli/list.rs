//! `adrgov list`: the decisions as a table, JSON or CSV.

use crate::error::{Error, Result};
use crate::repo::Workspace;
use crate::view::AdrView;

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// The stable JSON contract (one array, sorted by number then id).
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// Arguments of `adrgov list`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov list\n  adrgov list --long\n  adrgov list --status accepted --status proposed\n  adrgov list --tag security --format json | jq '.[].title'\n\n\
The table and CSV read no git history unless --long asks for its columns; JSON always has them."
)]
pub struct Args {
    /// Only ADRs with this status (normalized: `Accepted.` matches `accepted`); repeatable.
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only ADRs with this tag; repeatable (any of them matches).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Add the columns git history tells: created, updated and authors (table and CSV).
    #[arg(long)]
    pub long: bool,
    /// Do not read git history (created, updated and authors stay empty).
    #[arg(long)]
    pub no_history: bool,
    /// Only the ADRs of this source (a repository with several ADR directories).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let source = super::source_arg(ws, a.source.as_deref())?;
    // Read only what is printed: the table and CSV show no git facts unless `--long`.
    let wants_history = (a.format == ListFormat::Json || a.long) && !a.no_history;
    let (loaded, ahead) = super::load_ahead(ws, super::HistoryNeed::every_if(wants_history))?;
    super::warn_problems(&loaded);
    let history = wants_history.then(|| super::read_history(ws, &loaded, ahead));
    let want_status: Vec<String> = a
        .status
        .iter()
        .filter_map(|s| crate::model::normalize_status(s))
        .collect();
    let want_tags: Vec<String> = a.tag.iter().map(|t| t.to_lowercase()).collect();
    let views: Vec<AdrView> = loaded
        .entries
        .iter()
        .map(|e| e.adr())
        .filter(|adr| source.is_none() || adr.source.as_deref() == source)
        .filter(|adr| {
            want_status.is_empty() || adr.status.as_ref().is_some_and(|s| want_status.contains(s))
        })
        .filter(|adr| {
            want_tags.is_empty()
                || adr
                    .tags
                    .iter()
                    .any(|t| want_tags.contains(&t.to_lowercase()))
        })
        .map(|adr| {
            AdrView::new(
                adr,
                &loaded,
                history.as_ref().and_then(|h| h.by_path.get(&adr.path)),
            )
        })
        .collect();
    let out = match a.format {
        ListFormat::Json => {
            let mut s = crate::output::pretty_json_array(&views)?;
            s.push('\n');
            s
        }
        ListFormat::Csv => csv(&views, a.long)?,
        ListFormat::Table => table(&views, a.long),
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    super::leave((views, history, loaded));
    Ok(0)
}

/// The date of a git fact, or `-`.
fn fact(f: Option<&crate::history::Fact>) -> String {
    f.map_or_else(|| "-".to_string(), |f| f.date().to_string())
}

fn csv(views: &[AdrView], long: bool) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = Error::Csv;
    let mut header = vec![
        "id",
        "number",
        "title",
        "status",
        "date",
        "path",
        "format",
        "tags",
        "decision_makers",
    ];
    if long {
        header.extend(["created", "created_by", "updated", "updated_by", "authors"]);
    }
    w.write_record(&header).map_err(err)?;
    for v in views {
        let mut row = vec![
            v.id.clone(),
            v.number.map(|n| n.to_string()).unwrap_or_default(),
            v.title.clone().unwrap_or_default(),
            v.status.clone().unwrap_or_default(),
            v.date.clone().unwrap_or_default(),
            v.path.to_string(),
            v.format.to_string(),
            v.tags.join("; "),
            v.decision_makers.join("; "),
        ];
        if long {
            let (c, u) = (v.created.as_ref(), v.updated.as_ref());
            row.extend([
                c.map(|f| f.date().to_string()).unwrap_or_default(),
                c.map(|f| f.author.clone()).unwrap_or_default(),
                u.map(|f| f.date().to_string()).unwrap_or_default(),
                u.map(|f| f.author.clone()).unwrap_or_default(),
                v.authors.join("; "),
            ]);
        }
        w.write_record(&row).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Csv(csv::Error::from(e.into_error())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The colour of a status word in tables.
pub(crate) fn paint_status(s: &str, color: bool) -> String {
    use owo_colors::OwoColorize;
    if !color {
        return s.to_string();
    }
    match s {
        "accepted" => s.green().to_string(),
        "proposed" => s.yellow().to_string(),
        "rejected" => s.red().to_string(),
        "deprecated" | "superseded" => s.dimmed().to_string(),
        _ => s.magenta().to_string(),
    }
}

fn table(views: &[AdrView], long: bool) -> String {
    if views.is_empty() {
        return "no ADRs match\n".to_string();
    }
    let color = crate::output::color_stdout();
    let width = |f: &dyn Fn(&AdrView) -> usize, min: usize| {
        views.iter().map(f).max().unwrap_or(min).max(min)
    };
    let idw = width(&|v| v.id.chars().count(), 2);
    let stw = width(&|v| v.status.as_deref().unwrap_or("-").chars().count(), 6);
    let authors = |v: &AdrView| {
        if v.authors.is_empty() {
            "-".to_string()
        } else {
            v.authors.join(", ")
        }
    };
    let auw = width(&|v| authors(v).chars().count(), 7);
    let mut s = format!("{:idw$}  {:stw$}  {:10}  ", "ID", "STATUS", "DATE");
    if long {
        s.push_str(&format!(
            "{:10}  {:10}  {:auw$}  ",
            "CREATED", "UPDATED", "AUTHORS"
        ));
    }
    s.push_str("TITLE\n");
    for v in views {
        let st = v.status.as_deref().unwrap_or("-");
        let pad = stw - st.chars().count();
        s.push_str(&format!(
            "{:idw$}  {}{}  {:10}  ",
            v.id,
            paint_status(st, color),
            " ".repeat(pad),
            v.date.as_deref().unwrap_or("-"),
        ));
        if long {
            let a = authors(v);
            let pad = auw - a.chars().count();
            s.push_str(&format!(
                "{:10}  {:10}  {a}{}  ",
                fact(v.created.as_ref()),
                fact(v.updated.as_ref()),
                " ".repeat(pad)
            ));
        }
        s.push_str(v.title.as_deref().unwrap_or("(no title)"));
        s.push('\n');
    }
    s
}
