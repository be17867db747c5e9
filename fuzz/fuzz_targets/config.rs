//! Configuration parsing (`adrgov.toml`, `.log4brains.yml`): any text gives a config or an
//! error that names the file and a line inside it.
#![no_main]

use adrgov::error::Error;
use adrgov::repo::config::{log4brains_dir, parse_config};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_config(Path::new("adrgov.toml"), text) {
        Ok(_) => {}
        Err(Error::Config { path, line, .. }) => {
            assert_eq!(path, Path::new("adrgov.toml"));
            assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line}");
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    }
    let _ = log4brains_dir(Path::new(".log4brains.yml"), text);
});
