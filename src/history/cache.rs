//! The persistent history cache: what a walk learnt, kept under the git directory
//! (`.git/adrgov/history/<HEAD>.bin`, never in the work tree), so the next command walks only
//! the commits it has not seen.
//!
//! A commit never changes, so the history of a file as seen from a commit never changes either:
//! an entry records, for one HEAD commit, the history of every path that was asked about there
//! (the ADR paths of that day). A later command whose HEAD descends from a cached HEAD walks the
//! new commits only, and where a path reaches the cached HEAD, the cached history continues it.
//! Anything the cache cannot answer exactly is walked cold (see `history::read_in`).
//!
//! One file per HEAD commit (the newest few are kept), so a command reads only the one it uses.
//! Each file names what determines the answer ([`key`]: format version, adrgov's version, the
//! ADR directory, `.mailmap`, the rename rule, the status and relation vocabulary, the shallow
//! boundary). A file that does not parse, has another key, or was cut short is ignored and
//! replaced; writes are atomic (a temporary file renamed over the old one), so two commands at
//! once each read a whole file, old or new. A git directory that cannot be written is no
//! error: the command just runs without a cache.

use super::{Event, EventKind, When};
use crate::model::{RelationKind, RepoPath};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The cache format; bump it when the meaning of a stored field changes.
/// 2: `governs` lines no longer count in an ADR's content (`accepted-edited`).
/// 3: a JSON header line, then the entry in postcard (binary; JSON took 17 M instructions to
/// read at 1,000 ADRs), its checksum in the header.
const FORMAT: u32 = 3;

/// The file name extension of an entry (older formats' `.json` files are removed on save).
const EXT: &str = "bin";

/// How many HEAD commits the file remembers (branch switches come back warm).
const HEADS: usize = 4;

/// The history of one path, as seen from a cached HEAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathHistory {
    /// Events, oldest first.
    pub(crate) events: Vec<Event>,
    /// The relations of the last version (kind, target as written): the next event's kind is
    /// worked out against them.
    pub(crate) last_relations: Vec<(RelationKind, String)>,
    /// Whether every event lies on one line of history (no merge changed the file on two
    /// sides): only then can new commits be put in front of the events without a re-walk.
    pub(crate) linear: bool,
    /// Whether the first event is a shallow clone's cut (its creation is "at or before").
    pub(crate) cut: bool,
}

/// What is known at one HEAD commit: every path asked about there, with its history.
///
/// Read back from a file, each path's history stays undecoded until it is asked for: `show N`
/// needs one of a thousand, and a damaged one reads as unknown (walked cold), never wrong.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// The HEAD commit (hex).
    pub(crate) head: String,
    /// Each path's history as stored: an encoded `Option<StoredPath>` (`None` when no commit
    /// holds it).
    paths: FxHashMap<String, Box<[u8]>>,
    /// The commits events name (id, time, author), shared by the paths.
    commits: Vec<(String, When, String)>,
    /// Paths decoded ahead ([`Entry::decode_all`]), no longer in `paths`.
    decoded: FxHashMap<String, Option<PathHistory>>,
    /// What a command prints of the decoded ones, made ahead ([`Entry::assemble_all`]).
    assembled: FxHashMap<String, super::AdrHistory>,
}

impl Entry {
    /// The history of `path`: `Some(None)` when no commit holds it, `None` when the entry was
    /// not asked about it (or its stored form does not hold together).
    pub(crate) fn get(&self, path: &str) -> Option<Option<PathHistory>> {
        if let Some(h) = self.decoded.get(path) {
            return Some(h.clone());
        }
        self.decode(self.paths.get(path)?)
    }

    /// [`Entry::get`], taking the history out of the entry (no copy).
    pub(crate) fn take(&mut self, path: &str) -> Option<Option<PathHistory>> {
        if let Some(h) = self.decoded.remove(path) {
            return Some(h);
        }
        let raw = self.paths.remove(path)?;
        self.decode(&raw)
    }

    /// Makes the printed history of every decoded path now, with `make` (on the thread that
    /// reads the cache ahead).
    pub(crate) fn assemble_all(&mut self, make: fn(&PathHistory) -> super::AdrHistory) {
        self.assembled.reserve(self.decoded.len());
        for (p, h) in &self.decoded {
            if let Some(h) = h {
                self.assembled.insert(p.clone(), make(h));
            }
        }
    }

    /// The printed history of `path` made by [`Entry::assemble_all`], taken out.
    pub(crate) fn take_history(&mut self, path: &str) -> Option<super::AdrHistory> {
        self.assembled.remove(path)
    }

