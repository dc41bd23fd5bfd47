//! What each schedule quality check measures (SPEC §6): a value, the items it counts
//! against the schedule, and the basis in words ("3 of 58 not-done items").
use crate::model::lint::LONG_DAYS;
use crate::model::{Dep, LintCheck, Relation, Status};

use super::Plan;
use super::baseline::Baseline;

/// A check's measurement: `value` is `None` when the check does not apply.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    pub value: Option<f64>,
    /// The items the check counts against the schedule, in topological order.
    pub items: Vec<usize>,
    /// For relation checks, the position in each item's `depends_on` of its first
    /// counted relation (empty for other checks).
    pub relations: Vec<usize>,
    /// What the value was computed from, in words.
    pub basis: String,
}

/// Measures `check` on `plan` (with the baseline for checks 8, 11 and 14).
pub fn measure(plan: &Plan, baseline: Option<&Baseline>, check: LintCheck) -> Measured {
    use LintCheck::*;
    match check {
        Logic => {
            let successors = has_successor(plan);
            share_of_open(plan, "not-done items", |i| {
                missing_logic(plan, &successors, i)
            })
        }
        Leads => relations(plan, false, |d| d.lag < 0),
        Lags => relations(plan, true, |d| d.lag > 0),
        RelationshipTypes => fs_share(plan),
        HardConstraints => Measured {
            value: None,
            basis: "milepost has no hard constraints".into(),
            ..Measured::default()
        },
        HighFloat => share_of_open(plan, "not-done items", |i| {
            plan.schedule.items[i]
                .total_float
                .is_some_and(|tf| tf > LONG_DAYS)
        }),
        NegativeFloat => count_of_open(plan, "with negative float", |i| {
            plan.schedule.items[i].total_float.is_some_and(|tf| tf < 0)
        }),
        HighDuration => high_duration(plan, baseline),
        InvalidDates => count_of_open(plan, "stale in progress", |i| plan.schedule.items[i].stale),
        Ownership => share_of_open(plan, "not-done items", |i| {
            plan.program.milestones[i]
                .owner
                .as_deref()
                .is_none_or(|o| o.trim().is_empty())
        }),
        MissedTasks => missed(plan, baseline),
        CriticalPathTest => super::lint_path::critical_path_test(plan),
        Cpli => cpli(plan),
        Bei => bei(plan, baseline),
    }
}

fn open(plan: &Plan, i: usize) -> bool {
    plan.program.milestones[i].status != Status::Done
}

/// A share: the not-done items for which `counted` holds.
fn share_of_open(plan: &Plan, what: &str, counted: impl Fn(usize) -> bool) -> Measured {
    let all: Vec<usize> = plan.in_order().filter(|&i| open(plan, i)).collect();
    let items: Vec<usize> = all.iter().copied().filter(|&i| counted(i)).collect();
    share(items, all.len(), what)
}

/// A count: the not-done items for which `counted` holds.
fn count_of_open(plan: &Plan, what: &str, counted: impl Fn(usize) -> bool) -> Measured {
    let items: Vec<usize> = plan
        .in_order()
        .filter(|&i| open(plan, i) && counted(i))
        .collect();
    Measured {
        value: Some(items.len() as f64),
        basis: format!(
            "{} item{} {what}",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ),
        items,
        ..Measured::default()
    }
}

fn share(items: Vec<usize>, of: usize, what: &str) -> Measured {
    Measured {
        value: (of > 0).then(|| items.len() as f64 / of as f64),
        basis: format!("{} of {of} {what}", items.len()),
        items,
        ..Measured::default()
    }
}

/// Check 1: no predecessor (no `depends_on`, no `start_no_earlier`) or no successor
/// (nothing depends on it and it has no `due`).
fn missing_logic(plan: &Plan, has_successor: &[bool], i: usize) -> bool {
    let m = &plan.program.milestones[i];
    let no_predecessor = m.deps.is_empty() && m.start_no_earlier.is_none();
    let no_successor = m.due.is_none() && !has_successor[i];
    no_predecessor || no_successor
}

/// Whether some item (done or not) depends on each item.
fn has_successor(plan: &Plan) -> Vec<bool> {
    let mut out = vec![false; plan.program.milestones.len()];
    for m in &plan.program.milestones {
        for d in &m.deps {
            out[d.pred] = true;
        }
    }
    out
}

/// The relations of not-done items (their `depends_on` entries), by successor.
fn open_relations(plan: &Plan) -> impl Iterator<Item = (usize, &Dep)> + '_ {
    plan.in_order()
        .filter(|&i| open(plan, i))
        .flat_map(move |i| plan.program.milestones[i].deps.iter().map(move |d| (i, d)))
}

