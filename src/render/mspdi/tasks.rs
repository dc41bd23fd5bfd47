//! MSPDI tasks: the summary tasks of sites and clusters, and one task per milestone with
//! the schedule's dates, progress, constraint, deadline, calendar, links and milepost's
//! custom fields.
use std::collections::HashSet;

use chrono::NaiveDate;

use crate::analysis::Plan;
use crate::load::import::fields::{self, Field, ID_PREFIX, MINUTES_PER_DAY};
use crate::model::{Relation, Status};

use super::uid::Uids;
use super::xml::{Xml, evening, hours, morning};
use super::{Node, Row, calendars};

/// Tenths of a minute in an elapsed day (LinkLag's unit).
const ELAPSED_DAY_TENTHS: i64 = 24 * 60 * 10;

/// `<Tasks>` for the outline `rows`.
pub fn write(xml: &mut Xml, plan: &Plan, rows: &[Row]) {
    let uids = Uids::new(&plan.program);
    let exported: HashSet<usize> = rows
        .iter()
        .filter_map(|r| match r.node {
            Node::Item(i) => Some(i),
            _ => None,
        })
        .collect();
    xml.open("Tasks");
    project_summary(xml, plan);
    for (k, row) in rows.iter().enumerate() {
        let id = k + 1;
        match row.node {
            Node::Item(i) => item(xml, plan, &uids, &exported, row, id, i),
            Node::Site(_) | Node::Cluster(_) => summary(xml, plan, &uids, rows, k),
        }
    }
    xml.close("Tasks");
}

/// Task 0, the project summary task: the program, with `finish_by` as its deadline.
fn project_summary(xml: &mut Xml, plan: &Plan) {
    let p = &plan.program;
    xml.open("Task");
    xml.text("UID", 0);
    xml.text("ID", 0);
    xml.text("Name", &p.config.name);
    xml.flag("Active", true);
    xml.flag("Manual", false);
    xml.text("Type", 1);
    xml.text("WBS", 0);
    xml.text("OutlineNumber", 0);
    xml.text("OutlineLevel", 0);
    xml.text("Start", morning(p.config.start));
    xml.text("Finish", evening(plan.schedule.finish));
    xml.flag("Milestone", false);
    xml.flag("Summary", true);
    if let Some(d) = p.config.finish_by {
        xml.text("Deadline", evening(d));
    }
    xml.close("Task");
}

/// The opening fields every task has, in schema order.
fn head(xml: &mut Xml, uid: u32, id: usize, name: &str, row: &Row) {
    xml.open("Task");
    xml.text("UID", uid);
    xml.text("ID", id);
    xml.text("Name", name);
    xml.flag("Active", true);
    xml.flag("Manual", false);
    // Fixed duration: a milestone's duration does not depend on resources.
    xml.text("Type", 1);
    xml.text("WBS", &row.wbs);
    xml.text("OutlineNumber", &row.wbs);
    xml.text("OutlineLevel", row.level);
}

fn custom(xml: &mut Xml, field: Field, value: impl std::fmt::Display) {
    xml.open("ExtendedAttribute");
    xml.text("FieldID", field.id);
    xml.text("Value", value);
    xml.close("ExtendedAttribute");
}

/// A site's or cluster's summary task, spanning the items below it.
fn summary(xml: &mut Xml, plan: &Plan, uids: &Uids, rows: &[Row], k: usize) {
    let p = &plan.program;
    let row = &rows[k];
    let items: Vec<usize> = rows[k + 1..]
        .iter()
        .take_while(|r| r.level > row.level)
        .filter_map(|r| match r.node {
            Node::Item(i) => Some(i),
            _ => None,
        })
        .collect();
    let start = items.iter().map(|&i| plan.schedule.items[i].start).min();
    let finish = items.iter().map(|&i| plan.schedule.items[i].finish).max();
    let (Some(start), Some(finish)) = (start, finish) else {
        return;
    };
    let (uid, name, key, calendar, deadline) = match row.node {
        Node::Site(s) => {
            let site = &p.sites[s];
            let key = format!("site:{}", site.id);
            (uids.sites[s], site.name.clone(), key, site.calendar, None)
        }
        Node::Cluster(c) => {
            let cluster = &p.clusters[c];
            let name = match &cluster.gpu {
                Some(gpu) => format!("{} ({gpu})", cluster.id),
                None => cluster.id.clone(),
            };
            let key = format!("cluster:{}", cluster.id);
            (uids.clusters[c], name, key, 0, cluster.ready_by)
        }
        Node::Item(_) => return,
    };
    head(xml, uid, k + 1, &name, row);
    let cal = &p.calendars[0];
    let days = (cal.last_on_or_before(finish) - cal.first_on_or_after(start) + 1).max(0);
    xml.text("Start", morning(start));
    xml.text("Finish", evening(finish));
    xml.text("Duration", hours(days));
    xml.text("DurationFormat", 7);
    xml.flag("Milestone", false);
    xml.flag("Summary", true);
    if calendar != 0 {
        xml.text("CalendarUID", calendars::uid(calendar));
    }
    if let Some(d) = deadline {
        xml.text("Deadline", evening(d));
    }
    custom(xml, fields::MILEPOST_ID, format!("{ID_PREFIX}{key}"));
    xml.close("Task");
}

/// The progress of an item as MSPDI counts it, in working days of its calendar.
struct Progress {
    duration: i64,
    actual: i64,
    remaining: i64,
    percent: i64,
}

