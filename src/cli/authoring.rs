//! The authoring commands: `new`, `status` (and `accept`/`reject`/`deprecate`), `supersede`,
//! `link`. Each reads everything first, prepares every change in memory, then writes all files
//! atomically or none.

use crate::error::{Error, Result};
use crate::model::RepoPath;
use crate::model::{RelationKind, normalize_status};
use crate::parse::edit::{self, Style};
use crate::parse::{self, Dialect, name};
use crate::repo::transaction::{Transaction, editable, style, target_from};
use crate::repo::{Loaded, Workspace, git};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `adrgov new`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov new \"Use PostgreSQL for persistence\"\n  adrgov new \"Use Postgres 16\" --supersedes 7 --tag database\n  adrgov new \"Cache sessions in Redis\" --amends 12 --status proposed --edit\n  adrgov new \"Use PostgreSQL for orders\" --governs 'services/orders/db/**' 'migrations/orders_*.sql'\n\n\
The new file gets the next number that is free in the work tree and on every local and\n\
remote-tracking branch. Its path is printed on stdout."
)]
pub struct NewArgs {
    /// Title of the decision.
    pub title: String,
    /// An ADR this one supersedes (its status becomes superseded); repeatable.
    #[arg(long, short = 's', value_name = "ADR")]
    pub supersedes: Vec<String>,
    /// An ADR this one amends; repeatable.
    #[arg(long, short = 'a', value_name = "ADR")]
    pub amends: Vec<String>,
    /// Initial status (default: accepted for adr-tools repositories, proposed otherwise).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// A tag; repeatable.
    #[arg(long, short = 't', value_name = "TAG")]
    pub tag: Vec<String>,
    /// A decision maker; repeatable.
    #[arg(long, value_name = "NAME")]
    pub decider: Vec<String>,
    /// Paths the decision governs, as git-style globs from the repository root; repeatable.
    #[arg(long, value_name = "GLOB", num_args = 1..)]
    pub governs: Vec<String>,
    /// Date written in the ADR (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Open the new file in $VISUAL or $EDITOR.
    #[arg(long, short = 'e')]
    pub edit: bool,
    /// The source to create it in (needed when the repository has several ADR directories).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

/// Arguments of `adrgov status`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov status 7 accepted\n  adrgov status ADR-0012 \"on hold\" --force"
)]
pub struct StatusArgs {
    /// The ADR: number, id or file name.
    pub adr: String,
    /// The new status (one of the configured statuses).
    pub status: String,
    /// Write a status outside the configured set.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `accept`, `reject`, `deprecate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  adrgov accept 7")]
pub struct ShortcutArgs {
    /// The ADR: number, id or file name.
    pub adr: String,
}

/// Arguments of `adrgov supersede`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  adrgov supersede 3 9    # ADR 3 is superseded by ADR 9\n\n\
OLD gets status superseded and a link to NEW; NEW gets a \"Supersedes\" link to OLD."
)]
pub struct SupersedeArgs {
    /// The ADR that is replaced.
    pub old: String,
    /// The ADR that replaces it.
    pub new: String,
}

/// Arguments of `adrgov govern`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov govern 12 'services/orders/db/**' 'migrations/orders_*.sql'\n  adrgov govern 12 --remove 'services/legacy/**'\n\n\
Globs are relative to the repository root: `*` stays in one directory, `**` crosses them, and a\n\
path without wildcards (or ending in `/`) governs everything under it. Only the governs lines\n\
change: the front-matter `governs:` list, a `Governs:` line, or a `## Governs` section."
)]
pub struct GovernArgs {
    /// The ADR: number, id or file name.
    pub adr: String,
    /// The globs.
    #[arg(value_name = "GLOB", required = true)]
    pub globs: Vec<String>,
    /// Remove the globs instead of adding them.
    #[arg(long)]
    pub remove: bool,
}

/// Globs that do not compile, as a usage error naming the first.
fn valid_globs(globs: &[String]) -> Result<()> {
    for g in globs {
        crate::governs::check_glob(g)
            .map_err(|m| Error::Usage(format!("`{g}` is not a valid glob: {m}")))?;
    }
    Ok(())
}

