//! The schedule: early and late dates, total float and drivers for every item (SPEC §2).
pub mod cpm;
pub mod late;
pub mod montecarlo;

use std::fmt;

use chrono::NaiveDate;

pub use cpm::{Focus, Known, focus, schedule, schedule_reusing};

/// What set an item's early start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    /// Progress: the actual dates stand.
    Actual,
    ProgramStart,
    Today,
    StartNoEarlier,
    /// The dependency at this position of the item's `deps`.
    Dep(usize),
}

/// One item's computed dates. Boundaries are in the item's own calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduled {
    pub s: i64,
    pub f: i64,
    pub ls: Option<i64>,
    pub lf: Option<i64>,
    /// Total float in the item's working days; `None` for done items.
    pub total_float: Option<i64>,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub late_start: Option<NaiveDate>,
    pub late_finish: Option<NaiveDate>,
    pub driver: Driver,
    /// In progress and its recorded forecast has passed (SPEC §2 "Forward pass").
    pub stale: bool,
    /// Float against the commitments downstream alone; `None` without any.
    pub commitment_float: Option<i64>,
    /// The commitment that binds the item (with its commitment float).
    pub commitment: Option<late::Tag>,
    /// The successor its commitment reaches it through (`None`: its own).
    pub commitment_via: Option<usize>,
}

/// The schedule of a whole program as of a data date.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub today: NaiveDate,
    /// Milestone indices in topological order, ties by id.
    pub order: Vec<usize>,
    pub items: Vec<Scheduled>,
    /// The latest finish date of all items (the program start when there are none).
    pub finish: NaiveDate,
}

/// The schedule cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleError {
    /// A date falls outside what the calendar can represent.
    OutOfRange { id: String },
    /// The graph has a cycle (validation reports these first).
    Cycle,
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleError::OutOfRange { id } => {
                write!(
                    f,
                    "the schedule of `{id}` runs beyond the dates milepost can represent; check its durations and lags"
                )
            }
            ScheduleError::Cycle => f.write_str("the dependency graph has a cycle"),
        }
    }
}

impl std::error::Error for ScheduleError {}
