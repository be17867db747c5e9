//! Raw object reads for the history walk: through gitoxide's object database (`gix-odb`),
//! which reads packs without a process-wide lock, so each thread reads at full speed with
//! its own handle; libgit2's object database reads what gitoxide cannot (a repository it
//! cannot open, an object it does not find: the error then is libgit2's, as before).

use git2::{ObjectType, Oid, Repository};
use gix_object::Find;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

/// The delta bases each reader keeps (bytes): consecutive trees and commits are deltas of
/// one another in a pack.
const PACK_CACHE: usize = 8 * 1024 * 1024;

/// The objects each reader keeps of those it decoded from packs: the bases of the deltas that
/// follow (libgit2 keeps them; gitoxide's pack cache keeps only the objects asked for, so a
/// walk re-inflated whole delta chains: twice as slow). A reader keeps a whole chain of its
/// largest objects (git writes chains of 50 deltas at most by default; a pack whose deltas
/// run from old to new, as `git fast-import` writes them, is read newest first through the
/// whole chain), within these bounds (bytes): a fixed 16 MB was too little for a directory of
/// 10,000 ADRs (a 570 KB tree) and, at 1,000 ADRs, ten times what the walk needs, on each of
/// its five readers (fresh memory is zeroed by the kernel: a third of the walk's time).
const BASE_CACHE_MIN: usize = 2 * 1024 * 1024;
const BASE_CACHE_MAX: usize = 48 * 1024 * 1024;
/// How many of a reader's largest objects it keeps (a chain of 50, and a few more).
const BASE_CACHE_CHAIN: usize = 56;

/// A reader's handle on gitoxide's store.
type Handle = gix_odb::Cache<gix_odb::store::Handle<Arc<gix_odb::Store>>>;

/// gitoxide's store of a repository and its packs, shared by the readers of several threads.
#[derive(Clone)]
pub(super) struct Store {
    odb: Arc<gix_odb::Store>,
    packs: Arc<Vec<Pack>>,
}

/// A pack and its index.
struct Pack {
    index: gix_pack::index::File,
    data: gix_pack::data::File,
}

/// The packs of the object directory `objects` (those that open; an object in no pack is read
/// by the object database).
fn packs(objects: &std::path::Path) -> Vec<Pack> {
    let Ok(dir) = std::fs::read_dir(objects.join("pack")) else {
        return Vec::new();
    };
    let mut idx: Vec<std::path::PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "idx"))
        .collect();
    idx.sort();
    idx.into_iter()
        .filter_map(|i| {
            let index = gix_pack::index::File::at(&i, gix_hash::Kind::Sha1).ok()?;
            let data =
                gix_pack::data::File::at(i.with_extension("pack"), gix_hash::Kind::Sha1).ok()?;
            Some(Pack { index, data })
        })
        .collect()
}

impl Store {
    /// The object store of `repo`, when gitoxide reads it (SHA-1 objects).
    pub(super) fn open(repo: &Repository) -> Option<Store> {
        let format = repo
            .config()
            .ok()
            .and_then(|c| c.get_string("extensions.objectformat").ok());
        if format.is_some_and(|f| !f.eq_ignore_ascii_case("sha1")) {
            return None;
        }
        let objects = repo.commondir().join("objects");
        let store = gix_odb::Store::at_opts(
            objects.clone(),
            gix_hash::Kind::Sha1,
            &mut std::iter::empty(),
            gix_odb::store::init::Options::default(),
        )
        .ok()?;
        Some(Store {
            odb: Arc::new(store),
            packs: Arc::new(packs(&objects)),
        })
    }

    /// A handle for one thread, with its own cache of delta bases.
    fn handle(&self) -> Handle {
        let mut h = self.odb.to_cache_arc();
        h.set_pack_cache(|| Box::new(gix_pack::cache::lru::MemoryCappedHashmap::new(PACK_CACHE)));
        h
    }
}

/// A raw object: its kind and its bytes (shared with the reader's cache: a directory of a
/// thousand ADRs is a 60 KB tree, read once per commit; copying it doubled the walk's memory
/// traffic).
#[derive(Clone)]
pub(super) struct Object {
    pub(super) kind: ObjectType,
    pub(super) data: Rc<Vec<u8>>,
}

/// Reads raw objects on one thread: gitoxide first, libgit2 for what it does not read.
pub(super) struct Objects<'r> {
    store: Option<Store>,
    packs: Option<PackReader>,
    gix: Option<Handle>,
    git: Option<&'r git2::Odb<'r>>,
    buf: RefCell<Vec<u8>>,
}

fn kind(k: gix_object::Kind) -> ObjectType {
    match k {
        gix_object::Kind::Tree => ObjectType::Tree,
        gix_object::Kind::Blob => ObjectType::Blob,
        gix_object::Kind::Commit => ObjectType::Commit,
        gix_object::Kind::Tag => ObjectType::Tag,
    }
}

