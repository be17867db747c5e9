//! `adrgov check`: the hygiene rules, for CI.

use crate::check::report::{Github, Human, Json, Report, Sarif};
use crate::check::{self, Base, Levels, RuleId, Summary};
use crate::error::{Error, Result};
use crate::model::RepoPath;
use crate::repo::{Workspace, links};
use std::path::Path;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Like rustc: `error[rule]: path:line: message`, with hints.
    Human,
    /// `{"findings": [...], "summary": {...}}` (stable).
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Arguments of `adrgov check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov check\n  adrgov check --changed-since origin/main --format github     # in a pull request\n  adrgov check --format sarif > adrgov.sarif\n  adrgov check --fix\n  adrgov check --allow file-name --error stale-proposal\n  adrgov check --list-rules\n\n\
Exit codes: 0 no error-level finding (warnings are fine), 1 error-level findings, 2 adrgov\n\
could not run. Levels come from [check] in adrgov.toml, then --error/--warn/--allow."
)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Pull-request mode: report only ADRs changed since REV, flag ADRs added since REV whose
    /// number REV already has (number-collision), and note each changed file a decision in
    /// force governs (governed-change).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Apply the safe fixes (missing inverse relations, status of superseded ADRs, the toc
    /// file, links to ADR files that git history shows renamed) with surgical edits, then
    /// report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Make a rule an error; repeatable.
    #[arg(long, value_name = "RULE", hide_possible_values = true)]
    pub error: Vec<RuleId>,
    /// Make a rule a warning; repeatable.
    #[arg(long, value_name = "RULE", hide_possible_values = true)]
    pub warn: Vec<RuleId>,
    /// Turn a rule off; repeatable.
    #[arg(long, value_name = "RULE", hide_possible_values = true)]
    pub allow: Vec<RuleId>,
    /// Skip the rules that need git history (accepted-edited, stale-proposal).
    #[arg(long)]
    pub no_history: bool,
    /// List the rules (with --format json: as JSON) and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Only the ADRs of this source (a repository with several ADR directories).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    if a.list_rules {
        return list_rules(a.format);
    }
    let levels = Levels::new(ws, &a.error, &a.warn, &a.allow)?;
    let only = a
        .source
        .as_deref()
        .map(|s| ws.source_named(s).map(|s| format!("{}/", s.dir)))
        .transpose()?;
    let base = match &a.changed_since {
        Some(rev) => Some(read_base(ws, rev)?),
        None => None,
    };
    let today = crate::history::today::now();
    let rules_need_history = !a.no_history && check::rules::needs_history(&levels);
    let (mut loaded, ahead) =
        super::load_ahead(ws, super::HistoryNeed::every_if(rules_need_history))?;
    let history = history_for(ws, &loaded, &levels, a.no_history, ahead);
    if a.fix {
        // Links first: the other fixes then see the relations they repair.
        let fixed = check::fix::links(ws, &loaded, &levels, history.as_ref())?;
        print_fixed(&fixed);
        if fixed.files > 0 {
            loaded = ws.load()?;
        }
        let fixed = check::fix::rules(ws, &loaded, &levels, base.as_ref(), today)?;
        print_fixed(&fixed);
        if fixed.files > 0 {
            loaded = ws.load()?;
        }
    }
    let mut findings =
        check::check_loaded(ws, &loaded, &levels, base.as_ref(), history.as_ref(), today);
    let mut files = loaded.entries.len();
    if let Some(dir) = &only {
        // The rules run over every source (relations cross them); the report is the source's.
        findings.retain(|f| f.path.starts_with(dir.as_str()));
        files = loaded
            .entries
            .iter()
            .filter(|e| e.adr().path.starts_with(dir.as_str()))
            .count();
    }
    let summary = Summary::of(&findings, files);
    let report: Box<dyn Report> = match a.format {
        CheckFormat::Human => Box::new(Human {
            color: crate::output::color_stdout(),
        }),
        CheckFormat::Json => Box::new(Json),
        CheckFormat::Github => Box::new(Github),
        CheckFormat::Sarif => Box::new(Sarif),
    };
    crate::output::print(&report.render(&findings, summary))
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(if summary.errors > 0 {
        crate::EXIT_FINDINGS
    } else {
        crate::EXIT_OK
    })
}

/// The git history the enabled rules need, if any. History also says where a linked file that
/// is gone went (fixes read it too; they change no ADR's path, so it is read once).
pub(super) fn history_for(
    ws: &Workspace,
    loaded: &crate::repo::Loaded,
    levels: &Levels,
    no_history: bool,
    ahead: Option<crate::history::Ahead>,
) -> Option<crate::history::History> {
    let links_moved = levels.enabled(RuleId::BrokenReference) && links::any_missing(ws, loaded);
    (!no_history && (check::rules::needs_history(levels) || links_moved))
        .then(|| super::read_history(ws, loaded, ahead))
}

fn list_rules(format: CheckFormat) -> Result<u8> {
    let rules = check::rules::all();
    let out = if format == CheckFormat::Json {
        serde_json::to_string_pretty(&rules)? + "\n"
    } else {
        let w = rules
            .iter()
            .map(|r| r.id.as_str().len())
            .max()
            .unwrap_or(10);
        let mut s = String::new();
        for r in &rules {
            let level = r.level.name();
            let mut notes = Vec::new();
            if r.fixable {
                notes.push("fixable".to_string());
            }
            if r.history {
                notes.push("history".to_string());
            }
            if !r.options.is_empty() {
                notes.push(r.options.to_string());
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", notes.join("; "))
            };
            s.push_str(&format!(
                "{:w$}  {:5}  {}{}\n",
                r.id, level, r.description, notes
            ));
        }
        s
    };
    crate::output::print(&out).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}

/// The base revision's ADR files and numbers, and what changed since (committed, staged,
/// unstaged, untracked), read with git2.
pub(super) fn read_base(ws: &Workspace, rev: &str) -> Result<Base> {
    let git = ws
        .git()
        .ok_or_else(|| Error::Usage("--changed-since needs a git repository".into()))?;
    let prefix = git
        .root_in_workdir()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    git.with(|repo| read_base_in(ws, repo, &prefix, rev))
}

/// [`read_base`] in the repository, whose work tree holds the root at `prefix`.
fn read_base_in(ws: &Workspace, repo: &git2::Repository, prefix: &Path, rev: &str) -> Result<Base> {
    let obj = repo.revparse_single(rev).map_err(|e| {
        let shallow = if repo.is_shallow() {
            " (this is a shallow clone: fetch the base, e.g. actions/checkout with fetch-depth: 0)"
        } else {
            ""
        };
        Error::Usage(format!(
            "--changed-since: unknown revision `{rev}`: {}{shallow}",
            e.message()
        ))
    })?;
    let tree = obj.peel_to_tree()?;
    let to_root =
        |p: &Path| -> Option<RepoPath> { p.strip_prefix(prefix).ok().map(RepoPath::from_path) };
    let mut base = Base {
        rev: rev.to_string(),
        ..Base::default()
    };
    for dir_rel in ws.dirs() {
        let git_dir = if dir_rel == "." {
            prefix.to_path_buf()
        } else {
            prefix.join(&dir_rel)
        };
        let sub = if git_dir.as_os_str().is_empty() {
            Some(tree.clone())
        } else {
            tree.get_path(&git_dir)
                .ok()
                .and_then(|e| e.to_object(repo).ok())
                .and_then(|o| o.into_tree().ok())
        };
        if let Some(sub) = sub {
            for e in sub.iter() {
                let Ok(name) = e.name() else { continue };
                if !name.ends_with(".md") || crate::parse::name::is_excluded(name) {
                    continue;
                }
                let Some(path) = to_root(&git_dir.join(name)) else {
                    continue;
                };
                if let Some(n) = crate::parse::name::parse_file_name(name).number {
                    base.numbers.entry(n).or_default().push(path.clone());
                }
                base.paths.insert(path);
            }
        }
    }
    // Every file of the workspace changed since (the ADRs' findings, `governed-change`).
    let mut opts = git2::DiffOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    if !prefix.as_os_str().is_empty() {
        opts.pathspec(prefix.to_string_lossy().as_ref());
    }
    let diff = repo.diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))?;
    for d in diff.deltas() {
        for f in [d.new_file(), d.old_file()] {
            if let Some(p) = f.path().and_then(to_root) {
                base.changed.insert(p);
            }
        }
    }
    Ok(base)
}

fn print_fixed(fixed: &check::fix::Fixed) {
    for note in &fixed.notes {
        crate::output::note(&format!("fixed: {note}"));
    }
}
