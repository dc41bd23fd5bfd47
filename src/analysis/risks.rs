//! Open risks ranked by exposure: probability × impact_days, the expected delay in
//! working days to each item a risk affects.
use super::Plan;
use super::scope::Scope;
use crate::model::{RiskStatus, Status};

/// One open risk and what it threatens.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskExposure {
    pub risk: usize,
    /// probability × impact_days, in working days.
    pub exposure: f64,
    /// The affected items in scope, in the order the risk lists them.
    pub affected: Vec<usize>,
    /// The least commitment float (SPEC v2) among the affected items that are not done;
    /// `None` when none of them has a commitment downstream.
    pub min_float: Option<i64>,
    /// Whether the impact, if the risk happens, exceeds that float: it would make an
    /// item miss a commitment (a later finish that misses none is not a threat).
    pub threatens: bool,
}

/// The open risks (status `open`) that affect at least one item in scope, largest
/// exposure first, then by id. Mitigated and closed risks are left out.
pub fn open_risks(plan: &Plan, scope: &Scope) -> Vec<RiskExposure> {
    let p = &plan.program;
    let mut out: Vec<RiskExposure> = p
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == RiskStatus::Open)
        .filter_map(|(risk, r)| {
            let affected: Vec<usize> = r
                .affects
                .iter()
                .copied()
                .filter(|&i| scope.item(p, i))
                .collect();
            if affected.is_empty() && !(scope.is_all() && r.affects.is_empty()) {
                return None;
            }
            let min_float = affected
                .iter()
                .filter(|&&i| p.milestones[i].status != Status::Done)
                .filter_map(|&i| plan.schedule.items[i].commitment_float)
                .min();
            Some(RiskExposure {
                risk,
                exposure: r.probability * r.impact_days as f64,
                threatens: min_float.is_some_and(|f| r.impact_days > f),
                affected,
                min_float,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.exposure
            .total_cmp(&a.exposure)
            .then_with(|| p.risks[a.risk].id.cmp(&p.risks[b.risk].id))
    });
    out
}