impl<'r> Objects<'r> {
    /// A reader of `store` (when there is one) and of libgit2's `git`.
    pub(super) fn new(store: Option<&Store>, git: Option<&'r git2::Odb<'r>>) -> Objects<'r> {
        Objects {
            store: store.cloned(),
            packs: store.map(|s| PackReader {
                packs: s.packs.clone(),
                inflate: RefCell::new(gix_zlib::Inflate::default()),
                cache: RefCell::new(BaseCache::default()),
            }),
            gix: store.map(Store::handle),
            git,
            buf: RefCell::new(Vec::new()),
        }
    }

    /// gitoxide's store this reader reads, for a reader on another thread.
    pub(super) fn store(&self) -> Option<Store> {
        self.store.clone()
    }

    /// Whether any object database could be opened.
    pub(super) fn available(&self) -> bool {
        self.gix.is_some() || self.git.is_some()
    }

    /// Object `id`, read by gitoxide: from a pack (shared with the cache), else loose.
    fn gix_read(&self, id: Oid) -> Option<Object> {
        let id = gix_hash::ObjectId::try_from(id.as_bytes()).ok()?;
        if let Some((kind, data)) = self.packs.as_ref().and_then(|p| p.read(&id)) {
            return Some(Object { kind, data });
        }
        let h = self.gix.as_ref()?;
        let mut buf = self.buf.try_borrow_mut().ok()?;
        match h.try_find(&id, &mut buf) {
            Ok(Some(d)) => Some(Object {
                kind: kind(d.kind),
                data: Rc::new(d.data.to_vec()),
            }),
            _ => None,
        }
    }

    /// The raw object `id`.
    pub(super) fn read(&self, id: Oid) -> Result<Object, git2::Error> {
        if let Some(o) = self.gix_read(id) {
            return Ok(o);
        }
        let o = self.git_read(id)?;
        Ok(Object {
            kind: o.kind(),
            data: Rc::new(o.data().to_vec()),
        })
    }

    /// `f` of the kind and bytes of object `id`.
    pub(super) fn with<R>(
        &self,
        id: Oid,
        f: impl FnOnce(ObjectType, &[u8]) -> R,
    ) -> Result<R, git2::Error> {
        self.read(id).map(|o| f(o.kind, &o.data))
    }

    fn git_read(&self, id: Oid) -> Result<git2::OdbObject<'r>, git2::Error> {
        match self.git {
            Some(odb) => odb.read(id),
            None => Err(git2::Error::from_str("cannot read the object database")),
        }
    }
}

/// An object decoded from a pack: its kind and bytes.
type Decoded = (ObjectType, Rc<Vec<u8>>);

/// Objects decoded from packs, by (pack, offset), the oldest dropped first past
/// the bytes a chain of its largest objects takes (see [`BASE_CACHE_CHAIN`]).
#[derive(Default)]
struct BaseCache {
    map: HashMap<(usize, u64), Decoded, rustc_hash::FxBuildHasher>,
    order: VecDeque<(usize, u64)>,
    bytes: usize,
    /// The largest object kept so far (bytes).
    largest: usize,
}

impl BaseCache {
    fn get(&self, key: (usize, u64)) -> Option<Decoded> {
        self.map.get(&key).cloned()
    }

    fn put(&mut self, key: (usize, u64), kind: ObjectType, data: Rc<Vec<u8>>) {
        let len = data.len();
        if len > BASE_CACHE_MAX / 8 {
            return;
        }
        self.largest = self.largest.max(len);
        self.bytes += len;
        match self.map.insert(key, (kind, data)) {
            Some((_, old)) => self.bytes -= old.len(),
            None => self.order.push_back(key),
        }
        let cap = (self.largest * BASE_CACHE_CHAIN).clamp(BASE_CACHE_MIN, BASE_CACHE_MAX);
        while self.bytes > cap {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some((_, d)) = self.map.remove(&old) {
                self.bytes -= d.len();
            }
        }
    }
}

/// Reads objects from packs, resolving deltas with a cache of bases.
struct PackReader {
    packs: Arc<Vec<Pack>>,
    inflate: RefCell<gix_zlib::Inflate>,
    cache: RefCell<BaseCache>,
}

/// The longest delta chain followed (git writes 50 at most by default).
const MAX_CHAIN: usize = 10_000;

impl PackReader {
    /// Object `id`, when a pack holds it and it decodes.
    fn read(&self, id: &gix_hash::oid) -> Option<Decoded> {
        let (p, pack) = self
            .packs
            .iter()
            .enumerate()
            .find_map(|(p, pack)| pack.index.lookup(id).map(|e| (p, pack, e)))
            .map(|(p, pack, e)| (p, (pack, pack.index.pack_offset_at_index(e))))?;
        self.decode(p, pack.0, pack.1)
    }

