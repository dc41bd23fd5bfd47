//! One iteration (SPEC §5): sample the factors and risk events, run the forward pass
//! with them, and the backward pass against that iteration's program finish.
use crate::model::Status;

use super::network::Network;
use super::sample::{Stream, scaled};

/// One thread's working arrays, by position; allocated once, reused every iteration.
pub struct Buffers {
    /// The sampled work: duration (not started) or remaining work (in progress).
    pub work: Vec<i64>,
    /// The summed impact of the risks that happened.
    pub impact: Vec<i64>,
    pub s: Vec<i64>,
    pub f: Vec<i64>,
    /// The day number of each item's finish date.
    pub day: Vec<i64>,
    /// Backward pass: the latest start as found (before any impact) and finish.
    pub late_start: Vec<i64>,
    /// Whether each open risk happened.
    pub fired: Vec<bool>,
    /// Per calendar: the boundary of "finish by the program finish".
    pub finish_bound: Vec<i64>,
}

impl Buffers {
    pub fn new(net: &Network<'_>) -> Buffers {
        let n = net.len();
        Buffers {
            work: vec![0; n],
            impact: vec![0; n],
            s: vec![0; n],
            f: vec![0; n],
            day: vec![0; n],
            late_start: vec![0; n],
            fired: vec![false; net.risks.len()],
            finish_bound: vec![0; net.cals.len()],
        }
    }
}

/// The item whose dates fell outside the representable range.
pub struct OutOfRange(pub usize);

impl Network<'_> {
    /// Draws iteration `iteration`'s work and risk events into `buf`.
    pub fn sample(&self, seed: u64, iteration: u64, buf: &mut Buffers) {
        for p in 0..self.len() {
            buf.impact[p] = 0;
            buf.work[p] = match &self.factor[p] {
                Some(factor) => {
                    let x = factor.draw(&mut Stream::new(seed, iteration, self.key[p]));
                    scaled(self.work[p], x)
                }
                None => self.work[p],
            };
        }
        for (k, risk) in self.risks.iter().enumerate() {
            let u = Stream::new(seed, iteration, risk.key).uniform();
            let fired = u < risk.probability;
            buf.fired[k] = fired;
            if fired {
                for &p in &risk.affects {
                    buf.impact[p as usize] += risk.impact;
                }
            }
        }
    }

    /// The forward pass over every item.
    pub fn forward(&self, buf: &mut Buffers) -> Result<(), OutOfRange> {
        for p in 0..self.len() {
            let (s, f) = self.dates(p, buf)?;
            buf.s[p] = s;
            buf.f[p] = f;
            buf.day[p] = self.finish_day(p, f)?;
        }
        Ok(())
    }

    /// Item `p`'s boundaries from its predecessors' current ones (SPEC §5: the start is
    /// found as without the risks, then their impact is added to the finish).
    #[inline]
    pub fn dates(&self, p: usize, buf: &Buffers) -> Result<(i64, i64), OutOfRange> {
        let (work, impact) = (buf.work[p], buf.impact[p]);
        Ok(match self.status[p] {
            Status::Done => (self.base_s[p], self.base_f[p]),
            Status::InProgress => (self.base_s[p], self.today[p] + work + impact),
            Status::NotStarted => {
                let mut s = self.lower[p];
                for link in self.preds_of(p) {
                    let q = link.other as usize;
                    let b = if link.from_start { buf.s[q] } else { buf.f[q] };
                    let carried = self.carry(link.carry, b).ok_or(OutOfRange(p))?;
                    let bound = carried + link.lag - if link.finish_side() { work } else { 0 };
                    s = s.max(bound);
                }
                if self.event[p] {
                    // An event happens `impact` working days later.
                    (s + impact, s + impact)
                } else {
                    (s, s + work + impact)
                }
            }
        })
    }

    /// The day number of the finish date of an item finishing at boundary `f`.
    #[inline]
    pub fn finish_day(&self, p: usize, f: i64) -> Result<i64, OutOfRange> {
        if self.status[p] == Status::Done {
            return Ok(self.done_day[p]);
        }
        self.cals[self.cal[p]]
            .day_number(f - 1)
            .ok_or(OutOfRange(p))
    }

    /// The backward pass against the program finish `finish` (a day number) alone;
    /// adds one to `critical[p]` for each not-done item with total float <= 0.
    pub fn count_critical(
        &self,
        finish: i64,
        buf: &mut Buffers,
        critical: &mut [u32],
    ) -> Result<(), OutOfRange> {
        for (c, cal) in self.cals.iter().enumerate() {
            buf.finish_bound[c] = cal.finish_by_day(finish);
        }
        for p in (0..self.len()).rev() {
            let status = self.status[p];
            if status == Status::Done {
                continue;
            }
            let mut lf = buf.finish_bound[self.cal[p]];
            let mut ls_cap = i64::MAX;
            for link in self.succs_of(p) {
                let y = link.other as usize;
                // The successor's late start, or its late finish before any impact.
                let from = buf.late_start[y] + if link.finish_side() { buf.work[y] } else { 0 };
                let value = self
                    .carry(link.carry, from - link.lag)
                    .ok_or(OutOfRange(p))?;
                if link.from_start {
                    ls_cap = ls_cap.min(value);
                } else {
                    lf = lf.min(value);
                }
            }
            let impact = buf.impact[p];
            let float = match status {
                Status::InProgress => lf - buf.f[p],
                _ if self.event[p] => {
                    let ls = (lf - impact).min(ls_cap.saturating_sub(impact));
                    buf.late_start[p] = ls;
                    ls - (buf.s[p] - impact)
                }
                _ => {
                    let ls = (lf - buf.work[p] - impact).min(ls_cap);
                    buf.late_start[p] = ls;
                    ls - buf.s[p]
                }
            };
            if float <= 0 {
                critical[p] += 1;
            }
        }
        Ok(())
    }
}
