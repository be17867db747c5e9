//! Fuzz target `parse`: the property is `adrgov::fuzzing::parse` (replayed by `cargo test` on
//! every input kept in `tests/fixtures/fuzz/parse/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adrgov::fuzzing::parse(data));
