//! Writes synthetic programs for the benchmarks (docs/performance.md, bench/run.sh):
//!
//! ```text
//! generate ITEMS DIR [SEED]              a realistic program of ITEMS milestones
//! generate --tj3 ITEMS DIR [SEED]        the TaskJuggler-compatible subset, DIR/program.tjp
//!                                        beside it, and a check that both tools agree
//! generate --risk ITEMS DIR [SEED]       the realistic program with ranges on a quarter
//!                                        of the tasks and 50 open risks (milepost risk)
//! generate --git COMMITS ITEMS DIR [SEED] a realistic program in a git repository of
//!                                        COMMITS commits, each editing one duration
//! ```
//!
//! cargo run --release --example generate -- 100000 /tmp/p100k
#[path = "realistic.rs"]
mod realistic;

#[allow(dead_code, unused_imports, clippy::all)]
mod tj3 {
    use std::collections::{BTreeSet, HashSet};
    use std::fmt::Write as _;
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::Command as StdCommand;
    use std::time::Instant;

    use chrono::{Datelike, Days, NaiveDate, Weekday};

    include!("tj3_common.rs");
}

use std::path::{Path, PathBuf};
use std::process::Command;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage: generate [--tj3 | --risk | --git COMMITS] ITEMS DIR [SEED]";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| -> Result<u64> { Ok(args.get(i).ok_or(USAGE)?.parse()?) };
    let dir = |i: usize| -> Result<PathBuf> { Ok(PathBuf::from(args.get(i).ok_or(USAGE)?)) };
    let seed = |i: usize| -> Result<u64> { args.get(i).map_or(Ok(7), |s| Ok(s.parse()?)) };
    match args.first().map(String::as_str) {
        Some("--tj3") => tj3_program(num(1)? as usize, &dir(2)?, seed(3)?),
        Some("--risk") => realistic::with_risks(num(1)? as usize, &dir(2)?, seed(3)?),
        Some("--git") => git_program(num(1)? as usize, num(2)? as usize, &dir(3)?, seed(4)?),
        Some(_) => realistic::realistic(num(0)? as usize, &dir(1)?, seed(2)?),
        None => Err(USAGE.into()),
    }
}

/// The TaskJuggler subset (tests/taskjuggler.rs): the milepost program in `dir`, the
/// same program as `dir/program.tjp`, and both tools' dates compared (exit 1 on a
/// difference), so a benchmark never times two tools that disagree.
fn tj3_program(items: usize, dir: &Path, seed: u64) -> Result<()> {
    let start = tj3::ymd("2026-10-05");
    let p = tj3::generate(seed, items, start, &[]);
    std::fs::create_dir_all(dir)?;
    tj3::write_milepost(&p, dir);
    let model = tj3::model_dates(&p);
    let end = tj3::tj3_end(&p, &model);
    std::fs::write(dir.join("program.tjp"), tj3::write_tjp(&p, end))?;
    if !tj3::tj3_available() {
        eprintln!("tj3 not installed: wrote the program and program.tjp, dates not compared");
        return Ok(());
    }
    let theirs = tj3::run_tj3(&p, end);
    let ours = milepost_dates(dir, &p)?;
    let differ = (0..p.items.len()).filter(|&i| theirs[i] != ours[i]).count();
    if differ > 0 {
        tj3::diff(&p, "tj3", &theirs, "milepost", &ours, Some(&model));
        return Err(
            format!("{differ} of {items} items have different dates in tj3 and milepost").into(),
        );
    }
    eprintln!("dates equal in tj3 and milepost for all {items} items");
    Ok(())
}

/// The milepost binary beside this example's directory (target/<profile>/milepost).
fn milepost_bin() -> Result<PathBuf> {
    if let Some(bin) = std::env::var_os("MILEPOST_BIN") {
        return Ok(bin.into());
    }
    let exe = std::env::current_exe()?;
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot locate target directory")?;
    Ok(profile.join("milepost"))
}

fn milepost_dates(
    dir: &Path,
    p: &tj3::Program,
) -> Result<Vec<(chrono::NaiveDate, chrono::NaiveDate)>> {
    let out = Command::new(milepost_bin()?)
        .arg("-C")
        .arg(dir)
        .args([
            "--today",
            &p.start.to_string(),
            "status",
            "--format",
            "json",
        ])
        .output()?;
    if !out.status.success() {
        return Err(format!("milepost failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let by_id: std::collections::HashMap<&str, &serde_json::Value> = v["milestones"]
        .as_array()
        .ok_or("no milestones")?
        .iter()
        .filter_map(|m| Some((m["id"].as_str()?, m)))
        .collect();
    p.items
        .iter()
        .map(|it| {
            let m = by_id
                .get(it.id.as_str())
                .ok_or("item missing from milepost's output")?;
            let d = |k: &str| tj3::ymd(m[k].as_str().unwrap_or("0000-01-01"));
            Ok((d("start"), d("finish")))
        })
        .collect()
}

fn git(dir: &Path, args: &[&str], date: &str) -> Result<()> {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("git {args:?} failed").into())
    }
}

/// A realistic program committed, then `commits - 1` commits that each change one
/// milestone's duration in one file (dated from 2026-04-01, a hundred a day).
fn git_program(commits: usize, items: usize, dir: &Path, seed: u64) -> Result<()> {
    realistic::realistic(items, dir, seed)?;
    git(
        dir,
        &["init", "-q", "-b", "main"],
        "2026-04-01T09:00:00+00:00",
    )?;
    git(dir, &["add", "-A"], "2026-04-01T09:00:00+00:00")?;
    git(
        dir,
        &["commit", "-q", "-m", "Initial plan"],
        "2026-04-01T09:00:00+00:00",
    )?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("milestones"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut rng = milepost::testkit::Rng(seed ^ 0x5eed);
    for n in 1..commits {
        let file = &files[rng.below(files.len() as u64) as usize];
        let text = std::fs::read_to_string(file)?;
        let spots: Vec<usize> = text
            .match_indices("duration: ")
            .map(|(i, _)| i + "duration: ".len())
            .collect();
        let at = spots[rng.below(spots.len() as u64) as usize];
        let end = at + text[at..].find('\n').unwrap_or(0);
        let old: u64 = text[at..end].trim().parse().unwrap_or(1);
        std::fs::write(
            file,
            format!("{}{}{}", &text[..at], old % 15 + 1, &text[end..]),
        )?;
        let date = format!(
            "2026-04-{:02}T10:{:02}:{:02}+00:00",
            1 + n / 100,
            (n % 100) / 60,
            n % 60
        );
        git(
            dir,
            &["commit", "-q", "-a", "-m", &format!("Edit {n}")],
            &date,
        )?;
    }
    Ok(())
}
