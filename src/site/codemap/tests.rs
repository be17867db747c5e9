use super::*;

fn files(paths: &[&str]) -> Vec<RepoPath> {
    let mut v: Vec<RepoPath> = paths.iter().map(|p| RepoPath::new((*p).to_string())).collect();
    v.sort();
    v
}

#[test]
fn candidates_are_the_path_and_what_lies_under_it() {
    let fs = files(&["src", "src-old/a", "src.rs", "src/a.rs", "src/b/c.rs", "srcx/d"]);
    let got: Vec<&str> = fs[candidates("src", &fs)].iter().map(|f| f.as_str()).collect();
    // The range holds them (and neighbours that sort between, which callers filter).
    assert_eq!(got, ["src", "src-old/a", "src.rs", "src/a.rs", "src/b/c.rs"]);
    assert_eq!(candidates("", &fs), 0..6);
}

#[test]
fn url_paths_are_percent_encoded() {
    assert_eq!(url_path("docs/a b#c?.md"), "docs/a%20b%23c%3F.md");
    assert_eq!(url_path("été/x"), "%C3%A9t%C3%A9/x");
}
