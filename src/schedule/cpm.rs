//! The critical path method: a forward pass for early dates, a backward pass for late
//! dates and float, both O(V+E) over the topological order (SPEC §2).
use chrono::NaiveDate;

use crate::calendar::{Calendar, Edge, carry_lower};
use crate::model::{Milestone, Program};
use crate::model::{Relation, Status};

use super::late::{self, Late};
use super::{Driver, Schedule, ScheduleError, Scheduled};
use crate::model::graph;

/// Schedules `program` with `today` as the data date.
pub fn schedule(program: &Program, today: NaiveDate) -> Result<Schedule, ScheduleError> {
    schedule_reusing(program, today, None)
}

/// [`schedule`], taking the topological order from an earlier schedule of a program
/// with the same ids and dependencies when it still holds (it is checked: O(V+E)).
pub fn schedule_reusing(
    program: &Program,
    today: NaiveDate,
    order: Option<Vec<usize>>,
) -> Result<Schedule, ScheduleError> {
    let Forward {
        graph: g,
        order,
        mut items,
        finish,
        pass,
    } = forward(program, today, order)?;
    let late = late::pass(program, &g, &order, Some(finish))?;
    let committed = late::pass(program, &g, &order, None)?;
    for &i in &order {
        pass.set_late(i, late[i], committed[i], &mut items[i])?;
    }
    Ok(Schedule {
        today,
        order,
        items,
        finish,
    })
}

/// One item's finish and total float.
#[derive(Clone, Debug)]
pub struct Focus {
    pub finish: NaiveDate,
    pub total_float: Option<i64>,
}

/// The dependency graph and a topological order of a program, to schedule a next
/// revision with the same milestones and dependencies without rebuilding them.
#[derive(Clone, Debug)]
pub struct Known {
    pub graph: graph::Graph,
    pub order: Vec<usize>,
}

/// Item `target`'s finish and total float as [`schedule_reusing`] gives them, for less:
/// the forward pass covers every item (the program finish needs them all), the
/// backward pass only the target and what follows it (its late dates depend on nothing
/// else), and neither commitment float nor health is computed. For `history`, which
/// reads one item at every revision.
///
/// `known`, when given, must come from a program with the same milestones, in the same
/// order, with the same dependencies (the caller knows: `validate::revalidate`).
pub fn focus(
    program: &Program,
    today: NaiveDate,
    known: Option<Known>,
    target: usize,
) -> Result<(Focus, Known), ScheduleError> {
    let Forward {
        graph: g,
        order,
        items,
        finish,
        pass,
    } = match known {
        Some(known) => forward_known(program, today, known)?,
        None => forward(program, today, None)?,
    };
    let ahead = graph::downstream(&g, target);
    let part: Vec<usize> = order.iter().copied().filter(|&i| ahead[i]).collect();
    let late = late::pass(program, &g, &part, Some(finish))?;
    let mut it = items[target].clone();
    pass.set_late(target, late[target], Late::default(), &mut it)?;
    let focus = Focus {
        finish: it.finish,
        total_float: it.total_float,
    };
    Ok((focus, Known { graph: g, order }))
}

/// The graph, the order and the forward pass over every item.
struct Forward<'a> {
    graph: graph::Graph,
    order: Vec<usize>,
    items: Vec<Scheduled>,
    finish: NaiveDate,
    pass: Pass<'a>,
}

fn forward(
    program: &Program,
    today: NaiveDate,
    order: Option<Vec<usize>>,
) -> Result<Forward<'_>, ScheduleError> {
    let graph = graph::build(&program.milestones);
    let order = match order.filter(|o| graph::is_topo_order(o, &program.milestones)) {
        Some(order) => order,
        None => graph::topo_order(&graph, &program.milestones).ok_or(ScheduleError::Cycle)?,
    };
    forward_known(program, today, Known { graph, order })
}

/// The forward pass with the graph and order given.
fn forward_known(
    program: &Program,
    today: NaiveDate,
    Known { graph: g, order }: Known,
) -> Result<Forward<'_>, ScheduleError> {
    let pass = Pass {
        program,
        cals: &program.calendars,
        today,
    };
    let mut items: Vec<Scheduled> = vec![Scheduled::EMPTY; program.milestones.len()];
    for &i in &order {
        items[i] = pass.forward(i, &items)?;
    }
    let finish = items
        .iter()
        .map(|it| it.finish)
        .max()
        .unwrap_or(program.config.start);
    Ok(Forward {
        graph: g,
        order,
        items,
        finish,
        pass,
    })
}

impl Scheduled {
    const EMPTY: Scheduled = Scheduled {
        s: 0,
        f: 0,
        ls: None,
        lf: None,
        total_float: None,
        start: NaiveDate::MIN,
        finish: NaiveDate::MIN,
        late_start: None,
        late_finish: None,
        driver: Driver::Actual,
        stale: false,
        commitment_float: None,
        commitment: None,
        commitment_via: None,
    };
}

struct Pass<'a> {
    program: &'a Program,
    cals: &'a [Calendar],
    today: NaiveDate,
}

