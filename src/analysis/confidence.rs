//! `check --fail-on confidence`: the commitments whose probability (SPEC §5) is below
//! `[policy] min_probability`, as check findings that name the commitment and its
//! probability.
use serde::Serialize;

use super::Plan;
use super::check::{Row, Severity, repo_path};
use super::scope::Scope;
use crate::load::place::Resolver;
use crate::model::{CommitmentKind, FailOn};
use crate::schedule::ScheduleError;
use crate::schedule::montecarlo::{self, Forecast, Options, Simulation};

/// Simulates `plan` with its `[risk]` settings.
pub fn simulate(plan: &Plan) -> Result<Simulation, ScheduleError> {
    let settings = &plan.program.config.risk;
    let options = Options {
        iterations: settings.iterations,
        seed: settings.seed,
    };
    montecarlo::simulate(&plan.program, &plan.schedule, options, &|_| {})
}

/// One violation per commitment (and `finish_by`) below `min_probability`, in SPEC §5
/// order; `prefix` is the program's path in the repository.
pub fn confidence_rows(plan: &Plan, sim: &Simulation, prefix: Option<&str>) -> Vec<Row> {
    let p = &plan.program;
    let min = p.config.policy.min_probability;
    let mut resolver = Resolver::new(&p.files);
    let mut rows = Vec::new();
    let tail = |f: &Forecast| {
        format!(
            "P50 {}, P80 {}, forecast {}; {} iterations, seed {}",
            f.p50, f.p80, f.deterministic, sim.iterations, sim.seed
        )
    };
    if let (Some(date), Some(prob)) = (sim.finish_by, sim.program.probability)
        && prob < min
    {
        rows.push(Row::program_violation(
            &p.config.name,
            FailOn::Confidence.as_str(),
            format!(
                "finish_by {date}: probability {} (below {}); {}",
                percent(prob),
                percent(min),
                tail(&sim.program)
            ),
        ));
    }
    for c in &sim.commitments {
        let probability = c.forecast.probability.unwrap_or(0.0);
        if probability >= min {
            continue;
        }
        let (id, name, group, origin) = match c.kind {
            CommitmentKind::ReadyBy => {
                let cl = &p.clusters[c.owner];
                (&cl.id, &cl.id, cl.id.clone(), cl.origin)
            }
            _ => {
                let m = &p.milestones[c.owner];
                let group = m
                    .cluster
                    .map(|k| p.clusters[k].id.clone())
                    .or_else(|| p.site_of(m).map(|s| p.sites[s].id.clone()))
                    .unwrap_or_else(|| "program".into());
                (&m.id, &m.name, group, m.origin)
            }
        };
        let place = resolver.place(&origin.item());
        let file = place.and_then(|(file, _, _)| p.files.get(file));
        rows.push(Row {
            id: id.clone(),
            name: name.clone(),
            class: FailOn::Confidence.as_str(),
            severity: Some(Severity::Violation),
            group,
            path: file.map(|f| repo_path(f, prefix)),
            shown: file.map(|f| f.name.clone()),
            line: place.map_or(0, |(_, l, _)| l),
            column: place.map_or(0, |(_, _, c)| c),
            commitment: None,
            message: format!(
                "{} {}: probability {} (below {}); {}",
                c.kind,
                c.date,
                percent(probability),
                percent(min),
                tail(&c.forecast)
            ),
        });
    }
    rows
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// `kpi`: the commitments in scope whose committed date is on or after their P80 — held
/// with a probability of at least 80 % (SPEC §5).
#[derive(Clone, Debug, Serialize)]
pub struct ConfidenceKpi {
    pub commitments: usize,
    pub at_p80: usize,
    /// at_p80 / commitments; null without commitments.
    pub share: Option<f64>,
    pub iterations: u32,
    pub seed: u64,
}

/// The `kpi` confidence figure from a simulation of `plan`.
pub fn kpi(plan: &Plan, sim: &Simulation, scope: &Scope) -> ConfidenceKpi {
    let p = &plan.program;
    let shown: Vec<&Forecast> = sim
        .commitments
        .iter()
        .filter(|c| match c.kind {
            CommitmentKind::ReadyBy => scope.cluster(p, c.owner),
            _ => scope.item(p, c.owner),
        })
        .map(|c| &c.forecast)
        .collect();
    let at_p80 = shown
        .iter()
        .filter(|f| f.probability.is_some_and(|x| x >= 0.8))
        .count();
    ConfidenceKpi {
        commitments: shown.len(),
        at_p80,
        share: (!shown.is_empty()).then(|| at_p80 as f64 / shown.len() as f64),
        iterations: sim.iterations,
        seed: sim.seed,
    }
}
