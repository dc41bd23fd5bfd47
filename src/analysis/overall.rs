//! The state of a program (or a site or cluster of it) at a glance: the overall status
//! (green / amber / red, the rule in docs/reports.md), the finish against the latest
//! commitment, what is late, and what is due in the next two weeks.
use chrono::{Days, NaiveDate};

use super::clusters::ClusterForecast;
use super::risks::RiskExposure;
use super::scope::Scope;
use super::{Health, Plan};
use crate::model::Status;

use crate::model::CommitmentKind;
pub use crate::model::Rag;

/// A committed date: an item's `due` or a cluster's `ready_by`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commitment {
    pub date: NaiveDate,
    /// The milestone or cluster id.
    pub id: String,
    /// `due` or `ready_by`.
    pub field: CommitmentKind,
}

/// The overall picture of a scope.
#[derive(Clone, Debug)]
pub struct Overall {
    pub rag: Rag,
    /// Why, one short phrase per reason (`1 overdue`, `cluster dfw1-h200 past ready_by`).
    pub reasons: Vec<String>,
    /// The latest forecast finish of the items in scope.
    pub finish: NaiveDate,
    /// The latest commitment in scope, if any.
    pub commitment: Option<Commitment>,
    /// Working days from the commitment to the finish (positive = later), in the
    /// scope's calendar.
    pub variance: Option<i64>,
}

/// Assesses a scope. `forecasts` are every cluster's, `risks` the open risks in scope.
pub fn assess(
    plan: &Plan,
    scope: &Scope,
    items: &[usize],
    forecasts: &[ClusterForecast],
    risks: &[RiskExposure],
) -> Overall {
    let p = &plan.program;
    let count = |h: Health| {
        items
            .iter()
            .filter(|&&i| plan.assessments[i].health == h)
            .count()
    };
    let (overdue, slipping, at_risk) = (
        count(Health::Overdue),
        count(Health::Slipping),
        count(Health::AtRisk),
    );
    let late_clusters: Vec<&str> = forecasts
        .iter()
        .filter(|f| scope.cluster(p, f.cluster) && f.slip > 0)
        .map(|f| p.clusters[f.cluster].id.as_str())
        .collect();
    let finish = items
        .iter()
        .map(|&i| plan.schedule.items[i].finish)
        .max()
        .unwrap_or(plan.schedule.finish);
    let commitment = latest_commitment(plan, scope, items);
    let cal = &p.calendars[scope.calendar(p)];
    let variance = commitment
        .as_ref()
        .map(|c| cal.last_on_or_before(finish) - cal.last_on_or_before(c.date));
    let mut red = Vec::new();
    if overdue > 0 {
        red.push(format!("{overdue} overdue"));
    }
    if slipping > 0 {
        red.push(format!("{slipping} slipping"));
    }
    for c in &late_clusters {
        red.push(format!("cluster {c} forecast past its ready_by"));
    }
    if let (Some(v), Some(c)) = (variance.filter(|v| *v > 0), &commitment) {
        red.push(format!(
            "finish {v} working days after the latest commitment ({} {})",
            c.id, c.field
        ));
    }
    if !red.is_empty() {
        return Overall {
            rag: Rag::Red,
            reasons: red,
            finish,
            commitment,
            variance,
        };
    }
    let mut amber = Vec::new();
    if at_risk > 0 {
        amber.push(format!("{at_risk} at risk"));
    }
    let threatening = risks.iter().filter(|r| r.threatens).count();
    if threatening > 0 {
        amber.push(format!(
            "{threatening} open risk{} larger than the float it affects",
            if threatening == 1 { "" } else { "s" }
        ));
    }
    Overall {
        rag: if amber.is_empty() {
            Rag::Green
        } else {
            Rag::Amber
        },
        reasons: amber,
        finish,
        commitment,
        variance,
    }
}

