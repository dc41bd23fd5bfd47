//! Variance against a baseline: the plan as a git revision (typically a tag) had it.
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Plan, clusters};

/// The finish dates a baseline plan forecast, by id.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The revision as named (`baseline/2026-q4`).
    pub rev: String,
    items: HashMap<String, NaiveDate>,
    clusters: HashMap<String, NaiveDate>,
    finish: Option<NaiveDate>,
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
