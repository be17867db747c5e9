//! Built-in templates, compiled into the binary; a repository may name its own.

/// adr-tools' template.
pub const NYGARD: &str = include_str!("../templates/adr/nygard.md");
/// MADR 4 with front matter.
pub const MADR: &str = include_str!("../templates/adr/madr.md");
/// MADR 2 / log4brains bullets.
pub const MADR_BULLETS: &str = include_str!("../templates/adr/madr-bullets.md");
/// ADR 1 written by `init`, Nygard format.
pub const INIT_NYGARD: &str = include_str!("../templates/adr/init-nygard.md");
/// ADR 1 written by `init`, MADR format.
pub const INIT_MADR: &str = include_str!("../templates/adr/init-madr.md");

/// Renders a template with Tera. `name` appears in error messages.
pub fn render(name: &str, source: &str, ctx: &tera::Context) -> Result<String, String> {
    let mut t = tera::Tera::default();
    t.autoescape_on(vec![]);
    t.add_raw_template(name, source)
        .map_err(|e| tera_message(&e))?;
    let mut out = t.render(name, ctx).map_err(|e| tera_message(&e))?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// A Tera error with its whole chain of causes (Tera puts the useful part in the sources).
pub fn tera_message(e: &tera::Error) -> String {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}
