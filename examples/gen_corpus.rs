//! Generates an ADR repository with known facts (and its manifest beside it), for benchmarks
//! and experiments:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- DIR --adrs 1000 --commits 20000 \
//!     --format nygard --seed 7 [--defects] [--defect-rate 0.05] [--spelling superceded] \
//!     [--authors 8] [--start-date 2017-01-02] [--days 0] [--manifest PATH] [--force]
//! ```
//!
//! The same arguments always give the same commit ids. The generator itself lives in
//! `tests/gen/` (the integration tests and the benchmarks use it too).

#[path = "../tests/gen/mod.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> &'static str {
    "usage: gen_corpus DIR [--adrs N] [--commits M] [--format nygard|madr] [--seed S] \
     [--defects] [--defect-rate R] [--spelling superseded|superceded|mixed] [--authors N] \
     [--start-date YYYY-MM-DD] [--days D] [--manifest PATH] [--force]"
}

fn run() -> Result<(), generator::Error> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut p = generator::Params::new(50, 500, generator::Format::Nygard, 1);
    let mut manifest: Option<PathBuf> = None;
    let mut force = false;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{}", usage()))
        };
        match a.as_str() {
            "--adrs" => p.adrs = value("--adrs")?.parse()?,
            "--commits" => p.commits = value("--commits")?.parse()?,
            "--format" => p.format = generator::Format::parse(&value("--format")?)?,
            "--seed" => p.seed = value("--seed")?.parse()?,
            "--defects" => p.defects = true,
            "--defect-rate" => p.defect_rate = value("--defect-rate")?.parse()?,
            "--spelling" => p.spelling = generator::Spelling::parse(&value("--spelling")?)?,
            "--authors" => p.authors = value("--authors")?.parse()?,
            "--start-date" => {
                p.start_date =
                    chrono::NaiveDate::parse_from_str(&value("--start-date")?, "%Y-%m-%d")?
            }
            "--days" => p.days = value("--days")?.parse()?,
            "--manifest" => manifest = Some(PathBuf::from(value("--manifest")?)),
            "--force" => force = true,
            "-h" | "--help" => {
                println!("{}", usage());
                return Ok(());
            }
            s if s.starts_with('-') => {
                return Err(format!("unknown option {s}\n{}", usage()).into());
            }
            s if out.is_none() => out = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument {s}\n{}", usage()).into()),
        }
    }
    let out = out.ok_or_else(|| format!("DIR is missing\n{}", usage()))?;
    if out.exists() {
        if !force && std::fs::read_dir(&out)?.next().is_some() {
            return Err(format!("{} exists and is not empty (use --force)", out.display()).into());
        }
        std::fs::remove_dir_all(&out)?;
    }
    let t0 = std::time::Instant::now();
    let m = generator::generate(&out, &p)?;
    let mpath = manifest.unwrap_or_else(|| generator::manifest_path(&out));
    let mut text = serde_json::to_string_pretty(&m)?;
    text.push('\n');
    std::fs::write(&mpath, text)?;
    println!(
        "{}: {} commits, {} ADR files ({}), {} defects, head {}, {:.1}s; manifest {}",
        out.display(),
        p.commits,
        m["adr_file_count"],
        p.format.name(),
        m["defects"].as_array().map_or(0, Vec::len),
        m["head"].as_str().unwrap_or("").get(..12).unwrap_or(""),
        t0.elapsed().as_secs_f64(),
        mpath.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
