//! One MSPDI task → a milestone: duration in working days (elapsed time → the
//! `elapsed` calendar), calendar, progress, constraint and deadline, custom fields and
//! links with their type and lag. What does not fit is reported on the import.
use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::fields;
use super::mspdi::Build;
use super::mspdi_calendars::Cal;
use super::mspdi_task::{Task, elapsed_format, finish_day, percent_format, start_day};
use crate::load::raw::{Date, Dependency, Kind, RawMilestone, Relation, Status};

/// Tenths of a minute in an elapsed day.
const ELAPSED_DAY_TENTHS: f64 = 14_400.0;

/// Rounds `days` to whole days, reporting a fraction.
fn whole(b: &mut Build, days: f64, what: String) -> i64 {
    let n = days.round();
    if (days - n).abs() > 0.01 {
        b.lost(format!(
            "{what} of {days:.2} days is rounded to {n} (milepost counts whole working days)"
        ));
    }
    n as i64
}

fn datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// What every task of a file is read against.
pub(super) struct File {
    /// Task UID → milestone id.
    pub(super) uid_to_id: HashMap<i64, String>,
    /// The UIDs of summary tasks.
    pub(super) summaries: Vec<i64>,
    pub(super) cals: HashMap<i64, Cal>,
    pub(super) minutes_per_day: i64,
}

/// The milestone `id` for `task`, at `(site, cluster)` (indices into `b.sites`,
/// `b.clusters`).
pub(super) fn milestone(
    b: &mut Build,
    file: &File,
    task: &Task,
    id: String,
    (site, cluster): (Option<usize>, Option<usize>),
) -> RawMilestone {
    let (uid_to_id, summaries, cals) = (&file.uid_to_id, &file.summaries, &file.cals);
    let minutes_per_day = file.minutes_per_day;
    let mut m = super::milestone(id.clone());
    m.name = super::clean(&task.name).filter(|n| *n != id);
    let site = cluster.map(|c| b.clusters[c].1).or(site);
    m.cluster = cluster.map(|c| b.clusters[c].0.clone());
    if cluster.is_none() {
        m.site = site.map(|s| b.sites[s].0.clone());
    }
    // Duration: working days of 8 h (MinutesPerDay), or elapsed days of 24 h.
    let days = if task.elapsed {
        task.hours / 24.0
    } else {
        task.hours * 60.0 / minutes_per_day as f64
    };
    let mut duration = whole(b, days.max(0.0), format!("the duration of `{id}`"));
    if let Some(planned) = task
        .custom
        .get(fields::PLANNED_DURATION.alias)
        .and_then(|v| v.parse::<f64>().ok())
    {
        duration = planned.max(0.0).round() as i64;
    }
    m.duration = (duration != 0).then_some(duration);
    let event = duration == 0;
    if task.milestone && !event {
        b.lost(format!(
            "`{id}` is flagged a milestone but lasts {duration} days: imported as a task"
        ));
    }
    // Calendar: the task's, unless its site's region gives it anyway.
    let mut calendar = task.calendar.and_then(|u| b.calendar_key(u, cals));
    if task.elapsed {
        calendar = Some("elapsed".into());
    }
    let region = site.and_then(|s| b.sites[s].1.clone());
    m.calendar = match calendar {
        Some(k) if Some(&k) == region.as_ref() => None,
        Some(k) if k == "program" && region.is_none() => None,
        other => other,
    };
    progress(b, task, &mut m, event);
    constraint(b, task, &mut m);
    let text = |f: fields::Field| task.custom.get(f.alias).and_then(|v| super::clean(v));
    m.owner = text(fields::OWNER);
    if let Some(kind) = text(fields::KIND) {
        match kind.parse::<Kind>() {
            Ok(k) if k != Kind::default() => m.kind = Some(k),
            Ok(_) => {}
            Err(e) => b.lost(format!("`{id}`: {e}; imported as `other`")),
        }
    }
    if let Some(vendor) = text(fields::VENDOR) {
        let name = text(fields::VENDOR_NAME);
        m.vendor = Some(b.vendor(&vendor, name.as_deref()));
    }
    m.notes = task.notes.clone();
    m.links = task.hyperlink.clone().map(|l| vec![l]);
    if task.recurring {
        b.lost(format!(
            "recurring task `{}` is imported as one task",
            task.name
        ));
    }
    if task.manual {
        b.lost(format!(
            "manually scheduled task `{}` is scheduled by milepost",
            task.name
        ));
    }
    if task.cost {
        b.lost(format!("the costs of `{}` are not imported", task.name));
    }
    let elapsed = m.calendar.as_deref() == Some("elapsed");
    let mut deps = Vec::new();
    for link in &task.links {
        let Some(pred) = uid_to_id.get(&link.pred) else {
            let why = if summaries.contains(&link.pred) {
                "a summary task"
            } else {
                "a task not in the file"
            };
            b.lost(format!(
                "`{id}`: its link from {why} (UID {}) is not imported",
                link.pred
            ));
            continue;
        };
        let relation = match link.kind {
            0 => Relation::Ff,
            2 => Relation::Sf,
            3 => Relation::Ss,
            _ => Relation::Fs,
        };
        let lag = if link.lag == 0.0 {
            0
        } else if percent_format(link.format) {
            b.lost(format!(
                "`{id}`: its {}% lag on `{pred}` is not imported (lag 0)",
                link.lag
            ));
            0
        } else if elapsed_format(link.format) {
            if !elapsed {
                b.lost(format!(
                    "`{id}`: its elapsed lag on `{pred}` counts as working days"
                ));
            }
            whole(
                b,
                link.lag / ELAPSED_DAY_TENTHS,
                format!("`{id}`: the lag on `{pred}`"),
            )
        } else {
            let tenths_per_day = minutes_per_day as f64 * 10.0;
            whole(
                b,
                link.lag / tenths_per_day,
                format!("`{id}`: the lag on `{pred}`"),
            )
        };
        deps.push(Dependency {
            id: pred.clone(),
            relation,
            lag,
        });
    }
    m.depends_on = (!deps.is_empty()).then_some(deps);
    m
}

