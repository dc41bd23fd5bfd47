//! `check --fail-on confidence`: the commitments whose probability (SPEC §5) is below
//! `[policy] min_probability`, as check findings that name the commitment and its
//! probability.
use super::Plan;
use super::check::{Row, Severity};
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
        rows.push(Row {
            id: "program".into(),
            name: p.config.name.clone(),
            class: FailOn::Confidence.as_str(),
            severity: Some(Severity::Violation),
            group: "program".into(),
            path: None,
            line: 0,
            column: 0,
            message: format!(
                "finish_by {date}: probability {} (below {}); {}",
                percent(prob),
                percent(min),
                tail(&sim.program)
            ),
        });
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
        rows.push(Row {
            id: id.clone(),
            name: name.clone(),
            class: FailOn::Confidence.as_str(),
            severity: Some(Severity::Violation),
            group,
            path: place.and_then(|(file, _, _)| p.files.get(file)).map(|f| match prefix {
                Some("") => f.rel.clone(),
                Some(prefix) => format!("{prefix}/{}", f.rel),
                None => f.name.clone(),
            }),
            line: place.map_or(0, |(_, l, _)| l),
            column: place.map_or(0, |(_, _, c)| c),
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
