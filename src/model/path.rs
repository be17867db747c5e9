//! [`RepoPath`]: a path relative to the repository (workspace) root, the one form every layer
//! carries (ADR paths, history's paths, link targets, findings, the site's pages).

use serde::Serialize;
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::path::{Component, Path};

/// A path relative to the repository root: `/`-separated, never absolute, without `.` or empty
/// components (`docs/adr/0001-x.md`; `""` is the root itself). `..` components are kept as
/// written (the repository layer resolves a link leaving its directory).
///
/// It reads as a `str` (`Deref`, `Borrow<str>`: a `HashMap<RepoPath, _>` is looked up by
/// `&str`), compares with strings, and serializes as a plain string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RepoPath(String);

impl RepoPath {
    /// `path` normalized: `\` becomes `/`, and `.` components (a leading `./`), empty ones
    /// (`a//b`, a leading or trailing `/`) are dropped. A clean path is kept as it is.
    pub fn new(path: impl Into<String>) -> RepoPath {
        let path = path.into();
        if is_clean(&path) {
            return RepoPath(path);
        }
        RepoPath::from_parts(path.replace('\\', "/").split('/'))
    }

    /// A relative [`Path`] as a repository path: its components joined by `/` (on Windows
    /// both separators split; elsewhere a `\` is part of a name), read as UTF-8 lossily; `.`
    /// and a root or drive prefix are dropped.
    pub fn from_path(path: &Path) -> RepoPath {
        RepoPath::from_parts(path.components().filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy()),
            Component::ParentDir => Some("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        }))
    }

    /// The path of these components (names, or `..`), joined by `/`; empty and `.` ones are
    /// dropped, and a `\` in a name is kept (it is part of the name).
    pub fn from_parts<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> RepoPath {
        let mut out = String::new();
        for part in parts {
            let part = part.as_ref();
            if part.is_empty() || part == "." {
                continue;
            }
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(part);
        }
        RepoPath(out)
    }

    /// The path as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The last component (`0001-x.md` of `docs/adr/0001-x.md`; the whole of a top-level
    /// path).
    pub fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, n)| n)
    }

    /// The directory holding the path, as a string (`docs/adr` of `docs/adr/0001-x.md`; `""`
    /// for a top-level path).
    pub fn dir(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// The directory holding the path (the root `""` for a top-level path); `None` for the
    /// root itself.
    pub fn parent(&self) -> Option<RepoPath> {
        (!self.0.is_empty()).then(|| RepoPath(self.dir().to_string()))
    }

    /// `name` (one component or a relative path) inside this directory, normalized.
    pub fn join(&self, name: &str) -> RepoPath {
        if self.0.is_empty() {
            RepoPath::new(name)
        } else {
            RepoPath::new(format!("{}/{name}", self.0))
        }
    }

    /// Whether the path is inside directory `dir` (`/`-separated from the root, at any
    /// depth), or is `dir` itself; everything is inside the root (`""` or `.`).
    pub fn starts_with_dir(&self, dir: &str) -> bool {
        let dir = dir.trim_end_matches('/');
        if dir.is_empty() || dir == "." {
            return true;
        }
        self.0
            .strip_prefix(dir)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }
}

/// Whether `p` is already in normal form (the common case: no allocation, no copy).
fn is_clean(p: &str) -> bool {
    // Every component non-empty (no leading, trailing or double `/`), none `.`, no `\\`: one
    // pass over the bytes.
    let b = p.as_bytes();
    if b.is_empty() {
        return true;
    }
    if memchr::memchr(b'\\', b).is_some() {
        return false;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'/', b).chain(std::iter::once(b.len())) {
        let c = &b[start..end];
        if c.is_empty() || c == b"." {
            return false;
        }
        start = end + 1;
    }
    true
}

impl fmt::Display for RepoPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As a string's (`"docs/adr/0001-x.md"`), so debug output is what it was with `String`s.
impl fmt::Debug for RepoPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// As the string's hash, as `Borrow<str>` requires.
impl std::hash::Hash for RepoPath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_str().hash(state);
    }
}

