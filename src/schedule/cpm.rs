//! The critical path method: a forward pass for early dates, a backward pass for late
//! dates and float, both O(V+E) over the topological order (SPEC §2).
use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::calendar::{Calendar, Edge, carry_lower, carry_upper};
use crate::model::{Milestone, Program};
use crate::model::{Relation, Status};

use super::{Driver, Schedule, ScheduleError, Scheduled};
use crate::model::graph::{self, Graph};

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
    let g = graph::build(&program.milestones);
    let order = match order.filter(|o| graph::is_topo_order(o, &program.milestones)) {
        Some(order) => order,
        None => graph::topo_order(&g, &program.milestones).ok_or(ScheduleError::Cycle)?,
    };
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
    for &i in order.iter().rev() {
        pass.backward(i, &g, finish, &mut items)?;
    }
    Ok(Schedule {
        today,
        order,
        items,
        finish,
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
                let remaining = m.remaining.unwrap_or_else(|| (m.duration - (t - s)).max(1));
                (s, t + remaining, Driver::Actual)
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
            let (edge, b) = match dep.relation {
                Relation::Fs | Relation::Ff => (Edge::Finish, p.f),
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

    fn backward(
        &self,
        i: usize,
        g: &Graph,
        finish: NaiveDate,
        items: &mut [Scheduled],
    ) -> Result<(), ScheduleError> {
        let m = &self.program.milestones[i];
        if m.status == Status::Done {
            return Ok(());
        }
        let cal = &self.cals[m.calendar];
        let mut lf = cal.finish_by(finish);
        if let Some(due) = m.due {
            lf = lf.min(cal.finish_by(due));
        }
        let mut ls_cap = i64::MAX;
        for e in g.edges_directed(NodeIndex::new(i), Direction::Outgoing) {
            let y = e.target().index();
            if self.program.milestones[y].status != Status::NotStarted {
                continue;
            }
            let link = e.weight();
            let to = &self.cals[self.program.milestones[y].calendar];
            let (Some(ls_y), Some(lf_y)) = (items[y].ls, items[y].lf) else {
                continue;
            };
            let (bound, edge) = match link.relation {
                Relation::Fs => (ls_y - link.lag, Edge::Finish),
                Relation::Ff => (lf_y - link.lag, Edge::Finish),
                Relation::Ss => (ls_y - link.lag, Edge::Start),
                Relation::Sf => (lf_y - link.lag, Edge::Start),
            };
            let carried = if std::ptr::eq(to, cal) {
                bound
            } else {
                carry_upper(to, cal, bound, edge).ok_or_else(|| self.out_of_range(i))?
            };
            match edge {
                Edge::Finish => lf = lf.min(carried),
                Edge::Start => ls_cap = ls_cap.min(carried),
            }
        }
        let ls = (lf - m.duration).min(ls_cap);
        let lf = ls + m.duration;
        let it = &items[i];
        let total_float = if m.status == Status::InProgress {
            lf - it.f
        } else {
            ls - it.s
        };
        let late_start = match m.status {
            Status::InProgress => None,
            _ if m.is_event() => Some(self.date(i, lf - 1)?),
            _ => Some(self.date(i, ls)?),
        };
        let late_finish = Some(self.date(i, lf - 1)?);
        let it = &mut items[i];
        it.ls = Some(ls);
        it.lf = Some(lf);
        it.total_float = Some(total_float);
        it.late_start = late_start;
        it.late_finish = late_finish;
        Ok(())
    }
}
