//! `completions` and `man`: generated from the same clap `Command`.

use crate::error::{Error, Result};
use clap::CommandFactory;

/// Arguments of `adrgov completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov completions bash > /etc/bash_completion.d/adrgov\n  adrgov completions zsh > \"${fpath[1]}/_adrgov\""
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `adrgov man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  adrgov man > adrgov.1 && man ./adrgov.1")]
pub struct ManArgs {}

pub(super) fn completions(a: CompletionsArgs) -> Result<u8> {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "adrgov", &mut buf);
    crate::output::print(&String::from_utf8_lossy(&buf)).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}

pub(super) fn man(_: ManArgs) -> Result<u8> {
    let cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .map_err(|e| Error::io("<stdout>", e))?;
    crate::output::print(&String::from_utf8_lossy(&buf)).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}
