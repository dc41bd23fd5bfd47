//! From the iterations to the answer of SPEC §5: percentile dates and probabilities per
//! commitment and for the program, criticality and sensitivity per item, and per open
//! risk its `p80_shift` and `probability_shifts`.
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::calendar::date_of_day_number;
use crate::model::{CommitmentKind, Program, Status};
use crate::schedule::Schedule;

use super::network::Network;
use super::sample::Stream;
use super::stats::{
    average_ranks, average_ranks_into, correlation, histogram, percentile, round4, share,
};
use super::targets::Targets;
use super::{Chunk, Options};

/// Bins of the finish-date histogram (the table's distribution strip).
pub const BINS: usize = 12;

/// The finish dates a simulation gives one commitment or the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub deterministic: NaiveDate,
    pub p10: NaiveDate,
    pub p50: NaiveDate,
    pub p80: NaiveDate,
    pub p90: NaiveDate,
    /// The share of iterations finishing on or before the committed date.
    pub probability: Option<f64>,
    /// Its standard error, sqrt(p(1 - p)/n).
    pub probability_se: Option<f64>,
    /// Finish dates in [`BINS`] equal bins from the earliest to the latest.
    pub histogram: Vec<u32>,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

/// A commitment and its forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetForecast {
    pub kind: CommitmentKind,
    /// The milestone (`due`) or cluster (`ready_by`) index.
    pub owner: usize,
    pub date: NaiveDate,
    pub forecast: Forecast,
}

/// A not-done item's criticality and sensitivity.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRisk {
    pub milestone: usize,
    pub criticality: f64,
    pub sensitivity: Option<f64>,
}

/// An open risk's effect.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskDriver {
    pub risk: usize,
    /// Program finish P80 with the risk minus without, in program working days.
    pub p80_shift: i64,
    /// Per commitment (then `finish_by`, when set): probability with minus without.
    pub probability_shifts: Vec<f64>,
    /// For the risks with the largest `p80_shift` ([`NAMED_RISKS`]): the commitment whose
    /// P80 the risk moves most (its index in [`Simulation::commitments`]) and by how
    /// many working days of the program calendar, like `p80_shift`.
    pub commitment_p80_shift: Option<(usize, i64)>,
}

/// How many risks (largest `p80_shift` first) get their [`RiskDriver::commitment_p80_shift`].
pub const NAMED_RISKS: usize = 5;

/// The whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    pub iterations: u32,
    pub seed: u64,
    pub finish_by: Option<NaiveDate>,
    pub program: Forecast,
    pub commitments: Vec<TargetForecast>,
    pub items: Vec<ItemRisk>,
    pub risks: Vec<RiskDriver>,
}

fn date(day: i64) -> NaiveDate {
    date_of_day_number(day).unwrap_or(NaiveDate::MIN)
}

/// The forecast from per-iteration finish days (`sorted` ascending).
fn forecast(sorted: &[i64], deterministic: NaiveDate, committed: Option<i64>) -> Forecast {
    let n = sorted.len() as u64;
    let probability = committed.map(|day| share(sorted.partition_point(|&d| d <= day) as i64, n));
    Forecast {
        deterministic,
        p10: date(percentile(sorted, 10)),
        p50: date(percentile(sorted, 50)),
        p80: date(percentile(sorted, 80)),
        p90: date(percentile(sorted, 90)),
        probability,
        probability_se: probability.map(|p| round4((p * (1.0 - p) / n as f64).sqrt())),
        histogram: histogram(sorted, BINS),
        earliest: date(sorted[0]),
        latest: date(sorted[sorted.len() - 1]),
    }
}

pub(super) fn summarise(
    program: &Program,
    schedule: &Schedule,
    net: &Network<'_>,
    targets: &Targets,
    options: Options,
    chunks: Vec<Chunk>,
) -> Simulation {
    let n = u64::from(options.iterations.max(1));
    let finish: Vec<i64> = chunks
        .iter()
        .flat_map(|c| c.finish.iter().copied())
        .collect();
    let mut sorted = finish.clone();
    sorted.sort_unstable();
    let finish_by = program.config.finish_by;
    let committed = finish_by.map(crate::calendar::day_number_of);
    let commitments: Vec<TargetForecast> = targets
        .list
        .par_iter()
        .enumerate()
        .map(|(k, target)| {
            let mut days: Vec<i64> = Vec::with_capacity(n as usize);
            for c in &chunks {
                days.extend(column(c, k).iter().map(|&d| i64::from(d)));
            }
            days.sort_unstable();
            TargetForecast {
                kind: target.kind,
                owner: target.owner,
                date: target.date,
                forecast: forecast(&days, target.deterministic, Some(target.day)),
            }
        })
        .collect();
    let mut critical = vec![0u64; net.len()];
    for c in &chunks {
        for (sum, &x) in critical.iter_mut().zip(&c.critical) {
            *sum += u64::from(x);
        }
    }
    let mut risks = drivers(program, net, targets, &chunks, &finish, &sorted);
    let p80s: Vec<NaiveDate> = commitments.iter().map(|c| c.forecast.p80).collect();
    risks.par_iter_mut().take(NAMED_RISKS).for_each(|r| {
        r.commitment_p80_shift = commitment_shift(program, net, &chunks, &p80s, r.risk)
    });
    Simulation {
        iterations: n as u32,
        seed: options.seed,
        finish_by,
        program: forecast(&sorted, schedule.finish, committed),
        commitments,
        items: items(net, &critical, &finish, options.seed),
        risks,
    }
}

