//! A realistic synthetic program of N milestones: many files, sites and clusters, two
//! calendars, mixed relation types and lags, constraints, dues and progress (a module of
//! benches/generate.rs), built from milepost's test kit.
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use milepost::testkit::{Dep, Item, Progress, Rng, milestones_yaml};

const PER_FILE: usize = 500;
const PER_CLUSTER: usize = 250;

pub fn realistic(items: usize, out: &Path, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(out.join("milestones"))?;
    std::fs::write(
        out.join("milepost.toml"),
        "[program]\nname = \"generated\"\nstart = 2026-01-05\ntimezone = \"America/Los_Angeles\"\n\n[calendar]\nholidays = [2026-05-25, 2026-07-03, 2026-09-07, 2026-11-26, 2026-12-25, 2027-01-01]\n\n[calendar.regions.tw]\nholidays = [2027-02-08, 2027-02-09, 2027-02-10]\n",
    )?;
    let clusters = items.div_ceil(PER_CLUSTER).max(1);
    let sites = clusters.div_ceil(8).max(1);
    let mut text = String::from("sites:\n");
    for s in 0..sites {
        let region = if s % 3 == 2 { "\n    region: tw" } else { "" };
        writeln!(text, "  - id: site{s}\n    name: Site {s}{region}")?;
    }
    text.push_str("clusters:\n");
    for c in 0..clusters {
        writeln!(
            text,
            "  - id: c{c}\n    site: site{}\n    gpus: 1024\n    ready_by: 2027-12-31",
            c / 8
        )?;
    }
    text.push_str("vendors:\n");
    for v in 0..20 {
        writeln!(
            text,
            "  - id: v{v}\n    name: Vendor {v}\n    category: oem"
        )?;
    }
    std::fs::write(out.join("sites.yaml"), text)?;
    // Items are written in topological order; the first 20% are done, the next 2% in
    // progress, so done work never depends on open work.
    let done = items / 5;
    let wip = items / 50;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("bad date");
    let mut all = Vec::with_capacity(items);
    for i in 0..items {
        let cluster = i / PER_CLUSTER;
        let duration = if rng.below(6) == 0 {
            0
        } else {
            1 + rng.below(15) as i64
        };
        let mut it = Item {
            name: Some(format!("Work item {i} of cluster {cluster}")),
            cluster: Some(format!("c{cluster}")),
            owner: Some(format!("owner{}", rng.below(40))),
            vendor: Some(format!("v{}", rng.below(20))),
            ..Item::new(format!("m{i}"), duration)
        };
        // Work depends on earlier work of its own cluster, so clusters run in parallel.
        let (lo, hi) = (cluster * PER_CLUSTER, i);
        if hi > lo {
            for k in 0..(1 + rng.below(2)) {
                let pred = lo + rng.below((hi - lo) as u64) as usize;
                let pred = if i < done + wip {
                    pred.min(done.saturating_sub(1)).min(i - 1)
                } else {
                    pred
                };
                let id = format!("m{pred}");
                it.deps.push(match (k, rng.below(5)) {
                    (0, _) | (_, 0..=2) => Dep::plain(id),
                    (_, 3) => Dep::typed(id, "SS", rng.below(5) as i64),
                    _ => Dep::typed(id, "FF", rng.below(3) as i64),
                });
            }
        }
        if i < done {
            it.progress = Progress::Done {
                started: None,
                finished: date(2026, 3, 2)?,
            };
        } else if i < done + wip && duration > 0 {
            it.progress = Progress::InProgress {
                started: date(2026, 3, 3)?,
                remaining: None,
            };
        } else if rng.below(10) == 0 {
            it.due = Some(date(2027, 1 + rng.below(9) as u32, 15)?);
        }
        if rng.below(20) == 0 && i >= done + wip {
            it.start_no_earlier = Some(date(2026, 4 + rng.below(5) as u32, 1)?);
        }
        all.push(it);
    }
    for (k, part) in all.chunks(PER_FILE).enumerate() {
        std::fs::write(
            out.join(format!("milestones/part{k:04}.yaml")),
            milestones_yaml(part),
        )?;
    }
    Ok(())
}

/// [`realistic`] with what `milepost risk` simulates: a `duration_range` on every
/// fourth task (0.8 to 1.6 times its duration) and 50 open risks on open work.
pub fn with_risks(items: usize, out: &Path, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    realistic(items, out, seed)?;
    let mut rng = Rng(seed ^ 0x5249_534b);
    let dir = out.join("milestones");
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    files.sort_by_key(|e| e.path());
    let mut index = 0usize;
    for entry in files {
        let text = std::fs::read_to_string(entry.path())?;
        let mut out_text = String::with_capacity(text.len() + text.len() / 8);
        for line in text.lines() {
            writeln!(out_text, "{line}")?;
            if let Some(id) = line.strip_prefix("  - id: m") {
                index = id.parse()?;
            }
            if let Some(d) = line.strip_prefix("    duration: ") {
                let d: i64 = d.parse()?;
                if d >= 1 && index.is_multiple_of(4) {
                    writeln!(
                        out_text,
                        "    duration_range: [{}, {}]",
                        (d * 4 + 4) / 5,
                        (d * 8 + 4) / 5
                    )?;
                }
            }
        }
        std::fs::write(entry.path(), out_text)?;
    }
    let open_from = items / 5 + items / 50;
    let mut text = String::from("risks:\n");
    for r in 0..50 {
        let affects: Vec<String> = (0..1 + rng.below(3))
            .map(|_| {
                format!(
                    "m{}",
                    open_from + rng.below((items - open_from).max(1) as u64) as usize
                )
            })
            .collect();
        writeln!(
            text,
            "  - id: risk{r}\n    probability: 0.{}\n    impact_days: {}\n    affects: [{}]",
            1 + rng.below(5),
            2 + rng.below(14),
            affects.join(", ")
        )?;
    }
    std::fs::write(out.join("risks.yaml"), text)?;
    Ok(())
}
