//! Generated ADR repositories with known facts, for the integration tests, the benchmarks and
//! `examples/gen_corpus.rs`.
//!
//! [`generate`] writes a real git repository whose linear history (`refs/heads/main`, checked
//! out) holds ADRs in adr-tools/Nygard (`doc/adr`) or MADR 4 (`docs/decisions`) format among
//! ordinary project files, written by several authors in several time zones: ADRs proposed then
//! accepted or rejected, superseded (both files updated), amended and linked, typo fixes,
//! renames, deprecations, bot commits and many commits that touch no ADR. With
//! [`Params::defects`] about 5 % of the ADRs get planted sloppiness (`missing_status`,
//! `malformed_date`, `duplicate_number`, `broken_link`, `one_way_supersede`).
//!
//! It returns the manifest of what a correct tool must report (per ADR: number, path, title,
//! status, status_raw, date_in_file, created / last_modified {commit, date, date_utc, iso,
//! author}, authors, supersedes, superseded_by, links, renamed_from, status_history, defects;
//! top level: params, adr_dir, head, commit_count, counts, defects).
//!
//! Deterministic: the same [`Params`] give the same commit ids (a fixed PRNG, fixed author and
//! committer dates). The history goes to `git fast-import` as one stream; commit ids are then
//! read back with git2 and the work tree is checked out.

// A test helper shared by the test binary, the benches and an example: its items are used
// from each of them, so `pub` is how they reach it; like tests, it may have long functions.
#![allow(unreachable_pub, clippy::too_many_lines)]
#![allow(dead_code)] // each includer uses part of it

mod rng;
mod vocab;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use rng::Rng;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use vocab::*;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// ADR file format of the generated repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Nygard,
    Madr,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Nygard => "nygard",
            Format::Madr => "madr",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "nygard" => Ok(Format::Nygard),
            "madr" => Ok(Format::Madr),
            _ => Err(format!("unknown format {s:?} (nygard or madr)").into()),
        }
    }
}

/// How supersession links are spelled ("superceded" is what adr-tools itself writes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    Superseded,
    Superceded,
    Mixed,
}

impl Spelling {
    pub fn name(self) -> &'static str {
        match self {
            Spelling::Superseded => "superseded",
            Spelling::Superceded => "superceded",
            Spelling::Mixed => "mixed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "superseded" => Ok(Spelling::Superseded),
            "superceded" => Ok(Spelling::Superceded),
            "mixed" => Ok(Spelling::Mixed),
            _ => Err(format!("unknown spelling {s:?} (superseded, superceded or mixed)").into()),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    pub adrs: usize,
    pub commits: usize,
    pub format: Format,
    pub seed: u64,
    /// Plant sloppiness in about `defect_rate` of the ADRs.
    pub defects: bool,
    pub defect_rate: f64,
    /// Number of human authors (1..=12).
    pub authors: usize,
    /// First day of the history.
    pub start_date: NaiveDate,
    /// Time span of the history in days; 0: commits / 6, clamped to 180..=3650.
    pub days: usize,
    pub spelling: Spelling,
}

impl Params {
    pub fn new(adrs: usize, commits: usize, format: Format, seed: u64) -> Self {
        Params {
            adrs,
            commits,
            format,
            seed,
            defects: false,
            defect_rate: 0.05,
            authors: 8,
            start_date: NaiveDate::from_ymd_opt(2017, 1, 2).unwrap_or_default(),
            days: 0,
            spelling: Spelling::Superseded,
        }
    }
}

/// Where the manifest of `out` goes by default: beside it, `OUT.manifest.json`.
pub fn manifest_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_os_string();
    s.push(".manifest.json");
    PathBuf::from(s)
}

/// Generates the repository into `out` (absent or empty) and returns its manifest.
pub fn generate(out: &Path, p: &Params) -> Result<Value, Error> {
    if p.adrs < 1 {
        return Err("--adrs must be at least 1".into());
    }
    if p.commits < p.adrs + 1 {
        return Err(
            "--commits must be more than --adrs (each ADR is added in its own commit)".into(),
        );
    }
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(format!("{} exists and is not empty", out.display()).into());
    }
    let mut g = Gen::new(p);
    let shas = g.run(out)?;
    Ok(g.manifest(&shas))
}

/// [`generate`], then writes the manifest to [`manifest_path`] (pretty JSON).
pub fn generate_with_manifest(out: &Path, p: &Params) -> Result<Value, Error> {
    let m = generate(out, p)?;
    let mut text = serde_json::to_string_pretty(&m)?;
    text.push('\n');
    std::fs::write(manifest_path(out), text)?;
    Ok(m)
}

/// adr-tools slug: runs of non-alphanumerics become `-`, lower case, trimmed.
pub fn slugify(title: &str) -> String {
    let mut s = String::with_capacity(title.len());
    let mut dash = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    s
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte offset of the first occurrence of `w` in `text` as a whole word (`\bw\b`).
fn find_word(text: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(w) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + w.len()..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

/// Replaces the first whole-word occurrence of `w` by `by`.
fn replace_word(text: &str, w: &str, by: &str) -> String {
    match find_word(text, w) {
        Some(at) => format!("{}{}{}", &text[..at], by, &text[at + w.len()..]),
        None => text.to_string(),
    }
}

/// Runs of at least six ASCII letters (`[A-Za-z]{6,}`).
fn long_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            cur.push(c);
        } else {
            if cur.len() >= 6 {
                out.push(cur.clone());
            }
            cur.clear();
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }
}