    /// The object at `offset` of pack `p`: its chain of deltas followed to a base (or to an
    /// object in the cache), then applied from there.
    fn decode(&self, p: usize, pack: &Pack, offset: u64) -> Option<Decoded> {
        let mut cache = self.cache.try_borrow_mut().ok()?;
        let mut inflate = self.inflate.try_borrow_mut().ok()?;
        let mut chain = Vec::new();
        let mut at = offset;
        let (kind, mut data) = loop {
            if let Some(hit) = cache.get((p, at)) {
                break hit;
            }
            if chain.len() > MAX_CHAIN {
                return None;
            }
            let e = pack.data.entry(at).ok()?;
            use gix_pack::data::entry::Header;
            let next = match e.header {
                Header::OfsDelta { base_distance } => e.checked_base_pack_offset(base_distance)?,
                Header::RefDelta { base_id } => {
                    pack.index.pack_offset_at_index(pack.index.lookup(base_id)?)
                }
                h => {
                    let kind = match h.as_kind()? {
                        gix_object::Kind::Tree => ObjectType::Tree,
                        gix_object::Kind::Blob => ObjectType::Blob,
                        gix_object::Kind::Commit => ObjectType::Commit,
                        gix_object::Kind::Tag => ObjectType::Tag,
                    };
                    let mut buf = vec![0; usize::try_from(e.decompressed_size).ok()?];
                    pack.data
                        .decompress_entry(&e, &mut inflate, &mut buf)
                        .ok()?;
                    let data = Rc::new(buf);
                    // A commit read whole is read once (the walk keeps what it needs of it)
                    // and is seldom a delta's base: not kept.
                    if kind != ObjectType::Commit || !chain.is_empty() {
                        cache.put((p, at), kind, data.clone());
                    }
                    break (kind, data);
                }
            };
            chain.push((at, e));
            at = next;
        };
        let mut delta = Vec::new();
        for (at, e) in chain.into_iter().rev() {
            delta.clear();
            delta.resize(usize::try_from(e.decompressed_size).ok()?, 0);
            pack.data
                .decompress_entry(&e, &mut inflate, &mut delta)
                .ok()?;
            let target = Rc::new(apply_delta(&data, &delta)?);
            cache.put((p, at), kind, target.clone());
            data = target;
        }
        Some((kind, data))
    }
}

/// A size in a delta's header (little-endian groups of seven bits) and the bytes after it.
fn delta_size(d: &[u8]) -> Option<(usize, &[u8])> {
    let mut size = 0usize;
    for (i, &b) in d.iter().enumerate().take(10) {
        size |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((size, &d[i + 1..]));
        }
    }
    None
}

