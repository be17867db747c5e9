//! Links between ADRs, by path: which URLs point into this repository (the `origin` remote in
//! its https and ssh forms, or `[site] repo-url`; GitHub, GitLab, Bitbucket and Gitea file
//! URLs), the file a link names, and where git history says a file that is gone went.

use super::{Loaded, Workspace};
use crate::model::{RepoPath, percent_decode};
use std::collections::HashMap;

/// What identifies this repository in an URL: (host, `owner/repo`), both lower case.
#[derive(Debug, Clone, Default)]
pub struct Site {
    ids: Vec<(String, String)>,
    /// The workspace root inside the git work tree (`""` when they are the same).
    prefix: String,
}

/// Where a link's target points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// A file of this repository: its path from the workspace root, the byte range of the link
    /// target that spells it, whether the target is an URL, and whether it is pinned to a
    /// commit (a permalink, valid whatever the file is called today).
    Path {
        /// Path from the workspace root.
        path: RepoPath,
        /// Byte range of the path in the target.
        span: (usize, usize),
        /// The target is an absolute URL.
        url: bool,
        /// The URL names a commit, not a branch.
        pinned: bool,
    },
    /// A file URL into a repository that is not known to be this one; the path in it.
    Elsewhere(RepoPath),
    /// Anything else (another site, an anchor, mail).
    External,
}

impl Site {
    /// This repository's identity: `origin` and `[site] repo-url`.
    pub fn of(ws: &Workspace) -> Site {
        let mut site = Site::default();
        if let Some(git) = ws.git() {
            if let Some(id) = git.origin().and_then(parse_remote) {
                site.ids.push(id);
            }
            if let Some(p) = git.prefix() {
                site.prefix = p;
            }
        }
        if let Some(id) = ws.config.repo_url.as_deref().and_then(parse_remote)
            && !site.ids.contains(&id)
        {
            site.ids.push(id);
        }
        site
    }

    /// The repository whose web URL (or remote) is `url`, its files at the top of its work
    /// tree (a repository of a central site); none when `url` names no repository.
    pub fn of_url(url: &str) -> Option<Site> {
        parse_remote(url).map(|id| Site {
            ids: vec![id],
            prefix: String::new(),
        })
    }

    /// A site known by these remotes.
    #[cfg(test)]
    fn with(remotes: &[&str], prefix: &str) -> Site {
        Site {
            ids: remotes.iter().filter_map(|r| parse_remote(r)).collect(),
            prefix: prefix.to_string(),
        }
    }

    /// Where `target`, written in the file at `from` (path from the root), points.
    /// `exists(path)` tells whether a path from the root exists (to split branch names that
    /// hold `/`).
    pub fn locate(&self, from: &str, target: &str, exists: &dyn Fn(&str) -> bool) -> Located {
        let t = target.trim();
        let end = t.find(['#', '?']).unwrap_or(t.len());
        let bare = &t[..end];
        if bare.is_empty() {
            return Located::External;
        }
        if let Some(rest) = strip_scheme(bare) {
            return self.locate_url(rest, end, exists);
        }
        if bare.starts_with("//") || bare.contains(':') {
            return Located::External;
        }
        let decoded = percent_decode(bare);
        let path = if let Some(abs) = decoded.strip_prefix('/') {
            self.root_path_of(abs)
        } else {
            let base = from.rsplit_once('/').map_or("", |(d, _)| d);
            normalize(base, &decoded)
        };
        match path {
            Some(path) => Located::Path {
                path,
                span: (0, end),
                url: false,
                pinned: false,
            },
            None => Located::External,
        }
    }

