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
    let g = Graph::of(&l, &v);
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
    assert_eq!(g.superseded_by(0), vec![1]);
    assert_eq!(g.superseded_by(1), vec![2]);
    assert_eq!(g.superseded_by(2), Vec::<usize>::new());
}

/// A graph over `n` ADRs with the given active edges (`from`, `to`, kind).
fn graph_of(n: usize, edges: &[(usize, usize, &str)]) -> Graph {
    let mut g = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..n).map(|i| g.add_node(i)).collect();
    for &(a, b, k) in edges {
        g.add_edge(nodes[a], nodes[b], crate::model::RelationKind::new(k));
    }
    Graph {
        g,
        nodes,
        dangling: Vec::new(),
        one_sided: Vec::new(),
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any graph, cycles included: every query answers, `in_force_all` agrees with
        /// `in_force`, and what is named in force is superseded by nothing.
        #[test]
        fn queries_are_total_cycle_safe_and_agree(
            n in 1usize..40,
            raw in prop::collection::vec((0usize..40, 0usize..40, 0usize..3), 0..90),
        ) {
            let kinds = ["supersedes", "amends", "depends-on"];
            let edges: Vec<(usize, usize, &str)> = raw
                .into_iter()
                .map(|(a, b, k)| (a % n, b % n, kinds[k]))
                .filter(|(a, b, _)| a != b)
                .collect();
            let g = graph_of(n, &edges);
            let all = g.in_force_all();
            prop_assert_eq!(all.len(), n);
            let cycles = g.supersession_cycles();
            for (i, from_all) in all.iter().enumerate() {
                let one = g.in_force(i);
                prop_assert_eq!(from_all, &one);
                prop_assert_eq!(one.is_some(), !g.superseded_by(i).is_empty());
                if let Some(v) = &one {
                    for &j in v {
                        prop_assert!(g.superseded_by(j).is_empty());
                        prop_assert!(j != i);
                    }
                    // Without a cycle there is always a way out.
                    if cycles.is_empty() {
                        prop_assert!(!v.is_empty());
                    }
                }
                // The direct queries name exactly the edges into `i` of their kind.
                for (kind, got) in [("supersedes", g.superseded_by(i)), ("amends", g.amended_by(i))] {
                    let mut want: Vec<usize> = edges
                        .iter()
                        .filter(|&&(_, b, k)| b == i && k == kind)
                        .map(|&(a, _, _)| a)
                        .collect();
                    want.sort_unstable();
                    want.dedup();
                    prop_assert_eq!(got, want);
                }
            }
            for c in &cycles {
                prop_assert!(c.len() > 1);
                prop_assert!(c.windows(2).all(|w| w[0] < w[1]));
            }
        }

        /// When each ADR is superseded by at most one newer ADR, the decision in force in its
        /// place is exactly one.
        #[test]
        fn in_force_successor_is_unique_without_branches(
            n in 2usize..80,
            picks in prop::collection::vec(any::<u32>(), 80),
        ) {
            let mut edges = Vec::new();
            for (i, &p) in picks.iter().enumerate().take(n - 1) {
                let p = p as usize;
                if !p.is_multiple_of(3) {
                    let j = i + 1 + p % (n - i - 1);
                    edges.push((j, i, "supersedes"));
                }
            }
            let g = graph_of(n, &edges);
            prop_assert!(g.supersession_cycles().is_empty());
            let all = g.in_force_all();
            for (i, v) in all.iter().enumerate() {
                match v {
                    None => prop_assert!(g.superseded_by(i).is_empty()),
                    Some(v) => prop_assert_eq!(v.len(), 1),
                }
            }
        }
    }
}

/// The graph needs only model data and a resolver: no repository, no disk.
#[test]
fn built_from_model_data_and_a_resolver() {
    let v = Vocab::new(&[]);
    let a = crate::parse::parse(
        "x/a.md",
        "a.md",
        "# A\n\n## Status\n\nSuperseded by ADR-7\n",
        &v,
    );
    let b = crate::parse::parse(
        "x/b.md",
        "b.md",
        "# B\n\n## Status\n\nAccepted\n\nSupersedes ADR-3\n\nAmends ADR-9\n",
        &v,
    );
    let adrs = [&a.adr, &b.adr];
    // This resolver calls ADR-7 the second file and ADR-3 the first; ADR-9 is nothing.
    let resolve = |r: &RawRef| match r.number {
        Some(7) => Some(1),
        Some(3) => Some(0),
        _ => None,
    };
    let g = Graph::build(&adrs, &resolve, &v);
    assert_eq!(
        g.edges()
            .map(|(f, k, t)| (f, k.to_string(), t))
            .collect::<Vec<_>>(),
        vec![(1, "supersedes".to_string(), 0)]
    );
    assert_eq!(g.in_force(0), Some(vec![1]));
    assert_eq!(g.dangling.len(), 1);
    assert_eq!(g.dangling[0].target, "ADR-9");
    assert!(g.one_sided.is_empty());
}
