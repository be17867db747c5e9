//! Writing for people and machines: stdout that tolerates a closed pipe, calm stderr messages,
//! colour only on a terminal (and never with `NO_COLOR`).

use std::io::Write;

/// Writes `s` to stdout. A closed pipe (`adrgov list | head`) is not an error.
pub fn print(s: &str) -> std::io::Result<()> {
    let mut out = anstream::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
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

/// A progress line on stderr for long work: only on a terminal, only once the work has taken
/// more than a second.
pub struct Progress {
    label: &'static str,
    unit: &'static str,
    every: usize,
    start: std::time::Instant,
    enabled: bool,
    bar: std::cell::RefCell<Option<indicatif::ProgressBar>>,
}

impl Progress {
    /// A progress line `label: N unit`, not yet shown; it updates every `every` items.
    pub fn new(label: &'static str, unit: &'static str, every: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            label,
            unit,
            every: every.max(1),
            start: std::time::Instant::now(),
            enabled: std::io::stderr().is_terminal(),
            bar: std::cell::RefCell::new(None),
        }
    }

    /// Reports `n` items done.
    pub fn tick(&self, n: usize) {
        if !self.enabled || !n.is_multiple_of(self.every) {
            return;
        }
        let mut bar = self.bar.borrow_mut();
        if bar.is_none() {
            if self.start.elapsed() < std::time::Duration::from_secs(1) {
                return;
            }
            let b = indicatif::ProgressBar::new_spinner();
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            *bar = Some(b);
        }
        if let Some(b) = bar.as_ref() {
            b.set_message(format!("{}: {n} {}", self.label, self.unit));
            b.tick();
        }
    }

    /// Clears the line.
    pub fn finish(&self) {
        if let Some(b) = self.bar.borrow_mut().take() {
            b.finish_and_clear();
        }
    }
}
