//! Atomic, all-or-nothing writes of one or more files.
//!
//! Every file is written to a temporary file in its own directory, synced, then renamed over
//! the old one. A command changing several files prepares all temporaries first; if putting
//! one in place fails, the files already replaced are restored.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file to write.
#[derive(Debug, Clone)]
pub struct Change {
    /// Absolute path the content goes to.
    pub path: PathBuf,
    /// The content the file must still have (checked before writing); `None` for a new file,
    /// which must not exist.
    pub expect: Option<String>,
    /// New content.
    pub content: String,
    /// For a rename: the old path, removed once the new file is in place.
    pub remove: Option<PathBuf>,
}

impl Change {
    /// An edit of an existing file.
    pub fn edit(path: PathBuf, old: &str, new: String) -> Change {
        Change {
            path,
            expect: Some(old.to_string()),
            content: new,
            remove: None,
        }
    }

    /// A new file (exclusive create).
    pub fn create(path: PathBuf, content: String) -> Change {
        Change {
            path,
            expect: None,
            content,
            remove: None,
        }
    }
}

/// A temporary file beside `path` holding `content`, flushed to disk when `sync`, with the
/// permissions `path` has (or will have).
fn temp_for(path: &Path, content: &[u8], sync: bool) -> Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(content)
        .map_err(|e| Error::io(tmp.path(), e))?;
    if sync {
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(tmp.path(), e))?;
    }
    give_permissions(tmp.path(), path);
    Ok(tmp)
}

/// Puts `content` at `path` atomically (a reader sees the old file or the new one, never part
/// of it), creating or replacing it, without syncing to disk: for generated output such as the
/// site, which a crash at worst leaves to be built again.
pub fn replace(path: &Path, content: &[u8]) -> Result<()> {
    let tmp = temp_for(path, content, false)?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Gives the temporary file `tmp` the permissions of the file it will replace, or, for a new
/// file, those of an ordinary file (`rw-r--r--`) rather than the temp file's private ones.
fn give_permissions(tmp: &Path, replaces: &Path) {
    if let Ok(meta) = std::fs::metadata(replaces) {
        let _ = std::fs::set_permissions(tmp, meta.permissions());
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o644));
    }
}

/// Temporary files start with this, then the writer's process id.
const TEMP_PREFIX: &str = ".adrgov-";

/// Removes temporary files that a killed adrgov left in `dir`: those whose process is gone
/// (Linux: no `/proc/PID`), elsewhere those older than an hour. Failures are ignored.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let proc_fs = Path::new("/proc/self").exists();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        if !name.ends_with(".tmp") {
            continue;
        }
        let pid: Option<u32> = rest.split('-').next().and_then(|p| p.parse().ok());
        let stale = match pid {
            Some(pid) if proc_fs => {
                pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
            }
            _ => e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(3600)),
        };
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes every change, or none. Changes whose content equals what is on disk are skipped.
pub fn commit(changes: Vec<Change>) -> Result<()> {
    let mut dirs: Vec<&Path> = changes.iter().filter_map(|c| c.path.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        remove_stale_temps(d);
    }
    let mut staged = Vec::new();
    for c in changes {
        if let Some(expect) = &c.expect {
            let now = std::fs::read(&c.path).map_err(|e| Error::io(&c.path, e))?;
            if now != expect.as_bytes() {
                return Err(Error::File {
                    path: c.path.display().to_string(),
                    line: None,
                    message: "changed on disk while adrgov was working; nothing was written, run the command again".into(),
                });
            }
            if c.remove.is_none() && *expect == c.content {
                continue;
            }
        } else if c.path.exists() {
            return Err(Error::File {
                path: c.path.display().to_string(),
                line: None,
                message: "already exists; nothing was written".into(),
            });
        }
        let tmp = temp_for(&c.path, c.content.as_bytes(), true)?;
        staged.push((c, tmp));
    }
    let mut failure = None;
    let mut persisted: Vec<Change> = Vec::new();
    for (c, tmp) in staged {
        let r = if c.expect.is_none() {
            tmp.persist_noclobber(&c.path)
                .map(|_| ())
                .map_err(|e| e.error)
        } else {
            tmp.persist(&c.path).map(|_| ()).map_err(|e| e.error)
        };
        match r {
            Ok(()) => persisted.push(c),
            Err(e) => {
                failure = Some(Error::io(&c.path, e));
                break;
            }
        }
    }
    if let Some(err) = failure {
        rollback(&persisted);
        return Err(err);
    }
    for c in &persisted {
        if let Some(old) = &c.remove
            && old != &c.path
        {
            std::fs::remove_file(old).map_err(|e| Error::io(old, e))?;
        }
    }
    if let Some(c) = persisted.first()
        && let Some(dir) = c.path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

fn rollback(persisted: &[Change]) {
    for c in persisted.iter().rev() {
        match &c.expect {
            Some(old) if c.remove.is_none() => {
                if let Ok(tmp) = temp_for(&c.path, old.as_bytes(), true) {
                    let _ = tmp.persist(&c.path);
                }
            }
            _ => {
                let _ = std::fs::remove_file(&c.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_creates_then_replaces_keeping_permissions_and_leaves_no_temporary() {
        let t = tempfile::tempdir().expect("tempdir");
        let p = t.path().join("page.html");
        replace(&p, b"<p>one</p>").expect("create");
        assert_eq!(std::fs::read(&p).expect("read"), b"<p>one</p>");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&p), 0o644);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).expect("chmod");
            replace(&p, b"<p>two</p>").expect("replace");
            assert_eq!(mode(&p), 0o600);
        }
        #[cfg(not(unix))]
        replace(&p, b"<p>two</p>").expect("replace");
        assert_eq!(std::fs::read(&p).expect("read"), b"<p>two</p>");
        let names: Vec<String> = std::fs::read_dir(t.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["page.html".to_string()]);
    }

    #[test]
    fn replace_into_a_missing_directory_names_it() {
        let t = tempfile::tempdir().expect("tempdir");
        let p = t.path().join("missing/page.html");
        let e = replace(&p, b"x").expect_err("no directory");
        // The directory, what the OS said, then (from tempfile) the temporary's own name.
        let want = format!(
            "{}: No such file or directory (os error 2) at path ",
            t.path().join("missing").display()
        );
        assert!(e.to_string().starts_with(&want), "{e}");
    }
}
