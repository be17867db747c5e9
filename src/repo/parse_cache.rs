//! The parse cache: what parsing each ADR file gave, kept under the git directory
//! (`.git/adrgov/parse.bin`, never in the work tree) and keyed by the file's path and a hash of
//! its text, so a command parses only the files that changed since the last one (ADR 19).
//!
//! Parsing is a pure function of the path, the file name, the text, the relation vocabulary
//! and the parser itself: the file's key is the first three (the text by its 128-bit XXH3), the
//! cache's key the last two (the vocabulary as configured, the adrgov executable by its size
//! and time, and [`FORMAT`]). A cache written for another key, or damaged (its checksum), is
//! not read; a file whose text changed is parsed again. The file is replaced whole (a temporary
//! file renamed over it): a reader sees an old cache or a new one, either right.

use crate::parse::{Parsed, Vocab};
use std::path::{Path, PathBuf};

/// The layout of the file; a change makes every older cache unreadable (another key).
const FORMAT: u32 = 2;
/// `ADRGOVPC`, format, key, checksum of the payload.
const MAGIC: &[u8; 8] = b"ADRGOVPC";
const HEADER: usize = 8 + 4 + 16 + 8;

/// The parse cache of one workspace (empty when it has no git directory, when the cache is
/// turned off, or when nothing readable was there).
#[derive(Default)]
pub(crate) struct ParseCache {
    /// Where it is kept (`None`: not kept).
    file: Option<PathBuf>,
    key: u128,
    /// The payload as read; `index` points into it.
    data: Vec<u8>,
    /// The stored files, sorted by key (`path NUL file name`).
    index: Vec<Slot>,
}

/// One stored file: the hash of its text, and its parse (a range of `data`), or none for a
/// file that reads as a template.
struct Slot {
    /// The key, a range of `data`.
    file: (usize, usize),
    hash: u128,
    parse: Option<Stored>,
}

#[derive(Clone, Copy)]
struct Stored {
    at: usize,
    len: usize,
    /// Where the body starts in the text, when the stored parse leaves it out.
    body_from: Option<u32>,
}

/// One record of the payload (the payload is a list of them).
#[derive(serde::Serialize, serde::Deserialize)]
struct Record<'a> {
    file: &'a str,
    hash: u128,
    body_from: Option<u32>,
    #[serde(borrow)]
    parse: Option<&'a serde_bytes::Bytes>,
}

/// What the cache knows of one file.
pub(crate) enum Known {
    /// It is a template (not an ADR).
    Template,
    /// Its parse.
    Parsed(Box<Parsed>),
}

/// What reading one file leaves for the next cache: its key, the hash of its text, and the
/// encoded parse (`None`: a template), or nothing new when it came from the cache.
pub(crate) struct Memo {
    pub(crate) file: String,
    pub(crate) hash: u128,
    pub(crate) fresh: Option<Fresh>,
}

/// A parse made this run, encoded for the cache.
pub(crate) struct Fresh {
    body_from: Option<u32>,
    parse: Option<Vec<u8>>,
}

/// The key of a file: its path and file name.
pub(crate) fn file_key(rel: &str, name: &str) -> String {
    let mut k = String::with_capacity(rel.len() + name.len() + 1);
    k.push_str(rel);
    k.push('\0');
    k.push_str(name);
    k
}

/// The hash a file's text is known by.
pub(crate) fn text_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

impl ParseCache {
    /// The cache of the git directory `git_dir` for `vocab`, read when it is there and whole.
    pub(crate) fn open(git_dir: &Path, vocab: &Vocab) -> ParseCache {
        let file = git_dir.join("adrgov").join("parse.bin");
        let key = cache_key(vocab);
        let mut cache = ParseCache {
            file: Some(file),
            key,
            ..ParseCache::default()
        };
        if let Some(path) = &cache.file
            && let Ok(bytes) = std::fs::read(path)
            && let Some(index) = read_index(&bytes, key)
        {
            cache.index = index;
            cache.data = bytes;
        }
        cache
    }

