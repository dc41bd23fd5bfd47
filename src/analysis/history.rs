//! One item across revisions: what each revision's plan said about it.
use chrono::NaiveDate;
use serde::Serialize;

use super::Plan;
use crate::calendar::Calendar;
use crate::calendar::CalendarSpec;
use crate::model::{ChangeKind, Date, Milestone, Program};

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
    let it = &plan.schedule.items[i];
    Some(snapshot_of(&plan.program, i, it.finish, it.total_float))
}

/// The snapshot of milestone `i` of `program` with its scheduled finish and float.
pub fn snapshot_of(
    program: &Program,
    i: usize,
    finish: NaiveDate,
    total_float: Option<i64>,
) -> Snapshot {
    let m = &program.milestones[i];
    Snapshot {
        due: m.due,
        duration: m.duration,
        status: m.status.as_str(),
        finish,
        total_float,
        fingerprint: fingerprint(program, m),
        calendar: spec(program, m.calendar).clone(),
        start: program.config.start,
    }
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

/// One revision that changed the item (or moved its finish), as `history` lists it.
#[derive(Serialize, Clone, Debug)]
pub struct HistoryEntry {
    pub commit: String,
    pub date: Date,
    pub author: String,
    pub subject: String,
    pub change: ChangeKind,
    pub due: Option<Date>,
    pub duration: Option<i64>,
    pub status: Option<&'static str>,
    pub finish: Option<Date>,
    pub total_float: Option<i64>,
    /// The finish's move in working days (positive = later).
    #[serde(skip)]
    pub delta: i64,
}

/// `history --format json`: the item's changes, oldest first, and how often it slipped.
#[derive(Serialize)]
pub struct HistoryView<'a> {
    pub id: &'a str,
    /// The most recent `limit` changes (all of them without a limit).
    pub entries: Vec<HistoryEntry>,
    /// How many times the finish moved later, and by how many working days in all,
    /// over every change (not only those shown).
    pub slips: usize,
    pub slipped_days: i64,
    /// How many changes there are in all.
    #[serde(skip)]
    pub changes: usize,
}

impl<'a> HistoryView<'a> {
    /// The view of `entries` (oldest first), showing the last `limit`.
    pub fn new(id: &'a str, mut entries: Vec<HistoryEntry>, limit: Option<usize>) -> Self {
        let slips: Vec<i64> = entries.iter().map(|e| e.delta).filter(|d| *d > 0).collect();
        let changes = entries.len();
        entries.drain(..changes.saturating_sub(limit.unwrap_or(usize::MAX)));
        HistoryView {
            id,
            entries,
            slips: slips.len(),
            slipped_days: slips.iter().sum(),
            changes,
        }
    }
}
