//! Test helpers: run the binary, build repositories, hash directories.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Output of one run.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub(crate) fn adrgov(dir: &Path, args: &[&str]) -> Run {
    adrgov_env(dir, args, &[])
}

pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    git_env(dir, args, &[])
}

/// [`git`] with extra environment variables (an author, dates).
pub(crate) fn git_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new("git");
    cmd.args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `git add -A` and a commit dated `date` (`YYYY-MM-DD`; author and committer, UTC noon).
pub(crate) fn commit_at(dir: &Path, date: &str, msg: &str) {
    git(dir, &["add", "-A"]);
    let stamp = format!("{date}T12:00:00+00:00");
    git_env(
        dir,
        &["commit", "-q", "-m", msg],
        &[("GIT_AUTHOR_DATE", &stamp), ("GIT_COMMITTER_DATE", &stamp)],
    );
}

/// The vendored corpora (`tests/fixtures/corpora`, see its README); `ADRGOV_CORPORA` may point
/// elsewhere (a newer set of bundles).
pub(crate) fn corpora() -> PathBuf {
    let p = std::env::var_os("ADRGOV_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora"));
    assert!(
        p.join("govuk-aws.bundle").is_file(),
        "the corpora are missing from {}",
        p.display()
    );
    p
}

/// The names of every vendored corpus bundle, sorted.
pub(crate) fn corpus_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(corpora())
        .expect("read corpora")
        .filter_map(|e| {
            let n = e.expect("entry").file_name().to_string_lossy().into_owned();
            n.strip_suffix(".bundle").map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

/// Clones a corpus bundle into a fresh temp dir.
pub(crate) fn clone_corpus(name: &str) -> (tempfile::TempDir, PathBuf) {
    let c = corpora();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dest = tmp.path().join(name);
    let bundle = c.join(format!("{name}.bundle"));
    git(
        tmp.path(),
        &["clone", "-q", bundle.to_str().expect("utf8"), name],
    );
    (tmp, dest)
}

/// A temp dir with files (path → content), optionally a git repository with one commit.
pub(crate) fn repo(files: &[(&str, &str)], with_git: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (p, c) in files {
        let path = tmp.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, c).expect("write");
    }
    if with_git {
        git(tmp.path(), &["init", "-q", "-b", "main"]);
        git(tmp.path(), &["add", "-A"]);
        git(tmp.path(), &["commit", "-q", "-m", "init"]);
    }
    tmp
}

/// Every file under `dir` (outside `.git`) with its bytes, to compare before and after.
pub(crate) fn snapshot_dir(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let e = e.expect("entry");
            let p = e.path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            let ft = e.file_type().expect("file type");
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                out.insert(
                    p.strip_prefix(dir).expect("prefix").to_path_buf(),
                    std::fs::read(&p).expect("read"),
                );
            }
        }
    }
    out
}

pub(crate) fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref())
        .unwrap_or_else(|e| panic!("read {}: {e}", p.as_ref().display()))
}

pub(crate) fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// Like [`adrgov`], with extra environment variables.
pub(crate) fn adrgov_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_adrgov"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run adrgov");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `adrgov site serve --port 0` running in `dir`; killed when dropped.
pub(crate) struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Lines the server printed after its start line.
    pub log: std::sync::mpsc::Receiver<String>,
}

