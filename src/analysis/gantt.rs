//! The schedule as a Gantt chart for leadership (`milepost gantt`): rows grouped in
//! swimlanes by site → cluster, each bar with its health, progress and criticality,
//! commitments as flags with the forecast's gap, and the driving dependency links.
//! Beyond [`ITEM_ROWS`] rows, each cluster's work is drawn as one bar per phase.
use chrono::NaiveDate;
use serde::Serialize;

use super::commitments::commitments;
use super::{Health, Plan};
use crate::model::{CommitmentKind, Date, Kind, Status};

/// Up to this many rows, one per item; beyond, one per phase (kind of work) of a lane.
pub const ITEM_ROWS: usize = 300;
/// Up to this many rows every driving link is drawn; beyond, those into critical items.
pub const ALL_LINKS_ROWS: usize = 80;

/// What to chart.
#[derive(Clone, Debug, Default)]
pub struct GanttOptions {
    /// Only events and items with a commitment (the slide version).
    pub milestones_only: bool,
    /// Only critical items.
    pub critical_only: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The whole program is charted: its `finish_by` belongs on the axis.
    pub program_wide: bool,
}

/// A commitment drawn as a flag: its date and how far the forecast is past it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub kind: CommitmentKind,
    pub date: Date,
    pub forecast: Date,
    /// Working days late (negative: to spare).
    pub late: i64,
}

/// One bar (or an event's diamond).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub start: Date,
    /// The last day of the work (an event: its day).
    pub finish: Date,
    pub event: bool,
    pub status: Status,
    pub health: Health,
    pub critical: bool,
    pub stale: bool,
    /// The baseline's start and finish (`--baseline`).
    pub baseline: Option<(Date, Date)>,
    /// The item's own `due`.
    pub flag: Option<Flag>,
}

/// A swimlane: a cluster, a site's own work, or the program's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lane {
    pub title: String,
    /// The cluster's `ready_by`, drawn on the lane's header.
    pub flag: Option<Flag>,
    pub rows: Vec<Row>,
}

/// The dependency that drives a drawn row, from another drawn row: (lane, row) → (lane, row).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub from: (usize, usize),
    pub to: (usize, usize),
    /// SS and SF leave from the predecessor's start.
    pub from_start: bool,
    /// FF and SF arrive at the successor's finish.
    pub to_finish: bool,
    pub critical: bool,
}

/// The chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GanttView {
    pub title: String,
    pub today: Date,
    pub from: Date,
    pub to: Date,
    pub lanes: Vec<Lane>,
    pub links: Vec<Link>,
    /// Every driving link (`false`: those into critical items only).
    pub all_links: bool,
    /// One row per phase of each lane rather than one per item.
    pub phases: bool,
    /// The program's `finish_by`.
    pub finish_by: Option<Flag>,
    /// The baseline revision, when bars of it are drawn.
    pub baseline: Option<String>,
    /// Rows charted.
    pub items: usize,
    /// The program calendar's non-working days in the span, sorted (shaded).
    #[serde(skip)]
    pub non_working: Vec<NaiveDate>,
}

/// Which lane an item goes in: its cluster, else its site, else the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum LaneKey {
    Cluster(usize, usize),
    Site(usize),
    Program,
}

fn lane_of(plan: &Plan, i: usize) -> LaneKey {
    let p = &plan.program;
    let m = &p.milestones[i];
    match (m.cluster, m.site) {
        (Some(c), _) => LaneKey::Cluster(p.clusters[c].site, c),
        (None, Some(s)) => LaneKey::Site(s),
        (None, None) => LaneKey::Program,
    }
}

fn lane_title(plan: &Plan, key: LaneKey) -> String {
    let p = &plan.program;
    match key {
        LaneKey::Cluster(s, c) => format!("{} · {}", p.sites[s].id, p.clusters[c].id),
        LaneKey::Site(s) => format!("{} · site work", p.sites[s].id),
        LaneKey::Program => "program".into(),
    }
}

/// The last day of item `i`'s work, as people read a bar.
fn row_of(plan: &Plan, i: usize, flags: &[Option<Flag>]) -> Row {
    let m = &plan.program.milestones[i];
    let it = &plan.schedule.items[i];
    let a = &plan.assessments[i];
    Row {
        id: m.id.clone(),
        name: m.name.clone(),
        start: Date(it.start),
        finish: Date(it.finish.max(it.start)),
        event: m.is_event(),
        status: m.status,
        health: a.health,
        critical: a.critical,
        stale: it.stale,
        baseline: None,
        flag: flags[i].clone(),
    }
}

