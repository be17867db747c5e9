//! The Markdown index of the decisions (`adrgov toc`, the `stale-toc` rule and its fix), as
//! adr-tools `generate toc` writes it.

use super::Loaded;
use super::config::Config;

/// The index text: the intro (or `# Architecture Decision Records`), one bullet per ADR, the
/// outro.
pub fn text(loaded: &Loaded, intro: Option<&str>, outro: Option<&str>, prefix: &str) -> String {
    let mut s = String::new();
    match intro {
        Some(t) => {
            s.push_str(t.trim_end());
            s.push_str("\n\n");
        }
        None => s.push_str("# Architecture Decision Records\n\n"),
    }
    for e in &loaded.entries {
        let adr = e.adr();
        let heading = e.parsed.layout.title_line.map(|l| {
            e.parsed
                .layout
                .line_at(&e.text, l)
                .trim_start_matches('#')
                .trim()
                .to_string()
        });
        let text = heading
            .filter(|h| !h.is_empty())
            .or_else(|| adr.title.clone())
            .unwrap_or_else(|| adr.id.clone());
        s.push_str(&format!("* [{}]({}{})\n", text, prefix, adr.file_name));
    }
    if let Some(t) = outro {
        s.push('\n');
        s.push_str(t.trim_end());
        s.push('\n');
    }
    s
}

/// The new text of an existing index file: its intro (text before the first `* [` line) and
/// outro (text after the last one) are kept; the list is regenerated. Links are relative to
/// the index file.
pub fn refresh(loaded: &Loaded, now: &str, config: &Config) -> String {
    let lines: Vec<&str> = now.lines().collect();
    let first = lines.iter().position(|l| l.starts_with("* ["));
    let last = lines.iter().rposition(|l| l.starts_with("* ["));
    let (intro, outro) = match (first, last) {
        (Some(f), Some(l)) => (
            lines[..f].join("\n"),
            lines[l + 1..]
                .join("\n")
                .trim_start_matches('\n')
                .to_string(),
        ),
        _ => (now.trim_end().to_string(), String::new()),
    };
    let prefix = toc_prefix(config);
    let intro = (!intro.trim().is_empty()).then_some(intro);
    let outro = (!outro.trim().is_empty()).then_some(outro);
    text(loaded, intro.as_deref(), outro.as_deref(), &prefix)
}

/// From the index file's directory to the ADR directory.
fn toc_prefix(config: &Config) -> String {
    let (Some(toc), Some(dir)) = (&config.toc, &config.dir) else {
        return String::new();
    };
    let toc_dir = toc.rsplit_once('/').map_or("", |(d, _)| d);
    let dir = dir.trim_end_matches('/');
    if toc_dir == dir {
        String::new()
    } else if toc_dir.is_empty() {
        format!("{dir}/")
    } else if let Some(rest) = dir.strip_prefix(&format!("{toc_dir}/")) {
        format!("{rest}/")
    } else {
        String::new()
    }
}
