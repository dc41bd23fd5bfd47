//! The settings of a program (`milepost.toml`), checked: what the rest of milepost reads.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::lint::LintSettings;
use super::vocab::FailOn;
use crate::calendar::CalendarSpec;
use crate::limits::Limits;

/// The settings of a program, checked.
#[derive(Clone, Debug)]
pub struct Config {
    pub name: String,
    pub start: NaiveDate,
    /// `[program] finish_by`: every item finishes by the end of this day.
    pub finish_by: Option<NaiveDate>,
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
}

/// Thresholds and the `check` gate.
#[derive(Clone, Debug)]
pub struct Policy {
    pub at_risk_days: i64,
    pub fail_on: Vec<FailOn>,
}
