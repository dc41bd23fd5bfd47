//! Vendor accountability: per vendor, its items done and open, on-time delivery, days
//! late, forecast slip, the commitments its open items threaten, its worst open item,
//! and its quoted lead time against the actual lead time of what it delivered. Ranked
//! worst first (docs/reports.md).
use std::cmp::Reverse;

use serde::Serialize;

use super::kpi::{Share, finished_on_time};
use super::records::CommitmentRecord;
use super::scope::Scope;
use super::vendor_threats::{Threat, ThreatRecord, least_commitment_float, threats};
use super::{Health, Plan};
use crate::model::{Category, Date, Kind, Status};

/// One vendor's record.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorScore {
    pub vendor: usize,
    /// Items naming the vendor, in scope.
    pub items: usize,
    /// Of them, `delivery` items.
    pub deliveries: usize,
    pub done: usize,
    pub open: usize,
    /// Done items with a due that finished on or before it.
    pub on_time: Share,
    /// The mean slip (working days past due) of its done items with a due.
    pub mean_days_late: Option<f64>,
    /// The largest forecast slip of its open items, working days.
    pub forecast_slip: i64,
    /// Open items that are overdue or slipping.
    pub late_open: usize,
    /// The least commitment float of its open items (`None`: no commitment binds them).
    pub commitment_float: Option<i64>,
    /// The commitments its open items threaten, worst first.
    pub threats: Vec<Threat>,
    /// The open item in the worst state: worst health, largest slip, least commitment
    /// float, least total float.
    pub worst_open: Option<usize>,
    pub quoted_lead_days: Option<u64>,
    /// The mean actual lead time of its done deliveries, calendar days from the order
    /// (its own procurement item upstream) to the delivery's finish.
    pub actual_lead_days: Option<f64>,
    /// How many deliveries that mean is over.
    pub lead_samples: usize,
}

/// Every vendor (in a site or cluster scope, those with items there), worst first: the
/// worst health of an open item, then the largest forecast slip, the least commitment
/// float, the lowest on-time share, the most days late, then by id.
pub fn scores(plan: &Plan, scope: &Scope, items: &[usize]) -> Vec<VendorScore> {
    let p = &plan.program;
    let mut by_vendor: Vec<Vec<usize>> = vec![Vec::new(); p.vendors.len()];
    for &i in items {
        if let Some(v) = p.milestones[i].vendor {
            by_vendor[v].push(i);
        }
    }
    let mut out: Vec<VendorScore> = by_vendor
        .iter()
        .enumerate()
        .map(|(v, list)| score(plan, v, list))
        // A site or cluster report names only the vendors that work there.
        .filter(|s| scope.is_all() || s.items > 0)
        .collect();
    out.sort_by(|a, b| {
        let key = |s: &VendorScore| {
            (
                Reverse(s.worst_open.map(|i| plan.assessments[i].health)),
                Reverse(s.forecast_slip),
                s.commitment_float.unwrap_or(i64::MAX),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| {
                let r = |s: &VendorScore| s.on_time.ratio.unwrap_or(1.0);
                r(a).total_cmp(&r(b))
            })
            .then_with(|| {
                let late = |s: &VendorScore| s.mean_days_late.unwrap_or(0.0);
                late(b).total_cmp(&late(a))
            })
            .then_with(|| p.vendors[a.vendor].id.cmp(&p.vendors[b.vendor].id))
    });
    out
}

fn score(plan: &Plan, vendor: usize, items: &[usize]) -> VendorScore {
    let p = &plan.program;
    let mut on_time = Share::default();
    let mut late_total = 0;
    let mut worst: Option<usize> = None;
    let mut leads = Vec::new();
    for &i in items {
        let m = &p.milestones[i];
        let a = &plan.assessments[i];
        if let Some(ok) = finished_on_time(plan, i) {
            on_time.add(ok);
            late_total += a.slip;
        }
        if m.status != Status::Done && worst.is_none_or(|w| rank(plan, i) > rank(plan, w)) {
            worst = Some(i);
        }
        if m.status == Status::Done
            && m.kind == Kind::Delivery
            && let Some(days) = lead_time(plan, vendor, i)
        {
            leads.push(days);
        }
    }
    let open: Vec<usize> = items
        .iter()
        .copied()
        .filter(|&i| p.milestones[i].status != Status::Done)
        .collect();
    VendorScore {
        vendor,
        items: items.len(),
        deliveries: items
            .iter()
            .filter(|&&i| p.milestones[i].kind == Kind::Delivery)
            .count(),
        done: items.len() - open.len(),
        open: open.len(),
        mean_days_late: (on_time.done_with_due > 0)
            .then(|| late_total as f64 / on_time.done_with_due as f64),
        on_time,
        forecast_slip: open
            .iter()
            .map(|&i| plan.assessments[i].slip)
            .max()
            .unwrap_or(0),
        late_open: open
            .iter()
            .filter(|&&i| {
                matches!(
                    plan.assessments[i].health,
                    Health::Overdue | Health::Slipping
                )
            })
            .count(),
        commitment_float: least_commitment_float(plan, items),
        threats: threats(plan, items),
        worst_open: worst,
        quoted_lead_days: p.vendors[vendor].lead_time_days,
        actual_lead_days: (!leads.is_empty())
            .then(|| leads.iter().sum::<i64>() as f64 / leads.len() as f64),
        lead_samples: leads.len(),
    }
}

/// How bad an open item is: health, then slip, then the least commitment float (none
/// counts as the most), then the least total float (larger = worse).
fn rank(plan: &Plan, i: usize) -> (Health, i64, Reverse<i64>, Reverse<i64>) {
    let a = &plan.assessments[i];
    let it = &plan.schedule.items[i];
    (
        a.health,
        a.slip,
        Reverse(it.commitment_float.unwrap_or(i64::MAX)),
        Reverse(it.total_float.unwrap_or(0)),
    )
}

/// The actual lead time of done delivery `item`: calendar days from the latest finish
/// of the vendor's own procurement items upstream of it (followed through
/// `depends_on`, stopping at each such item) to the delivery's finish.
fn lead_time(plan: &Plan, vendor: usize, item: usize) -> Option<i64> {
    let p = &plan.program;
    let mut seen = rustc_hash::FxHashSet::default();
    let mut stack: Vec<usize> = p.milestones[item].deps.iter().map(|d| d.pred).collect();
    let mut order = None;
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        let m = &p.milestones[i];
        if m.kind == Kind::Procurement && m.vendor == Some(vendor) {
            order = order.max(Some(plan.schedule.items[i].finish));
            continue;
        }
        stack.extend(m.deps.iter().map(|d| d.pred));
    }
    order.map(|o| (plan.schedule.items[item].finish - o).num_days())
}

