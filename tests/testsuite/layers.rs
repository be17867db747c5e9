//! The layering of ADR 12, checked on the sources: model ← parse ← repo ← history / graph ←
//! view | governs ← check | site ← cli. A layer never imports one above it, and nothing outside
//! `src/cli/` imports the command line.

use std::path::Path;

/// `crate::` paths a layer may not name (the layers above it, and the command line's printing).
const RULES: [(&str, &[&str]); 8] = [
    (
        "model",
        &[
            "parse", "repo", "history", "graph", "view", "governs", "check", "site", "cli",
            "output",
        ],
    ),
    (
        "parse",
        &[
            "repo", "history", "graph", "view", "governs", "check", "site", "cli", "output",
        ],
    ),
    (
        "repo",
        &[
            "history", "graph", "view", "governs", "check", "site", "cli", "output",
        ],
    ),
    (
        "history",
        &["graph", "view", "governs", "check", "site", "cli", "output"],
    ),
    (
        "graph",
        &[
            "history", "view", "governs", "check", "site", "cli", "output",
        ],
    ),
    // Beside `view`: the decisions that govern code (`why`), below check and site.
    ("governs", &["view", "check", "site", "cli", "output"]),
    ("check", &["site", "cli", "output"]),
    ("site", &["cli", "output"]),
];

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_layer_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (layer, above) in RULES {
        let mut fs = Vec::new();
        files(&src.join(layer), &mut fs);
        assert!(!fs.is_empty(), "src/{layer}");
        for f in fs {
            let text = std::fs::read_to_string(&f).expect("read");
            for (n, line) in text.lines().enumerate() {
                for up in above {
                    if line.contains(&format!("crate::{up}::"))
                        || line.contains(&format!("crate::{up};"))
                    {
                        found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
    // The JSON view sits above history and below check and site.
    let view = std::fs::read_to_string(src.join("view.rs")).expect("view.rs");
    for up in ["governs", "check", "site", "cli"] {
        assert!(
            !view.contains(&format!("crate::{up}")),
            "view.rs imports {up}"
        );
    }
}

#[test]
fn nothing_outside_the_cli_imports_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut fs = Vec::new();
    files(&src, &mut fs);
    let cli = src.join("cli");
    let hits: Vec<String> = fs
        .iter()
        .filter(|f| !f.starts_with(&cli))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains("crate::cli"))
                .map(|(n, l)| format!("{}:{}: {}", f.display(), n + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(hits, Vec::<String>::new());
}
