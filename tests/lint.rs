//! `milepost lint`, worked by hand (SPEC §6): a clean program that passes every check,
//! and one program per check built to fail exactly it (or, where the definitions tie
//! two checks together, the two), with the values, items and exit status exact.
//!
//! The default calendar starts Monday 2026-10-05 (working day 0), Mon–Fri, no
//! holidays: day 55 is Mon 12-21 and day 59 Fri 12-25.
mod common;

use common::TestProgram;
use common::repo::Repo;
use serde_json::{Value, json};

const TOML: &str = "[program]\nname = \"lint\"\nstart = 2026-10-05\n";

/// The clean chain: a, b, c (20 days each, FS, owned) and the event d (due far out).
/// a [0,20), b [20,40), c [40,60), d at 60 (dated day 59, Fri 12-25): every TF 0.
const CLEAN: &str = "milestones:
  - {id: a, owner: ann, duration: 20, start_no_earlier: 2026-10-05}
  - {id: b, owner: ann, duration: 20, depends_on: [a]}
  - {id: c, owner: ann, duration: 20, depends_on: [b]}
  - {id: d, owner: ann, depends_on: [c], due: 2027-03-31}
";

fn program(toml: &str, plan: &str) -> TestProgram {
    TestProgram::new(toml).file("plan.yaml", plan)
}

/// `lint --format json` on `p` as of `today`: (exit code, the JSON).
fn lint(p: &TestProgram, today: &str) -> (i32, Value) {
    let (code, out, err) = p
        .cmd(today)
        .args(["lint", "--format", "json"])
        .run()
        .parts();
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    (code, serde_json::from_str(&out).expect("json"))
}

fn check<'v>(v: &'v Value, name: &str) -> &'v Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {v:#}"))
}

/// The names of the failing checks.
fn failing(v: &Value) -> Vec<&str> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "fail")
        .map(|c| c["name"].as_str().unwrap())
        .collect()
}

/// Lints `CLEAN` with `from` replaced by `to`, as of 2026-10-05.
fn variant(from: &str, to: &str) -> (i32, Value) {
    assert!(CLEAN.contains(from), "{from}");
    lint(&program(TOML, &CLEAN.replace(from, to)), "2026-10-05")
}

#[test]
fn the_clean_program_passes_every_check_and_lists_all_fourteen() {
    let (code, v) = lint(&program(TOML, CLEAN), "2026-10-05");
    assert_eq!(code, 0);
    assert!(failing(&v).is_empty(), "{v:#}");
    let names: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "logic",
            "leads",
            "lags",
            "relationship_types",
            "hard_constraints",
            "high_float",
            "negative_float",
            "high_duration",
            "invalid_dates",
            "ownership",
            "missed_tasks",
            "critical_path_test",
            "cpli",
            "bei"
        ]
    );
    // Shares are fractions, counts integers; n/a has null value and threshold.
    assert_eq!(
        check(&v, "logic"),
        &json!({"id": 1, "name": "logic", "value": 0.0, "threshold": 0.05, "status": "pass", "items": []})
    );
    assert_eq!(
        check(&v, "leads"),
        &json!({"id": 2, "name": "leads", "value": 0, "threshold": 0, "status": "pass", "items": []})
    );
    assert_eq!(check(&v, "relationship_types")["value"], json!(1.0));
    for na in ["hard_constraints", "missed_tasks", "bei"] {
        let c = check(&v, na);
        assert_eq!(
            (&c["value"], &c["threshold"], &c["status"]),
            (&Value::Null, &Value::Null, &json!("n/a")),
            "{na}"
        );
    }
    // Check 12: a is the first critical item; 600 days on it move the finish 600.
    assert_eq!(
        check(&v, "critical_path_test"),
        &json!({"id": 12, "name": "critical_path_test", "value": 600, "threshold": 600, "status": "pass", "items": ["a"]})
    );
    // Check 13: CPL = days 0..59 = 60; no finish_by: 1.0.
    assert_eq!(check(&v, "cpli")["value"], json!(1.0));
}

