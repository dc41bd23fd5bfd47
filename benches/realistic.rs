//! A realistic synthetic program of N milestones: many files, sites and clusters, two
//! calendars, mixed relation types and lags, constraints, dues and progress (a module of
//! benches/generate.rs).
use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: a small, seedable generator (no dependency, stable across versions).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

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
    let mut file = String::new();
    for i in 0..items {
        if i % PER_FILE == 0 {
            if i > 0 {
                std::fs::write(
                    out.join(format!("milestones/part{:04}.yaml", i / PER_FILE - 1)),
                    &file,
                )?;
            }
            file = String::from("milestones:\n");
        }
        let cluster = i / PER_CLUSTER;
        let duration = if rng.below(6) == 0 {
            0
        } else {
            1 + rng.below(15)
        };
        write!(
            file,
            "  - id: m{i}\n    name: Work item {i} of cluster {cluster}\n    cluster: c{cluster}\n    owner: owner{}\n    vendor: v{}\n    duration: {duration}\n",
            rng.below(40),
            rng.below(20)
        )?;
        // Work depends on earlier work of its own cluster, so clusters run in parallel.
        let (lo, hi) = (cluster * PER_CLUSTER, i);
        if hi > lo {
            file.push_str("    depends_on:\n");
            for k in 0..(1 + rng.below(2)) {
                let pred = lo + rng.below((hi - lo) as u64) as usize;
                let pred = if i < done + wip {
                    pred.min(done.saturating_sub(1)).min(i - 1)
                } else {
                    pred
                };
                match (k, rng.below(5)) {
                    (0, _) | (_, 0..=2) => writeln!(file, "      - m{pred}")?,
                    (_, 3) => writeln!(
                        file,
                        "      - {{ id: m{pred}, type: SS, lag: {} }}",
                        rng.below(5)
                    )?,
                    _ => writeln!(
                        file,
                        "      - {{ id: m{pred}, type: FF, lag: {} }}",
                        rng.below(3)
                    )?,
                }
            }
        }
        if i < done {
            writeln!(file, "    status: done\n    finished: 2026-03-02")?;
        } else if i < done + wip && duration > 0 {
            writeln!(file, "    status: in_progress\n    started: 2026-03-03")?;
        } else if rng.below(10) == 0 {
            writeln!(file, "    due: 2027-0{}-15", 1 + rng.below(9))?;
        }
        if rng.below(20) == 0 && i >= done + wip {
            writeln!(file, "    start_no_earlier: 2026-0{}-01", 4 + rng.below(5))?;
        }
    }
    std::fs::write(
        out.join(format!("milestones/part{:04}.yaml", (items - 1) / PER_FILE)),
        &file,
    )?;
    Ok(())
}
