//! `risk`: how likely each commitment is and what drives the risk (SPEC §5). The view is
//! the JSON of SPEC §5 plus `probability_se`; the table adds each finish's
//! distribution and the top drivers. A scope narrows what is shown, never what is
//! simulated.
use serde::Serialize;

use super::Plan;
use super::scope::Scope;
use crate::model::{CommitmentKind, Date, Distribution, Program};
use crate::schedule::ScheduleError;
use crate::schedule::montecarlo::{self, Forecast, Options, Simulation};

/// `milepost risk --format json`.
#[derive(Serialize)]
pub struct RiskView<'a> {
    pub iterations: u32,
    pub seed: u64,
    pub distribution: Distribution,
    pub program: ProgramRisk,
    pub commitments: Vec<CommitmentRisk<'a>>,
    pub items: Vec<ItemRisk<'a>>,
    pub risks: Vec<RiskShift<'a>>,
    /// For the table: the items with the highest criticality × sensitivity.
    #[serde(skip)]
    pub top_items: Vec<ItemRisk<'a>>,
    /// For the table: the scope's label, if narrowed.
    #[serde(skip)]
    pub scope: Option<String>,
}

/// Percentile dates of one finish.
#[derive(Serialize, Clone, Debug)]
pub struct Percentiles {
    pub deterministic: Date,
    pub p10: Date,
    pub p50: Date,
    pub p80: Date,
    pub p90: Date,
}

/// The program finish.
#[derive(Serialize)]
pub struct ProgramRisk {
    #[serde(flatten)]
    pub dates: Percentiles,
    pub finish_by: Option<Date>,
    pub probability: Option<f64>,
    pub probability_se: Option<f64>,
    #[serde(skip)]
    pub strip: Strip,
}

/// The finish-date histogram, for the table's sparkline.
#[derive(Clone, Debug, Default)]
pub struct Strip {
    pub counts: Vec<u32>,
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
}

/// One commitment.
#[derive(Serialize)]
pub struct CommitmentRisk<'a> {
    pub kind: CommitmentKind,
    pub id: Option<&'a str>,
    pub date: Date,
    #[serde(flatten)]
    pub dates: Percentiles,
    pub probability: f64,
    pub probability_se: f64,
    #[serde(skip)]
    pub strip: Strip,
}

/// One not-done item.
#[derive(Serialize, Clone)]
pub struct ItemRisk<'a> {
    pub id: &'a str,
    pub criticality: f64,
    pub sensitivity: Option<f64>,
}

/// One open risk.
#[derive(Serialize)]
pub struct RiskShift<'a> {
    pub id: &'a str,
    pub p80_shift: i64,
    pub probability_shifts: Vec<ProbabilityShift<'a>>,
    /// For the table: the commitment shown whose P80 it moves most (`ready_by
    /// dfw1-h200`) and by how many working days (top risks only).
    #[serde(skip)]
    pub commitment_p80: Option<(String, i64)>,
}

/// A commitment's probability with the risk minus without it.
#[derive(Serialize)]
pub struct ProbabilityShift<'a> {
    pub kind: CommitmentKind,
    pub id: Option<&'a str>,
    pub shift: f64,
}

/// How many items the table lists as drivers.
const TOP_ITEMS: usize = 5;

impl<'a> RiskView<'a> {
    /// Simulates `plan` (the whole program) and keeps what `scope` covers.
    pub fn new(
        plan: &'a Plan,
        options: Options,
        scope: &Scope,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<RiskView<'a>, ScheduleError> {
        let sim = montecarlo::simulate(&plan.program, &plan.schedule, options, progress)?;
        Ok(RiskView::from_simulation(plan, &sim, scope))
    }

