//! Fuzz target `config`: the property is `adrgov::fuzzing::config` (replayed by `cargo test` on
//! every input kept in `tests/fixtures/fuzz/config/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adrgov::fuzzing::config(data));
