//! Fuzz target `resolve`: the property is `adrgov::fuzzing::resolve` (replayed by `cargo test` on
//! every input kept in `tests/fixtures/fuzz/resolve/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adrgov::fuzzing::resolve(data));
