//! Schedule risk (SPEC §5): the forward pass of §2 re-run many times with sampled
//! durations and risk events. Iterations run in fixed chunks across threads; each
//! iteration's draws come from streams keyed by (seed, iteration, id), and every
//! per-iteration result has its own slot, so the answer never depends on the threads.
mod network;
mod pass;
mod rerun;
mod results;
mod sample;
mod stats;
mod targets;

use rayon::prelude::*;

use crate::model::Program;
use crate::schedule::{Schedule, ScheduleError};

pub use network::Network;
pub use results::{Forecast, ItemRisk, RiskDriver, Simulation, TargetForecast};
pub use sample::{Stream, key_of};

use pass::{Buffers, OutOfRange};
use rerun::Rerun;
use targets::Targets;

/// Iterations per chunk: the unit of work a thread takes.
const CHUNK: u64 = 256;

/// How to simulate: the iterations and seed (from `[risk]` or the command line).
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub iterations: u32,
    pub seed: u64,
}

/// What one chunk of iterations found.
struct Chunk {
    /// Per iteration: the program finish (a day number).
    finish: Vec<i64>,
    /// Each target's finish per iteration, a run of the chunk's iterations per target
    /// (day numbers fit 32 bits: half the memory).
    rows: Vec<i32>,
    /// Per position: iterations in which it was critical.
    critical: Vec<u32>,
    /// (risk, iteration, program finish without it) where the risk happened.
    without: Vec<(u32, u32, i64)>,
    /// (risk, iteration, target, its finish without the risk) where that differs.
    target_without: Vec<(u32, u32, u32, i32)>,
    /// Per risk × (targets + program): iterations made with it minus made without it.
    made_shift: Vec<i64>,
}

/// Runs the simulation of `program` around its deterministic `schedule`.
pub fn simulate(
    program: &Program,
    schedule: &Schedule,
    options: Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Simulation, ScheduleError> {
    let net = Network::build(program, schedule);
    let targets = Targets::build(program, schedule);
    // Without a range or a risk that can happen every iteration is the same: one stands
    // for all of them (the same percentiles, probabilities and criticality).
    let n = if net.is_deterministic() {
        1
    } else {
        u64::from(options.iterations.max(1))
    };
    let chunks: Vec<u64> = (0..n.div_ceil(CHUNK)).collect();
    let finish_by = program.config.finish_by.map(crate::calendar::day_number_of);
    // The program finish of an iteration with no items is the schedule's (its start).
    let empty = crate::calendar::day_number_of(schedule.finish);
    let ctx = (&net, &targets, options.seed, (finish_by, empty));
    let done: Result<Vec<Chunk>, OutOfRange> = chunks
        .par_iter()
        .map_init(
            || (Buffers::new(&net), Rerun::new(&net, &targets)),
            |(buf, rr), &c| {
                let range = c * CHUNK..((c + 1) * CHUNK).min(n);
                let chunk = run_chunk(ctx, range, buf, rr);
                progress(CHUNK);
                chunk
            },
        )
        .collect();
    let chunks = done.map_err(|OutOfRange(p)| net.out_of_range(program, p))?;
    let run = Options {
        iterations: n as u32,
        ..options
    };
    let mut sim = results::summarise(program, schedule, &net, &targets, run, chunks);
    sim.iterations = options.iterations.max(1);
    Ok(sim)
}

/// The network, its targets, the seed, and the day numbers of `finish_by` and of the
/// finish of a program with no items.
type Ctx<'a, 'p> = (&'a Network<'p>, &'a Targets, u64, (Option<i64>, i64));

fn run_chunk(
    (net, targets, seed, (finish_by, empty)): Ctx<'_, '_>,
    range: std::ops::Range<u64>,
    buf: &mut Buffers,
    rr: &mut Rerun,
) -> Result<Chunk, OutOfRange> {
    let len = (range.end - range.start) as usize;
    let t = targets.len();
    let mut chunk = Chunk {
        finish: Vec::with_capacity(len),
        rows: vec![0; len * t],
        critical: vec![0; net.len()],
        without: Vec::new(),
        target_without: Vec::new(),
        made_shift: vec![0; net.risks.len() * (t + 1)],
    };
    let mut cells = vec![0i64; t];
    for (row, iteration) in range.enumerate() {
        net.sample(seed, iteration, buf);
        net.forward(buf)?;
        let finish = buf.day.iter().copied().max().unwrap_or(empty);
        chunk.finish.push(finish);
        targets.finishes(&buf.day, &mut cells);
        for (target, &day) in cells.iter().enumerate() {
            chunk.rows[target * len + row] = day as i32;
        }
        let cells = &cells[..];
        net.count_critical(finish, buf, &mut chunk.critical)?;
        for k in 0..net.risks.len() {
            if !buf.fired[k] {
                continue;
            }
            let without = net.without_risk(k, targets, (finish, cells), buf, rr)?;
            chunk.without.push((k as u32, iteration as u32, without));
            let shifts = &mut chunk.made_shift[k * (t + 1)..(k + 1) * (t + 1)];
            for &(target, finish_without) in &rr.changed {
                if finish_without != cells[target as usize] {
                    let entry = (k as u32, iteration as u32, target, finish_without as i32);
                    chunk.target_without.push(entry);
                }
                let day = targets.list[target as usize].day;
                let with = cells[target as usize];
                shifts[target as usize] +=
                    i64::from(with <= day) - i64::from(finish_without <= day);
            }
            if let Some(day) = finish_by {
                shifts[t] += i64::from(finish <= day) - i64::from(without <= day);
            }
        }
    }
    Ok(chunk)
}

/// The simulation's forward pass with every factor 1 and no risk event: (s, f) per
/// milestone index. It agrees exactly with [`crate::schedule::schedule`] (the tests
/// check it on generated programs).
pub fn unit_pass(program: &Program, schedule: &Schedule) -> Result<Vec<(i64, i64)>, ScheduleError> {
    let net = Network::build(program, schedule);
    let mut buf = Buffers::new(&net);
    buf.work.copy_from_slice(&net.work);
    net.forward(&mut buf)
        .map_err(|OutOfRange(p)| net.out_of_range(program, p))?;
    let mut out = vec![(0, 0); net.len()];
    for p in 0..net.len() {
        out[net.milestone[p]] = (buf.s[p], buf.f[p]);
    }
    Ok(out)
}
