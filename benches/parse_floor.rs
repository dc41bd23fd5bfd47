//! The floor for milepost's load time: read every YAML file of a program and run it
//! through the YAML parser (events only: no tree, no types, no checks), on all cores
//! like milepost does. bench/run.sh shows it beside milepost's times, for reference.
//!
//! cargo run --release --example parse_floor -- DIR [THREADS]
//!
//! THREADS defaults to the number of cores; `1` gives the single-threaded parse, for
//! reference.
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
    let usage = "usage: parse_floor DIR [THREADS]";
    let dir = std::env::args().nth(1).ok_or(usage)?;
    let threads = match std::env::args().nth(2) {
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
                    let n = saphyr_parser::Parser::new_from_str(&text)
                        .take_while(Result::is_ok)
                        .count();
                    events.fetch_add(n, Ordering::Relaxed);
                }
            });
        }
    });
    eprintln!(
        "{} files, {} events",
        paths.len(),
        events.load(Ordering::Relaxed)
    );
    Ok(())
}