#[test]
fn check_1_logic_an_item_with_no_successor_and_no_due() {
    // e: after a, nothing after it, no due. 1 of 5 not-done items.
    let (code, v) = variant(
        "  - {id: d,",
        "  - {id: e, owner: ann, duration: 2, depends_on: [a]}\n  - {id: d,",
    );
    assert_eq!((code, failing(&v)), (1, vec!["logic"]));
    assert_eq!(check(&v, "logic")["value"], json!(0.2));
    assert_eq!(check(&v, "logic")["items"], json!(["e"]));
}

#[test]
fn check_1_logic_an_item_with_no_predecessor() {
    // a without start_no_earlier has neither a depends_on nor a date: 1 of 4.
    let (code, v) = variant(", start_no_earlier: 2026-10-05", "");
    assert_eq!((code, failing(&v)), (1, vec!["logic"]));
    assert_eq!(check(&v, "logic")["value"], json!(0.25));
    assert_eq!(check(&v, "logic")["items"], json!(["a"]));
}

#[test]
fn check_2_leads_a_negative_lag() {
    // c starts 2 days before b finishes: [38,58); still all FS, no positive lag.
    let (code, v) = variant("depends_on: [b]", "depends_on: [{id: b, lag: -2}]");
    assert_eq!((code, failing(&v)), (1, vec!["leads"]));
    assert_eq!(check(&v, "leads")["value"], json!(1));
    assert_eq!(check(&v, "leads")["items"], json!(["c"]));
    assert_eq!(check(&v, "lags")["value"], json!(0.0));
}

#[test]
fn check_3_lags_a_positive_lag() {
    // 1 of 3 relations has a lag.
    let (code, v) = variant("depends_on: [b]", "depends_on: [{id: b, lag: 2}]");
    assert_eq!((code, failing(&v)), (1, vec!["lags"]));
    assert_eq!(check(&v, "lags")["value"], json!(1.0 / 3.0));
    assert_eq!(check(&v, "lags")["items"], json!(["c"]));
}

#[test]
fn check_4_relationship_types_a_start_to_start_link() {
    // 2 of 3 relations are FS: 0.667 < 0.90.
    let (code, v) = variant("depends_on: [b]", "depends_on: [{id: b, type: SS}]");
    assert_eq!((code, failing(&v)), (1, vec!["relationship_types"]));
    assert_eq!(check(&v, "relationship_types")["value"], json!(2.0 / 3.0));
    assert_eq!(check(&v, "relationship_types")["items"], json!(["c"]));
}

#[test]
fn check_6_high_float_a_short_item_beside_the_chain() {
    // f [0,1) feeds d at 60: TF = 60 - 1 = 59 > 44. 1 of 5.
    let plan = CLEAN.replace("depends_on: [c], due", "depends_on: [c, f], due")
        + "  - {id: f, owner: ann, duration: 1, start_no_earlier: 2026-10-05}\n";
    let (code, v) = lint(&program(TOML, &plan), "2026-10-05");
    assert_eq!((code, failing(&v)), (1, vec!["high_float"]));
    assert_eq!(check(&v, "high_float")["value"], json!(0.2));
    assert_eq!(check(&v, "high_float")["items"], json!(["f"]));
}

#[test]
fn check_7_negative_float_a_due_before_the_forecast() {
    // d forecast Fri 12-25 (day 59), due Fri 12-18 (day 54, bound 55): TF = -5 on
    // the whole chain. The first critical item is still on the driving path (check 12).
    let (code, v) = variant("due: 2027-03-31", "due: 2026-12-18");
    assert_eq!((code, failing(&v)), (1, vec!["negative_float"]));
    assert_eq!(check(&v, "negative_float")["value"], json!(4));
    assert_eq!(
        check(&v, "negative_float")["items"],
        json!(["a", "b", "c", "d"])
    );
}

