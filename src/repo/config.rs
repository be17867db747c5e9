//! `adrgov.toml`: found by walking up like git; every key optional; unknown keys are errors.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    adr: RawAdr,
    #[serde(default)]
    check: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    site: RawSite,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAdr {
    dir: Option<String>,
    format: Option<Spanned<String>>,
    statuses: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    relations: Vec<Spanned<Vec<String>>>,
    template: Option<String>,
    digits: Option<Spanned<usize>>,
    toc: Option<String>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    dir: String,
}

/// One `[[adr.sources]]` entry: a named ADR directory of a repository that has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSetting {
    /// The name ids are qualified with (`payments` in `payments/0003`).
    pub name: String,
    /// The directory, relative to the root, `/`-separated.
    pub dir: String,
    /// 1-based line of the entry in the configuration file.
    pub line: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSite {
    title: Option<String>,
    base_url: Option<String>,
    repo_url: Option<String>,
    out: Option<Spanned<String>>,
    templates: Option<Spanned<String>>,
    allow_outside_repo: Option<bool>,
    #[serde(default)]
    repositories: Vec<Spanned<RawRepository>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRepository {
    path: String,
    name: Option<String>,
}

/// One `[[site.repositories]]` entry: a repository (a local directory or an `adrgov export`
/// file) whose decisions a central site shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositorySetting {
    /// As written, relative to the configuration file's directory.
    pub path: String,
    /// The name it is shown under (default: the export's, or the directory's name).
    pub name: Option<String>,
    /// 1-based line of the entry in the configuration file.
    pub line: usize,
}

/// Format of new ADRs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFormat {
    /// MADR 4 with YAML front matter.
    Madr,
    /// adr-tools / Nygard.
    Nygard,
}

/// One entry of `[check]` as written, with its line; `check` validates the table (the
/// configuration does not know the rules).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRule {
    /// The value: a level string or a table.
    pub value: toml::Value,
    /// 1-based line of the value in the configuration file.
    pub line: usize,
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// `[adr] dir`, relative to the root.
    pub dir: Option<String>,
    /// `[adr] format`.
    pub format: Option<NewFormat>,
    /// `[adr] statuses`.
    pub statuses: Vec<String>,
    /// `[adr] relations`: extra inverse pairs.
    pub relations: Vec<(String, String)>,
    /// `[adr] template`: a Tera template for new ADRs, relative to the root.
    pub template: Option<String>,
    /// `[adr] digits`: width of new numbers.
    pub digits: Option<usize>,
    /// `[adr] toc`: an index file kept up to date by `check --fix`, relative to the root.
    pub toc: Option<String>,
    /// `[[adr.sources]]`: the ADR directories of a repository that has several.
    pub sources: Vec<SourceSetting>,
    /// `[check]`, rule name → setting, as written (validated by `check::config`).
    pub check: BTreeMap<String, RawRule>,
    /// The adrgov.toml this configuration was read from, if any.
    pub path: Option<PathBuf>,
    /// `[site] title`.
    pub site_title: String,
    /// `[site] base-url`.
    pub base_url: String,
    /// `[site] out`.
    pub site_out: String,
    /// `[site] templates`: directory of template and asset overrides.
    pub site_templates: Option<String>,
    /// `[site] repo-url`: where the repository's files are browsed (`https://host/org/repo/blob/main`),
    /// for links from ADR text to files outside the ADR directory.
    pub repo_url: Option<String>,
    /// `[site] allow-outside-repo`: let `out` and `templates` name paths outside the
    /// repository (refused by default: the configuration comes with the repository, which CI
    /// may run on untrusted pull requests).
    pub site_allow_outside: bool,
    /// `[[site.repositories]]`: the repositories a central site shows.
    pub site_repositories: Vec<RepositorySetting>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dir: None,
            format: None,
            statuses: crate::model::DEFAULT_STATUSES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            relations: Vec::new(),
            template: None,
            digits: None,
            toc: None,
            sources: Vec::new(),
            check: BTreeMap::new(),
            path: None,
            site_title: "Architecture decisions".into(),
            base_url: "/".into(),
            site_out: "target/adr-site".into(),
            site_templates: None,
            repo_url: None,
            site_allow_outside: false,
            site_repositories: Vec::new(),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Parses and validates the text of `path`.
