//! Commands read only the history they print: `list` as a table or CSV reads none unless
//! `--long` asks for its columns; JSON keeps its contract; `graph` reads none. And what history
//! tells is printed as it is: the feed gives a change's real time.

use crate::support::*;

/// A repository with one committed ADR (by Ada, 2021-03-04 12:00 +02:00) and one not committed yet, so that
/// reading history says so on stderr: the note shows whether history was read.
fn repo_with_an_uncommitted_adr() -> tempfile::TempDir {
    let t = repo(&[], false);
    let d = t.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(d.join("doc/adr")).expect("mkdir");
    std::fs::write(
        d.join("doc/adr/0001-use-postgres.md"),
        "# 1. Use Postgres\n\nDate: 2021-03-04\n\n## Status\n\nAccepted\n",
    )
    .expect("write");
    git(d, &["add", "-A"]);
    let when = "2021-03-04T12:00:00+02:00";
    git_env(
        d,
        &["commit", "-q", "-m", "ADR 1"],
        &[
            ("GIT_AUTHOR_NAME", "Ada"),
            ("GIT_AUTHOR_EMAIL", "ada@example.com"),
            ("GIT_AUTHOR_DATE", when),
            ("GIT_COMMITTER_NAME", "Ada"),
            ("GIT_COMMITTER_EMAIL", "ada@example.com"),
            ("GIT_COMMITTER_DATE", when),
        ],
    );
    std::fs::write(
        d.join("doc/adr/0002-use-kafka.md"),
        "# 2. Use Kafka\n\nDate: 2021-05-06\n\n## Status\n\nProposed\n",
    )
    .expect("write");
    t
}

const NOTE: &str = "note: 1 ADR is not committed yet: its date and authors are unknown\n";

#[test]
fn table_and_csv_read_no_history_unless_long() {
    let t = repo_with_an_uncommitted_adr();
    let d = t.path();
    let r = adrgov(d, &["list"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout,
        "ID    STATUS    DATE        TITLE\n0001  accepted  2021-03-04  Use Postgres\n0002  proposed  2021-05-06  Use Kafka\n"
    );
    let r = adrgov(d, &["list", "--format", "csv"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let r = adrgov(d, &["list", "--long"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, NOTE));
    assert_eq!(
        r.stdout,
        "\
ID    STATUS    DATE        CREATED     UPDATED     AUTHORS  TITLE
0001  accepted  2021-03-04  2021-03-04  2021-03-04  Ada      Use Postgres
0002  proposed  2021-05-06  -           -           -        Use Kafka
"
    );
    let r = adrgov(d, &["list", "--long", "--format", "csv"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, NOTE));
    assert_eq!(
        r.stdout,
        "\
id,number,title,status,date,path,format,tags,decision_makers,created,created_by,updated,updated_by,authors
0001,1,Use Postgres,accepted,2021-03-04,doc/adr/0001-use-postgres.md,nygard,,,2021-03-04,Ada,2021-03-04,Ada,Ada
0002,2,Use Kafka,proposed,2021-05-06,doc/adr/0002-use-kafka.md,nygard,,,,,,,
"
    );
    // `--no-history` wins over `--long`: the columns stay empty.
    let r = adrgov(d, &["list", "--long", "--no-history"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert!(
        r.stdout.contains(
            "0001  accepted  2021-03-04  -           -           -        Use Postgres\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn json_keeps_its_git_facts_and_graph_reads_none() {
    let t = repo_with_an_uncommitted_adr();
    let d = t.path();
    let r = adrgov(d, &["list", "--format", "json"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, NOTE));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v[0]["created"]["author"], "Ada");
    assert_eq!(v[0]["created"]["date"], "2021-03-04");
    assert!(v[1]["created"].is_null());
    for f in ["json", "dot", "mermaid"] {
        let r = adrgov(d, &["graph", "--format", f]);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "graph --format {f}");
    }
}

/// The feed says when a decision changed to the second (the commit's author time, in UTC), not
/// at midnight of its day.
#[test]
fn feed_entries_carry_the_commit_time() {
    let t = repo_with_an_uncommitted_adr();
    let d = t.path();
    let out = d.join("site-out");
    let r = adrgov_env(
        d,
        &["site", "build", "--out", out.to_str().expect("utf8")],
        &[("ADRGOV_TODAY", "2026-01-01")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let feed = read(out.join("feed.xml"));
    // ADR 1 was committed 2021-03-04T10:00:00+00:00; ADR 2 is not committed: its file date.
    assert!(
        feed.contains("<updated>2021-03-04T10:00:00Z</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2021-05-06T00:00:00Z</updated>"),
        "{feed}"
    );
}
