//! Several ADR directories in one repository (issue 13): sources found by content or listed in
//! adrgov.toml, qualified ids, `--source`, per-source numbering and checks, cross-source links.

use crate::support::{adrgov, git, repo};

fn nygard(n: u32, title: &str, date: &str, status: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nWhy {title}.\n\n## Decision\n\nWe {title}.\n\n## Consequences\n\nThen.\n"
    )
}

fn madr(title: &str, date: &str, status: &str) -> String {
    format!(
        "---\nstatus: {status}\ndate: {date}\n---\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen: {title}.\n\n### Consequences\n\n* Good.\n"
    )
}

const PAY: &str = "services/payments/docs/adr";
const ORD: &str = "services/orders/docs/adr";
const SEARCH: &str = "services/search/docs/decisions";

/// Three sources (payments and orders in adr-tools' format, search in MADR), 0003 in two of
/// them, payments/0003 amending orders/0002 by a relative link (and the inverse written), with
/// two commits of history.
fn monorepo() -> tempfile::TempDir {
    let files: Vec<(String, String)> = vec![
        (
            format!("{PAY}/0001-record-architecture-decisions.md"),
            nygard(1, "Record architecture decisions", "2024-01-10", "Accepted"),
        ),
        (
            format!("{PAY}/0002-use-stripe.md"),
            nygard(2, "Use Stripe", "2024-01-12", "Accepted"),
        ),
        (
            format!("{PAY}/0003-retry-failed-charges.md"),
            nygard(
                3,
                "Retry failed charges",
                "2024-02-01",
                "Proposed\n\nAmends [2. Use event sourcing](../../../orders/docs/adr/0002-use-event-sourcing.md)",
            ),
        ),
        (
            format!("{ORD}/0001-record-architecture-decisions.md"),
            nygard(1, "Record architecture decisions", "2024-01-05", "Accepted"),
        ),
        (
            format!("{ORD}/0002-use-event-sourcing.md"),
            nygard(
                2,
                "Use event sourcing",
                "2024-01-20",
                "Accepted\n\nAmended by [3. Retry failed charges](../../../payments/docs/adr/0003-retry-failed-charges.md)",
            ),
        ),
        (
            format!("{ORD}/0003-keep-orders-for-seven-years.md"),
            nygard(3, "Keep orders for seven years", "2024-03-01", "Accepted"),
        ),
        (
            format!("{SEARCH}/0001-use-opensearch.md"),
            madr("Use OpenSearch", "2024-02-10", "accepted"),
        ),
        (
            format!("{SEARCH}/0002-index-nightly.md"),
            madr("Index nightly", "2024-02-20", "proposed"),
        ),
        ("README.md".into(), "# Shop\n".into()),
    ];
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let t = repo(&refs, true);
    let p = t
        .path()
        .join(format!("{ORD}/0003-keep-orders-for-seven-years.md"));
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replace("We Keep", "We keep")).expect("write");
    git(t.path(), &["commit", "-q", "-am", "Reword orders 3"]);
    t
}

const NOTE: &str = "note: using 3 ADR directories found by content, each a source: orders (services/orders/docs/adr), payments (services/payments/docs/adr), search (services/search/docs/decisions); pin them with `[[adr.sources]]` (a `name` and a `dir` each) in adrgov.toml\n";

