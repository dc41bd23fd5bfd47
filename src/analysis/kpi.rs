//! The program's operating metrics (docs/kpis.md defines each one): GPU utilisation,
//! provisioning lead time, on-time delivery, schedule health, and with a baseline the
//! finish variance per cluster and the baseline execution index. Ratios are 0..1.
use serde::{Serialize, Serializer};

use super::baseline::{Baseline, Execution};
use super::clusters::ClusterForecast;
use super::scope::Scope;
use super::{Health, Plan};
use crate::model::Date;
use crate::model::{Kind, Lifecycle, Status};

/// Every KPI of a scope.
#[derive(Clone, Debug, Serialize)]
pub struct Kpis {
    pub today: Date,
    pub utilisation: Utilisation,
    pub provisioning_lead_time: LeadTimes,
    pub on_time: OnTime,
    pub health: HealthKpis,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineKpis>,
    /// Commitments held at P80 or better (`milepost risk`); `kpi` sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<super::confidence::ConfidenceKpi>,
}

/// GPU utilisation of the production clusters.
#[derive(Clone, Debug, Serialize)]
pub struct Utilisation {
    /// Allocated / total GPUs over every production cluster; null without one.
    pub overall: Option<f64>,
    pub gpus: u64,
    pub allocated: u64,
    pub clusters: Vec<ClusterUse>,
}

/// One production cluster's utilisation.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterUse {
    pub id: String,
    pub gpus: u64,
    pub allocated: u64,
    pub ratio: Option<f64>,
}

/// Provisioning lead time per cluster, calendar days.
#[derive(Clone, Debug, Serialize)]
pub struct LeadTimes {
    #[serde(serialize_with = "days")]
    pub median_days: Option<f64>,
    pub clusters: Vec<LeadTime>,
}

/// One cluster's lead time: its first procurement start to its handover finish.
#[derive(Clone, Debug, Serialize)]
pub struct LeadTime {
    pub id: String,
    pub days: i64,
    /// Both ends are actual dates (the procurement started, the handover is done).
    pub actual: bool,
    pub from: Date,
    pub to: Date,
    pub from_item: String,
    pub to_item: String,
}

/// On time: done items with a `due` that finished on or before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Share {
    pub ratio: Option<f64>,
    pub done_with_due: usize,
    pub on_time: usize,
}

impl Share {
    /// Counts one done item with a due.
    pub fn add(&mut self, on_time: bool) {
        self.done_with_due += 1;
        self.on_time += usize::from(on_time);
        self.ratio = Some(self.on_time as f64 / self.done_with_due as f64);
    }
}

/// On-time delivery overall, per kind and per site.
#[derive(Clone, Debug, Serialize)]
pub struct OnTime {
    pub overall: Option<f64>,
    pub done_with_due: usize,
    pub on_time: usize,
    #[serde(serialize_with = "map")]
    pub by_kind: Vec<(String, Share)>,
    #[serde(serialize_with = "map")]
    pub by_site: Vec<(String, Share)>,
}

/// Schedule health: counts per health, negative float, the critical path.
#[derive(Clone, Debug, Serialize)]
pub struct HealthKpis {
    pub milestones: usize,
    #[serde(serialize_with = "map")]
    pub counts: Vec<(String, usize)>,
    /// The sum of the negative total floats, working days (0 or less).
    pub total_negative_float: i64,
    pub negative_float_items: usize,
    /// Items on the critical path (critical: not done, total float <= 0).
    pub critical: usize,
    /// Work in progress whose recorded forecast has passed (SPEC v2 `stale`).
    pub stale: usize,
}

/// Variance against a baseline.
#[derive(Clone, Debug, Serialize)]
pub struct BaselineKpis {
    pub rev: String,
    pub finish: FinishVariance,
    pub clusters: Vec<ClusterVariance>,
    pub execution_index: Execution,
}

/// The program finish against the baseline's.
#[derive(Clone, Debug, Serialize)]
pub struct FinishVariance {
    pub baseline: Option<Date>,
    pub forecast: Date,
    pub variance: Option<i64>,
}

/// A cluster's forecast ready date against the baseline's.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterVariance {
    pub id: String,
    pub baseline_finish: Option<Date>,
    pub forecast_ready: Option<Date>,
    pub variance: Option<i64>,
}