    /// The view of a finished simulation.
    pub fn from_simulation(plan: &'a Plan, sim: &Simulation, scope: &Scope) -> RiskView<'a> {
        let p = &plan.program;
        let shown: Vec<bool> = sim
            .commitments
            .iter()
            .map(|c| in_scope(p, scope, c.kind, c.owner))
            .collect();
        let commitments = sim
            .commitments
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| CommitmentRisk {
                kind: c.kind,
                id: commitment_id(p, c.kind, c.owner),
                date: Date(c.date),
                dates: percentiles(&c.forecast),
                probability: c.forecast.probability.unwrap_or(0.0),
                probability_se: c.forecast.probability_se.unwrap_or(0.0),
                strip: strip(&c.forecast),
            })
            .collect();
        let items: Vec<ItemRisk<'a>> = sim
            .items
            .iter()
            .filter(|it| scope.item(p, it.milestone))
            .map(|it| ItemRisk {
                id: &p.milestones[it.milestone].id,
                criticality: it.criticality,
                sensitivity: it.sensitivity,
            })
            .collect();
        RiskView {
            iterations: sim.iterations,
            seed: sim.seed,
            distribution: p.config.risk.distribution,
            program: ProgramRisk {
                dates: percentiles(&sim.program),
                finish_by: sim.finish_by.map(Date),
                probability: sim.program.probability,
                probability_se: sim.program.probability_se,
                strip: strip(&sim.program),
            },
            commitments,
            top_items: top_items(&items),
            items,
            risks: risks(p, sim, scope, &shown),
            scope: scope.label(p),
        }
    }
}

fn in_scope(p: &Program, scope: &Scope, kind: CommitmentKind, owner: usize) -> bool {
    match kind {
        CommitmentKind::Due => scope.item(p, owner),
        CommitmentKind::ReadyBy => scope.cluster(p, owner),
        CommitmentKind::FinishBy => true,
    }
}

fn commitment_id(p: &Program, kind: CommitmentKind, owner: usize) -> Option<&str> {
    match kind {
        CommitmentKind::Due => Some(&p.milestones[owner].id),
        CommitmentKind::ReadyBy => Some(&p.clusters[owner].id),
        CommitmentKind::FinishBy => None,
    }
}

fn percentiles(f: &Forecast) -> Percentiles {
    Percentiles {
        deterministic: Date(f.deterministic),
        p10: Date(f.p10),
        p50: Date(f.p50),
        p80: Date(f.p80),
        p90: Date(f.p90),
    }
}

fn strip(f: &Forecast) -> Strip {
    Strip {
        counts: f.histogram.clone(),
        earliest: Some(Date(f.earliest)),
        latest: Some(Date(f.latest)),
    }
}

/// The items with the highest criticality × sensitivity (both positive).
fn top_items<'a>(items: &[ItemRisk<'a>]) -> Vec<ItemRisk<'a>> {
    let score = |it: &ItemRisk<'_>| it.criticality * it.sensitivity.unwrap_or(0.0);
    let mut top: Vec<ItemRisk<'a>> = items.iter().filter(|it| score(it) > 0.0).cloned().collect();
    top.sort_by(|a, b| score(b).total_cmp(&score(a)).then_with(|| a.id.cmp(b.id)));
    top.truncate(TOP_ITEMS);
    top
}

/// The open risks that affect something in scope (all of them for the whole program),
/// with the shifts of the commitments shown.
fn risks<'a>(
    p: &'a Program,
    sim: &Simulation,
    scope: &Scope,
    shown: &[bool],
) -> Vec<RiskShift<'a>> {
    sim.risks
        .iter()
        .filter(|r| scope.is_all() || p.risks[r.risk].affects.iter().any(|&i| scope.item(p, i)))
        .map(|r| {
            let mut shifts: Vec<ProbabilityShift<'a>> = sim
                .commitments
                .iter()
                .zip(&r.probability_shifts)
                .zip(shown)
                .filter(|(_, s)| **s)
                .map(|((c, &shift), _)| ProbabilityShift {
                    kind: c.kind,
                    id: commitment_id(p, c.kind, c.owner),
                    shift,
                })
                .collect();
            if let Some(&shift) = r.probability_shifts.get(sim.commitments.len()) {
                shifts.push(ProbabilityShift {
                    kind: CommitmentKind::FinishBy,
                    id: None,
                    shift,
                });
            }
            let commitment_p80 =
                r.commitment_p80_shift
                    .filter(|&(c, _)| shown[c])
                    .map(|(c, shift)| {
                        let c = &sim.commitments[c];
                        let id = commitment_id(p, c.kind, c.owner).unwrap_or_default();
                        (format!("{} {id}", c.kind), shift)
                    });
            RiskShift {
                id: &p.risks[r.risk].id,
                p80_shift: r.p80_shift,
                probability_shifts: shifts,
                commitment_p80,
            }
        })
        .collect()
}
