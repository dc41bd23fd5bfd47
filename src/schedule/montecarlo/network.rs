//! The program compiled for the simulation, once per run: items in topological order
//! as flat arrays, relations as index lists both ways, calendar carries as tables.
use crate::calendar::{Calendar, Edge, carry_lower, carry_upper, day_number_of};
use crate::model::{Program, Relation, RiskStatus, Status};
use crate::schedule::{Schedule, ScheduleError};

use super::sample::{Factor, key_of};

/// "No carry table": both ends use the same calendar.
pub const SAME: u32 = u32::MAX;

/// One relation as the simulation reads it, stored at one of its ends.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    /// The position of the other end.
    pub other: u32,
    pub relation: Relation,
    pub lag: i64,
    /// Forward: the predecessor's start is read (SS, SF); backward: it binds the start.
    pub from_start: bool,
    /// The carry table between the two calendars, or [`SAME`].
    pub carry: u32,
}

impl Link {
    /// FF and SF bound the successor's finish.
    pub fn finish_side(&self) -> bool {
        matches!(self.relation, Relation::Ff | Relation::Sf)
    }
}

/// A calendar carry (SPEC §2) tabulated over the boundaries a schedule is likely to use.
pub struct CarryTable {
    from: usize,
    to: usize,
    edge: Edge,
    /// Late bounds carried back ([`carry_upper`]) rather than early ones forward.
    upper: bool,
    first: i64,
    values: Vec<i64>,
}

impl CarryTable {
    fn new(cals: &[Calendar], key: (usize, usize, Edge, bool), span: (i64, i64)) -> CarryTable {
        let (from, to, edge, upper) = key;
        let mut table = CarryTable {
            from,
            to,
            edge,
            upper,
            first: span.0,
            values: Vec::new(),
        };
        table.values = (span.0..span.1)
            .map(|b| table.compute(cals, b).unwrap_or(i64::MIN))
            .collect();
        table
    }

    fn compute(&self, cals: &[Calendar], b: i64) -> Option<i64> {
        let (from, to) = (&cals[self.from], &cals[self.to]);
        if self.upper {
            carry_upper(from, to, b, self.edge)
        } else {
            carry_lower(from, to, b, self.edge)
        }
    }

    #[inline]
    pub fn get(&self, cals: &[Calendar], b: i64) -> Option<i64> {
        let slot = usize::try_from(b - self.first)
            .ok()
            .and_then(|o| self.values.get(o));
        match slot {
            Some(&v) if v != i64::MIN => Some(v),
            _ => self.compute(cals, b),
        }
    }
}

/// An open risk: who it delays and by how much.
pub struct RiskEvent {
    /// Its index in the program's risks.
    pub index: usize,
    pub key: u64,
    pub probability: f64,
    pub impact: i64,
    /// Positions of the not-done items it affects, each once.
    pub affects: Vec<u32>,
}

/// The compiled program. Positions are indices into the topological order.
pub struct Network<'p> {
    pub cals: &'p [Calendar],
    /// The milestone at each position.
    pub milestone: Vec<usize>,
    pub cal: Vec<usize>,
    pub status: Vec<Status>,
    pub event: Vec<bool>,
    /// The deterministic boundaries (what done items keep, and in-progress starts).
    pub base_s: Vec<i64>,
    pub base_f: Vec<i64>,
    /// Not started: the start bound from the program start, today and start_no_earlier.
    pub lower: Vec<i64>,
    /// Not started: the duration; in progress: the remaining work f - t; done: 0.
    pub work: Vec<i64>,
    /// In progress: t, today's boundary in its calendar.
    pub today: Vec<i64>,
    /// Done: the day number of `finished`.
    pub done_day: Vec<i64>,
    /// The duration factor of a not-done task with a range.
    pub factor: Vec<Option<Factor>>,
    /// Random stream keys, from the ids.
    pub key: Vec<u64>,
    pub pred_at: Vec<u32>,
    pub preds: Vec<Link>,
    /// Successor links into not-started items, but for SS/SF from work in progress.
    pub succ_at: Vec<u32>,
    pub succs: Vec<Link>,
    pub tables: Vec<CarryTable>,
    pub risks: Vec<RiskEvent>,
}