/// What a template of `new` gets: `[title, number, id, status]`, the date, tags and deciders.
fn template_context(
    a: &NewArgs,
    [title, number, id, status]: [&str; 4],
    date: chrono::NaiveDate,
) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("title", title);
    ctx.insert("number", number);
    ctx.insert("id", id);
    ctx.insert("date", &date.format("%Y-%m-%d").to_string());
    ctx.insert("status", status);
    ctx.insert("tags", &a.tag);
    ctx.insert("decision_makers", &a.decider);
    ctx
}

/// The text of a new ADR with `globs` written into it (checked first).
fn governed(
    ws: &Workspace,
    rel: &str,
    file_name: &str,
    text: String,
    globs: &[String],
) -> Result<String> {
    valid_globs(globs)?;
    if globs.is_empty() {
        return Ok(text);
    }
    let p = parse::parse(rel, file_name, &text, &ws.vocab);
    Ok(edit::add_governs(&text, &p, globs))
}

pub(super) fn govern(ws: &Workspace, a: GovernArgs) -> Result<u8> {
    let loaded = ws.load()?;
    let i = loaded.find(&a.adr)?;
    let e = &loaded.entries[i];
    editable(e)?;
    if !a.remove {
        valid_globs(&a.globs)?;
    }
    let new = if a.remove {
        edit::remove_governs(&e.text, &e.parsed, &a.globs)
    } else {
        edit::add_governs(&e.text, &e.parsed, &a.globs)
    };
    let back = parse::parse(&e.adr().path, &e.adr().file_name, &new, &ws.vocab).adr;
    if a.globs
        .iter()
        .any(|g| back.governs.iter().any(|x| &x.glob == g) == a.remove)
    {
        return Err(Error::File {
            path: e.adr().path.to_string(),
            line: None,
            message: "the globs would not read back from the edited file; nothing was changed: make the edit by hand".into(),
        });
    }
    let mut p = Transaction::new(ws, &loaded);
    p.apply(i, |_, _| new);
    let verb = if a.remove {
        "no longer governs"
    } else {
        "governs"
    };
    report_and_commit(p, &format!("{} {verb} {}", e.adr().id, a.globs.join(", ")))
}

/// Arguments of `adrgov link`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov link 17 amends 10\n  adrgov link 5 relates-to 8\n  adrgov link 12 clarifies 4     # with relations = [[\"clarifies\", \"clarified by\"]]\n\n\
Relations: supersedes, superseded-by, amends, amended-by, relates-to, and the pairs set in\n\
adrgov.toml. The inverse is written on the other ADR."
)]
pub struct LinkArgs {
    /// The ADR the relation starts from.
    pub from: String,
    /// The relation (kebab case or words: `amends`, `amended-by`, `relates to`).
    pub relation: String,
    /// The other ADR.
    pub to: String,
}

/// Adds `old superseded-by new` and `new supersedes old`, and makes sure `old`'s status is
/// superseded.
fn supersede_into(
    p: &mut Transaction<'_>,
    loaded: &Loaded,
    ws: &Workspace,
    style: Style,
    old: usize,
    new: usize,
) -> Result<()> {
    let kinds = (
        ws.vocab.kind_of(&RelationKind::SupersededBy),
        ws.vocab.kind_of(&RelationKind::Supersedes),
    );
    let (Some(by), Some(sup)) = kinds else {
        return Err(Error::Usage(
            "the supersedes relation is missing from the vocabulary".into(),
        ));
    };
    let t_new = target_from(loaded.entries[new].adr(), &loaded.entries[old].adr().path);
    let t_old = target_from(loaded.entries[old].adr(), &loaded.entries[new].adr().path);
    p.relation(old, by, &t_new, style);
    p.superseded(old);
    p.relation(new, sup, &t_old, style);
    Ok(())
}

