//! Runs the browser tests (`tests/browser/site.test.mjs`) in headless Chromium. They need
//! Node.js and Debian's `chromium` (`apt-get install chromium`; `.ci/run` installs it); the npm
//! package (playwright-core, pinned by `tests/browser/package-lock.json`) is installed here when
//! it is missing. A missing browser or Node.js is a failure that says what to install: this
//! test never passes without running.

use std::path::Path;

#[test]
fn site_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "the browser tests need Chromium at {chromium}: `apt-get install chromium` (or set CHROMIUM)"
    );
    crate::support::npm_package(&dir, "playwright-core");
    let corpora = crate::support::corpora();
    let shots = root.join("target/screenshots");
    let report = crate::support::node_test(
        &dir,
        "site.test.mjs",
        &[
            ("ADRGOV_BIN", env!("CARGO_BIN_EXE_adrgov").as_ref()),
            ("ADRGOV_CORPORA", corpora.as_os_str()),
            ("SCREENSHOTS", shots.as_os_str()),
            ("CHROMIUM", chromium.as_ref()),
        ],
    );
    // Every test ran and passed (not skipped), and the screenshots exist.
    assert!(
        report.contains("ℹ pass 11") && report.contains("ℹ fail 0"),
        "{report}"
    );
    for page in ["index", "adr", "adr-wide", "graph", "dashboard", "search"] {
        for scheme in ["light", "dark"] {
            let p = shots.join(format!("govuk-{page}-{scheme}.png"));
            assert!(
                std::fs::metadata(&p).is_ok_and(|m| m.len() > 10_000),
                "{}",
                p.display()
            );
        }
    }
    for shot in [
        "govuk-adr-phone-menu",
        "central-phone-facet",
        "codemap-light",
        "codemap-dark",
        "codemap-phone",
    ] {
        let p = shots.join(format!("{shot}.png"));
        assert!(
            std::fs::metadata(&p).is_ok_and(|m| m.len() > 10_000),
            "{}",
            p.display()
        );
    }
}
