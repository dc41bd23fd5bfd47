//! Properties of the simulation on generated programs (every relation type, two
//! calendars, progress, ranges, risks).
use milepost::analysis::Plan;
use milepost::schedule::montecarlo::{self, Options, Simulation};
use milepost::source::Memory;
use proptest::prelude::*;
use std::fmt::Write;

#[derive(Clone, Debug)]
pub struct Gen {
    pub duration: i64,
    pub deps: Vec<(usize, &'static str, i64)>,
    pub due: Option<u32>,
    /// Days below and above the duration.
    pub range: Option<(i64, i64)>,
    /// 0: done, 1: in progress, else not started.
    pub status: u8,
    pub day: u32,
    pub tw: bool,
}

#[derive(Clone, Debug)]
pub struct GenRisk {
    /// Written as `r{id}`: a risk keeps its id (and so its random numbers) when
    /// another is removed.
    pub id: usize,
    pub probability: f64,
    pub impact: i64,
    pub affects: Vec<usize>,
}

fn gen_item(i: usize, relations: &'static [&'static str]) -> impl Strategy<Value = Gen> {
    let rel = proptest::sample::select(relations);
    let deps = if i == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec((0..i, rel, -2i64..5), 0..3).boxed()
    };
    (
        0i64..8,
        deps,
        prop::option::of(0u32..60),
        prop::option::of((0i64..4, 0i64..8)),
        0u8..8,
        0u32..10,
        any::<bool>(),
    )
        .prop_map(|(duration, deps, due, range, status, day, tw)| Gen {
            duration,
            deps,
            due,
            range,
            status,
            day,
            tw,
        })
}

pub fn gen_program(
    relations: &'static [&'static str],
    progress: bool,
) -> impl Strategy<Value = (Vec<Gen>, Vec<GenRisk>)> {
    (2usize..25).prop_flat_map(move |n| {
        let items = (0..n)
            .map(|i| gen_item(i, relations))
            .collect::<Vec<_>>()
            .prop_map(move |mut items| {
                if !progress {
                    items.iter_mut().for_each(|it| it.status = 9);
                }
                items
            });
        let risk = (0.0f64..1.0, 1i64..6, prop::collection::vec(0..n, 1..3)).prop_map(
            |(probability, impact, affects)| GenRisk {
                id: 0,
                probability,
                impact,
                affects,
            },
        );
        (items, prop::collection::vec(risk, 0..4)).prop_map(|(items, mut risks)| {
            risks.iter_mut().enumerate().for_each(|(k, r)| r.id = k);
            (items, risks)
        })
    })
}

fn day(offset: u32) -> String {
    (milepost::load::raw::parse_date("2026-10-05").unwrap() + chrono::Days::new(u64::from(offset)))
        .to_string()
}

/// The program's YAML; `min_durations` writes each range's minimum as the duration
/// (rounded as the simulation rounds its lowest factor) and no ranges.
pub fn yaml(items: &[Gen], risks: &[GenRisk], min_durations: bool) -> String {
    let mut out = String::from("sites:\n  - {id: us}\n  - {id: tw, region: tw}\nmilestones:\n");
    for (i, it) in items.iter().enumerate() {
        let mut duration = it.duration;
        let _ = write!(
            out,
            "  - id: m{i}\n    site: {}\n",
            if it.tw { "tw" } else { "us" }
        );
        if it.duration >= 1 {
            // The lowest factor: the item's range, else its kind's (TOML: other 0.8).
            let lo = it.range.map(|(lo, _)| (it.duration - lo).max(0));
            if let (Some(lo), Some((_, hi)), false) = (lo, it.range, min_durations) {
                let _ = writeln!(out, "    duration_range: [{lo}, {}]", it.duration + hi);
            }
            if min_durations {
                let a = lo.map_or(0.8, |lo| lo as f64 / it.duration as f64);
                duration = ((it.duration as f64 * a + 0.5).floor() as i64).max(1);
            }
        }
        let _ = writeln!(out, "    duration: {duration}");
        match it.status {
            0 => {
                let _ = writeln!(out, "    status: done\n    finished: {}", day(it.day));
            }
            1 if it.duration >= 1 => {
                let _ = writeln!(out, "    status: in_progress\n    started: {}", day(it.day));
            }
            _ => {}
        }
        if let Some(d) = it.due {
            let _ = writeln!(out, "    due: {}", day(d));
        }
        if !it.deps.is_empty() {
            out.push_str("    depends_on:\n");
            for (p, rel, lag) in &it.deps {
                let _ = writeln!(out, "      - {{id: m{p}, type: {rel}, lag: {lag}}}");
            }
        }
    }
    if !risks.is_empty() {
        out.push_str("risks:\n");
        for r in risks {
            let affects: Vec<String> = r.affects.iter().map(|a| format!("m{a}")).collect();
            let _ = writeln!(
                out,
                "  - {{id: r{}, probability: {}, impact_days: {}, affects: [{}]}}",
                r.id,
                r.probability,
                r.impact,
                affects.join(", ")
            );
        }
    }
    out
}