pub fn parse_config(path: &Path, text: &str) -> Result<Config> {
    let err = |offset: usize, message: String| Error::Config {
        path: path.to_path_buf(),
        line: line_of(text, offset),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().to_string();
        err(offset, msg)
    })?;
    let mut c = Config {
        sources: sources(&raw.adr, text, &err)?,
        ..Config::default()
    };
    apply_adr(&mut c, raw.adr, &err)?;
    c.path = Some(path.to_path_buf());
    for (rule, value) in raw.check {
        let line = line_of(text, value.span().start);
        c.check.insert(
            rule,
            RawRule {
                value: value.into_inner(),
                line,
            },
        );
    }
    c.site_repositories = raw
        .site
        .repositories
        .iter()
        .map(|r| RepositorySetting {
            path: r.get_ref().path.clone(),
            name: r.get_ref().name.clone(),
            line: line_of(text, r.span().start),
        })
        .collect();
    apply_site(&mut c, raw.site, &err)?;
    Ok(c)
}

/// `[[adr.sources]]`, validated: each name non-empty and without `/` or spaces (ids are
/// qualified as `name/0003`), each directory inside the repository, no name twice, and not
/// together with `[adr] dir`.
fn sources(
    adr: &RawAdr,
    text: &str,
    err: &dyn Fn(usize, String) -> Error,
) -> Result<Vec<SourceSetting>> {
    let mut out: Vec<SourceSetting> = Vec::new();
    for s in &adr.sources {
        let at = s.span().start;
        let raw = s.get_ref();
        let name = raw.name.trim().to_string();
        if name.is_empty() || name.contains(['/', '\\']) || name.chars().any(char::is_whitespace) {
            return Err(err(
                at,
                format!(
                    "key `adr.sources`: source name \"{}\" cannot be used; give a name without `/` or spaces (ids are written `name/0003`)",
                    raw.name
                ),
            ));
        }
        let dir = raw
            .dir
            .trim()
            .trim_start_matches("./")
            .trim_end_matches('/');
        let dir = if dir.is_empty() { "." } else { dir };
        if escapes(dir) {
            return Err(err(
                at,
                format!(
                    "key `adr.sources`: the directory \"{}\" of source `{name}` is outside the repository",
                    raw.dir
                ),
            ));
        }
        if let Some(first) = out.iter().find(|o| o.name.eq_ignore_ascii_case(&name)) {
            return Err(err(
                at,
                format!(
                    "key `adr.sources`: two sources are named `{name}`: {} (line {}) and {dir} (line {}); give each source its own name",
                    first.dir,
                    first.line,
                    line_of(text, at)
                ),
            ));
        }
        out.push(SourceSetting {
            name,
            dir: dir.to_string(),
            line: line_of(text, at),
        });
    }
    if let (Some(first), Some(_)) = (adr.sources.first(), &adr.dir) {
        return Err(err(
            first.span().start,
            "key `adr.sources`: give either `[adr] dir` or `[[adr.sources]]`, not both".into(),
        ));
    }
    Ok(out)
}

