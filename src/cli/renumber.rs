//! `adrgov renumber OLD NEW`: rename an ADR file and rewrite every reference to it, in one
//! all-or-nothing write.

use crate::error::{Error, Result};
use crate::parse::{self, edit};
use crate::repo::transaction::{Transaction, editable};
use crate::repo::{Loaded, Workspace, git};

/// Arguments of `adrgov renumber`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov renumber 42 43\n  adrgov renumber 0042-use-kafka.md 44   # when two ADRs share number 42\n\n\
The file is renamed, the number in its title changes, and every link to it (and every\n\
`ADR-0042` on a relation line, when the number was not shared) is rewritten."
)]
pub struct Args {
    /// The ADR to renumber: number, or file name when the number is shared.
    pub old: String,
    /// The new number; must be free in the work tree and on every branch.
    pub new: String,
}

pub(super) fn run(ws: &Workspace, a: Args) -> Result<u8> {
    let loaded = ws.load()?;
    let i = loaded.find(&a.old)?;
    let e = &loaded.entries[i];
    let adr = e.adr();
    let Some(old_n) = adr.number else {
        return Err(Error::Usage(format!(
            "{} has no number to change (its id is its slug)",
            adr.path
        )));
    };
    let new_n = free_number(ws, &loaded, &a.new, adr.source.as_deref(), old_n)?;
    let f = parse::name::parse_file_name(&adr.file_name);
    let new_digits = format!("{:0w$}", new_n, w = f.digits.len());
    let rest = &adr.file_name[f.prefix.len() + f.digits.len()..];
    let new_file = format!("{}{}{}", f.prefix, new_digits, rest);
    let new_path = e.abs.with_file_name(&new_file);
    if new_path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists",
            ws.rel(&new_path)
        )));
    }
    let r = edit::Renumber {
        old_file: &adr.file_name,
        new_file: &new_file,
        old_number: old_n,
        new_number: new_n,
        new_digits: &new_digits,
        numbers: loaded.with_number(adr.source.as_deref(), old_n).len() == 1,
    };
    // A bare number names an ADR of the referring file's own source: other sources keep
    // theirs (their links to this file are still rewritten).
    let other_sources = edit::Renumber {
        numbers: false,
        ..r.clone()
    };
    let refs_of = |other: &crate::repo::Entry| {
        if other.adr().source == adr.source {
            &r
        } else {
            &other_sources
        }
    };
    for (j, other) in loaded.entries.iter().enumerate() {
        if j != i
            && edit::renumber_refs(&other.text, &other.parsed, refs_of(other), false) != other.text
        {
            editable(other)?;
        }
    }
    editable(e)?;
    let own = edit::renumber_refs(&e.text, &e.parsed, &r, true);
    let mut tx = Transaction::new(ws, &loaded);
    tx.rename(i, new_path.clone(), own);
    let mut touched = Vec::new();
    for (j, other) in loaded.entries.iter().enumerate() {
        if j == i {
            continue;
        }
        let t = edit::renumber_refs(&other.text, &other.parsed, refs_of(other), false);
        if t != other.text {
            touched.push(other.adr().path.clone());
            tx.rewrite(j, t);
        }
    }
    rewrite_other_files(ws, &loaded, &r, &mut tx, &mut touched);
    tx.commit()?;
    crate::output::note(&format!("renamed {} → {}", adr.path, ws.rel(&new_path)));
    if !touched.is_empty() {
        crate::output::note(&format!("rewrote references in {}", touched.join(", ")));
    }
    Ok(0)
}

/// The new number `new` as written, when it is a number no ADR has in the work tree and
/// no branch uses (`old_n`, the ADR's own number, may be reused).
fn free_number(
    ws: &Workspace,
    loaded: &Loaded,
    new: &str,
    source: Option<&str>,
    old_n: u32,
) -> Result<u32> {
    let new_n = crate::model::number_in_ref(new)
        .ok_or_else(|| Error::Usage(format!("`{new}` is not a number")))?;
    if let Some(&j) = loaded.with_number(source, new_n).first() {
        return Err(Error::Usage(format!(
            "number {new_n} is taken by {}; pick a free number",
            loaded.entries[j].adr().path
        )));
    }
    let (on_branches, _) = git::numbers_on_branches(ws.git(), &ws.dir_of(source));
    if on_branches.contains(&new_n) && new_n != old_n {
        return Err(Error::Usage(format!(
            "number {new_n} is used on another branch; pick a number no branch uses (e.g. {})",
            on_branches.iter().max().map_or(new_n, |m| m + 1).max(
                loaded
                    .in_source(source)
                    .filter_map(|e| e.adr().number)
                    .max()
                    .unwrap_or(0)
                    + 1
            )
        )));
    }
    Ok(new_n)
}

/// Index, README and toc files in the ADR directory link to ADRs too: rewrites their
/// references in `tx`, adding each file changed to `touched`.
fn rewrite_other_files(
    ws: &Workspace,
    loaded: &Loaded,
    r: &edit::Renumber<'_>,
    tx: &mut Transaction<'_>,
    touched: &mut Vec<crate::model::RepoPath>,
) {
    for p in &loaded.others {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let rel = ws.rel(p);
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let parsed = parse::parse(&rel, &name, &text, &ws.vocab);
        let rr = edit::Renumber {
            numbers: false,
            ..r.clone()
        };
        let t = edit::renumber_refs(&text, &parsed, &rr, false);
        if t != text {
            touched.push(rel);
            tx.edit_other(p.clone(), &text, t);
        }
    }
}
