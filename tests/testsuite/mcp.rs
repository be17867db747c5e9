//! Runs the MCP tests (`tests/mcp/mcp.test.mjs`): `adrgov mcp` driven by the official MCP
//! TypeScript SDK's client (`@modelcontextprotocol/sdk`, pinned by `tests/mcp/package-lock.json`
//! and installed here when it is missing) on two clones of the govuk-aws corpus, one only read
//! and one the `--allow-write` session writes into. Missing Node.js is a failure that says
//! what to install: this test never passes without running.

use std::path::Path;
use std::process::Command;

#[test]
fn mcp_server_with_the_official_client() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp");
    assert!(
        Command::new("node").arg("--version").output().is_ok(),
        "the MCP tests need Node.js (node and npm on PATH)"
    );
    if !dir.join("node_modules/@modelcontextprotocol/sdk").is_dir() {
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .output()
            .expect("run npm");
        assert!(
            out.status.success(),
            "npm ci in tests/mcp failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (_ro, corpus) = crate::support::clone_corpus("govuk-aws");
    let (_rw, writable) = crate::support::clone_corpus("govuk-aws");
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "mcp.test.mjs"])
        .current_dir(&dir)
        .env("ADRGOV_BIN", env!("CARGO_BIN_EXE_adrgov"))
        .env("MCP_CORPUS", &corpus)
        .env("MCP_WRITABLE", &writable)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "MCP tests failed:\n{report}");
    // Every test ran and passed (none skipped).
    assert!(
        report.contains("ℹ tests 8")
            && report.contains("ℹ pass 8")
            && report.contains("ℹ fail 0")
            && report.contains("ℹ skipped 0"),
        "{report}"
    );
    // The session that could write did; the other clone is as it was.
    let drafted = writable.join("docs/architecture/decisions/0040-use-nomad-for-batch-jobs.md");
    assert!(drafted.is_file(), "{}", drafted.display());
    let status = crate::support::git(&corpus, &["status", "--porcelain"]);
    assert_eq!(status, "");
}