    fn locate_url(&self, rest: &str, end: usize, exists: &dyn Fn(&str) -> bool) -> Located {
        let (host, after_host) = rest.split_once('/').unwrap_or((rest, ""));
        let host = norm_host(host);
        let lower = after_host.to_lowercase();
        // Where `after_host` starts in `t` (it ends where the anchor or query starts).
        let offset = end - after_host.len();
        let mut ours = None;
        for (h, p) in &self.ids {
            if *h == host && lower.starts_with(&format!("{p}/")) {
                ours = Some(p.len() + 1);
                break;
            }
        }
        let (tail, tail_at) = match ours {
            Some(n) => (&after_host[n..], offset + n),
            None => {
                // Not this repository: a forge file URL still names a path (owner/repo/…).
                let segs: Vec<&str> = after_host.splitn(3, '/').collect();
                if segs.len() < 3 {
                    return Located::External;
                }
                let skip = segs[0].len() + segs[1].len() + 2;
                return match forge_path(&after_host[skip..]) {
                    Some((_, segs)) if !segs.is_empty() => {
                        let (path, _) = pick_ref(&segs, &|_| false);
                        Located::Elsewhere(RepoPath::new(percent_decode(&path)))
                    }
                    _ => Located::External,
                };
            }
        };
        let Some((ref_at, segs)) = forge_path(tail) else {
            return Located::External;
        };
        if segs.len() < 2 {
            return Located::External;
        }
        let git_exists = |p: &str| self.to_root(p).is_some_and(|r| exists(&r));
        let (git_path, path_at) = pick_ref(&segs, &git_exists);
        let pinned = {
            let r = segs[0];
            (7..=40).contains(&r.len()) && r.chars().all(|c| c.is_ascii_hexdigit())
        };
        let Some(path) = self.to_root(&percent_decode(&git_path)) else {
            return Located::External;
        };
        let start = tail_at + ref_at + path_at;
        Located::Path {
            path,
            span: (start, end),
            url: true,
            pinned,
        }
    }

    /// A path from the git work tree to one from the workspace root.
    fn to_root(&self, p: &str) -> Option<RepoPath> {
        if self.prefix.is_empty() {
            Some(RepoPath::new(p))
        } else {
            p.strip_prefix(&format!("{}/", self.prefix))
                .map(RepoPath::new)
        }
    }

    fn root_path_of(&self, p: &str) -> Option<RepoPath> {
        normalize("", p).and_then(|p| self.to_root(&p))
    }

    /// A path from the workspace root as the work tree knows it (what URLs hold).
    pub fn to_work_tree(&self, p: &str) -> String {
        if self.prefix.is_empty() {
            p.to_string()
        } else {
            format!("{}/{p}", self.prefix)
        }
    }
}

/// `https://host/rest` → `host/rest` (http, https only).
fn strip_scheme(s: &str) -> Option<&str> {
    let (scheme, rest) = s.split_once("://")?;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(rest)
}

fn norm_host(h: &str) -> String {
    let h = h.rsplit('@').next().unwrap_or(h);
    let h = h.split(':').next().unwrap_or(h).to_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// (host, `owner/repo`) of a remote URL: `https://host/o/r(.git)`, `ssh://git@host:22/o/r.git`,
/// `git@host:o/r.git`, or a browse URL (`https://host/o/r/blob/main`, `…/-/tree/main`, `…/src`).
pub fn parse_remote(url: &str) -> Option<(String, String)> {
    let u = url.trim();
    let (host, path) = if let Some((scheme, rest)) = u.split_once("://") {
        if scheme.eq_ignore_ascii_case("file") {
            return None;
        }
        let (h, p) = rest.split_once('/')?;
        (norm_host(h), p)
    } else {
        // scp-like `user@host:owner/repo.git`; a local path has no `:` before a `/`.
        let (h, p) = u.split_once(':')?;
        if h.is_empty() || h.contains('/') || p.starts_with('/') && h.len() == 1 {
            return None;
        }
        (norm_host(h), p)
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in path.split('/') {
        if s.is_empty() {
            continue;
        }
        if segs.len() >= 2 && ["blob", "tree", "src", "-", "raw"].contains(&s) {
            break;
        }
        segs.push(s);
    }
    if segs.len() < 2 || host.is_empty() {
        return None;
    }
    let p = segs.join("/").to_lowercase();
    let p = p.strip_suffix(".git").unwrap_or(&p).to_string();
    Some((host, p))
}

/// The segments after the file-view marker of a forge URL's tail (what follows `owner/repo/`):
/// GitHub `blob|tree|raw|blame/REF/path`, GitLab `-/blob/REF/path`, Gitea `src/branch/REF/path`,
/// Bitbucket `src/REF/path`. Returns the byte offset of the first returned segment in `tail`.
fn forge_path(tail: &str) -> Option<(usize, Vec<&str>)> {
    let segs: Vec<&str> = tail.split('/').collect();
    let kinds = ["blob", "tree", "raw", "blame", "edit"];
    let skip = match segs.as_slice() {
        ["-", k, ..] if kinds.contains(k) => 2,
        ["src" | "raw", "branch" | "commit" | "tag", ..] => 2,
        ["src", ..] => 1,
        [k, ..] if kinds.contains(k) => 1,
        _ => return None,
    };
    let at: usize = segs[..skip].iter().map(|s| s.len() + 1).sum();
    Some((at, segs[skip..].to_vec()))
}

/// Splits `REF/path…` segments: the first split whose path exists (branch names may hold
/// `/`), else a one-segment ref. Returns the path and its byte offset from the ref's start.
fn pick_ref(segs: &[&str], exists: &dyn Fn(&str) -> bool) -> (String, usize) {
    for k in 1..segs.len() {
        let p = segs[k..].join("/");
        if exists(&percent_decode(&p)) {
            return (p, segs[..k].iter().map(|s| s.len() + 1).sum());
        }
    }
    (segs[1..].join("/"), segs[0].len() + 1)
}

/// `base` + `rel` with `.` and `..` applied; `None` when it leaves the root.
pub fn normalize(base: &str, rel: &str) -> Option<RepoPath> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| RepoPath::from_parts(parts))
}

