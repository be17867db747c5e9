//! adrgov: Architecture Decision Records kept as Markdown in git — author, check, graph, publish.
//!
//! Data flows one way: files → [`parse`] → [`model`] → commands. Only [`repo`] touches the disk.

pub mod check;
pub mod cli;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod graph;
pub mod history;
pub mod model;
pub mod output;
pub mod parse;
pub mod repo;
pub mod site;
pub mod templates;

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
    use clap::Parser;
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            output::error(&e.to_string());
            ExitCode::from(EXIT_ERROR)
        }
    }
}
