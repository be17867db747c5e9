//! The site's view of decisions that govern code: the Governs block of ADR pages (with and
//! without `[site] repo-url`), the Code map page (tree, decisions, drifted globs, empty state,
//! central site), and no broken link.

use crate::support::*;
use std::path::Path;

/// MADR, one glob as a front-matter string: a literal file.
const README: &str = "---\nstatus: accepted\ndate: 2024-01-01\ngoverns: README.md\n---\n# Keep a README\n\nEvery repository has one.\n";
/// Nygard, a `## Governs` section: a directory with a trailing slash, a glob crossing
/// directories from the root, and one that is not a glob.
const GO: &str = "# 6. Write services in Go\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Governs\n\n- `docs/`\n- **/*.go\n- `src/[`\n\n## Context\n\nOne language.\n";

/// The governs fixture (`support::governs_fixture`) with two more decisions and the files
/// they govern; an untracked file under a governed directory too.
fn fixture() -> tempfile::TempDir {
    let (t, _) = governs_fixture();
    let p = t.path();
    for (f, text) in [
        ("doc/adr/0005-keep-a-readme.md", README),
        ("doc/adr/0006-write-services-in-go.md", GO),
        ("docs/guide.md", "# Guide\n"),
        ("main.go", "package main\n"),
    ] {
        let f = p.join(f);
        std::fs::create_dir_all(f.parent().expect("parent")).expect("mkdir");
        std::fs::write(f, text).expect("write");
    }
    commit_at(
        p,
        "2024-04-01",
        "Govern the README, the docs and the Go code",
    );
    std::fs::write(p.join("services/orders/db/untracked.sql"), "x\n").expect("write");
    t
}