/// Gives every link relation of `loaded` the path it names (called once, while loading).
pub fn locate_all(ws: &Workspace, loaded: &mut Loaded) {
    let site = Site::of(ws);
    let paths: rustc_hash::FxHashSet<RepoPath> = loaded
        .entries
        .iter()
        .map(|e| e.adr().path.clone())
        .collect();
    let exists = |p: &str| paths.contains(p) || ws.root.join(p).exists();
    for e in &mut loaded.entries {
        let from = e.parsed.adr.path.clone();
        for r in &mut e.parsed.adr.relations {
            let Some(link) = r.target.link.clone() else {
                continue;
            };
            match site.locate(&from, &link, &exists) {
                Located::Path { path, .. } => {
                    // A file that exists but is not one of the loaded ADRs keeps today's
                    // matching by its exact name.
                    if paths.contains(&path) || !ws.root.join(&path).exists() {
                        r.target.path = Some(path);
                    }
                }
                Located::Elsewhere(path) => {
                    // Another repository's file (or one whose repository is unknown): never
                    // one of ours by number; by path only when no identity is known.
                    r.target.number = None;
                    r.target.file = None;
                    if site.ids.is_empty() && paths.contains(&path) {
                        r.target.path = Some(path);
                    }
                }
                Located::External => {}
            }
        }
    }
}

/// A file that history shows renamed: where it went (the ADR it is today), in which commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The ADR (entry index) the file is today.
    pub to: usize,
    /// Full commit id of the rename.
    pub commit: String,
    /// Its author date.
    pub date: chrono::NaiveDate,
}

/// "renamed to `0027-audit-trail.md` in 1a2b3c4 (2023-05-02)" (or "moved to `dir/…`").
pub fn rename_note(old: &str, r: &Rename, loaded: &Loaded) -> String {
    let a = loaded.entries[r.to].adr();
    let short = r.commit.get(..7).unwrap_or(&r.commit);
    let old_dir = old.rsplit_once('/').map_or("", |(d, _)| d);
    if old_dir == a.path.dir() {
        format!("renamed to `{}` in {short} ({})", a.file_name, r.date)
    } else {
        format!("moved to `{}` in {short} ({})", a.path, r.date)
    }
}