#[test]
fn check_8_high_duration_a_task_longer_than_44_days() {
    let (code, v) = variant(
        "{id: b, owner: ann, duration: 20",
        "{id: b, owner: ann, duration: 45",
    );
    assert_eq!((code, failing(&v)), (1, vec!["high_duration"]));
    assert_eq!(check(&v, "high_duration")["value"], json!(1.0 / 3.0));
    assert_eq!(check(&v, "high_duration")["items"], json!(["b"]));
}

#[test]
fn check_9_invalid_dates_stale_work() {
    // a in progress, forecast to finish Fri 10-09; today Wed 10-14: stale.
    let plan = CLEAN.replace(
        "start_no_earlier: 2026-10-05}",
        "start_no_earlier: 2026-10-05, status: in_progress, started: 2026-10-05, expected_finish: 2026-10-09}",
    );
    let (code, v) = lint(&program(TOML, &plan), "2026-10-14");
    assert_eq!((code, failing(&v)), (1, vec!["invalid_dates"]));
    assert_eq!(check(&v, "invalid_dates")["value"], json!(1));
    assert_eq!(check(&v, "invalid_dates")["items"], json!(["a"]));
    // The delay moves a's forecast finish (f = today's day 7 + 1) 600 days later.
    assert_eq!(check(&v, "critical_path_test")["value"], json!(600));
}

#[test]
fn check_10_ownership_an_item_without_an_owner() {
    let (code, v) = variant("{id: c, owner: ann, ", "{id: c, ");
    assert_eq!((code, failing(&v)), (1, vec!["ownership"]));
    assert_eq!(check(&v, "ownership")["value"], json!(0.25));
    assert_eq!(check(&v, "ownership")["items"], json!(["c"]));
}

#[test]
fn check_12_critical_path_test_a_commitment_off_the_driving_path() {
    // 0-survey [0,5) is critical through its own due (Fri 10-09) but drives nothing;
    // it comes first in topological order ('0' < 'a'). Delayed 600 days it finishes
    // at 605 (day 604) against the program's day 59: the finish moves 545, not 600.
    let plan = CLEAN.to_string()
        + "  - {id: 0-survey, owner: ann, duration: 5, start_no_earlier: 2026-10-05, due: 2026-10-09}\n";
    let (code, v) = lint(&program(TOML, &plan), "2026-10-05");
    assert_eq!((code, failing(&v)), (1, vec!["critical_path_test"]));
    assert_eq!(
        check(&v, "critical_path_test"),
        &json!({"id": 12, "name": "critical_path_test", "value": 545, "threshold": 600, "status": "fail", "items": ["0-survey"]})
    );
}

#[test]
fn check_13_cpli_a_finish_by_before_the_forecast() {
    // CPL = 60 (days 0..59); finish_by Fri 12-18 = day 54: TF_end = -5;
    // CPLI = 55 / 60. A finish_by the forecast misses is negative float on every
    // item too, so check 7 fails with it (CPLI < 1 always means negative float).
    let toml = format!("{TOML}finish_by = 2026-12-18\n");
    let (code, v) = lint(&program(&toml, CLEAN), "2026-10-05");
    assert_eq!((code, failing(&v)), (1, vec!["negative_float", "cpli"]));
    assert_eq!(check(&v, "cpli")["value"], json!(55.0 / 60.0));
    assert_eq!(check(&v, "cpli")["threshold"], json!(0.95));
}

#[test]
fn config_turns_checks_off_and_sets_thresholds() {
    let plan = CLEAN.replace("depends_on: [b]", "depends_on: [{id: b, lag: 2}]");
    // Off: the check is not run and not shown; nothing else fails.
    let toml = format!("{TOML}[lint]\noff = [\"lags\", \"hard-constraints\"]\n");
    let (code, v) = lint(&program(&toml, &plan), "2026-10-05");
    assert_eq!(code, 0);
    assert_eq!(v["checks"].as_array().unwrap().len(), 12);
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "lags")
    );
    // A threshold of 0.4: 1 of 3 relations passes.
    let toml = format!("{TOML}[lint.thresholds]\nlags = 0.4\n");
    let (code, v) = lint(&program(&toml, &plan), "2026-10-05");
    assert_eq!(code, 0);
    assert_eq!(
        (
            &check(&v, "lags")["threshold"],
            &check(&v, "lags")["status"]
        ),
        (&json!(0.4), &json!("pass"))
    );
}

