//! The `check` gate: which items violate the policy.
use crate::model::FailOn;

use super::{Health, Plan};

/// One policy violation.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub item: usize,
    pub health: Health,
}

/// Whether `health` is one of the classes in `fail_on`.
pub fn fails(health: Health, fail_on: &[FailOn]) -> bool {
    fail_on.iter().any(|f| {
        matches!(
            (f, health),
            (FailOn::Overdue, Health::Overdue)
                | (FailOn::Slipping, Health::Slipping)
                | (FailOn::AtRisk, Health::AtRisk)
        )
    })
}

/// The violations, worst first, then in topological order.
pub fn violations(plan: &Plan, fail_on: &[FailOn]) -> Vec<Violation> {
    let mut out: Vec<Violation> = plan
        .in_order()
        .filter(|&i| fails(plan.assessments[i].health, fail_on))
        .map(|item| Violation {
            item,
            health: plan.assessments[item].health,
        })
        .collect();
    out.sort_by_key(|v| std::cmp::Reverse(v.health));
    out
}