#[derive(Serialize)]
pub struct Worst<'a> {
    pub id: &'a str,
    pub health: Health,
    pub slip: i64,
    pub finish: Date,
    pub due: Option<Date>,
    pub owner: Option<&'a str>,
    pub commitment_float: Option<i64>,
    pub commitment: Option<CommitmentRecord<'a>>,
}

#[derive(Serialize)]
pub struct LeadTime {
    pub quoted_days: Option<u64>,
    pub actual_days: Option<f64>,
    pub samples: usize,
}

#[derive(Serialize)]
pub struct VendorRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub category: Category,
    pub items: usize,
    pub deliveries: usize,
    pub done: usize,
    pub open: usize,
    pub on_time: Share,
    pub mean_days_late: Option<f64>,
    pub forecast_slip: i64,
    pub late_open: usize,
    pub commitment_float: Option<i64>,
    pub threatens: Vec<ThreatRecord<'a>>,
    pub worst_open: Option<Worst<'a>>,
    pub lead_time: LeadTime,
}

/// The JSON record of one vendor's score.
pub fn record<'a>(plan: &'a Plan, s: &VendorScore) -> VendorRecord<'a> {
    let p = &plan.program;
    let v = &p.vendors[s.vendor];
    VendorRecord {
        id: &v.id,
        name: &v.name,
        category: v.category,
        items: s.items,
        deliveries: s.deliveries,
        done: s.done,
        open: s.open,
        on_time: s.on_time,
        mean_days_late: s.mean_days_late,
        forecast_slip: s.forecast_slip,
        late_open: s.late_open,
        commitment_float: s.commitment_float,
        threatens: s
            .threats
            .iter()
            .map(|t| ThreatRecord::of(plan, t))
            .collect(),
        worst_open: s.worst_open.map(|i| {
            let m = &p.milestones[i];
            let it = &plan.schedule.items[i];
            Worst {
                id: &m.id,
                health: plan.assessments[i].health,
                slip: plan.assessments[i].slip,
                finish: Date(plan.schedule.items[i].finish),
                due: m.due.map(Date),
                owner: m.owner.as_deref(),
                commitment_float: it.commitment_float,
                commitment: it.commitment.map(|t| CommitmentRecord::of(p, &t)),
            }
        }),
        lead_time: LeadTime {
            quoted_days: s.quoted_lead_days,
            actual_days: s.actual_lead_days,
            samples: s.lead_samples,
        },
    }
}

/// `vendors --format json`: `{"today": DATE, "vendors": [...]}`, worst first.
#[derive(Serialize)]
pub struct VendorsView<'a> {
    pub today: Date,
    pub vendors: Vec<VendorRecord<'a>>,
    /// The plan and scores the table and CSV are drawn from.
    #[serde(skip)]
    pub plan: &'a Plan,
    #[serde(skip)]
    pub scores: Vec<VendorScore>,
}

impl<'a> VendorsView<'a> {
    /// The view of `scores` (worst first).
    pub fn new(plan: &'a Plan, scores: Vec<VendorScore>) -> VendorsView<'a> {
        VendorsView {
            today: Date(plan.schedule.today),
            vendors: scores.iter().map(|s| record(plan, s)).collect(),
            plan,
            scores,
        }
    }
}
