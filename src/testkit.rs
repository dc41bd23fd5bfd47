//! Synthetic programs for the benchmarks, property tests and fuzzers (not part of the
//! public API): a seedable generator, a milestone model, its YAML writer, and the fixed
//! program the fuzz targets and their regression tests wrap fuzzed input in.
//!
//! benches/realistic.rs (the benchmark programs bench/run.sh times),
//! benches/tj3_common.rs (the TaskJuggler cross-check), tests/properties.rs and
//! fuzz/src/generate.rs all build on it, so a program means the same thing to each.
use std::fmt::Write as _;

use chrono::NaiveDate;

/// splitmix64: a small, seedable generator (no dependency, stable across versions).
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// An index in `0..n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    /// True `p` percent of the time.
    pub fn percent(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }
}

/// A dependency on the milestone `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dep {
    pub id: String,
    /// The relation (`FS`, `SS`, `FF`, `SF`) and lag; `None` writes the bare id (FS, 0).
    pub relation: Option<(&'static str, i64)>,
}

impl Dep {
    /// `- id`: finish-to-start without lag.
    pub fn plain(id: impl Into<String>) -> Dep {
        Dep {
            id: id.into(),
            relation: None,
        }
    }

    /// `- { id: ID, type: REL, lag: LAG }`.
    pub fn typed(id: impl Into<String>, relation: &'static str, lag: i64) -> Dep {
        Dep {
            id: id.into(),
            relation: Some((relation, lag)),
        }
    }
}

/// Progress as the YAML states it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    #[default]
    NotStarted,
    InProgress {
        started: NaiveDate,
        remaining: Option<i64>,
    },
    Done {
        started: Option<NaiveDate>,
        finished: NaiveDate,
    },
}

/// One milestone; `None` fields are not written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub name: Option<String>,
    pub site: Option<String>,
    pub cluster: Option<String>,
    pub owner: Option<String>,
    pub vendor: Option<String>,
    pub duration: i64,
    pub deps: Vec<Dep>,
    pub progress: Progress,
    pub due: Option<NaiveDate>,
    pub start_no_earlier: Option<NaiveDate>,
}

impl Item {
    /// A not-started item of `duration` working days.
    pub fn new(id: impl Into<String>, duration: i64) -> Item {
        Item {
            id: id.into(),
            duration,
            ..Item::default()
        }
    }

    /// Appends the item as a block-style list entry of a `milestones:` list.
    pub fn write_yaml(&self, out: &mut String) {
        let _ = writeln!(out, "  - id: {}", self.id);
        let fields = [
            ("name", &self.name),
            ("site", &self.site),
            ("cluster", &self.cluster),
            ("owner", &self.owner),
            ("vendor", &self.vendor),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                let _ = writeln!(out, "    {key}: {v}");
            }
        }
        let _ = writeln!(out, "    duration: {}", self.duration);
        if !self.deps.is_empty() {
            out.push_str("    depends_on:\n");
            for d in &self.deps {
                let _ = match d.relation {
                    None => writeln!(out, "      - {}", d.id),
                    Some((rel, lag)) => {
                        writeln!(out, "      - {{ id: {}, type: {rel}, lag: {lag} }}", d.id)
                    }
                };
            }
        }
        let _ = match &self.progress {
            Progress::NotStarted => Ok(()),
            Progress::InProgress { started, remaining } => {
                let _ = writeln!(out, "    status: in_progress\n    started: {started}");
                // SPEC v2: `remaining` is counted from `as_of`; here, the start day.
                match remaining {
                    Some(r) => writeln!(out, "    remaining: {r}\n    as_of: {started}"),
                    None => Ok(()),
                }
            }
            Progress::Done { started, finished } => {
                let _ = writeln!(out, "    status: done\n    finished: {finished}");
                match started {
                    Some(s) => writeln!(out, "    started: {s}"),
                    None => Ok(()),
                }
            }
        };
        if let Some(d) = self.due {
            let _ = writeln!(out, "    due: {d}");
        }
        if let Some(d) = self.start_no_earlier {
            let _ = writeln!(out, "    start_no_earlier: {d}");
        }
    }
}

/// A `milestones:` document of `items`.
pub fn milestones_yaml(items: &[Item]) -> String {
    let mut out = String::from("milestones:\n");
    for it in items {
        it.write_yaml(&mut out);
    }
    out
}

/// The fixed program around fuzzed input (fuzz/src/lib.rs, tests/fuzz_regressions.rs).
pub mod fuzz {
    use chrono::NaiveDate;

    /// A milepost.toml with two calendars, for the file fuzzer.
    pub const CONFIG: &str = "[program]\nname = \"fuzz\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-11-26, 2026-12-25]\n[calendar.regions.tw]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\nholidays = [2027-02-08]\n";

    /// Reference data the fuzzed file may point at.
    pub const SITES: &str = "sites:\n  - {id: us1}\n  - {id: tw1, region: tw}\nclusters:\n  - {id: c1, site: us1}\n  - {id: c2, site: tw1}\nvendors:\n  - {id: dell}\n";

    /// A small plan across both calendars, for the config fuzzer.
    pub const PLAN: &str = "milestones:\n  - {id: po, duration: 0, status: done, finished: 2026-10-02}\n  - {id: ship, duration: 10, cluster: c2, depends_on: [po], status: in_progress, started: 2026-10-05}\n  - {id: rack, duration: 5, cluster: c1, depends_on: [{id: ship, type: SS, lag: 3}], due: 2026-12-01}\n  - {id: accept, duration: 0, depends_on: [{id: rack, type: FF, lag: -1}], start_no_earlier: 2026-11-02}\nrisks:\n  - {id: r, probability: 0.5, impact_days: 3, affects: [rack]}\n";

    /// The data date of the fixed programs.
    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap_or_default()
    }
}
