//! Bad input: a clear message naming the file (and line), exit code 2 for a command on one
//! file, a warning where a command reads many, and no file changed.

use crate::support::*;

fn base() -> tempfile::TempDir {
    repo(
        &[
            (
                "docs/adr/0001-a.md",
                "---\nstatus: accepted\ndate: 2020-01-01\n---\n# A\n",
            ),
            (
                "docs/adr/0002-bad-yaml.md",
                "---\nstatus: accepted\ntags: [a, b\n---\n# Bad YAML\n",
            ),
            ("docs/adr/0004-c.md", "---\nstatus: proposed\n---\n# C\n"),
        ],
        true,
    )
}

/// Runs `args`, asserts the exit code and that no file under the repository changed.
fn unchanged(t: &tempfile::TempDir, args: &[&str], code: i32) -> Run {
    let before = snapshot_dir(t.path());
    let r = adrgov(t.path(), args);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    assert_eq!(before, snapshot_dir(t.path()), "{args:?} changed a file");
    r
}

#[test]
fn malformed_yaml() {
    let t = base();
    let r = unchanged(&t, &["list"], 0);
    assert!(
        r.stderr
            .starts_with("warning: docs/adr/0002-bad-yaml.md:3: front matter is not valid YAML: "),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("0002  -         -           Bad YAML"),
        "{}",
        r.stdout
    );
    let r = unchanged(&t, &["accept", "2"], 2);
    assert!(
        r.stderr
            .starts_with("error: docs/adr/0002-bad-yaml.md:3: front matter is not valid YAML"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("fix it before adrgov edits this file"),
        "{}",
        r.stderr
    );
    unchanged(&t, &["supersede", "2", "1"], 2);
}

#[test]
fn invalid_utf8() {
    let t = base();
    std::fs::write(
        t.path().join("docs/adr/0003-latin1.md"),
        b"---\nstatus: proposed\n---\n# Caf\xe9\n",
    )
    .expect("write");
    let r = unchanged(&t, &["list"], 0);
    assert!(
        r.stderr
            .contains("warning: docs/adr/0003-latin1.md:4: not valid UTF-8"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("0003  proposed"), "{}", r.stdout);
    let r = unchanged(&t, &["accept", "3"], 2);
    assert_eq!(
        r.stderr,
        "error: docs/adr/0003-latin1.md: is not valid UTF-8; re-save it as UTF-8 before adrgov edits it (nothing was changed)\n"
    );
    unchanged(&t, &["new", "X", "--supersedes", "3"], 2);
}

#[test]
fn binary_file() {
    let t = base();
    std::fs::write(
        t.path().join("docs/adr/0005-image.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("write");
    let r = unchanged(&t, &["list"], 0);
    assert!(
        r.stderr.contains("warning: docs/adr/0005-image.md: binary file (contains NUL bytes), not Markdown; skipped"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("0005"));
}

#[test]
fn missing_adr_dir() {
    let t = repo(&[("adrgov.toml", "[adr]\ndir = \"nope\"\n")], false);
    let r = unchanged(&t, &["list"], 2);
    assert!(
        r.stderr.starts_with("error: the ADR directory "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "nope does not exist (set by adrgov.toml); create it with `adrgov init nope`"
        ),
        "{}",
        r.stderr
    );
    let empty = tempfile::tempdir().expect("tempdir");
    let r = adrgov(empty.path(), &["list"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no ADR directory found in"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("run `adrgov init` to create one"));
}

#[test]
fn reference_to_a_missing_number() {
    let t = base();
    let r = unchanged(&t, &["new", "Use X", "--supersedes", "99"], 2);
    assert_eq!(
        r.stderr,
        "error: no ADR numbered 99; `adrgov list` shows the ADRs there are\n"
    );
    unchanged(&t, &["supersede", "1", "99"], 2);
    unchanged(&t, &["link", "1", "amends", "ADR-0099"], 2);
    unchanged(&t, &["show", "99"], 2);
    unchanged(&t, &["status", "99", "accepted"], 2);
}

#[test]
fn title_that_slugifies_to_nothing() {
    let t = base();
    let r = unchanged(&t, &["new", "!!! ???"], 2);
    assert_eq!(
        r.stderr,
        "error: the title `!!! ???` has no letters or digits to make a file name from; give a title with words\n"
    );
}

#[test]
fn bad_config_names_file_key_and_line() {
    let t = repo(
        &[
            (
                "adrgov.toml",
                "[adr]\ndir = \"docs/adr\"\nformatt = \"madr\"\n",
            ),
            ("docs/adr/0001-a.md", "# A\n"),
        ],
        false,
    );
    let r = unchanged(&t, &["list"], 2);
    assert!(
        r.stderr.contains("adrgov.toml:3: unknown field `formatt`"),
        "{}",
        r.stderr
    );
    let t = repo(
        &[
            ("adrgov.toml", "[check]\nstale-proposal = \"loud\"\n"),
            ("docs/adr/0001-a.md", "# A\n"),
        ],
        false,
    );
    let r = unchanged(&t, &["list"], 2);
    assert!(
        r.stderr
            .contains("adrgov.toml:2: key `check.stale-proposal`: unknown level `loud`"),
        "{}",
        r.stderr
    );
}

#[test]
fn symlink_leaving_the_repository_is_not_followed() {
    let t = base();
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.md"), "# Secret\n").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        t.path().join("docs/adr/0009-link.md"),
    )
    .expect("symlink");
    let r = unchanged(&t, &["list"], 0);
    assert!(
        r.stderr.contains(
            "warning: docs/adr/0009-link.md: symbolic link points outside the repository"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("Secret"));
}