/// The link target rewritten to point at `new` (a path from the root) instead, in the same
/// form: a relative link stays relative (`./` kept), an URL keeps its host, branch and
/// `#anchor`.
pub fn retarget(
    site: &Site,
    from: &str,
    target: &str,
    located: &Located,
    new: &str,
) -> Option<String> {
    let Located::Path {
        span,
        url,
        path: old,
        ..
    } = located
    else {
        return None;
    };
    let t = target.trim();
    let written = t.get(span.0..span.1)?;
    let parent = |p: &str| p.rsplit_once('/').map(|(d, _)| d.to_string());
    let path = if !*url
        && parent(old) == parent(new)
        && let Some((dir, _)) = written.rsplit_once('/')
    {
        // Renamed in place: only the file name changes (`../adr/0016-x.md` → `../adr/0027-x.md`).
        let name = new.rsplit('/').next().unwrap_or(new);
        format!("{dir}/{}", encode(name))
    } else if *url {
        encode(&site.to_work_tree(new))
    } else if written.starts_with('/') {
        format!("/{}", encode(&site.to_work_tree(new)))
    } else {
        let mut rel = encode(&relative(from, new));
        if written.starts_with("./") && !rel.starts_with("../") {
            rel.insert_str(0, "./");
        }
        rel
    };
    Some(format!("{}{}{}", &t[..span.0], path, &t[span.1..]))
}

/// The relative path from the file at `from` to the file at `to` (both from the root).
pub fn relative(from: &str, to: &str) -> String {
    let base: Vec<&str> = from
        .rsplit_once('/')
        .map_or(Vec::new(), |(d, _)| d.split('/').collect());
    let to: Vec<&str> = to.split('/').collect();
    let common = base
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len() - 1);
    let mut rel = "../".repeat(base.len() - common);
    rel.push_str(&to[common..].join("/"));
    rel
}

/// Spaces (and `%`) percent-encoded, as link targets must be.
fn encode(p: &str) -> String {
    p.replace('%', "%25").replace(' ', "%20")
}

/// Link text that names the old ADR, made to name the new one: `ADR 16` → `ADR 27`
/// (padding kept), the old file name → the new one. Other text is kept.
pub fn retext(text: &str, old_file: &str, new_file: &str, new_number: Option<u32>) -> String {
    if text.contains(old_file) {
        return text.replace(old_file, new_file);
    }
    let old_number = crate::parse::name::parse_file_name(old_file).number;
    let (Some(old_n), Some(new_n)) = (old_number, new_number) else {
        return text.to_string();
    };
    if crate::model::number_in_ref(text) != Some(old_n) {
        return text.to_string();
    }
    // The digits number_in_ref read: the first run of digits.
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return text.to_string();
    };
    let len = text[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - start);
    format!(
        "{}{:0width$}{}",
        &text[..start],
        new_n,
        &text[start + len..],
        width = len
    )
}

/// One Markdown link in an ADR's text.
#[derive(Debug, Clone)]
pub struct LinkAt {
    /// 1-based line.
    pub line: usize,
    /// The link text.
    pub text: String,
    /// The target as written.
    pub target: String,
    /// Where it points.
    pub located: Located,
}

/// Every link in the text of ADR `i` (outside code), located.
pub fn links_in(ws: &Workspace, site: &Site, loaded: &Loaded, i: usize) -> Vec<LinkAt> {
    let e = &loaded.entries[i];
    let layout = &e.parsed.layout;
    let from = &e.adr().path;
    let exists = |p: &str| loaded.at_path(p).is_some() || ws.root.join(p).exists();
    let mut out = Vec::new();
    for n in layout.body_start..=layout.last_line() {
        if layout.is_code(n) {
            continue;
        }
        let line = layout.line_at(&e.text, n);
        if !line.contains("](") {
            continue;
        }
        for (text, target) in crate::parse::markdown_links(line) {
            let located = site.locate(from, &target, &exists);
            out.push(LinkAt {
                line: n,
                text,
                target,
                located,
            });
        }
    }
    out
}

/// The path a link names when that file does not exist (and the link is not pinned to a
/// commit, where it may well exist).
pub fn missing(ws: &Workspace, loaded: &Loaded, l: &LinkAt) -> Option<RepoPath> {
    match &l.located {
        Located::Path {
            path,
            pinned: false,
            ..
        } if loaded.at_path(path).is_none() && !ws.root.join(path).exists() => Some(path.clone()),
        _ => None,
    }
}