pub const TOML: &str = "[program]\nname = \"p\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-10-12, 2026-11-11]\n[calendar.regions.tw]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\nholidays = [2026-10-20]\n[risk.ranges]\nother = [0.8, 1.5]\n";

pub fn plan_of(toml: &str, yaml: &str) -> Plan {
    plan_at(toml, yaml, "2026-10-16")
}

pub fn plan_at(toml: &str, yaml: &str, today: &str) -> Plan {
    let source = Memory::new()
        .with("milepost.toml", toml)
        .with("m.yaml", yaml);
    let loaded = milepost::load::load(&source).unwrap();
    let today = milepost::load::raw::parse_date(today).unwrap();
    let v = milepost::validate::validate(loaded, today);
    assert!(
        v.diags.iter().all(|d| !d.is_error()),
        "{:#?}\n{yaml}",
        v.diags
    );
    Plan::new(v.program.unwrap(), today).unwrap()
}

pub fn simulate(plan: &Plan, iterations: u32) -> Simulation {
    let options = Options {
        iterations,
        seed: 3,
    };
    montecarlo::simulate(&plan.program, &plan.schedule, options, &|_| {}).unwrap()
}

const ALL: &[&str] = &["FS", "SS", "FF", "SF"];
const FS_SS: &[&str] = &["FS", "SS"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// With every factor 1 and no risk event, the simulation's pass is §2's schedule.
    #[test]
    fn the_unit_pass_is_the_deterministic_schedule((items, risks) in gen_program(ALL, true)) {
        let plan = plan_of(TOML, &yaml(&items, &risks, false));
        let unit = montecarlo::unit_pass(&plan.program, &plan.schedule).unwrap();
        for (i, it) in plan.schedule.items.iter().enumerate() {
            prop_assert_eq!(unit[i], (it.s, it.f), "{}", plan.program.milestones[i].id);
        }
    }

    /// Without ranges, risks or commitments, the per-iteration backward pass is §2's:
    /// an item's criticality is 1 exactly when its total float is <= 0.
    #[test]
    fn criticality_without_uncertainty_is_the_critical_path((mut items, _) in gen_program(ALL, true)) {
        items.iter_mut().for_each(|it| {
            it.due = None;
            it.range = None;
        });
        let toml = TOML.replace("[risk.ranges]\nother = [0.8, 1.5]\n", "");
        let plan = plan_of(&toml, &yaml(&items, &[], false));
        let sim = simulate(&plan, 10);
        for it in &sim.items {
            let tf = plan.schedule.items[it.milestone].total_float;
            let critical = tf.is_some_and(|f| f <= 0);
            prop_assert_eq!(it.criticality, if critical { 1.0 } else { 0.0 }, "{}: tf {:?}", plan.program.milestones[it.milestone].id, tf);
        }
    }

    #[test]
    fn percentiles_are_ordered((items, risks) in gen_program(ALL, true)) {
        let plan = plan_of(TOML, &yaml(&items, &risks, false));
        let sim = simulate(&plan, 300);
        let forecasts = std::iter::once(&sim.program).chain(sim.commitments.iter().map(|c| &c.forecast));
        for f in forecasts {
            prop_assert!(f.p10 <= f.p50 && f.p50 <= f.p80 && f.p80 <= f.p90, "{f:?}");
        }
        for it in &sim.items {
            prop_assert!((0.0..=1.0).contains(&it.criticality));
        }
    }

    /// FS/SS programs: no iteration beats the schedule with every range at its minimum.
    #[test]
    fn p10_is_not_before_the_all_minimum_schedule((items, risks) in gen_program(FS_SS, false)) {
        let plan = plan_of(TOML, &yaml(&items, &risks, false));
        let sim = simulate(&plan, 300);
        let minimum = plan_of(TOML, &yaml(&items, &[], true));
        prop_assert!(sim.program.p10 >= minimum.schedule.finish, "{:?} < {}", sim.program.p10, minimum.schedule.finish);
    }

    /// Removing a risk never makes a P80 later (the same random numbers otherwise).
    #[test]
    fn removing_a_risk_never_makes_p80_later((items, risks) in gen_program(ALL, true)) {
        prop_assume!(!risks.is_empty());
        let with = simulate(&plan_of(TOML, &yaml(&items, &risks, false)), 300);
        let fewer = &risks[1..];
        let without = simulate(&plan_of(TOML, &yaml(&items, fewer, false)), 300);
        prop_assert!(without.program.p80 <= with.program.p80);
        for (a, b) in without.commitments.iter().zip(&with.commitments) {
            prop_assert!(a.forecast.p80 <= b.forecast.p80);
            prop_assert!(a.forecast.probability >= b.forecast.probability);
        }
    }
}
