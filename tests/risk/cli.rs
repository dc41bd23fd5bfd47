//! The command: JSON shape, determinism across thread counts, filters, located errors.
use super::common::{Milepost, TestProgram};

fn example_risk(threads: &str) -> String {
    Milepost::example()
        .today("2026-12-14")
        .env("RAYON_NUM_THREADS", threads)
        .args(["risk", "--format", "json", "--iterations", "3000"])
        .run()
        .success()
        .parts()
        .1
}

#[test]
fn the_same_seed_gives_byte_identical_json_on_1_2_and_8_threads() {
    let one = example_risk("1");
    assert_eq!(one, example_risk("2"));
    assert_eq!(one, example_risk("8"));
}

#[test]
fn json_has_the_shape_of_spec_5() {
    let json = Milepost::example()
        .today("2026-12-14")
        .args([
            "risk",
            "--format",
            "json",
            "--iterations",
            "500",
            "--seed",
            "9",
        ])
        .run()
        .success()
        .json();
    assert_eq!(json["iterations"], 500);
    assert_eq!(json["seed"], 9);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&json),
        [
            "iterations",
            "seed",
            "distribution",
            "program",
            "commitments",
            "items",
            "risks"
        ]
    );
    assert_eq!(
        keys(&json["program"]),
        [
            "deterministic",
            "p10",
            "p50",
            "p80",
            "p90",
            "finish_by",
            "probability",
            "probability_se"
        ]
    );
    let c = &json["commitments"][0];
    assert_eq!(
        keys(c),
        [
            "kind",
            "id",
            "date",
            "deterministic",
            "p10",
            "p50",
            "p80",
            "p90",
            "probability",
            "probability_se"
        ]
    );
    let risks = json["risks"].as_array().unwrap();
    let shifts: Vec<i64> = risks
        .iter()
        .map(|r| r["p80_shift"].as_i64().unwrap())
        .collect();
    assert!(shifts.windows(2).all(|w| w[0] >= w[1]), "{shifts:?}");
    // finish_by is set: each risk's shifts end with it.
    let last = risks[0]["probability_shifts"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["kind"].as_str(), last["id"].is_null()),
        (Some("finish_by"), true)
    );
}

