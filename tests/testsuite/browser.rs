//! Runs the browser tests (`tests/browser/site.test.mjs`) in headless Chromium. They need
//! Node.js, `npm ci` in `tests/browser` and Debian's `chromium`; `.ci/run` installs them. On a
//! machine without them the test says so and passes, except under CI (`CI` set), where a
//! missing browser is a failure.

use std::path::Path;
use std::process::Command;

#[test]
fn site_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<&str> = [
        (!dir.join("node_modules/playwright-core").is_dir()).then_some("npm ci in tests/browser"),
        (!Path::new(&chromium).exists()).then_some("chromium"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("CI").is_none(),
            "browser tests cannot run under CI: missing {missing:?} (.ci/run installs them)"
        );
        eprintln!("skipped: browser tests need {missing:?}");
        return;
    }
    let corpora = crate::support::corpora();
    let shots = root.join("target/screenshots");
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "site.test.mjs"])
        .current_dir(&dir)
        .env("ADRGOV_BIN", env!("CARGO_BIN_EXE_adrgov"))
        .env("ADRGOV_CORPORA", &corpora)
        .env("SCREENSHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser tests failed:\n{report}");
    // Every test ran and passed (not skipped), and the screenshots exist.
    assert!(
        report.contains("ℹ pass 5") && report.contains("ℹ fail 0"),
        "{report}"
    );
    for page in ["index", "adr", "graph", "dashboard", "search"] {
        for scheme in ["light", "dark"] {
            let p = shots.join(format!("govuk-{page}-{scheme}.png"));
            assert!(
                std::fs::metadata(&p).is_ok_and(|m| m.len() > 10_000),
                "{}",
                p.display()
            );
        }
    }
}