fn build(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("target/site");
    let r = adrgov(
        dir,
        &["site", "build", "--out", out.to_str().expect("utf8")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

/// The `<dd>` of the Governs block of an ADR page.
fn governs_block(page: &str) -> &str {
    let from = page.find("<dt>Governs</dt><dd>").expect("a Governs block");
    let rest = &page[from + "<dt>Governs</dt><dd>".len()..];
    &rest[..rest.find("</dd>").expect("</dd>")]
}

/// The page's `<main>`.
fn main_of(page: &str) -> &str {
    let from = page.find("<main id=\"main\">").expect("main");
    &page[from..page.find("</main>").expect("</main>")]
}

#[test]
fn adr_pages_list_their_globs_and_the_tracked_files_each_matches() {
    let t = fixture();
    let out = build(t.path());
    let block = |n: &str| governs_block(&read(out.join(format!("adr/{n}.html")))).to_string();
    // Without `repo-url`, no link; files as they are tracked (the untracked one is not).
    assert_eq!(
        block("0003"),
        "<ul class=\"governs\">
<li><code>services/orders/db/**</code> — 1 file: <code>services/orders/db/schema.sql</code></li>
<li><code>migrations/orders_*.sql</code> — 1 file: <code>migrations/orders_001.sql</code></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
    assert_eq!(
        block("0002"),
        "<ul class=\"governs\">
<li><code>services/orders/**</code> — 2 files: <code>services/orders/api/handler.go</code>, <code>services/orders/db/schema.sql</code></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
    assert_eq!(
        block("0004"),
        "<ul class=\"governs\">
<li><code>services/billing/legacy/**</code> — <span class=\"drift\">matches no tracked file</span></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
    assert_eq!(
        block("0006"),
        "<ul class=\"governs\">
<li><code>docs/</code> — 1 file: <code>docs/guide.md</code></li>
<li><code>**/*.go</code> — 2 files: <code>main.go</code>, <code>services/orders/api/handler.go</code></li>
<li><code>src/[</code> — <span class=\"drift\">not a valid glob (unclosed character class; missing &#39;]&#39;); it governs nothing</span></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
    // A decision that governs nothing has no block.
    assert!(!read(out.join("adr/0001.html")).contains("<dt>Governs</dt>"));

    // With `repo-url`: each glob links to its literal directory (a literal path to itself)
    // when it exists, and each file to itself; a glob from the root or of gone code does not.
    std::fs::write(
        t.path().join("adrgov.toml"),
        "[site]\nrepo-url = \"https://git.example/shop/blob/main/\"\n",
    )
    .expect("write");
    let out = build(t.path());
    let block = |n: &str| governs_block(&read(out.join(format!("adr/{n}.html")))).to_string();
    let u = "https://git.example/shop/blob/main";
    assert_eq!(
        block("0003"),
        format!(
            "<ul class=\"governs\">
<li><a href=\"{u}/services/orders/db\"><code>services/orders/db/**</code></a> — 1 file: <a href=\"{u}/services/orders/db/schema.sql\"><code>services/orders/db/schema.sql</code></a></li>
<li><a href=\"{u}/migrations\"><code>migrations/orders_*.sql</code></a> — 1 file: <a href=\"{u}/migrations/orders_001.sql\"><code>migrations/orders_001.sql</code></a></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
        )
    );
    assert_eq!(
        block("0005"),
        format!(
            "<ul class=\"governs\">
<li><a href=\"{u}/README.md\"><code>README.md</code></a> — 1 file: <a href=\"{u}/README.md\"><code>README.md</code></a></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
        )
    );
    assert_eq!(
        block("0006"),
        format!(
            "<ul class=\"governs\">
<li><a href=\"{u}/docs\"><code>docs/</code></a> — 1 file: <a href=\"{u}/docs/guide.md\"><code>docs/guide.md</code></a></li>
<li><code>**/*.go</code> — 2 files: <a href=\"{u}/main.go\"><code>main.go</code></a>, <a href=\"{u}/services/orders/api/handler.go\"><code>services/orders/api/handler.go</code></a></li>
<li><code>src/[</code> — <span class=\"drift\">not a valid glob (unclosed character class; missing &#39;]&#39;); it governs nothing</span></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
        )
    );
    assert_eq!(
        block("0004"),
        "<ul class=\"governs\">
<li><code>services/billing/legacy/**</code> — <span class=\"drift\">matches no tracked file</span></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
}

/// One decision of the code map.
fn d(id: &str, title: &str, status: &str, glob: &str) -> String {
    format!(
        "<a href=\"adr/{id}.html\">{id} {title}</a> <span class=\"badge s-{status}\">{status}</span> <code class=\"glob\">{glob}</code>"
    )
}

#[test]
fn the_code_map_shows_the_tree_down_to_each_governed_path_and_the_drifted_globs() {
    let t = fixture();
    let out = build(t.path());
    let page = read(out.join("codemap.html"));
    let go = |glob: &str| d("0006", "Write services in Go", "accepted", glob);
    let pg = |glob: &str| d("0003", "Use PostgreSQL for orders", "accepted", glob);
    // 0002 is superseded: the decision in force is named in its place.
    let mysql = "<a href=\"adr/0002.html\">0002 Use MySQL for orders</a> <span class=\"badge s-superseded\">superseded</span> in force: <a href=\"adr/0003.html\">0003 Use PostgreSQL for orders</a> <span class=\"badge s-accepted\">accepted</span> <code class=\"glob\">services/orders/**</code>";
    let readme = d("0005", "Keep a README", "accepted", "README.md");
    let expected = format!(
        "<main id=\"main\">

<h1>Code map</h1>
<p class=\"lead\">The repository's directories down to the paths decisions govern (6 of 12 tracked files), with the decisions on each: in force first, a superseded decision with the decision in force in its place. <code>adrgov why PATH</code> answers the same for one path.</p>
<ul class=\"codemap\">
<li class=\"dir\"><code>docs/</code>
<ul class=\"decisions\">
<li>{docs}</li>
</ul>
</li>
<li class=\"dir\"><details open><summary><code>migrations/</code></summary>
<ul>
<li class=\"file\"><code>orders_001.sql</code>
<ul class=\"decisions\">
<li>{migrations}</li>
</ul>
</li>
</ul></details></li>
<li class=\"dir\"><details open><summary><code>services/orders/</code> <span class=\"count\">1 decision</span></summary>
<ul class=\"decisions\">
<li>{mysql}</li>
</ul>
<ul>
<li class=\"dir\"><details><summary><code>api/</code></summary>
<ul>
<li class=\"file\"><code>handler.go</code>
<ul class=\"decisions\">
<li>{gofiles}</li>
</ul>
</li>
</ul></details></li>
<li class=\"dir\"><code>db/</code>
<ul class=\"decisions\">
<li>{db}</li>
</ul>
</li>
</ul></details></li>
<li class=\"file\"><code>README.md</code>
<ul class=\"decisions\">
<li>{readme}</li>
</ul>
</li>
<li class=\"file\"><code>main.go</code>
<ul class=\"decisions\">
<li>{gofiles}</li>
</ul>
</li>
</ul>

<section class=\"drifted\" aria-labelledby=\"drifted\">
<h2 id=\"drifted\">Drifted</h2>
<p>Globs of decisions in effect that match no tracked file (the code moved or is gone), and globs that are not valid:</p>
<ul>
<li>{billing} — matches no tracked file</li>
<li>{bad} — not a valid glob (unclosed character class; missing &#39;]&#39;)</li>
</ul>

</section>


",
        docs = go("docs/"),
        migrations = pg("migrations/orders_*.sql"),
        gofiles = go("**/*.go"),
        db = pg("services/orders/db/**"),
        billing = d("0004", "Keep legacy billing", "accepted", "services/billing/legacy/**"),
        bad = go("src/["),
    );
    assert_eq!(main_of(&page), expected);
    // Every page has it in its navigation.
    for p in [
        "index.html",
        "graph.html",
        "adr/0003.html",
        "tags/index.html",
    ] {
        let root = if p.contains('/') { "../" } else { "" };
        assert!(
            read(out.join(p)).contains(&format!(
                "<a href=\"{root}codemap.html\">Code map</a>\n  </nav>"
            )),
            "{p}"
        );
    }
    // Every link resolves, and nothing comes from another host.
    let r = crate::linkcheck::check(&snapshot_dir(&out));
    assert_eq!(
        (r.broken, r.requests),
        (Vec::<String>::new(), Vec::<String>::new())
    );
    assert!(r.checked > 0);
    // The same input, the same bytes.
    let again = t.path().join("target/site-again");
    let r = adrgov(
        t.path(),
        &["site", "build", "--out", again.to_str().expect("utf8")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(again.join("codemap.html")), page);
}

#[test]
fn without_governs_the_code_map_says_how_to_add_one() {
    let t = repo(
        &[("doc/adr/0001-record-architecture-decisions.md", RECORD)],
        true,
    );
    let out = build(t.path());
    assert_eq!(
        main_of(&read(out.join("codemap.html"))),
        "<main id=\"main\">

<h1>Code map</h1>
<p class=\"lead\">No decision governs code yet. A decision names the paths it is about with <code>governs</code> globs, relative to the repository root; the code map then shows them in the repository's tree.</p>
<pre><code>adrgov govern N 'src/**'
adrgov new \"Use PostgreSQL for orders\" --governs 'services/orders/db/**'</code></pre>
<p>Or write them in the decision: <code>governs: [\"src/**\"]</code> in MADR front matter, or a <code>## Governs</code> section with one glob per bullet.</p>


"
    );
    let r = crate::linkcheck::check(&snapshot_dir(&out));
    assert_eq!(r.broken, Vec::<String>::new());
}

#[test]
fn a_central_site_lists_the_globs_without_a_tree() {
    let t = fixture();
    let central = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        central.path().join("adrgov.toml"),
        format!(
            "[site]\ntitle = \"All decisions\"\n\n[[site.repositories]]\npath = \"{}\"\nname = \"shop\"\n",
            t.path().display()
        ),
    )
    .expect("write");
    let r = adrgov(central.path(), &["site", "build", "--out", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = central.path().join("site");
    assert!(main_of(&read(out.join("codemap.html"))).contains(
        "<p class=\"lead\">A central site does not know its repositories' files: each decision's page lists the globs it governs, and each repository's own site (<code>adrgov site build</code> in it) draws its code map.</p>"
    ));
    assert_eq!(
        governs_block(&read(out.join("adr/shop_0003.html"))),
        "<ul class=\"governs\">
<li><code>services/orders/db/**</code></li>
<li><code>migrations/orders_*.sql</code></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
    );
    let r = crate::linkcheck::check(&snapshot_dir(&out));
    assert_eq!(r.broken, Vec::<String>::new());
}

#[test]
fn without_git_every_file_counts_but_the_site_built_inside() {
    let t = repo(
        &[
            ("doc/adr/0001-keep-a-readme.md", README),
            ("README.md", "# Shop\n"),
        ],
        false,
    );
    // Built twice into the default `target/adr-site`: the second build sees the first one's
    // files on disk, and leaves them out.
    let lead = "<p class=\"lead\">The repository's directories down to the paths decisions govern (1 of 2 tracked files)";
    let mut pages = Vec::new();
    for _ in 0..2 {
        let r = adrgov(t.path(), &["site", "build"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let page = read(t.path().join("target/adr-site/codemap.html"));
        assert!(page.contains(lead), "{page}");
        pages.push(page);
    }
    assert_eq!(pages[0], pages[1]);
}

#[test]
fn odd_and_hostile_paths_are_escaped_and_percent_encoded() {
    let adr = "---\nstatus: accepted\ngoverns: [\"docs/my guide#1.md\", \"<img src=x onerror=alert(1)>/**\"]\n---\n# Odd paths\n\nx\n";
    let t = repo(
        &[
            ("doc/adr/0001-odd-paths.md", adr),
            ("docs/my guide#1.md", "# Guide\n"),
            (
                "adrgov.toml",
                "[site]\nrepo-url = \"https://git.example/shop/blob/main\"\n",
            ),
        ],
        true,
    );
    let out = build(t.path());
    let u = "https://git.example/shop/blob/main";
    assert_eq!(
        governs_block(&read(out.join("adr/0001.html"))),
        format!(
            "<ul class=\"governs\">
<li><a href=\"{u}/docs/my%20guide%231.md\"><code>docs/my guide#1.md</code></a> — 1 file: <a href=\"{u}/docs/my%20guide%231.md\"><code>docs/my guide#1.md</code></a></li>
<li><code>&lt;img src=x onerror=alert(1)&gt;/**</code> — <span class=\"drift\">matches no tracked file</span></li>
</ul>
<a class=\"map\" href=\"../codemap.html\">Code map</a>"
        )
    );
    let map = read(out.join("codemap.html"));
    assert!(map.contains("<li class=\"dir\"><details open><summary><code>docs/</code></summary>\n<ul>\n<li class=\"file\"><code>my guide#1.md</code>\n"));
    assert!(map.contains("<code class=\"glob\">&lt;img src=x onerror=alert(1)&gt;/**</code> — matches no tracked file</li>"));
    assert!(!map.contains("<img"));
}