/// Reads `[adr]` into `c`, validating `format`, `statuses`, `relations` and `digits`; `err`
/// makes the error at a byte offset of the file.
fn apply_adr(c: &mut Config, adr: RawAdr, err: &dyn Fn(usize, String) -> Error) -> Result<()> {
    c.dir = adr.dir;
    c.template = adr.template;
    c.toc = adr.toc;
    if let Some(f) = adr.format {
        c.format = Some(match f.get_ref().as_str() {
            "madr" => NewFormat::Madr,
            "nygard" | "adr-tools" => NewFormat::Nygard,
            other => {
                return Err(err(
                    f.span().start,
                    format!(
                        "key `adr.format`: unknown format `{other}`; use \"madr\" or \"nygard\""
                    ),
                ));
            }
        });
    }
    if let Some(s) = adr.statuses {
        let list: Vec<String> = s
            .get_ref()
            .iter()
            .map(|x| x.trim().to_lowercase())
            .collect();
        if list.is_empty() || list.iter().any(String::is_empty) {
            return Err(err(
                s.span().start,
                "key `adr.statuses`: give at least one non-empty status".into(),
            ));
        }
        c.statuses = list;
    }
    for pair in adr.relations {
        let v = pair.get_ref();
        if v.len() != 2 || v.iter().any(|x| x.trim().is_empty()) {
            return Err(err(
                pair.span().start,
                "key `adr.relations`: each entry is a pair like [\"clarifies\", \"clarified by\"]"
                    .into(),
            ));
        }
        c.relations
            .push((v[0].trim().to_lowercase(), v[1].trim().to_lowercase()));
    }
    if let Some(d) = adr.digits {
        if !(1..=7).contains(d.get_ref()) {
            return Err(err(
                d.span().start,
                "key `adr.digits`: use a width from 1 to 7".into(),
            ));
        }
        c.digits = Some(*d.get_ref());
    }
    Ok(())
}

/// Validates `[site]` into `c`: `out` and `templates` must stay inside the repository unless
/// `allow-outside-repo` is set; `err` makes the error at a byte offset of the file.
fn apply_site(c: &mut Config, site: RawSite, err: &dyn Fn(usize, String) -> Error) -> Result<()> {
    if let Some(t) = site.title {
        c.site_title = t;
    }
    if let Some(b) = site.base_url {
        c.base_url = b;
    }
    c.site_allow_outside = site.allow_outside_repo.unwrap_or(false);
    for (key, v) in [("site.out", &site.out), ("site.templates", &site.templates)] {
        if let Some(v) = v
            && !c.site_allow_outside
            && escapes(v.get_ref())
        {
            return Err(err(
                v.span().start,
                format!(
                    "key `{key}`: \"{}\" is outside the repository; adrgov reads and writes the site only inside it (set `site.allow-outside-repo = true` to allow, or pass --out)",
                    v.get_ref()
                ),
            ));
        }
    }
    if let Some(o) = site.out {
        c.site_out = o.into_inner();
    }
    c.site_templates = site.templates.map(Spanned::into_inner);
    c.repo_url = site.repo_url.map(|u| u.trim_end_matches('/').to_string());
    Ok(())
}

