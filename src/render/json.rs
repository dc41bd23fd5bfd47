//! JSON output (SPEC §3): dates `YYYY-MM-DD`, numbers in working days, absent = null.
use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::Plan;
use crate::analysis::baseline::{Baseline, Variance};
use crate::analysis::clusters::ClusterForecast;

pub use crate::model::Date;

fn date(d: Option<NaiveDate>) -> Option<Date> {
    d.map(Date)
}

fn to_string<T: Serialize>(value: &T) -> String {
    let mut out =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// `critical --format json`: `{"finish": DATE, "path": [ids]}`.
pub fn critical(plan: &Plan, path: &[usize], baseline: Option<&Baseline>) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        finish: Date,
        path: Vec<&'a str>,
        /// With a baseline: the baseline's program finish and the variance to it.
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline_finish: Option<Option<Date>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        variance: Option<Option<i64>>,
    }
    let v = baseline.map(|b| b.program(plan));
    to_string(&Out {
        baseline_finish: v.map(|v| v.baseline_finish.map(Date)),
        variance: v.map(|v| v.variance),
        finish: Date(plan.schedule.finish),
        path: path
            .iter()
            .map(|&i| plan.program.milestones[i].id.as_str())
            .collect(),
    })
}

/// `clusters --format json`.
pub fn clusters(
    plan: &Plan,
    forecasts: &[ClusterForecast],
    baseline: Option<&[Variance]>,
) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        site: &'a str,
        gpu: Option<&'a str>,
        gpus: u64,
        allocated_gpus: u64,
        lifecycle: &'static str,
        ready_by: Option<Date>,
        forecast_ready: Option<Date>,
        slip: i64,
        health: Option<&'static str>,
        milestones: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline_finish: Option<Option<Date>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        variance: Option<Option<i64>>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        clusters: Vec<Row<'a>>,
    }
    let p = &plan.program;
    let rows = forecasts
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let c = &p.clusters[f.cluster];
            Row {
                id: &c.id,
                site: &p.sites[c.site].id,
                gpu: c.gpu.as_deref(),
                gpus: c.gpus,
                allocated_gpus: c.allocated_gpus,
                lifecycle: c.lifecycle.as_str(),
                ready_by: date(c.ready_by),
                forecast_ready: date(f.forecast_ready),
                slip: f.slip,
                health: f.health.map(|h| h.as_str()),
                milestones: f.milestones,
                baseline_finish: baseline.map(|b| b[n].baseline_finish.map(Date)),
                variance: baseline.map(|b| b[n].variance),
            }
        })
        .collect();
    to_string(&Out { clusters: rows })
}

/// Serializes any value as pretty JSON with a trailing newline.
pub fn value<T: Serialize>(value: &T) -> String {
    to_string(value)
}