impl Deref for RepoPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for RepoPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RepoPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<Path> for RepoPath {
    fn as_ref(&self) -> &Path {
        Path::new(&self.0)
    }
}

impl From<&str> for RepoPath {
    fn from(s: &str) -> RepoPath {
        RepoPath::new(s)
    }
}

impl From<String> for RepoPath {
    fn from(s: String) -> RepoPath {
        RepoPath::new(s)
    }
}

impl From<&String> for RepoPath {
    fn from(s: &String) -> RepoPath {
        RepoPath::new(s.as_str())
    }
}

impl From<&RepoPath> for RepoPath {
    fn from(p: &RepoPath) -> RepoPath {
        p.clone()
    }
}

impl From<RepoPath> for String {
    fn from(p: RepoPath) -> String {
        p.0
    }
}

impl PartialEq<str> for RepoPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RepoPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RepoPath {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<RepoPath> for str {
    fn eq(&self, other: &RepoPath) -> bool {
        self == other.0
    }
}

impl PartialEq<RepoPath> for &str {
    fn eq(&self, other: &RepoPath) -> bool {
        *self == other.0
    }
}

impl PartialEq<RepoPath> for String {
    fn eq(&self, other: &RepoPath) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};

    #[test]
    fn new_normalizes_separators_and_dots() {
        for (input, want) in [
            ("docs/adr/0001-x.md", "docs/adr/0001-x.md"),
            ("docs\\adr\\0001-x.md", "docs/adr/0001-x.md"),
            ("./docs/adr/0001-x.md", "docs/adr/0001-x.md"),
            (".\\docs\\adr", "docs/adr"),
            ("././a.md", "a.md"),
            ("docs/./adr//0001-x.md", "docs/adr/0001-x.md"),
            ("docs/adr/", "docs/adr"),
            ("/docs/adr", "docs/adr"),
            ("../other/0001-x.md", "../other/0001-x.md"),
            (".", ""),
            ("./", ""),
            ("", ""),
            (".adr-dir", ".adr-dir"),
            ("docs/.adr/x.md", "docs/.adr/x.md"),
        ] {
            assert_eq!(RepoPath::new(input).as_str(), want, "{input:?}");
        }
    }

    #[test]
    fn from_path_joins_components() {
        assert_eq!(
            RepoPath::from_path(Path::new("docs/adr/0001-x.md")).as_str(),
            "docs/adr/0001-x.md"
        );
        assert_eq!(
            RepoPath::from_path(Path::new("./docs//adr/./0001-x.md")).as_str(),
            "docs/adr/0001-x.md"
        );
        assert_eq!(
            RepoPath::from_path(&Path::new("docs").join("adr").join("0002 y.md")).as_str(),
            "docs/adr/0002 y.md"
        );
        assert_eq!(RepoPath::from_path(Path::new("")).as_str(), "");
        assert_eq!(
            RepoPath::from_path(Path::new("a/../b.md")).as_str(),
            "a/../b.md"
        );
        // A separator on Windows; part of the file name elsewhere.
        let back = RepoPath::from_path(Path::new("adr\\0001-x.md"));
        if cfg!(windows) {
            assert_eq!(back.as_str(), "adr/0001-x.md");
        } else {
            assert_eq!(back.as_str(), "adr\\0001-x.md");
        }
    }

    #[test]
    fn from_parts_drops_empty_and_dot_parts() {
        assert_eq!(
            RepoPath::from_parts(["docs", "", ".", "adr", "0001-x.md"]).as_str(),
            "docs/adr/0001-x.md"
        );
        assert_eq!(RepoPath::from_parts(["a\\b.md"]).as_str(), "a\\b.md");
        assert_eq!(RepoPath::from_parts(Vec::<String>::new()).as_str(), "");
    }

