//! Cases whose answer follows from the rules by hand. The calendar is Mon–Fri from
//! Monday 2026-10-05 (working day 0) with no holidays: days 0–4 are 10-05..09, 5–9
//! 10-12..16, 10–14 10-19..23, 15–19 10-26..30.
use serde_json::Value;

use super::common::TestProgram;

const UNIFORM: &str =
    "[program]\nname = \"t\"\nstart = 2026-10-05\n[risk]\ndistribution = \"uniform\"\n";

pub fn risk_json(p: &TestProgram, args: &[&str]) -> Value {
    p.cmd("2026-10-05")
        .args(["risk", "--format", "json"])
        .args(args)
        .run()
        .success()
        .json()
}

fn commitment<'v>(json: &'v Value, id: &str) -> &'v Value {
    json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no commitment {id} in {json}"))
}

fn item<'v>(json: &'v Value, id: &str) -> &'v Value {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

fn close(got: &Value, want: f64, tolerance: f64) {
    let got = got
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {got}"));
    assert!(
        (got - want).abs() <= tolerance,
        "{got} vs {want} ± {tolerance}"
    );
}

/// One task of 10 days with `duration_range: [10, 20]`, uniform: X ~ U(1, 2) and the
/// duration max(1, floor(10X + 0.5)) is 10 with probability 0.05, each of 11..=19
/// with 0.1, 20 with 0.05. Cumulative: 11 → 0.15, 14 → 0.45, 15 → 0.55, 17 → 0.75,
/// 18 → 0.85, 19 → 0.95. So P10 = 11 days (finish day 10, Mon 10-19), P50 = 15
/// (day 14, Fri 10-23), P80 = 18 (day 17, Wed 10-28), P90 = 19 (day 18, Thu 10-29).
#[test]
fn one_task_with_a_uniform_range() {
    let p = TestProgram::new(UNIFORM).file(
        "m.yaml",
        "milestones:\n  - {id: a, duration: 10, duration_range: [10, 20], due: 2026-10-23}\n",
    );
    let json = risk_json(&p, &["--iterations", "20000"]);
    let a = commitment(&json, "a");
    assert_eq!(a["deterministic"], "2026-10-16");
    assert_eq!(
        [&a["p10"], &a["p50"], &a["p80"], &a["p90"]],
        ["2026-10-19", "2026-10-23", "2026-10-28", "2026-10-29"]
    );
    // Due Fri 10-23 = day 14: made when the duration is <= 15, probability 0.55.
    let se = (0.55f64 * 0.45 / 20000.0).sqrt();
    close(&a["probability"], 0.55, 4.0 * se);
    close(&a["probability_se"], se, 0.0001);
    assert_eq!(json["program"]["p50"], "2026-10-23");
}

/// A risk with probability 0.3 and 2 days' impact on the one item of a commitment
/// that is met exactly without it: the probability is 0.7, P80 slips by 2 working
/// days, and the risk's probability shift is -0.3.
#[test]
fn a_risk_on_one_item() {
    let p = TestProgram::simple().file(
        "m.yaml",
        "milestones:
  - {id: a, duration: 5, due: 2026-10-09}
risks:
  - {id: r, probability: 0.3, impact_days: 2, affects: [a]}
  - {id: gone, probability: 0.9, impact_days: 9, affects: [a], status: mitigated}
",
    );
    let json = risk_json(&p, &["--iterations", "20000"]);
    let a = commitment(&json, "a");
    let se = (0.3f64 * 0.7 / 20000.0).sqrt();
    close(&a["probability"], 0.7, 4.0 * se);
    assert_eq!(
        (&a["p50"], &a["p80"]),
        (&"2026-10-09".into(), &"2026-10-13".into())
    );
    let risks = json["risks"].as_array().unwrap();
    assert_eq!(risks.len(), 1, "only open risks are simulated: {json}");
    assert_eq!(risks[0]["id"], "r");
    assert_eq!(risks[0]["p80_shift"], 2);
    close(&risks[0]["probability_shifts"][0]["shift"], -0.3, 4.0 * se);
    let table = p
        .cmd("2026-10-05")
        .args(["risk", "--iterations", "20000"])
        .run()
        .success()
        .parts()
        .1;
    assert!(
        table.contains("mitigating `r` moves P80 of due a by −2 working days"),
        "{table}"
    );
}