/// Whether item `i` is charted under `options`.
fn shown(plan: &Plan, i: usize, options: &GanttOptions, flags: &[Option<Flag>]) -> bool {
    let m = &plan.program.milestones[i];
    let it = &plan.schedule.items[i];
    let kept = (!options.milestones_only || m.is_event() || flags[i].is_some())
        && (!options.critical_only || plan.assessments[i].critical);
    let in_window =
        options.from.is_none_or(|f| it.finish >= f) && options.to.is_none_or(|t| it.start <= t);
    kept && in_window
}

/// Builds the chart of `items` (e.g. a scope's) with `options`.
pub fn build(plan: &Plan, items: &[usize], options: &GanttOptions, title: String) -> GanttView {
    let p = &plan.program;
    let states = commitments(plan);
    let flag = |kind: CommitmentKind, owner: &str| {
        states
            .iter()
            .find(|c| c.kind == kind && c.id == owner)
            .map(|c| Flag {
                kind,
                date: Date(c.date),
                forecast: Date(c.forecast),
                late: c.late,
            })
    };
    let flags: Vec<Option<Flag>> = p
        .milestones
        .iter()
        .map(|m| m.due.and_then(|_| flag(CommitmentKind::Due, &m.id)))
        .collect();
    let mut chosen: Vec<(LaneKey, NaiveDate, String, usize)> = items
        .iter()
        .copied()
        .filter(|&i| shown(plan, i, options, &flags))
        .map(|i| {
            (
                lane_of(plan, i),
                plan.schedule.items[i].start,
                p.milestones[i].id.clone(),
                i,
            )
        })
        .collect();
    chosen.sort();
    let phases = chosen.len() > ITEM_ROWS;
    let mut lanes: Vec<(LaneKey, Vec<usize>)> = Vec::new();
    for (key, _, _, i) in chosen {
        match lanes.last_mut() {
            Some((k, list)) if *k == key => list.push(i),
            _ => lanes.push((key, vec![i])),
        }
    }
    let lanes: Vec<(LaneKey, Lane, Vec<usize>)> = lanes
        .into_iter()
        .map(|(key, list)| {
            let ready = match key {
                LaneKey::Cluster(_, c) => flag(CommitmentKind::ReadyBy, &p.clusters[c].id),
                _ => None,
            };
            let rows = if phases {
                phase_rows(plan, &list)
            } else {
                list.iter().map(|&i| row_of(plan, i, &flags)).collect()
            };
            let lane = Lane {
                title: lane_title(plan, key),
                flag: ready,
                rows,
            };
            (key, lane, if phases { Vec::new() } else { list })
        })
        .collect();
    let rows: usize = lanes.iter().map(|(_, l, _)| l.rows.len()).sum();
    let all_links = rows <= ALL_LINKS_ROWS;
    let links = if phases {
        Vec::new()
    } else {
        links(plan, &lanes, all_links)
    };
    let (from, to) = span(plan, &lanes, options);
    GanttView {
        title,
        today: Date(plan.schedule.today),
        from: Date(from),
        to: Date(to),
        links,
        all_links,
        phases,
        finish_by: p.config.finish_by.and_then(|_| {
            states
                .iter()
                .find(|c| c.kind == CommitmentKind::FinishBy)
                .map(|c| Flag {
                    kind: c.kind,
                    date: Date(c.date),
                    forecast: Date(c.forecast),
                    late: c.late,
                })
        }),
        baseline: None,
        items: rows,
        non_working: non_working(plan, from, to),
        lanes: lanes.into_iter().map(|(_, l, _)| l).collect(),
    }
}