    /// What the cache knows of the file `rel` named `name` whose text is `text` (hashed
    /// `hash`); `None` when it knows another text, or nothing.
    pub(crate) fn get(&self, file: &str, hash: u128, text: &str) -> Option<Known> {
        let slot = self.slot(file).filter(|s| s.hash == hash)?;
        let Some(s) = slot.parse else {
            return Some(Known::Template);
        };
        let mut parsed: Parsed = postcard::from_bytes(self.data.get(s.at..s.at + s.len)?).ok()?;
        parsed.layout.lines = crate::parse::lines::spans(text);
        if parsed.layout.lines.len() != parsed.layout.code.len() {
            return None;
        }
        parsed.layout.eol = crate::parse::lines::dominant_eol(&parsed.layout.lines);
        if let Some(from) = s.body_from {
            parsed.adr.body = text.get(usize::try_from(from).ok()?..)?.to_string();
        }
        Some(Known::Parsed(Box::new(parsed)))
    }

    /// The stored file `file` (a key).
    fn slot(&self, file: &str) -> Option<&Slot> {
        let key = |s: &Slot| self.data.get(s.file.0..s.file.1).unwrap_or_default();
        let i = self
            .index
            .binary_search_by(|s| key(s).cmp(file.as_bytes()))
            .ok()?;
        self.index.get(i)
    }

    /// Whether the cache is kept at all.
    pub(crate) fn kept(&self) -> bool {
        self.file.is_some()
    }

    /// Writes the cache of the files read this run (`memos`), when it differs from the one read:
    /// a file parsed anew, or a file gone. Silent when the git directory cannot be written.
    pub(crate) fn save(&self, memos: &[Memo]) {
        let Some(path) = &self.file else { return };
        if memos.iter().all(|m| m.fresh.is_none()) && memos.len() == self.index.len() {
            return;
        }
        let mut records = Vec::with_capacity(memos.len());
        for m in memos {
            let (body_from, parse) = match &m.fresh {
                Some(f) => (f.body_from, f.parse.as_deref()),
                None => match self.slot(&m.file) {
                    Some(slot) => match slot.parse {
                        Some(s) => (s.body_from, self.data.get(s.at..s.at + s.len)),
                        None => (None, None),
                    },
                    None => continue,
                },
            };
            records.push(Record {
                file: &m.file,
                hash: m.hash,
                body_from,
                parse: parse.map(serde_bytes::Bytes::new),
            });
        }
        // In key order: read back, the index is searched by key.
        records.sort_unstable_by(|a, b| a.file.cmp(b.file));
        let Ok(payload) = postcard::to_allocvec(&records) else {
            return;
        };
        let mut bytes = Vec::with_capacity(HEADER + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&self.key.to_le_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        if let Some(dir) = path.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            let _ = crate::repo::write::replace(path, &bytes);
        }
    }
}

/// Encodes `parsed` (of `text`) for the cache: the body, a copy of the end of the text, is left
/// out and taken from the text when read back.
pub(crate) fn fresh(parsed: &mut Parsed, text: &str) -> Fresh {
    let body = parsed.adr.body.as_str();
    let body_from = text
        .ends_with(body)
        .then(|| u32::try_from(text.len() - body.len()).ok())
        .flatten();
    // Left out only when it can be taken back from the text.
    let body = match body_from {
        Some(_) => std::mem::take(&mut parsed.adr.body),
        None => String::new(),
    };
    let parse = postcard::to_allocvec(parsed).ok();
    if body_from.is_some() {
        parsed.adr.body = body;
    }
    Fresh { body_from, parse }
}

/// A template: nothing to encode.
pub(crate) fn fresh_template() -> Fresh {
    Fresh {
        body_from: None,
        parse: None,
    }
}

