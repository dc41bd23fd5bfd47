//! The scheduler's invariants (SPEC §2) on a generated program: early dates are the
//! earliest that satisfy every bound and relation, late dates satisfy the relations
//! backwards, floats are the differences they are defined as.
use milepost::analysis::Plan;
use milepost::calendar::{carry_lower, Calendar, Edge};
use milepost::load::raw::{Relation, Status};
use milepost::source::Memory;

use crate::generate::Spec;

/// Loads, validates and schedules `spec`, then checks every invariant (panics on a
/// violation: that is the finding).
pub fn check(spec: &Spec) {
    let toml = spec.toml();
    let yaml = spec.yaml();
    let source = Memory::new()
        .with("milepost.toml", toml.as_str())
        .with("plan.yaml", yaml.as_str());
    let today = spec.today_date();
    let loaded = milepost::load::load(&source).expect("a Memory source always loads");
    let validated = milepost::validate::validate(loaded, today);
    let errors: Vec<_> = validated.diags.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.is_empty(),
        "a generated program must be valid:\n{toml}\n{yaml}\n{errors:#?}"
    );
    let program = validated.program.expect("valid program");
    let plan = match Plan::new(program, today) {
        Ok(plan) => plan,
        Err(e) => panic!("schedule failed: {e}\n{toml}\n{yaml}"),
    };
    crate::render(&plan);
    relations(&plan, false);
    relations(&plan, true);
    items(&plan);
}

fn cal(plan: &Plan, i: usize) -> &Calendar {
    &plan.program.calendars[plan.program.milestones[i].calendar]
}

/// The bound a relation puts on the successor's start (early) in its own calendar.
fn bound(plan: &Plan, pred: usize, x: usize, relation: Relation, lag: i64, late: bool) -> i64 {
    let (p, m) = (&plan.schedule.items[pred], &plan.program.milestones[x]);
    let (ps, pf) = if late {
        (p.ls.expect("ls"), p.lf.expect("lf"))
    } else {
        (p.s, p.f)
    };
    let (edge, b) = match relation {
        Relation::Fs | Relation::Ff => (Edge::Finish, pf),
        Relation::Ss | Relation::Sf => (Edge::Start, ps),
    };
    let carried = if plan.program.milestones[pred].calendar == m.calendar {
        b
    } else {
        carry_lower(cal(plan, pred), cal(plan, x), b, edge).expect("carry in range")
    };
    let finish_side = matches!(relation, Relation::Ff | Relation::Sf);
    carried + lag - if finish_side { m.duration } else { 0 }
}

/// Every relation into a not-started item holds (late: when both have late dates).
fn relations(plan: &Plan, late: bool) {
    for (x, m) in plan.program.milestones.iter().enumerate() {
        if m.status != Status::NotStarted {
            continue;
        }
        for d in &m.deps {
            if late && plan.program.milestones[d.pred].status == Status::Done {
                continue;
            }
            let it = &plan.schedule.items[x];
            let s = if late { it.ls.expect("ls") } else { it.s };
            let b = bound(plan, d.pred, x, d.relation, d.lag, late);
            assert!(
                s >= b,
                "{:?} {} -> {} violated (late={late}): start {s} < bound {b}",
                d.relation,
                plan.program.milestones[d.pred].id,
                m.id
            );
        }
    }
}

/// Per-item invariants: durations, floats, date bounds, tight early starts.
fn items(plan: &Plan) {
    let p = &plan.program;
    let today = plan.schedule.today;
    for (i, m) in p.milestones.iter().enumerate() {
        let it = &plan.schedule.items[i];
        let c = cal(plan, i);
        let event = m.is_event();
        assert!(
            it.finish <= plan.schedule.finish,
            "{}: after the program finish",
            m.id
        );
        match m.status {
            Status::Done => {
                assert!(it.ls.is_none() && it.lf.is_none() && it.total_float.is_none());
                continue;
            }
            Status::InProgress => {
                let (ls, lf) = (it.ls.expect("ls"), it.lf.expect("lf"));
                assert_eq!(lf - ls, m.duration, "{}: LF - LS", m.id);
                assert_eq!(it.total_float, Some(lf - it.f), "{}: TF = LF - f", m.id);
                assert!(it.late_start.is_none());
            }
            Status::NotStarted => {
                let (ls, lf) = (it.ls.expect("ls"), it.lf.expect("lf"));
                assert_eq!(it.f - it.s, m.duration, "{}: f - s", m.id);
                assert_eq!(lf - ls, m.duration, "{}: LF - LS", m.id);
                assert_eq!(it.total_float, Some(ls - it.s), "{}: TF = LS - s", m.id);
                // The early start is the largest of its bounds: never earlier, never later.
                let mut bounds = vec![
                    c.not_before(p.config.start, event),
                    c.not_before(today, event),
                ];
                if let Some(d) = m.start_no_earlier {
                    bounds.push(c.not_before(d, event));
                }
                for d in &m.deps {
                    bounds.push(bound(plan, d.pred, i, d.relation, d.lag, false));
                }
                let max = bounds.iter().copied().max().unwrap_or(i64::MIN);
                assert_eq!(it.s, max, "{}: early start is not the tightest bound", m.id);
            }
        }
        let lf = it.lf.expect("lf");
        assert!(
            lf <= c.finish_by(plan.schedule.finish),
            "{}: LF past the finish",
            m.id
        );
        if let Some(due) = m.due {
            assert!(lf <= c.finish_by(due), "{}: LF past its due date", m.id);
        }
        let critical = it.total_float.is_some_and(|tf| tf <= 0);
        assert_eq!(
            plan.assessments[i].critical, critical,
            "{}: critical flag",
            m.id
        );
    }
    let latest = plan.schedule.items.iter().map(|it| it.finish).max();
    if let Some(latest) = latest {
        assert_eq!(
            latest, plan.schedule.finish,
            "the program finish is the latest finish"
        );
    }
}
