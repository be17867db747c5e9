//! The integration test binary: runs the real `adrgov` in temporary repositories.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_lines)]

mod authoring;
mod bad_input;
mod browser;
mod cache;
mod central;
mod check;
mod codemap;
mod corpora;
mod crash;
mod discovery;
mod fuzz_regressions;
#[path = "../gen/mod.rs"]
mod generator;
mod generator_facts;
mod governs;
mod help;
mod history;
mod hostile;
mod layers;
mod linkcheck;
mod links;
mod mcp;
mod multiline;
mod navigation;
mod printed;
mod reading;
mod roundtrip;
mod serve;
mod site;
mod sources;
mod stale;
mod support;