/// The index of a cache file, when it has our magic, format and key and its payload is whole.
fn read_index(bytes: &[u8], key: u128) -> Option<Vec<Slot>> {
    let header = bytes.get(..HEADER)?;
    if &header[..8] != MAGIC
        || header[8..12] != FORMAT.to_le_bytes()
        || header[12..28] != key.to_le_bytes()
    {
        return None;
    }
    let payload = &bytes[HEADER..];
    if header[28..36] != xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes() {
        return None;
    }
    let records: Vec<Record<'_>> = postcard::from_bytes(payload).ok()?;
    // Where a slice read from `bytes` starts in it.
    let base = bytes.as_ptr() as usize;
    let at = |p: &[u8]| (p.as_ptr() as usize - base, p.len());
    let mut index: Vec<Slot> = records
        .into_iter()
        .map(|r| {
            let (file, len) = at(r.file.as_bytes());
            Slot {
                file: (file, file + len),
                hash: r.hash,
                parse: r.parse.map(|p| {
                    let (at, len) = at(p);
                    Stored {
                        at,
                        len,
                        body_from: r.body_from,
                    }
                }),
            }
        })
        .collect();
    // Written in key order; sorted anyway (the lookup depends on it).
    let key_of = |s: &Slot| &bytes[s.file.0..s.file.1];
    if !index.is_sorted_by(|a, b| key_of(a) <= key_of(b)) {
        index.sort_by(|a, b| key_of(a).cmp(key_of(b)));
    }
    Some(index)
}

