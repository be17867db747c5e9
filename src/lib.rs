//! adrgov: Architecture Decision Records kept as Markdown in git — author, check, graph, publish.
//!
//! Data flows one way: files → [`parse`] → [`model`] → commands. [`parse`], [`model`] and
//! [`graph`] never touch the disk. ADR files, configuration and writes go through [`repo`], git
//! through [`repo`] and [`history`]. The rest that does, each for its own files: [`site`] reads
//! images and theme overrides and writes the built site (with [`repo`]'s atomic write);
//! [`check`]'s `stale-toc` rule reads the index it compares; [`cli`]'s `init`, `new` (a template
//! file), `renumber` and `toc` read or create files of their own, and `site serve` watches the
//! ADR directory. The layers and what each may import: `docs/design.md`.

pub mod check;
pub mod cli;
pub mod error;
pub mod export;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod governs;
pub mod graph;
pub mod history;
pub mod model;
pub mod output;
pub mod parse;
pub mod repo;
pub mod site;
pub mod templates;
pub mod view;

use std::ffi::OsString;
use std::process::ExitCode;

/// Exit code: the command ran and found nothing at error level.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at error level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Parses `args` and runs the command; the one place exit codes are decided.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    trace("start");
    use clap::Parser;
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = cli::run(cli);
    trace("done");
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            output::error(&e.to_string());
            ExitCode::from(e.code())
        }
    }
}

/// `ADRGOV_TRACE=1`: each phase of a command, with the time since the first one and the
/// thread, on stderr (for profiling; not an interface).
#[doc(hidden)]
pub fn trace(phase: &str) {
    static START: std::sync::OnceLock<Option<std::time::Instant>> = std::sync::OnceLock::new();
    let start = START.get_or_init(|| {
        std::env::var_os("ADRGOV_TRACE")
            .filter(|v| !v.is_empty())
            .map(|_| std::time::Instant::now())
    });
    if let Some(t) = start {
        // Resident memory and the minor page faults so far (Linux), to see which phase
        // touches fresh memory.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let rss = status
            .lines()
            .find_map(|l| l.strip_prefix("RssAnon:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map_or(0, |kb| kb >> 10);
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let field = |n: usize| -> u64 {
            stat.rsplit_once(')')
                .and_then(|(_, s)| s.split(' ').nth(n)?.parse().ok())
                .unwrap_or(0)
        };
        // Fields 10, 14 and 15 of proc_pid_stat(5) (`field(n)` is field n + 2: the text after
        // the command name starts with a space, then field 3): minor faults, and user and
        // system time in clock ticks (100 a second on Linux).
        let (faults, cpu_ticks) = (field(8), field(12) + field(13));
        eprintln!(
            "trace {:>8.2} ms {:>4} MB anon {:>6} faults {:>5} ms cpu {:?} {phase}",
            t.elapsed().as_secs_f64() * 1e3,
            rss,
            faults,
            cpu_ticks * 10,
            std::thread::current().id()
        );
    }
}
