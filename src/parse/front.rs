//! The front-matter dialect (MADR, log4brains): the YAML block, its keys and their lines, and
//! the metadata read from it.

use super::*;

/// Finds the front matter block, records its keys, and parses it with gray_matter's YAML engine.
pub(super) fn split_front_matter(text: &str, layout: &mut Layout, adr: &mut Adr) -> Option<Pod> {
    if layout.lines.is_empty() {
        return None;
    }
    if layout.line_at(text, 1).trim_end() == "+++" {
        return split_toml_front_matter(text, layout, adr);
    }
    if layout.line_at(text, 1).trim_end() != "---" {
        return None;
    }
    let close = (2..=layout.last_line()).find(|&n| {
        let l = layout.line_at(text, n).trim_end();
        l == "---" || l == "..."
    });
    let Some(close) = close else {
        unclosed_front_matter(text, layout, adr, "---");
        return None;
    };
    record_front_keys(text, layout, close);
    parse_front_yaml(text, layout, adr, close)
}

/// A front matter block opened with `delimiter` (`---`, `+++`) and never closed: its first
/// paragraph is still front matter (a `# comment` in it is no heading), and the file gets a
/// problem.
pub(super) fn unclosed_front_matter(
    text: &str,
    layout: &mut Layout,
    adr: &mut Adr,
    delimiter: &str,
) {
    for n in 1..=layout.last_line() {
        if n > 1 && layout.line_at(text, n).trim().is_empty() {
            break;
        }
        layout.set_code(n);
    }
    adr.problems.push(Problem {
        kind: ProblemKind::InvalidFrontMatter,
        path: adr.path.clone(),
        line: Some(1),
        message: format!(
            "front matter opened with `{delimiter}` on line 1 is never closed; add a closing `{delimiter}` line"
        ),
    });
}

/// Records the top-level keys of the front matter block closed on line `close` (1-based; each
/// key with the lines it spans), marks the block as no body text, and starts the body after it.
pub(super) fn record_front_keys(text: &str, layout: &mut Layout, close: usize) {
    let mut keys: Vec<FrontKey> = Vec::new();
    for n in 2..close {
        layout.set_code(n);
        let l = layout.line_at(text, n);
        if l.starts_with([' ', '\t', '-', '#']) || l.trim().is_empty() {
            continue;
        }
        if let Some((k, _)) = l.split_once(':') {
            let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
            if let Some(prev) = keys.last_mut() {
                prev.end = n;
            }
            keys.push(FrontKey {
                name: k.to_string(),
                line: n,
                end: close,
            });
        }
    }
    layout.set_code(1);
    layout.set_code(close);
    layout.front = Some(Front {
        close,
        keys,
        toml: false,
        tables: close,
        fields: None,
    });
    layout.body_start = close + 1;
}

/// The tables of TOML front matter whose keys are read as the page's own: Zola keeps custom
/// fields in `[extra]`, Hugo may in `[params]`, and both keep tags in `[taxonomies]`.
const TOML_FIELD_TABLES: [&str; 3] = ["extra", "params", "taxonomies"];

/// TOML front matter (`+++` … `+++`, Hugo and Zola): its keys and their lines, and its values
/// as a [`Pod`] (top-level keys, then those of the field tables where the top level has none).
fn split_toml_front_matter(text: &str, layout: &mut Layout, adr: &mut Adr) -> Option<Pod> {
    let close = (2..=layout.last_line()).find(|&n| layout.line_at(text, n).trim_end() == "+++");
    let Some(close) = close else {
        unclosed_front_matter(text, layout, adr, "+++");
        return None;
    };
    record_toml_keys(text, layout, close);
    parse_front_toml(text, layout, adr, close)
}

