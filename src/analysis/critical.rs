//! `critical`: the critical items (TF <= 0, not done) in order of start, then id.
use serde::Serialize;

use super::Plan;
use super::baseline::Baseline;
use super::records::MilestoneRecord;
use crate::model::Date;

/// `critical --format json` (SPEC §3): `{"finish": DATE, "path": [ids]}`, plus the
/// baseline's program finish and the variance to it when there is a baseline.
#[derive(Serialize)]
pub struct CriticalView<'a> {
    pub finish: Date,
    pub path: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<Option<Date>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variance: Option<Option<i64>>,
    /// The items of the path, for the table (with baseline fields when there is one).
    #[serde(skip)]
    pub items: Vec<MilestoneRecord<'a>>,
    /// Whether the table shows baseline columns.
    #[serde(skip)]
    pub baseline: bool,
}

impl<'a> CriticalView<'a> {
    /// The critical path of `plan`, against `baseline` when there is one.
    pub fn new(plan: &'a Plan, baseline: Option<&Baseline>) -> CriticalView<'a> {
        let path = plan.critical_path();
        let program = baseline.map(|b| b.program(plan));
        CriticalView {
            finish: Date(plan.schedule.finish),
            path: path
                .iter()
                .map(|&i| plan.program.milestones[i].id.as_str())
                .collect(),
            baseline_finish: program.map(|v| v.baseline_finish.map(Date)),
            variance: program.map(|v| v.variance),
            items: path
                .iter()
                .map(|&i| {
                    MilestoneRecord::of(plan, i).with_baseline(baseline.map(|b| b.item(plan, i)))
                })
                .collect(),
            baseline: baseline.is_some(),
        }
    }
}
