//! The settings of a program (`milepost.toml`), checked: what the rest of milepost reads.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::lint::LintSettings;
use super::vocab::{Distribution, FailOn, Kind};
use crate::calendar::CalendarSpec;
use crate::diag::Loc;
use crate::limits::Limits;

/// The settings of a program, checked.
#[derive(Clone, Debug)]
pub struct Config {
    pub name: String,
    pub start: NaiveDate,
    /// `[program] finish_by`: every item finishes by the end of this day.
    pub finish_by: Option<NaiveDate>,
    /// Where `finish_by` is written in milepost.toml (for annotations).
    pub finish_by_at: Option<Loc>,
    pub timezone: Tz,
    pub exclude: Vec<String>,
    /// The baseline revision, if the program names one.
    pub baseline: Option<String>,
    pub calendar: CalendarSpec,
    /// Region calendars by key, each already merged with the program calendar.
    pub regions: BTreeMap<String, CalendarSpec>,
    pub policy: Policy,
    /// Schedule quality checks (`[lint]`).
    pub lint: LintSettings,
    /// Input limits (`[limits]`).
    pub limits: Limits,
    /// `[risk]`: the schedule risk analysis (SPEC §5).
    pub risk: RiskSettings,
}

/// `[risk]` and `[risk.ranges]`: how `milepost risk` simulates (SPEC §5).
#[derive(Clone, Debug, PartialEq)]
pub struct RiskSettings {
    /// Iterations (default 10,000; 1..=1,000,000).
    pub iterations: u32,
    /// The seed (default 1).
    pub seed: u64,
    pub distribution: Distribution,
    /// Default duration ranges by kind, as factors `[min, max]` of the duration.
    pub ranges: Vec<(Kind, [f64; 2])>,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            iterations: 10_000,
            seed: 1,
            distribution: Distribution::Pert,
            ranges: Vec::new(),
        }
    }
}

impl RiskSettings {
    /// The most iterations `[risk] iterations` and `--iterations` accept.
    pub const MAX_ITERATIONS: u32 = 1_000_000;

    /// The factor range `[risk.ranges]` gives a kind, if any.
    pub fn range_of(&self, kind: Kind) -> Option<[f64; 2]> {
        self.ranges
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, r)| *r)
    }
}

/// Thresholds and the `check` gate.
#[derive(Clone, Debug)]
pub struct Policy {
    pub at_risk_days: i64,
    pub fail_on: Vec<FailOn>,
    /// `check --fail-on confidence` fails a commitment below this probability.
    pub min_probability: f64,
}