/// Checks 2 and 3: the relations for which `counted` holds, as a share of all
/// relations (`as_share`) or a count; the items are their successors.
fn relations(plan: &Plan, as_share: bool, counted: impl Fn(&Dep) -> bool) -> Measured {
    let all = open_relations(plan).count();
    let mut n = 0;
    let (mut items, mut relations) = (Vec::new(), Vec::new());
    for (i, d) in open_relations(plan).filter(|(_, d)| counted(d)) {
        n += 1;
        if items.last() != Some(&i) {
            items.push(i);
            relations.push(d.index);
        }
    }
    if as_share {
        Measured {
            value: (all > 0).then(|| n as f64 / all as f64),
            basis: format!("{n} of {all} relations"),
            items,
            relations,
        }
    } else {
        Measured {
            value: Some(n as f64),
            basis: format!("{n} relation{}", if n == 1 { "" } else { "s" }),
            items,
            relations,
        }
    }
}

/// Check 4: the share of relations that are finish-to-start; the items are the
/// successors of the others.
fn fs_share(plan: &Plan) -> Measured {
    let mut m = relations(plan, true, |d| d.relation != Relation::Fs);
    let all = open_relations(plan).count();
    let fs = open_relations(plan)
        .filter(|(_, d)| d.relation == Relation::Fs)
        .count();
    m.value = (all > 0).then(|| fs as f64 / all as f64);
    m.basis = format!("{fs} of {all} relations");
    m
}

/// Check 8: not-done tasks longer than 44 working days (the baseline's duration when
/// there is a baseline that has the item).
fn high_duration(plan: &Plan, baseline: Option<&Baseline>) -> Measured {
    let tasks: Vec<usize> = plan
        .in_order()
        .filter(|&i| open(plan, i) && plan.program.milestones[i].duration >= 1)
        .collect();
    let items: Vec<usize> = tasks
        .iter()
        .copied()
        .filter(|&i| {
            let m = &plan.program.milestones[i];
            baseline
                .and_then(|b| b.planned_duration(&m.id))
                .unwrap_or(m.duration)
                > LONG_DAYS
        })
        .collect();
    share(items, tasks.len(), "not-done tasks")
}

/// The items (of those the baseline has) whose baseline finish is on or before today.
fn baselined_due(plan: &Plan, b: &Baseline) -> Vec<(usize, chrono::NaiveDate)> {
    plan.in_order()
        .filter_map(|i| {
            b.planned_finish(&plan.program.milestones[i].id)
                .filter(|f| *f <= plan.schedule.today)
                .map(|f| (i, f))
        })
        .collect()
}

/// Check 11: of the items the baseline planned to finish by today, those that
/// finished after the baseline finish or are not done.
fn missed(plan: &Plan, baseline: Option<&Baseline>) -> Measured {
    let Some(b) = baseline else {
        return no_baseline();
    };
    let due = baselined_due(plan, b);
    let items = due
        .iter()
        .filter(|(i, f)| {
            let m = &plan.program.milestones[*i];
            m.status != Status::Done || m.finished.is_some_and(|d| d > *f)
        })
        .map(|(i, _)| *i)
        .collect();
    share(items, due.len(), "items due by the baseline")
}

/// Check 14: items done ÷ items the baseline planned to finish by today (both among
/// the items the baseline has); the items are the planned ones not done.
fn bei(plan: &Plan, baseline: Option<&Baseline>) -> Measured {
    let Some(b) = baseline else {
        return no_baseline();
    };
    let all: Vec<usize> = plan.in_order().collect();
    let execution = b.execution(plan, &all);
    let items = baselined_due(plan, b)
        .into_iter()
        .map(|(i, _)| i)
        .filter(|&i| plan.program.milestones[i].status != Status::Done)
        .collect();
    Measured {
        value: execution.index,
        basis: format!(
            "{} done of {} due by the baseline",
            execution.finished, execution.planned
        ),
        items,
        ..Measured::default()
    }
}

fn no_baseline() -> Measured {
    Measured {
        value: None,
        items: Vec::new(),
        basis: "needs a baseline (--baseline REV)".into(),
        ..Measured::default()
    }
}

/// Check 13: (CPL + TF_end) / CPL in the program calendar.
fn cpli(plan: &Plan) -> Measured {
    let cal = &plan.program.calendars[0];
    let today = cal.first_on_or_after(plan.schedule.today);
    let finish = cal.last_on_or_before(plan.schedule.finish);
    let cpl = finish - today + 1;
    let tf_end = plan
        .program
        .config
        .finish_by
        .map_or(0, |d| cal.last_on_or_before(d) - finish);
    Measured {
        value: (cpl > 0).then(|| (cpl + tf_end) as f64 / cpl as f64),
        items: Vec::new(),
        basis: match plan.program.config.finish_by {
            Some(_) => format!("critical path {cpl} working days, float to finish_by {tf_end}"),
            None => format!("critical path {cpl} working days, no finish_by"),
        },
        ..Measured::default()
    }
}
