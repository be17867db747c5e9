use super::*;

fn files(paths: &[&str]) -> Vec<RepoPath> {
    let mut v: Vec<RepoPath> = paths
        .iter()
        .map(|p| RepoPath::new((*p).to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn candidates_are_the_path_and_what_lies_under_it() {
    let fs = files(&[
        "src",
        "src-old/a",
        "src.rs",
        "src/a.rs",
        "src/b/c.rs",
        "srcx/d",
    ]);
    let got: Vec<&str> = fs[candidates("src", &fs)]
        .iter()
        .map(|f| f.as_str())
        .collect();
    // The range holds them (and neighbours that sort between, which callers filter).
    assert_eq!(
        got,
        ["src", "src-old/a", "src.rs", "src/a.rs", "src/b/c.rs"]
    );
    assert_eq!(candidates("", &fs), 0..6);
}

#[test]
fn url_paths_are_percent_encoded() {
    assert_eq!(url_path("docs/a b#c?.md"), "docs/a%20b%23c%3F.md");
    assert_eq!(url_path("été/x"), "%C3%A9t%C3%A9/x");
}

/// The tree of `anchors`, each rule shown as `[k]`.
fn tree_html(anchors: &[(&str, bool, &[usize])]) -> String {
    let anchors: BTreeMap<String, (bool, Vec<usize>)> = anchors
        .iter()
        .map(|(p, dir, rules)| ((*p).to_string(), (*dir, rules.to_vec())))
        .collect();
    Tree::of(&anchors).html(&|rules| {
        let names: Vec<String> = rules.iter().map(|k| format!("[{k}]")).collect();
        (format!("{}\n", names.join(" ")), rules.len())
    })
}

#[test]
fn the_tree_leads_to_each_governed_path_directories_first_single_child_chains_joined() {
    let html = tree_html(&[
        ("", true, &[0]),
        ("b.txt", false, &[1]),
        ("a/x/y/c.rs", false, &[2]),
        ("a/x/y/d", true, &[3, 4]),
        ("a/z", true, &[5]),
    ]);
    assert_eq!(
        html,
        "<li class=\"dir root\"><code>./</code> <span class=\"count\">the whole repository</span>\n[0]\n</li>
<li class=\"dir\"><details open><summary><code>a/</code></summary>
<ul>
<li class=\"dir\"><details><summary><code>x/y/</code></summary>
<ul>
<li class=\"dir\"><code>d/</code>
[3] [4]
</li>
<li class=\"file\"><code>c.rs</code>
[2]
</li>
</ul></details></li>
<li class=\"dir\"><code>z/</code>
[5]
</li>
</ul></details></li>
<li class=\"file\"><code>b.txt</code>
[1]
</li>
"
    );
}

#[test]
fn a_directory_lists_at_most_per_dir_entries_and_the_map_at_most_its_budget() {
    let names: Vec<String> = (0..PER_DIR + 3).map(|k| format!("m/f{k:03}")).collect();
    let anchors: Vec<(&str, bool, &[usize])> = names
        .iter()
        .map(|n| (n.as_str(), false, &[0][..]))
        .collect();
    let html = tree_html(&anchors);
    assert_eq!(html.matches("<li class=\"file\">").count(), PER_DIR);
    assert!(html.contains("<code>f049</code>") && !html.contains("<code>f050</code>"));
    assert!(html.ends_with("<li class=\"more\">and 3 more</li>\n</ul></details></li>\n"));
    // Across directories, the whole map stops at its budget, level by level: the top level
    // whole (but the 51st directory), then the files of the first directories.
    let names: Vec<String> = (0..PER_DIR + 1)
        .flat_map(|d| (0..40).map(move |k| format!("d{d:03}/f{k:02}")))
        .collect();
    let anchors: Vec<(&str, bool, &[usize])> = names
        .iter()
        .map(|n| (n.as_str(), false, &[0][..]))
        .collect();
    let html = tree_html(&anchors);
    let shown =
        html.matches("<li class=\"file\">").count() + html.matches("<li class=\"dir\">").count();
    assert_eq!(shown, BUDGET);
    assert_eq!(html.matches("<li class=\"dir\">").count(), PER_DIR);
    // 950 files: 23 directories whole, 30 of the 24th; the others list none.
    assert!(html.contains("<code>f29</code>\n[0]\n</li>\n<li class=\"more\">and 10 more</li>\n"));
    assert_eq!(
        html.matches("<li class=\"more\">and 40 more</li>").count(),
        PER_DIR - 24
    );
    assert!(html.ends_with("<li class=\"more\">and 1 more</li>\n"));
}
