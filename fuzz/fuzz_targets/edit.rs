//! Fuzz target `edit`: the property is `adrgov::fuzzing::edit` (replayed by `cargo test` on
//! every input kept in `tests/fixtures/fuzz/edit/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adrgov::fuzzing::edit(data));