/// The latest `due` of an item in scope or `ready_by` of a cluster in scope; ties go to
/// the cluster, then to the first item in topological order.
pub fn latest_commitment(plan: &Plan, scope: &Scope, items: &[usize]) -> Option<Commitment> {
    let p = &plan.program;
    let clusters = (0..p.clusters.len())
        .filter(|&c| scope.cluster(p, c))
        .filter_map(|c| {
            let cluster = &p.clusters[c];
            cluster.ready_by.map(|d| Commitment {
                date: d,
                id: cluster.id.clone(),
                field: CommitmentKind::ReadyBy,
            })
        });
    let dues = items.iter().filter_map(|&i| {
        let m = &p.milestones[i];
        m.due.map(|d| Commitment {
            date: d,
            id: m.id.clone(),
            field: CommitmentKind::Due,
        })
    });
    // The program's own commitment speaks for the whole program, not for one cluster.
    let finish_by = p
        .config
        .finish_by
        .filter(|_| scope.is_all())
        .map(|d| Commitment {
            date: d,
            id: "program".into(),
            field: CommitmentKind::FinishBy,
        });
    let mut best: Option<Commitment> = None;
    for c in clusters.chain(dues).chain(finish_by) {
        if best.as_ref().is_none_or(|b| c.date > b.date) {
            best = Some(c);
        }
    }
    best
}

/// Stale work among `items` (in progress, recorded forecast passed), by owner then id.
pub fn stale(plan: &Plan, items: &[usize]) -> Vec<usize> {
    let p = &plan.program;
    let mut out: Vec<usize> = items
        .iter()
        .copied()
        .filter(|&i| plan.schedule.items[i].stale)
        .collect();
    out.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                p.milestones[i].owner.as_deref(),
                p.milestones[i].id.as_str(),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}

/// The driving chain of the item in `items` that finishes last (ties: the first
/// listed), ending at that item; empty without items.
pub fn finish_chain(plan: &Plan, items: &[usize]) -> Vec<usize> {
    items
        .iter()
        .max_by_key(|&&i| (plan.schedule.items[i].finish, std::cmp::Reverse(i)))
        .map_or_else(Vec::new, |&last| super::drivers::driving_chain(plan, last))
}

/// Items that are overdue or slipping: overdue first, then the largest slip, the least
/// float, then topological order.
pub fn late(plan: &Plan, items: &[usize]) -> Vec<usize> {
    let mut out: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .filter(|&(_, &i)| {
            matches!(
                plan.assessments[i].health,
                Health::Overdue | Health::Slipping
            )
        })
        .map(|(rank, &i)| (rank, i))
        .collect();
    out.sort_by_key(|&(rank, i)| {
        let a = &plan.assessments[i];
        (
            std::cmp::Reverse(a.health),
            std::cmp::Reverse(a.slip),
            plan.schedule.items[i].total_float.unwrap_or(0),
            rank,
        )
    });
    out.into_iter().map(|(_, i)| i).collect()
}

/// The number of calendar days [`upcoming`] looks ahead: two weeks from today.
pub const LOOKAHEAD_DAYS: u64 = 14;

/// Open items that forecast to finish, or are due, in the two weeks from today (today
/// through today + 13 days), by forecast finish, then topological order.
pub fn upcoming(plan: &Plan, items: &[usize]) -> Vec<usize> {
    let today = plan.schedule.today;
    let end = today
        .checked_add_days(Days::new(LOOKAHEAD_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let within = |d: NaiveDate| today <= d && d < end;
    let mut out: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .filter(|&(_, &i)| {
            let m = &plan.program.milestones[i];
            m.status != Status::Done
                && (within(plan.schedule.items[i].finish) || m.due.is_some_and(within))
        })
        .map(|(rank, &i)| (rank, i))
        .collect();
    out.sort_by_key(|&(rank, i)| (plan.schedule.items[i].finish, rank));
    out.into_iter().map(|(_, i)| i).collect()
}
