//! ADR file names: `NNNN-slug.md`, `0001_slug.md`, `adr-NNN-slug.md`, `ADR-7.md`, `ADR001-slug.md`,
//! `adr_001_slug.md`, `ADR 7 - Title.md`, dated `YYYYMMDD-slug.md` (log4brains), `YYYY-MM-DD-slug.md` and
//! `YYYY_MM_DD_slug.md` (id = stem), and unnumbered `slug.md`.

/// What a file name says about an ADR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    /// `0004` for `0004-x.md`; the stem for unnumbered and date-named files.
    pub id: String,
    /// The number, for numbered files.
    pub number: Option<u32>,
    /// Text before the digits (`adr-` in `adr-001-x.md`).
    pub prefix: String,
    /// Digits as written (`0004`), for numbered files.
    pub digits: String,
    /// The slug after the number and its separator.
    pub slug: String,
}

/// Whether `name` is a Markdown file that is not an ADR (index, README, template).
pub fn is_excluded(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = markdown_stem(&lower).unwrap_or(&lower);
    matches!(
        stem,
        "readme" | "index" | "template" | "toc" | "_index" | "changelog" | "license"
    ) || stem.ends_with("-template")
        || stem.ends_with("_template")
        || stem.ends_with(".template")
        || stem.starts_with("template-")
        || stem.starts_with("template_")
        || stem.starts_with("template.")
        || stem.starts_with('.')
}

/// The stem of a Markdown file name: without `.md` or `.markdown`, in any case (`X.MD`).
pub fn markdown_stem(name: &str) -> Option<&str> {
    [".md", ".markdown"].iter().find_map(|ext| {
        let at = name.len().checked_sub(ext.len())?;
        (name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(ext)).then(|| &name[..at])
    })
}

/// Splits a file name into id, number, prefix and slug.
pub fn parse_file_name(name: &str) -> FileName {
    let stem = markdown_stem(name).unwrap_or(name);
    let (prefix, rest) = match crate::model::strip_prefix_ci(stem, "adr") {
        Some(r)
            if r.starts_with(['-', '_', ' '])
                && r[1..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (&stem[..4], &r[1..])
        }
        // `ADR001-slug.md`: the digits straight after the letters.
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => (&stem[..3], r),
        _ => ("", stem),
    };
    if prefix.is_empty() && is_separated_date(stem) {
        return FileName {
            id: stem.to_string(),
            number: None,
            prefix: String::new(),
            digits: String::new(),
            slug: stem[10..]
                .trim_start_matches(['-', '_', '.', ' '])
                .to_string(),
        };
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    let slug = after.trim_start_matches(['-', '_', '.', ' ']).to_string();
    let unnumbered = |slug: String| FileName {
        id: stem.to_string(),
        number: None,
        prefix: String::new(),
        digits: String::new(),
        slug,
    };
    if digits.is_empty() || !(after.is_empty() || after.starts_with(['-', '_', '.', ' '])) {
        return unnumbered(stem.to_string());
    }
    if prefix.is_empty() && is_date_prefix(&digits) {
        return unnumbered(slug);
    }
    match digits.parse::<u32>() {
        Ok(n) if digits.len() <= 7 => FileName {
            id: digits.clone(),
            number: Some(n),
            prefix: prefix.to_string(),
            digits,
            slug,
        },
        _ => unnumbered(stem.to_string()),
    }
}

/// `YYYYMMDD` with a plausible year, month and day: log4brains names files by creation date.
fn is_date_prefix(digits: &str) -> bool {
    digits.len() == 8
        && chrono::NaiveDate::parse_from_str(digits, "%Y%m%d").is_ok_and(|d| {
            use chrono::Datelike;
            (1970..=2200).contains(&d.year())
        })
}

/// `YYYY-MM-DD…` or `YYYY_MM_DD…`: a date with separators (one kind), a plausible year, then the
/// end of the stem or a separator.
fn is_separated_date(stem: &str) -> bool {
    let b = stem.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'_') || b[7] != b[4] {
        return false;
    }
    if b.len() > 10 && !matches!(b[10], b'-' | b'_' | b'.' | b' ') {
        return false;
    }
    let digits = format!("{}{}{}", &stem[..4], &stem[5..7], &stem[8..10]);
    digits.bytes().all(|c| c.is_ascii_digit()) && is_date_prefix(&digits)
}