/// Target `target`'s finishes in chunk `c`, one per iteration.
fn column(c: &Chunk, target: usize) -> &[i32] {
    let len = c.finish.len();
    &c.rows[target * len..(target + 1) * len]
}

fn items(net: &Network<'_>, critical: &[u64], finish: &[i64], seed: u64) -> Vec<ItemRisk> {
    let n = finish.len() as u64;
    let finish_ranks = average_ranks(finish);
    (0..net.len())
        .into_par_iter()
        .filter(|&p| net.status[p] != Status::Done)
        .map_init(
            || (Vec::new(), Vec::new(), Vec::new()),
            |(x, idx, ranks), p| ItemRisk {
                milestone: net.milestone[p],
                criticality: share(critical[p] as i64, n),
                sensitivity: net.factor[p].as_ref().and_then(|factor| {
                    // The factors are drawn again from their streams rather than kept:
                    // memory stays independent of the iterations.
                    x.clear();
                    x.extend((0..n).map(|i| factor.draw(&mut Stream::new(seed, i, net.key[p]))));
                    average_ranks_into(x, idx, ranks);
                    correlation(ranks, &finish_ranks).map(round4)
                }),
            },
        )
        .collect()
}

fn drivers(
    program: &Program,
    net: &Network<'_>,
    targets: &Targets,
    chunks: &[Chunk],
    finish: &[i64],
    sorted: &[i64],
) -> Vec<RiskDriver> {
    let t = targets.len();
    let n = finish.len() as u64;
    let cal = &program.calendars[0];
    let index = |day: i64| cal.first_on_or_after(date(day));
    let p80 = index(percentile(sorted, 80));
    let mut out: Vec<RiskDriver> = (0..net.risks.len())
        .into_par_iter()
        .map(|k| {
            let mut without = finish.to_vec();
            let mut shifts = vec![0i64; t + 1];
            for c in chunks {
                for &(_, i, day) in c.without.iter().filter(|w| w.0 as usize == k) {
                    without[i as usize] = day;
                }
                for (sum, x) in shifts
                    .iter_mut()
                    .zip(&c.made_shift[k * (t + 1)..(k + 1) * (t + 1)])
                {
                    *sum += x;
                }
            }
            without.sort_unstable();
            if program.config.finish_by.is_none() {
                shifts.pop();
            }
            RiskDriver {
                risk: net.risks[k].index,
                p80_shift: p80 - index(percentile(&without, 80)),
                probability_shifts: shifts.iter().map(|&s| share(s, n)).collect(),
                commitment_p80_shift: None,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.p80_shift
            .cmp(&a.p80_shift)
            .then_with(|| program.risks[a.risk].id.cmp(&program.risks[b.risk].id))
    });
    out
}

/// The commitment whose P80 risk `risk` (a program risk index) moves most, and by how
/// many working days of the program calendar (P80 with it minus without it).
fn commitment_shift(
    program: &Program,
    net: &Network<'_>,
    chunks: &[Chunk],
    p80s: &[NaiveDate],
    risk: usize,
) -> Option<(usize, i64)> {
    let k = net.risks.iter().position(|r| r.index == risk)? as u32;
    let mut changed: Vec<(u32, u32, i32)> = Vec::new();
    for c in chunks {
        let entries = c.target_without.iter().filter(|e| e.0 == k);
        changed.extend(entries.map(|&(_, i, target, day)| (target, i, day)));
    }
    changed.sort_unstable();
    let cal = &program.calendars[0];
    let index = |date: NaiveDate| cal.first_on_or_after(date);
    let mut best: Option<(usize, i64)> = None;
    let mut values: Vec<i32> = Vec::new();
    for group in changed.chunk_by(|a, b| a.0 == b.0) {
        let target = group[0].0 as usize;
        values.clear();
        for c in chunks {
            values.extend_from_slice(column(c, target));
        }
        for &(_, i, day) in group {
            values[i as usize] = day;
        }
        let n = values.len() as u64;
        let rank = ((80 * n).div_ceil(100).max(1) - 1) as usize;
        let (_, &mut p80, _) = values.select_nth_unstable(rank);
        let shift = index(p80s[target]) - index(date(i64::from(p80)));
        if shift > best.map_or(0, |b| b.1) {
            best = Some((target, shift));
        }
    }
    best
}