#[test]
fn a_bad_lint_setting_is_an_invalid_program_with_its_place() {
    let toml = format!("{TOML}[lint]\noff = [\"lgas\"]\n[lint.thresholds]\nhigh_float = 5\n");
    let (code, _, err) = program(&toml, CLEAN)
        .cmd("2026-10-05")
        .args(["lint"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown lint check `lgas` (did you mean `lags`?)"),
        "{err}"
    );
    assert!(err.contains("milepost.toml:5"), "{err}");
    assert!(
        err.contains("the `high_float` threshold is a share"),
        "{err}"
    );
}

#[test]
fn the_exit_status_is_0_pass_1_fail_2_invalid() {
    let (code, _, _) = program(TOML, CLEAN)
        .cmd("2026-10-05")
        .args(["lint"])
        .run()
        .parts();
    assert_eq!(code, 0);
    let (code, out, _) = program(TOML, &CLEAN.replace("{id: c, owner: ann, ", "{id: c, "))
        .cmd("2026-10-05")
        .args(["lint"])
        .run()
        .parts();
    assert_eq!(code, 1);
    assert!(
        out.starts_with("lint failed: 1 of 14 checks as of 2026-10-05"),
        "{out}"
    );
    // Under the table, each failing check's items at their place in the files.
    assert!(
        out.ends_with("\n10 ownership (1):\n    plan.yaml:4: c\n"),
        "{out}"
    );
    let (code, _, _) = program(TOML, "milestones:\n  - {id: a, depends_on: [zz]}\n")
        .cmd("2026-10-05")
        .args(["lint"])
        .run()
        .parts();
    assert_eq!(code, 2);
}

#[test]
fn github_annotations_point_at_the_offending_relation() {
    let plan = CLEAN.replace("depends_on: [b]", "depends_on: [{id: b, lag: 2}]");
    let (code, out, _) = program(TOML, &plan)
        .cmd("2026-10-05")
        .args(["lint", "--format", "github"])
        .run()
        .parts();
    assert_eq!(code, 1);
    // c is on line 4 of plan.yaml; its depends_on entry starts at column 56.
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=plan.yaml,line=4,col=")
            && first.contains("title=lags%3A c::"),
        "{out}"
    );
    assert!(
        out.ends_with("lint failed: 1 of 14 checks as of 2026-10-05\n"),
        "{out}"
    );
    // With GITHUB_STEP_SUMMARY set, the markdown table goes to the job summary.
    let p = program(TOML, &plan);
    let summary = p.path().join("summary.md");
    p.cmd("2026-10-05")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["lint", "--format", "github"])
        .run()
        .code(1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("### ❌ milepost lint\n\n**lint failed: 1 of 14 checks"),
        "{text}"
    );
    assert!(
        text.contains("| 3 | lags | 33.3% | <= 5% | fail | 1 of 3 relations |"),
        "{text}"
    );
    // GitLab and JUnit name the check and the item.
    let (_, gitlab, _) = program(TOML, &plan)
        .cmd("2026-10-05")
        .args(["lint", "--format", "gitlab"])
        .run()
        .parts();
    let issues: Value = serde_json::from_str(&gitlab).unwrap();
    assert_eq!(issues[0]["check_name"], "milepost/lags");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 4);
    let (_, junit, _) = program(TOML, &plan)
        .cmd("2026-10-05")
        .args(["lint", "--format", "junit"])
        .run()
        .parts();
    assert!(
        junit.contains("<testsuite name=\"milepost lint\" tests=\"14\" failures=\"1\""),
        "{junit}"
    );
}

