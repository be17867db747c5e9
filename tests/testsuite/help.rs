//! `--help` of every command is a snapshot; clap's own consistency checks pass.

use crate::support::*;

const COMMANDS: [&str; 23] = [
    "init",
    "new",
    "status",
    "accept",
    "reject",
    "deprecate",
    "supersede",
    "link",
    "govern",
    "renumber",
    "list",
    "show",
    "history",
    "graph",
    "check",
    "why",
    "toc",
    "export",
    "site build",
    "site serve",
    "mcp",
    "completions",
    "man",
];

#[test]
fn cli_debug_assert() {
    use clap::CommandFactory;
    adrgov::cli::Cli::command().debug_assert();
}

#[test]
fn help_snapshots() {
    let dir = tempfile::tempdir().expect("tempdir");
    let top = adrgov(dir.path(), &["--help"]);
    assert_eq!(top.code, 0);
    insta::assert_snapshot!("help", top.stdout);
    for c in COMMANDS {
        let mut args: Vec<&str> = c.split(' ').collect();
        args.push("--help");
        let r = adrgov(dir.path(), &args);
        assert_eq!(r.code, 0, "{c}");
        assert!(r.stdout.contains("Example"), "{c} --help has no example");
        insta::assert_snapshot!(format!("help_{}", c.replace(' ', "_")), r.stdout);
    }
}

#[test]
fn completions_and_man() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = adrgov(dir.path(), &["completions", "bash"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("_adrgov()"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    assert!(r.stdout.contains("supersede"));
    let r = adrgov(dir.path(), &["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &r.stdout[..100.min(r.stdout.len())]
    );
    assert!(r.stdout.contains(".TH adrgov 1"));
}
