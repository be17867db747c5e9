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
    crate::support::npm_package(&dir, "@modelcontextprotocol/sdk");
    let (_ro, corpus) = crate::support::clone_corpus("govuk-aws");
    let (_rw, writable) = crate::support::clone_corpus("govuk-aws");
    let report = crate::support::node_test(
        &dir,
        "mcp.test.mjs",
        &[
            ("ADRGOV_BIN", env!("CARGO_BIN_EXE_adrgov").as_ref()),
            ("MCP_CORPUS", corpus.as_os_str()),
            ("MCP_WRITABLE", writable.as_os_str()),
        ],
    );
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

/// A session with `adrgov mcp` on raw stdio, one request at a time (what the Node tests do with
/// the official client, for shapes of repository made here).
struct Session {
    child: std::process::Child,
    out: std::io::BufReader<std::process::ChildStdout>,
    next_id: u64,
}

impl Session {
    fn start(dir: &Path, flags: &[&str]) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_adrgov"))
            .arg("mcp")
            .args(flags)
            .current_dir(dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn adrgov mcp");
        let out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut s = Session {
            child,
            out,
            next_id: 0,
        };
        let init = s.request(
            "initialize",
            serde_json::json!({"protocolVersion": "2025-11-25", "capabilities": {},
                "clientInfo": {"name": "testsuite", "version": "1"}}),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "adrgov", "{init}");
        s.send(&serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        s
    }

    fn send(&mut self, v: &serde_json::Value) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{v}").expect("write");
        stdin.flush().expect("flush");
    }

    fn request(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        use std::io::BufRead;
        self.next_id += 1;
        let id = self.next_id;
        self.send(
            &serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        let mut line = String::new();
        self.out.read_line(&mut line).expect("read");
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON-RPC line");
        assert_eq!(v["id"], id, "{v}");
        v
    }

    /// The JSON a tool answered (its structured content, the same as its text).
    fn tool(&mut self, name: &str, args: serde_json::Value) -> serde_json::Value {
        let r = self.request(
            "tools/call",
            serde_json::json!({"name": name, "arguments": args}),
        );
        let result = &r["result"];
        assert_eq!(result["isError"], false, "{r}");
        let text = result["content"][0]["text"].as_str().expect("text");
        let v: serde_json::Value = serde_json::from_str(text).expect("JSON text");
        assert_eq!(result["structuredContent"], v);
        v
    }

    /// The error a tool call answered: code and message.
    fn tool_error(&mut self, name: &str, args: serde_json::Value) -> (i64, String) {
        let r = self.request(
            "tools/call",
            serde_json::json!({"name": name, "arguments": args}),
        );
        let e = &r["error"];
        (
            e["code"].as_i64().expect("an error code"),
            e["message"].as_str().expect("a message").to_string(),
        )
    }

    fn end(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status}");
    }
}

const PAY: &str = "services/payments/docs/adr";
const SEARCH: &str = "services/search/docs/decisions";

/// Two sources (listed in adrgov.toml): payments in adr-tools' format, search in MADR; 0001 in
/// both.
fn monorepo() -> tempfile::TempDir {
    let nygard = |n: u32, title: &str, status: &str| {
        format!(
            "# {n}. {title}\n\nDate: 2024-01-10\n\n## Status\n\n{status}\n\n## Context\n\nWhy {title}.\n\n## Decision\n\nWe {title}.\n\n## Consequences\n\nThen.\n"
        )
    };
    let madr = |title: &str, status: &str| {
        format!(
            "---\nstatus: {status}\ndate: 2024-02-10\ntags: [search]\n---\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen: {title}.\n"
        )
    };
    let files = [
        (
            "adrgov.toml".to_string(),
            format!(
                "[[adr.sources]]\nname = \"payments\"\ndir = \"{PAY}\"\n\n[[adr.sources]]\nname = \"search\"\ndir = \"{SEARCH}\"\n"
            ),
        ),
        (
            format!("{PAY}/0001-record-architecture-decisions.md"),
            nygard(1, "Record architecture decisions", "Accepted"),
        ),
        (
            format!("{PAY}/0002-use-stripe.md"),
            nygard(2, "Use Stripe", "Accepted"),
        ),
        (
            format!("{SEARCH}/0001-use-opensearch.md"),
            madr("Use OpenSearch", "accepted"),
        ),
    ];
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    crate::support::repo(&refs, true)
}