fn map<S: Serializer, T: Serialize>(pairs: &[(String, T)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// Whole days as JSON integers, halves as decimals.
fn days<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// Computes every KPI of `scope`; `items` are the items in scope.
pub fn compute(
    plan: &Plan,
    scope: &Scope,
    items: &[usize],
    forecasts: &[ClusterForecast],
    baseline: Option<&Baseline>,
) -> Kpis {
    Kpis {
        today: Date(plan.schedule.today),
        utilisation: utilisation(plan, scope),
        provisioning_lead_time: lead_times(plan, scope, items),
        on_time: on_time(plan, items),
        health: health(plan, items),
        baseline: baseline.map(|b| baseline_kpis(plan, scope, items, forecasts, b)),
        confidence: None,
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn utilisation(plan: &Plan, scope: &Scope) -> Utilisation {
    let p = &plan.program;
    let clusters: Vec<ClusterUse> = (0..p.clusters.len())
        .filter(|&c| scope.cluster(p, c) && p.clusters[c].lifecycle == Lifecycle::Production)
        .map(|c| {
            let cl = &p.clusters[c];
            ClusterUse {
                id: cl.id.clone(),
                gpus: cl.gpus,
                allocated: cl.allocated_gpus,
                ratio: ratio(cl.allocated_gpus, cl.gpus),
            }
        })
        .collect();
    let gpus = clusters.iter().map(|c| c.gpus).sum();
    let allocated = clusters.iter().map(|c| c.allocated).sum();
    Utilisation {
        overall: ratio(allocated, gpus),
        gpus,
        allocated,
        clusters,
    }
}

fn lead_times(plan: &Plan, scope: &Scope, items: &[usize]) -> LeadTimes {
    let p = &plan.program;
    let n = p.clusters.len();
    // Per cluster: the procurement item that starts first, the handover that finishes last.
    let mut first: Vec<Option<usize>> = vec![None; n];
    let mut last: Vec<Option<usize>> = vec![None; n];
    let start = |i: usize| plan.schedule.items[i].start;
    let finish = |i: usize| plan.schedule.items[i].finish;
    for &i in items {
        let m = &p.milestones[i];
        let Some(c) = m.cluster else { continue };
        match m.kind {
            Kind::Procurement if first[c].is_none_or(|f| start(i) < start(f)) => {
                first[c] = Some(i);
            }
            Kind::Handover if last[c].is_none_or(|l| finish(i) > finish(l)) => last[c] = Some(i),
            _ => {}
        }
    }
    let clusters: Vec<LeadTime> = (0..n)
        .filter(|&c| scope.cluster(p, c))
        .filter_map(|c| {
            let (from, to) = (first[c]?, last[c]?);
            let (a, b) = (start(from), finish(to));
            Some(LeadTime {
                id: p.clusters[c].id.clone(),
                days: (b - a).num_days(),
                actual: p.milestones[from].status != Status::NotStarted
                    && p.milestones[to].status == Status::Done,
                from: Date(a),
                to: Date(b),
                from_item: p.milestones[from].id.clone(),
                to_item: p.milestones[to].id.clone(),
            })
        })
        .collect();
    let mut days: Vec<i64> = clusters.iter().map(|c| c.days).collect();
    days.sort_unstable();
    LeadTimes {
        median_days: median(&days),
        clusters,
    }
}

/// The median of sorted values; the mean of the two middle ones for an even count.
pub fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// Whether done item `i` with a due finished on or before it.
pub fn finished_on_time(plan: &Plan, i: usize) -> Option<bool> {
    let m = &plan.program.milestones[i];
    match (m.status, m.due) {
        (Status::Done, Some(due)) => Some(plan.schedule.items[i].finish <= due),
        _ => None,
    }
}

fn on_time(plan: &Plan, items: &[usize]) -> OnTime {
    let p = &plan.program;
    let mut all = Share::default();
    let mut by_kind = vec![Share::default(); Kind::ALL.len()];
    let mut by_site = vec![Share::default(); p.sites.len()];
    for &i in items {
        let Some(ok) = finished_on_time(plan, i) else {
            continue;
        };
        let m = &p.milestones[i];
        all.add(ok);
        if let Some(k) = Kind::ALL.iter().position(|k| *k == m.kind) {
            by_kind[k].add(ok);
        }
        if let Some(s) = p.site_of(m) {
            by_site[s].add(ok);
        }
    }
    let keep = |(name, share): (String, Share)| (share.done_with_due > 0).then_some((name, share));
    OnTime {
        overall: all.ratio,
        done_with_due: all.done_with_due,
        on_time: all.on_time,
        by_kind: Kind::ALL
            .iter()
            .map(|k| k.as_str().to_string())
            .zip(by_kind)
            .filter_map(keep)
            .collect(),
        by_site: p
            .sites
            .iter()
            .map(|s| s.id.clone())
            .zip(by_site)
            .filter_map(keep)
            .collect(),
    }
}

fn health(plan: &Plan, items: &[usize]) -> HealthKpis {
    let counts = Health::ALL
        .iter()
        .map(|h| {
            let n = items
                .iter()
                .filter(|&&i| plan.assessments[i].health == *h)
                .count();
            (h.as_str().to_string(), n)
        })
        .collect();
    let negative: Vec<i64> = items
        .iter()
        .filter_map(|&i| plan.schedule.items[i].total_float)
        .filter(|f| *f < 0)
        .collect();
    HealthKpis {
        milestones: items.len(),
        counts,
        total_negative_float: negative.iter().sum(),
        negative_float_items: negative.len(),
        critical: items
            .iter()
            .filter(|&&i| plan.assessments[i].critical)
            .count(),
        stale: items
            .iter()
            .filter(|&&i| plan.schedule.items[i].stale)
            .count(),
    }
}

fn baseline_kpis(
    plan: &Plan,
    scope: &Scope,
    items: &[usize],
    forecasts: &[ClusterForecast],
    b: &Baseline,
) -> BaselineKpis {
    let p = &plan.program;
    let finish = b.program(plan);
    BaselineKpis {
        rev: b.rev.clone(),
        finish: FinishVariance {
            baseline: finish.baseline_finish.map(Date),
            forecast: Date(plan.schedule.finish),
            variance: finish.variance,
        },
        clusters: forecasts
            .iter()
            .filter(|f| scope.cluster(p, f.cluster))
            .map(|f| {
                let v = b.cluster(plan, f.cluster, f.forecast_ready);
                ClusterVariance {
                    id: p.clusters[f.cluster].id.clone(),
                    baseline_finish: v.baseline_finish.map(Date),
                    forecast_ready: f.forecast_ready.map(Date),
                    variance: v.variance,
                }
            })
            .collect(),
        execution_index: b.execution(plan, items),
    }
}
