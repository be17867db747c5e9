//! Edits of several files as one: read, check every file, write all or none.
//!
//! A [`Transaction`] collects the new text of loaded ADRs (several edits to one file fold
//! together), new files, renames and edits of other files. [`Transaction::commit`] checks
//! every edited ADR with [`edit::verify`] before anything is written, then writes through
//! [`write::commit`]: every file is replaced atomically, and a failure restores the files
//! already replaced.

use super::write::{self, Change};
use super::{Entry, Loaded, Workspace};
use crate::error::{Error, Result};
use crate::parse::edit::{self, Intent, Style, Target};
use crate::parse::vocab::Kind;
use crate::parse::{self, Parsed};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How `adr` is named from another file.
pub fn target_of(adr: &crate::model::Adr) -> Target {
    let id = adr.local_id();
    let title = adr.title.clone().unwrap_or_else(|| id.to_string());
    match adr.number {
        Some(n) => Target {
            short: format!("ADR-{id}"),
            link_text: format!("{n}. {title}"),
            file: adr.file_name.clone(),
        },
        None => Target {
            short: id.to_string(),
            link_text: id.to_string(),
            file: adr.file_name.clone(),
        },
    }
}

/// How `adr` is named from the file at `from` (from the root): [`target_of`] in the same
/// directory; from another directory (another source) a relative path, in links and in
/// short references alike, with the qualified id in the link text.
pub fn target_from(adr: &crate::model::Adr, from: &str) -> Target {
    let dir = |p: &str| {
        p.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    };
    let mut t = target_of(adr);
    if dir(from) != dir(&adr.path) {
        let rel = super::links::relative(from, &adr.path);
        t.short = rel.clone();
        t.file = rel;
        if let Some(n) = adr.number {
            let title = adr.title.clone().unwrap_or_else(|| adr.id.clone());
            t.link_text = format!("{} {n}. {title}", adr.source.as_deref().unwrap_or("ADR"));
        }
    }
    t
}

/// Refuses to edit a file that is not valid UTF-8 or whose front matter does not parse.
pub fn editable(e: &Entry) -> Result<()> {
    if !e.editable {
        return Err(Error::File {
            path: e.adr().path.to_string(),
            line: None,
            message: "is not valid UTF-8; re-save it as UTF-8 before adrgov edits it (nothing was changed)".into(),
        });
    }
    if let Some(p) = e
        .adr()
        .problems
        .iter()
        .find(|p| p.kind == crate::model::ProblemKind::InvalidFrontMatter)
    {
        return Err(Error::File {
            path: p.path.to_string(),
            line: p.line,
            message: format!(
                "{}; fix it before adrgov edits this file (nothing was changed)",
                p.message
            ),
        });
    }
    Ok(())
}

/// How relations are written in this repository (`superceded`, when its ADRs spell it so).
pub fn style(loaded: &Loaded) -> Style {
    Style {
        superceded: loaded.uses_superceded(),
    }
}

/// [`edit::verify`] of `new` as the next text of `e`, as an error naming the file.
pub fn verify(ws: &Workspace, e: &Entry, new: &str, intent: &Intent) -> Result<()> {
    let a = e.adr();
    edit::verify(&a.path, &a.file_name, &e.text, new, &ws.vocab, intent).map_err(|message| {
        Error::File {
            path: a.path.to_string(),
            line: None,
            message,
        }
    })
}

/// The new text of one loaded ADR.
struct Edit {
    text: String,
    /// Checked by [`edit::verify`] before the write (a renumbering rewrites references,
    /// titles included, and is not).
    verify: bool,
    /// What the edits of this file meant to write (checked by [`edit::verify`]).
    intent: Intent,
}

/// Pending changes to the files of one loaded repository, written all or none.
pub struct Transaction<'a> {
    ws: &'a Workspace,
    loaded: &'a Loaded,
    /// New files and renames, written first.
    first: Vec<Change>,
    /// Loaded ADRs by index.
    files: BTreeMap<usize, Edit>,
    /// Other files (index, README), written last.
    last: Vec<Change>,
}

