//! Reports: one implementation per output format.

mod github;
mod human;
mod json;
mod sarif;

use super::{Finding, Summary};

pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;

/// Renders findings in one format.
pub trait Report {
    /// The whole output for `findings` (sorted) and their `summary`.
    fn render(&self, findings: &[Finding], summary: Summary) -> String;
}
