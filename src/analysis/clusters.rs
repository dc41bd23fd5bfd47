//! Cluster forecasts: each cluster's ready date against its committed `ready_by`.
use chrono::NaiveDate;
use serde::Serialize;

use super::baseline::Baseline;
use super::{Health, Plan};
use crate::model::{Date, Lifecycle};

/// One cluster's forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterForecast {
    pub cluster: usize,
    /// The latest finish of its milestones; `None` when it has none.
    pub forecast_ready: Option<NaiveDate>,
    /// Working days the forecast is past `ready_by` (0 when on time or uncommitted).
    pub slip: i64,
    /// Working days from the forecast to `ready_by` (negative: late); `None` without a
    /// `ready_by` or milestones. The cluster's margin to its commitment.
    pub ready_by_float: Option<i64>,
    /// The worst health of its milestones; at least `slipping` when the forecast is
    /// past `ready_by`. `None` when it has no milestones.
    pub health: Option<Health>,
    pub milestones: usize,
}

/// Forecasts every cluster, in file order.
pub fn forecast(plan: &Plan) -> Vec<ClusterForecast> {
    let p = &plan.program;
    let mut out: Vec<ClusterForecast> = (0..p.clusters.len())
        .map(|cluster| ClusterForecast {
            cluster,
            forecast_ready: None,
            slip: 0,
            ready_by_float: None,
            health: None,
            milestones: 0,
        })
        .collect();
    for (i, m) in p.milestones.iter().enumerate() {
        let Some(c) = m.cluster else { continue };
        let it = &plan.schedule.items[i];
        let fc = &mut out[c];
        fc.milestones += 1;
        fc.forecast_ready = fc.forecast_ready.max(Some(it.finish));
        fc.health = fc.health.max(Some(plan.assessments[i].health));
    }
    for fc in &mut out {
        let cluster = &p.clusters[fc.cluster];
        let cal = &p.calendars[p.sites[cluster.site].calendar];
        // Items may count in other calendars (`calendar:`): compare dates, counted in
        // the cluster's site calendar.
        if let (Some(ready_by), Some(ready)) = (cluster.ready_by, fc.forecast_ready) {
            let float = cal.finish_by(ready_by) - cal.finish_by(ready);
            fc.ready_by_float = Some(float);
            fc.slip = (-float).max(0);
            // A late forecast is slipping work; a cluster whose work is all done is done.
            if fc.slip > 0 && fc.health != Some(Health::Done) {
                fc.health = fc.health.max(Some(Health::Slipping));
            }
        }
    }
    out
}

/// One row of `clusters --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterRecord<'a> {
    pub id: &'a str,
    pub site: &'a str,
    pub gpu: Option<&'a str>,
    pub gpus: u64,
    pub allocated_gpus: u64,
    pub lifecycle: Lifecycle,
    pub ready_by: Option<Date>,
    pub forecast_ready: Option<Date>,
    pub slip: i64,
    pub ready_by_float: Option<i64>,
    pub health: Option<Health>,
    pub milestones: usize,
    /// With a baseline only: the baseline's ready date, and the variance in working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<Option<Date>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variance: Option<Option<i64>>,
}

/// `clusters`: every cluster's forecast ready date against its commitment.
#[derive(Serialize)]
pub struct ClustersView<'a> {
    pub clusters: Vec<ClusterRecord<'a>>,
    /// Whether the table shows baseline columns.
    #[serde(skip)]
    pub baseline: bool,
}

impl<'a> ClustersView<'a> {
    /// Every cluster, in file order, against `baseline` when there is one.
    pub fn new(plan: &'a Plan, baseline: Option<&Baseline>) -> ClustersView<'a> {
        let p = &plan.program;
        let clusters = forecast(plan)
            .into_iter()
            .map(|f| {
                let c = &p.clusters[f.cluster];
                let v = baseline.map(|b| b.cluster(plan, f.cluster, f.forecast_ready));
                ClusterRecord {
                    id: &c.id,
                    site: &p.sites[c.site].id,
                    gpu: c.gpu.as_deref(),
                    gpus: c.gpus,
                    allocated_gpus: c.allocated_gpus,
                    lifecycle: c.lifecycle,
                    ready_by: c.ready_by.map(Date),
                    forecast_ready: f.forecast_ready.map(Date),
                    slip: f.slip,
                    ready_by_float: f.ready_by_float,
                    health: f.health,
                    milestones: f.milestones,
                    baseline_finish: v.map(|v| v.baseline_finish.map(Date)),
                    variance: v.map(|v| v.variance),
                }
            })
            .collect();
        ClustersView {
            clusters,
            baseline: baseline.is_some(),
        }
    }
}
