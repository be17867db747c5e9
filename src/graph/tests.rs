use super::*;
use crate::repo::Workspace;

fn loaded(files: &[(&str, &str)]) -> (tempfile::TempDir, Loaded, Vocab) {
    let t = tempfile::tempdir().expect("tempdir");
    for (n, c) in files {
        let p = t.path().join("doc/adr").join(n);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, c).expect("write");
    }
    let ws = Workspace::discover(t.path()).expect("ws");
    let l = ws.load().expect("load");
    (t, l, ws.vocab.clone())
}

#[test]
fn in_force_cycles_dangling_one_sided() {
    let (_t, l, v) = loaded(&[
        (
            "0001-a.md",
            "# 1. A\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n",
        ),
        (
            "0002-b.md",
            "# 2. B\n\n## Status\n\nSuperseded by [3. C](0003-c.md)\n\nSupersedes [1. A](0001-a.md)\n",
        ),
        (
            "0003-c.md",
            "# 3. C\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n\nAmends [9. Gone](0009-gone.md)\n",
        ),
        (
            "0004-d.md",
            "# 4. D\n\n## Status\n\nSuperseded by [5. E](0005-e.md)\n\nSupersedes [5. E](0005-e.md)\n",
        ),
        (
            "0005-e.md",
            "# 5. E\n\n## Status\n\nSuperseded by [4. D](0004-d.md)\n\nSupersedes [4. D](0004-d.md)\n",
        ),
        (
            "0006-f.md",
            "# 6. F\n\n## Status\n\nAccepted\n\nAmends [3. C](0003-c.md)\n",
        ),
    ]);
    let g = Graph::build(&l, &v);
    assert_eq!(g.in_force(0), Some(vec![2]));
    assert_eq!(g.in_force(1), Some(vec![2]));
    assert_eq!(g.in_force(2), None);
    assert_eq!(g.in_force(3), Some(vec![])); // a cycle has no way out
    assert_eq!(g.supersession_cycles(), vec![vec![3, 4]]);
    assert_eq!(g.dangling.len(), 1);
    assert_eq!(g.dangling[0].target, "0009-gone.md");
    assert_eq!(g.one_sided.len(), 1);
    assert_eq!(
        (
            g.one_sided[0].from,
            g.one_sided[0].to,
            g.one_sided[0].missing.as_str()
        ),
        (5, 2, "amended-by")
    );
    assert_eq!(g.amended_by(2), vec![5]);
    assert_eq!(g.dependents(2), vec![5]);
    assert_eq!(g.supersedes(2), vec![1]);
}
