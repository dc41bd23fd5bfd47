//! Every KPI and the vendor scores, hand-computed on a small program written here
//! (docs/kpis.md defines them). The working-day arithmetic is in the comments.
mod common;

use common::TestProgram;
use serde_json::{Value, json};

/// Mon 2026-10-05 is working day 0 (program calendar, no holidays), so days 0-4 are
/// Oct 5-9, 5-9 are Oct 12-16, 10-14 Oct 19-23, 15-16 Oct 26-27. Today is Wed Oct 21
/// (day 12).
///
/// - c1 and c2 are in production (utilisation counts them), c3 is being built.
/// - c3: po (done on time), deliver (done 2 working days late: due Wed Oct 14 = day 7,
///   finished Fri Oct 16 = day 9), install (5 days from today: days 12-16, finishing
///   Tue Oct 27), handover (milestone after install, dated Oct 27, due Mon Oct 26).
/// - c1 and c2 were built earlier: their POs and handovers are done; c2's PO was one
///   working day late (due Fri Oct 9, finished Mon Oct 12).
/// - s2-power: site work, due Tue Oct 20 (before today), not started: overdue.
const SITES: &str = "sites:
  - {id: s1, name: One}
  - {id: s2, name: Two}
vendors:
  - {id: v1, name: Vendor One, category: oem, lead_time_days: 10}
  - {id: v2, name: Vendor Two, category: power}
clusters:
  - {id: c1, site: s1, gpus: 100, allocated_gpus: 60, lifecycle: production}
  - {id: c2, site: s1, gpus: 300, allocated_gpus: 150, lifecycle: production}
  - {id: c3, site: s2, gpus: 200, lifecycle: deploying}
";

const PLAN: &str = "milestones:
  - {id: c3-po, name: PO, cluster: c3, vendor: v1, kind: procurement, duration: 2, status: done, started: 2026-10-05, finished: 2026-10-06, due: 2026-10-06}
  - {id: c3-deliver, name: Delivered, cluster: c3, vendor: v1, kind: delivery, depends_on: [c3-po], status: done, finished: 2026-10-16, due: 2026-10-14}
  - {id: c3-install, name: Install, cluster: c3, kind: deployment, duration: 5, depends_on: [c3-deliver]}
  - {id: c3-handover, name: Handover, cluster: c3, kind: handover, depends_on: [c3-install], due: 2026-10-26}
  - {id: c1-po, name: PO, cluster: c1, vendor: v2, kind: procurement, status: done, finished: 2026-10-05, due: 2026-10-07}
  - {id: c1-handover, name: Handover, cluster: c1, kind: handover, depends_on: [c1-po], status: done, finished: 2026-10-09}
  - {id: c2-po, name: PO, cluster: c2, vendor: v2, kind: procurement, status: done, finished: 2026-10-12, due: 2026-10-09}
  - {id: c2-handover, name: Handover, cluster: c2, kind: handover, depends_on: [c2-po], status: done, finished: 2026-10-20}
  - {id: s2-power, name: Power, site: s2, vendor: v2, kind: facility, duration: 3, due: 2026-10-20}
";

/// [`PLAN`] as it stood on Fri Oct 9, when only c1 was done.
const BASE_PLAN: &str = "milestones:
  - {id: c3-po, name: PO, cluster: c3, vendor: v1, kind: procurement, duration: 2, due: 2026-10-06}
  - {id: c3-deliver, name: Delivered, cluster: c3, vendor: v1, kind: delivery, depends_on: [c3-po], due: 2026-10-14}
  - {id: c3-install, name: Install, cluster: c3, kind: deployment, duration: 5, depends_on: [c3-deliver]}
  - {id: c3-handover, name: Handover, cluster: c3, kind: handover, depends_on: [c3-install], due: 2026-10-26}
  - {id: c1-po, name: PO, cluster: c1, vendor: v2, kind: procurement, status: done, finished: 2026-10-05, due: 2026-10-07}
  - {id: c1-handover, name: Handover, cluster: c1, kind: handover, depends_on: [c1-po], status: done, finished: 2026-10-09}
  - {id: c2-po, name: PO, cluster: c2, vendor: v2, kind: procurement, due: 2026-10-09}
  - {id: c2-handover, name: Handover, cluster: c2, kind: handover, depends_on: [c2-po]}
  - {id: s2-power, name: Power, site: s2, vendor: v2, kind: facility, duration: 3, due: 2026-10-20}
