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
    /// The items grouped by what they drive, for the table.
    #[serde(skip)]
    pub groups: Vec<CriticalGroup>,
}

/// Critical items that drive the same thing: a commitment they threaten (commitment
/// float <= 0), or only the program finish.
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalGroup {
    /// `due dfw1-h200-handover 2027-01-08`, `ready_by dfw1-h200 2027-01-08`, or `None`
    /// for the program finish.
    pub commitment: Option<String>,
    /// The date that orders the groups: the commitment's, or the program finish.
    pub date: Date,
    /// The lowest commitment float in the group (`None` for the program finish).
    pub float: Option<i64>,
    /// Positions in [`CriticalView::items`], in order of start.
    pub items: Vec<usize>,
}

/// Groups `items` (in order of start) by the commitment each drives; the program
/// finish group last, the others by commitment date, then name.
fn groups(items: &[MilestoneRecord<'_>], finish: Date) -> Vec<CriticalGroup> {
    let mut groups: Vec<CriticalGroup> = Vec::new();
    for (n, m) in items.iter().enumerate() {
        let driven = m
            .commitment
            .filter(|_| m.commitment_float.is_some_and(|cf| cf <= 0));
        let (commitment, date) = match driven {
            Some(c) => {
                let id = c.id.map(|id| format!(" {id}")).unwrap_or_default();
                (Some(format!("{}{id} {}", c.kind, c.date.0)), c.date)
            }
            None => (None, finish),
        };
        let float = driven.and(m.commitment_float);
        match groups.iter_mut().find(|g| g.commitment == commitment) {
            Some(g) => {
                g.items.push(n);
                g.float = g.float.min(float).or(g.float).or(float);
            }
            None => groups.push(CriticalGroup {
                commitment,
                date,
                float,
                items: vec![n],
            }),
        }
    }
    groups.sort_by(|a, b| {
        (a.commitment.is_none(), a.date, &a.commitment).cmp(&(
            b.commitment.is_none(),
            b.date,
            &b.commitment,
        ))
    });
    groups
}

impl<'a> CriticalView<'a> {
    /// The critical path of `plan`, against `baseline` when there is one.
    pub fn new(plan: &'a Plan, baseline: Option<&Baseline>) -> CriticalView<'a> {
        let path = plan.critical_path();
        let program = baseline.map(|b| b.program(plan));
        let items: Vec<MilestoneRecord<'a>> = path
            .iter()
            .map(|&i| MilestoneRecord::of(plan, i).with_baseline(baseline.map(|b| b.item(plan, i))))
            .collect();
        let groups = groups(&items, Date(plan.schedule.finish));
        CriticalView {
            finish: Date(plan.schedule.finish),
            path: path
                .iter()
                .map(|&i| plan.program.milestones[i].id.as_str())
                .collect(),
            baseline_finish: program.map(|v| v.baseline_finish.map(Date)),
            variance: program.map(|v| v.variance),
            items,
            baseline: baseline.is_some(),
            groups,
        }
    }
}
