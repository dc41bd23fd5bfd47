//! Derived fields per item (SPEC §2): critical, slip and health.
use std::fmt;

use crate::load::raw::Status;
use crate::model::Program;
use crate::schedule::Schedule;

/// An item's health, in the order SPEC §2 tests them (done first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Health {
    Done,
    OnTrack,
    AtRisk,
    Slipping,
    Overdue,
}

impl Health {
    /// All values, best to worst.
    pub const ALL: [Health; 5] = [
        Health::Done,
        Health::OnTrack,
        Health::AtRisk,
        Health::Slipping,
        Health::Overdue,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Done => "done",
            Health::OnTrack => "on_track",
            Health::AtRisk => "at_risk",
            Health::Slipping => "slipping",
            Health::Overdue => "overdue",
        }
    }

    /// Parses a name as written on the command line (`at-risk` or `at_risk`).
    pub fn parse(text: &str) -> Option<Health> {
        let t = text.replace('-', "_");
        Health::ALL.into_iter().find(|h| h.as_str() == t)
    }
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the schedule means for one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub critical: bool,
    /// Working days past `due` (0 without one).
    pub slip: i64,
    pub health: Health,
}

/// Assesses every item.
pub fn assess(program: &Program, schedule: &Schedule) -> Vec<Assessment> {
    let at_risk = program.config.policy.at_risk_days;
    program
        .milestones
        .iter()
        .zip(&schedule.items)
        .map(|(m, it)| {
            let done = m.status == Status::Done;
            let cal = &program.calendars[m.calendar];
            let slip = m.due.map_or(0, |due| (it.f - cal.finish_by(due)).max(0));
            let tf = it.total_float.unwrap_or(0);
            let health = if done {
                Health::Done
            } else if m.due.is_some_and(|due| due < schedule.today) {
                Health::Overdue
            } else if tf < 0 {
                Health::Slipping
            } else if tf < at_risk {
                Health::AtRisk
            } else {
                Health::OnTrack
            };
            Assessment {
                critical: !done && tf <= 0,
                slip,
                health,
            }
        })
        .collect()
}
