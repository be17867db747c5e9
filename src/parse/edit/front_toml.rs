//! Edits of TOML front matter (`+++` … `+++`, Hugo and Zola): a key's string value, and a
//! reference added to a key's array (or a new key, with the other top-level keys).

use super::{FrontKey, Layout, Op};

/// `s` as a TOML basic string.
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the value of the `key = value` line starts, and where it ends on that line (before a
/// `# comment`; a quoted string's closing quote included).
fn value_span(line: &str) -> Option<(usize, usize)> {
    let eq = line.find('=')?;
    let after = &line[eq + 1..];
    let start = eq + 1 + (after.len() - after.trim_start().len());
    let v = &line[start..];
    let len = match v.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut escaped = false;
            let close = v[1..].char_indices().find(|&(_, c)| {
                let end = c == q && !escaped;
                escaped = q == '"' && c == '\\' && !escaped;
                end
            })?;
            close.0 + 2
        }
        _ => v.find(" #").unwrap_or(v.len()),
    };
    let len = v[..len].trim_end().len();
    Some((start, start + len))
}

/// Ops that set the value of key line `i` (1-based) to the string `value`.
pub(super) fn set_string(text: &str, layout: &Layout, i: usize, value: &str) -> Vec<Op> {
    let line = layout.line_at(text, i);
    let Some((start, end)) = value_span(line) else {
        return Vec::new();
    };
    vec![Op::Replace(
        i,
        format!("{}{}{}", &line[..start], string(value), &line[end..]),
    )]
}

/// Ops that add `reference` to the array of key `k` (written on one line or over several,
/// or a string that becomes an array), or a new key `name = ["reference"]` where the file keeps
/// its own fields ([`super::super::Front::new_key_at`]). Nothing when the reference is there.
pub(super) fn add_reference(
    text: &str,
    layout: &Layout,
    key: Option<&FrontKey>,
    name: &str,
    reference: &str,
) -> Vec<Op> {
    let Some(front) = &layout.front else {
        return Vec::new();
    };
    let quoted = string(reference);
    let Some(k) = key else {
        // Before the blank lines that set the next table apart.
        let mut at = front.new_key_at();
        while front.fields.is_none() && at > 2 && layout.line_at(text, at - 1).trim().is_empty() {
            at -= 1;
        }
        return vec![Op::Insert(at, vec![format!("{name} = [{quoted}]")])];
    };
    let line = layout.line_at(text, k.line);
    let Some((start, end)) = value_span(line) else {
        return Vec::new();
    };
    let v = &line[start..end];
    if v.contains(&quoted) {
        return Vec::new();
    }
    if v.starts_with('[') && v.ends_with(']') {
        let inner = v[1..v.len() - 1].trim_end();
        let sep = if inner.trim().is_empty() { "" } else { ", " };
        let inner = inner.trim_end_matches(',');
        let new = format!("[{inner}{sep}{quoted}]");
        return vec![Op::Replace(
            k.line,
            format!("{}{new}{}", &line[..start], &line[end..]),
        )];
    }
    if v.starts_with('[') && !v.ends_with(']') {
        // An array over lines: the new item before the closing `]`, indented like the others.
        let close =
            (k.line + 1..k.end).find(|&j| layout.line_at(text, j).trim_start().starts_with(']'));
        let Some(close) = close else {
            return Vec::new();
        };
        let items: Vec<&str> = (k.line + 1..close)
            .map(|j| layout.line_at(text, j))
            .collect();
        if items.iter().any(|l| l.contains(&quoted)) {
            return Vec::new();
        }
        let indent = items
            .iter()
            .find(|l| !l.trim().is_empty())
            .map_or("  ", |l| &l[..l.len() - l.trim_start().len()]);
        let mut ops = Vec::new();
        // The last item (on the key line when the others are): it needs its comma.
        let j = (k.line + 1..close)
            .rev()
            .find(|&j| !layout.line_at(text, j).trim().is_empty())
            .unwrap_or(k.line);
        let last = layout.line_at(text, j).trim_end();
        if !last.ends_with([',', '[']) {
            ops.push(Op::Replace(j, format!("{last},")));
        }
        ops.push(Op::Insert(close, vec![format!("{indent}{quoted},")]));
        return ops;
    }
    // A single value: an array of it and the new one.
    vec![Op::Replace(
        k.line,
        format!("{}[{v}, {quoted}]{}", &line[..start], &line[end..]),
    )]
}

/// Ops that remove from the value of key `k` (an array on one line or over several, or a
/// string) the strings `keep` refuses; the key goes when nothing is left.
pub(super) fn remove_strings(
    text: &str,
    layout: &Layout,
    k: &FrontKey,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<Op> {
    let line = layout.line_at(text, k.line);
    let Some((start, end)) = value_span(line) else {
        return Vec::new();
    };
    let v = &line[start..end];
    let unquote = |s: &str| {
        s.trim()
            .trim_end_matches(',')
            .trim()
            .trim_matches(['"', '\''])
            .to_string()
    };
    if v.starts_with('[') && !v.ends_with(']') && v != "[" {
        // An array whose first items share the key line: left to be edited by hand.
        return Vec::new();
    }
    if v == "[" {
        let close = (k.line + 1..k.end)
            .find(|&j| layout.line_at(text, j).trim_start().starts_with(']'))
            .unwrap_or(k.line);
        let gone: Vec<usize> = (k.line + 1..close)
            .filter(|&j| {
                let item = unquote(layout.line_at(text, j));
                !item.is_empty() && !keep(&item)
            })
            .collect();
        let left = (k.line + 1..close)
            .filter(|j| !gone.contains(j) && !layout.line_at(text, *j).trim().is_empty())
            .count();
        if left == 0 {
            return (k.line..=close).map(Op::Delete).collect();
        }
        return gone.into_iter().map(Op::Delete).collect();
    }
    let items: Vec<String> = if v.starts_with('[') && v.ends_with(']') {
        v[1..v.len() - 1]
            .split(',')
            .map(unquote)
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        vec![unquote(v)]
    };
    let kept: Vec<String> = items
        .iter()
        .filter(|s| keep(s))
        .map(|s| string(s))
        .collect();
    if kept.len() == items.len() {
        return Vec::new();
    }
    if kept.is_empty() {
        return vec![Op::Delete(k.line)];
    }
    vec![Op::Replace(
        k.line,
        format!("{}[{}]{}", &line[..start], kept.join(", "), &line[end..]),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_value_spans() {
        assert_eq!(string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(value_span(r#"status = "accepted" # why"#), Some((9, 19)));
        assert_eq!(value_span(r#"status="a\"b""#), Some((7, 13)));
        assert_eq!(value_span("status = 'x'"), Some((9, 12)));
        assert_eq!(value_span("tags = [\"a\", \"b\"]"), Some((7, 17)));
        assert_eq!(value_span("no value here"), None);
    }
}