pub(super) fn status(ws: &Workspace, adr: &str, status: &str, force: bool) -> Result<u8> {
    let loaded = ws.load()?;
    let i = loaded.find(adr)?;
    let e = &loaded.entries[i];
    editable(e)?;
    let norm = normalize_status(status).ok_or_else(|| {
        Error::Usage(format!(
            "`{status}` is not a status; give a word such as accepted"
        ))
    })?;
    if !force && !ws.config.statuses.contains(&norm) {
        return Err(Error::Usage(format!(
            "unknown status `{norm}`; the configured statuses are {} (add it to `statuses` in adrgov.toml, or pass --force)",
            ws.config.statuses.join(", ")
        )));
    }
    let before = e.adr().status.clone().unwrap_or_else(|| "(none)".into());
    if e.adr().status.as_deref() == Some(norm.as_str()) {
        crate::output::note(&format!(
            "{}: already {norm}; nothing changed",
            e.adr().path
        ));
        return Ok(0);
    }
    let mut tx = Transaction::new(ws, &loaded);
    tx.status(i, &norm);
    tx.commit()?;
    crate::output::note(&format!("{}: {before} → {norm}", e.adr().path));
    Ok(0)
}

pub(super) fn supersede(ws: &Workspace, a: SupersedeArgs) -> Result<u8> {
    let loaded = ws.load()?;
    let old = loaded.find(&a.old)?;
    let new = loaded.find(&a.new)?;
    supersede_pair(ws, &loaded, old, new)
}

fn supersede_pair(ws: &Workspace, loaded: &Loaded, old: usize, new: usize) -> Result<u8> {
    if old == new {
        return Err(Error::Usage("an ADR cannot supersede itself".into()));
    }
    editable(&loaded.entries[old])?;
    editable(&loaded.entries[new])?;
    let mut p = Transaction::new(ws, loaded);
    supersede_into(&mut p, loaded, ws, style(loaded), old, new)?;
    report_and_commit(
        p,
        &format!(
            "{} is superseded by {}",
            loaded.entries[old].adr().id,
            loaded.entries[new].adr().id
        ),
    )
}

fn report_and_commit(p: Transaction<'_>, what: &str) -> Result<u8> {
    let paths = p.paths();
    if p.commit()? == 0 {
        crate::output::note(&format!("{what} already; nothing changed"));
        return Ok(0);
    }
    crate::output::note(&format!("{what}: updated {}", paths.join(", ")));
    Ok(0)
}