impl<'p> Network<'p> {
    /// Compiles `program` with its deterministic `schedule` (SPEC §5 inputs).
    pub fn build(program: &'p Program, schedule: &Schedule) -> Network<'p> {
        let order = &schedule.order;
        let mut pos = vec![0u32; program.milestones.len()];
        for (p, &i) in order.iter().enumerate() {
            pos[i] = p as u32;
        }
        let mut net = Network {
            cals: &program.calendars,
            milestone: order.clone(),
            cal: Vec::new(),
            status: Vec::new(),
            event: Vec::new(),
            base_s: Vec::new(),
            base_f: Vec::new(),
            lower: Vec::new(),
            work: Vec::new(),
            today: Vec::new(),
            done_day: Vec::new(),
            factor: Vec::new(),
            key: Vec::new(),
            pred_at: vec![0],
            preds: Vec::new(),
            succ_at: Vec::new(),
            succs: Vec::new(),
            tables: Vec::new(),
            risks: Vec::new(),
        };
        for &i in order {
            net.push_item(program, schedule, i);
        }
        let span = net.table_span();
        let mut keys = Vec::new();
        for &i in order {
            for dep in &program.milestones[i].deps {
                let link = net.link(
                    program,
                    &mut keys,
                    span,
                    dep.pred,
                    i,
                    dep.relation,
                    dep.lag,
                    pos[dep.pred],
                    false,
                );
                net.preds.push(link);
            }
            net.pred_at.push(net.preds.len() as u32);
        }
        net.build_successors(program, &pos, &mut keys, span);
        net.risks = risk_events(program, &pos, &net.status);
        net
    }

    fn push_item(&mut self, program: &Program, schedule: &Schedule, i: usize) {
        let m = &program.milestones[i];
        let cal = &program.calendars[m.calendar];
        let it = &schedule.items[i];
        let t = cal.first_on_or_after(schedule.today);
        let event = m.is_event();
        let mut lower = cal
            .not_before(program.config.start, event)
            .max(cal.not_before(schedule.today, event));
        if let Some(d) = m.start_no_earlier {
            lower = lower.max(cal.not_before(d, event));
        }
        self.cal.push(m.calendar);
        self.status.push(m.status);
        self.event.push(event);
        self.base_s.push(it.s);
        self.base_f.push(it.f);
        self.lower.push(lower);
        self.work.push(match m.status {
            Status::Done => 0,
            Status::InProgress => it.f - t,
            Status::NotStarted => m.duration,
        });
        self.today.push(t);
        self.done_day.push(day_number_of(it.finish));
        self.factor.push(factor_of(program, i));
        self.key.push(key_of(&m.id));
    }

    /// The boundaries the carry tables cover: the deterministic schedule's, with room.
    fn table_span(&self) -> (i64, i64) {
        let last = self.base_f.iter().copied().max().unwrap_or(0);
        (-600, last.clamp(0, 20_000) + 2_000)
    }

    #[allow(clippy::too_many_arguments)]
    fn link(
        &mut self,
        program: &Program,
        keys: &mut Vec<(usize, usize, Edge, bool)>,
        span: (i64, i64),
        pred: usize,
        succ: usize,
        relation: Relation,
        lag: i64,
        other: u32,
        backward: bool,
    ) -> Link {
        let from_start = matches!(relation, Relation::Ss | Relation::Sf);
        // A milestone event is an instant: its start carries like its finish.
        let edge = if from_start && !program.milestones[pred].is_event() {
            Edge::Start
        } else {
            Edge::Finish
        };
        let (pc, sc) = (
            program.milestones[pred].calendar,
            program.milestones[succ].calendar,
        );
        let carry = if pc == sc {
            SAME
        } else {
            let key = if backward {
                (sc, pc, edge, true)
            } else {
                (pc, sc, edge, false)
            };
            match keys.iter().position(|k| *k == key) {
                Some(t) => t as u32,
                None => {
                    keys.push(key);
                    self.tables
                        .push(CarryTable::new(&program.calendars, key, span));
                    (self.tables.len() - 1) as u32
                }
            }
        };
        Link {
            other,
            relation,
            lag,
            from_start,
            carry,
        }
    }

    fn build_successors(
        &mut self,
        program: &Program,
        pos: &[u32],
        keys: &mut Vec<(usize, usize, Edge, bool)>,
        span: (i64, i64),
    ) {
        let mut lists: Vec<Vec<Link>> = vec![Vec::new(); self.milestone.len()];
        for &i in &self.milestone.clone() {
            // Only not-started successors can move, and an in-progress item's start
            // (all its SS and SF successors read) never does: those links are left out.
            if program.milestones[i].status != Status::NotStarted {
                continue;
            }
            for dep in &program.milestones[i].deps {
                let started = program.milestones[dep.pred].status == Status::InProgress;
                if started && matches!(dep.relation, Relation::Ss | Relation::Sf) {
                    continue;
                }
                let link = self.link(
                    program,
                    keys,
                    span,
                    dep.pred,
                    i,
                    dep.relation,
                    dep.lag,
                    pos[i],
                    true,
                );
                lists[pos[dep.pred] as usize].push(link);
            }
        }
        self.succ_at.push(0);
        for list in lists {
            self.succs.extend(list);
            self.succ_at.push(self.succs.len() as u32);
        }
    }

    /// Whether every iteration would be the same: no range, no risk that can happen.
    pub fn is_deterministic(&self) -> bool {
        self.factor.iter().all(Option::is_none)
            && self
                .risks
                .iter()
                .all(|r| r.probability <= 0.0 || r.impact == 0 || r.affects.is_empty())
    }

    pub fn len(&self) -> usize {
        self.milestone.len()
    }

    pub fn is_empty(&self) -> bool {
        self.milestone.is_empty()
    }

    pub fn preds_of(&self, p: usize) -> &[Link] {
        &self.preds[self.pred_at[p] as usize..self.pred_at[p + 1] as usize]
    }

    pub fn succs_of(&self, p: usize) -> &[Link] {
        &self.succs[self.succ_at[p] as usize..self.succ_at[p + 1] as usize]
    }

    /// Carries boundary `b` through table `t` ([`SAME`]: unchanged).
    #[inline]
    pub fn carry(&self, t: u32, b: i64) -> Option<i64> {
        if t == SAME {
            Some(b)
        } else {
            self.tables[t as usize].get(self.cals, b)
        }
    }

    /// The error for an item whose dates leave the representable range.
    pub fn out_of_range(&self, program: &Program, p: usize) -> ScheduleError {
        ScheduleError::OutOfRange {
            id: program.milestones[self.milestone[p]].id.clone(),
        }
    }
}

/// The factor range of item `i` (SPEC §5): its own `duration_range` over its duration,
/// else its kind's `[risk.ranges]`; none for done items, events, and a = b.
fn factor_of(program: &Program, i: usize) -> Option<Factor> {
    let m = &program.milestones[i];
    if m.status == Status::Done || m.is_event() {
        return None;
    }
    let [a, b] = match m.duration_range {
        Some([lo, hi]) => [lo as f64 / m.duration as f64, hi as f64 / m.duration as f64],
        None => program.config.risk.range_of(m.kind)?,
    };
    (a < b).then(|| Factor::new(program.config.risk.distribution, a, b))
}

fn risk_events(program: &Program, pos: &[u32], status: &[Status]) -> Vec<RiskEvent> {
    program
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == RiskStatus::Open)
        .map(|(index, r)| {
            let mut affects: Vec<u32> = r
                .affects
                .iter()
                .map(|&i| pos[i])
                .filter(|&p| status[p as usize] != Status::Done)
                .collect();
            affects.sort_unstable();
            affects.dedup();
            RiskEvent {
                index,
                key: key_of(&r.id) ^ 0x5249_534B,
                probability: r.probability,
                impact: r.impact_days,
                affects,
            }
        })
        .collect()
}
