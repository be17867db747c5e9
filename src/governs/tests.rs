use super::*;

fn rule(glob: &str) -> Rule {
    Rule {
        index: 0,
        glob: glob.into(),
        line: 1,
        matchers: compile(glob).expect("compiles"),
    }
}

#[test]
fn star_stays_in_a_directory_and_double_star_crosses() {
    let r = rule("migrations/orders_*.sql");
    assert!(r.governs("migrations/orders_1.sql"));
    assert!(!r.governs("migrations/old/orders_1.sql"));
    assert!(!r.governs("migrations/users_1.sql"));
    let r = rule("services/**/db/*.sql");
    assert!(r.governs("services/db/a.sql"));
    assert!(r.governs("services/orders/eu/db/a.sql"));
    assert!(!r.governs("services/orders/db/x/a.sql"));
    let r = rule("src/{api,web}/*.rs");
    assert!(r.governs("src/web/main.rs"));
    assert!(!r.governs("src/cli/main.rs"));
}

#[test]
fn a_literal_path_or_a_trailing_slash_governs_the_directory_under_it() {
    for g in [
        "services/orders",
        "services/orders/",
        "/services/orders",
        "./services/orders/",
    ] {
        let r = rule(g);
        assert!(r.governs("services/orders"), "{g}");
        assert!(r.governs("services/orders/db/schema.sql"), "{g}");
        assert!(!r.governs("services/orders2/db/schema.sql"), "{g}");
        assert!(!r.governs("services"), "{g}");
        assert_eq!(r.base_dir(), "services/orders", "{g}");
    }
    let r = rule("docs/runbook.md");
    assert!(r.governs("docs/runbook.md"));
    assert!(!r.governs("docs/runbook.md.bak"));
}

#[test]
fn the_literal_start_of_a_glob_is_where_its_files_lie() {
    assert_eq!(
        rule("services/orders/db/**").base_dir(),
        "services/orders/db"
    );
    assert_eq!(rule("migrations/orders_*.sql").base_dir(), "migrations");
    assert_eq!(rule("**/*.proto").base_dir(), "");
    assert_eq!(rule("*.md").base_dir(), "");
}

#[test]
fn a_bad_glob_is_an_error_not_a_panic() {
    assert_eq!(
        compile("src/[abc.rs").err(),
        Some("unclosed character class; missing ']'".to_string())
    );
    assert_eq!(
        compile(" / ").err(),
        Some("an empty glob governs nothing".to_string())
    );
}

#[test]
fn files_under_a_directory_are_found_in_the_sorted_list() {
    let files: Vec<RepoPath> = ["a/x", "b/c/d", "b/e", "b0/f", "c"]
        .into_iter()
        .map(RepoPath::new)
        .collect();
    let under: Vec<&str> = files_under("b", &files)
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(under, vec!["b/c/d", "b/e"]);
    assert_eq!(files_under("", &files).len(), 5);
    assert!(files_under("c", &files).is_empty());
}
