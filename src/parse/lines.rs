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
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
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