/// Actuals → status, started, finished and, in progress, the forecast finish.
fn progress(b: &mut Build, task: &Task, m: &mut RawMilestone, event: bool) {
    let started = task.actual_start.or(task.start).map(start_day);
    if task.actual_finish.is_some() || task.percent >= 100 {
        let Some(finished) = task.actual_finish.or(task.finish).map(finish_day) else {
            b.lost(format!(
                "`{}` is complete but has no finish date: imported as not started",
                m.id
            ));
            return;
        };
        m.status = Some(Status::Done);
        m.finished = Some(Date(finished));
        if !event {
            m.started = started.filter(|s| *s <= finished).map(Date);
        }
    } else if task.actual_start.is_some() || task.percent > 0 {
        if event {
            b.lost(format!(
                "milestone `{}` has an actual start but no finish: imported as not started",
                m.id
            ));
            return;
        }
        let Some(started) = started else { return };
        m.status = Some(Status::InProgress);
        m.started = Some(Date(started));
        let recorded = task
            .custom
            .get(fields::RECORDED_FINISH.alias)
            .and_then(|v| datetime(v));
        m.expected_finish = recorded
            .or(task.finish)
            .map(finish_day)
            .filter(|f| *f >= started)
            .map(Date);
    }
}

/// The constraint and deadline → `start_no_earlier` and `due`.
fn constraint(b: &mut Build, task: &Task, m: &mut RawMilestone) {
    let date = task.constraint_date;
    let mut due = task.deadline.map(finish_day);
    let name = match task.constraint {
        0 => None,
        4 => {
            m.start_no_earlier = date.map(|d| Date(start_day(d)));
            None
        }
        7 => {
            due = due.into_iter().chain(date.map(finish_day)).min();
            None
        }
        2 => {
            m.start_no_earlier = date.map(|d| Date(start_day(d)));
            Some("Must Start On (imported as start_no_earlier)")
        }
        3 => {
            due = due.into_iter().chain(date.map(finish_day)).min();
            Some("Must Finish On (imported as due)")
        }
        1 => Some("As Late As Possible (scheduled as soon as possible)"),
        5 => Some("Start No Later Than (not imported)"),
        6 => Some("Finish No Earlier Than (not imported)"),
        _ => Some("an unknown constraint (not imported)"),
    };
    if let Some(name) = name {
        b.lost(format!("`{}`: constraint {name}", m.id));
    }
    m.due = due.map(Date);
}
