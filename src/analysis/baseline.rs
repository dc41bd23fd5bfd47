//! Variance against a baseline: the plan as a git revision (typically a tag) had it.
use std::collections::HashMap;

use chrono::NaiveDate;

use serde::Serialize;

use super::{Plan, clusters};
use crate::model::Status;

/// The finish dates a baseline plan forecast, by id.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The revision as named (`baseline/2026-q4`).
    pub rev: String,
    items: HashMap<String, NaiveDate>,
    /// Durations (working days) by id, for the lint's high-duration check.
    durations: HashMap<String, i64>,
    clusters: HashMap<String, NaiveDate>,
    finish: Option<NaiveDate>,
}

/// The baseline execution index: items finished by today against the items the
/// baseline planned to finish by today (both among the items the baseline has).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Execution {
    /// Items done now that the baseline also has.
    pub finished: usize,
    /// Items whose baseline finish is on or before today.
    pub planned: usize,
    /// finished / planned; null when nothing was planned to finish yet. Above 1 is
    /// ahead of the baseline.
    pub index: Option<f64>,
}

/// A baseline finish and the variance to it in working days (positive = later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variance {
    pub baseline_finish: Option<NaiveDate>,
    pub variance: Option<i64>,
}

impl Baseline {
    /// Records what `plan` (the baseline revision's plan) forecast.
    pub fn new(rev: String, plan: &Plan) -> Baseline {
        let items = plan
            .program
            .milestones
            .iter()
            .zip(&plan.schedule.items)
            .map(|(m, it)| (m.id.clone(), it.finish))
            .collect();
        let durations = plan
            .program
            .milestones
            .iter()
            .map(|m| (m.id.clone(), m.duration))
            .collect();
        let clusters = clusters::forecast(plan)
            .into_iter()
            .filter_map(|f| {
                f.forecast_ready
                    .map(|d| (plan.program.clusters[f.cluster].id.clone(), d))
            })
            .collect();
        Baseline {
            rev,
            items,
            durations,
            clusters,
            finish: Some(plan.schedule.finish),
        }
    }

    /// Item `i` of `plan` against the baseline.
    pub fn item(&self, plan: &Plan, i: usize) -> Variance {
        let m = &plan.program.milestones[i];
        self.variance(
            plan,
            m.calendar,
            self.items.get(&m.id).copied(),
            Some(plan.schedule.items[i].finish),
        )
    }

    /// The finish the baseline forecast for the item with this id.
    pub fn planned_finish(&self, id: &str) -> Option<NaiveDate> {
        self.items.get(id).copied()
    }

    /// The duration the baseline had for the item with this id.
    pub fn planned_duration(&self, id: &str) -> Option<i64> {
        self.durations.get(id).copied()
    }

    /// The baseline execution index over `items` of `plan` as of its today. Items the
    /// baseline does not have (added since) count in neither part.
    pub fn execution(&self, plan: &Plan, items: &[usize]) -> Execution {
        let today = plan.schedule.today;
        let (mut finished, mut planned) = (0, 0);
        for &i in items {
            let m = &plan.program.milestones[i];
            let Some(base) = self.planned_finish(&m.id) else {
                continue;
            };
            planned += usize::from(base <= today);
            finished += usize::from(m.status == Status::Done);
        }
        Execution {
            finished,
            planned,
            index: (planned > 0).then(|| finished as f64 / planned as f64),
        }
    }

    /// The program finish of `plan` against the baseline's (program calendar).
    pub fn program(&self, plan: &Plan) -> Variance {
        self.variance(plan, 0, self.finish, Some(plan.schedule.finish))
    }

    /// Cluster `c` of `plan` (with its forecast ready date) against the baseline.
    pub fn cluster(&self, plan: &Plan, c: usize, forecast: Option<NaiveDate>) -> Variance {
        let cluster = &plan.program.clusters[c];
        let calendar = plan.program.sites[cluster.site].calendar;
        self.variance(
            plan,
            calendar,
            self.clusters.get(&cluster.id).copied(),
            forecast,
        )
    }

    fn variance(
        &self,
        plan: &Plan,
        calendar: usize,
        base: Option<NaiveDate>,
        now: Option<NaiveDate>,
    ) -> Variance {
        let cal = &plan.program.calendars[calendar];
        let variance = base
            .zip(now)
            .map(|(b, n)| cal.last_on_or_before(n) - cal.last_on_or_before(b));
        Variance {
            baseline_finish: base,
            variance,
        }
    }
}
