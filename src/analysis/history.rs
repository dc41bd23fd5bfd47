//! One item across revisions: what each revision's plan said about it.
use chrono::NaiveDate;

use super::Plan;
use crate::calendar::Calendar;
use crate::calendar::CalendarSpec;
use crate::model::{Milestone, Program};

/// What one revision's plan says about an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub due: Option<NaiveDate>,
    pub duration: i64,
    pub status: &'static str,
    pub finish: NaiveDate,
    pub total_float: Option<i64>,
    /// Every field as written (references by id), to tell an edit from a ripple.
    fingerprint: String,
    /// The item's calendar as that revision defined it, for working-day deltas.
    calendar: CalendarSpec,
    start: NaiveDate,
}

impl Snapshot {
    /// Whether the item's own fields differ from `other`'s.
    pub fn edited_since(&self, other: &Snapshot) -> bool {
        self.fingerprint != other.fingerprint
    }
}

/// The snapshot of item `id` in `plan`, if the item exists there.
pub fn snapshot(plan: &Plan, id: &str) -> Option<Snapshot> {
    let i = plan.program.milestone_index(id)?;
    let m = &plan.program.milestones[i];
    let it = &plan.schedule.items[i];
    Some(Snapshot {
        due: m.due,
        duration: m.duration,
        status: m.status.as_str(),
        finish: it.finish,
        total_float: it.total_float,
        fingerprint: fingerprint(&plan.program, m),
        calendar: spec(&plan.program, m.calendar).clone(),
        start: plan.program.config.start,
    })
}

fn spec(p: &Program, calendar: usize) -> &CalendarSpec {
    calendar
        .checked_sub(1)
        .and_then(|i| p.config.regions.values().nth(i))
        .unwrap_or(&p.config.calendar)
}

/// Working days the finish moved from `before` to `after`, in the item's calendar as
/// `after`'s revision defined it.
pub fn finish_delta(before: &Snapshot, after: &Snapshot) -> i64 {
    let cal = Calendar::new(&after.calendar, after.start);
    cal.last_on_or_before(after.finish) - cal.last_on_or_before(before.finish)
}

fn fingerprint(p: &Program, m: &Milestone) -> String {
    let id = |ids: &dyn Fn(usize) -> String, i: Option<usize>| i.map(ids).unwrap_or_default();
    let deps: Vec<String> = m
        .deps
        .iter()
        .map(|d| format!("{}/{}/{}", p.milestones[d.pred].id, d.relation, d.lag))
        .collect();
    format!(
        "{}|{}|{}|{}|{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        m.name,
        id(&|c| p.clusters[c].id.clone(), m.cluster),
        id(&|s| p.sites[s].id.clone(), m.site),
        id(&|v| p.vendors[v].id.clone(), m.vendor),
        m.owner,
        m.kind,
        m.duration,
        deps.join(","),
        m.start_no_earlier,
        m.due,
        m.status,
        m.started,
        m.finished,
        m.remaining,
        m.notes,
        m.links
    )
}
