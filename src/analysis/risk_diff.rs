//! `diff --risk`: the P80 and probability of each commitment at the base and the head,
//! both simulated with the head's `[risk]` iterations and seed (SPEC §5): items and
//! risks keep their random numbers across the two revisions (they are keyed by id), so
//! a difference comes from the change, not from sampling.
use serde::Serialize;

use super::Plan;
use crate::model::{CommitmentKind, Date};
use crate::schedule::ScheduleError;
use crate::schedule::montecarlo::{self, Forecast, Options, Simulation};

/// The confidence of each commitment on both sides.
#[derive(Serialize, Debug)]
pub struct RiskDiff {
    pub iterations: u32,
    pub seed: u64,
    pub program: Sides,
    pub commitments: Vec<CommitmentSides>,
}

/// One commitment at the base and the head (`None` where it does not exist).
#[derive(Serialize, Debug)]
pub struct CommitmentSides {
    pub kind: CommitmentKind,
    pub id: String,
    #[serde(flatten)]
    pub sides: Sides,
}

/// A forecast at the base and the head.
#[derive(Serialize, Debug, Default)]
pub struct Sides {
    pub base: Option<Confidence>,
    pub head: Option<Confidence>,
}

/// The P80 date and the probability of making the commitment.
#[derive(Serialize, Debug, Clone, Copy)]
pub struct Confidence {
    pub date: Option<Date>,
    pub p80: Date,
    pub probability: Option<f64>,
}

impl RiskDiff {
    /// Simulates both plans with the head's iterations and seed.
    pub fn new(base: &Plan, head: &Plan) -> Result<RiskDiff, ScheduleError> {
        let settings = &head.program.config.risk;
        let options = Options {
            iterations: settings.iterations,
            seed: settings.seed,
        };
        let run =
            |plan: &Plan| montecarlo::simulate(&plan.program, &plan.schedule, options, &|_| {});
        let (b, h) = (run(base)?, run(head)?);
        let mut commitments: Vec<CommitmentSides> = Vec::new();
        for (plan, sim, is_head) in [(head, &h, true), (base, &b, false)] {
            for (kind, id, date, f) in listed(plan, sim) {
                let conf = confidence(Some(date), f);
                match commitments
                    .iter_mut()
                    .find(|c| c.kind == kind && c.id == id)
                {
                    Some(c) => set(&mut c.sides, is_head, conf),
                    None => {
                        let mut sides = Sides::default();
                        set(&mut sides, is_head, conf);
                        commitments.push(CommitmentSides { kind, id, sides });
                    }
                }
            }
        }
        Ok(RiskDiff {
            iterations: options.iterations,
            seed: options.seed,
            program: Sides {
                base: Some(confidence(b.finish_by.map(Date), &b.program)),
                head: Some(confidence(h.finish_by.map(Date), &h.program)),
            },
            commitments,
        })
    }
}

fn set(sides: &mut Sides, head: bool, c: Confidence) {
    if head {
        sides.head = Some(c);
    } else {
        sides.base = Some(c);
    }
}

fn confidence(date: Option<Date>, f: &Forecast) -> Confidence {
    Confidence {
        date,
        p80: Date(f.p80),
        probability: f.probability,
    }
}

/// The commitments of a simulation by kind and id.
fn listed<'s>(
    plan: &Plan,
    sim: &'s Simulation,
) -> impl Iterator<Item = (CommitmentKind, String, Date, &'s Forecast)> {
    let p = &plan.program;
    let ids: Vec<String> = sim
        .commitments
        .iter()
        .map(|c| match c.kind {
            CommitmentKind::ReadyBy => p.clusters[c.owner].id.clone(),
            _ => p.milestones[c.owner].id.clone(),
        })
        .collect();
    sim.commitments
        .iter()
        .zip(ids)
        .map(|(c, id)| (c.kind, id, Date(c.date), &c.forecast))
}