";

fn program() -> TestProgram {
    TestProgram::simple()
        .file("sites.yaml", SITES)
        .file("plan.yaml", PLAN)
}

const TODAY: &str = "2026-10-21";

#[test]
fn gpu_utilisation_counts_production_clusters_only() {
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json"])
        .run()
        .success()
        .json();
    // c1 60/100 = 0.6, c2 150/300 = 0.5; overall (60 + 150) / (100 + 300) = 0.525.
    // c3 is deploying: not counted.
    assert_eq!(
        k["utilisation"],
        json!({"overall": 0.525, "gpus": 400, "allocated": 210, "clusters": [
            {"id": "c1", "gpus": 100, "allocated": 60, "ratio": 0.6},
            {"id": "c2", "gpus": 300, "allocated": 150, "ratio": 0.5}]})
    );
}

#[test]
fn provisioning_lead_time_runs_from_first_procurement_to_handover() {
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json"])
        .run()
        .success()
        .json();
    let l = &k["provisioning_lead_time"];
    // c1: PO Oct 5 → handover Oct 9 = 4 calendar days, both actual.
    // c2: PO Oct 12 → handover Oct 20 = 8, actual.
    // c3: PO started Oct 5 → handover forecast Oct 27 = 22, a forecast.
    // Median of [4, 8, 22] = 8.
    assert_eq!(l["median_days"], json!(8));
    let rows: Vec<(&str, i64, bool)> = l["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or(""),
                c["days"].as_i64().unwrap_or(-1),
                c["actual"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(rows, [("c1", 4, true), ("c2", 8, true), ("c3", 22, false)]);
    assert_eq!(
        (
            l["clusters"][2]["from"].as_str(),
            l["clusters"][2]["to"].as_str()
        ),
        (Some("2026-10-05"), Some("2026-10-27"))
    );
}

#[test]
fn on_time_delivery_overall_by_kind_and_by_site() {
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json"])
        .run()
        .success()
        .json();
    // Done with a due: c3-po (Oct 6 ≤ Oct 6: on time), c3-deliver (Oct 16 > Oct 14:
    // late), c1-po (Oct 5 ≤ Oct 7: on time), c2-po (Oct 12 > Oct 9: late) → 2 of 4.
    // Procurement 2 of 3, delivery 0 of 1; site s1 (c1, c2) 1 of 2, s2 (c3) 1 of 2.
    let share = |r: f64, d: u64, o: u64| json!({"ratio": r, "done_with_due": d, "on_time": o});
    assert_eq!(
        k["on_time"],
        json!({"overall": 0.5, "done_with_due": 4, "on_time": 2,
               "by_kind": {"procurement": share(2.0 / 3.0, 3, 2), "delivery": share(0.0, 1, 0)},
               "by_site": {"s1": share(0.5, 2, 1), "s2": share(0.5, 2, 1)}})
    );
}

#[test]
fn schedule_health_counts_negative_float_and_the_critical_path() {
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json"])
        .run()
        .success()
        .json();
    // Program finish P = boundary 17 (c3-handover, Oct 27).
    // c3-handover: due Oct 26 → finish by boundary 16, so LF 16, TF 16 - 17 = -1.
    // c3-install: LF = handover's LS 16, LS 11, starts 12: TF -1.
    // s2-power: starts today (12), due Oct 20 → LF 12, LS 9: TF -3; overdue.
    // Negative float: -1 - 1 - 3 = -5 over 3 items, all three critical.
    assert_eq!(
        k["health"],
        json!({"milestones": 9,
               "counts": {"done": 6, "on_track": 0, "at_risk": 0, "slipping": 2, "overdue": 1},
               "total_negative_float": -5, "negative_float_items": 3, "critical": 3, "stale": 0})
    );
}

#[test]
fn a_scope_narrows_every_kpi() {
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json", "--site", "s1"])
        .run()
        .success()
        .json();
    // Site s1: clusters c1 and c2 only; their two POs: 1 of 2 on time.
    assert_eq!(k["utilisation"]["overall"], json!(0.525));
    assert_eq!(k["provisioning_lead_time"]["median_days"], json!(6));
    assert_eq!(k["on_time"]["overall"], json!(0.5));
    assert_eq!(k["health"]["milestones"], json!(4));
    let k = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "json", "--cluster", "c3"])
        .run()
        .success()
        .json();
    assert_eq!(k["utilisation"]["overall"], Value::Null);
    assert_eq!(k["health"]["critical"], json!(2));
}