/// Records the keys of the TOML block closed on line `close` (1-based): the top-level ones and
/// those of the field tables, each with the lines it spans; marks the block as no body text and
/// starts the body after it.
fn record_toml_keys(text: &str, layout: &mut Layout, close: usize) {
    let mut keys: Vec<FrontKey> = Vec::new();
    let mut table: Option<String> = None;
    let mut tables = close;
    let mut fields = None;
    // Inside a value that spans lines (an array, a `"""` string), no line is a key.
    let mut open: Option<&str> = None;
    for n in 2..close {
        layout.set_code(n);
        let l = layout.line_at(text, n).trim();
        if let Some(end) = open {
            if l.contains(end) {
                open = None;
            }
            continue;
        }
        if l.starts_with('[') {
            let name = l
                .trim_matches(['[', ']'])
                .trim()
                .trim_matches('"')
                .to_string();
            tables = tables.min(n);
            if fields.is_none() && (name == "extra" || name == "params") {
                fields = Some(n);
            }
            if let Some(prev) = keys.last_mut() {
                prev.end = prev.end.min(n);
            }
            table = Some(name);
            continue;
        }
        let field_table = table
            .as_deref()
            .is_none_or(|t| TOML_FIELD_TABLES.contains(&t));
        if let Some((k, _)) = l.split_once('=')
            && field_table
            && !l.starts_with('#')
        {
            let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
            if k.is_empty() || k.contains(char::is_whitespace) {
                continue;
            }
            if let Some(prev) = keys.last_mut() {
                prev.end = prev.end.min(n);
            }
            keys.push(FrontKey {
                name: k.to_string(),
                line: n,
                end: close,
            });
        }
        if let Some((_, v)) = l.split_once('=').filter(|_| !l.starts_with('#')) {
            let v = v.trim();
            open = if v.matches("\"\"\"").count() % 2 == 1 {
                Some("\"\"\"")
            } else if v.matches("'''").count() % 2 == 1 {
                Some("'''")
            } else if v.starts_with('[') && v.matches('[').count() > v.matches(']').count() {
                Some("]")
            } else {
                None
            };
        }
    }
    layout.set_code(1);
    layout.set_code(close);
    layout.front = Some(Front {
        close,
        keys,
        toml: true,
        tables,
        fields,
    });
    layout.body_start = close + 1;
}

/// Parses the TOML between line 1 and line `close` (1-based); a block that is not TOML gets a
/// problem naming its line and gives `None`.
fn parse_front_toml(text: &str, layout: &Layout, adr: &mut Adr, close: usize) -> Option<Pod> {
    let block = &text[layout.lines[1].start..layout.lines[close - 1].start];
    match block.parse::<toml::Table>() {
        Ok(t) => {
            let mut map = std::collections::HashMap::new();
            for name in TOML_FIELD_TABLES {
                if let Some(toml::Value::Table(fields)) = t.get(name) {
                    for (k, v) in fields {
                        map.insert(k.clone(), toml_pod(v));
                    }
                }
            }
            for (k, v) in &t {
                if !matches!(v, toml::Value::Table(_)) {
                    map.insert(k.clone(), toml_pod(v));
                }
            }
            Some(Pod::Hash(map))
        }
        Err(e) => {
            let line = e.span().map_or(2, |s| {
                2 + block[..s.start.min(block.len())].matches('\n').count()
            });
            adr.problems.push(Problem {
                kind: ProblemKind::InvalidFrontMatter,
                path: adr.path.clone(),
                line: Some(line.min(close - 1).max(2)),
                message: format!("front matter is not valid TOML: {}", e.message()),
            });
            None
        }
    }
}

/// A TOML value as gray_matter's [`Pod`] (what the front-matter readers take).
fn toml_pod(v: &toml::Value) -> Pod {
    match v {
        toml::Value::String(s) => Pod::String(s.clone()),
        toml::Value::Integer(i) => Pod::Integer(*i),
        toml::Value::Float(f) => Pod::Float(*f),
        toml::Value::Boolean(b) => Pod::Boolean(*b),
        toml::Value::Datetime(d) => Pod::String(d.to_string()),
        toml::Value::Array(a) => Pod::Array(a.iter().map(toml_pod).collect()),
        toml::Value::Table(t) => {
            Pod::Hash(t.iter().map(|(k, v)| (k.clone(), toml_pod(v))).collect())
        }
    }
}

