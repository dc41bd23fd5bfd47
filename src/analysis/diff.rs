//! Schedule impact of a change: two plans (base and head, scheduled with the same
//! today) compared item by item — what was added, removed, edited or moved by a ripple,
//! how the finish, the critical path, cluster forecasts and commitments changed.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::commitment_diff::{CommitmentChange, commitment_changes};
use super::{Plan, clusters};
use crate::model::Date;
use crate::model::{Milestone, Program};

pub use crate::model::ChangeKind;
use crate::model::CommitmentKind;

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair<T> {
    pub base: Option<T>,
    pub head: Option<T>,
}

/// A finish date before and after, and the move in working days (positive = later).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moved {
    pub base: Option<Date>,
    pub head: Option<Date>,
    pub delta: Option<i64>,
}

/// One changed item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    pub id: String,
    pub name: String,
    pub change: ChangeKind,
    pub fields: Vec<&'static str>,
    pub finish: Moved,
    pub health: Pair<&'static str>,
    pub critical: Pair<bool>,
    #[serde(skip)]
    pub owner: Option<String>,
}

/// A commitment (`due`, `ready_by`) moved later or dropped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentMove {
    pub id: String,
    pub field: CommitmentKind,
    pub base: Option<Date>,
    pub head: Option<Date>,
}

/// A cluster whose forecast ready date moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterMove {
    pub id: String,
    pub forecast_ready: Moved,
}

/// Items that entered or left the critical path.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CriticalChange {
    pub entered: Vec<String>,
    pub left: Vec<String>,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduleDiff {
    pub today: Date,
    pub finish: Moved,
    pub items: Vec<ItemChange>,
    pub critical_path: CriticalChange,
    /// The commitments the change affects, worst first.
    pub commitments: Vec<CommitmentChange>,
    pub commitments_moved: Vec<CommitmentMove>,
    pub clusters: Vec<ClusterMove>,
    /// Items present on both sides with nothing changed.
    pub unchanged: usize,
}

impl ScheduleDiff {
    /// Items that finish later than at base (existing on both sides).
    pub fn slipped(&self) -> impl Iterator<Item = &ItemChange> {
        self.items
            .iter()
            .filter(|i| i.finish.delta.is_some_and(|d| d > 0))
    }

    /// Items that finish earlier than at base.
    pub fn pulled_in(&self) -> impl Iterator<Item = &ItemChange> {
        self.items
            .iter()
            .filter(|i| i.finish.delta.is_some_and(|d| d < 0))
    }

    /// How many items changed in this way.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.items.iter().filter(|i| i.change == kind).count()
    }

    /// Whether the change slips the schedule (`--fail-on-slip`): it makes a commitment
    /// missed, or missed by more working days; or, when the program has no
    /// `finish_by`, it moves the program finish later. An item that moves later but
    /// still meets every commitment does not count.
    pub fn slips(&self, head: &Plan) -> bool {
        self.commitments.iter().any(|c| c.slips()) || self.finish_slips(head)
    }

    /// The program finish moves later and no `finish_by` judges it.
    pub fn finish_slips(&self, head: &Plan) -> bool {
        head.program.config.finish_by.is_none() && self.finish.delta.is_some_and(|d| d > 0)
    }
}

/// Working days from `a` to `b` in the item's calendar (positive when `b` is later).
fn workdays_between(plan: &Plan, calendar: usize, a: NaiveDate, b: NaiveDate) -> i64 {
    let cal = &plan.program.calendars[calendar];
    cal.last_on_or_before(b) - cal.last_on_or_before(a)
}

fn moved(plan: &Plan, calendar: usize, base: Option<NaiveDate>, head: Option<NaiveDate>) -> Moved {
    let delta = match (base, head) {
        (Some(a), Some(b)) => Some(workdays_between(plan, calendar, a, b)),
        _ => None,
    };
    Moved {
        base: base.map(Date),
        head: head.map(Date),
        delta,
    }
}

/// Compares two plans of the same program.
pub fn diff(base: &Plan, head: &Plan) -> ScheduleDiff {
    let base_index: HashMap<&str, usize> = base
        .program
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut items = Vec::new();
    let mut unchanged = 0;
    let mut commitments_moved = Vec::new();
    let mut seen = vec![false; base.program.milestones.len()];
    for h in head.in_order() {
        let hm = &head.program.milestones[h];
        let b = base_index.get(hm.id.as_str()).copied();
        if let Some(b) = b {
            seen[b] = true;
        }
        let fields = b
            .map(|b| {
                fields_changed(
                    &base.program,
                    &base.program.milestones[b],
                    &head.program,
                    hm,
                )
            })
            .unwrap_or_default();
        let change = match b {
            None => ChangeKind::Added,
            Some(_) if !fields.is_empty() => ChangeKind::Edited,
            Some(b) if base.schedule.items[b].finish != head.schedule.items[h].finish => {
                ChangeKind::Moved
            }
            Some(b) if base.assessments[b] != head.assessments[h] => ChangeKind::Moved,
            Some(_) => {
                unchanged += 1;
                continue;
            }
        };
        if let Some(b) = b {
            commitments_moved.extend(commitment(
                CommitmentKind::Due,
                &hm.id,
                base.program.milestones[b].due,
                hm.due,
            ));
        }
        items.push(item_change(base, b, head, Some(h), change, fields));
    }
    for b in base.in_order().filter(|&b| !seen[b]) {
        items.push(item_change(
            base,
            Some(b),
            head,
            None,
            ChangeKind::Removed,
            Vec::new(),
        ));
    }
    for c in &head.program.clusters {
        if let Some(bc) = base.program.clusters.iter().find(|bc| bc.id == c.id) {
            commitments_moved.extend(commitment(
                CommitmentKind::ReadyBy,
                &c.id,
                bc.ready_by,
                c.ready_by,
            ));
        }
    }
    let program_cal = 0;
    ScheduleDiff {
        today: Date(head.schedule.today),
        finish: moved(
            head,
            program_cal,
            Some(base.schedule.finish),
            Some(head.schedule.finish),
        ),
        critical_path: critical_change(base, head),
        commitments: commitment_changes(base, head, &items),
        clusters: cluster_moves(base, head),
        items,
        commitments_moved,
        unchanged,
    }
}