#[test]
fn kpi_csv_has_one_row_per_number() {
    let text = program()
        .cmd(TODAY)
        .args(["kpi", "--format", "csv"])
        .run()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "metric,key,value,unit,count,of");
    assert!(
        lines.contains(&"utilisation,overall,0.525,ratio,210,400"),
        "{text}"
    );
    assert!(
        lines.contains(&"on_time,kind:delivery,0.0,ratio,0,1"),
        "{text}"
    );
    assert!(
        lines.contains(&"provisioning_lead_time,median,8.0,days,,3"),
        "{text}"
    );
    assert!(
        lines.contains(&"health,total_negative_float,-5.0,working days,3,"),
        "{text}"
    );
}

#[test]
fn vendors_are_scored_and_ranked_worst_first() {
    let v = program()
        .cmd(TODAY)
        .args(["vendors", "--format", "json"])
        .run()
        .success()
        .json();
    let vendors = v["vendors"].as_array().expect("vendors");
    // v2 has an overdue open item (s2-power), so it ranks first.
    // v2: c1-po on time, c2-po 1 working day late → 1 of 2, mean (0 + 1) / 2 = 0.5 days;
    // s2-power forecasts Fri Oct 23 (boundary 15) against a due bound of 12: slip 3.
    assert_eq!(vendors[0]["id"], "v2");
    assert_eq!(
        (
            &vendors[0]["on_time"],
            &vendors[0]["mean_days_late"],
            &vendors[0]["forecast_slip"],
            &vendors[0]["worst_open"]["id"],
            &vendors[0]["worst_open"]["health"],
        ),
        (
            &json!({"ratio": 0.5, "done_with_due": 2, "on_time": 1}),
            &json!(0.5),
            &json!(3),
            &json!("s2-power"),
            &json!("overdue")
        )
    );
    // v1: c3-po on time, c3-deliver 2 working days late → 1 of 2, mean 1.0 day.
    // Lead time: c3-deliver finished Oct 16, 10 calendar days after its PO (Oct 6),
    // against the quoted 10.
    assert_eq!(vendors[1]["id"], "v1");
    assert_eq!(
        (
            &vendors[1]["items"],
            &vendors[1]["deliveries"],
            &vendors[1]["done"],
            &vendors[1]["open"],
            &vendors[1]["mean_days_late"],
            &vendors[1]["worst_open"],
            &vendors[1]["lead_time"],
        ),
        (
            &json!(2),
            &json!(1),
            &json!(2),
            &json!(0),
            &json!(1.0),
            &Value::Null,
            &json!({"quoted_days": 10, "actual_days": 10.0, "samples": 1})
        )
    );
}

