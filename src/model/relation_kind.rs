//! Relation kinds: the built-in pairs and the configured (or adr-tools `adr link`) ones, written
//! in kebab-case everywhere (JSON, graph exports, front matter keys).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// A kind of relation between two ADRs. Equality, order and hashing are those of the
/// kebab-case id, so `Custom("supersedes")` (never made by [`RelationKind::new`]) equals
/// `Supersedes`.
#[derive(Debug, Clone)]
pub enum RelationKind {
    /// `supersedes` (the active side: new → old).
    Supersedes,
    /// `superseded-by`.
    SupersededBy,
    /// `amends`.
    Amends,
    /// `amended-by`.
    AmendedBy,
    /// `relates-to` (its own inverse).
    RelatesTo,
    /// A configured kind (`[adr] relations`) or one written by adr-tools' `adr link`, kebab-case.
    Custom(String),
}

impl RelationKind {
    /// The kind with this kebab-case id: a built-in one, else `Custom`.
    pub fn new(id: &str) -> RelationKind {
        match id {
            "supersedes" => RelationKind::Supersedes,
            "superseded-by" => RelationKind::SupersededBy,
            "amends" => RelationKind::Amends,
            "amended-by" => RelationKind::AmendedBy,
            "relates-to" => RelationKind::RelatesTo,
            other => RelationKind::Custom(other.to_string()),
        }
    }

    /// The kebab-case id.
    pub fn as_str(&self) -> &str {
        match self {
            RelationKind::Supersedes => "supersedes",
            RelationKind::SupersededBy => "superseded-by",
            RelationKind::Amends => "amends",
            RelationKind::AmendedBy => "amended-by",
            RelationKind::RelatesTo => "relates-to",
            RelationKind::Custom(s) => s,
        }
    }

    /// One of the built-in kinds (not `Custom`).
    pub fn is_builtin(&self) -> bool {
        !matches!(RelationKind::new(self.as_str()), RelationKind::Custom(_))
    }

    /// The id as words, as written in files (`superseded by`).
    pub fn words(&self) -> String {
        self.as_str().replace('-', " ")
    }

    /// `supersedes` or `superseded-by`.
    pub fn is_supersession(&self) -> bool {
        *self == RelationKind::Supersedes || *self == RelationKind::SupersededBy
    }
}

impl From<&str> for RelationKind {
    fn from(id: &str) -> RelationKind {
        RelationKind::new(id)
    }
}

impl From<String> for RelationKind {
    fn from(id: String) -> RelationKind {
        RelationKind::new(&id)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq for RelationKind {
    fn eq(&self, other: &RelationKind) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RelationKind {}

impl PartialOrd for RelationKind {
    fn partial_cmp(&self, other: &RelationKind) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RelationKind {
    fn cmp(&self, other: &RelationKind) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for RelationKind {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

impl serde::Serialize for RelationKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read back as its kebab-case id (the parse cache).
impl<'de> serde::Deserialize<'de> for RelationKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(RelationKind::new(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::RelationKind;

    #[test]
    fn kinds_are_their_kebab_ids() {
        for id in [
            "supersedes",
            "superseded-by",
            "amends",
            "amended-by",
            "relates-to",
            "clarified-by",
        ] {
            let k = RelationKind::new(id);
            assert_eq!((k.as_str(), k.to_string()), (id, id.to_string()));
            assert_eq!(serde_json::to_string(&k).ok(), Some(format!("\"{id}\"")));
        }
        assert_eq!(RelationKind::new("amends"), RelationKind::Amends);
        assert_eq!(
            RelationKind::new("clarifies"),
            RelationKind::Custom("clarifies".into())
        );
        assert_eq!(
            RelationKind::Custom("supersedes".into()),
            RelationKind::Supersedes
        );
        assert!(RelationKind::SupersededBy.is_supersession());
        assert!(RelationKind::new("relates-to").is_builtin());
        assert!(!RelationKind::new("clarifies").is_builtin());
        assert!(!RelationKind::AmendedBy.is_supersession());
        let mut v = vec![
            RelationKind::SupersededBy,
            RelationKind::Amends,
            RelationKind::new("clarifies"),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                RelationKind::Amends,
                RelationKind::new("clarifies"),
                RelationKind::SupersededBy
            ]
        );
    }
}