#[test]
fn discovered_sources_are_named_listed_and_said_once() {
    let t = monorepo();
    let r = adrgov(t.path(), &["list"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, NOTE));
    assert_eq!(
        r.stdout,
        "ID             STATUS    DATE        TITLE\n\
orders/0001    accepted  2024-01-05  Record architecture decisions\n\
orders/0002    accepted  2024-01-20  Use event sourcing\n\
orders/0003    accepted  2024-03-01  Keep orders for seven years\n\
payments/0001  accepted  2024-01-10  Record architecture decisions\n\
payments/0002  accepted  2024-01-12  Use Stripe\n\
payments/0003  proposed  2024-02-01  Retry failed charges\n\
search/0001    accepted  2024-02-10  Use OpenSearch\n\
search/0002    proposed  2024-02-20  Index nightly\n"
    );
    let r = adrgov(t.path(), &["list", "--source", "search"]);
    assert_eq!(
        r.stdout,
        "ID           STATUS    DATE        TITLE\nsearch/0001  accepted  2024-02-10  Use OpenSearch\nsearch/0002  proposed  2024-02-20  Index nightly\n"
    );
    let r = adrgov(t.path(), &["list", "--source", "billing"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "{NOTE}error: no source named `billing`; the sources are orders (services/orders/docs/adr), payments (services/payments/docs/adr), search (services/search/docs/decisions)\n"
        )
    );
}