pub(super) fn link(ws: &Workspace, a: LinkArgs) -> Result<u8> {
    let loaded = ws.load()?;
    let from = loaded.find(&a.from)?;
    let to = loaded.find(&a.to)?;
    let kind = ws.vocab.kind(&a.relation).ok_or_else(|| {
        Error::Usage(format!(
            "unknown relation `{}`; the relations are {}",
            a.relation,
            ws.vocab
                .kinds()
                .iter()
                .map(RelationKind::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    match kind.id {
        RelationKind::Supersedes => return supersede_pair(ws, &loaded, to, from),
        RelationKind::SupersededBy => return supersede_pair(ws, &loaded, from, to),
        _ => {}
    }
    if from == to {
        return Err(Error::Usage("an ADR cannot be related to itself".into()));
    }
    editable(&loaded.entries[from])?;
    editable(&loaded.entries[to])?;
    let inverse = ws
        .vocab
        .kind_of(&kind.inverse)
        .ok_or_else(|| Error::Usage(format!("relation `{}` has no inverse", kind.id)))?;
    let st = style(&loaded);
    let t_to = target_from(loaded.entries[to].adr(), &loaded.entries[from].adr().path);
    let t_from = target_from(loaded.entries[from].adr(), &loaded.entries[to].adr().path);
    let mut p = Transaction::new(ws, &loaded);
    p.relation(from, kind, &t_to, st);
    p.relation(to, inverse, &t_from, st);
    report_and_commit(
        p,
        &format!(
            "{} {} {}",
            loaded.entries[from].adr().id,
            kind.phrase,
            loaded.entries[to].adr().id
        ),
    )
}

/// The built-in template that fits the repository: the configured format, else what most of
/// its ADRs are written in, else nygard for adr-tools repositories and MADR otherwise.
fn template_for(ws: &Workspace, loaded: &Loaded) -> Result<(String, String, Dialect)> {
    if let Some(t) = &ws.config.template {
        let p = ws.root.join(t);
        let src = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
        let probe = parse::parse(t, "template.md", &src, &ws.vocab);
        return Ok((t.clone(), src, probe.layout.dialect));
    }
    use crate::repo::config::{NewFormat, Source};
    let dialect = match ws.config.format {
        Some(NewFormat::Madr) => Dialect::FrontMatter,
        Some(NewFormat::Nygard) => Dialect::Nygard,
        None => {
            let mut counts = [0usize; 3];
            for e in &loaded.entries {
                counts[match e.parsed.layout.dialect {
                    Dialect::FrontMatter => 0,
                    Dialect::Bullets => 1,
                    Dialect::Nygard => 2,
                }] += 1;
            }
            let max = counts.iter().copied().max().unwrap_or(0);
            if max == 0 {
                if matches!(ws.source, Source::AdrTools(_)) {
                    Dialect::Nygard
                } else {
                    Dialect::FrontMatter
                }
            } else if counts[2] == max {
                Dialect::Nygard
            } else if counts[0] == max {
                Dialect::FrontMatter
            } else {
                Dialect::Bullets
            }
        }
    };
    let (name, src) = match dialect {
        Dialect::Nygard => ("nygard.md", crate::templates::NYGARD),
        Dialect::FrontMatter => ("madr.md", crate::templates::MADR),
        Dialect::Bullets => ("madr-bullets.md", crate::templates::MADR_BULLETS),
    };
    Ok((name.into(), src.into(), dialect))
}

/// How new files are named in this directory.
pub(crate) struct Naming {
    /// `adr-` or empty.
    pub prefix: String,
    /// Digits of numbers.
    pub width: usize,
    /// log4brains: `YYYYMMDD-slug.md`, no numbers.
    pub dated: bool,
}

pub(crate) fn naming(ws: &Workspace, loaded: &Loaded) -> Naming {
    let mut widths: BTreeMap<usize, usize> = BTreeMap::new();
    let mut prefixes: BTreeMap<String, usize> = BTreeMap::new();
    let mut dated = 0;
    for e in &loaded.entries {
        let f = name::parse_file_name(&e.adr().file_name);
        if f.number.is_some() {
            *widths.entry(f.digits.len()).or_default() += 1;
            *prefixes.entry(f.prefix.to_lowercase()).or_default() += 1;
        } else if e
            .adr()
            .file_name
            .chars()
            .take(8)
            .all(|c| c.is_ascii_digit())
        {
            dated += 1;
        }
    }
    Naming {
        prefix: prefixes
            .iter()
            .max_by_key(|(_, c)| **c)
            .map(|(k, _)| k.clone())
            .unwrap_or_default(),
        width: ws
            .config
            .digits
            .or_else(|| widths.iter().max_by_key(|(_, c)| **c).map(|(k, _)| *k))
            .unwrap_or(4),
        dated: widths.is_empty() && dated > 0,
    }
}

fn today(date: Option<&str>) -> Result<chrono::NaiveDate> {
    match date {
        Some(d) => parse::parse_date(d)
            .filter(|_| d.len() == 10)
            .ok_or_else(|| Error::Usage(format!("--date `{d}` is not a date; use YYYY-MM-DD"))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

pub(super) fn new(ws: &Workspace, a: NewArgs) -> Result<u8> {
    let created = create(ws, &a, None)?;
    crate::output::print(&format!("{}\n", display_path(&created.path)))
        .map_err(|e| Error::io("<stdout>", e))?;
    if !created.updated.is_empty() {
        let updated: Vec<&str> = created.updated.iter().map(RepoPath::as_str).collect();
        crate::output::note(&format!("updated {}", updated.join(", ")));
    }
    if a.edit {
        open_editor(&created.path)?;
    }
    Ok(0)
}

/// What [`create`] wrote.
pub(crate) struct Created {
    /// The new file, absolute.
    pub path: PathBuf,
    /// The new file, from the workspace root.
    pub rel: RepoPath,
    /// The other ADRs it changed (their relations, their status), from the root.
    pub updated: Vec<RepoPath>,
}

/// The text a drafted ADR is written with, each part under its section of the template.
pub(crate) struct Body<'a> {
    /// Under Context (or Context and Problem Statement).
    pub context: &'a str,
    /// Under Decision (or Decision Outcome).
    pub decision: &'a str,
    /// Under Consequences.
    pub consequences: &'a str,
}

/// Creates the ADR `a` describes, under the directory lock, with the next number free in the
/// work tree and on every branch, and the relations it names written on both sides, all in one
/// transaction (`adrgov new`, and the MCP server's `draft_decision`, which gives its `body`).
pub(crate) fn create(ws: &Workspace, a: &NewArgs, body: Option<&Body<'_>>) -> Result<Created> {
    let title = a.title.trim().to_string();
    let slug = name::slugify(&title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{}` has no letters or digits to make a file name from; give a title with words",
            a.title
        )));
    }
    let date = today(a.date.as_deref())?;
    let source = new_source(ws, a.source.as_deref())?;
    let dir = match &source {
        Some(s) => ws.root.join(ws.dir_of(Some(s))),
        None => ws.adr_dir()?,
    };
    // Held until the file exists, so a concurrent `adrgov new` sees it and picks another number.
    let _lock = git::lock(&dir, ws.git()).map_err(|e| Error::io(&dir, e))?;
    let loaded = ws.load()?;
    let targets = relation_targets(&loaded, a)?;
    // The source's own ADRs decide the template, the naming and the next number.
    let scope = if source.is_some() {
        let own: Vec<bool> = loaded
            .entries
            .iter()
            .map(|e| e.adr().source == source)
            .collect();
        std::borrow::Cow::Owned(loaded.subset(&|i| own[i]))
    } else {
        std::borrow::Cow::Borrowed(&loaded)
    };
    let (tname, tsrc, dialect) = template_for(ws, &scope)?;
    let status = new_status(ws, a.status.as_deref(), dialect)?;
    let (file_name, number, id) = new_file_name(ws, &scope, source.as_deref(), date, &slug);
    let path = dir.join(&file_name);
    let rel = ws.rel(&path);
    let number = number.map_or(id.clone(), |n| n.to_string());
    let ctx = template_context(a, [&title, &number, &id, &status], date);
    let mut text = crate::templates::render(&tname, &tsrc, &ctx).map_err(|m| Error::File {
        path: tname.clone(),
        line: None,
        message: format!("template error: {m}"),
    })?;
    if let Some(b) = body {
        text = fill_sections(&text, b);
    }
    let text = governed(ws, &rel, &file_name, text, &a.governs)?;
    let file = NewFile {
        rel: rel.clone(),
        file_name,
        text,
        source,
    };
    let updated = commit_new(ws, &loaded, &targets, path.clone(), file)?;
    drop(_lock);
    Ok(Created { path, rel, updated })
}

/// The file [`create`] writes.
struct NewFile {
    rel: RepoPath,
    file_name: String,
    text: String,
    source: Option<String>,
}

/// Writes `file` at `path` and its relations to `targets` on both sides, in one transaction;
/// returns the other files it changed.
fn commit_new(
    ws: &Workspace,
    loaded: &Loaded,
    targets: &[(RelationKind, usize)],
    path: PathBuf,
    file: NewFile,
) -> Result<Vec<RepoPath>> {
    let NewFile {
        rel,
        file_name,
        mut text,
        source,
    } = file;
    let st = style(loaded);
    let mut new_adr = parse::parse(&rel, &file_name, &text, &ws.vocab).adr;
    new_adr.source = source;
    let mut pending = Transaction::new(ws, loaded);
    for (kind, i) in targets {
        let (fwd, back) = if *kind == RelationKind::Supersedes {
            (RelationKind::Supersedes, RelationKind::SupersededBy)
        } else {
            (RelationKind::Amends, RelationKind::AmendedBy)
        };
        let (Some(fwd), Some(back)) = (ws.vocab.kind_of(&fwd), ws.vocab.kind_of(&back)) else {
            continue;
        };
        let t_old = target_from(loaded.entries[*i].adr(), &rel);
        let t_new = target_from(&new_adr, &loaded.entries[*i].adr().path);
        let p = parse::parse(&rel, &file_name, &text, &ws.vocab);
        text = edit::add_relation(&text, &p, fwd, &t_old, st);
        pending.relation(*i, back, &t_new, st);
        if *kind == RelationKind::Supersedes {
            pending.superseded(*i);
        }
    }
    let updated = pending.paths();
    pending.create(path, text);
    pending.commit()?;
    Ok(updated)
}

/// The section names each part of a [`Body`] goes under (lower case, as the built-in templates
/// and MADR and adr-tools write them); a part whose section is missing gets one at the end.
const SECTIONS: [(&str, &[&str]); 3] = [
    (
        "Context",
        &[
            "context",
            "context and problem statement",
            "problem statement",
        ],
    ),
    ("Decision", &["decision", "decision outcome"]),
    ("Consequences", &["consequences"]),
];

/// `text` (a rendered template) with each part of `body` in place of the text of its section:
/// the lines between its heading and the next heading of any level, so a `### Consequences`
/// inside `## Decision Outcome` keeps its own.
fn fill_sections(text: &str, body: &Body<'_>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let parts = [body.context, body.decision, body.consequences];
    for ((title, names), part) in SECTIONS.iter().zip(parts) {
        let part = part.trim();
        let headings = heading_lines(&lines);
        let found = headings
            .iter()
            .position(|(_, name)| names.contains(&name.as_str()));
        let mut new: Vec<String> = vec![String::new()];
        new.extend(part.lines().map(str::to_string));
        match found {
            Some(k) => {
                let from = headings[k].0 + 1;
                let to = headings.get(k + 1).map_or(lines.len(), |h| h.0);
                if to < lines.len() {
                    new.push(String::new());
                }
                lines.splice(from..to, new);
            }
            None => {
                while lines.last().is_some_and(|l| l.trim().is_empty()) {
                    lines.pop();
                }
                lines.push(String::new());
                lines.push(format!("## {title}"));
                lines.extend(new);
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The ATX headings of `lines` outside code fences: line index and name (lower case, without
/// the `#`s and a trailing colon).
fn heading_lines(lines: &[String]) -> Vec<(usize, String)> {
    let mut fence = false;
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if fence || hashes == 0 || hashes > 6 || !t[hashes..].starts_with(' ') {
            continue;
        }
        let name = t[hashes..]
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_lowercase();
        out.push((i, name));
    }
    out
}

/// The source `new` writes into: `--source`, required when there are several.
fn new_source(ws: &Workspace, given: Option<&str>) -> Result<Option<String>> {
    match (given, ws.multi()) {
        (Some(s), _) => Ok(Some(ws.source_named(s)?.name.clone())),
        (None, true) => Err(Error::Usage(format!(
            "this repository has {} ADR sources; say which with --source NAME: {}",
            ws.sources.len(),
            ws.source_list()
        ))),
        (None, false) => Ok(None),
    }
}

/// The ADRs `--supersedes` and `--amends` name (each must be editable), with the kind.
fn relation_targets(loaded: &Loaded, a: &NewArgs) -> Result<Vec<(RelationKind, usize)>> {
    let mut targets = Vec::new();
    for (kind, list) in [
        (RelationKind::Supersedes, &a.supersedes),
        (RelationKind::Amends, &a.amends),
    ] {
        for r in list {
            let i = loaded.find(r)?;
            editable(&loaded.entries[i])?;
            targets.push((kind.clone(), i));
        }
    }
    Ok(targets)
}

/// The status of the new ADR: `--status` when given, else `accepted` for adr-tools
/// (Nygard) templates and `proposed` for the others; it must be a configured status.
fn new_status(ws: &Workspace, given: Option<&str>, dialect: Dialect) -> Result<String> {
    let status = match given {
        Some(s) => {
            normalize_status(s).ok_or_else(|| Error::Usage(format!("`{s}` is not a status")))?
        }
        None if dialect == Dialect::Nygard => "accepted".into(),
        None => "proposed".into(),
    };
    if !ws.config.statuses.contains(&status) {
        return Err(Error::Usage(format!(
            "unknown status `{status}`; the configured statuses are {}",
            ws.config.statuses.join(", ")
        )));
    }
    Ok(status)
}

/// The new ADR's file name, number (none when the directory names files by date) and id,
/// following the directory's naming; the number is one past the highest in the work tree
/// and on every branch.
fn new_file_name(
    ws: &Workspace,
    loaded: &Loaded,
    source: Option<&str>,
    date: chrono::NaiveDate,
    slug: &str,
) -> (String, Option<u32>, String) {
    let naming = naming(ws, loaded);
    if naming.dated {
        let id = format!("{}-{slug}", date.format("%Y%m%d"));
        (format!("{id}.md"), None, id)
    } else {
        let (on_branches, _) = git::numbers_on_branches(ws.git(), &ws.dir_of(source));
        let max = loaded
            .entries
            .iter()
            .filter_map(|e| e.adr().number)
            .chain(on_branches)
            .max();
        let n = max.map_or(1, |m| m + 1);
        let id = format!("{:0w$}", n, w = naming.width);
        (format!("{}{id}-{slug}.md", naming.prefix), Some(n), id)
    }
}

/// `path` relative to the current directory when it is below it.
fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    match cwd.as_ref().and_then(|c| path.strip_prefix(c).ok()) {
        Some(r) => r.display().to_string(),
        None => path.display().to_string(),
    }
}

/// Opens `path` in `$VISUAL` or `$EDITOR` (which may carry arguments, like `code -w`).
fn open_editor(path: &Path) -> Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|s| !s.trim().is_empty())
        });
    let Some(editor) = editor else {
        crate::output::warn("--edit: set $VISUAL or $EDITOR to open the new ADR in your editor");
        return Ok(());
    };
    let mut parts = editor.split_whitespace();
    let Some(prog) = parts.next() else {
        return Ok(());
    };
    let status = std::process::Command::new(prog)
        .args(parts)
        .arg(path)
        .status()
        .map_err(|source| Error::Editor {
            editor: editor.to_string(),
            source,
        })?;
    if !status.success() {
        crate::output::warn(&format!(
            "the editor `{editor}` exited with {status}; the ADR was created"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Body, fill_sections};

    const BODY: Body<'static> = Body {
        context: "Why.\n\nMore why.",
        decision: "What.",
        consequences: "- then this",
    };

    #[test]
    fn the_parts_go_under_their_sections_of_each_built_in_template() {
        let nygard = "# 1. T\n\nDate: d\n\n## Status\n\nProposed\n\n## Context\n\nThe issue.\n\n## Decision\n\nThe change.\n\n## Consequences\n\nWhat.\n";
        assert_eq!(
            fill_sections(nygard, &BODY),
            "# 1. T\n\nDate: d\n\n## Status\n\nProposed\n\n## Context\n\nWhy.\n\nMore why.\n\n## Decision\n\nWhat.\n\n## Consequences\n\n- then this\n"
        );
        // MADR: Decision Outcome keeps its own ### Consequences; other sections stay.
        let madr = "---\nstatus: proposed\n---\n# T\n\n## Context and Problem Statement\n\nDescribe.\n\n## Considered Options\n\n* Option 1\n\n## Decision Outcome\n\nChosen option.\n\n### Consequences\n\n* Good\n";
        assert_eq!(
            fill_sections(madr, &BODY),
            "---\nstatus: proposed\n---\n# T\n\n## Context and Problem Statement\n\nWhy.\n\nMore why.\n\n## Considered Options\n\n* Option 1\n\n## Decision Outcome\n\nWhat.\n\n### Consequences\n\n- then this\n"
        );
        // MADR 2 bullets has no Consequences: one is added at the end.
        let bullets = "# T\n\n- Status: proposed\n\n## Context and Problem Statement\n\nDescribe.\n\n## Decision Outcome\n\nChosen.\n\n";
        assert_eq!(
            fill_sections(bullets, &BODY),
            "# T\n\n- Status: proposed\n\n## Context and Problem Statement\n\nWhy.\n\nMore why.\n\n## Decision Outcome\n\nWhat.\n\n## Consequences\n\n- then this\n"
        );
    }

    #[test]
    fn headings_in_code_fences_and_decision_drivers_are_not_sections() {
        let t = "# T\n\n## Decision Drivers\n\n* fast\n\n## Context:\n\n```\n## Decision\n```\n\n## Decision\n\nx\n";
        assert_eq!(
            fill_sections(t, &BODY),
            "# T\n\n## Decision Drivers\n\n* fast\n\n## Context:\n\nWhy.\n\nMore why.\n\n## Decision\n\nWhat.\n\n## Consequences\n\n- then this\n"
        );
    }
}