/// What the parse of a text depends on besides the text: the vocabulary, the parser (this
/// executable: its size and time, and the crate's version) and the cache's format.
fn cache_key(vocab: &Vocab) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("{vocab:?}").as_bytes());
    h.update(crate::repo::build_id().as_bytes());
    h.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files in every dialect and shape the parser keeps facts of: adr-tools with links and a
    /// CRLF file, MADR front matter with lists, MADR 2 bullets, a status table, a BOM, a
    /// `## Governs` section, an open code fence, a body that is not the end of the text.
    const FILES: [(&str, &str); 6] = [
        (
            "doc/adr/0002-use-x.md",
            "# 2. Use X\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [3. Use Y](0003-use-y.md)\n\nAmends [1. Record](0001-record.md)\n\n## Context\n\nWhy.\n\n## Governs\n\n- `src/x/**`\n",
        ),
        (
            "doc/adr/0003-use-y.md",
            "# 3. Use Y\r\n\r\nDate: 2024-01-03\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\nSupersedes [2. Use X](0002-use-x.md)\r\n",
        ),
        (
            "docs/decisions/0004-madr.md",
            "---\nstatus: accepted\ndate: 2024-02-01\ndecision-makers: [Ann, Bob]\ntags:\n  - api\n  - security\ngoverns: [\"api/**\"]\n---\n# Use MADR\n\n## Context and Problem Statement\n\nText.\n",
        ),
        (
            "docs/adr/0005-bullets.md",
            "\u{feff}# Bullets\n\n* Status: proposed\n* Deciders: Cai\n* Date: 2024-03-01\n\n## Links\n\n* Refines [ADR-0004](0004-madr.md)\n",
        ),
        (
            "docs/adr/0006-table.md",
            "# ADR-0006: Table\n\n| Status | Date |\n|---|---|\n| Deprecated | 2024-04-01 |\n\n```\nstatus: not this\n",
        ),
        (
            "docs/adr/0007-bad-front.md",
            "---\nstatus: [accepted\n---\n# Broken front matter\n",
        ),
    ];

    fn parse_of(rel: &str, text: &str, vocab: &Vocab) -> Parsed {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        crate::parse::parse(rel, name, text, vocab)
    }

    /// The cache of `git_dir` after reading `files` once (every parse fresh).
    fn write_cache(git_dir: &Path, files: &[(&str, &str)], vocab: &Vocab) -> Vec<Memo> {
        let cache = ParseCache::open(git_dir, vocab);
        let memos: Vec<Memo> = files
            .iter()
            .map(|(rel, text)| {
                let mut parsed = parse_of(rel, text, vocab);
                Memo {
                    file: file_key(rel, rel.rsplit('/').next().unwrap_or(rel)),
                    hash: text_hash(text),
                    fresh: Some(fresh(&mut parsed, text)),
                }
            })
            .collect();
        cache.save(&memos);
        memos
    }

    fn known(cache: &ParseCache, rel: &str, text: &str) -> Option<String> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        match cache.get(&file_key(rel, name), text_hash(text), text)? {
            Known::Template => Some("template".into()),
            Known::Parsed(p) => Some(format!("{p:?}")),
        }
    }

    #[test]
    fn every_parse_reads_back_as_it_was_made() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let vocab = Vocab::new(&[("refines".into(), "refined by".into())]);
        write_cache(dir.path(), &FILES, &vocab);
        let cache = ParseCache::open(dir.path(), &vocab);
        assert_eq!(cache.index.len(), FILES.len());
        for (rel, text) in FILES {
            let made = format!("{:?}", parse_of(rel, text, &vocab));
            assert_eq!(known(&cache, rel, text), Some(made), "{rel}");
        }
        // The CRLF file keeps its line ending; the relations and globs are there.
        let Some(Known::Parsed(p)) = cache.get(
            &file_key(FILES[1].0, "0003-use-y.md"),
            text_hash(FILES[1].1),
            FILES[1].1,
        ) else {
            panic!("cached")
        };
        assert_eq!(p.layout.eol, "\r\n");
        assert_eq!(p.adr.body, FILES[1].1);
    }

    #[test]
    fn another_text_another_vocabulary_or_a_damaged_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let vocab = Vocab::default();
        write_cache(dir.path(), &FILES, &vocab);
        let (rel, text) = FILES[0];
        let cache = ParseCache::open(dir.path(), &vocab);
        assert!(known(&cache, rel, text).is_some());
        // The same path with one more character: parsed again.
        assert_eq!(known(&cache, rel, &format!("{text} ")), None);
        // The same text under another name: parsed again (the name gives the number).
        assert_eq!(known(&cache, "doc/adr/0009-use-x.md", text), None);
        // Another vocabulary: another key, nothing read.
        let other = Vocab::new(&[("refines".into(), "refined by".into())]);
        assert!(ParseCache::open(dir.path(), &other).index.is_empty());
        // Damaged: cut short, one byte changed, empty, garbage.
        let path = dir.path().join("adrgov/parse.bin");
        let whole = std::fs::read(&path).unwrap_or_default();
        let mut flipped = whole.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x20;
        for bytes in [
            whole[..whole.len() / 2].to_vec(),
            flipped,
            Vec::new(),
            b"ADRGOVPC\x01garbage".to_vec(),
        ] {
            std::fs::write(&path, &bytes).unwrap_or_default();
            assert!(ParseCache::open(dir.path(), &vocab).index.is_empty());
        }
    }

    #[test]
    fn templates_are_remembered_and_gone_files_forgotten() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let vocab = Vocab::default();
        let cache = ParseCache::open(dir.path(), &vocab);
        let (rel, text) = FILES[2];
        cache.save(&[
            Memo {
                file: file_key("doc/adr/template.md", "template.md"),
                hash: text_hash("# Title\n"),
                fresh: Some(fresh_template()),
            },
            Memo {
                file: file_key(rel, "0004-madr.md"),
                hash: text_hash(text),
                fresh: Some(fresh(&mut parse_of(rel, text, &vocab), text)),
            },
        ]);
        let cache = ParseCache::open(dir.path(), &vocab);
        assert_eq!(
            known(&cache, "doc/adr/template.md", "# Title\n").as_deref(),
            Some("template")
        );
        // Read again with one file gone: the cache is rewritten without it.
        let only = [Memo {
            file: file_key(rel, "0004-madr.md"),
            hash: text_hash(text),
            fresh: None,
        }];
        cache.save(&only);
        let cache = ParseCache::open(dir.path(), &vocab);
        assert_eq!(cache.index.len(), 1);
        assert!(known(&cache, rel, text).is_some());
        // Nothing new and nothing gone: nothing is written (the file removed stays away).
        std::fs::remove_file(dir.path().join("adrgov/parse.bin")).unwrap_or_default();
        cache.save(&only);
        assert!(!dir.path().join("adrgov/parse.bin").exists());
    }
}