/// v1 (committed 10-05, the baseline): a [0,5) 10-09, b [5,10) 10-16, c [10,15)
/// 10-23, d 10-23; b was to take 45 days in v1's sibling below.
const V1: &str = "milestones:
  - {id: a, owner: ann, duration: 5, start_no_earlier: 2026-10-05}
  - {id: b, owner: ann, duration: 5, depends_on: [a]}
  - {id: c, owner: ann, duration: 5, depends_on: [b]}
  - {id: d, owner: ann, depends_on: [c], due: 2027-03-31}
";

fn baseline_repo(now: &str) -> Repo {
    let r = Repo::new();
    r.write("p/milepost.toml", TOML).write("p/plan.yaml", V1);
    r.commit("2026-10-05", "baseline");
    r.git(&["tag", "base"]);
    r.write("p/plan.yaml", now);
    r.commit("2026-10-19", "progress");
    r
}

fn lint_at(r: &Repo, today: &str, extra: &[&str]) -> (i32, Value) {
    let (code, out, err) = r
        .milepost("p")
        .args(["--today", today, "lint", "--format", "json"])
        .args(extra)
        .run()
        .parts();
    assert!(code == 0 || code == 1, "{err}");
    (code, serde_json::from_str(&out).unwrap())
}

#[test]
fn check_11_missed_tasks_with_a_baseline() {
    // Today Mon 10-19. Baseline finishes by today: a (10-09), b (10-16).
    // a finished 10-12, after 10-09: missed; b finished on 10-16. 1 of 2 = 0.5;
    // BEI = 2 done / 2 = 1.0 passes.
    let now = V1
        .replace(
            "start_no_earlier: 2026-10-05}",
            "start_no_earlier: 2026-10-05, status: done, started: 2026-10-05, finished: 2026-10-12}",
        )
        .replace(
            "depends_on: [a]}",
            "depends_on: [a], status: done, started: 2026-10-13, finished: 2026-10-16}",
        );
    let r = baseline_repo(&now);
    let (code, v) = lint_at(&r, "2026-10-19", &["--baseline", "base"]);
    assert_eq!((code, failing(&v)), (1, vec!["missed_tasks"]));
    assert_eq!(check(&v, "missed_tasks")["value"], json!(0.5));
    assert_eq!(check(&v, "missed_tasks")["items"], json!(["a"]));
    assert_eq!(check(&v, "bei")["value"], json!(1.0));
    // Without a baseline both are n/a and the program passes.
    let (code, v) = lint_at(&r, "2026-10-19", &[]);
    assert_eq!(code, 0);
    assert_eq!(check(&v, "missed_tasks")["status"], "n/a");
}

#[test]
fn check_14_bei_with_a_baseline() {
    // a done on time (10-09); b in progress, not done: BEI = 1 / 2 = 0.5. A planned
    // item not done is also a missed task, so check 11 fails with it (1 of 2).
    let now = V1
        .replace(
            "start_no_earlier: 2026-10-05}",
            "start_no_earlier: 2026-10-05, status: done, started: 2026-10-05, finished: 2026-10-09}",
        )
        .replace(
            "depends_on: [a]}",
            "depends_on: [a], status: in_progress, started: 2026-10-12, expected_finish: 2026-10-21}",
        );
    let r = baseline_repo(&now);
    let (code, v) = lint_at(&r, "2026-10-19", &["--baseline", "base"]);
    assert_eq!((code, failing(&v)), (1, vec!["missed_tasks", "bei"]));
    assert_eq!(
        check(&v, "bei"),
        &json!({"id": 14, "name": "bei", "value": 0.5, "threshold": 0.95, "status": "fail", "items": ["b"]})
    );
}

#[test]
fn check_8_uses_the_baseline_duration_with_a_baseline() {
    // The baseline had b at 45 days; now it is planned at 5: with the baseline, 1 of
    // 3 not-done tasks is long; without, none.
    let r = Repo::new();
    r.write("p/milepost.toml", TOML).write(
        "p/plan.yaml",
        &V1.replace(
            "{id: b, owner: ann, duration: 5",
            "{id: b, owner: ann, duration: 45",
        ),
    );
    r.commit("2026-10-05", "baseline");
    r.git(&["tag", "base"]);
    r.write("p/plan.yaml", V1);
    r.commit("2026-10-06", "b replanned");
    let (_, v) = lint_at(&r, "2026-10-05", &["--baseline", "base"]);
    assert_eq!(check(&v, "high_duration")["value"], json!(1.0 / 3.0));
    assert_eq!(check(&v, "high_duration")["items"], json!(["b"]));
    let (code, v) = lint_at(&r, "2026-10-05", &[]);
    assert_eq!(
        (code, &check(&v, "high_duration")["value"]),
        (0, &json!(0.0))
    );
}