impl<'a> Transaction<'a> {
    /// An empty transaction on `loaded`.
    pub fn new(ws: &'a Workspace, loaded: &'a Loaded) -> Transaction<'a> {
        Transaction {
            ws,
            loaded,
            first: Vec::new(),
            files: BTreeMap::new(),
            last: Vec::new(),
        }
    }

    /// The text entry `i` will have (its text on disk when nothing changed it yet).
    pub fn text(&self, i: usize) -> &str {
        self.files
            .get(&i)
            .map_or(&self.loaded.entries[i].text, |e| e.text.as_str())
    }

    /// Edits entry `i`: `f` gets its current pending text, parsed, and returns the next.
    pub fn apply(&mut self, i: usize, f: impl FnOnce(&str, &Parsed) -> String) {
        let e = &self.loaded.entries[i];
        let cur = self.text(i).to_string();
        let p = parse::parse(&e.adr().path, &e.adr().file_name, &cur, &self.ws.vocab);
        let text = f(&cur, &p);
        let (verify, intent) = match self.files.remove(&i) {
            Some(e) => (e.verify, e.intent),
            None => (true, Intent::default()),
        };
        self.files.insert(
            i,
            Edit {
                text,
                verify,
                intent,
            },
        );
    }

    /// Adds the relation `kind` → `target` to ADR `i` (checked to read back before writing).
    pub fn relation(&mut self, i: usize, kind: &Kind, target: &Target, style: Style) {
        self.apply(i, |text, parsed| {
            edit::add_relation(text, parsed, kind, target, style)
        });
        self.intend(i, Intent::relation(kind, target));
    }

    /// Makes ADR `i`'s status `superseded` (unless it already is).
    pub fn superseded(&mut self, i: usize) {
        self.apply(i, |text, parsed| {
            if parsed.adr.status.as_deref() == Some("superseded") {
                text.to_string()
            } else {
                edit::set_status(text, parsed, "superseded")
            }
        });
        self.intend(i, Intent::status("superseded"));
    }

    /// Sets ADR `i`'s status to `status` (normalized), checked to read back.
    pub fn status(&mut self, i: usize, status: &str) {
        self.apply(i, |text, parsed| edit::set_status(text, parsed, status));
        self.intend(i, Intent::status(status));
    }

    fn intend(&mut self, i: usize, intent: Intent) {
        if let Some(e) = self.files.get_mut(&i) {
            e.intent = std::mem::take(&mut e.intent).and(intent);
        }
    }

    /// Sets the text of entry `i` without [`edit::verify`] (a renumbering, which may change
    /// a title on purpose).
    pub fn rewrite(&mut self, i: usize, text: String) {
        self.files.insert(
            i,
            Edit {
                text,
                verify: false,
                intent: Intent::default(),
            },
        );
    }

    /// Creates a file that must not exist yet.
    pub fn create(&mut self, path: PathBuf, content: String) {
        self.first.push(Change::create(path, content));
    }

    /// Moves entry `i` to `path` (which must not exist) with `content`.
    pub fn rename(&mut self, i: usize, path: PathBuf, content: String) {
        self.first.push(Change {
            path,
            expect: None,
            content,
            remove: Some(self.loaded.entries[i].abs.clone()),
        });
    }

    /// Replaces a file that is not a loaded ADR, which must still read `old`.
    pub fn edit_other(&mut self, path: PathBuf, old: &str, new: String) {
        self.last.push(Change::edit(path, old, new));
    }

    /// Creates a file that is not a loaded ADR, written with the other files.
    pub fn create_other(&mut self, path: PathBuf, content: String) {
        self.last.push(Change::create(path, content));
    }

    /// Paths (from the root) of the loaded ADRs whose text changes.
    pub fn paths(&self) -> Vec<crate::model::RepoPath> {
        self.files
            .iter()
            .filter(|(i, e)| e.text != self.loaded.entries[**i].text)
            .map(|(i, _)| self.loaded.entries[*i].adr().path.clone())
            .collect()
    }

    /// The writes: new files and renames, then the ADRs whose text changes (each checked by
    /// [`edit::verify`] unless rewritten; an edit that would break a file is refused, and
    /// nothing is written), then the other files.
    pub fn changes(self) -> Result<Vec<Change>> {
        let mut out = self.first;
        for (i, edit) in self.files {
            let e = &self.loaded.entries[i];
            if edit.text == e.text {
                continue;
            }
            if edit.verify {
                verify(self.ws, e, &edit.text, &edit.intent)?;
            }
            out.push(Change::edit(e.abs.clone(), &e.text, edit.text));
        }
        out.extend(self.last);
        Ok(out)
    }

    /// Checks every change, then writes all of them or none; returns how many files were
    /// written (0: nothing changes, and nothing is touched).
    pub fn commit(self) -> Result<usize> {
        let changes = self.changes()?;
        let n = changes.len();
        if n > 0 {
            write::commit(changes)?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]
    use super::*;

    const A: &str =
        "# 1. Use queues\n\nDate: 2024-01-02\n\n## Status\n\nProposed\n\n## Context\n\nx\n";
    const B: &str = "# 2. Use caches\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\n## Context\n\nSee [1. Use queues](0001-use-queues.md).\n";

    fn repo(files: &[(&str, &str)]) -> (tempfile::TempDir, Workspace) {
        let t = tempfile::tempdir().expect("tempdir");
        for (n, c) in files {
            let p = t.path().join(n);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, c).expect("write");
        }
        let ws = Workspace::discover(t.path()).expect("ws");
        (t, ws)
    }

    fn read(t: &tempfile::TempDir, p: &str) -> String {
        std::fs::read_to_string(t.path().join(p)).expect("read")
    }

    const FILES: [(&str, &str); 2] = [
        ("doc/adr/0001-use-queues.md", A),
        ("doc/adr/0002-use-caches.md", B),
    ];

    #[test]
    fn edits_of_one_file_fold_together_and_every_file_is_written() {
        let (t, ws) = repo(&FILES);
        let loaded = ws.load().expect("load");
        let mut tx = Transaction::new(&ws, &loaded);
        let by = ws.vocab.kind("superseded-by").expect("kind");
        let sup = ws.vocab.kind("supersedes").expect("kind");
        let (ta, tb) = (
            target_of(loaded.entries[0].adr()),
            target_of(loaded.entries[1].adr()),
        );
        let st = style(&loaded);
        tx.apply(0, |text, p| edit::set_status(text, p, "superseded"));
        tx.apply(0, |text, p| edit::add_relation(text, p, by, &tb, st));
        tx.apply(1, |text, p| edit::add_relation(text, p, sup, &ta, st));
        assert_eq!(
            tx.paths(),
            vec![
                "doc/adr/0001-use-queues.md".to_string(),
                "doc/adr/0002-use-caches.md".to_string()
            ]
        );
        assert_eq!(tx.commit().expect("commit"), 2);
        assert_eq!(
            read(&t, "doc/adr/0001-use-queues.md"),
            "# 1. Use queues\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [2. Use caches](0002-use-caches.md)\n\n## Context\n\nx\n"
        );
        assert_eq!(
            read(&t, "doc/adr/0002-use-caches.md"),
            "# 2. Use caches\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\nSupersedes [1. Use queues](0001-use-queues.md)\n\n## Context\n\nSee [1. Use queues](0001-use-queues.md).\n"
        );
    }

    #[test]
    fn an_edit_that_changes_a_title_is_refused_and_nothing_is_written() {
        let (t, ws) = repo(&FILES);
        let loaded = ws.load().expect("load");
        let mut tx = Transaction::new(&ws, &loaded);
        tx.apply(0, |text, p| edit::set_status(text, p, "accepted"));
        tx.apply(1, |text, _| {
            text.replace("# 2. Use caches", "# 2. Use memcached")
        });
        let err = tx.commit().expect_err("refused");
        assert_eq!(
            err.to_string(),
            "doc/adr/0002-use-caches.md: the edit would change the file's title; nothing was changed: make the edit by hand"
        );
        assert_eq!(read(&t, "doc/adr/0001-use-queues.md"), A);
        assert_eq!(read(&t, "doc/adr/0002-use-caches.md"), B);
    }

    #[test]
    fn nothing_changes_nothing_is_written() {
        let (t, ws) = repo(&FILES);
        let loaded = ws.load().expect("load");
        let mut tx = Transaction::new(&ws, &loaded);
        tx.apply(1, |text, p| edit::set_status(text, p, "accepted"));
        assert_eq!(tx.paths(), Vec::<String>::new());
        assert_eq!(tx.commit().expect("commit"), 0);
        assert_eq!(read(&t, "doc/adr/0002-use-caches.md"), B);
    }

    #[test]
    fn a_rename_a_rewrite_and_another_file_are_written_together() {
        let index = "# Index\n\n* [1. Use queues](0001-use-queues.md)\n";
        let (t, ws) = repo(&[FILES[0], FILES[1], ("doc/adr/index.md", index)]);
        let loaded = ws.load().expect("load");
        let mut tx = Transaction::new(&ws, &loaded);
        let dir = t.path().join("doc/adr");
        tx.rename(0, dir.join("0003-use-queues.md"), A.replace("# 1.", "# 3."));
        // A renumbering may rewrite a title: not verified.
        tx.rewrite(
            1,
            B.replace("# 2. Use caches", "# 2. Use caches (after 3)")
                .replace("[1. Use queues](0001-", "[3. Use queues](0003-"),
        );
        tx.edit_other(
            dir.join("index.md"),
            index,
            index.replace("[1. Use queues](0001-", "[3. Use queues](0003-"),
        );
        assert_eq!(tx.commit().expect("commit"), 3);
        assert!(!dir.join("0001-use-queues.md").exists());
        assert_eq!(
            read(&t, "doc/adr/0003-use-queues.md"),
            A.replace("# 1.", "# 3.")
        );
        assert_eq!(
            read(&t, "doc/adr/0002-use-caches.md"),
            "# 2. Use caches (after 3)\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\n## Context\n\nSee [3. Use queues](0003-use-queues.md).\n"
        );
        assert_eq!(
            read(&t, "doc/adr/index.md"),
            "# Index\n\n* [3. Use queues](0003-use-queues.md)\n"
        );
    }

    #[test]
    fn a_file_changed_on_disk_meanwhile_stops_every_write() {
        let (t, ws) = repo(&FILES);
        let loaded = ws.load().expect("load");
        let mut tx = Transaction::new(&ws, &loaded);
        tx.apply(0, |text, p| edit::set_status(text, p, "accepted"));
        tx.apply(1, |text, p| edit::set_status(text, p, "deprecated"));
        let other = B.replace("See", "Read");
        std::fs::write(t.path().join("doc/adr/0002-use-caches.md"), &other).expect("write");
        let err = tx.commit().expect_err("refused");
        assert!(
            err.to_string().ends_with(
                "0002-use-caches.md: changed on disk while adrgov was working; nothing was written, run the command again"
            ),
            "{err}"
        );
        assert_eq!(read(&t, "doc/adr/0001-use-queues.md"), A);
        assert_eq!(read(&t, "doc/adr/0002-use-caches.md"), other);
    }
}