/// The object a git delta makes of `base`; `None` when the delta is damaged.
fn apply_delta(base: &[u8], delta: &[u8]) -> Option<Vec<u8>> {
    let (base_size, d) = delta_size(delta)?;
    let (size, mut d) = delta_size(d)?;
    if base_size != base.len() {
        return None;
    }
    let mut out = Vec::with_capacity(size);
    while let Some((&cmd, rest)) = d.split_first() {
        d = rest;
        if cmd & 0x80 != 0 {
            let mut arg = |bit: u8, shift: u32| -> Option<usize> {
                if cmd & bit == 0 {
                    return Some(0);
                }
                let (&b, rest) = d.split_first()?;
                d = rest;
                Some(usize::from(b) << shift)
            };
            let ofs = arg(0x01, 0)? | arg(0x02, 8)? | arg(0x04, 16)? | arg(0x08, 24)?;
            let mut len = arg(0x10, 0)? | arg(0x20, 8)? | arg(0x40, 16)?;
            if len == 0 {
                len = 0x10000;
            }
            out.extend_from_slice(base.get(ofs..ofs.checked_add(len)?)?);
        } else if cmd != 0 {
            let n = usize::from(cmd);
            out.extend_from_slice(d.get(..n)?);
            d = &d[n..];
        } else {
            return None;
        }
    }
    (out.len() == size).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_copies_from_its_base_and_inserts_its_own_bytes() {
        let base = b"hello world";
        // Sizes 11 and 11; copy 6 bytes from offset 0; insert "there".
        let delta = [11, 11, 0x90, 6, 5, b't', b'h', b'e', b'r', b'e'];
        assert_eq!(apply_delta(base, &delta), Some(b"hello there".to_vec()));
        // Copy "world" (offset 6, 5 bytes) then insert "!".
        let delta = [11, 6, 0x91, 6, 5, 1, b'!'];
        assert_eq!(apply_delta(base, &delta), Some(b"world!".to_vec()));
    }

    #[test]
    fn a_damaged_delta_decodes_to_nothing() {
        let base = b"hello world";
        // The base size is wrong.
        assert_eq!(apply_delta(base, &[10, 1, 1, b'x']), None);
        // The result size is wrong.
        assert_eq!(apply_delta(base, &[11, 2, 1, b'x']), None);
        // A copy past the end of the base.
        assert_eq!(apply_delta(base, &[11, 6, 0x91, 8, 6]), None);
        // The reserved command 0.
        assert_eq!(apply_delta(base, &[11, 0, 0]), None);
        // An insert longer than the delta.
        assert_eq!(apply_delta(base, &[11, 3, 3, b'x']), None);
    }

    /// A repository whose file `a.md` was rewritten `n` times (each version a delta of
    /// another once packed), packed by `git gc`.
    fn packed_repo(n: usize) -> (tempfile::TempDir, Repository) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let repo = Repository::init(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let sig = git2::Signature::new("A", "a@example.com", &git2::Time::new(1_700_000_000, 0))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut parent: Option<Oid> = None;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("line {i}: the decision as it stood then\n"));
            let blob = repo.blob(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            let mut tb = repo.treebuilder(None).unwrap_or_else(|e| panic!("{e}"));
            tb.insert("a.md", blob, 0o100644)
                .unwrap_or_else(|e| panic!("{e}"));
            let tree = tb.write().unwrap_or_else(|e| panic!("{e}"));
            let tree = repo.find_tree(tree).unwrap_or_else(|e| panic!("{e}"));
            let parents: Vec<git2::Commit<'_>> = parent
                .iter()
                .map(|p| repo.find_commit(*p).unwrap_or_else(|e| panic!("{e}")))
                .collect();
            let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let c = repo
                .commit(Some("HEAD"), &sig, &sig, &format!("v{i}"), &tree, &refs)
                .unwrap_or_else(|e| panic!("{e}"));
            parent = Some(c);
        }
        let gc = std::process::Command::new("git")
            .args(["gc", "-q", "--aggressive"])
            .current_dir(dir.path())
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(gc.success());
        let repo = Repository::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        (dir, repo)
    }

    #[test]
    fn every_packed_object_reads_as_libgit2_reads_it_deltas_included() {
        let (_dir, repo) = packed_repo(40);
        let odb = repo.odb().unwrap_or_else(|e| panic!("{e}"));
        let mut ids = Vec::new();
        odb.foreach(|id| {
            ids.push(*id);
            true
        })
        .unwrap_or_else(|e| panic!("{e}"));
        // 40 commits, 40 trees, 40 blobs, all in the pack.
        assert_eq!(ids.len(), 120);
        let store = Store::open(&repo).unwrap_or_else(|| panic!("no store"));
        assert_eq!(store.packs.len(), 1);
        let objects = Objects::new(Some(&store), None);
        let packs = objects.packs.as_ref().unwrap_or_else(|| panic!("no packs"));
        // Newest first, as a walk reads them; then oldest first (other delta directions).
        for round in [ids.clone(), ids.iter().rev().copied().collect()] {
            for id in round {
                let want = odb.read(id).unwrap_or_else(|e| panic!("{e}"));
                let gid =
                    gix_hash::ObjectId::try_from(id.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
                let (kind, data) = packs.read(&gid).unwrap_or_else(|| panic!("{id}"));
                assert_eq!(kind, want.kind(), "{id}");
                assert_eq!(data.as_slice(), want.data(), "{id}");
            }
        }
        // Some blob was stored as a delta (else the test proves nothing about deltas).
        let deltas = store.packs[0]
            .index
            .iter()
            .filter(|e| {
                store.packs[0]
                    .data
                    .entry(e.pack_offset)
                    .is_ok_and(|x| x.header.is_delta())
            })
            .count();
        assert!(deltas > 10, "{deltas} deltas");
    }

    #[test]
    fn an_object_in_no_pack_is_read_loose_and_a_missing_one_is_libgit2s_error() {
        let (_dir, repo) = packed_repo(2);
        let loose = repo
            .blob(b"written after the pack\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let odb = repo.odb().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(&repo).unwrap_or_else(|| panic!("no store"));
        let objects = Objects::new(Some(&store), Some(&odb));
        let o = objects.read(loose).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.kind, ObjectType::Blob);
        assert_eq!(o.data.as_slice(), b"written after the pack\n");
        let missing = Oid::from_str("0123456789012345678901234567890123456789")
            .unwrap_or_else(|e| panic!("{e}"));
        let err = objects.read(missing).err().map(|e| e.code());
        assert_eq!(err, Some(git2::ErrorCode::NotFound));
        let got = objects.with(loose, |kind, data| (kind, data.len()));
        assert_eq!(got.ok(), Some((ObjectType::Blob, 23)));
    }
}