    /// Decodes every path now (on the thread that reads the cache ahead, while the ADRs are
    /// parsed on the others).
    pub(crate) fn decode_all(&mut self) {
        let raw = std::mem::take(&mut self.paths);
        self.decoded.reserve(raw.len());
        for (p, r) in raw {
            if let Some(h) = self.decode(&r) {
                self.decoded.insert(p, h);
            }
        }
    }

    /// Every path with its history (those whose stored form does not hold together are left
    /// out, so they are walked again).
    pub(crate) fn into_paths(mut self) -> HashMap<String, Option<PathHistory>> {
        let mut out: HashMap<String, Option<PathHistory>> =
            std::mem::take(&mut self.decoded).into_iter().collect();
        out.reserve(self.paths.len());
        for (p, raw) in &self.paths {
            if let Some(h) = self.decode(raw) {
                out.insert(p.clone(), h);
            }
        }
        out
    }

    fn decode(&self, raw: &[u8]) -> Option<Option<PathHistory>> {
        match postcard::from_bytes::<Option<StoredPath>>(raw).ok()? {
            None => Some(None),
            Some(sp) => path_history(sp, &self.commits).map(Some),
        }
    }
}

/// The first line of a file: what it is and for what, and the checksum of the rest.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    key: String,
    head: String,
    /// XXH3-64 of the entry's bytes, hex.
    checksum: String,
}

/// The entry of one HEAD, as stored after the header.
#[derive(Serialize)]
struct StoredEntry {
    /// Commits the events name: (id, seconds, offset in minutes, author index).
    commits: Vec<(String, i64, i32, usize)>,
    authors: Vec<String>,
    /// Path → its encoded `Option<StoredPath>` (`None`: no commit holds it), sorted by path.
    paths: Vec<(String, serde_bytes::ByteBuf)>,
}

/// [`StoredEntry`] as read: each path's history left encoded until asked for.
#[derive(Deserialize)]
struct StoredEntryRead<'a> {
    commits: Vec<(String, i64, i32, usize)>,
    authors: Vec<String>,
    #[serde(borrow)]
    paths: Vec<(String, &'a serde_bytes::Bytes)>,
}

#[derive(Serialize, Deserialize)]
struct StoredPath {
    /// (commit index, kind, status, path, content hash).
    events: Vec<(usize, EventKind, Option<String>, String, u64)>,
    relations: Vec<(String, String)>,
    linear: bool,
    cut: bool,
}

/// Where the cache of the repository whose git directory is `git_dir` lives.
pub(crate) fn location(git_dir: &Path) -> PathBuf {
    git_dir.join("adrgov").join("history")
}

/// What determines the answer, as one string: a cache made under another key is not used.
pub(crate) fn key(parts: &[(&str, &[u8])]) -> String {
    let mut h = Fnv::default();
    for (name, value) in parts {
        h.write(name.as_bytes());
        h.write(&[0]);
        h.write(value);
        h.write(&[0xff]);
    }
    format!(
        "adrgov {} format {FORMAT} {:016x}",
        env!("CARGO_PKG_VERSION"),
        h.finish()
    )
}

/// The HEAD commits the cache at `dir` knows (hex), newest first.
pub(crate) fn heads(dir: &Path) -> Vec<String> {
    let mut found: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let file = e.file_name();
            let name = file
                .to_str()?
                .strip_suffix(EXT)?
                .strip_suffix('.')?
                .to_string();
            let valid = name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit());
            let modified = e.metadata().ok()?.modified().ok()?;
            valid.then_some((modified, name))
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, h)| h).collect()
}

/// The entry stored for `head` at `dir` under `key`; nothing when absent, unreadable, damaged
/// or made under another key.
pub(crate) fn load(dir: &Path, key: &str, head: &str) -> Option<Entry> {
    let bytes = std::fs::read(dir.join(format!("{head}.{EXT}"))).ok()?;
    let nl = memchr::memchr(b'\n', &bytes)?;
    let header: Header = serde_json::from_slice(&bytes[..nl]).ok()?;
    let body = &bytes[nl + 1..];
    if header.format != FORMAT
        || header.key != key
        || header.head != head
        || header.checksum != checksum(body)
    {
        return None;
    }
    let s: StoredEntryRead<'_> = postcard::from_bytes(body).ok()?;
    let mut commits: Vec<(String, When, String)> = Vec::with_capacity(s.commits.len());
    for (id, secs, offset, a) in s.commits {
        let author = s.authors.get(a)?.clone();
        commits.push((id, super::author_time(secs, offset), author));
    }
    Some(Entry {
        head: header.head,
        paths: s
            .paths
            .into_iter()
            .map(|(p, b)| (p, Box::<[u8]>::from(&b[..])))
            .collect(),
        commits,
        decoded: FxHashMap::default(),
        assembled: FxHashMap::default(),
    })
}