/// Whether any ADR links to a file of this repository that does not exist (then history is
/// worth reading, to say where it went).
pub fn any_missing(ws: &Workspace, loaded: &Loaded) -> bool {
    let site = Site::of(ws);
    (0..loaded.entries.len()).any(|i| {
        links_in(ws, &site, loaded, i)
            .iter()
            .any(|l| missing(ws, loaded, l).is_some())
    })
}

/// One link to rewrite: on `line` (1-based), `[text](target)` becomes `[new_text](new_target)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// 1-based line.
    pub line: usize,
    /// Link text now.
    pub text: String,
    /// Target now.
    pub target: String,
    /// New link text.
    pub new_text: String,
    /// New target.
    pub new_target: String,
}

/// The links of ADR `i` to files that history shows renamed, and what they become.
pub fn repairs(
    ws: &Workspace,
    site: &Site,
    loaded: &Loaded,
    renames: &HashMap<RepoPath, Rename>,
    i: usize,
) -> Vec<Repair> {
    let from = &loaded.entries[i].adr().path;
    let mut out = Vec::new();
    for l in links_in(ws, site, loaded, i) {
        let Some(old) = missing(ws, loaded, &l) else {
            continue;
        };
        let Some(r) = renames.get(&old) else {
            continue;
        };
        let to = loaded.entries[r.to].adr();
        let Some(new_target) = retarget(site, from, &l.target, &l.located, &to.path) else {
            continue;
        };
        let old_file = old.file_name();
        let new_text = retext(&l.text, old_file, &to.file_name, to.number);
        out.push(Repair {
            line: l.line,
            text: l.text,
            target: l.target,
            new_text,
            new_target,
        });
    }
    out
}

