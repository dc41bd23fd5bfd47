//! Cluster forecasts: each cluster's ready date against its committed `ready_by`.
use chrono::NaiveDate;

use super::{Health, Plan};

/// One cluster's forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterForecast {
    pub cluster: usize,
    /// The latest finish of its milestones; `None` when it has none.
    pub forecast_ready: Option<NaiveDate>,
    /// Working days the forecast is past `ready_by` (0 when on time or uncommitted).
    pub slip: i64,
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
            health: None,
            milestones: 0,
        })
        .collect();
    let mut last_f: Vec<Option<i64>> = vec![None; p.clusters.len()];
    for (i, m) in p.milestones.iter().enumerate() {
        let Some(c) = m.cluster else { continue };
        let it = &plan.schedule.items[i];
        let fc = &mut out[c];
        fc.milestones += 1;
        fc.forecast_ready = fc.forecast_ready.max(Some(it.finish));
        last_f[c] = last_f[c].max(Some(it.f));
        fc.health = fc.health.max(Some(plan.assessments[i].health));
    }
    for fc in &mut out {
        let cluster = &p.clusters[fc.cluster];
        let cal = &p.calendars[p.sites[cluster.site].calendar];
        if let (Some(ready_by), Some(f)) = (cluster.ready_by, last_f[fc.cluster]) {
            fc.slip = (f - cal.finish_by(ready_by)).max(0);
            // A late forecast is slipping work; a cluster whose work is all done is done.
            if fc.slip > 0 && fc.health != Some(Health::Done) {
                fc.health = fc.health.max(Some(Health::Slipping));
            }
        }
    }
    out
}