impl Pass<'_> {
    fn out_of_range(&self, i: usize) -> ScheduleError {
        ScheduleError::OutOfRange {
            id: self.program.milestones[i].id.clone(),
        }
    }

    /// The date of working day `index` of item `i`'s calendar.
    fn date(&self, i: usize, index: i64) -> Result<NaiveDate, ScheduleError> {
        let cal = &self.cals[self.program.milestones[i].calendar];
        cal.date(index).ok_or_else(|| self.out_of_range(i))
    }

    fn forward(&self, i: usize, items: &[Scheduled]) -> Result<Scheduled, ScheduleError> {
        let m = &self.program.milestones[i];
        let cal = &self.cals[m.calendar];
        let mut stale = false;
        let (s, f, driver) = match m.status {
            Status::Done => {
                let f = m.finished.map_or(0, |d| cal.finish_by(d));
                let s = match m.started {
                    _ if m.is_event() => f,
                    Some(d) => cal.first_on_or_after(d),
                    None => f - m.duration,
                };
                (s, f, Driver::Actual)
            }
            Status::InProgress => {
                let s = m.started.map_or(0, |d| cal.first_on_or_after(d));
                let t = cal.first_on_or_after(self.today);
                let recorded = match (m.expected_finish, m.remaining, m.as_of) {
                    (Some(e), _, _) => cal.finish_by(e),
                    (None, Some(r), Some(as_of)) => cal.first_on_or_after(as_of) + r,
                    _ => s + m.duration,
                };
                stale = recorded <= t;
                (s, recorded.max(t + 1), Driver::Actual)
            }
            Status::NotStarted => {
                let (s, driver) = self.early_start(i, m, cal, items)?;
                (s, s + m.duration, driver)
            }
        };
        let (start, finish) = self.shown_dates(i, m, s, f)?;
        Ok(Scheduled {
            s,
            f,
            start,
            finish,
            driver,
            stale,
            ..Scheduled::EMPTY
        })
    }

    fn early_start(
        &self,
        i: usize,
        m: &Milestone,
        cal: &Calendar,
        items: &[Scheduled],
    ) -> Result<(i64, Driver), ScheduleError> {
        let event = m.is_event();
        let mut s = cal.not_before(self.program.config.start, event);
        let mut driver = Driver::ProgramStart;
        let raise = |bound: i64, why: Driver, driver: &mut Driver, s: &mut i64| {
            // On a tie a dependency is the more useful explanation than a date bound.
            if bound > *s
                || (bound == *s
                    && matches!(why, Driver::Dep(_))
                    && !matches!(driver, Driver::Dep(_)))
            {
                *s = bound;
                *driver = why;
            }
        };
        raise(
            cal.not_before(self.today, event),
            Driver::Today,
            &mut driver,
            &mut s,
        );
        if let Some(d) = m.start_no_earlier {
            raise(
                cal.not_before(d, event),
                Driver::StartNoEarlier,
                &mut driver,
                &mut s,
            );
        }
        for (k, dep) in m.deps.iter().enumerate() {
            let p = &items[dep.pred];
            let from = &self.cals[self.program.milestones[dep.pred].calendar];
            let pred_is_event = self.program.milestones[dep.pred].is_event();
            let (edge, b) = match dep.relation {
                Relation::Fs | Relation::Ff => (Edge::Finish, p.f),
                // A milestone event is an instant: its start carries like its finish.
                Relation::Ss | Relation::Sf if pred_is_event => (Edge::Finish, p.s),
                Relation::Ss | Relation::Sf => (Edge::Start, p.s),
            };
            let carried = if std::ptr::eq(from, cal) {
                b
            } else {
                carry_lower(from, cal, b, edge).ok_or_else(|| self.out_of_range(i))?
            };
            let finish_side = matches!(dep.relation, Relation::Ff | Relation::Sf);
            let bound = carried + dep.lag - if finish_side { m.duration } else { 0 };
            raise(bound, Driver::Dep(k), &mut driver, &mut s);
        }
        Ok((s, driver))
    }

    /// The dates shown for boundaries s and f (SPEC §2, §3).
    fn shown_dates(
        &self,
        i: usize,
        m: &Milestone,
        s: i64,
        f: i64,
    ) -> Result<(NaiveDate, NaiveDate), ScheduleError> {
        let finish = match (m.status, m.finished) {
            (Status::Done, Some(d)) => d,
            _ => self.date(i, f - 1)?,
        };
        let start = match (m.status, m.started) {
            (Status::Done | Status::InProgress, Some(d)) if !m.is_event() => d,
            (Status::Done, _) if m.is_event() => finish,
            _ if m.is_event() => self.date(i, s - 1)?,
            _ => self.date(i, s)?,
        };
        Ok((start, finish))
    }

    /// Late dates and total float from the full backward pass, commitment float and
    /// the binding commitment from the pass without the program finish (SPEC §2).
    fn set_late(
        &self,
        i: usize,
        late: Late,
        committed: Late,
        it: &mut Scheduled,
    ) -> Result<(), ScheduleError> {
        let m = &self.program.milestones[i];
        if m.status == Status::Done {
            return Ok(());
        }
        let float = |l: Late| match m.status {
            Status::InProgress => l.lf.map(|b| (b.value - it.f, b.tag)),
            _ => l.ls.map(|b| (b.value - it.s, b.tag)),
        };
        let (Some(lf), Some((total_float, _))) = (late.lf, float(late)) else {
            return Ok(());
        };
        let commitment = float(committed);
        it.ls = late.ls.map(|b| b.value);
        it.lf = Some(lf.value);
        it.total_float = Some(total_float);
        it.commitment_float = commitment.map(|(cf, _)| cf);
        it.commitment = commitment.and_then(|(_, tag)| tag);
        it.commitment_via = match m.status {
            Status::InProgress => committed.lf.and_then(|b| b.via),
            _ => committed.ls.and_then(|b| b.via),
        };
        it.late_start = match (m.status, late.ls) {
            (Status::InProgress, _) | (_, None) => None,
            _ if m.is_event() => Some(self.date(i, lf.value - 1)?),
            (_, Some(ls)) => Some(self.date(i, ls.value)?),
        };
        it.late_finish = Some(self.date(i, lf.value - 1)?);
        Ok(())
    }
}
