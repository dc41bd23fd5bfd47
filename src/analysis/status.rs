//! `status`: every listed milestone's SPEC §3 record, and the filters that choose them.
use serde::Serialize;

use super::baseline::Baseline;
use super::records::{MilestoneRecord, ProgramRecord};
use super::scope::Scope;
use super::{Health, Plan};
use crate::model::Date;

/// Which items a status listing shows. Filters narrow the list, never the schedule.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub scope: Scope,
    pub owner: Option<String>,
    pub vendor: Option<usize>,
    /// Any of these health values (all when empty).
    pub health: Vec<Health>,
    pub critical_only: bool,
    pub stale_only: bool,
}

impl Filter {
    /// The items that pass, in topological order.
    pub fn items(&self, plan: &Plan) -> Vec<usize> {
        let p = &plan.program;
        plan.in_order()
            .filter(|&i| {
                let m = &p.milestones[i];
                let a = &plan.assessments[i];
                self.scope.item(p, i)
                    && self.vendor.is_none_or(|v| m.vendor == Some(v))
                    && self
                        .owner
                        .as_ref()
                        .is_none_or(|o| m.owner.as_ref().is_some_and(|mo| same_owner(mo, o)))
                    && (self.health.is_empty() || self.health.contains(&a.health))
                    && (!self.critical_only || a.critical)
                    && (!self.stale_only || plan.schedule.items[i].stale)
            })
            .collect()
    }
}

/// Whether two owner names are the same person: owners compare ignoring case.
pub fn same_owner(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// `status --format json` (SPEC §3): the program and the listed milestones.
#[derive(Serialize)]
pub struct StatusView<'a> {
    pub program: ProgramRecord<'a>,
    pub milestones: Vec<MilestoneRecord<'a>>,
    /// Whether the table shows baseline columns (the records carry their fields).
    #[serde(skip)]
    pub baseline: bool,
}

impl<'a> StatusView<'a> {
    /// The records of `items` (already in order), with baseline fields when there is one.
    pub fn new(plan: &'a Plan, items: &[usize], baseline: Option<&Baseline>) -> StatusView<'a> {
        let p = &plan.program;
        StatusView {
            program: ProgramRecord {
                name: &p.config.name,
                today: Date(plan.schedule.today),
                start: Date(p.config.start),
                finish: Date(plan.schedule.finish),
                finish_by: p.config.finish_by.map(Date),
            },
            milestones: items
                .iter()
                .map(|&i| {
                    MilestoneRecord::of(plan, i).with_baseline(baseline.map(|b| b.item(plan, i)))
                })
                .collect(),
            baseline: baseline.is_some(),
        }
    }
}
