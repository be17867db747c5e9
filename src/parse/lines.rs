//! Line layout of a file: byte spans that keep each line's own line ending.

/// One line: `text[start..end]` is its content, `text[end..next]` its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// Byte offset just past the content (before `\r\n` / `\n`).
    pub end: usize,
    /// Byte offset of the next line.
    pub next: usize,
}

/// Splits `text` into line spans. A final line without a line ending is kept; an empty text has
/// no lines.
pub fn spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Counted first (a vector scan): one allocation of the right size.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    while start < bytes.len() {
        let nl = memchr_nl(&bytes[start..]).map(|i| start + i);
        match nl {
            Some(i) => {
                let end = if i > start && bytes[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                out.push(Span {
                    start,
                    end,
                    next: i + 1,
                });
                start = i + 1;
            }
            None => {
                out.push(Span {
                    start,
                    end: bytes.len(),
                    next: bytes.len(),
                });
                start = bytes.len();
            }
        }
    }
    out
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

/// The line ending most lines of `text` use (`"\r\n"` or `"\n"`); `"\n"` when there is none.
pub fn dominant_eol(spans: &[Span]) -> &'static str {
    let crlf = spans.iter().filter(|s| s.next - s.end == 2).count();
    let lf = spans.iter().filter(|s| s.next - s.end == 1).count();
    if crlf > lf { "\r\n" } else { "\n" }
}

/// (De)serializes a `Vec<bool>` as the lengths of its runs, the first run `false` (the parse
/// cache keeps `Layout::code` so: a few numbers instead of one per line).
pub(crate) mod runs {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(flags: &[bool], s: S) -> Result<S::Ok, S::Error> {
        let mut out: Vec<usize> = Vec::new();
        let (mut current, mut run) = (false, 0usize);
        for &f in flags {
            if f != current {
                out.push(run);
                (current, run) = (f, 0);
            }
            run += 1;
        }
        out.push(run);
        s.collect_seq(out)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<bool>, D::Error> {
        let runs = Vec::<usize>::deserialize(d)?;
        let total = runs.iter().try_fold(0usize, |a, &r| a.checked_add(r));
        let total = total.ok_or_else(|| serde::de::Error::custom("runs overflow"))?;
        let mut out = Vec::with_capacity(total);
        for (i, &r) in runs.iter().enumerate() {
            out.resize(out.len() + r, i % 2 == 1);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_endings() {
        let t = "a\r\nb\nc";
        let s = spans(t);
        assert_eq!(s.len(), 3);
        assert_eq!(&t[s[0].start..s[0].end], "a");
        assert_eq!(&t[s[0].end..s[0].next], "\r\n");
        assert_eq!(&t[s[2].start..s[2].end], "c");
        assert_eq!(s[2].next, t.len());
        assert_eq!(dominant_eol(&spans("a\r\nb\r\nc\n")), "\r\n");
        assert!(spans("").is_empty());
    }
}