/// One row per kind of work in a lane: from its first start to its last finish, with
/// the worst health and critical when any item is.
fn phase_rows(plan: &Plan, list: &[usize]) -> Vec<Row> {
    let mut rows: Vec<Row> = Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let of: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| plan.program.milestones[i].kind == kind)
                .collect();
            let items = |f: fn(&crate::schedule::Scheduled) -> NaiveDate| {
                of.iter().map(move |&i| f(&plan.schedule.items[i]))
            };
            let start = items(|s| s.start).min()?;
            let finish = items(|s| s.finish).max()?;
            let done = of
                .iter()
                .all(|&i| plan.program.milestones[i].status == Status::Done);
            let started = of
                .iter()
                .any(|&i| plan.program.milestones[i].status != Status::NotStarted);
            Some(Row {
                id: kind.as_str().to_string(),
                name: format!("{} ({} items)", kind.words(), of.len()),
                start: Date(start),
                finish: Date(finish),
                event: false,
                status: match (done, started) {
                    (true, _) => Status::Done,
                    (false, true) => Status::InProgress,
                    _ => Status::NotStarted,
                },
                health: of
                    .iter()
                    .map(|&i| plan.assessments[i].health)
                    .max()
                    .unwrap_or(Health::OnTrack),
                critical: of.iter().any(|&i| plan.assessments[i].critical),
                stale: of.iter().any(|&i| plan.schedule.items[i].stale),
                baseline: None,
                flag: None,
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.start, r.finish));
    rows
}

/// The driving links between drawn items (the dependency that sets each item's
/// dates): every one, or those into critical items.
fn links(plan: &Plan, lanes: &[(LaneKey, Lane, Vec<usize>)], all: bool) -> Vec<Link> {
    use crate::model::Relation;
    use crate::schedule::Driver;
    let mut at = vec![None; plan.program.milestones.len()];
    for (l, (_, _, list)) in lanes.iter().enumerate() {
        for (r, &i) in list.iter().enumerate() {
            at[i] = Some((l, r));
        }
    }
    let mut out = Vec::new();
    for (i, m) in plan.program.milestones.iter().enumerate() {
        let Some(to) = at[i] else { continue };
        let Driver::Dep(k) = plan.schedule.items[i].driver else {
            continue;
        };
        let Some(dep) = m.deps.get(k) else { continue };
        let Some(from) = at[dep.pred] else { continue };
        let critical = plan.assessments[i].critical;
        if all || critical {
            out.push(Link {
                from,
                to,
                from_start: matches!(dep.relation, Relation::Ss | Relation::Sf),
                to_finish: matches!(dep.relation, Relation::Ff | Relation::Sf),
                critical,
            });
        }
    }
    out.sort_by_key(|l| (l.to, l.from));
    out
}

/// The days in `from..=to` the program calendar does not work.
fn non_working(plan: &Plan, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let cal = &plan.program.calendars[0];
    from.iter_days()
        .take_while(|d| *d <= to)
        .take(4000)
        .filter(|d| !cal.is_working(*d))
        .collect()
}

/// Sets each row's baseline bar: as long as its bar, ending at the baseline's finish.
pub fn with_baseline(view: &mut GanttView, baseline: &super::baseline::Baseline) {
    view.baseline = Some(baseline.rev.clone());
    for row in view.lanes.iter_mut().flat_map(|l| l.rows.iter_mut()) {
        if let Some(finish) = baseline.planned_finish(&row.id) {
            let start = finish - (row.finish.0 - row.start.0);
            row.baseline = Some((Date(start), Date(finish)));
        }
    }
}

/// The days the axis spans: the rows, flags and today, within `--from`/`--to`.
fn span(
    plan: &Plan,
    lanes: &[(LaneKey, Lane, Vec<usize>)],
    options: &GanttOptions,
) -> (NaiveDate, NaiveDate) {
    let today = plan.schedule.today;
    let mut dates = vec![today];
    for (_, lane, _) in lanes {
        dates.extend(lane.flag.iter().flat_map(|f| [f.date.0, f.forecast.0]));
        for row in &lane.rows {
            dates.extend([row.start.0, row.finish.0]);
            dates.extend(row.flag.iter().flat_map(|f| [f.date.0, f.forecast.0]));
        }
    }
    if let Some(finish_by) = plan
        .program
        .config
        .finish_by
        .filter(|_| options.program_wide)
    {
        dates.push(finish_by);
    }
    let lo = dates.iter().copied().min().unwrap_or(today);
    let hi = dates.iter().copied().max().unwrap_or(today);
    let from = options.from.unwrap_or(lo);
    let to = options.to.unwrap_or(hi).max(from);
    (from, to)
}
