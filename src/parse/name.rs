//! ADR file names, as the parser reads them: the rules themselves are data rules and live in
//! [`crate::model::name`] (the model must not import the parser).

pub use crate::model::name::*;