impl Server {
    pub(crate) fn start(dir: &Path) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_adrgov"))
            .args(["site", "serve", "--port", "0"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn adrgov site serve");
        let mut lines = std::io::BufReader::new(child.stderr.take().expect("stderr")).lines();
        let first = lines.next().expect("a start line").expect("utf8");
        let base = first
            .split("serving on ")
            .nth(1)
            .and_then(|r| r.split('/').nth(2))
            .map(|hostport| format!("http://{hostport}"))
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let (tx, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for l in lines.map_while(Result::ok) {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        Server { child, base, log }
    }

    /// `GET path` → (status code, body).
    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        use std::io::{Read, Write};
        let hostport = self.base.trim_start_matches("http://");
        let mut s = std::net::TcpStream::connect(hostport).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {hostport}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let code = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .expect("status");
        let body = text
            .split_once("\r\n\r\n")
            .map(|x| x.1)
            .unwrap_or("")
            .to_string();
        (code, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) const MYSQL: &str = "# 2. Use MySQL for orders\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [3. Use PostgreSQL for orders](0003-use-postgresql-for-orders.md)\n\n## Governs\n\n- `services/orders/**`\n\n## Context\n\nOrders need a database.\n\n## Decision\n\nWe will use MySQL.\n\n## Consequences\n\nOne more server.\n";
pub(crate) const POSTGRES: &str = "---\nstatus: accepted\ndate: 2024-01-01\nsupersedes: [ADR-0002]\ngoverns: [\"services/orders/db/**\", \"migrations/orders_*.sql\"]\n---\n# Use PostgreSQL for orders\n\n## Context and Problem Statement\n\nMySQL lacks the JSON indexes the orders need.\n\n## Decision Outcome\n\nChosen option: PostgreSQL.\n";
pub(crate) const BILLING: &str = "# 4. Keep legacy billing\n\nDate: 2024-01-01\nGoverns: services/billing/legacy/**\n\n## Status\n\nAccepted\n\n## Context\n\nBilling works.\n\n## Decision\n\nWe keep it.\n\n## Consequences\n\nNothing moves.\n";
pub(crate) const RECORD: &str = "# 1. Record architecture decisions\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe will use ADRs.\n\n## Consequences\n\nSee Nygard.\n";

/// The fixture of decisions that govern code (`governs.rs`, the site's code map): a Nygard
/// ADR superseded by a MADR one (both govern orders code), a Nygard ADR whose only file was
/// removed by the commit "Remove legacy billing"; returns that commit's short id.
pub(crate) fn governs_fixture() -> (tempfile::TempDir, String) {
    let t = repo(
        &[
            ("doc/adr/0001-record-architecture-decisions.md", RECORD),
            ("doc/adr/0002-use-mysql-for-orders.md", MYSQL),
            ("doc/adr/0003-use-postgresql-for-orders.md", POSTGRES),
            ("doc/adr/0004-keep-legacy-billing.md", BILLING),
            ("services/orders/db/schema.sql", "create table orders;\n"),
            ("services/orders/api/handler.go", "package api\n"),
            ("migrations/orders_001.sql", "alter table orders;\n"),
            ("services/billing/legacy/invoice.py", "print(1)\n"),
            ("README.md", "# Shop\n"),
        ],
        false,
    );
    git(t.path(), &["init", "-q", "-b", "main"]);
    commit_at(t.path(), "2024-01-01", "Initial decisions and code");
    std::fs::remove_file(t.path().join("services/billing/legacy/invoice.py")).expect("rm");
    commit_at(t.path(), "2024-02-01", "Remove legacy billing");
    std::fs::write(t.path().join("README.md"), "# Shop\n\nSells things.\n").expect("write");
    commit_at(t.path(), "2024-03-01", "Describe the shop");
    let short = git(t.path(), &["rev-parse", "--short", "HEAD~1"]);
    (t, short.trim().to_string())
}

/// Makes sure Node.js is there and the npm package `package` is installed in the test package
/// `dir` (`npm ci` from its lock file when it is missing): a missing Node.js is a failure that
/// says what to install, so a test that needs them never passes without running.
pub(crate) fn npm_package(dir: &Path, package: &str) {
    assert!(
        std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_ok(),
        "these tests need Node.js (node and npm on PATH)"
    );
    if !dir.join("node_modules").join(package).is_dir() {
        let out = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(dir)
            .output()
            .expect("run npm");
        assert!(
            out.status.success(),
            "npm ci in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Runs `node --test` on `script` in the test package `dir` with `env`, asserts it passed, and
/// returns its report (stdout and stderr) for the caller's counts.
pub(crate) fn node_test(dir: &Path, script: &str, env: &[(&str, &std::ffi::OsStr)]) -> String {
    let out = std::process::Command::new("node")
        .args(["--test", "--test-reporter=spec", script])
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{script} failed:\n{report}");
    report
}
