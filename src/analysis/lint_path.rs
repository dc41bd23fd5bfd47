//! Check 12, the critical path test: delay the first item of the critical path (by
//! start, then id) by 600 working days in a copy of the program and see whether the
//! program finish moves by as much.
use crate::model::lint::CRITICAL_PATH_DELAY;
use crate::model::{Program, Status};
use crate::schedule;

use super::Plan;
use super::lint_checks::Measured;

/// The test on `plan`: the value is how far the program finish moves, in working days
/// of the delayed item's calendar; `None` without a not-done critical item (or when
/// the delayed schedule runs past the dates milepost can represent).
pub fn critical_path_test(plan: &Plan) -> Measured {
    // The first item of the critical path as SPEC §3 orders it: by start, then id.
    let Some(&i) = plan.critical_path().first() else {
        return Measured {
            value: None,
            items: Vec::new(),
            basis: "no critical item".into(),
            ..Measured::default()
        };
    };
    let id = &plan.program.milestones[i].id;
    let shift = delayed(plan, i).map(|finish| {
        let cal = &plan.program.calendars[plan.program.milestones[i].calendar];
        cal.last_on_or_before(finish) - cal.last_on_or_before(plan.schedule.finish)
    });
    Measured {
        value: shift.map(|s| s as f64),
        items: vec![i],
        basis: match shift {
            Some(s) => format!("{id} +{CRITICAL_PATH_DELAY}: finish +{s}"),
            None => format!("{id} +{CRITICAL_PATH_DELAY}: beyond the representable dates"),
        },
        ..Measured::default()
    }
}

/// The program finish with item `i` delayed: a not-started task's duration grows; a
/// milestone event stays an event, dated that many working days later (a "not before"
/// date); an in-progress item's forecast finish moves later.
fn delayed(plan: &Plan, i: usize) -> Option<chrono::NaiveDate> {
    let mut copy: Program = plan.program.clone();
    let m = &mut copy.milestones[i];
    let cal = &plan.program.calendars[m.calendar];
    let it = &plan.schedule.items[i];
    match m.status {
        Status::InProgress => {
            m.expected_finish = Some(cal.date(it.f - 1 + CRITICAL_PATH_DELAY)?);
            m.remaining = None;
            m.as_of = None;
        }
        // An event at boundary s is dated working day s - 1; "not before" that day's
        // date + 600 places it at s + 600 (later than every other bound).
        _ if m.is_event() => {
            m.start_no_earlier = Some(cal.date(it.s - 1 + CRITICAL_PATH_DELAY)?);
        }
        _ => m.duration += CRITICAL_PATH_DELAY,
    }
    schedule::schedule_reusing(
        &copy,
        plan.schedule.today,
        Some(plan.schedule.order.clone()),
    )
    .ok()
    .map(|s| s.finish)
}
