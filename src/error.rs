//! Errors that stop a command, split by kind; each knows its exit code ([`Error::code`]).
//! Findings in ADRs are data, not errors.

use std::path::PathBuf;

/// A command could not run: usage, configuration, I/O, output, the preview server…
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The configuration file is invalid.
    #[error("{}:{line}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A problem with one file, named in the message.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    File {
        /// The file, relative to the repository root.
        path: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong and what to do.
        message: String,
    },
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// A git operation failed.
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    /// Writing JSON output failed.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV output failed.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// A template (of a new ADR, of `init`, of the site) did not render.
    #[error("{message}")]
    Template {
        /// What is wrong, naming the template.
        message: String,
    },
    /// The preview server could not listen on its port.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The preview server could not start, or stopped.
    #[error("{what}: {source}")]
    Server {
        /// What happened (`cannot start the server`).
        what: &'static str,
        /// What the OS said.
        source: std::io::Error,
    },
    /// `$VISUAL`/`$EDITOR` could not be started.
    #[error("could not start the editor `{editor}`: {source}")]
    Editor {
        /// The command as configured.
        editor: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl Error {
    /// The exit code of a command that stops with this error (findings are 1, not errors).
    pub fn code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::Config { .. } => crate::EXIT_ERROR,
            Error::Io { .. } | Error::File { .. } | Error::Git(_) => crate::EXIT_ERROR,
            Error::Json(_) | Error::Csv(_) | Error::Template { .. } => crate::EXIT_ERROR,
            Error::Bind { .. } | Error::Server { .. } | Error::Editor { .. } => crate::EXIT_ERROR,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::Error;
    use std::io;

    #[test]
    fn messages_and_exit_codes() {
        let io_err = || io::Error::new(io::ErrorKind::AddrInUse, "address in use");
        let json = serde_json::from_str::<u8>("x").err().map(Error::from);
        let csv = Error::from(csv::Error::from(io::Error::other("disk full")));
        let cases = [
            (Error::Usage("no ADR 7".into()), "no ADR 7"),
            (
                Error::Config {
                    path: "adrgov.toml".into(),
                    line: 3,
                    message: "bad".into(),
                },
                "adrgov.toml:3: bad",
            ),
            (
                Error::File {
                    path: "doc/adr/0001-a.md".into(),
                    line: Some(4),
                    message: "bad".into(),
                },
                "doc/adr/0001-a.md:4: bad",
            ),
            (csv, "disk full"),
            (
                Error::Template {
                    message: "site template: index.html: oops".into(),
                },
                "site template: index.html: oops",
            ),
            (
                Error::Bind {
                    port: 8080,
                    source: io_err(),
                },
                "cannot listen on 127.0.0.1:8080: address in use",
            ),
            (
                Error::Server {
                    what: "the server stopped",
                    source: io_err(),
                },
                "the server stopped: address in use",
            ),
            (
                Error::Editor {
                    editor: "vim -f".into(),
                    source: io::Error::new(io::ErrorKind::NotFound, "not found"),
                },
                "could not start the editor `vim -f`: not found",
            ),
        ];
        for (e, msg) in cases {
            assert_eq!(
                (e.to_string(), e.code()),
                (msg.to_string(), crate::EXIT_ERROR)
            );
        }
        assert_eq!(
            json.map(|e| (e.to_string(), e.code())),
            Some((
                "expected value at line 1 column 1".to_string(),
                crate::EXIT_ERROR
            ))
        );
    }
}