/// The checksum of an entry's bytes, as the header writes it.
fn checksum(body: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(body))
}

/// Stores `entry`, keeping the [`HEADS`] newest files; quietly does nothing when the
/// directory cannot be written.
pub(crate) fn save(
    dir: &Path,
    key: &str,
    head: &str,
    paths: &HashMap<String, Option<PathHistory>>,
) {
    write_entry(dir, key, head, &stored(paths));
}

/// Writes the file of `head` holding `entry`, and removes what is too old (more than [`HEADS`]
/// heads, other formats' files).
fn write_entry(dir: &Path, key: &str, head: &str, entry: &StoredEntry) {
    let Ok(body) = postcard::to_allocvec(entry) else {
        return;
    };
    let header = Header {
        format: FORMAT,
        key: key.to_string(),
        head: head.to_string(),
        checksum: checksum(&body),
    };
    let Ok(mut bytes) = serde_json::to_vec(&header) else {
        return;
    };
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // A temporary file renamed over the old one: readers see a whole file, old or new.
    if crate::repo::write::replace(&dir.join(format!("{head}.{EXT}")), &bytes).is_err() {
        return;
    }
    for old in heads(dir).into_iter().skip(HEADS) {
        let _ = std::fs::remove_file(dir.join(format!("{old}.{EXT}")));
    }
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_str().is_some_and(|n| n.ends_with(".json")) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn stored(e: &HashMap<String, Option<PathHistory>>) -> StoredEntry {
    let mut commits: Vec<(String, i64, i32, usize)> = Vec::new();
    let mut commit_ix: HashMap<&str, usize> = HashMap::new();
    let mut authors: Vec<String> = Vec::new();
    let mut author_ix: HashMap<&str, usize> = HashMap::new();
    let mut paths = Vec::with_capacity(e.len());
    // In path order: the same histories give the same bytes.
    let mut sorted: Vec<(&String, &Option<PathHistory>)> = e.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (p, ph) in sorted {
        let sp = ph.as_ref().map(|ph| StoredPath {
            events: ph
                .events
                .iter()
                .map(|ev| {
                    let c = *commit_ix.entry(ev.commit.as_str()).or_insert_with(|| {
                        let a = *author_ix.entry(ev.author.as_str()).or_insert_with(|| {
                            authors.push(ev.author.clone());
                            authors.len() - 1
                        });
                        commits.push((
                            ev.commit.clone(),
                            ev.when.timestamp(),
                            ev.when.offset().local_minus_utc() / 60,
                            a,
                        ));
                        commits.len() - 1
                    });
                    (
                        c,
                        ev.kind,
                        ev.status.clone(),
                        ev.path.to_string(),
                        ev.content,
                    )
                })
                .collect(),
            relations: ph
                .last_relations
                .iter()
                .map(|(k, t)| (k.to_string(), t.clone()))
                .collect(),
            linear: ph.linear,
            cut: ph.cut,
        });
        let encoded = postcard::to_allocvec(&sp).unwrap_or_default();
        paths.push((p.clone(), serde_bytes::ByteBuf::from(encoded)));
    }
    StoredEntry {
        commits,
        authors,
        paths,
    }
}

/// One path's history read back; `None` when its indices do not hold together (damaged).
fn path_history(sp: StoredPath, commits: &[(String, When, String)]) -> Option<PathHistory> {
    let mut events = Vec::with_capacity(sp.events.len());
    for (c, kind, status, path, content) in sp.events {
        let (commit, when, author) = commits.get(c)?;
        events.push(Event {
            when: *when,
            author: author.clone(),
            commit: commit.clone(),
            kind,
            status,
            // Stored from a `RepoPath`: read back as it was (a `\` in a name stays part of
            // the name).
            path: if path.contains('\\') {
                RepoPath::from_parts(path.split('/'))
            } else {
                RepoPath::new(path)
            },
            content,
        });
    }
    if events.is_empty() {
        return None;
    }
    Some(PathHistory {
        events,
        last_relations: sp
            .relations
            .into_iter()
            .map(|(k, t)| (RelationKind::new(&k), t))
            .collect(),
        linear: sp.linear,
        cut: sp.cut,
    })
}

/// FNV-1a, 64 bits: a hash that is the same in every build (the cache outlives the process).
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

// Brings `write`/`finish` into scope for the functions above.
use std::hash::Hasher as _;

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> (String, HashMap<String, Option<PathHistory>>) {
        let ev = |c: char, kind, status: &str, secs| Event {
            when: super::super::author_time(secs, 120),
            author: "Ann".into(),
            commit: c.to_string().repeat(40),
            kind,
            status: Some(status.into()),
            path: "doc/adr/0001-x.md".into(),
            content: 42,
        };
        let mut paths = HashMap::new();
        paths.insert(
            "doc/adr/0001-x.md".to_string(),
            Some(PathHistory {
                events: vec![
                    ev('a', EventKind::Created, "proposed", 1_700_000_000),
                    ev('b', EventKind::Status, "accepted", 1_700_100_000),
                ],
                last_relations: vec![(RelationKind::Supersedes, "0000-y.md".into())],
                linear: true,
                cut: false,
            }),
        );
        paths.insert("doc/adr/0002-new.md".to_string(), None);
        ("b".repeat(40), paths)
    }

    fn save_entry(
        at: &Path,
        key: &str,
        (head, paths): (String, HashMap<String, Option<PathHistory>>),
    ) {
        save(at, key, &head, &paths);
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at = location(dir.path());
        let key = key(&[("dir", b"doc/adr")]);
        save_entry(&at, &key, entry());
        let back = load(&at, &key, &entry().0).unwrap_or_default();
        assert_eq!(back.head, entry().0);
        assert_eq!(back.into_paths(), entry().1);
        // Another key (another ADR directory, another version) reads nothing.
        assert!(load(&at, &super::key(&[("dir", b"docs/adr")]), &entry().0).is_none());
    }

    #[test]
    fn a_damaged_file_reads_as_no_cache() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at = location(dir.path());
        let key = key(&[("dir", b"doc/adr")]);
        let head = entry().0;
        save_entry(&at, &key, entry());
        let path = at.join(format!("{head}.{EXT}"));
        let whole = std::fs::read(&path).unwrap_or_default();
        assert!(load(&at, &key, &head).is_some());
        // Cut short, garbage, one byte of the entry changed, a file under another HEAD's
        // name: each is ignored.
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap_or_default();
        assert!(load(&at, &key, &head).is_none());
        std::fs::write(&path, b"\x00\xffnot a cache").unwrap_or_default();
        assert!(load(&at, &key, &head).is_none());
        let mut flipped = whole.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        std::fs::write(&path, &flipped).unwrap_or_default();
        assert!(load(&at, &key, &head).is_none());
        let other = "c".repeat(40);
        std::fs::write(at.join(format!("{other}.{EXT}")), &whole).unwrap_or_default();
        assert!(load(&at, &key, &other).is_none());
        // An event naming a commit that is not there (a whole file, checksum and all): that
        // path reads as unknown (walked again), the others as they were.
        let mut bad = stored(&entry().1);
        let broken = StoredPath {
            events: vec![(9, EventKind::Created, None, "doc/adr/0001-x.md".into(), 1)],
            relations: Vec::new(),
            linear: true,
            cut: false,
        };
        for (p, blob) in &mut bad.paths {
            if p == "doc/adr/0001-x.md" {
                *blob = serde_bytes::ByteBuf::from(
                    postcard::to_allocvec(&Some(&broken)).unwrap_or_default(),
                );
            }
        }
        write_entry(&at, &key, &head, &bad);
        let back = load(&at, &key, &head).unwrap_or_default();
        assert_eq!(back.head, head);
        assert_eq!(back.get("doc/adr/0001-x.md"), None);
        assert_eq!(back.get("doc/adr/0002-new.md"), Some(None));
        assert_eq!(back.into_paths().len(), 1);
    }

    #[test]
    fn at_most_four_heads_are_kept_newest_first() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at = location(dir.path());
        let key = key(&[]);
        for c in ['1', '2', '3', '4', '5', '3'] {
            let (_, paths) = entry();
            save_entry(&at, &key, (c.to_string().repeat(40), paths));
            // File times have a coarse grain on some systems: keep the order visible.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let heads: Vec<char> = heads(&at).iter().filter_map(|h| h.chars().next()).collect();
        assert_eq!(heads, vec!['3', '5', '4', '2']);
    }
}