#[test]
fn the_example_fails_for_the_reasons_docs_lint_md_gives() {
    let v = common::Milepost::example()
        .args(["--today", "2026-12-14", "lint", "--format", "json"])
        .run()
        .code(1)
        .json();
    assert_eq!(
        failing(&v),
        [
            "leads",
            "lags",
            "relationship_types",
            "negative_float",
            "invalid_dates",
            "critical_path_test"
        ]
    );
    assert_eq!(
        check(&v, "invalid_dates")["items"],
        json!(["tpe1-cage-build"])
    );
    assert_eq!(
        check(&v, "critical_path_test")["items"],
        json!(["dfw1-h200-cabling"])
    );
}

#[test]
fn the_report_has_a_schedule_quality_section_with_the_failing_checks() {
    let out = program(TOML, CLEAN)
        .cmd("2026-10-05")
        .args(["report", "--sections", "quality"])
        .run()
        .success()
        .stdout;
    assert!(
        out.contains("## Schedule quality\n\nAll 14 schedule quality checks pass or do not apply"),
        "{out}"
    );
    let plan = CLEAN.replace("{id: c, owner: ann, ", "{id: c, ");
    let out = program(TOML, &plan)
        .cmd("2026-10-05")
        .args(["report", "--sections", "quality"])
        .run()
        .success()
        .stdout;
    assert!(
        out.contains("| 10 | ownership | 25% | <= 5% | fail | 1 of 4 not-done items |"),
        "{out}"
    );
}

#[test]
fn diff_lists_the_checks_a_change_makes_worse() {
    let r = Repo::new();
    r.write("p/milepost.toml", TOML).write("p/plan.yaml", CLEAN);
    r.commit("2026-10-05", "clean");
    r.git(&["tag", "v1"]);
    r.write(
        "p/plan.yaml",
        &CLEAN.replace("depends_on: [b]", "depends_on: [{id: b, lag: 2}]"),
    );
    let (code, out, err) = r
        .milepost("p")
        .args(["--today", "2026-10-05", "diff", "v1", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["quality"],
        json!([{"id": 3, "name": "lags", "base": 0.0, "head": 1.0 / 3.0, "threshold": 0.05, "status": "fail"}])
    );
    let (_, text, _) = r
        .milepost("p")
        .args(["--today", "2026-10-05", "diff", "v1"])
        .run()
        .parts();
    assert!(
        text.contains("schedule quality worse:\n  3 lags 0 → 0.333 (threshold 0.05, fail)\n"),
        "{text}"
    );
}

#[test]
fn check_12_delays_a_milestone_event_as_an_event() {
    // A kick-off event first: placed by the program start, dated 10-05 (boundary 1);
    // a starts after it. Delayed, the event is dated 600 working days later, and the
    // finish (d at 61, dated day 60) moves exactly 600.
    let plan = CLEAN.replace(
        "{id: a, owner: ann, duration: 20, start_no_earlier: 2026-10-05}",
        "{id: a, owner: ann, duration: 20, depends_on: [0-kickoff]}\n  - {id: 0-kickoff, owner: ann, start_no_earlier: 2026-10-05}",
    );
    let (code, v) = lint(&program(TOML, &plan), "2026-10-05");
    assert_eq!((code, failing(&v)), (0, Vec::<&str>::new()));
    assert_eq!(
        check(&v, "critical_path_test")["items"],
        json!(["0-kickoff"])
    );
    assert_eq!(check(&v, "critical_path_test")["value"], json!(600));
}