#[test]
fn mcp_in_a_repository_with_several_sources() {
    let t = monorepo();
    let mut s = Session::start(t.path(), &["--allow-write"]);
    let r = s.request("resources/list", serde_json::json!({}));
    let uris: Vec<&str> = r["result"]["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(
        uris,
        [
            "adr://payments/0001",
            "adr://payments/0002",
            "adr://search/0001"
        ]
    );
    let r = s.request(
        "resources/read",
        serde_json::json!({"uri": "adr://search/0001"}),
    );
    let text = std::fs::read_to_string(t.path().join(SEARCH).join("0001-use-opensearch.md"))
        .expect("read");
    assert_eq!(r["result"]["contents"][0]["text"], text.as_str());

    let hits = s.tool("search_decisions", serde_json::json!({"query": "use"}));
    let ids: Vec<&str> = hits["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["payments/0002", "search/0001"]);
    let only = s.tool(
        "search_decisions",
        serde_json::json!({"query": "use", "source": "SEARCH", "tag": "Search"}),
    );
    assert_eq!(only["total"], 1);
    assert_eq!(only["hits"][0]["id"], "search/0001");
    let (code, msg) = s.tool_error(
        "search_decisions",
        serde_json::json!({"query": "use", "source": "billing"}),
    );
    assert_eq!(code, -32602);
    assert!(msg.starts_with("no source named `billing`"), "{msg}");

    let d = s.tool("get_decision", serde_json::json!({"id": "search/0001"}));
    assert_eq!(
        (&d["id"], &d["source"], &d["title"]),
        (
            &serde_json::json!("search/0001"),
            &serde_json::json!("search"),
            &serde_json::json!("Use OpenSearch")
        )
    );

    let draft = serde_json::json!({"title": "Rank by recency", "context": "Old hits first.",
        "decision": "Boost recent documents.", "consequences": "Reindex once."});
    let (code, msg) = s.tool_error("draft_decision", draft.clone());
    assert_eq!(code, -32602);
    assert!(
        msg.starts_with("this repository has 2 ADR sources"),
        "{msg}"
    );
    let mut with_source = draft;
    with_source["source"] = serde_json::json!("search");
    let r = s.tool("draft_decision", with_source);
    let path = format!("{SEARCH}/0002-rank-by-recency.md");
    assert_eq!(
        r,
        serde_json::json!({"id": "search/0002", "path": path, "status": "proposed", "updated": []})
    );
    // MADR: the repository's own template, its front matter, each part under its section.
    assert_eq!(
        std::fs::read_to_string(t.path().join(&path)).expect("read"),
        format!(
            "---\nstatus: proposed\ndate: {}\n---\n# Rank by recency\n\n## Context and Problem Statement\n\nOld hits first.\n\n## Considered Options\n\n* Option 1\n* Option 2\n\n## Decision Outcome\n\nBoost recent documents.\n\n### Consequences\n\nReindex once.\n",
            crate::support::today()
        )
    );
    s.end();
    let list = crate::support::adrgov(t.path(), &["list", "--source", "search"]);
    assert!(
        list.stdout.contains("search/0002  proposed"),
        "{}",
        list.stdout
    );
}

#[test]
fn mcp_drafts_where_files_are_named_by_date() {
    // log4brains: `YYYYMMDD-slug.md`, MADR 2 bullets, no numbers.
    let adr = "# Use Markdown\n\n- Status: accepted\n- Date: 2024-03-01\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nMarkdown.\n";
    let t = crate::support::repo(
        &[
            ("docs/adr/20240301-use-markdown.md", adr),
            (".log4brains.yml", "project:\n  adrFolder: ./docs/adr\n"),
        ],
        true,
    );
    let mut s = Session::start(t.path(), &["--allow-write"]);
    let r = s.tool(
        "draft_decision",
        serde_json::json!({"title": "Publish with GitHub Pages", "context": "c", "decision": "d",
            "consequences": "q", "amends": "20240301-use-markdown"}),
    );
    let today = crate::support::today();
    let id = format!("{}-publish-with-github-pages", today.replace('-', ""));
    let path = format!("docs/adr/{id}.md");
    assert_eq!(
        r,
        serde_json::json!({"id": id, "path": path, "status": "proposed",
            "updated": ["docs/adr/20240301-use-markdown.md"]})
    );
    // The parts under their sections (Consequences added: the bullets template has none), then
    // the relation where `adrgov new --amends` writes it in this dialect.
    let text = std::fs::read_to_string(t.path().join(&path)).expect("read");
    assert_eq!(
        text,
        format!(
            "# Publish with GitHub Pages\n\n- Status: proposed\n- Date: {today}\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n- Option 1\n- Option 2\n\n## Decision Outcome\n\nd\n\n## Consequences\n\nq\n\n## Links\n\n- Amends [20240301-use-markdown](20240301-use-markdown.md)\n"
        )
    );
    let d = s.tool(
        "get_decision",
        serde_json::json!({"id": "20240301-use-markdown"}),
    );
    assert_eq!(
        d["relations"]["incoming"],
        serde_json::json!([{"kind": "amends", "id": id}])
    );
    s.end();
}

#[test]
fn mcp_refuses_a_directory_without_adrs_before_serving() {
    let t = tempfile::tempdir().expect("tempdir");
    let r = crate::support::adrgov(t.path(), &["mcp"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(&format!(
            "error: no ADR directory found in {}",
            t.path().display()
        )),
        "{}",
        r.stderr
    );
}