#[test]
fn the_baseline_execution_index_counts_items_the_baseline_has() {
    // Now: the plan plus `extra`, added (and done) after the baseline.
    let plan = TestProgram::simple()
        .file("sites.yaml", SITES)
        .file(
            "plan.yaml",
            &format!("{PLAN}  - {{id: extra, name: Extra, cluster: c1, status: done, finished: 2026-10-20}}\n"),
        )
        .plan(TODAY);
    // The baseline, scheduled as of Fri Oct 9 (day 4): c1-po Oct 5 and c1-handover
    // Oct 9 (done); c2-po and c2-handover Oct 9 (milestones not before today); c3-po
    // days 4-5 (Mon Oct 12), c3-deliver Oct 12, c3-install days 6-10 (Mon Oct 19),
    // c3-handover Oct 19; s2-power days 4-6 (Tue Oct 13). All 9 were planned to finish
    // by today (Oct 21); 6 of them are done: 6 / 9. `extra` counts in neither part.
    let base = TestProgram::simple()
        .file("sites.yaml", SITES)
        .file("plan.yaml", BASE_PLAN)
        .plan("2026-10-09");
    let baseline = milepost::analysis::baseline::Baseline::new("b".into(), &base);
    assert_eq!(
        baseline.planned_finish("c3-install"),
        Some(common::date("2026-10-19"))
    );
    let items: Vec<usize> = plan.in_order().collect();
    let e = baseline.execution(&plan, &items);
    assert_eq!((e.finished, e.planned), (6, 9));
    assert_eq!(e.index, Some(6.0 / 9.0));
    // Nothing planned yet: no index.
    let e = baseline.execution(&plan, &[]);
    assert_eq!((e.finished, e.planned, e.index), (0, 0, None));
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    use milepost::analysis::kpi::median;
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[4, 8, 22]), Some(8.0));
    assert_eq!(median(&[4, 9]), Some(6.5));
    assert_eq!(median(&[4, 8, 22, 30]), Some(15.0));
}

/// SPEC v2: per vendor, the least commitment float of its open items and the commitments
/// they threaten (commitment float below `at_risk_days`, default 5). Today is day 0,
/// Mon 10-05; c1 is ready_by Fri 10-16 (day 9, finish bound 10).
///
/// - va: a-deliver (days 0-4, f = 5) feeds a-install (days 5-7, f = 8), due Tue 10-13
///   (bound 7): a-install's LS_c = 4, so a-deliver's CF = 4 - 5 = -1, bound by
///   `due a-install` (tighter than c1's ready_by, 10).
/// - vb: b-racks (days 0-3, f = 4) due Mon 10-12 (bound 6): CF 2, a threat; b-po (f = 2)
///   bound only by c1's ready_by: CF 8, not a threat. Least CF 2.
/// - vc: c-cable has no commitment at all: CF null, no threats.
#[test]
fn vendors_name_the_commitments_their_open_items_threaten() {
    let sites = "sites:\n  - {id: s1, name: One}\nvendors:
  - {id: va, name: A}\n  - {id: vb, name: B}\n  - {id: vc, name: C}
clusters:\n  - {id: c1, site: s1, gpus: 8, ready_by: 2026-10-16}\n";
    let plan = "milestones:
  - {id: a-deliver, name: D, cluster: c1, vendor: va, duration: 5}
  - {id: a-install, name: I, cluster: c1, duration: 3, depends_on: [a-deliver], due: 2026-10-13}
  - {id: b-po, name: P, cluster: c1, vendor: vb, duration: 2}
  - {id: b-racks, name: R, vendor: vb, duration: 4, due: 2026-10-12}
  - {id: c-cable, name: C, vendor: vc, duration: 1}
";
    let p = TestProgram::simple()
        .file("sites.yaml", sites)
        .file("plan.yaml", plan);
    let v = p
        .cmd("2026-10-05")
        .args(["vendors", "--format", "json"])
        .run()
        .success()
        .json();
    let row = |k: usize| {
        let r = &v["vendors"][k];
        (
            r["id"].clone(),
            r["commitment_float"].clone(),
            r["threatens"].clone(),
        )
    };
    assert_eq!(
        row(0),
        (
            json!("va"),
            json!(-1),
            json!([{"kind": "due", "id": "a-install", "date": "2026-10-13",
                    "commitment_float": -1, "items": ["a-deliver"]}])
        )
    );
    assert_eq!(
        row(1),
        (
            json!("vb"),
            json!(2),
            json!([{"kind": "due", "id": "b-racks", "date": "2026-10-12",
                    "commitment_float": 2, "items": ["b-racks"]}])
        )
    );
    assert_eq!(row(2), (json!("vc"), Value::Null, json!([])));
    assert_eq!(
        v["vendors"][0]["worst_open"]["commitment"],
        json!({"kind": "due", "id": "a-install", "date": "2026-10-13"})
    );
    let table = p.cmd("2026-10-05").args(["vendors"]).run().success().stdout;
    let va = table.lines().find(|l| l.contains("va ")).expect("va row");
    assert!(va.contains("-1") && va.contains("due a-install"), "{table}");
}
