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