#[test]
fn filters_narrow_what_is_shown_not_what_is_simulated() {
    let run = |extra: &[&str]| {
        Milepost::example()
            .today("2026-12-14")
            .args(["risk", "--format", "json", "--iterations", "500"])
            .args(extra)
            .run()
            .success()
            .json()
    };
    let all = run(&[]);
    let one = run(&["--cluster", "dfw1-h200"]);
    assert_eq!(all["program"], one["program"]);
    let ids: Vec<&str> = one["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"dfw1-h200") && !ids.contains(&"dfw1-gb200"),
        "{ids:?}"
    );
    for c in one["commitments"].as_array().unwrap() {
        let same = all["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == c["id"]);
        assert_eq!(Some(c), same);
    }
}

#[test]
fn the_table_shows_every_commitment() {
    let out = Milepost::example()
        .today("2026-12-14")
        .args(["risk", "--iterations", "500"])
        .run()
        .success()
        .parts()
        .1;
    assert!(out.contains("ready_by dfw1-h200"), "{out}");
    assert!(out.contains("program finish"), "{out}");
}

#[test]
fn risk_settings_errors_are_located() {
    let p = TestProgram::new(
        "[program]\nstart = 2026-10-05\n[risk]\niterations = 0\ndistribution = \"normal\"\n[risk.ranges]\ndelivry = [0.9, 1.5]\nfacility = [1.1, 1.5]\n",
    );
    let (code, _, err) = p.cmd("2026-10-05").arg("validate").run().parts();
    assert_eq!(code, 2, "{err}");
    for needle in [
        "milepost.toml:4:14",
        "iterations 0 is out of range",
        "milepost.toml:5:16",
        "unknown distribution `normal`",
        "milepost.toml:7:1",
        "delivry",
        "milepost.toml:8:12",
        "[1.1, 1.5] is out of bounds",
        "did you mean `delivery`?",
    ] {
        assert!(err.contains(needle), "no `{needle}` in:\n{err}");
    }
}

#[test]
fn duration_range_errors_are_located() {
    let p = TestProgram::simple().file(
        "m.yaml",
        "milestones:\n  - {id: a, duration: 10, duration_range: [12, 20]}\n  - {id: b, duration_range: [1, 2]}\n  - {id: c, duration: 3, duration_range: [1]}\n",
    );
    let (code, _, err) = p.cmd("2026-10-05").arg("validate").run().parts();
    assert_eq!(code, 2, "{err}");
    for needle in [
        "m.yaml:2:",
        "duration_range [12, 20] does not contain the duration 10",
        "m.yaml:3:",
        "milestone event",
        "m.yaml:4:",
        "duration_range has 1 values",
    ] {
        assert!(err.contains(needle), "no `{needle}` in:\n{err}");
    }
}

#[test]
fn check_fails_on_confidence_below_min_probability() {
    let p = TestProgram::new("[program]\nstart = 2026-10-05\n[policy]\nmin_probability = 0.8\n")
        .file(
            "m.yaml",
            "milestones:
  - {id: a, duration: 5, due: 2026-10-09}
  - {id: b, duration: 5, due: 2026-10-30}
risks:
  - {id: r, probability: 0.3, impact_days: 2, affects: [a, b]}
",
        );
    // a makes its due only when r does not happen: 70%, below 80%; b has 3 weeks' float.
    let (code, out, _) = p
        .cmd("2026-10-05")
        .args(["check", "--fail-on", "confidence"])
        .run()
        .parts();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("m.yaml:2:5: confidence: `a`"), "{out}");
    assert!(
        out.contains("due 2026-10-09: probability 70% (below 80%)"),
        "{out}"
    );
    assert!(!out.contains("`b`"), "{out}");
    let ok = TestProgram::new("[program]\nstart = 2026-10-05\n[policy]\nmin_probability = 0.6\nfail_on = [\"confidence\"]\n")
        .file("m.yaml", "milestones:\n  - {id: a, duration: 5, due: 2026-10-09}\nrisks:\n  - {id: r, probability: 0.3, impact_days: 2, affects: [a]}\n");
    ok.cmd("2026-10-05").arg("check").run().success();
}

#[test]
fn min_probability_out_of_range_is_located() {
    let p = TestProgram::new("[program]\nstart = 2026-10-05\n[policy]\nmin_probability = 1.5\n");
    let (code, _, err) = p.cmd("2026-10-05").arg("validate").run().parts();
    assert_eq!(code, 2);
    assert!(
        err.contains("milepost.toml:4:19") && err.contains("min_probability 1.5"),
        "{err}"
    );
}

