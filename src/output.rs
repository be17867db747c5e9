//! Writing for people and machines: stdout that tolerates a closed pipe, calm stderr messages,
//! colour only on a terminal (and never with `NO_COLOR`).

use std::io::Write;

/// Writes `s` to stdout. A closed pipe (`adrgov list | head`) is not an error.
pub fn print(s: &str) -> std::io::Result<()> {
    // Text without escape sequences (JSON, CSV, plain tables) goes out as it is: stripping
    // colour scans every byte.
    let written = if memchr::memchr(0x1b, s.as_bytes()).is_none() {
        let mut out = std::io::stdout().lock();
        out.write_all(s.as_bytes()).and_then(|()| out.flush())
    } else {
        let mut out = anstream::stdout().lock();
        out.write_all(s.as_bytes()).and_then(|()| out.flush())
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// `error: msg` on stderr.
pub fn error(msg: &str) {
    use owo_colors::OwoColorize;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{} {msg}", "error:".red().bold());
}

/// `warning: msg` on stderr.
pub fn warn(msg: &str) {
    use owo_colors::OwoColorize;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{} {msg}", "warning:".yellow().bold());
}

/// A plain note on stderr (what a command changed).
pub fn note(msg: &str) {
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{msg}");
}

/// Whether stdout is a terminal that takes colour.
pub fn color_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// `items` as `serde_json::to_string_pretty` writes the array, with the elements written on
/// every core for a long list (`list --format json` of thousands of ADRs): the same bytes.
pub fn pretty_json_array<T: serde::Serialize + Sync>(items: &[T]) -> serde_json::Result<String> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if items.len() < 256 || threads < 2 {
        return serde_json::to_string_pretty(items);
    }
    let chunk = items.len().div_ceil(threads.min(8));
    let mut chunks = items.chunks(chunk);
    let first = chunks.next().unwrap_or_default();
    // The first chunk on this thread, the others on threads of their own.
    let parts: Vec<serde_json::Result<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .map(|c| s.spawn(move || pretty_elements(c)))
            .collect();
        let mut parts = vec![pretty_elements(first)];
        for h in handles {
            parts.push(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        parts
    });
    let parts = parts
        .into_iter()
        .collect::<serde_json::Result<Vec<String>>>()?;
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 2).sum::<usize>() + 4);
    out.push_str("[\n");
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(p);
    }
    out.push_str("\n]");
    Ok(out)
}

/// Elements of a pretty array, each one level in, separated as serde_json separates them.
/// A JSON string never holds a raw line break, so every line break starts a line to indent.
fn pretty_elements<T: serde::Serialize>(items: &[T]) -> serde_json::Result<String> {
    let mut out = String::new();
    // One buffer for every element (it grows to the largest once).
    let mut one: Vec<u8> = Vec::with_capacity(4096);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        one.clear();
        serde_json::to_writer_pretty(&mut one, item)?;
        let one = std::str::from_utf8(&one).map_err(serde::ser::Error::custom)?;
        if i == 0 {
            // Elements of one list are alike: room for all of them at the first one's size.
            out.reserve((one.len() + 64) * items.len() * 9 / 8);
        }
        out.push_str("  ");
        let mut rest = one;
        while let Some(n) = memchr::memchr(b'\n', rest.as_bytes()) {
            out.push_str(&rest[..=n]);
            out.push_str("  ");
            rest = &rest[n + 1..];
        }
        out.push_str(rest);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_array_is_written_as_serde_json_writes_it() {
        let items: Vec<serde_json::Value> = (0..1001)
            .map(|i| {
                serde_json::json!({
                    "id": format!("{i:04}"),
                    "title": "Line\nbreak \"quoted\" é",
                    "tags": if i % 2 == 0 { serde_json::json!([]) } else { serde_json::json!(["a", {"b": [1, 2]}]) },
                    "empty": {},
                    "n": null,
                })
            })
            .collect();
        let ours = super::pretty_json_array(&items).unwrap_or_default();
        let theirs = serde_json::to_string_pretty(&items).unwrap_or_default();
        assert_eq!(ours, theirs);
        let short = &items[..3];
        assert_eq!(
            super::pretty_json_array(short).unwrap_or_default(),
            serde_json::to_string_pretty(short).unwrap_or_default()
        );
    }
}