/// Whether a configured relative path leaves the directory it is relative to (absolute, or
/// more `..` than depth).
pub fn escapes(p: &str) -> bool {
    let path = Path::new(p);
    if path.is_absolute() || p.starts_with('/') || p.starts_with('\\') || p.contains(':') {
        return true;
    }
    let mut depth: i64 = 0;
    for part in p.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// Reads `project.adrFolder` from a `.log4brains.yml`.
pub fn log4brains_dir(path: &Path, text: &str) -> Result<Option<String>> {
    use gray_matter::Pod;
    use gray_matter::engine::Engine;
    let pod = gray_matter::engine::YAML::parse(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        line: 1,
        message: format!("not valid YAML: {e}"),
    })?;
    let dir = match &pod {
        Pod::Hash(m) => match m.get("project") {
            Some(Pod::Hash(p)) => match p.get("adrFolder") {
                Some(Pod::String(s)) => Some(s.trim().trim_start_matches("./").to_string()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    Ok(dir)
}

/// Where the ADR directory setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `adrgov.toml`.
    Adrgov(PathBuf),
    /// adr-tools' `.adr-dir`.
    AdrTools(PathBuf),
    /// `.log4brains.yml`.
    Log4brains(PathBuf),
    /// A conventional directory (`docs/adr`, …) or the root itself.
    Convention,
    /// Found by content: the directory of the repository whose files look most like ADRs.
    Discovered,
}

/// The conventional ADR directories, in order.
pub const CONVENTIONAL_DIRS: [&str; 6] = [
    "docs/adr",
    "doc/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "adr",
    "decisions",
];

/// Finds the repository root and configuration from `start`, walking up like git.
pub fn discover(start: &Path) -> Result<(PathBuf, Config, Source, Option<String>)> {
    for dir in start.ancestors() {
        let toml_path = dir.join("adrgov.toml");
        if toml_path.is_file() {
            let text = std::fs::read_to_string(&toml_path).map_err(|e| Error::io(&toml_path, e))?;
            let config = parse_config(&toml_path, &text)?;
            let dir_setting = config.dir.clone();
            if dir_setting.is_some() || !config.sources.is_empty() {
                return Ok((
                    dir.to_path_buf(),
                    config,
                    Source::Adrgov(toml_path),
                    dir_setting,
                ));
            }
            let (src, d) = legacy_dir(dir)?;
            let src = if matches!(src, Source::Convention) {
                Source::Adrgov(toml_path)
            } else {
                src
            };
            return Ok((dir.to_path_buf(), config, src, d));
        }
        let (src, d) = legacy_dir(dir)?;
        if !matches!(src, Source::Convention) {
            return Ok((dir.to_path_buf(), Config::default(), src, d));
        }
        if dir.join(".git").exists() {
            return Ok((dir.to_path_buf(), Config::default(), Source::Convention, d));
        }
    }
    let (src, d) = legacy_dir(start)?;
    Ok((start.to_path_buf(), Config::default(), src, d))
}

/// `.adr-dir`, `.log4brains.yml`, then the conventional directories, in `root`.
fn legacy_dir(root: &Path) -> Result<(Source, Option<String>)> {
    let adr_dir = root.join(".adr-dir");
    if adr_dir.is_file() {
        let t = std::fs::read_to_string(&adr_dir).map_err(|e| Error::io(&adr_dir, e))?;
        let d = t
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches("./")
            .to_string();
        return Ok((
            Source::AdrTools(adr_dir),
            Some(if d.is_empty() { ".".into() } else { d }),
        ));
    }
    let l4b = root.join(".log4brains.yml");
    if l4b.is_file() {
        let t = std::fs::read_to_string(&l4b).map_err(|e| Error::io(&l4b, e))?;
        if let Some(d) = log4brains_dir(&l4b, &t)? {
            return Ok((Source::Log4brains(l4b), Some(d)));
        }
    }
    for c in CONVENTIONAL_DIRS {
        if root.join(c).is_dir() {
            return Ok((Source::Convention, Some(c.to_string())));
        }
    }
    // adr-tools' own default; ADRs kept at the root itself (`adr-001-x.md`).
    if super::discover::root_holds_adrs(root) {
        return Ok((Source::Convention, Some(".".into())));
    }
    Ok((Source::Convention, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_key_and_line() {
        let p = Path::new("adrgov.toml");
        let e = parse_config(p, "[adr]\ndir = \"x\"\nfoo = 1\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref()
                .map(|s| s.starts_with("adrgov.toml:3: unknown field `foo`")),
            Some(true),
            "{e:?}"
        );
        let e = parse_config(p, "[adr]\nformat = \"asciidoc\"\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "adrgov.toml:2: key `adr.format`: unknown format `asciidoc`; use \"madr\" or \"nygard\""
            )
        );
        // `[check]` is kept as written, with lines (check::config validates it).
        let c = parse_config(p, "[adr]\n\n[check]\nno-such-rule = { days = 0 }\n");
        assert_eq!(
            c.map(|c| c.check.into_iter().collect::<Vec<_>>())
                .map_err(|e| e.to_string()),
            Ok(vec![(
                "no-such-rule".to_string(),
                RawRule {
                    value: toml::Value::Table(toml::Table::from_iter([(
                        "days".to_string(),
                        toml::Value::Integer(0)
                    )])),
                    line: 4
                }
            )])
        );
        let c = parse_config(
            p,
            "[adr]\nrelations = [[\"clarifies\", \"clarified by\"]]\n[check]\nstale-proposal = { level = \"warn\", days = 30 }\n",
        );
        assert!(c.is_ok());
    }
}
