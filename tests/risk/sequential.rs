//! A plain sequential simulation, written here from SPEC §5 for finish-to-start
//! programs on one Mon–Fri calendar with no holidays (not started, today = start),
//! compared with `milepost risk` within sampling error.
use milepost::calendar::{Calendar, CalendarSpec};
use milepost::testkit::Rng;
use proptest::prelude::*;

use super::properties::{Gen, GenRisk, plan_at, simulate, yaml};

const TOML: &str = "[program]\nname = \"p\"\nstart = 2026-10-05\n[calendar.regions.tw]\n[risk]\ndistribution = \"uniform\"\n";

/// Each iteration's program finish, as a working-day index.
fn sequential(items: &[Gen], risks: &[GenRisk], iterations: usize) -> Vec<i64> {
    let mut rng = Rng(12345);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (0..iterations)
        .map(|_| {
            let mut finish = vec![0i64; items.len()];
            let mut impact = vec![0i64; items.len()];
            for r in risks {
                if uniform() < r.probability {
                    let mut hit = r.affects.clone();
                    hit.sort_unstable();
                    hit.dedup();
                    hit.iter().for_each(|&a| impact[a] += r.impact);
                }
            }
            for (i, it) in items.iter().enumerate() {
                let mut d = it.duration;
                if let (Some((lo, hi)), true) = (it.range, it.duration >= 1) {
                    let (a, b) = (
                        (it.duration - lo).max(0) as f64 / d as f64,
                        (it.duration + hi) as f64 / d as f64,
                    );
                    if a < b {
                        let x = a + (b - a) * uniform();
                        d = ((d as f64 * x + 0.5).floor() as i64).max(1);
                    }
                }
                // A milestone placed only by the start is dated the start day.
                let mut s = i64::from(d == 0);
                for &(p, _, lag) in &it.deps {
                    s = s.max(finish[p] + lag);
                }
                finish[i] = if d == 0 {
                    s + impact[i]
                } else {
                    s + d + impact[i]
                };
            }
            finish.iter().max().unwrap() - 1
        })
        .collect()
}

fn fs_program() -> impl Strategy<Value = (Vec<Gen>, Vec<GenRisk>)> {
    super::properties::gen_program(&["FS"], false).prop_map(|(mut items, risks)| {
        for it in &mut items {
            it.tw = false;
            it.due = None;
            it.deps.iter_mut().for_each(|d| d.2 = d.2.abs());
        }
        (items, risks)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// At each percentile date d of `milepost risk`, the independent simulation has at
    /// least (about) that share at or before d, and less than it before d.
    #[test]
    fn percentiles_agree_with_a_sequential_simulation((items, risks) in fs_program()) {
        let n = 20_000;
        let plan = plan_at(TOML, &yaml(&items, &risks, false), "2026-10-05");
        let sim = simulate(&plan, n as u32);
        let mut days = sequential(&items, &risks, n);
        days.sort_unstable();
        let cal = Calendar::new(
            &CalendarSpec { workdays: [true, true, true, true, true, false, false], holidays: vec![] },
            milepost::load::raw::parse_date("2026-10-05").unwrap(),
        );
        let f = &sim.program;
        for (q, date) in [(0.1, f.p10), (0.5, f.p50), (0.8, f.p80), (0.9, f.p90)] {
            let d = cal.first_on_or_after(date);
            let at = days.partition_point(|&x| x <= d) as f64 / n as f64;
            let before = days.partition_point(|&x| x < d) as f64 / n as f64;
            // Two independent samples: 4 standard errors of the difference.
            let tol = 4.0 * (2.0 * q * (1.0 - q) / n as f64).sqrt();
            prop_assert!(at >= q - tol, "P{}: {at} at {date}", q * 100.0);
            prop_assert!(before <= q + tol, "P{}: {before} before {date}", q * 100.0);
        }
    }
}
