//! The integration test binary: runs the real `adrgov` in temporary repositories.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod authoring;
mod bad_input;
mod browser;
mod check;
mod corpora;
mod crash;
mod fuzz_regressions;
mod help;
mod history;
mod hostile;
mod linkcheck;
mod multiline;
mod roundtrip;
mod serve;
mod site;
mod support;