/// Parses the YAML between line 1 and line `close` (1-based, the closing delimiter); a block
/// that is not a YAML mapping gets a problem naming its line and gives `None`.
pub(super) fn parse_front_yaml(
    text: &str,
    layout: &Layout,
    adr: &mut Adr,
    close: usize,
) -> Option<Pod> {
    // The YAML is lines 2..close; `lines` is indexed by line number − 1.
    let yaml_start = layout.lines[1].start;
    let yaml_end = layout.lines[close - 1].start;
    let yaml = &text[yaml_start..yaml_end];
    if yaml.trim().is_empty() {
        return Some(Pod::Hash(Default::default()));
    }
    // The YAML reader stops at a NUL character and ignores the rest of the block, so keys
    // after it (and keys adrgov would add) would silently vanish: not valid front matter.
    if let Some(at) = yaml.find('\0') {
        adr.problems.push(Problem {
            kind: ProblemKind::InvalidFrontMatter,
            path: adr.path.clone(),
            line: Some(2 + yaml[..at].matches('\n').count()),
            message: "front matter contains a NUL character".into(),
        });
        return None;
    }
    // A carriage return without a line feed ends a line for the YAML reader and for no one
    // else: a `---` after one ends the YAML document early, and keys after it vanish.
    if let Some(at) = yaml
        .match_indices('\r')
        .map(|(i, _)| i)
        .find(|&i| !yaml[i + 1..].starts_with('\n'))
    {
        adr.problems.push(Problem {
            kind: ProblemKind::InvalidFrontMatter,
            path: adr.path.clone(),
            line: Some(2 + yaml[..at].matches('\n').count()),
            message:
                "front matter contains a carriage return that ends no line (a `\\r` without `\\n`)"
                    .into(),
        });
        return None;
    }
    // A `--- #comment` or `... x` line is a YAML document marker (our closing line is a bare
    // `---`): the reader would end the document there and drop the keys after it.
    if let Some((k, _)) = yaml.lines().enumerate().find(|(_, l)| {
        ["---", "..."].iter().any(|m| {
            l.strip_prefix(m)
                .is_some_and(|r| r.starts_with([' ', '\t']))
        })
    }) {
        adr.problems.push(Problem {
            kind: ProblemKind::InvalidFrontMatter,
            path: adr.path.clone(),
            line: Some(2 + k),
            message: "front matter holds a YAML document marker (`---` or `...` followed by more) before its end".into(),
        });
        return None;
    }
    use gray_matter::engine::Engine;
    match gray_matter::engine::YAML::parse(yaml) {
        Ok(pod @ Pod::Hash(_)) => Some(pod),
        Ok(Pod::Null) => Some(Pod::Hash(Default::default())),
        Ok(_) => {
            adr.problems.push(Problem {
                kind: ProblemKind::InvalidFrontMatter,
                path: adr.path.clone(),
                line: Some(2),
                message:
                    "front matter is not a mapping of keys to values (expected `key: value` lines)"
                        .into(),
            });
            None
        }
        Err(e) => {
            let (line, msg) = yaml_error_line(&e.to_string(), yaml);
            // An error found at the end of the block is reported on its last line (the one
            // before `close`), not on `---`.
            let line = (line + 1).min((close - 1).max(2));
            adr.problems.push(Problem {
                kind: ProblemKind::InvalidFrontMatter,
                path: adr.path.clone(),
                line: Some(line),
                message: format!("front matter is not valid YAML: {msg}"),
            });
            None
        }
    }
}