/// Two parallel tasks into a join: `a` 10 days with range [5, 15] (X ~ U(0.5, 1.5)),
/// `b` a fixed 10 days. a lasts >= 10 days when 10X + 0.5 >= 10, X >= 0.95:
/// probability 0.55; a lasts <= 10 days when X < 1.05: 0.55. Each is critical when it
/// is (one of) the longer: criticality 0.55 each; the join always.
#[test]
fn criticality_of_two_tasks_into_a_join() {
    let p = TestProgram::new(UNIFORM).file(
        "m.yaml",
        "milestones:
  - {id: a, duration: 10, duration_range: [5, 15]}
  - {id: b, duration: 10}
  - {id: join, depends_on: [a, b]}
",
    );
    let json = risk_json(&p, &["--iterations", "20000"]);
    let se = (0.55f64 * 0.45 / 20000.0).sqrt();
    close(&item(&json, "a")["criticality"], 0.55, 4.0 * se);
    close(&item(&json, "b")["criticality"], 0.55, 4.0 * se);
    close(&item(&json, "join")["criticality"], 1.0, 0.0);
    assert!(item(&json, "a")["sensitivity"].as_f64().unwrap() > 0.5);
    assert_eq!(item(&json, "b")["sensitivity"], Value::Null);
}

/// Without ranges or risks every iteration is the deterministic schedule.
#[test]
fn no_ranges_and_no_risks_give_the_deterministic_dates() {
    let p = TestProgram::simple().file(
        "m.yaml",
        "sites: [{id: s}]
clusters: [{id: c, site: s, ready_by: 2026-10-20}]
milestones:
  - {id: a, duration: 5, cluster: c, due: 2026-10-16}
  - {id: b, duration: 7, cluster: c, depends_on: [a], due: 2026-10-19}
  - {id: side, duration: 2, depends_on: [a]}
",
    );
    let json = risk_json(&p, &["--iterations", "50"]);
    for c in json["commitments"].as_array().unwrap() {
        for key in ["p10", "p50", "p80", "p90"] {
            assert_eq!(c[key], c["deterministic"], "{c}");
        }
        let made = c["deterministic"].as_str() <= c["date"].as_str();
        assert_eq!(c["probability"], if made { 1.0 } else { 0.0 }, "{c}");
    }
    assert_eq!(commitment(&json, "b")["probability"], 0.0);
    assert_eq!(item(&json, "b")["criticality"], 1.0);
    assert_eq!(item(&json, "side")["criticality"], 0.0);
}

/// In-progress work: the remaining r = f - t is what the range scales (SPEC §5); the
/// item's start never moves.
#[test]
fn in_progress_remaining_work_is_scaled() {
    // Started 10-05, 10 days, today 10-12 (t = 5): r = 10 - 5 = 5. Range [10, 20] is
    // factors [1, 2]: r' = floor(5X + 0.5) with X ~ U(1, 2) is k when
    // (k - 0.5)/5 <= X < (k + 0.5)/5: 5 w.p. 0.1, 6..=9 w.p. 0.2 each, 10 w.p. 0.1.
    // Cumulative: 8 → 0.7, 9 → 0.9, so P80 = 9: f = 14, day 13 (Thu 10-22). Due Wed
    // 10-21 (day 12) is made when f <= 13, r' <= 8: probability 0.7.
    let p = TestProgram::new(UNIFORM).file(
        "m.yaml",
        "milestones:
  - {id: a, duration: 10, duration_range: [10, 20], status: in_progress, started: 2026-10-05, due: 2026-10-21}
",
    );
    let json = p
        .cmd("2026-10-12")
        .args(["risk", "--format", "json", "--iterations", "20000"])
        .run()
        .success()
        .json();
    let a = commitment(&json, "a");
    assert_eq!(a["deterministic"], "2026-10-16");
    assert_eq!(a["p80"], "2026-10-22");
    close(&a["probability"], 0.7, 4.0 * (0.21f64 / 20000.0).sqrt());
}
