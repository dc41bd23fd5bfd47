//! The floor for milepost's load time: read every YAML file of a program and run it
//! through the YAML parser (events only: no tree, no types, no checks), on all cores
//! like milepost does. bench/run.sh compares milepost's end-to-end time with this.
//!
//! cargo run --release --example parse_floor -- DIR [THREADS] [--milepost]
//!
//! THREADS defaults to the number of cores; `1` gives the single-threaded parse, for
//! reference (the ratio milepost is judged by uses all cores, as milepost does).
//! `--milepost` reads the files into milepost's positioned trees instead (its own fast
//! reader, saphyr-parser for what that does not take), to show what milepost's reading
//! alone costs beside the general parser's.
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

// The same allocator as milepost, so that the floor is measured the same way.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: parse_floor DIR [THREADS] [--milepost]";
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let trees = args.iter().any(|a| a == "--milepost");
    args.retain(|a| a != "--milepost");
    let dir = args.first().ok_or(usage)?.clone();
    let threads = match args.get(1) {
        Some(n) => Some(n.parse::<usize>().map_err(|_| usage)?.max(1)),
        None => None,
    };
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths)?;
    let next = AtomicUsize::new(0);
    let events = AtomicUsize::new(0);
    let workers =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Ok(text) = std::fs::read_to_string(path) else {
                        continue;
                    };
                    let n = if trees {
                        usize::from(milepost::load::yaml::parse(&text).is_ok())
                    } else {
                        saphyr_parser::Parser::new_from_str(&text)
                            .take_while(Result::is_ok)
                            .count()
                    };
                    events.fetch_add(n, Ordering::Relaxed);
                }
            });
        }
    });
    eprintln!(
        "{} files, {} {}",
        paths.len(),
        events.load(Ordering::Relaxed),
        if trees { "trees" } else { "events" }
    );
    Ok(())
}
