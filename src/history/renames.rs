//! Where ADR files went: former paths of today's ADRs, from history (for links to renamed
//! files: `check` says where they went, `check --fix` and the site follow them).

use super::History;
use crate::model::RepoPath;
use crate::repo::Loaded;
use crate::repo::links::Rename;
use std::collections::{HashMap, HashSet};

/// Former paths (from the root) of today's ADRs that no ADR has today → where each went.
/// A former path that two ADRs held is left out (which one a link meant is unknown).
pub fn renames(h: &History, loaded: &Loaded) -> HashMap<RepoPath, Rename> {
    let now: HashSet<&str> = loaded
        .entries
        .iter()
        .map(|e| e.adr().path.as_str())
        .collect();
    let mut out: HashMap<RepoPath, Rename> = HashMap::new();
    let mut ambiguous = HashSet::new();
    for (i, e) in loaded.entries.iter().enumerate() {
        let Some(ah) = h.by_path.get(&e.adr().path) else {
            continue;
        };
        for w in ah.events.windows(2) {
            let (old, new) = (&w[0], &w[1]);
            if old.path == new.path || now.contains(old.path.as_str()) {
                continue;
            }
            let r = Rename {
                to: i,
                commit: new.commit.clone(),
                date: new.when.date_naive(),
            };
            match out.get(&old.path) {
                Some(x) if x.to != i => {
                    ambiguous.insert(old.path.clone());
                }
                Some(_) => {}
                None => {
                    out.insert(old.path.clone(), r);
                }
            }
        }
    }
    for a in ambiguous {
        out.remove(&a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::links::rename_note;

    fn loaded(paths: &[&str]) -> Loaded {
        let vocab = crate::parse::Vocab::new(&[]);
        let mut l = Loaded::default();
        for p in paths {
            let name = p.rsplit('/').next().unwrap_or(p);
            l.entries.push(crate::repo::Entry {
                abs: std::path::PathBuf::from(p),
                text: String::new(),
                parsed: crate::parse::parse(*p, name, "# T\n", &vocab),
                editable: true,
            });
        }
        crate::repo::Loaded::from_entries(l.entries, Vec::new())
    }

    fn event(path: &str, commit: &str) -> crate::history::Event {
        crate::history::Event {
            when: crate::history::author_time(1_683_000_000, 0),
            author: "A".into(),
            commit: commit.into(),
            kind: crate::history::EventKind::Edited,
            status: None,
            path: path.into(),
            content: 0,
        }
    }

    #[test]
    fn renames_from_history() {
        let l = loaded(&["d/0027-a.md", "d/0030-b.md", "d/0031-c.md", "d/0008-x.md"]);
        let mut h = History::default();
        let mut add = |p: &str, evs: &[(&str, &str)]| {
            h.by_path.insert(
                p.into(),
                crate::history::AdrHistory {
                    events: evs.iter().map(|(p, c)| event(p, c)).collect(),
                    ..Default::default()
                },
            );
        };
        // 16 → 27; 30 and 31 both once were 0020 (which one a link meant is unknown); 31 was
        // once 0008, a path that holds another ADR today.
        add(
            "d/0027-a.md",
            &[
                ("d/0016-a.md", "c1"),
                ("d/0016-a.md", "c2"),
                ("d/0027-a.md", "abcdef123"),
            ],
        );
        add(
            "d/0030-b.md",
            &[("d/0020-b.md", "c1"), ("d/0030-b.md", "c3")],
        );
        add(
            "d/0031-c.md",
            &[
                ("d/0008-x.md", "c0"),
                ("d/0020-b.md", "c4"),
                ("d/0031-c.md", "c5"),
            ],
        );
        let r = renames(&h, &l);
        let mut keys: Vec<&RepoPath> = r.keys().collect();
        keys.sort();
        assert_eq!(keys, ["d/0016-a.md"]);
        assert_eq!(
            rename_note("d/0016-a.md", &r["d/0016-a.md"], &l),
            "renamed to `0027-a.md` in abcdef1 (2023-05-02)"
        );
        assert_eq!(
            rename_note("old/0016-a.md", &r["d/0016-a.md"], &l),
            "moved to `d/0027-a.md` in abcdef1 (2023-05-02)"
        );
    }
}
