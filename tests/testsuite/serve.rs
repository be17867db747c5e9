//! `adrgov site serve`: serves the site on 127.0.0.1 from memory, rebuilds on change and tells
//! open pages (server-sent events) which files changed.

use crate::support::*;
use std::io::{BufRead, Write};
use std::time::Duration;

#[test]
fn serve_rebuilds_on_change_and_notifies_pages() {
    let (_t, dir) = clone_corpus("govuk-aws");
    let server = Server::start(&dir);
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    let (code, index) = server.get("/");
    assert_eq!(code, 200);
    assert!(index.contains("<a class=\"t\" href=\"adr/0015.html\">DNS infrastructure</a>"));
    assert!(index.contains("<script src=\"/__adrgov/live.js\"></script>\n</body>"));
    assert_eq!(server.get("/adr/0015.html").0, 200);
    assert_eq!(server.get("/assets/style.css").0, 200);
    assert_eq!(server.get("/nothing-here.html").0, 404);
    // Nothing was written into the repository.
    assert!(!dir.join("target").exists());

    // Listen for changes, then edit an ADR.
    let mut events = subscribe(&server);
    // The text, not the title: a title is also in the decision log beside every ADR page.
    let p = dir.join("docs/architecture/decisions/0015-dns-infrastructure.md");
    let before = read(&p);
    let text = before.replace(
        "in the root domains manually.",
        "in the root domains manually, revised.",
    );
    assert_ne!(text, before);
    std::fs::write(&p, text).expect("write");
    let changed = next_change(&mut events);
    assert!(
        changed.contains(&"adr/0015.html".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&"assets/search-index.js".to_string()),
        "{changed:?}"
    );
    for same in ["index.html", "adr/0020.html"] {
        assert!(!changed.contains(&same.to_string()), "{changed:?}");
    }
    let (_, page) = server.get("/adr/0015.html");
    assert!(
        page.contains("in the root domains manually, revised.</p>"),
        "{page}"
    );
    let log = server
        .log
        .recv_timeout(Duration::from_secs(10))
        .expect("a log line");
    assert!(log.starts_with("rebuilt in "), "{log}");
}

/// A port already in use is an error naming the address (exit code 2), not a usage error
/// message of another kind; nothing is served.
#[test]
fn serve_on_a_taken_port_says_so() {
    let t = repo(
        &[(
            "doc/adr/0001-a.md",
            "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
        )],
        false,
    );
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let r = adrgov(
        t.path(),
        &["site", "serve", "--no-history", "--port", &port.to_string()],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr.lines().last(),
        Some(
            format!(
                "error: cannot listen on 127.0.0.1:{port}: Address already in use (os error 98)"
            )
            .as_str()
        ),
        "{}",
        r.stderr
    );
}

type Events = std::io::BufReader<std::net::TcpStream>;

/// Listens for the server's change events (the response headers read, so the subscription
/// exists before any edit that follows).
fn subscribe(server: &Server) -> Events {
    let hostport = server.base.trim_start_matches("http://").to_string();
    let mut sse = std::net::TcpStream::connect(&hostport).expect("connect");
    write!(
        sse,
        "GET /__adrgov/events HTTP/1.1\r\nHost: {hostport}\r\n\r\n"
    )
    .expect("send");
    sse.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut events = std::io::BufReader::new(sse);
    let mut line = String::new();
    while events.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    events
}

/// The files the next change event names (within a minute).
fn next_change(events: &mut Events) -> Vec<String> {
    let mut data = String::new();
    let mut line = String::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        line.clear();
        if events.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(d) = line.strip_prefix("data: ") {
            data = d.trim().to_string();
            break;
        }
    }
    serde_json::from_str(&data).expect("a change event")
}

/// `site serve` of a central site (`[[site.repositories]]`) serves what `site build` builds:
/// the pages of every listed repository, local or exported; an edit in a listed local
/// repository rebuilds it.
#[test]
fn serve_builds_the_central_site_and_watches_its_repositories() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let central = crate::central::platform_and_payments(tmp.path());
    let server = Server::start(&central);
    let (code, index) = server.get("/");
    assert_eq!(code, 200);
    assert_eq!(
        crate::sources::rows(&index),
        crate::sources::s(&[
            ("payments/0001", "adr/payments_0001.html"),
            ("payments/0002", "adr/payments_0002.html"),
            ("platform/0001", "adr/platform_0001.html"),
            ("platform/0002", "adr/platform_0002.html"),
        ])
    );
    // A page of the repository read from its export, and one read from its working tree.
    let (code, page) = server.get("/adr/payments_0002.html");
    assert_eq!(code, 200);
    assert!(page.contains("<h1>Use PostgreSQL</h1>"), "{page}");
    let (code, page) = server.get("/decisions/platform.html");
    assert_eq!(code, 200);
    assert_eq!(
        crate::sources::rows(&page),
        crate::sources::s(&[
            ("platform/0001", "../adr/platform_0001.html"),
            ("platform/0002", "../adr/platform_0002.html"),
        ])
    );
    // Nothing was written into the central directory.
    assert!(!central.join("target").exists());
    let mut events = subscribe(&server);
    let p = tmp.path().join("platform/docs/adr/0002-use-kafka.md");
    let text = read(&p).replace("## Context\n\nc\n", "## Context\n\nEvents, at last.\n");
    std::fs::write(&p, text).expect("write");
    let changed = next_change(&mut events);
    assert!(
        changed.contains(&"adr/platform_0002.html".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"adr/payments_0001.html".to_string()),
        "{changed:?}"
    );
    let (_, page) = server.get("/adr/platform_0002.html");
    assert!(page.contains("<p>Events, at last.</p>"), "{page}");
}
