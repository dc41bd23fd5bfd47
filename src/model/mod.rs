//! The checked program: every reference resolved to an index, every date parsed.
use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::diag::Files;
pub use crate::diag::Origin;

pub mod config;
pub mod graph;
pub mod lint;
pub mod vocab;

pub use config::Config;
pub use vocab::*;

/// A date in output: serializes as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl From<Date> for NaiveDate {
    fn from(date: Date) -> NaiveDate {
        date.0
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Formatted by hand: chrono's format machinery was 5% of a 100k-item JSON status.
        use chrono::Datelike;
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&y) {
            return s.collect_str(&self.0.format("%Y-%m-%d"));
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y as u32;
        let b = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        s.serialize_str(std::str::from_utf8(&b).unwrap_or("0000-00-00"))
    }
}

/// A valid program, ready to schedule.
#[derive(Clone, Debug)]
pub struct Program {
    pub config: Config,
    /// Calendar 0 is the program calendar; then one per region, in key order.
    pub calendars: Vec<Calendar>,
    pub calendar_names: Vec<String>,
    pub sites: Vec<Site>,
    pub clusters: Vec<Cluster>,
    pub vendors: Vec<Vendor>,
    pub milestones: Vec<Milestone>,
    pub risks: Vec<Risk>,
    /// The files read, for pointing at items in messages.
    pub files: Files,
}

/// A data-center site.
#[derive(Debug, Clone)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    pub timezone: Option<String>,
    pub partner: Option<usize>,
    pub power_mw: Option<f64>,
    pub country: Option<String>,
    pub calendar: usize,
    pub origin: Origin,
}

/// A GPU cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub id: String,
    pub site: usize,
    pub gpu: Option<String>,
    pub gpus: u64,
    pub lifecycle: Lifecycle,
    pub allocated_gpus: u64,
    pub ready_by: Option<NaiveDate>,
    pub retire_by: Option<NaiveDate>,
    pub customer: Option<String>,
    pub origin: Origin,
}

/// A vendor or partner.
#[derive(Debug, Clone)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub timezone: Option<String>,
    pub contact: Option<String>,
    pub lead_time_days: Option<u64>,
    pub contract: Option<String>,
    pub origin: Origin,
}

/// A dependency on a predecessor milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dep {
    pub pred: usize,
    pub relation: Relation,
    pub lag: i64,
    /// Position in the item's `depends_on` list (for pointing at it).
    pub index: usize,
}

/// A task (duration >= 1) or milestone event (duration 0).
#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: String,
    pub name: String,
    pub site: Option<usize>,
    pub cluster: Option<usize>,
    pub vendor: Option<usize>,
    pub owner: Option<String>,
    pub kind: Kind,
    pub duration: i64,
    /// `duration_range`: the working days it may take, for the risk analysis (SPEC §5).
    pub duration_range: Option<[i64; 2]>,
    pub deps: Vec<Dep>,
    pub start_no_earlier: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub started: Option<NaiveDate>,
    pub finished: Option<NaiveDate>,
    /// The owner's forecast of the last working day (in progress only).
    pub expected_finish: Option<NaiveDate>,
    /// Working days left as of `as_of` (in progress only).
    pub remaining: Option<i64>,
    /// The day the `remaining` estimate was made.
    pub as_of: Option<NaiveDate>,
    pub notes: Option<String>,
    pub links: Vec<String>,
    /// The index of its calendar in [`Program::calendars`].
    pub calendar: usize,
    /// The calendar it names itself (`calendar:`), before its site's region applies.
    pub own_calendar: Option<usize>,
    pub origin: Origin,
}

impl Milestone {
    /// Whether this is a milestone event (duration 0).
    pub fn is_event(&self) -> bool {
        self.duration == 0
    }
}

/// A schedule risk.
#[derive(Debug, Clone)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub probability: f64,
    pub impact_days: i64,
    pub affects: Vec<usize>,
    pub mitigation: Option<String>,
    pub status: RiskStatus,
    pub origin: Origin,
}

impl Program {
    /// The index of the milestone with this id.
    pub fn milestone_index(&self, id: &str) -> Option<usize> {
        self.milestones.iter().position(|m| m.id == id)
    }

    /// The site of a milestone: its own, or its cluster's.
    pub fn site_of(&self, m: &Milestone) -> Option<usize> {
        m.site.or_else(|| m.cluster.map(|c| self.clusters[c].site))
    }
}