/// `text` with `repairs` applied: only the bytes of each link's text and target change.
pub fn apply(text: &str, repairs: &[Repair]) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        let mut l = line.to_string();
        let mut cursor = 0;
        for r in repairs.iter().filter(|r| r.line == line_no) {
            let open = format!("[{}](", r.text);
            let Some(at) = l[cursor..].find(&open).map(|p| p + cursor) else {
                continue;
            };
            let after = at + open.len();
            let Some(t_at) = l[after..].find(&r.target).map(|p| p + after) else {
                continue;
            };
            let new_open = format!("[{}](", r.new_text);
            let mut nl = String::with_capacity(l.len() + 16);
            nl.push_str(&l[..at]);
            nl.push_str(&new_open);
            nl.push_str(&l[after..t_at]);
            nl.push_str(&r.new_target);
            cursor = nl.len();
            nl.push_str(&l[t_at + r.target.len()..]);
            l = nl;
        }
        out.push_str(&l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(l: Located) -> Option<(String, bool)> {
        match l {
            Located::Path { path, pinned, .. } => Some((path.into_string(), pinned)),
            _ => None,
        }
    }

    #[test]
    fn remotes() {
        let gh = Some(("github.com".to_string(), "org/repo".to_string()));
        assert_eq!(parse_remote("https://github.com/org/repo.git"), gh);
        assert_eq!(parse_remote("git@github.com:org/repo.git"), gh);
        assert_eq!(parse_remote("ssh://git@github.com:22/Org/Repo.git"), gh);
        assert_eq!(
            parse_remote("https://www.github.com/org/repo/blob/main"),
            gh
        );
        assert_eq!(
            parse_remote("https://gitlab.com/group/sub/repo/-/tree/main"),
            Some(("gitlab.com".to_string(), "group/sub/repo".to_string()))
        );
        assert_eq!(parse_remote("/tmp/x/repo.bundle"), None);
        assert_eq!(parse_remote("C:/x/repo"), None);
    }

    #[test]
    fn urls_into_this_repository() {
        let site = Site::with(&["git@github.com:org/repo.git"], "");
        let no = |_: &str| false;
        let from = "docs/adr/0001-a.md";
        for (url, want) in [
            (
                "https://github.com/org/repo/blob/main/docs/adr/0016-x.md",
                "docs/adr/0016-x.md",
            ),
            (
                "https://github.com/Org/Repo/blob/main/docs/adr/0016-x.md?plain=1#L10",
                "docs/adr/0016-x.md",
            ),
            ("https://github.com/org/repo/tree/main/docs/adr", "docs/adr"),
            ("./0016-x.md#top", "docs/adr/0016-x.md"),
            ("../adr/0016%20x.md", "docs/adr/0016 x.md"),
            ("/docs/adr/0016-x.md", "docs/adr/0016-x.md"),
        ] {
            assert_eq!(
                path_of(site.locate(from, url, &no)),
                Some((want.to_string(), false)),
                "{url}"
            );
        }
        assert_eq!(
            path_of(site.locate(
                from,
                "https://github.com/org/repo/blob/1b37daa/docs/adr/0016-x.md",
                &no
            )),
            Some(("docs/adr/0016-x.md".to_string(), true))
        );
        let yes = |p: &str| p == "docs/adr/0016-x.md";
        assert_eq!(
            path_of(site.locate(
                from,
                "https://github.com/org/repo/blob/feature/x/docs/adr/0016-x.md",
                &yes
            )),
            Some(("docs/adr/0016-x.md".to_string(), false))
        );
        assert_eq!(
            site.locate(
                from,
                "https://github.com/other/repo/blob/main/docs/adr/0016-x.md",
                &no
            ),
            Located::Elsewhere("docs/adr/0016-x.md".into())
        );
        assert_eq!(
            site.locate(from, "https://example.com/adr/16", &no),
            Located::External
        );
        assert_eq!(
            site.locate(from, "https://github.com/org/repo/issues/3", &no),
            Located::External
        );
        let lab = Site::with(
            &[
                "https://gitlab.com/g/r.git",
                "https://gitea.io/g/r",
                "https://bitbucket.org/g/r",
            ],
            "sub",
        );
        for url in [
            "https://gitlab.com/g/r/-/blob/main/sub/docs/adr/0016-x.md",
            "https://gitea.io/g/r/src/branch/main/sub/docs/adr/0016-x.md",
            "https://bitbucket.org/g/r/src/main/sub/docs/adr/0016-x.md",
        ] {
            assert_eq!(
                path_of(lab.locate(from, url, &no)),
                Some(("docs/adr/0016-x.md".to_string(), false)),
                "{url}"
            );
        }
    }

    #[test]
    fn targets_keep_their_form() {
        let site = Site::with(&["https://github.com/org/repo"], "");
        let no = |_: &str| false;
        let from = "docs/adr/0001-a.md";
        for (t, want) in [
            ("0016-x.md", "0027-x.md"),
            ("./0016-x.md#why", "./0027-x.md#why"),
            ("../adr/0016-x.md", "../adr/0027-x.md"),
            ("/docs/adr/0016-x.md", "/docs/adr/0027-x.md"),
            (
                "https://github.com/org/repo/blob/main/docs/adr/0016-x.md?plain=1#L10",
                "https://github.com/org/repo/blob/main/docs/adr/0027-x.md?plain=1#L10",
            ),
        ] {
            let l = site.locate(from, t, &no);
            assert_eq!(
                retarget(&site, from, t, &l, "docs/adr/0027-x.md").as_deref(),
                Some(want),
                "{t}"
            );
        }
        let l = site.locate("a/b/0001.md", "0016-x.md", &no);
        assert_eq!(
            retarget(&site, "a/b/0001.md", "0016-x.md", &l, "a/c/0016-x.md").as_deref(),
            Some("../c/0016-x.md")
        );
        assert_eq!(
            retext("ADR 16", "0016-x.md", "0027-x.md", Some(27)),
            "ADR 27"
        );
        assert_eq!(
            retext("ADR-0016", "0016-x.md", "0027-x.md", Some(27)),
            "ADR-0027"
        );
        assert_eq!(retext("16. X", "0016-x.md", "0027-x.md", Some(27)), "27. X");
        assert_eq!(
            retext("0016-x.md", "0016-x.md", "0027-x.md", Some(27)),
            "0027-x.md"
        );
        assert_eq!(
            retext("the audit trail", "0016-x.md", "0027-x.md", Some(27)),
            "the audit trail"
        );
        assert_eq!(retext("ADR 5", "0016-x.md", "0027-x.md", Some(27)), "ADR 5");
    }
}