fn item_change(
    base: &Plan,
    b: Option<usize>,
    head: &Plan,
    h: Option<usize>,
    change: ChangeKind,
    fields: Vec<&'static str>,
) -> ItemChange {
    // The item as head has it, else (removed) as base had it; callers pass at least one.
    let m = match (h, b) {
        (Some(h), _) => &head.program.milestones[h],
        (None, Some(b)) => &base.program.milestones[b],
        (None, None) => unreachable!("an item change names an item on at least one side"),
    };
    let finish_b = b.map(|b| base.schedule.items[b].finish);
    let finish_h = h.map(|h| head.schedule.items[h].finish);
    let calendar = h.map_or(0, |h| head.program.milestones[h].calendar);
    ItemChange {
        id: m.id.clone(),
        name: m.name.clone(),
        change,
        fields,
        finish: moved(
            if h.is_some() { head } else { base },
            calendar,
            finish_b,
            finish_h,
        ),
        health: Pair {
            base: b.map(|b| base.assessments[b].health.as_str()),
            head: h.map(|h| head.assessments[h].health.as_str()),
        },
        critical: Pair {
            base: b.map(|b| base.assessments[b].critical),
            head: h.map(|h| head.assessments[h].critical),
        },
        owner: m.owner.clone(),
    }
}

/// A commitment moved later, or dropped.
fn commitment(
    field: CommitmentKind,
    id: &str,
    base: Option<NaiveDate>,
    head: Option<NaiveDate>,
) -> Option<CommitmentMove> {
    let later = match (base, head) {
        (Some(b), Some(h)) => h > b,
        (Some(_), None) => true,
        _ => false,
    };
    later.then(|| CommitmentMove {
        id: id.to_string(),
        field,
        base: base.map(Date),
        head: head.map(Date),
    })
}

fn critical_change(base: &Plan, head: &Plan) -> CriticalChange {
    let ids = |p: &Plan| {
        p.critical_path()
            .into_iter()
            .map(|i| p.program.milestones[i].id.clone())
            .collect::<Vec<_>>()
    };
    let (b, h) = (ids(base), ids(head));
    CriticalChange {
        entered: h.iter().filter(|id| !b.contains(id)).cloned().collect(),
        left: b.iter().filter(|id| !h.contains(id)).cloned().collect(),
    }
}

fn cluster_moves(base: &Plan, head: &Plan) -> Vec<ClusterMove> {
    let (fb, fh) = (clusters::forecast(base), clusters::forecast(head));
    fh.iter()
        .filter_map(|f| {
            let c = &head.program.clusters[f.cluster];
            let before = fb
                .iter()
                .find(|x| base.program.clusters[x.cluster].id == c.id)
                .and_then(|x| x.forecast_ready);
            let calendar = head.program.sites[c.site].calendar;
            (before != f.forecast_ready).then(|| ClusterMove {
                id: c.id.clone(),
                forecast_ready: moved(head, calendar, before, f.forecast_ready),
            })
        })
        .collect()
}

/// The names of the fields of a milestone that differ between two programs.
pub fn fields_changed(
    pa: &Program,
    a: &Milestone,
    pb: &Program,
    b: &Milestone,
) -> Vec<&'static str> {
    let id_a = |i: Option<usize>, ids: &dyn Fn(usize) -> String| i.map(ids);
    let site = |p: &Program, m: &Milestone| id_a(m.site, &|s| p.sites[s].id.clone());
    let cluster = |p: &Program, m: &Milestone| id_a(m.cluster, &|c| p.clusters[c].id.clone());
    let vendor = |p: &Program, m: &Milestone| id_a(m.vendor, &|v| p.vendors[v].id.clone());
    let deps = |p: &Program, m: &Milestone| {
        m.deps
            .iter()
            .map(|d| (p.milestones[d.pred].id.clone(), d.relation, d.lag))
            .collect::<Vec<_>>()
    };
    let checks: [(&'static str, bool); 16] = [
        ("name", a.name != b.name),
        ("cluster", cluster(pa, a) != cluster(pb, b)),
        ("site", site(pa, a) != site(pb, b)),
        ("vendor", vendor(pa, a) != vendor(pb, b)),
        ("owner", a.owner != b.owner),
        ("kind", a.kind != b.kind),
        ("duration", a.duration != b.duration),
        ("depends_on", deps(pa, a) != deps(pb, b)),
        ("start_no_earlier", a.start_no_earlier != b.start_no_earlier),
        ("due", a.due != b.due),
        ("status", a.status != b.status),
        ("started", a.started != b.started),
        ("finished", a.finished != b.finished),
        ("remaining", a.remaining != b.remaining),
        ("notes", a.notes != b.notes),
        ("links", a.links != b.links),
    ];
    checks
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| *name)
        .collect()
}
