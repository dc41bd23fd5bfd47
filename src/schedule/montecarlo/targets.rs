//! What the simulation reports on (SPEC §5 "Results"): the commitments — each not-done
//! milestone with a `due`, each cluster with a `ready_by` — as sets of positions.
use chrono::NaiveDate;

use crate::calendar::day_number_of;
use crate::model::{CommitmentKind, Program, Status};
use crate::schedule::Schedule;

/// No target (in [`Targets::member_of`]).
pub const NONE: u32 = u32::MAX;

/// One commitment: its finish is the latest finish of its members.
pub struct Target {
    pub kind: CommitmentKind,
    /// The milestone (`due`) or cluster (`ready_by`) index.
    pub owner: usize,
    pub date: NaiveDate,
    /// The day number of `date`: an iteration makes it when its finish is <= this.
    pub day: i64,
    /// The finish in the deterministic schedule.
    pub deterministic: NaiveDate,
    /// Positions of its items.
    pub members: Vec<u32>,
}

/// The commitments in SPEC order, and which of them each position belongs to.
pub struct Targets {
    pub list: Vec<Target>,
    /// Per position: the `due` target and the `ready_by` target it is in ([`NONE`]).
    pub member_of: Vec<[u32; 2]>,
}

impl Targets {
    pub fn build(program: &Program, schedule: &Schedule) -> Targets {
        let n = schedule.order.len();
        let mut pos = vec![0u32; program.milestones.len()];
        for (p, &i) in schedule.order.iter().enumerate() {
            pos[i] = p as u32;
        }
        let mut list = Vec::new();
        let mut member_of = vec![[NONE; 2]; n];
        for &i in &schedule.order {
            let m = &program.milestones[i];
            if let (Some(due), true) = (m.due, m.status != Status::Done) {
                member_of[pos[i] as usize][0] = list.len() as u32;
                list.push(Target {
                    kind: CommitmentKind::Due,
                    owner: i,
                    date: due,
                    day: day_number_of(due),
                    deterministic: schedule.items[i].finish,
                    members: vec![pos[i]],
                });
            }
        }
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); program.clusters.len()];
        for (i, m) in program.milestones.iter().enumerate() {
            if let Some(c) = m.cluster {
                members[c].push(pos[i]);
            }
        }
        for (c, cluster) in program.clusters.iter().enumerate() {
            let (Some(date), false) = (cluster.ready_by, members[c].is_empty()) else {
                continue;
            };
            let mut ps = std::mem::take(&mut members[c]);
            ps.sort_unstable();
            for &p in &ps {
                member_of[p as usize][1] = list.len() as u32;
            }
            let deterministic = ps
                .iter()
                .map(|&p| schedule.items[schedule.order[p as usize]].finish)
                .max()
                .unwrap_or(date);
            list.push(Target {
                kind: CommitmentKind::ReadyBy,
                owner: c,
                date,
                day: day_number_of(date),
                deterministic,
                members: ps,
            });
        }
        Targets { list, member_of }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Each target's finish (a day number) from the items' finish days.
    pub fn finishes(&self, day: &[i64], out: &mut [i64]) {
        for (t, target) in self.list.iter().enumerate() {
            out[t] = target
                .members
                .iter()
                .map(|&p| day[p as usize])
                .max()
                .unwrap_or(i64::MIN);
        }
    }
}