/// A link's target: another ADR, or a file that does not exist (a planted broken link).
#[derive(Clone)]
enum Target {
    Adr(usize),
    Broken {
        number: i64,
        label: String,
        file: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TypoKind {
    Title,
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Defect {
    MissingStatus,
    DuplicateNumber,
    BrokenLink,
    OneWaySupersede,
    MalformedDate,
}

impl Defect {
    const ALL: [Defect; 5] = [
        Defect::MissingStatus,
        Defect::DuplicateNumber,
        Defect::BrokenLink,
        Defect::OneWaySupersede,
        Defect::MalformedDate,
    ];

    fn name(self) -> &'static str {
        match self {
            Defect::MissingStatus => "missing_status",
            Defect::DuplicateNumber => "duplicate_number",
            Defect::BrokenLink => "broken_link",
            Defect::OneWaySupersede => "one_way_supersede",
            Defect::MalformedDate => "malformed_date",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Ev {
    // `Create` sorts first within a commit.
    Create,
    Accept,
    Reject,
    Rename,
    Typo,
    Edit,
    Link,
    Deprecate,
}

#[derive(Default)]
struct Adr {
    idx: usize,
    number: i64,
    title: String,
    status: Option<Status>,
    links: Vec<(&'static str, Target)>,
    referenced_by: Vec<usize>,
    date_in_file: String,
    madr_date: String,
    context: String,
    decision: String,
    consequences: String,
    drivers: Vec<String>,
    options: Vec<String>,
    chosen: String,
    good: Vec<String>,
    bad: Vec<String>,
    makers: Vec<String>,
    quote_status: bool,
    info: Option<&'static str>,
    typos: Vec<(TypoKind, String, String)>,
    renamed_from: Vec<String>,
    renamed_at: Option<usize>,
    defects: Vec<Defect>,
    touches: Vec<usize>,
    status_history: Vec<(Status, usize)>,
    path: String,
    thing: String,
    area: String,
    no_target: bool,
}

impl Adr {
    fn filename(&self) -> String {
        format!("{:04}-{}.md", self.number, slugify(&self.title))
    }

    fn has(&self, d: Defect) -> bool {
        self.defects.contains(&d)
    }
}

/// Author and time of one commit.
struct Meta {
    ts: i64,
    tz: i32,
    author: &'static Person,
}

struct Gen<'p> {
    p: &'p Params,
    rng: Rng,
    adr_dir: &'static str,
    docs: &'static str,
    humans: &'static [Person],
    adrs: Vec<Adr>,
    /// Current content of every file.
    files: BTreeMap<String, String>,
    /// Non-ADR text files as lines.
    code: HashMap<String, Vec<String>>,
    defects: Vec<Value>,
    used_titles: HashSet<String>,
    modules: Vec<String>,
    removed: HashSet<String>,
    version: [u32; 3],
    direct: HashSet<usize>,
    rename: HashSet<usize>,
    typo: HashSet<usize>,
    mod_counter: usize,
    pathmap: HashMap<String, usize>,
    defect_plan: HashMap<usize, Defect>,
    events: HashMap<usize, Vec<(Ev, usize)>>,
    numbers: Vec<i64>,
    renames: Vec<(String, String)>,
    pos: usize,
    author: &'static Person,
    meta: Vec<Meta>,
}

fn local_time(ts: i64, tz_minutes: i32) -> DateTime<FixedOffset> {
    let off = FixedOffset::east_opt(tz_minutes * 60).unwrap_or_else(|| Utc.fix());
    Utc.timestamp_opt(ts, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&off)
}

impl<'p> Gen<'p> {
    fn new(p: &'p Params) -> Self {
        let nauth = p.authors.clamp(1, AUTHORS.len());
        let (adr_dir, docs) = match p.format {
            Format::Nygard => ("doc/adr", "doc"),
            Format::Madr => ("docs/decisions", "docs"),
        };
        Gen {
            p,
            rng: Rng::new(p.seed),
            adr_dir,
            docs,
            humans: &AUTHORS[..nauth],
            adrs: Vec::new(),
            files: BTreeMap::new(),
            code: HashMap::new(),
            defects: Vec::new(),
            used_titles: HashSet::new(),
            modules: Vec::new(),
            removed: HashSet::new(),
            version: [0, 1, 0],
            direct: HashSet::new(),
            rename: HashSet::new(),
            typo: HashSet::new(),
            mod_counter: 5,
            pathmap: HashMap::new(),
            defect_plan: HashMap::new(),
            events: HashMap::new(),
            numbers: Vec::new(),
            renames: Vec::new(),
            pos: 0,
            author: &AUTHORS[0],
            meta: Vec::new(),
        }
    }

    fn nygard(&self) -> bool {
        self.p.format == Format::Nygard
    }

    // ---------------- small helpers

    /// Fills a sentence template; the ADR (if any) gives the thing and the area.
    fn fill(&mut self, tpl: &str, a: Option<usize>) -> String {
        let (thing, area) = match a {
            Some(i) => (self.adrs[i].thing.clone(), self.adrs[i].area.clone()),
            None => (
                self.rng.choice(THINGS).to_string(),
                self.rng.choice(AREAS).to_string(),
            ),
        };
        let r = &mut self.rng;
        let sym = *r.choice(SYMPTOMS);
        let q = *r.choice(QUALITIES);
        let team = *r.choice(TEAMS);
        let n = r.randint(2, 40).to_string();
        let problem = *r.choice(PROBLEMS);
        tpl.replace("{thing}", &thing)
            .replace("{Thing}", &cap(&thing))
            .replace("{area}", &area)
            .replace("{Area}", &cap(&area))
            .replace("{team}", team)
            .replace("{n}", &n)
            .replace("{symptom}", sym)
            .replace("{symptom_cap}", &cap(sym))
            .replace("{problem}", problem)
            .replace("{quality}", q)
            .replace("{Quality}", &cap(q))
    }

    fn sentences(&mut self, pool: &[&str], k: usize, a: Option<usize>) -> String {
        let picked = self.rng.sample(pool, k);
        let v: Vec<String> = picked.into_iter().map(|t| self.fill(t, a)).collect();
        v.join(" ")
    }

    fn new_title(&mut self) -> (String, String, String) {
        for _ in 0..1000 {
            let r = &mut self.rng;
            let thing = *r.choice(THINGS);
            let area = *r.choice(AREAS);
            let mut title = format!("{} {thing} for {area}", r.choice(VERBS));
            if r.random() < 0.04 {
                let suffix: &&str = r.choice(TITLE_SUFFIXES);
                title.push_str(suffix);
            }
            let slug = slugify(&title);
            if !self.used_titles.contains(&title) && !self.used_titles.contains(&slug) {
                self.used_titles.insert(title.clone());
                self.used_titles.insert(slug);
                return (title, thing.to_string(), area.to_string());
            }
        }
        // A numbered title (very large numbers of ADRs).
        let n = self.used_titles.len();
        let title = format!("Decide topic {n} for {}", self.rng.choice(AREAS));
        self.used_titles.insert(title.clone());
        let thing = self.rng.choice(THINGS).to_string();
        let area = self.rng.choice(AREAS).to_string();
        (title, thing, area)
    }

    /// Swaps two adjacent letters in a long word: `(typo, word)`.
    fn misspell(&mut self, text: &str) -> Option<(String, String)> {
        let mut words = long_words(text);
        self.rng.shuffle(&mut words);
        for w in words {
            let b = w.as_bytes();
            let i = self.rng.range(1, b.len() - 3);
            let mut t = b.to_vec();
            t.swap(i, i + 1);
            let t = String::from_utf8(t).unwrap_or_default();
            if t != w && !text.contains(&t) && find_word(text, &w).is_some() {
                return Some((t, w));
            }
        }
        None
    }

    fn label(&self, i: usize) -> String {
        let a = &self.adrs[i];
        if self.nygard() {
            format!("{}. {}", a.number, a.title)
        } else {
            format!("ADR-{:04}", a.number)
        }
    }

    fn link_text(&self, t: &Target) -> (String, String) {
        match t {
            Target::Adr(i) => (self.label(*i), self.adrs[*i].filename()),
            Target::Broken { label, file, .. } => (label.clone(), file.clone()),
        }
    }

    fn spell(&self, kind: &str, a: &Adr) -> String {
        match self.p.spelling {
            Spelling::Superseded => return kind.to_string(),
            Spelling::Mixed if a.number % 3 != 0 => return kind.to_string(),
            _ => {}
        }
        kind.replace("Superseded", "Superceded")
            .replace("Supersedes", "Supercedes")
    }

    // ---------------- ADR content

    fn make_adr(&mut self, idx: usize, number: i64, first: bool) -> Adr {
        let (title, thing, area) = if first {
            let t = match self.p.format {
                Format::Nygard => ("Record architecture decisions", "ADRs", "architecture"),
                Format::Madr => (
                    "Use Markdown Architectural Decision Records",
                    "MADR",
                    "architecture",
                ),
            };
            self.used_titles.insert(t.0.to_string());
            (t.0.to_string(), t.1.to_string(), t.2.to_string())
        } else {
            self.new_title()
        };
        // The ADR is pushed before its text is filled so that `fill` can read its thing/area.
        let mut a = Adr {
            idx,
            number,
            title,
            status: Some(Status::Proposed),
            thing: thing.clone(),
            area,
            quote_status: self.rng.random() < 0.5,
            ..Adr::default()
        };
        self.adrs.push(std::mem::take(&mut a));
        let me = Some(idx);
        let r = &mut self.rng;
        if first && self.p.format == Format::Nygard {
            let a = &mut self.adrs[idx];
            a.context =
                "We need to record the architectural decisions made on this project.".into();
            a.decision = "We will use Architecture Decision Records, as [described by Michael \
                Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions)."
                .into();
            a.consequences = "See Michael Nygard's article, linked above. For a lightweight ADR \
                toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools)."
                .into();
        } else {
            let paras = r.range(1, 3);
            let mut ctx = Vec::new();
            for _ in 0..paras {
                let k = self.rng.range(2, 4);
                ctx.push(self.sentences(CONTEXT_T, k, me));
            }
            let k = self.rng.range(1, 3);
            let decision = self.sentences(DECISION_T, k, me);
            let mut cons = Vec::new();
            for _ in 0..self.rng.range(2, 5) {
                let t = *self.rng.choice(CONSEQ_T);
                cons.push(format!("* {}", self.fill(t, me)));
            }
            let a = &mut self.adrs[idx];
            a.context = ctx.join("\n\n");
            a.decision = decision;
            a.consequences = cons.join("\n");
        }
        let r = &mut self.rng;
        let k = r.range(0, 3);
        let drivers = r.sample(QUALITIES, k).iter().map(|q| cap(q)).collect();
        let alts = r.sample(THINGS, 3);
        let keep = r.range(1, 2);
        let mut options = vec![thing.clone()];
        options.extend(
            alts.iter()
                .filter(|x| **x != thing)
                .take(keep)
                .map(|x| x.to_string()),
        );
        if r.random() < 0.5 {
            r.shuffle(&mut options);
        }
        let mut good = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let t = *self.rng.choice(CONSEQ_T);
            good.push(self.fill(t, me).trim_end_matches('.').to_string());
        }
        let mut bad = Vec::new();
        for _ in 0..self.rng.range(0, 2) {
            let t = *self.rng.choice(CONSEQ_T);
            bad.push(self.fill(t, me).trim_end_matches('.').to_string());
        }
        let mut a = self.adrs.pop().unwrap_or_default();
        a.drivers = drivers;
        a.options = options;
        a.chosen = thing;
        a.good = good;
        a.bad = bad;
        a
    }

    fn render(&self, i: usize) -> String {
        if self.nygard() {
            self.render_nygard(i)
        } else {
            self.render_madr(i)
        }
    }

    fn render_nygard(&self, i: usize) -> String {
        let a = &self.adrs[i];
        let mut out = vec![
            format!("# {}. {}", a.number, a.title),
            String::new(),
            format!("Date: {}", a.date_in_file),
            String::new(),
            "## Status".into(),
            String::new(),
        ];
        if let Some(s) = a.status.filter(|s| *s != Status::Superseded) {
            out.push(cap(s.name()));
            out.push(String::new());
        }
        for (kind, t) in &a.links {
            let (label, file) = self.link_text(t);
            out.push(format!("{} [{label}]({file})", self.spell(kind, a)));
            out.push(String::new());
        }
        for (h, body) in [
            ("## Context", &a.context),
            ("## Decision", &a.decision),
            ("## Consequences", &a.consequences),
        ] {
            out.push(h.into());
            out.push(String::new());
            out.push(body.clone());
            out.push(String::new());
        }
        out.join("\n")
    }

    fn render_madr(&self, i: usize) -> String {
        let a = &self.adrs[i];
        let mut out = vec!["---".to_string()];
        if let Some(s) = a.status {
            let st = if s == Status::Superseded {
                let by = a.links.iter().find(|(k, _)| *k == "Superseded by");
                match by {
                    Some((_, Target::Adr(j))) => format!("superseded by {}", self.label(*j)),
                    _ => "superseded by ADR-????".to_string(),
                }
            } else {
                s.name().to_string()
            };
            out.push(if a.quote_status {
                format!("status: \"{st}\"")
            } else {
                format!("status: {st}")
            });
        }
        out.push(format!("date: {}", a.madr_date));
        out.push(format!("decision-makers: {}", a.makers.join(", ")));
        if let Some(info) = a.info {
            out.push(format!("informed: {info}"));
        }
        out.push("---".into());
        out.extend([
            String::new(),
            format!("# {}", a.title),
            String::new(),
            "## Context and Problem Statement".into(),
            String::new(),
            a.context.clone(),
            String::new(),
        ]);
        if !a.drivers.is_empty() {
            out.extend(["## Decision Drivers".into(), String::new()]);
            out.extend(a.drivers.iter().map(|d| format!("* {d}")));
            out.push(String::new());
        }
        out.extend(["## Considered Options".into(), String::new()]);
        out.extend(a.options.iter().map(|o| format!("* {o}")));
        out.push(String::new());
        let mut dec = a.decision.clone();
        if let Some(f) = dec.chars().next() {
            dec = format!("{}{}", f.to_lowercase(), &dec[f.len_utf8()..]);
        }
        out.extend([
            "## Decision Outcome".into(),
            String::new(),
            format!("Chosen option: \"{}\", because {dec}", a.chosen),
            String::new(),
            "### Consequences".into(),
            String::new(),
        ]);
        out.extend(a.good.iter().map(|g| format!("* Good, because {g}")));
        out.extend(a.bad.iter().map(|b| format!("* Bad, because {b}")));
        out.push(String::new());
        if !a.links.is_empty() {
            out.extend(["## More Information".into(), String::new()]);
            for (kind, t) in &a.links {
                let (label, file) = self.link_text(t);
                out.push(format!("{} [{label}]({file})", self.spell(kind, a)));
                out.push(String::new());
            }
        }
        out.join("\n")
    }

    // ---------------- non-ADR content

    fn code_line(&mut self) -> String {
        let r = &mut self.rng;
        let k = r.range(0, 5);
        let (a, b, c) = (r.range(0, 99), r.range(0, 99), r.range(0, 999));
        match k {
            0 => format!("    value_{a} = compute_{b}(value_{a}, {c})"),
            1 => format!("    if value_{a} > {c}:"),
            2 => format!("        return helper_{b}(value_{a})"),
            3 => format!("    # TODO({}): revisit after {c}", r.choice(MODULES)),
            4 => format!("    logger.debug(\"step {a} done\", extra={{\"n\": {c}}})"),
            _ => format!("    result.append(value_{b})"),
        }
    }

    fn new_module(&mut self, name: &str) -> Vec<String> {
        let mut lines = vec![
            format!("\"\"\"{name} module.\"\"\""),
            "import logging".into(),
            String::new(),
            "logger = logging.getLogger(__name__)".into(),
            String::new(),
        ];
        for f in 0..self.rng.range(2, 6) {
            lines.push(format!("def {name}_{f}(value_0, value_1=None):"));
            for _ in 0..self.rng.range(3, 10) {
                let l = self.code_line();
                lines.push(l);
            }
            lines.push("    return value_0".into());
            lines.push(String::new());
        }
        lines
    }

    fn set_code(&mut self, path: &str, lines: Vec<String>) {
        let mut text = lines.join("\n");
        text.push('\n');
        self.files.insert(path.to_string(), text);
        self.code.insert(path.to_string(), lines);
    }

    fn set_code_str(&mut self, path: &str, lines: &[&str]) {
        self.set_code(path, lines.iter().map(|s| s.to_string()).collect());
    }

    fn init_code(&mut self) {
        let readme = format!("Architecture decisions live in `{}/`.", self.adr_dir);
        self.set_code_str(
            "README.md",
            &[
                "# Acme Platform",
                "",
                "Monorepo for the Acme order platform.",
                "",
                &readme,
                "",
            ],
        );
        self.set_code_str(
            ".gitignore",
            &["__pycache__/", "*.pyc", ".venv/", "dist/", "node_modules/"],
        );
        self.set_code_str(
            "CHANGELOG.md",
            &["# Changelog", "", "## 0.1.0", "", "* Initial release", ""],
        );
        let mut py: Vec<String> = ["[project]", "name = \"acme\"", "version = \"0.1.0\""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        py.push("dependencies = [".into());
        for pk in &PKGS[..8] {
            let v = self.rng.range(0, 9);
            py.push(format!("  \"{pk}>=1.{v}\","));
        }
        py.push("]".into());
        self.set_code("pyproject.toml", py);
        self.set_code_str(
            "Makefile",
            &["test:", "\tpytest -q", "", "lint:", "\truff check ."],
        );
        self.set_code_str(
            ".github/workflows/ci.yml",
            &[
                "name: ci",
                "on: [push]",
                "jobs:",
                "  test:",
                "    runs-on: ubuntu-latest",
                "    steps:",
                "      - run: make test",
            ],
        );
        let docs = self.docs;
        self.set_code_str(
            &format!("{docs}/architecture.md"),
            &[
                "# Architecture overview",
                "",
                "See the decision records for details.",
                "",
            ],
        );
        self.set_code_str(
            &format!("{docs}/onboarding.md"),
            &[
                "# Onboarding",
                "",
                "1. Install tools",
                "2. Run make test",
                "",
            ],
        );
        if !self.nygard() {
            // MADR repositories usually keep the template (and an index) in the ADR folder.
            let path = format!("{}/adr-template.md", self.adr_dir);
            self.set_code_str(
                &path,
                &[
                    "---",
                    "status: \"{proposed | rejected | accepted | deprecated | superseded by ADR-0123}\"",
                    "date: {YYYY-MM-DD when the decision was last updated}",
                    "decision-makers: {list everyone involved in the decision}",
                    "---",
                    "",
                    "# {short title, representative of solved problem and found solution}",
                    "",
                    "## Context and Problem Statement",
                    "",
                    "{Describe the context.}",
                    "",
                    "## Considered Options",
                    "",
                    "* {title of option 1}",
                    "",
                    "## Decision Outcome",
                    "",
                    "Chosen option: \"{title of option 1}\", because {justification}.",
                    "",
                ],
            );
        }
        self.set_code_str("src/acme/__init__.py", &["__version__ = \"0.1.0\""]);
        for m in &MODULES[..6] {
            self.add_module(m);
        }
    }

    fn add_module(&mut self, m: &str) {
        self.modules.push(m.to_string());
        let lines = self.new_module(m);
        self.set_code(&format!("src/acme/{m}.py"), lines);
        if self.rng.random() < 0.7 {
            let mut t = vec![format!("from acme import {m}"), String::new()];
            for i in 0..self.rng.range(1, 4) {
                t.push(format!(
                    "def test_{m}_{i}():\n    assert {m}.{m}_0({i}) == {i}"
                ));
            }
            self.set_code(&format!("tests/test_{m}.py"), t);
        }
    }

    fn edit_code(&mut self, path: &str) {
        let mut lines = self.code.get(path).cloned().unwrap_or_default();
        for _ in 0..self.rng.range(1, 4) {
            let op = self.rng.random();
            let i = self.rng.range(0, lines.len());
            if op < 0.5 && !lines.is_empty() {
                let at = i.min(lines.len() - 1);
                lines[at] = self.code_line();
            } else if op < 0.85 || lines.len() < 12 {
                let l = self.code_line();
                lines.insert(i, l);
            } else {
                let at = i.min(lines.len() - 1);
                lines.remove(at);
            }
        }
        if lines.len() > 160 {
            lines.drain(100..130);
        }
        self.set_code(path, lines);
    }

    fn code_msg(&mut self) -> String {
        let m = self.rng.choice(&self.modules).clone();
        self.rng.choice(CODE_MSGS).replace("{mod}", &m)
    }

    /// Changes non-ADR files (their paths go to `changed`); returns the commit message.
    fn non_adr_change(&mut self, changed: &mut BTreeSet<String>, bot: bool) -> String {
        if bot {
            let r = &mut self.rng;
            let pk = *r.choice(PKGS);
            let (a, b) = (r.range(1, 9), r.range(0, 30));
            let patch = r.range(0, 9);
            let prefix = format!("  \"{pk}");
            let mut lines: Vec<String> = self.code["pyproject.toml"]
                .iter()
                .filter(|l| !l.starts_with(&prefix))
                .cloned()
                .collect();
            lines.insert(4, format!("  \"{pk}>={a}.{b}\","));
            self.set_code("pyproject.toml", lines);
            changed.insert("pyproject.toml".into());
            return format!(
                "Bump {pk} from {a}.{b}.{patch} to {a}.{}.0\n\nBumps {pk}.\n\nSigned-off-by: dependabot[bot] <support@github.com>\n",
                b + 1
            );
        }
        let x = self.rng.random();
        let docs = self.docs;
        if x < 0.05 && self.modules.len() < MODULES.len() + 200 {
            self.mod_counter += 1;
            let base = MODULES[self.mod_counter % MODULES.len()];
            let mut name = base.to_string();
            while self.modules.contains(&name)
                || self.code.contains_key(&format!("src/acme/{name}.py"))
                || self.removed.contains(&name)
            {
                self.mod_counter += 1;
                name = format!("{base}{}", self.mod_counter);
            }
            self.add_module(&name);
            changed.insert(format!("src/acme/{name}.py"));
            let t = format!("tests/test_{name}.py");
            if self.code.contains_key(&t) {
                changed.insert(t);
            }
            return format!("Add {name} module");
        }
        if x < 0.09 {
            let choices = [
                format!("{docs}/architecture.md"),
                format!("{docs}/onboarding.md"),
                "README.md".to_string(),
            ];
            let p = self.rng.choice(&choices).clone();
            let mut lines = self.code[&p].clone();
            let t = *self.rng.choice(CONTEXT_T);
            lines.push(self.fill(t, None));
            lines.push(String::new());
            if lines.len() > 80 {
                lines.drain(4..20);
            }
            self.set_code(&p, lines);
            let base = p.rsplit('/').next().unwrap_or(&p).to_string();
            changed.insert(p);
            return format!("docs: update {base}");
        }
        if x < 0.11 {
            self.version[1] += 1;
            let v = format!(
                "{}.{}.{}",
                self.version[0], self.version[1], self.version[2]
            );
            let mut lines = self.code["CHANGELOG.md"].clone();
            let mut add = vec![format!("## {v}"), String::new()];
            for _ in 0..self.rng.range(1, 4) {
                add.push(format!("* {}", self.code_msg()));
            }
            add.push(String::new());
            lines.splice(2..2, add);
            lines.truncate(if lines.len() > 200 { 150 } else { lines.len() });
            self.set_code("CHANGELOG.md", lines);
            self.set_code(
                "src/acme/__init__.py",
                vec![format!("__version__ = \"{v}\"")],
            );
            changed.insert("CHANGELOG.md".into());
            changed.insert("src/acme/__init__.py".into());
            return format!("Release {v}");
        }
        if !self.adrs.is_empty() && ((x < 0.125 && self.nygard()) || (x < 0.13 && !self.nygard())) {
            // A regenerated index inside the ADR folder (not an ADR itself).
            let mut order: Vec<usize> = (0..self.adrs.len()).collect();
            order.sort_by_key(|&i| self.adrs[i].filename());
            let (path, mut lines, msg) = if self.nygard() {
                (
                    "doc/adr/README.md",
                    vec!["# Architecture Decision Records".to_string(), String::new()],
                    "Regenerate ADR index",
                )
            } else {
                (
                    "docs/decisions/README.md",
                    vec!["# Decision log".to_string(), String::new()],
                    "Update decision log index",
                )
            };
            for i in order {
                let a = &self.adrs[i];
                lines.push(if self.nygard() {
                    format!("* [{}. {}]({})", a.number, a.title, a.filename())
                } else {
                    format!("* [{}]({})", a.title, a.filename())
                });
            }
            self.set_code(path, lines);
            changed.insert(path.into());
            return msg.into();
        }
        if x < 0.135 && self.modules.len() > 8 {
            let m = self.rng.choice(&self.modules[6..]).clone();
            for p in [format!("src/acme/{m}.py"), format!("tests/test_{m}.py")] {
                if self.code.remove(&p).is_some() {
                    self.files.remove(&p);
                    changed.insert(p);
                }
            }
            self.modules.retain(|x| *x != m);
            self.removed.insert(m.clone());
            return format!("Remove unused {m} module");
        }
        let module = self.rng.choice(&self.modules).clone();
        let mut paths = vec![format!("src/acme/{module}.py")];
        let test = format!("tests/test_{module}.py");
        if self.rng.random() < 0.4 && self.code.contains_key(&test) {
            paths.push(test);
        }
        if self.rng.random() < 0.2 {
            let other = self.rng.choice(&self.modules).clone();
            paths.push(format!("src/acme/{other}.py"));
        }
        for p in paths {
            self.edit_code(&p);
            changed.insert(p);
        }
        self.rng.choice(CODE_MSGS).replace("{mod}", &module)
    }

    // ---------------- timeline

    fn make_times(&mut self) -> Vec<i64> {
        let start = self.p.start_date.and_hms_opt(9, 0, 0).unwrap_or_default();
        let t0 = start.and_utc().timestamp();
        let m = self.p.commits;
        let days = if self.p.days > 0 {
            self.p.days
        } else {
            (m / 6).clamp(180, 3650)
        };
        let step = days as f64 * 86400.0 / m as f64;
        (0..m)
            .map(|i| t0 + ((i as f64 + self.rng.random() * 0.9) * step) as i64)
            .collect()
    }

    fn plan(&mut self) {
        let (n, m) = (self.p.adrs, self.p.commits);
        let first_num = if self.nygard() { 1 } else { 0 };
        let positions: Vec<usize> = (1..m).collect();
        let mut cpos = vec![0];
        let mut rest = self.rng.sample(&positions, n - 1);
        rest.sort_unstable();
        cpos.extend(rest);
        if self.p.defects && n >= 4 {
            let ndef = ((self.p.defect_rate * n as f64).round() as usize)
                .max(Defect::ALL.len())
                .min(n - 2);
            let mut cand: Vec<usize> = (2..n).collect();
            self.rng.shuffle(&mut cand);
            let mut chosen: Vec<usize> = Vec::new();
            for i in cand {
                if chosen.len() >= ndef {
                    break;
                }
                if chosen.contains(&(i - 1)) || chosen.contains(&(i + 1)) {
                    continue; // keeps duplicate-number pairs simple
                }
                chosen.push(i);
            }
            chosen.sort_unstable();
            for (j, i) in chosen.into_iter().enumerate() {
                let d = Defect::ALL[(j + self.p.seed as usize) % Defect::ALL.len()];
                self.defect_plan.insert(i, d);
            }
        }
        let mean_gap = (2.5 * m as f64 / n as f64).max(1.0);
        let mut events: HashMap<usize, Vec<(Ev, usize)>> = HashMap::new();
        let mut add = |pos: usize, ev: Ev, i: usize| {
            if pos < m {
                events.entry(pos).or_default().push((ev, i));
            }
        };
        let mut num = first_num - 1;
        for (i, &c) in cpos.iter().enumerate() {
            let dtype = self.defect_plan.get(&i).copied();
            if dtype != Some(Defect::DuplicateNumber) {
                num += 1;
            }
            self.numbers.push(num);
            add(c, Ev::Create, i);
            if i == 0 {
                continue;
            }
            let r = &mut self.rng;
            let missing = dtype == Some(Defect::MissingStatus);
            let direct = r.random() < 0.15 && !missing;
            let mut acc = None;
            if !direct && !missing {
                let u = r.random();
                let gap = 1 + r.expovariate(1.0 / mean_gap) as usize;
                if u < 0.06 {
                    add(c + gap, Ev::Reject, i);
                } else if u < 0.11 {
                    // stays proposed forever
                } else if c + gap < m {
                    acc = Some(c + gap);
                    add(c + gap, Ev::Accept, i);
                }
            }
            if direct {
                self.direct.insert(i);
            }
            // A typo in the title, fixed by a rename while still proposed.
            if let Some(acc) = acc
                && acc - c >= 3
                && r.random() < 0.03
            {
                add(r.range(c + 1, acc - 1), Ev::Rename, i);
                self.rename.insert(i);
            }
            if r.random() < 0.3 {
                self.typo.insert(i);
                let p = c + 1 + r.expovariate(1.0 / (mean_gap * 2.0)) as usize;
                if r.random() < 0.8 {
                    add(p, Ev::Typo, i);
                }
            }
            for _ in 0..*r.choice(&[0, 0, 0, 1, 1, 2]) {
                let p = c + 1 + r.expovariate(1.0 / (mean_gap * 3.0)) as usize;
                add(p, Ev::Edit, i);
            }
            if r.random() < 0.05 {
                let p = c + 1 + r.expovariate(1.0 / (mean_gap * 2.0)) as usize;
                add(p, Ev::Link, i);
            }
            if r.random() < 0.04 {
                let p = c + 1 + r.expovariate(1.0 / (mean_gap * 8.0)) as usize;
                add(p, Ev::Deprecate, i);
            }
        }
        self.events = events;
    }

    // ---------------- events

    /// ADRs before `before` that may be linked to (optionally with a given status).
    fn targets(&self, before: usize, need: Option<Status>) -> Vec<usize> {
        self.adrs
            .iter()
            .filter(|a| a.idx < before && !a.no_target)
            .filter(|a| need.is_none() || a.status == need)
            .map(|a| a.idx)
            .collect()
    }

    fn add_link(&mut self, src: usize, kind: &'static str, dst: usize, back: &'static str) {
        self.adrs[src].links.push((kind, Target::Adr(dst)));
        self.adrs[dst].referenced_by.push(src);
        self.adrs[dst].links.push((back, Target::Adr(src)));
        self.adrs[src].referenced_by.push(dst);
    }

    /// `k` supersedes `j` (adr-tools: `j` loses its status word, both get links); `oneway`
    /// plants a one-sided supersession instead.
    fn supersede(
        &mut self,
        k: usize,
        j: usize,
        touched: &mut BTreeSet<usize>,
        msgs: &mut Vec<String>,
        oneway: Option<&'static str>,
    ) {
        if oneway != Some("no_superseded_by") {
            self.adrs[j].links.push(("Superseded by", Target::Adr(k)));
            self.adrs[k].referenced_by.push(j);
            self.adrs[j].status = Some(Status::Superseded);
            self.adrs[j].no_target = true;
            let pos = self.pos;
            self.adrs[j].status_history.push((Status::Superseded, pos));
            touched.insert(j);
        } else {
            self.adrs[j].no_target = true; // stays accepted but is de facto replaced
        }
        if oneway != Some("no_supersedes") {
            self.adrs[k].links.push(("Supersedes", Target::Adr(j)));
            self.adrs[j].referenced_by.push(k);
        }
        touched.insert(k);
        let (kp, jp) = (self.adrs[k].path.clone(), self.adrs[j].path.clone());
        if let Some(variant) = oneway {
            let detail = if variant == "no_supersedes" {
                format!("{jp} says 'Superseded by' {kp}, which has no 'Supersedes' back-link")
            } else {
                format!(
                    "{kp} says 'Supersedes' {jp}, but {jp} still has its old status and no 'Superseded by'"
                )
            };
            self.defects.push(json!({
                "type": "one_way_supersede", "variant": variant,
                "superseding": self.adrs[k].number, "superseded": self.adrs[j].number,
                "superseding_path": kp, "superseded_path": jp, "detail": detail,
            }));
            self.adrs[k].defects.push(Defect::OneWaySupersede);
            self.adrs[j].defects.push(Defect::OneWaySupersede);
        }
        msgs.push(format!(
            "ADR {} supersedes ADR {}",
            self.adrs[k].number, self.adrs[j].number
        ));
    }

    fn plant_oneway(&mut self, a: usize, touched: &mut BTreeSet<usize>, msgs: &mut Vec<String>) {
        let cands = self.targets(a, Some(Status::Accepted));
        if cands.is_empty() {
            return;
        }
        let variant = *self.rng.choice(&["no_supersedes", "no_superseded_by"]);
        let j = *self.rng.choice(&cands);
        self.supersede(a, j, touched, msgs, Some(variant));
    }

    fn create(
        &mut self,
        i: usize,
        touched: &mut BTreeSet<usize>,
        msgs: &mut Vec<String>,
        day: NaiveDate,
    ) {
        let first = i == 0;
        let mut a = self.make_adr(i, self.numbers[i], first);
        let dtype = self.defect_plan.get(&i).copied();
        if self.rename.contains(&i)
            && let Some((typo, word)) = self.misspell(&a.title.clone())
        {
            a.title = a.title.replacen(&word, &typo, 1);
            a.typos.push((TypoKind::Title, typo, word));
            a.no_target = true;
        }
        a.path = format!("{}/{}", self.adr_dir, a.filename());
        self.pathmap.insert(a.path.clone(), i);
        // The Date line: usually the commit's day, sometimes drafted a few days earlier.
        let mut d = day;
        if !first && self.rng.random() < 0.2 {
            d -= Duration::days(self.rng.randint(1, 5));
        }
        a.date_in_file = d.format("%Y-%m-%d").to_string();
        a.madr_date = a.date_in_file.clone();
        let me = self.author.name;
        let mut others: Vec<String> = self
            .rng
            .sample(self.humans, 2.min(self.humans.len()))
            .iter()
            .filter(|h| h.name != me)
            .map(|h| h.name.to_string())
            .collect();
        others.truncate(self.rng.range(0, 2));
        a.makers = std::iter::once(me.to_string()).chain(others).collect();
        if self.rng.random() < 0.2 {
            a.info = Some("all engineers");
        }
        if first || self.direct.contains(&i) {
            a.status = Some(Status::Accepted);
        }
        if dtype == Some(Defect::MissingStatus) {
            a.status = None;
            self.defects
                .push(json!({"type": "missing_status", "path": a.path, "number": a.number}));
            a.defects.push(Defect::MissingStatus);
        }
        if dtype == Some(Defect::MalformedDate) {
            let bad = if self.nygard() {
                d.format("%m/%d/%Y").to_string()
            } else {
                d.format("%d.%m.%Y").to_string()
            };
            a.date_in_file = bad.clone();
            a.madr_date = bad.clone();
            self.defects
                .push(json!({"type": "malformed_date", "path": a.path,
                "number": a.number, "value": bad}));
            a.defects.push(Defect::MalformedDate);
        }
        if dtype == Some(Defect::DuplicateNumber) {
            let other = &mut self.adrs[i - 1];
            other.no_target = true;
            other.defects.push(Defect::DuplicateNumber);
            a.no_target = true;
            self.defects
                .push(json!({"type": "duplicate_number", "number": a.number,
                "paths": [other.path.clone(), a.path.clone()]}));
            a.defects.push(Defect::DuplicateNumber);
        }
        if matches!(
            dtype,
            Some(Defect::MissingStatus) | Some(Defect::DuplicateNumber)
        ) {
            a.no_target = true;
        }
        if let Some(s) = a.status {
            a.status_history.push((s, self.pos));
        }
        // A typo in the body, fixed later by a `typo` event if there is one.
        if self.typo.contains(&i)
            && let Some((typo, word)) = self.misspell(&a.context.clone())
        {
            a.context = replace_word(&a.context, &word, &typo);
            a.typos.push((TypoKind::Body, typo, word));
        }
        msgs.push(if self.nygard() {
            format!("Add ADR {}: {}", a.number, a.title)
        } else {
            format!("docs(adr): add ADR-{:04} {}", a.number, a.title)
        });
        self.adrs.push(a);
        touched.insert(i);
        if i > 0 && self.rng.random() < 0.15 && dtype.is_none() {
            let cands = self.targets(i, None);
            if !cands.is_empty() {
                let j = *self.rng.choice(&cands);
                let (fk, bk) = *self.rng.choice(LINK_KINDS);
                self.add_link(i, fk, j, bk);
                touched.insert(j);
            }
        }
        if dtype == Some(Defect::BrokenLink) {
            let maxn = self.numbers.iter().copied().max().unwrap_or(0);
            let t = if self.rng.random() < 0.5 || self.adrs.len() < 3 {
                let n = maxn + self.rng.randint(5, 50);
                let tt = self.new_title().0;
                Target::Broken {
                    number: n,
                    label: if self.nygard() {
                        format!("{n}. {tt}")
                    } else {
                        format!("ADR-{n:04}")
                    },
                    file: format!("{n:04}-{}.md", slugify(&tt)),
                }
            } else {
                let j = self.rng.below(self.adrs.len() - 1);
                let n = self.adrs[j].number;
                Target::Broken {
                    number: n,
                    label: self.label(j),
                    file: format!(
                        "{n:04}-{}.md",
                        slugify(&format!("{} draft", self.adrs[j].title))
                    ),
                }
            };
            if let Target::Broken { file, .. } = &t {
                self.defects
                    .push(json!({"type": "broken_link", "path": self.adrs[i].path,
                    "number": self.adrs[i].number, "target": file}));
            }
            self.adrs[i].links.push(("Relates to", t));
            self.adrs[i].defects.push(Defect::BrokenLink);
        }
        if self.direct.contains(&i) && self.rng.random() < 0.12 && dtype.is_none() {
            let cands = self.targets(i, Some(Status::Accepted));
            if !cands.is_empty() {
                let j = *self.rng.choice(&cands);
                self.supersede(i, j, touched, msgs, None);
            }
        }
        if dtype == Some(Defect::OneWaySupersede) && self.adrs[i].status == Some(Status::Accepted) {
            // Planted at acceptance; created accepted, so now.
            self.plant_oneway(i, touched, msgs);
        }
    }

    fn apply(
        &mut self,
        (kind, i): (Ev, usize),
        touched: &mut BTreeSet<usize>,
        msgs: &mut Vec<String>,
        day: NaiveDate,
    ) {
        if kind == Ev::Create {
            return self.create(i, touched, msgs, day);
        }
        let today = day.format("%Y-%m-%d").to_string();
        let pos = self.pos;
        let number = self.adrs[i].number;
        match kind {
            Ev::Create => {}
            Ev::Accept => {
                let a = &mut self.adrs[i];
                if a.status != Some(Status::Proposed) {
                    return;
                }
                a.status = Some(Status::Accepted);
                a.status_history.push((Status::Accepted, pos));
                if !a.has(Defect::MalformedDate) {
                    a.madr_date = today;
                }
                let no_target = a.no_target;
                touched.insert(i);
                msgs.push(format!("Accept ADR {number}"));
                if self.defect_plan.get(&i) == Some(&Defect::OneWaySupersede) {
                    self.plant_oneway(i, touched, msgs);
                } else if self.rng.random() < 0.12 && !no_target {
                    let cands = self.targets(i, Some(Status::Accepted));
                    if !cands.is_empty() {
                        let j = *self.rng.choice(&cands);
                        self.supersede(i, j, touched, msgs, None);
                    }
                }
            }
            Ev::Reject | Ev::Deprecate => {
                let a = &mut self.adrs[i];
                let (from, to, word) = if kind == Ev::Reject {
                    (Status::Proposed, Status::Rejected, "Reject")
                } else {
                    (Status::Accepted, Status::Deprecated, "Deprecate")
                };
                if a.status != Some(from) || (kind == Ev::Deprecate && a.no_target) {
                    return;
                }
                a.status = Some(to);
                a.status_history.push((to, pos));
                if !a.has(Defect::MalformedDate) {
                    a.madr_date = today;
                }
                a.no_target = true;
                touched.insert(i);
                msgs.push(format!("{word} ADR {number}"));
            }
            Ev::Rename => {
                let Some(t) = self.adrs[i]
                    .typos
                    .iter()
                    .position(|t| t.0 == TypoKind::Title)
                else {
                    return;
                };
                let adr_dir = self.adr_dir;
                let a = &mut self.adrs[i];
                let (_, bad, good) = a.typos.remove(t);
                let old = a.path.clone();
                a.title = a.title.replacen(&bad, &good, 1);
                a.path = format!("{adr_dir}/{}", a.filename());
                a.renamed_from.push(old.clone());
                a.renamed_at = Some(pos);
                a.no_target = a.has(Defect::DuplicateNumber) || a.has(Defect::MissingStatus);
                let new = a.path.clone();
                touched.insert(i);
                touched.extend(a.referenced_by.iter().copied());
                self.pathmap.insert(new.clone(), i);
                self.renames.push((old, new));
                msgs.push(format!("Fix typo in title of ADR {number} (rename file)"));
            }
            Ev::Typo => {
                let Some(t) = self.adrs[i]
                    .typos
                    .iter()
                    .position(|t| t.0 == TypoKind::Body)
                else {
                    return;
                };
                let a = &mut self.adrs[i];
                let (_, bad, good) = a.typos.remove(t);
                a.context = replace_word(&a.context, &bad, &good);
                touched.insert(i);
                let m = *self.rng.choice(&[
                    "Fix typo in ADR {}",
                    "ADR {}: typo",
                    "Fix spelling in ADR {}",
                ]);
                msgs.push(m.replace("{}", &number.to_string()));
            }
            Ev::Edit => {
                let t = *self.rng.choice(EDIT_T);
                let s = self.fill(t, Some(i));
                let a = &mut self.adrs[i];
                if self.p.format == Format::Nygard {
                    a.consequences.push_str("\n\n");
                    a.consequences.push_str(&s);
                } else {
                    a.good.push(s.trim_end_matches('.').to_string());
                }
                touched.insert(i);
                msgs.push(format!("Update ADR {number}"));
            }
            Ev::Link => {
                let a = &self.adrs[i];
                if a.no_target && (a.has(Defect::DuplicateNumber) || a.has(Defect::MissingStatus)) {
                    return;
                }
                let cands: Vec<usize> = self
                    .targets(i, None)
                    .into_iter()
                    .filter(|c| {
                        !a.links
                            .iter()
                            .any(|(_, t)| matches!(t, Target::Adr(x) if x == c))
                    })
                    .collect();
                if cands.is_empty() {
                    return;
                }
                let j = *self.rng.choice(&cands);
                let (fk, bk) = *self.rng.choice(LINK_KINDS);
                self.add_link(i, fk, j, bk);
                touched.insert(i);
                touched.insert(j);
                msgs.push(format!(
                    "Link ADR {number} to ADR {} ({})",
                    self.adrs[j].number,
                    fk.to_lowercase()
                ));
            }
        }
    }

    // ---------------- the history

    /// Writes the repository; returns the commit id of every position.
    fn run(&mut self, out: &Path) -> Result<Vec<git2::Oid>, Error> {
        let times = self.make_times();
        self.plan();
        self.init_code();
        std::fs::create_dir_all(out)?;
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        let repo = git2::Repository::init_opts(out, &opts)?;
        let mut child = Command::new("git")
            .args([
                "-c",
                "pack.compression=1",
                "fast-import",
                "--quiet",
                "--done",
            ])
            .current_dir(out)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git fast-import: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin for git fast-import")?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, stdin);
        let written = self.write_history(&mut w, &times);
        let flushed = w.flush();
        drop(w);
        let status = child.wait()?;
        written?;
        flushed?;
        if !status.success() {
            return Err(format!("git fast-import failed: {status}").into());
        }
        // The history is linear: walk it back from the head.
        let mut shas = Vec::with_capacity(self.p.commits);
        let mut walk = repo.revwalk()?;
        walk.push_ref("refs/heads/main")?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        for oid in walk {
            shas.push(oid?);
        }
        if shas.len() != self.p.commits {
            return Err(format!(
                "git fast-import wrote {} commits, expected {}",
                shas.len(),
                self.p.commits
            )
            .into());
        }
        repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
        Ok(shas)
    }

    fn write_history(&mut self, w: &mut impl Write, times: &[i64]) -> Result<(), Error> {
        let adr_weights: Vec<u32> = self.humans.iter().map(|h| h.adr_weight).collect();
        let code_weights: Vec<u32> = self.humans.iter().map(|h| h.code_weight).collect();
        let mut content_of: HashMap<String, String> = HashMap::new();
        let humans = self.humans;
        for (pos, &ts) in times.iter().enumerate() {
            self.pos = pos;
            let mut evs = self.events.remove(&pos).unwrap_or_default();
            evs.sort_by_key(|&(k, i)| (k != Ev::Create, i));
            let mut bot = false;
            self.author = if !evs.is_empty() {
                &humans[self.rng.weighted(&adr_weights)]
            } else if self.rng.random() < 0.07 {
                bot = true;
                &BOT
            } else {
                &humans[self.rng.weighted(&code_weights)]
            };
            let tz = self.author.tz;
            let day = local_time(ts, tz).date_naive();
            let mut touched = BTreeSet::new();
            let mut msgs = Vec::new();
            let mut changed = BTreeSet::new();
            for ev in evs {
                self.apply(ev, &mut touched, &mut msgs, day);
            }
            for &i in &touched {
                let text = self.render(i);
                let path = self.adrs[i].path.clone();
                self.files.insert(path.clone(), text);
                changed.insert(path);
            }
            for (old, new) in std::mem::take(&mut self.renames) {
                if old != new && self.files.remove(&old).is_some() {
                    changed.insert(old);
                }
            }
            if pos == 0 {
                changed.extend(self.files.keys().cloned());
                msgs.insert(0, "Initial commit".into());
            }
            // Non-ADR work: pure code commits, or now and then mixed in.
            if msgs.is_empty() || (pos > 0 && self.rng.random() < 0.08) {
                let m = self.non_adr_change(&mut changed, bot);
                msgs.push(m);
            }
            let mut body = Vec::new();
            let mut real = Vec::new();
            self.emit(&changed, &mut content_of, &mut body, &mut real, true);
            if body.is_empty() {
                // Nothing actually changed: a code edit instead.
                let mut ch = BTreeSet::new();
                let m = self.non_adr_change(&mut ch, false);
                msgs.push(m);
                self.emit(&ch, &mut content_of, &mut body, &mut real, false);
            }
            for p in real {
                if let Some(&i) = self.pathmap.get(&p) {
                    let t = &mut self.adrs[i].touches;
                    if t.last() != Some(&pos) {
                        t.push(pos);
                    }
                }
            }
            let mut msg = if msgs.len() == 1 {
                msgs[0].clone()
            } else {
                let rest: Vec<String> = msgs[1..]
                    .iter()
                    .map(|m| format!("* {}", m.lines().next().unwrap_or("")))
                    .collect();
                format!("{}\n\n{}", msgs[0], rest.join("\n"))
            };
            if !msg.ends_with('\n') {
                msg.push('\n');
            }
            let sign = if tz >= 0 { '+' } else { '-' };
            let ident = format!(
                "{} <{}> {ts} {sign}{:02}{:02}",
                self.author.name,
                self.author.email,
                tz.abs() / 60,
                tz.abs() % 60
            );
            write!(
                w,
                "commit refs/heads/main\nmark :{}\nauthor {ident}\ncommitter {ident}\ndata {}\n{msg}\n",
                pos + 1,
                msg.len()
            )?;
            w.write_all(&body)?;
            w.write_all(b"\n")?;
            self.meta.push(Meta {
                ts,
                tz,
                author: self.author,
            });
        }
        w.write_all(b"done\n")?;
        Ok(())
    }

    /// Appends the fast-import file commands for `changed` to `body`.
    fn emit(
        &self,
        changed: &BTreeSet<String>,
        content_of: &mut HashMap<String, String>,
        body: &mut Vec<u8>,
        real: &mut Vec<String>,
        skip_same: bool,
    ) {
        for p in changed {
            if let Some(data) = self.files.get(p) {
                if skip_same && content_of.get(p) == Some(data) {
                    continue;
                }
                content_of.insert(p.clone(), data.clone());
                body.extend_from_slice(
                    format!("M 100644 inline {p}\ndata {}\n", data.len()).as_bytes(),
                );
                body.extend_from_slice(data.as_bytes());
                body.push(b'\n');
                real.push(p.clone());
            } else if content_of.remove(p).is_some() {
                body.extend_from_slice(format!("D {p}\n").as_bytes());
                real.push(p.clone());
            }
        }
    }

    // ---------------- manifest

    fn cinfo(&self, shas: &[git2::Oid], pos: usize) -> Value {
        let m = &self.meta[pos];
        let local = local_time(m.ts, m.tz);
        json!({
            "commit": shas[pos].to_string(),
            "date": local.format("%Y-%m-%d").to_string(),
            "date_utc": local.with_timezone(&Utc).format("%Y-%m-%d").to_string(),
            "iso": local.to_rfc3339(),
            "timestamp": m.ts,
            "author": format!("{} <{}>", m.author.name, m.author.email),
        })
    }

    fn status_raw(&self, text: &str) -> Vec<String> {
        if self.nygard() {
            let Some(start) = text.find("## Status\n") else {
                return Vec::new();
            };
            let sec = &text[start + "## Status\n".len()..];
            let sec = &sec[..sec.find("\n## ").map_or(sec.len(), |e| e + 1)];
            sec.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect()
        } else {
            let fm = text.split("\n---\n").next().unwrap_or("");
            fm.lines()
                .find_map(|l| l.strip_prefix("status: "))
                .map(|s| vec![s.trim_matches('"').to_string()])
                .unwrap_or_default()
        }
    }

    fn manifest(&mut self, shas: &[git2::Oid]) -> Value {
        let mut order: Vec<usize> = (0..self.adrs.len()).collect();
        order.sort_by(|&x, &y| self.adrs[x].path.cmp(&self.adrs[y].path));
        let mut adrs = Vec::new();
        for &i in &order {
            let a = &self.adrs[i];
            let authors: BTreeSet<String> = a
                .touches
                .iter()
                .map(|&p| {
                    let au = self.meta[p].author;
                    format!("{} <{}>", au.name, au.email)
                })
                .collect();
            let mut links = Vec::new();
            for (kind, t) in &a.links {
                if *kind == "Supersedes" || *kind == "Superseded by" {
                    continue;
                }
                links.push(match t {
                    Target::Broken { number, file, .. } => json!({"type": kind,
                        "target": number, "target_path": format!("{}/{file}", self.adr_dir),
                        "broken": true}),
                    Target::Adr(j) => json!({"type": kind, "target": self.adrs[*j].number,
                        "target_path": self.adrs[*j].path, "broken": false}),
                });
            }
            let of_kind = |k: &str| -> Vec<i64> {
                a.links
                    .iter()
                    .filter(|(kind, _)| *kind == k)
                    .filter_map(|(_, t)| match t {
                        Target::Adr(j) => Some(self.adrs[*j].number),
                        Target::Broken { .. } => None,
                    })
                    .collect()
            };
            let first = a.touches.first().copied().unwrap_or(0);
            let last = a.touches.last().copied().unwrap_or(0);
            let mut defects: Vec<&str> = a.defects.iter().map(|d| d.name()).collect();
            defects.sort_unstable();
            defects.dedup();
            let text = self.files.get(&a.path).map_or("", String::as_str);
            let date_in_file = if self.nygard() {
                &a.date_in_file
            } else {
                &a.madr_date
            };
            adrs.push(json!({
                "number": a.number,
                "path": a.path,
                "filename": a.filename(),
                "title": a.title,
                "status": a.status.map(Status::name),
                "status_raw": self.status_raw(text),
                "date_in_file": date_in_file,
                "created": self.cinfo(shas, first),
                "last_modified": self.cinfo(shas, last),
                // What a tool that does not follow renames (`git log -- PATH`) sees.
                "created_no_follow": self.cinfo(shas, a.renamed_at.unwrap_or(first)),
                "commits_touching": a.touches.len(),
                "authors": authors,
                "supersedes": of_kind("Supersedes"),
                "superseded_by": of_kind("Superseded by"),
                "links": links,
                "renamed_from": a.renamed_from,
                "status_history": a.status_history.iter().map(|(s, p)| json!({
                    "status": s.name(), "commit": shas[*p].to_string(),
                    "date": local_time(self.meta[*p].ts, self.meta[*p].tz)
                        .format("%Y-%m-%d").to_string(),
                })).collect::<Vec<_>>(),
                "remaining_typos": a.typos.iter().map(|t| t.1.clone()).collect::<Vec<_>>(),
                "defects": defects,
            }));
        }
        // Defects were recorded with the paths of their time: map renamed files to final paths.
        let moved: Vec<(String, String)> = self
            .adrs
            .iter()
            .flat_map(|a| a.renamed_from.iter().map(|o| (o.clone(), a.path.clone())))
            .collect();
        fn fix(v: &mut Value, moved: &[(String, String)]) {
            match v {
                Value::String(s) => {
                    for (old, new) in moved {
                        if s.contains(old.as_str()) {
                            *s = s.replace(old.as_str(), new);
                        }
                    }
                }
                Value::Array(a) => a.iter_mut().for_each(|x| fix(x, moved)),
                Value::Object(o) => o.values_mut().for_each(|x| fix(x, moved)),
                _ => {}
            }
        }
        let mut defects = Value::Array(std::mem::take(&mut self.defects));
        fix(&mut defects, &moved);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for a in &self.adrs {
            let k = a.status.map_or("None", Status::name).to_string();
            *counts.entry(k).or_default() += 1;
        }
        let mut authors: Vec<Value> = self
            .humans
            .iter()
            .map(|h| json!({"name": h.name, "email": h.email, "tz_minutes": h.tz}))
            .collect();
        authors.push(json!({"name": BOT.name, "email": BOT.email, "tz_minutes": 0}));
        let adr_commits: BTreeSet<usize> = self
            .adrs
            .iter()
            .flat_map(|a| a.touches.iter().copied())
            .collect();
        let adr_paths: HashSet<&str> = self.adrs.iter().map(|a| a.path.as_str()).collect();
        let prefix = format!("{}/", self.adr_dir);
        let non_adr: Vec<&String> = self
            .files
            .keys()
            .filter(|p| p.starts_with(&prefix) && !adr_paths.contains(p.as_str()))
            .collect();
        let p = self.p;
        json!({
            "generator": "adrgov tests/gen",
            "generator_version": 1,
            "params": {"adrs": p.adrs, "commits": p.commits, "format": p.format.name(),
                "seed": p.seed, "defects": p.defects, "defect_rate": p.defect_rate,
                "start_date": p.start_date.format("%Y-%m-%d").to_string(),
                "spelling": p.spelling.name(), "authors": self.humans.len()},
            "adr_dir": self.adr_dir,
            "branch": "main",
            "head": shas.last().map(|s| s.to_string()),
            "commit_count": p.commits,
            "adr_file_count": self.adrs.len(),
            "distinct_numbers": self.adrs.iter().map(|a| a.number).collect::<BTreeSet<_>>().len(),
            "max_number": self.adrs.iter().map(|a| a.number).max(),
            "commits_touching_adrs": adr_commits.len(),
            "status_counts": counts,
            "non_adr_files_in_adr_dir": non_adr,
            "total_files": self.files.len(),
            "authors": authors,
            "defects": defects,
            "date_semantics": "created/last_modified come from the author date of the first/last \
                commit touching the file (following renames); 'date' is in the author's own UTC \
                offset (as git log --date=short), 'date_utc' in UTC. author == committer for \
                every commit; history is linear.",
            "adrs": adrs,
        })
    }
}
