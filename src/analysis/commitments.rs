//! The commitments of a plan (SPEC v2: every `due`, every cluster's `ready_by`, the
//! program's `finish_by`), each with its forecast and how many working days it is
//! missed by: what a reviewer and the CI gate measure a change against.
use chrono::NaiveDate;

use super::{Plan, clusters};
use crate::diag::Loc;
use crate::model::CommitmentKind;

/// One commitment and where the plan forecasts it.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentState {
    pub kind: CommitmentKind,
    /// The milestone (`due`) or cluster (`ready_by`) id; the program's name for `finish_by`.
    pub id: String,
    /// The committed date: finish by the end of this day.
    pub date: NaiveDate,
    /// The forecast: the item's finish, the cluster's ready date, the program finish.
    pub forecast: NaiveDate,
    /// Working days the forecast is past the date (negative: days to spare).
    pub late: i64,
    /// The calendar the days count in.
    pub calendar: usize,
    /// The milestones it binds (the item; the cluster's milestones; every milestone).
    pub items: Vec<usize>,
    /// Where the date is written.
    pub at: Option<Loc>,
}

impl CommitmentState {
    /// Whether the forecast misses the date.
    pub fn missed(&self) -> bool {
        self.late > 0
    }

    /// `ready_by dfw1-h200`, `due sjc2-handover`, `finish_by`.
    pub fn label(&self) -> String {
        match self.kind {
            CommitmentKind::FinishBy => "finish_by".to_string(),
            kind => format!("{kind} {}", self.id),
        }
    }
}

/// Every commitment of the plan: `due`s in topological order, then `ready_by`s in file
/// order, then `finish_by`. A cluster without milestones has no forecast and is left out.
pub fn commitments(plan: &Plan) -> Vec<CommitmentState> {
    let p = &plan.program;
    let late = |calendar: usize, forecast: NaiveDate, date: NaiveDate| {
        let cal = &p.calendars[calendar];
        cal.finish_by(forecast) - cal.finish_by(date)
    };
    let mut out: Vec<CommitmentState> = plan
        .in_order()
        .filter_map(|i| {
            let m = &p.milestones[i];
            let date = m.due?;
            let forecast = plan.schedule.items[i].finish;
            Some(CommitmentState {
                kind: CommitmentKind::Due,
                id: m.id.clone(),
                date,
                forecast,
                late: late(m.calendar, forecast, date),
                calendar: m.calendar,
                items: vec![i],
                at: Some(m.origin.key("due")),
            })
        })
        .collect();
    let mut by_cluster: Vec<Vec<usize>> = vec![Vec::new(); p.clusters.len()];
    for (i, m) in p.milestones.iter().enumerate() {
        if let Some(c) = m.cluster {
            by_cluster[c].push(i);
        }
    }
    for f in clusters::forecast(plan) {
        let c = &p.clusters[f.cluster];
        let (Some(date), Some(forecast)) = (c.ready_by, f.forecast_ready) else {
            continue;
        };
        out.push(CommitmentState {
            kind: CommitmentKind::ReadyBy,
            id: c.id.clone(),
            date,
            forecast,
            late: late(p.sites[c.site].calendar, forecast, date),
            calendar: p.sites[c.site].calendar,
            items: std::mem::take(&mut by_cluster[f.cluster]),
            at: Some(c.origin.key("ready_by")),
        });
    }
    if let Some(date) = p.config.finish_by {
        let forecast = plan.schedule.finish;
        out.push(CommitmentState {
            kind: CommitmentKind::FinishBy,
            id: p.config.name.clone(),
            date,
            forecast,
            late: late(0, forecast, date),
            calendar: 0,
            items: (0..p.milestones.len()).collect(),
            at: p.config.finish_by_at.clone(),
        });
    }
    out
}

/// The items the commitment's items depend on, directly or not, and themselves.
pub fn upstream(plan: &Plan, items: &[usize]) -> Vec<bool> {
    let p = &plan.program;
    let mut seen = vec![false; p.milestones.len()];
    let mut stack: Vec<usize> = items.to_vec();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(
            p.milestones[i]
                .deps
                .iter()
                .map(|d| d.pred)
                .filter(|&j| !seen[j]),
        );
    }
    seen
}
