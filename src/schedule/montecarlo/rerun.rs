//! One iteration again without one risk, under the same random numbers (SPEC §5
//! `p80_shift`, `probability_shifts`). Removing an impact only moves dates earlier, so
//! only the affected items and what they drive are recomputed, in topological order,
//! stopping wherever an item's dates do not change; then everything is put back.
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::network::Network;
use super::pass::{Buffers, OutOfRange};
use super::targets::{NONE, Targets};

/// The re-run's working state, reused.
pub struct Rerun {
    queued: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<u32>>,
    /// Changed items: position and the old s, f and finish day.
    undo: Vec<(u32, i64, i64, i64)>,
    dirty: Vec<bool>,
    /// The targets whose finish changed, with the finish without the risk.
    pub changed: Vec<(u32, i64)>,
}

impl Rerun {
    pub fn new(net: &Network<'_>, targets: &Targets) -> Rerun {
        Rerun {
            queued: vec![false; net.len()],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            undo: Vec::new(),
            dirty: vec![false; targets.len()],
            changed: Vec::new(),
        }
    }

    fn queue(&mut self, p: u32) {
        if !self.queued[p as usize] {
            self.queued[p as usize] = true;
            self.touched.push(p);
            self.heap.push(Reverse(p));
        }
    }
}

impl Network<'_> {
    /// The program finish without risk `k` (which happened in this iteration); the
    /// targets whose finish it changes are left in `rr.changed`. `buf` is unchanged
    /// afterwards. `finish` and `row` are the iteration's program and target finishes.
    pub fn without_risk(
        &self,
        k: usize,
        targets: &Targets,
        (finish, row): (i64, &[i64]),
        buf: &mut Buffers,
        rr: &mut Rerun,
    ) -> Result<i64, OutOfRange> {
        let risk = &self.risks[k];
        for &p in &risk.affects {
            buf.impact[p as usize] -= risk.impact;
            rr.queue(p);
        }
        let result = self.propagate(buf, rr);
        let program = result.map(|()| self.finishes_without(targets, finish, row, buf, rr));
        for &(p, s, f, day) in rr.undo.iter().rev() {
            let p = p as usize;
            (buf.s[p], buf.f[p], buf.day[p]) = (s, f, day);
        }
        for &p in &risk.affects {
            buf.impact[p as usize] += risk.impact;
        }
        for &p in &rr.touched {
            rr.queued[p as usize] = false;
        }
        rr.touched.clear();
        rr.heap.clear();
        rr.undo.clear();
        program
    }

    fn propagate(&self, buf: &mut Buffers, rr: &mut Rerun) -> Result<(), OutOfRange> {
        while let Some(Reverse(p)) = rr.heap.pop() {
            let p = p as usize;
            let (s, f) = self.dates(p, buf)?;
            if (s, f) == (buf.s[p], buf.f[p]) {
                continue;
            }
            let day = self.finish_day(p, f)?;
            rr.undo.push((p as u32, buf.s[p], buf.f[p], buf.day[p]));
            (buf.s[p], buf.f[p], buf.day[p]) = (s, f, day);
            for link in self.succs_of(p) {
                rr.queue(link.other);
            }
        }
        Ok(())
    }

    /// The program finish after a re-run, and the changed targets into `rr.changed`.
    fn finishes_without(
        &self,
        targets: &Targets,
        finish: i64,
        row: &[i64],
        buf: &Buffers,
        rr: &mut Rerun,
    ) -> i64 {
        rr.changed.clear();
        let mut program_moved = false;
        for &(p, _, _, old_day) in &rr.undo {
            program_moved |= old_day == finish;
            for t in targets.member_of[p as usize] {
                // Dates only move earlier: a target moves only if it lost a latest member.
                if t != NONE && !rr.dirty[t as usize] && row[t as usize] == old_day {
                    rr.dirty[t as usize] = true;
                    rr.changed.push((t, 0));
                }
            }
        }
        for (t, value) in rr.changed.iter_mut() {
            rr.dirty[*t as usize] = false;
            *value = targets.list[*t as usize]
                .members
                .iter()
                .map(|&p| buf.day[p as usize])
                .max()
                .unwrap_or(i64::MIN);
        }
        if program_moved {
            buf.day.iter().copied().max().unwrap_or(finish)
        } else {
            finish
        }
    }
}
