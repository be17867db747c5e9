//! The progress line long work draws on stderr; the core reports progress through callbacks,
//! and only the command line draws it.

/// A progress line on stderr for long work: only on a terminal, only once the work has taken
/// more than a second.
pub(crate) struct Progress {
    label: &'static str,
    unit: &'static str,
    every: usize,
    start: std::time::Instant,
    enabled: bool,
    bar: std::cell::RefCell<Option<indicatif::ProgressBar>>,
}

impl Progress {
    /// A progress line `label: N unit`, not yet shown; it updates every `every` items.
    pub(crate) fn new(label: &'static str, unit: &'static str, every: usize) -> Progress {
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
    pub(crate) fn tick(&self, n: usize) {
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
    pub(crate) fn finish(&self) {
        if let Some(b) = self.bar.borrow_mut().take() {
            b.finish_and_clear();
        }
    }
}