#[test]
fn list_json_has_the_source_of_every_adr() {
    let t = monorepo();
    let r = adrgov(
        t.path(),
        &[
            "list",
            "--format",
            "json",
            "--no-history",
            "--source",
            "payments",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let got: Vec<(String, String, String)> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["source"].as_str().expect("source").to_string(),
                a["relations"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "payments/0001".to_string(),
                "payments".to_string(),
                "[]".to_string()
            ),
            ("payments/0002".into(), "payments".into(), "[]".into()),
            (
                "payments/0003".into(),
                "payments".into(),
                r#"[{"kind":"amends","target":"orders/0002"}]"#.into()
            ),
        ]
    );
    // The whole object of one ADR, exactly: `source` right after `id`.
    let one = serde_json::to_string(&v[2]).expect("json");
    assert_eq!(
        one,
        r#"{"authors":[],"consulted":[],"created":null,"date":"2024-02-01","decision_makers":[],"format":"nygard","governs":[],"id":"payments/0003","informed":[],"number":3,"path":"services/payments/docs/adr/0003-retry-failed-charges.md","relations":[{"kind":"amends","target":"orders/0002"}],"source":"payments","status":"proposed","status_text":"Proposed","tags":[],"title":"Retry failed charges","updated":null}"#
    );
    assert!(
        r.stdout.contains(
            "  {\n    \"id\": \"payments/0001\",\n    \"source\": \"payments\",\n    \"number\": 1,"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn qualified_and_bare_ids() {
    let t = monorepo();
    let r = adrgov(t.path(), &["show", "payments/3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ADR payments/0003: Retry failed charges\n  status           proposed\n  date             2024-02-01\n  file             services/payments/docs/adr/0003-retry-failed-charges.md\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\n  amends           orders/0002 Use event sourcing\n"),
        "{}",
        r.stdout
    );
    let r = adrgov(t.path(), &["show", "3"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "{NOTE}error: `3` is ambiguous: 2 sources have an ADR numbered 3 (orders/0003, payments/0003); qualify it with its source, like `orders/0003`\n"
        )
    );
    // A name only one source has needs no qualifier.
    let r = adrgov(t.path(), &["show", "0002-index-nightly.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ADR search/0002: Index nightly\n"),
        "{}",
        r.stdout
    );
    let r = adrgov(t.path(), &["history", "search/2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ADR search/0002: Index nightly\n"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(r.stdout.ends_with("  created   proposed\n"), "{}", r.stdout);
    let r = adrgov(t.path(), &["accept", "payments/0003"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "{NOTE}services/payments/docs/adr/0003-retry-failed-charges.md: proposed → accepted\n"
        )
    );
    let r = adrgov(t.path(), &["accept", "orders/9"]);
    assert_eq!(
        r.stderr,
        format!(
            "{NOTE}error: no ADR numbered 9 in source `orders`; `adrgov list --source orders` shows its ADRs\n"
        )
    );
}

#[test]
fn new_needs_a_source_and_numbers_within_it() {
    let t = monorepo();
    let r = adrgov(t.path(), &["new", "Use Kafka"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "{NOTE}error: this repository has 3 ADR sources; say which with --source NAME: orders (services/orders/docs/adr), payments (services/payments/docs/adr), search (services/search/docs/decisions)\n"
        )
    );
    let r = adrgov(
        t.path(),
        &[
            "new",
            "--source",
            "orders",
            "--date",
            "2024-04-01",
            "Use Kafka",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "services/orders/docs/adr/0004-use-kafka.md\n"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("services/orders/docs/adr/0004-use-kafka.md"))
            .expect("read"),
        "# 4. Use Kafka\n\nDate: 2024-04-01\n\n## Status\n\nAccepted\n\n## Context\n\nThe issue motivating this decision, and any context that influences or constrains the decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.\n"
    );
    // The MADR source gets a MADR file, numbered within it.
    let r = adrgov(
        t.path(),
        &[
            "new",
            "--source",
            "SEARCH",
            "--date",
            "2024-04-02",
            "Use Kafka",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "services/search/docs/decisions/0003-use-kafka.md\n"),
        "{}",
        r.stderr
    );
    let r = adrgov(
        t.path(),
        &[
            "list",
            "--no-history",
            "--format",
            "json",
            "--source",
            "search",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        (
            v[2]["id"].as_str(),
            v[2]["format"].as_str(),
            v[2]["status"].as_str()
        ),
        (Some("search/0003"), Some("madr"), Some("proposed"))
    );
}

#[test]
fn check_runs_per_source_and_the_graph_crosses_them() {
    let t = monorepo();
    // 0003 in orders and in payments is no duplicate-number.
    let r = adrgov(t.path(), &["check", "--no-history"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "ok: 8 ADRs checked, no findings\n"),
        "{}",
        r.stderr
    );
    // Two 0003 in one source are.
    std::fs::write(
        t.path().join(format!("{PAY}/0003-second.md")),
        nygard(3, "Second", "2024-02-02", "Accepted"),
    )
    .expect("write");
    let r = adrgov(t.path(), &["check", "--no-history", "--source", "payments"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "error[duplicate-number]: services/payments/docs/adr/0003-retry-failed-charges.md: number 3 is also used by 0003-second.md\n  = hint: give one of them a free number: `adrgov renumber services/payments/docs/adr/0003-retry-failed-charges.md 4`\nerror[duplicate-number]: services/payments/docs/adr/0003-second.md: number 3 is also used by 0003-retry-failed-charges.md\n  = hint: give one of them a free number: `adrgov renumber services/payments/docs/adr/0003-second.md 4`\n2 errors, 0 warnings in 4 ADRs checked\n"
    );
    let r = adrgov(t.path(), &["check", "--no-history", "--source", "orders"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "ok: 3 ADRs checked, no findings\n")
    );
    std::fs::remove_file(t.path().join(format!("{PAY}/0003-second.md"))).expect("rm");

    let r = adrgov(t.path(), &["graph", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        v["edges"].to_string(),
        r#"[{"from":"payments/0003","kind":"amends","to":"orders/0002"}]"#
    );
    assert_eq!(v["dangling"].to_string(), "[]");
    assert_eq!(v["one_sided"].to_string(), "[]");
    let r = adrgov(
        t.path(),
        &["graph", "--format", "json", "--source", "payments"],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "orders/0002",
            "payments/0001",
            "payments/0002",
            "payments/0003"
        ]
    );
    assert_eq!(
        v["edges"].to_string(),
        r#"[{"from":"payments/0003","kind":"amends","to":"orders/0002"}]"#
    );
}

#[test]
fn configured_sources_and_their_errors() {
    let t = monorepo();
    std::fs::write(
        t.path().join("adrgov.toml"),
        "[[adr.sources]]\nname = \"pay\"\ndir = \"services/payments/docs/adr\"\n\n[[adr.sources]]\nname = \"ord\"\ndir = \"services/orders/docs/adr\"\n",
    )
    .expect("write");
    let r = adrgov(t.path(), &["list"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout,
        "ID        STATUS    DATE        TITLE\n\
ord/0001  accepted  2024-01-05  Record architecture decisions\n\
ord/0002  accepted  2024-01-20  Use event sourcing\n\
ord/0003  accepted  2024-03-01  Keep orders for seven years\n\
pay/0001  accepted  2024-01-10  Record architecture decisions\n\
pay/0002  accepted  2024-01-12  Use Stripe\n\
pay/0003  proposed  2024-02-01  Retry failed charges\n"
    );
    // Each configuration refused with its exact message (the file and the line named).
    let refused = |config: &str, message: &str| {
        std::fs::write(t.path().join("adrgov.toml"), config).expect("write");
        let r = adrgov(t.path(), &["list"]);
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            format!(
                "error: {}:5: key `adr.sources`: {message}\n",
                t.path().join("adrgov.toml").display()
            )
        );
    };
    refused(
        "[[adr.sources]]\nname = \"pay\"\ndir = \"services/payments/docs/adr\"\n\n[[adr.sources]]\nname = \"pay\"\ndir = \"services/orders/docs/adr\"\n",
        "two sources are named `pay`: services/payments/docs/adr (line 1) and services/orders/docs/adr (line 5); give each source its own name",
    );
    refused(
        "[[adr.sources]]\nname = \"pay\"\ndir = \"services/payments/docs/adr\"\n\n[[adr.sources]]\nname = \"old\"\ndir = \"services/legacy/adr\"\n",
        "the directory services/legacy/adr of source `old` does not exist",
    );
}

/// The monorepo fixture and its site, built.
fn built_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = monorepo();
    let out = t.path().join("site-out");
    let r = adrgov(
        t.path(),
        &["site", "build", "--out", out.to_str().expect("utf8")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (t, out)
}

/// The site of a multi-source repository: one page per ADR, and the decision log beside each
/// page lists its own source's decisions, newest first.
#[test]
fn the_site_log_beside_a_page_is_its_sources() {
    let (_t, out) = built_site();
    let mut pages: Vec<String> = std::fs::read_dir(out.join("adr"))
        .expect("adr pages")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 8, "{pages:?}");
    let page = pages
        .iter()
        .find(|p| p.starts_with("payments") && p.contains("0002"))
        .expect("payments/0002's page");
    let html = std::fs::read_to_string(out.join("adr").join(page)).expect("read");
    let log = &html[html.find("aria-label=\"Decision log\"").expect("a log")..];
    let log = &log[..log.find("</ol>").expect("the list")];
    let ids: Vec<&str> = log
        .split("<span class=\"num\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    // Tera writes the slash as an entity; a browser shows `payments/0003`.
    assert_eq!(
        ids,
        [
            "payments&#x2F;0003",
            "payments&#x2F;0002",
            "payments&#x2F;0001"
        ]
    );
    assert_eq!(log.matches("aria-current=\"page\"").count(), 1);
}

/// The index of a multi-source repository's site has a source facet with each source's count;
/// each row carries its source for the filter.
#[test]
fn the_site_index_has_a_source_facet() {
    let (_t, out) = built_site();
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    let facet = &index[index.find("<label>Source").expect("a source facet")..];
    let facet = &facet[..facet.find("</select>").expect("its options")];
    let options: Vec<&str> = facet
        .split("<option value=\"")
        .skip(2)
        .filter_map(|o| o.split('<').next())
        .collect();
    assert_eq!(
        options,
        [
            "orders\">orders (3)",
            "payments\">payments (3)",
            "search\">search (2)"
        ]
    );
    assert_eq!(index.matches("data-repository=\"payments\"").count(), 3);
}

/// The bars of the first chart of a dashboard page: (label, value).
fn status_bars(html: &str) -> Vec<(String, String)> {
    let svg = &html[html.find("<svg").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").expect("its end")];
    let labels = svg
        .split("class=\"l\">")
        .skip(1)
        .filter_map(|s| s.split('<').next());
    let values = svg
        .split("class=\"v\">")
        .skip(1)
        .filter_map(|s| s.split('<').next());
    labels
        .zip(values)
        .map(|(l, v)| (l.to_string(), v.to_string()))
        .collect()
}

/// Beside the overall dashboard, one per source, each counting its own decisions only.
#[test]
fn the_site_has_a_dashboard_per_source() {
    let (_t, out) = built_site();
    let all = std::fs::read_to_string(out.join("dashboard.html")).expect("dashboard");
    assert!(all.contains(
        "<a href=\"dashboard/orders.html\">orders</a> · <a href=\"dashboard/payments.html\">payments</a> · <a href=\"dashboard/search.html\">search</a>"
    ));
    let bar = |l: &str, v: &str| (l.to_string(), v.to_string());
    assert_eq!(
        status_bars(&all),
        [bar("accepted", "6"), bar("proposed", "2")]
    );
    let payments =
        std::fs::read_to_string(out.join("dashboard/payments.html")).expect("payments' dashboard");
    assert!(payments.contains("<h1>Governance dashboard: payments</h1>"));
    assert!(payments.contains("<a href=\"../dashboard.html\">All decisions' dashboard</a>"));
    assert_eq!(
        status_bars(&payments),
        [bar("accepted", "2"), bar("proposed", "1")]
    );
    let search = std::fs::read_to_string(out.join("dashboard/search.html")).expect("search's");
    assert_eq!(
        status_bars(&search),
        [bar("accepted", "1"), bar("proposed", "1")]
    );
}

/// The rows of an index-like page: each `data-id` (Tera writes `/` as `&#x2F;`, undone here)
/// with its link.
pub(crate) fn rows(html: &str) -> Vec<(String, String)> {
    html.split("<tr data-id=\"")
        .skip(1)
        .map(|r| {
            let id = r.split('"').next().unwrap_or("").replace("&#x2F;", "/");
            let href = r
                .split("<a class=\"t\" href=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
                .unwrap_or("");
            (id, href.to_string())
        })
        .collect()
}

/// The boxes of a graph drawing: (title, link).
pub(crate) fn nodes(html: &str) -> Vec<(String, String)> {
    html.split("<a href=\"")
        .skip(1)
        .filter(|n| {
            n.split('>')
                .next()
                .is_some_and(|t| t.contains("class=\"node "))
        })
        .map(|n| {
            let href = n.split('"').next().unwrap_or("");
            let title = n
                .split("<title>")
                .nth(1)
                .and_then(|t| t.split("</title>").next())
                .unwrap_or("");
            (title.replace("&#x2F;", "/"), href.to_string())
        })
        .collect()
}

/// The options of the `<select id="…">` of a page.
pub(crate) fn options(html: &str, id: &str) -> Vec<String> {
    let Some(at) = html.find(&format!("<select id=\"{id}\">")) else {
        return Vec::new();
    };
    let sel = &html[at..];
    let sel = &sel[..sel.find("</select>").expect("its end")];
    sel.split("<option value=\"")
        .skip(2)
        .filter_map(|o| o.split('"').next())
        .map(str::to_string)
        .collect()
}

pub(crate) fn s(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Beside the index, a page per source listing its decisions only, with its own filters, and
/// a graph per source (its decisions, and those of other sources they are related to);
/// linked from the index, the graph, the dashboards and each ADR page; no broken link.
#[test]
fn the_site_has_a_page_and_a_graph_per_source() {
    let (_t, out) = built_site();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
    let index = read("index.html");
    assert!(index.contains(
        "<nav class=\"scopes\" aria-label=\"Each source\"><p>Each source on its own:\n<a href=\"decisions/orders.html\">orders</a> (<a href=\"graph/orders.html\">graph</a>) · <a href=\"decisions/payments.html\">payments</a> (<a href=\"graph/payments.html\">graph</a>) · <a href=\"decisions/search.html\">search</a> (<a href=\"graph/search.html\">graph</a>)</p></nav>\n"
    ), "{index}");
    let payments = read("decisions/payments.html");
    assert_eq!(
        rows(&payments),
        s(&[
            ("payments/0001", "../adr/payments_0001.html"),
            ("payments/0002", "../adr/payments_0002.html"),
            ("payments/0003", "../adr/payments_0003.html"),
        ])
    );
    assert!(
        payments.contains("<title>payments · Architecture decisions</title>"),
        "{payments}"
    );
    assert!(payments.contains(
        "<nav class=\"crumbs\"><a href=\"../index.html\">All decisions</a></nav>\n<h1>Decisions of payments</h1>\n<p class=\"scope-links\">Source payments: its <a href=\"../graph/payments.html\">graph</a> · its <a href=\"../dashboard/payments.html\">dashboard</a></p>\n"
    ));
    assert!(payments.contains("data-index=\"../assets/search-index.js\""));
    // Its own filters: the statuses its decisions have, no source facet.
    assert_eq!(options(&payments, "status"), ["accepted", "proposed"]);
    assert_eq!(options(&payments, "repository"), Vec::<String>::new());
    let search = read("decisions/search.html");
    assert_eq!(
        rows(&search),
        s(&[
            ("search/0001", "../adr/search_0001.html"),
            ("search/0002", "../adr/search_0002.html"),
        ])
    );
    // The graph of payments: its three decisions and orders/0002, which payments/0003 amends.
    let graph = read("graph/payments.html");
    let mut drawn = nodes(&graph);
    drawn.sort();
    assert_eq!(
        drawn,
        s(&[
            (
                "orders/0002 Use event sourcing (accepted)",
                "../adr/orders_0002.html"
            ),
            (
                "payments/0001 Record architecture decisions (accepted)",
                "../adr/payments_0001.html"
            ),
            (
                "payments/0002 Use Stripe (accepted)",
                "../adr/payments_0002.html"
            ),
            (
                "payments/0003 Retry failed charges (proposed)",
                "../adr/payments_0003.html"
            ),
        ])
    );
    assert!(graph.contains("<h1>Decision graph: payments</h1>"));
    assert!(graph.contains(
        "<p class=\"lead\">1 of 3 decisions are related to another; they come first, older decisions left of the ones that supersede or amend them, and the unrelated ones follow. The 1 decision elsewhere they are related to is drawn too."
    ), "{graph}");
    assert_eq!(nodes(&read("graph/search.html")).len(), 2);
    assert!(read("graph.html").contains(
        "<a href=\"graph/orders.html\">orders</a> · <a href=\"graph/payments.html\">payments</a> · <a href=\"graph/search.html\">search</a>"
    ));
    assert!(read("dashboard/payments.html").contains(
        "<p class=\"scope-links\">payments: its <a href=\"../decisions/payments.html\">decisions</a> · its <a href=\"../graph/payments.html\">graph</a></p>"
    ));
    // Each ADR page links its source's pages, in the crumbs and in the log.
    let adr = read("adr/payments_0002.html");
    assert!(adr.contains(
        "<nav class=\"crumbs\"><a href=\"../index.html\">All decisions</a> › <a href=\"../decisions/payments.html\">payments</a></nav>"
    ));
    assert!(adr.contains(
        "<p class=\"log-scope\"><a href=\"../decisions/payments.html\">payments</a>: its <a href=\"../graph/payments.html\">graph</a> · <a href=\"../dashboard/payments.html\">dashboard</a></p>\n"
    ));
    let links = crate::linkcheck::check(&crate::support::snapshot_dir(&out));
    assert_eq!(links.broken, Vec::<String>::new());
    assert_eq!(links.requests, Vec::<String>::new());
}