/// `diff --risk`: the base has a risk on `a` that the head mitigated; both sides use the
/// head's seed, so the head's probability is exactly 1 and the base's about 1 - p.
#[test]
fn diff_risk_shows_p80_and_probability_at_base_and_head() {
    let r = super::common::repo::Repo::new();
    let toml = "[program]\nstart = 2026-10-05\n[risk]\niterations = 4000\n";
    let open = "milestones:\n  - {id: a, duration: 5, due: 2026-10-09}\nrisks:\n  - {id: r, probability: 0.3, impact_days: 2, affects: [a]}\n";
    r.write("program/milepost.toml", toml)
        .write("program/m.yaml", open);
    r.commit("2026-10-01", "v1");
    r.git(&["tag", "v1"]);
    r.write(
        "program/m.yaml",
        &open.replace("affects: [a]}", "affects: [a], status: mitigated}"),
    );
    r.commit("2026-10-02", "v2");
    r.git(&["tag", "v2"]);
    let out = r
        .milepost("program")
        .args([
            "--today",
            "2026-10-05",
            "diff",
            "v1",
            "v2",
            "--risk",
            "--format",
            "json",
        ])
        .run()
        .success()
        .json();
    let a = &out["risk"]["commitments"][0];
    assert_eq!(
        (a["kind"].as_str(), a["id"].as_str()),
        (Some("due"), Some("a"))
    );
    assert_eq!(a["head"]["probability"], 1.0);
    let base = a["base"]["probability"].as_f64().unwrap();
    assert!(
        (base - 0.7).abs() < 4.0 * (0.21f64 / 4000.0).sqrt(),
        "{base}"
    );
    assert_eq!(
        (a["base"]["p80"].as_str(), a["head"]["p80"].as_str()),
        (Some("2026-10-13"), Some("2026-10-09"))
    );
    let table = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "v1", "v2", "--risk"])
        .run()
        .success()
        .parts()
        .1;
    assert!(table.contains("due a") && table.contains("100%"), "{table}");
    r.milepost("program")
        .args(["--today", "2026-10-05", "diff", "v1", "v2", "--risk"])
        .args(["--comment-file", "comment.md"])
        .run()
        .success();
    let comment = std::fs::read_to_string(r.path().join("program/comment.md"))
        .or_else(|_| std::fs::read_to_string(r.path().join("comment.md")))
        .unwrap();
    assert!(
        comment.contains("| due a | 2026-10-13 | 2026-10-09 |"),
        "{comment}"
    );
}

/// `kpi`: a commitment counts at ≥ P80 when its probability is at least 80 %.
#[test]
fn kpi_counts_commitments_at_p80() {
    let p = TestProgram::simple().file(
        "m.yaml",
        "milestones:
  - {id: a, duration: 5, due: 2026-10-09}
  - {id: b, duration: 5, due: 2026-10-30}
risks:
  - {id: r, probability: 0.3, impact_days: 2, affects: [a, b]}
",
    );
    let json = p
        .cmd("2026-10-05")
        .args(["kpi", "--format", "json"])
        .run()
        .success()
        .json();
    let c = &json["confidence"];
    assert_eq!(
        (c["commitments"].as_u64(), c["at_p80"].as_u64()),
        (Some(2), Some(1)),
        "{c}"
    );
    assert_eq!(c["share"], 0.5);
}

/// A program with no milestones: every date is the program start (as in `status`), and
/// the commands that simulate do not fail.
#[test]
fn a_program_without_milestones() {
    let p = TestProgram::simple();
    let json = p
        .cmd("2026-10-05")
        .args(["risk", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(
        (
            json["program"]["p10"].as_str(),
            json["program"]["p90"].as_str()
        ),
        (Some("2026-10-05"), Some("2026-10-05"))
    );
    assert_eq!(json["commitments"], serde_json::json!([]));
    p.cmd("2026-10-05").arg("kpi").run().success();
    p.cmd("2026-10-05")
        .args(["check", "--fail-on", "confidence"])
        .run()
        .success();
}

/// A risk that always happens with a large impact still gives dates (no overflow).
#[test]
fn extreme_inputs_stay_in_range() {
    let p = TestProgram::simple().file(
        "m.yaml",
        "milestones:\n  - {id: a, duration: 5, duration_range: [0, 5000], due: 2026-10-09}\nrisks:\n  - {id: r, probability: 1, impact_days: 100000, affects: [a]}\n",
    );
    let json = p
        .cmd("2026-10-05")
        .args(["risk", "--format", "json", "--iterations", "200"])
        .run()
        .success()
        .json();
    assert_eq!(json["commitments"][0]["probability"], 0.0);
    // Without the risk, a lasts at most 5 days only in a few iterations (the range is
    // skewed far right): the shift is small and negative.
    let shift = json["risks"][0]["probability_shifts"][0]["shift"]
        .as_f64()
        .unwrap();
    assert!((-0.05..0.0).contains(&shift), "{shift}");
    // 100,000 working days is some 380 years.
    assert!(json["program"]["p10"].as_str().unwrap() > "2380", "{json}");
}
