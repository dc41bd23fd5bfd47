//! Analyses over a schedule: health, slip and criticality per item, cluster forecasts,
//! the `check` gate, what drives an item, and for reports the overall status, KPIs,
//! vendor accountability, risk exposure and a bounded timeline.
pub mod baseline;
pub mod check;
pub mod check_commitments;
pub mod check_slip;
pub mod clusters;
pub mod commitment_diff;
pub mod commitments;
pub mod confidence;
pub mod critical;
pub mod diff;
pub mod diff_view;
pub mod drivers;
pub mod edit_view;
pub mod gantt;
pub mod health;
pub mod history;
pub mod kpi;
pub mod lint;
pub mod lint_checks;
pub mod lint_ci;
pub mod lint_diff;
mod lint_path;
pub mod overall;
pub mod records;
pub mod revisions;
pub mod risk_diff;
pub mod risk_view;
pub mod risks;
pub mod scope;
pub mod show;
pub mod status;
pub mod timeline;
pub mod vendor_threats;
pub mod vendors;

use chrono::NaiveDate;

use crate::model::Program;
use crate::schedule::{self, Schedule, ScheduleError};
pub use health::{Assessment, Health};

/// A program with its schedule and per-item assessment: what every report renders.
pub struct Plan {
    pub program: Program,
    pub schedule: Schedule,
    pub assessments: Vec<Assessment>,
}

impl Plan {
    /// Schedules and assesses `program` as of `today`.
    pub fn new(program: Program, today: NaiveDate) -> Result<Plan, ScheduleError> {
        Plan::reusing(program, today, None)
    }

    /// [`Plan::new`], reusing the topological order of an earlier plan of a program
    /// with the same ids and dependencies (see [`schedule::schedule_reusing`]).
    pub fn reusing(
        program: Program,
        today: NaiveDate,
        order: Option<Vec<usize>>,
    ) -> Result<Plan, ScheduleError> {
        let schedule = schedule::schedule_reusing(&program, today, order)?;
        let assessments = health::assess(&program, &schedule);
        Ok(Plan {
            program,
            schedule,
            assessments,
        })
    }

    /// Items in topological order, each with its index.
    pub fn in_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.schedule.order.iter().copied()
    }

    /// The critical items (TF <= 0, not done) in order of start, then id (SPEC §3).
    pub fn critical_path(&self) -> Vec<usize> {
        let mut path: Vec<usize> = (0..self.program.milestones.len())
            .filter(|&i| self.assessments[i].critical)
            .collect();
        path.sort_by(|&a, &b| {
            let (ia, ib) = (&self.schedule.items[a], &self.schedule.items[b]);
            ia.start.cmp(&ib.start).then_with(|| {
                self.program.milestones[a]
                    .id
                    .cmp(&self.program.milestones[b].id)
            })
        });
        path
    }
}