/// Whether the file name is numbered or dated: the names a directory of ADRs has.
pub fn is_numbered_or_dated(name: &str) -> bool {
    let f = parse_file_name(name);
    if f.number.is_some() {
        return true;
    }
    let stem = f.id.as_str();
    is_separated_date(stem)
        || (stem.len() >= 8 && stem.is_char_boundary(8) && is_date_prefix(&stem[..8]))
}

/// The slug adr-tools would make of a title: lower case ASCII words joined by `-`.
pub fn slugify(title: &str) -> String {
    slug::slugify(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let f = parse_file_name("0004-dns-definitions.md");
        assert_eq!(
            (f.id.as_str(), f.number, f.slug.as_str()),
            ("0004", Some(4), "dns-definitions")
        );
        let f = parse_file_name("adr-017-simplify-chimera-model.md");
        assert_eq!(
            (f.id.as_str(), f.number, f.prefix.as_str()),
            ("017", Some(17), "adr-")
        );
        let f = parse_file_name("20201016-use-the-adr-slug-as-its-unique-id.md");
        assert_eq!(f.id, "20201016-use-the-adr-slug-as-its-unique-id");
        assert_eq!(f.number, None);
        let f = parse_file_name("use-postgres.md");
        assert_eq!((f.id.as_str(), f.number), ("use-postgres", None));
        let f = parse_file_name("0038-mongo_replacement_by_documentdb.md");
        assert_eq!(f.number, Some(38));
        let f = parse_file_name("2fa-everywhere.md");
        assert_eq!(f.number, None);
        assert!(is_excluded("README.md"));
        assert!(is_excluded("adr-template.md"));
        assert!(is_excluded("index.md"));
        assert!(!is_excluded("0001-x.md"));
        assert_eq!(slugify("Use ACM for SSL!"), "use-acm-for-ssl");
        assert!(is_excluded("adr.template.md"));
        assert!(is_excluded("adr_template.md"));
        for (name, stem) in [
            ("0001-x.md", Some("0001-x")),
            ("0001-x.MD", Some("0001-x")),
            ("0001-x.Markdown", Some("0001-x")),
            ("0001-x.mdx", None),
            ("x.txt", None),
            ("é.md", Some("é")),
            (".md", Some("")),
        ] {
            assert_eq!(markdown_stem(name), stem, "{name}");
        }
    }

    #[test]
    fn every_adr_name_shape() {
        let cases = [
            ("ADR001-use-x.md", "001", Some(1), "ADR", "use-x"),
            ("ADR-001-use-x.md", "001", Some(1), "ADR-", "use-x"),
            ("ADR-7.md", "7", Some(7), "ADR-", ""),
            ("ADR 7 - Use X.md", "7", Some(7), "ADR ", "Use X"),
            ("0007 - Use X.md", "0007", Some(7), "", "Use X"),
            ("adr_001_use_x.md", "001", Some(1), "adr_", "use_x"),
            (
                "adr013-zero-padding.md",
                "013",
                Some(13),
                "adr",
                "zero-padding",
            ),
            ("0001_use_x.md", "0001", Some(1), "", "use_x"),
            ("2021_05_04_use_x.md", "2021_05_04_use_x", None, "", "use_x"),
            ("2021-05-04-use-x.md", "2021-05-04-use-x", None, "", "use-x"),
            ("2021-05-04.md", "2021-05-04", None, "", ""),
            (
                "adr-draft-spectrum-spec.md",
                "adr-draft-spectrum-spec",
                None,
                "",
                "adr-draft-spectrum-spec",
            ),
            ("2021-13-04-x.md", "2021", Some(2021), "", "13-04-x"),
        ];
        for (name, id, number, prefix, slug) in cases {
            let f = parse_file_name(name);
            assert_eq!(
                (f.id.as_str(), f.number, f.prefix.as_str(), f.slug.as_str()),
                (id, number, prefix, slug),
                "{name}"
            );
        }
        for (name, yes) in [
            ("ADR-7.md", true),
            ("2021-05-04-use-x.md", true),
            ("20210504-use-x.md", true),
            ("01-intro.md", true),
            ("use-x.md", false),
            ("adr-draft-x.md", false),
        ] {
            assert_eq!(is_numbered_or_dated(name), yes, "{name}");
        }
        assert_eq!(slugify("!!!"), "");
    }
}