/// Pulls `line N column M` out of a yaml-rust2 message; returns the 1-based line inside the
/// YAML block (the block starts on file line 2) and the message without position noise.
pub(super) fn yaml_error_line(msg: &str, yaml: &str) -> (usize, String) {
    // gray_matter trims the block before handing it to yaml-rust2, so leading blank lines shift.
    let leading_blank = yaml.lines().take_while(|l| l.trim().is_empty()).count();
    let mut line = 1;
    let mut clean = msg.to_string();
    if let Some(pos) = msg.find(" at byte ") {
        clean = msg[..pos].to_string();
        if let Some(lp) = msg[pos..].find(" line ") {
            let rest = &msg[pos + lp + 6..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<usize>() {
                line = n.max(1);
            }
        }
    }
    let clean = clean
        .strip_prefix("Error deserializing front matter: ")
        .unwrap_or(&clean)
        .to_string();
    (line + leading_blank, clean)
}

pub(super) fn pod_text(p: &Pod) -> Option<String> {
    match p {
        Pod::String(s) => Some(s.clone()),
        Pod::Integer(i) => Some(i.to_string()),
        Pod::Float(f) => Some(f.to_string()),
        Pod::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn pod_list(p: &Pod) -> Vec<String> {
    match p {
        Pod::Array(a) => a
            .iter()
            .filter_map(pod_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Pod::String(s) => split_people(s),
        Pod::Null => Vec::new(),
        other => pod_text(other).into_iter().collect(),
    }
}

/// `a, b and c` → `[a, b, c]`.
pub(super) fn split_people(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            p.trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

pub(super) fn read_front_values(pod: &Pod, layout: &Layout, vocab: &Vocab, adr: &mut Adr) {
    let Pod::Hash(map) = pod else { return };
    let front = layout.front.as_ref();
    let key_line = |k: &str| front.and_then(|f| f.key(k)).map(|k| k.line);
    let get = |k: &str| {
        map.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    };
    if let Some(t) = get("title").and_then(pod_text) {
        adr.title = Some(t.trim().to_string());
        adr.title_line = key_line("title");
    }
    if let Some(s) = get("status").and_then(pod_text) {
        adr.status = normalize_status_with(&s, vocab.statuses());
        adr.status_text = Some(s.trim().to_string());
        adr.status_line = key_line("status");
        let line = key_line("status").unwrap_or(1);
        adr.relations.extend(status_relations(&s, vocab, line));
    }
    if let Some(d) = get("date").and_then(pod_text) {
        set_date(adr, &d, key_line("date"));
    }
    for (keys, field) in [
        (
            &[
                "decision-makers",
                "deciders",
                "decision_makers",
                "decisionmakers",
            ][..],
            0,
        ),
        (&["consulted"][..], 1),
        (&["informed"][..], 2),
        (&["tags", "tag"][..], 3),
    ] {
        if let Some(v) = keys.iter().find_map(|k| get(k)) {
            let list = pod_list(v);
            match field {
                0 => adr.decision_makers = list,
                1 => adr.consulted = list,
                2 => adr.informed = list,
                _ => adr.tags = list,
            }
        }
    }
    for kind in vocab.kinds() {
        let alt = kind.as_str().replace('-', "_");
        // Other names teams give the built-in kinds' keys.
        let aliases: &[&str] = match kind {
            RelationKind::RelatesTo => &["related", "related-adrs", "related_adrs"],
            RelationKind::Supersedes => &["replaces"],
            RelationKind::SupersededBy => &["replaced-by", "replaced_by"],
            _ => &[],
        };
        let mut names = vec![kind.as_str(), alt.as_str()];
        names.extend(aliases);
        names.dedup();
        // Every name the file uses (`relates-to:` beside `related:` reads both).
        for (key, v) in names.into_iter().filter_map(|k| Some((k, get(k)?))) {
            let line = key_line(key).unwrap_or(1);
            for r in pod_list_raw(v) {
                adr.relations.push(Relation {
                    kind: kind.clone(),
                    target: RawRef::bare(&r),
                    line,
                });
            }
        }
    }
}

/// Like [`pod_list`] but without splitting a single string on commas/`and` (references).
pub(super) fn pod_list_raw(p: &Pod) -> Vec<String> {
    match p {
        Pod::Array(a) => a.iter().filter_map(pod_text).collect(),
        Pod::String(s) => s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        Pod::Null => Vec::new(),
        other => pod_text(other).into_iter().collect(),
    }
}