fn progress(plan: &Plan, i: usize) -> Progress {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    let span = (it.f - it.s).max(0);
    match m.status {
        Status::Done => Progress {
            duration: span,
            actual: span,
            remaining: 0,
            percent: 100,
        },
        Status::InProgress => {
            let t = p.calendars[m.calendar].first_on_or_after(plan.schedule.today);
            let actual = (t - it.s).clamp(0, span);
            let percent = if span > 0 { actual * 100 / span } else { 0 };
            Progress {
                duration: span,
                actual,
                remaining: span - actual,
                percent: percent.min(99),
            }
        }
        Status::NotStarted => Progress {
            duration: m.duration,
            actual: 0,
            remaining: m.duration,
            percent: 0,
        },
    }
}

/// The recorded forecast finish of a stale in-progress item (its Finish shows the
/// forecast the schedule uses, no earlier than today).
fn recorded_finish(plan: &Plan, i: usize) -> Option<NaiveDate> {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    if !it.stale {
        return None;
    }
    let cal = &p.calendars[m.calendar];
    let f_rec = match (m.expected_finish, m.remaining, m.as_of) {
        (Some(e), _, _) => cal.last_on_or_before(e) + 1,
        (None, Some(r), Some(as_of)) => cal.first_on_or_after(as_of) + r,
        _ => it.s + m.duration,
    };
    cal.date(f_rec - 1)
}

fn relation_code(r: Relation) -> u8 {
    match r {
        Relation::Ff => 0,
        Relation::Fs => 1,
        Relation::Sf => 2,
        Relation::Ss => 3,
    }
}

/// One milestone's task.
fn item(
    xml: &mut Xml,
    plan: &Plan,
    uids: &Uids,
    exported: &HashSet<usize>,
    row: &Row,
    id: usize,
    i: usize,
) {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    let event = m.is_event();
    let at = |d: NaiveDate, start: bool| {
        if start && !event {
            morning(d)
        } else {
            evening(d)
        }
    };
    let pr = progress(plan, i);
    head(xml, uids.milestones[i], id, &m.name, row);
    xml.text("Start", at(it.start, true));
    xml.text("Finish", at(it.finish, false));
    xml.text("Duration", hours(pr.duration));
    xml.text("DurationFormat", 7);
    xml.flag("Milestone", event);
    xml.flag("Summary", false);
    xml.flag("Critical", plan.assessments[i].critical);
    if m.status != Status::Done {
        xml.text("EarlyStart", at(it.start, true));
        xml.text("EarlyFinish", at(it.finish, false));
    }
    if let Some(d) = it.late_start {
        xml.text("LateStart", at(d, true));
    }
    if let Some(d) = it.late_finish {
        xml.text("LateFinish", at(d, false));
    }
    if let Some(tf) = it.total_float {
        xml.text("TotalSlack", tf * MINUTES_PER_DAY * 10);
    }
    xml.text("PercentComplete", pr.percent);
    if m.status != Status::NotStarted {
        xml.text("ActualStart", at(it.start, true));
    }
    if m.status == Status::Done {
        xml.text("ActualFinish", at(it.finish, false));
    }
    xml.text("ActualDuration", hours(pr.actual));
    xml.text("RemainingDuration", hours(pr.remaining));
    // 4: Start No Earlier Than; 0: As Soon As Possible.
    xml.text(
        "ConstraintType",
        if m.start_no_earlier.is_some() { 4 } else { 0 },
    );
    // The task's calendar where it is not the project's, or where its site's region
    // would otherwise give it another (`calendar: program` at a regional site).
    let site_calendar = p.site_of(m).map_or(0, |s| p.sites[s].calendar);
    if m.calendar != 0 || site_calendar != 0 {
        xml.text("CalendarUID", calendars::uid(m.calendar));
    }
    if let Some(d) = m.start_no_earlier {
        xml.text("ConstraintDate", morning(d));
    }
    if let Some(due) = m.due {
        xml.text("Deadline", evening(due));
    }
    if let Some(link) = m.links.first() {
        xml.text("HyperlinkAddress", link);
    }
    if let Some(notes) = &m.notes {
        xml.text("Notes", notes);
    }
    let elapsed = m.calendar + 1 == p.calendar_names.len();
    for dep in m.deps.iter().filter(|d| exported.contains(&d.pred)) {
        xml.open("PredecessorLink");
        xml.text("PredecessorUID", uids.milestones[dep.pred]);
        xml.text("Type", relation_code(dep.relation));
        xml.flag("CrossProject", false);
        // Tenths of a minute; format 7 = days, 8 = elapsed days.
        let (tenths, format) = if elapsed {
            (dep.lag * ELAPSED_DAY_TENTHS, 8)
        } else {
            (dep.lag * MINUTES_PER_DAY * 10, 7)
        };
        xml.text("LinkLag", tenths);
        xml.text("LagFormat", format);
        xml.close("PredecessorLink");
    }
    custom(xml, fields::MILEPOST_ID, format!("{ID_PREFIX}{}", m.id));
    if let Some(owner) = &m.owner {
        custom(xml, fields::OWNER, owner);
    }
    if let Some(v) = m.vendor {
        custom(xml, fields::VENDOR, &p.vendors[v].id);
        custom(xml, fields::VENDOR_NAME, &p.vendors[v].name);
    }
    custom(xml, fields::KIND, m.kind.as_str());
    if pr.duration != m.duration {
        custom(xml, fields::PLANNED_DURATION, m.duration);
    }
    if let Some(d) = recorded_finish(plan, i) {
        custom(xml, fields::RECORDED_FINISH, evening(d));
    }
    xml.close("Task");
}