    #[test]
    fn file_name_dir_and_parent() {
        let nested = RepoPath::new("docs/adr/0001-x.md");
        assert_eq!(nested.file_name(), "0001-x.md");
        assert_eq!(nested.dir(), "docs/adr");
        assert_eq!(nested.parent(), Some(RepoPath::new("docs/adr")));
        let top = RepoPath::new("0001-x.md");
        assert_eq!(top.file_name(), "0001-x.md");
        assert_eq!(top.dir(), "");
        assert_eq!(top.parent(), Some(RepoPath::default()));
        assert_eq!(RepoPath::default().parent(), None);
        assert_eq!(RepoPath::default().file_name(), "");
    }

    #[test]
    fn join_and_starts_with_dir() {
        assert_eq!(
            RepoPath::new("docs/adr").join("0001-x.md").as_str(),
            "docs/adr/0001-x.md"
        );
        assert_eq!(RepoPath::default().join("0001-x.md").as_str(), "0001-x.md");
        assert_eq!(
            RepoPath::new("docs").join("./adr\\0001-x.md").as_str(),
            "docs/adr/0001-x.md"
        );
        let p = RepoPath::new("docs/adr/old/0001-x.md");
        assert!(p.starts_with_dir("docs/adr"));
        assert!(p.starts_with_dir("docs/adr/"));
        assert!(p.starts_with_dir("docs/adr/old/0001-x.md"));
        assert!(p.starts_with_dir(""));
        assert!(p.starts_with_dir("."));
        assert!(!p.starts_with_dir("docs/ad"));
        assert!(!p.starts_with_dir("docs/adr/old/0001"));
        assert!(!p.starts_with_dir("adr"));
    }

    #[test]
    fn compares_and_formats_as_a_string() {
        let p = RepoPath::new(".\\docs\\adr\\0001-x.md");
        assert_eq!(p, "docs/adr/0001-x.md");
        assert_eq!(p, *"docs/adr/0001-x.md");
        assert_eq!(p, "docs/adr/0001-x.md".to_string());
        assert_eq!("docs/adr/0001-x.md", p);
        assert_eq!(p.to_string(), "docs/adr/0001-x.md");
        assert_eq!(format!("{p}:3"), "docs/adr/0001-x.md:3");
        assert_eq!(format!("{p:?}"), "\"docs/adr/0001-x.md\"");
        assert_eq!(&p[5..8], "adr");
        assert_eq!(String::from(p), "docs/adr/0001-x.md");
    }

    #[test]
    fn serializes_as_a_plain_string() {
        #[derive(Serialize)]
        struct Row {
            path: RepoPath,
            from: Option<RepoPath>,
        }
        let row = Row {
            path: RepoPath::new("docs\\adr\\0001-x.md"),
            from: Some(RepoPath::new("./0002-y.md")),
        };
        assert_eq!(
            serde_json::to_string(&row).unwrap_or_default(),
            r#"{"path":"docs/adr/0001-x.md","from":"0002-y.md"}"#
        );
    }

    #[test]
    fn maps_are_looked_up_by_str() {
        let mut m: HashMap<RepoPath, usize> = HashMap::new();
        m.insert(RepoPath::new("docs/adr/0001-x.md"), 1);
        m.insert(RepoPath::new("./0002-y.md"), 2);
        assert_eq!(m.get("docs/adr/0001-x.md"), Some(&1));
        assert_eq!(m.get("0002-y.md"), Some(&2));
        assert_eq!(m.get("./0002-y.md"), None);
        assert_eq!(m.get(&RepoPath::new("./0002-y.md")), Some(&2));
        let s: BTreeSet<RepoPath> = ["b.md", "a/c.md", "a.md"]
            .into_iter()
            .map(RepoPath::new)
            .collect();
        assert!(s.contains("a/c.md"));
        let order: Vec<&str> = s.iter().map(RepoPath::as_str).collect();
        assert_eq!(order, ["a.md", "a/c.md", "b.md"]);
    }
}
