//! Surgical edits of `governs`: globs added where the file already writes them (the
//! front-matter key, a `- Governs:` bullet, a `## Governs` section, a `Governs:` line), else
//! in the file's own dialect — a `governs:` key before the closing `---`, a `- Governs:`
//! bullet after the status bullet, a `## Governs` section after the Status section.

use super::{Dialect, Layout, Op, Parsed, Shape, StatusAt, apply, list_items};
use super::{replace_yaml_lines, yaml_value};
use crate::parse::governs::{governs_section, split_globs};

/// A glob as a YAML flow item: double-quoted (a leading `*` is a YAML alias otherwise).
fn yaml_item(g: &str) -> String {
    format!("\"{}\"", g.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The new text of a file that governs `globs` too (those it already names stay once).
pub fn add_governs(text: &str, p: &Parsed, globs: &[String]) -> String {
    let new: Vec<&String> = globs
        .iter()
        .filter(|g| !p.adr.governs.iter().any(|x| &x.glob == *g))
        .fold(Vec::new(), |mut v, g| {
            if !v.contains(&g) {
                v.push(g);
            }
            v
        });
    if new.is_empty() {
        return text.to_string();
    }
    let layout = &p.layout;
    let front = layout
        .front
        .as_ref()
        // TOML front matter: new globs go to the body's `## Governs` section.
        .filter(|f| layout.dialect == Dialect::FrontMatter && !f.toml);
    let ops = match front {
        Some(f) => match f.key("governs") {
            Some(k) => front_add(text, layout, k.line, k.end, &new),
            None => vec![Op::Insert(
                f.close,
                vec![format!(
                    "governs: [{}]",
                    new.iter()
                        .map(|g| yaml_item(g))
                        .collect::<Vec<_>>()
                        .join(", ")
                )],
            )],
        },
        None => body_add(text, p, &new),
    };
    apply(text, layout, ops)
}

/// Adds to the value of the front-matter `governs:` key on `line` (its lines end before `end`).
fn front_add(text: &str, layout: &Layout, line: usize, end: usize, new: &[&String]) -> Vec<Op> {
    let y = yaml_value(text, layout, line, end);
    let items: Vec<String> = new.iter().map(|g| yaml_item(g)).collect();
    match y.shape {
        Shape::Below if y.last > line && list_items(text, layout, line, y.last) => {
            let l = layout.line_at(text, y.last);
            let indent = &l[..l.len() - l.trim_start().len()];
            let lines = items.iter().map(|i| format!("{indent}- {i}")).collect();
            vec![Op::Insert(y.last + 1, lines)]
        }
        Shape::Flow => {
            let inner = y.joined.trim().trim_end_matches(',').trim_end();
            let all = if inner.is_empty() {
                items.join(", ")
            } else {
                format!("{inner}, {}", items.join(", "))
            };
            replace_yaml_lines(text, layout, line, &y, &format!("[{all}]"))
        }
        _ => {
            // A scalar (`governs: services/`), or nothing: a flow list of it and the new ones.
            let mut all: Vec<String> = split_globs(&y.joined)
                .iter()
                .map(|g| yaml_item(g))
                .collect();
            all.extend(items);
            replace_yaml_lines(text, layout, line, &y, &format!("[{}]", all.join(", ")))
        }
    }
}

/// The globs as written in the body: in backticks (a `**` is emphasis in Markdown otherwise).
fn code(g: &str) -> String {
    format!("`{g}`")
}

/// Adds to the body: the `## Governs` section, a `Governs:` line or bullet, else a new one.
fn body_add(text: &str, p: &Parsed, new: &[&String]) -> Vec<Op> {
    let layout = &p.layout;
    if let Some(sec) = governs_section(layout) {
        let last = (sec.heading + 1..sec.end)
            .rev()
            .find(|&i| !layout.line_at(text, i).trim().is_empty())
            .unwrap_or(sec.heading);
        let mut lines: Vec<String> = new.iter().map(|g| format!("- {}", code(g))).collect();
        if last == sec.heading {
            lines.insert(0, String::new());
        }
        return vec![Op::Insert(last + 1, lines)];
    }
    // A `Governs:` line (or `- Governs:` bullet): the globs join its list.
    if let Some(g) = p.adr.governs.last() {
        let l = layout.line_at(text, g.line);
        let added: Vec<String> = new.iter().map(|g| code(g)).collect();
        return vec![Op::Replace(
            g.line,
            format!("{}, {}", l.trim_end(), added.join(", ")),
        )];
    }
    if let Some(StatusAt::Bullet(i)) = layout.status {
        // MADR 2 bullets: one more bullet after the block the status bullet is in.
        let last = (i..=layout.last_line())
            .take_while(|&j| layout.line_at(text, j).trim_start().starts_with(['-', '*']))
            .last()
            .unwrap_or(i);
        let marker = &layout.line_at(text, i).trim_start()[..1];
        let added: Vec<String> = new.iter().map(|g| code(g)).collect();
        return vec![Op::Insert(
            last + 1,
            vec![format!("{marker} Governs: {}", added.join(", "))],
        )];
    }
    new_section(text, layout, new)
}

/// A new `## Governs` section: after the Status section, else before the first section.
fn new_section(text: &str, layout: &Layout, new: &[&String]) -> Vec<Op> {
    let at = match layout.status_section {
        Some(sec) => sec.end,
        None => layout
            .headings
            .iter()
            .find(|h| Some(h.line) != layout.title_line && h.line >= layout.body_start)
            .map_or(layout.last_line() + 1, |h| h.line),
    };
    let mut lines = Vec::new();
    let end = at > layout.last_line();
    if end && !layout.line_at(text, layout.last_line()).trim().is_empty() {
        lines.push(String::new());
    }
    let heading = super::section_heading(text, layout, "Governs", at);
    // The blank line is there already at the end.
    lines.extend(heading.into_iter().skip_while(|l| end && l.is_empty()));
    lines.push(String::new());
    lines.extend(new.iter().map(|g| format!("- {}", code(g))));
    if !end {
        lines.push(String::new());
    }
    vec![Op::Insert(at, lines)]
}

/// The new text of a file that no longer governs `globs` (the others stay as written).
pub fn remove_governs(text: &str, p: &Parsed, globs: &[String]) -> String {
    let layout = &p.layout;
    let gone: Vec<&crate::model::Governs> = p
        .adr
        .governs
        .iter()
        .filter(|g| globs.contains(&g.glob))
        .collect();
    if gone.is_empty() {
        return text.to_string();
    }
    let keep = |g: &str| !globs.iter().any(|x| x == g);
    let section = governs_section(layout);
    let mut ops = Vec::new();
    let mut lines: Vec<usize> = gone.iter().map(|g| g.line).collect();
    lines.dedup();
    for line in lines {
        let front_key = layout.front.as_ref().and_then(|f| {
            f.keys
                .iter()
                .find(|k| k.line <= line && line < k.end && k.name.eq_ignore_ascii_case("governs"))
        });
        let rest: Vec<&str> = p
            .adr
            .governs
            .iter()
            .filter(|g| g.line == line && keep(&g.glob))
            .map(|g| g.glob.as_str())
            .collect();
        if let Some(k) = front_key {
            if layout.toml_front() {
                ops.extend(super::front_toml::remove_strings(text, layout, k, &keep));
            } else {
                ops.extend(front_remove(text, layout, k.line, k.end, &keep));
            }
            break;
        }
        let in_section = section.is_some_and(|s| line > s.heading && line < s.end);
        ops.push(match (rest.is_empty(), in_section) {
            (true, _) => Op::Delete(line),
            (false, true) => Op::Replace(
                line,
                format!(
                    "- {}",
                    rest.iter().map(|g| code(g)).collect::<Vec<_>>().join(", ")
                ),
            ),
            (false, false) => {
                let l = layout.line_at(text, line);
                let head = l.find(':').map_or(l, |c| &l[..=c]);
                Op::Replace(
                    line,
                    format!(
                        "{head} {}",
                        rest.iter().map(|g| code(g)).collect::<Vec<_>>().join(", ")
                    ),
                )
            }
        });
    }
    apply(text, layout, ops)
}

/// The front-matter `governs:` key on `line` written again with only the globs `keep` holds
/// (`governs: []` when none is left).
fn front_remove(
    text: &str,
    layout: &Layout,
    line: usize,
    end: usize,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<Op> {
    let y = yaml_value(text, layout, line, end);
    if y.shape == Shape::Below && y.last > line {
        return (line + 1..=y.last)
            .filter(|&i| {
                let item = layout.line_at(text, i).trim_start();
                item.starts_with('-') && !keep(item[1..].trim().trim_matches(['"', '\'']).trim())
            })
            .map(Op::Delete)
            .collect();
    }
    let left: Vec<String> = split_globs(&y.joined)
        .into_iter()
        .filter(|g| keep(g))
        .map(|g| yaml_item(&g))
        .collect();
    replace_yaml_lines(text, layout, line, &y, &format!("[{}]", left.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Vocab, parse};

    fn globs(v: &[&str]) -> Vec<String> {
        v.iter().map(|g| g.to_string()).collect()
    }

    /// `add` added to `text` (and read back), then `remove` removed from the result.
    fn add(text: &str, add: &[&str]) -> String {
        let p = parse("d/0001-x.md", "0001-x.md", text, &Vocab::default());
        let out = add_governs(text, &p, &globs(add));
        let back = parse("d/0001-x.md", "0001-x.md", &out, &Vocab::default());
        let mut want: Vec<String> = p.adr.governs.iter().map(|x| x.glob.clone()).collect();
        for g in globs(add) {
            if !want.contains(&g) {
                want.push(g);
            }
        }
        let now: Vec<String> = back.adr.governs.iter().map(|x| x.glob.clone()).collect();
        assert_eq!(now, want, "{out}");
        assert_eq!(back.adr.title, p.adr.title);
        out
    }

    fn remove(text: &str, gone: &[&str]) -> String {
        let p = parse("d/0001-x.md", "0001-x.md", text, &Vocab::default());
        let out = remove_governs(text, &p, &globs(gone));
        let back = parse("d/0001-x.md", "0001-x.md", &out, &Vocab::default());
        for g in gone {
            assert!(
                !back.adr.governs.iter().any(|x| x.glob == *g),
                "{g} in {out}"
            );
        }
        let kept: Vec<&str> = p
            .adr
            .governs
            .iter()
            .map(|x| x.glob.as_str())
            .filter(|g| !gone.contains(g))
            .collect();
        let now: Vec<&str> = back.adr.governs.iter().map(|x| x.glob.as_str()).collect();
        assert_eq!(now, kept, "{out}");
        out
    }

    #[test]
    fn front_matter_gets_a_key_or_a_longer_list() {
        let t = "---\nstatus: accepted # decided\ndate: 2024-01-02\n---\n# Use X\n\nBody.\n";
        let out = add(t, &["services/orders/**", "*.sql"]);
        assert_eq!(
            out,
            "---\nstatus: accepted # decided\ndate: 2024-01-02\ngoverns: [\"services/orders/**\", \"*.sql\"]\n---\n# Use X\n\nBody.\n"
        );
        assert_eq!(
            add(&out, &["docs/x.md", "*.sql"]),
            "---\nstatus: accepted # decided\ndate: 2024-01-02\ngoverns: [\"services/orders/**\", \"*.sql\", \"docs/x.md\"]\n---\n# Use X\n\nBody.\n"
        );
        let block = "---\ngoverns:\n    - a/**\n---\n# X\n";
        assert_eq!(
            add(block, &["b/*"]),
            "---\ngoverns:\n    - a/**\n    - \"b/*\"\n---\n# X\n"
        );
        let scalar = "---\r\ngoverns: a/\r\n---\r\n# X\r\n";
        assert_eq!(
            add(scalar, &["b/*"]),
            "---\r\ngoverns: [\"a/\", \"b/*\"]\r\n---\r\n# X\r\n"
        );
    }

    #[test]
    fn nygard_gets_a_section_after_the_status_or_a_longer_one() {
        let t = "# 3. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n";
        let out = add(t, &["services/**"]);
        assert_eq!(
            out,
            "# 3. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Governs\n\n- `services/**`\n\n## Context\n\nWhy.\n"
        );
        assert_eq!(
            add(&out, &["lib/*.rs"]),
            "# 3. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Governs\n\n- `services/**`\n- `lib/*.rs`\n\n## Context\n\nWhy.\n"
        );
        let last = "# 3. Use X\n\n## Status\n\nAccepted";
        assert_eq!(
            add(last, &["a/"]),
            "# 3. Use X\n\n## Status\n\nAccepted\n\n## Governs\n\n- `a/`\n"
        );
    }

    #[test]
    fn a_governs_line_or_bullet_grows_in_place() {
        let t = "# 3. Use X\n\nDate: 2024-01-02\nGoverns: a/**\n\n## Status\n\nAccepted\n";
        assert_eq!(
            add(t, &["b/*"]),
            "# 3. Use X\n\nDate: 2024-01-02\nGoverns: a/**, `b/*`\n\n## Status\n\nAccepted\n"
        );
        let bullets = "# Use X\n\n* Status: accepted\n* Date: 2024-01-02\n\n## Context\n";
        let out = add(bullets, &["api/**"]);
        assert_eq!(
            out,
            "# Use X\n\n* Status: accepted\n* Date: 2024-01-02\n* Governs: `api/**`\n\n## Context\n"
        );
        assert_eq!(
            add(&out, &["web/**"]),
            "# Use X\n\n* Status: accepted\n* Date: 2024-01-02\n* Governs: `api/**`, `web/**`\n\n## Context\n"
        );
    }

    #[test]
    fn removing_leaves_the_rest_as_written() {
        let front = "---\ngoverns: [\"a/**\", \"b/*\"]\nstatus: accepted\n---\n# X\n";
        assert_eq!(
            remove(front, &["a/**"]),
            "---\ngoverns: [\"b/*\"]\nstatus: accepted\n---\n# X\n"
        );
        let block = "---\ngoverns:\n  - a/**\n  - 'b/*'\n---\n# X\n";
        assert_eq!(
            remove(block, &["b/*"]),
            "---\ngoverns:\n  - a/**\n---\n# X\n"
        );
        let section = "# 3. X\n\n## Governs\n\n- `a/**`\n- b/*\n\n## Context\n";
        assert_eq!(
            remove(section, &["a/**"]),
            "# 3. X\n\n## Governs\n\n- b/*\n\n## Context\n"
        );
        let line = "# 3. X\n\n- Governs: a/**, `b/*`\n";
        assert_eq!(remove(line, &["a/**"]), "# 3. X\n\n- Governs: `b/*`\n");
        assert_eq!(remove(line, &["a/**", "b/*"]), "# 3. X\n\n");
        assert_eq!(remove(line, &["c/*"]), line);
    }
}
