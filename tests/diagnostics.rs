//! Every invalid-input class of SPEC §1: exit status 2 and a diagnostic with
//! file:line:col and a snippet (snapshotted), and nothing on stdout.
mod common;

use common::TestProgram;

const SITES: &str = "sites:\n  - id: dfw1\n  - id: tpe1\nclusters:\n  - {id: c1, site: dfw1}\nvendors:\n  - id: dell\n";

/// (name, program file, the text the diagnostic must contain)
const CASES: &[(&str, &str, &str)] = &[
    (
        "unparsable_yaml",
        "milestones:\n  - id: a\n    name: [unclosed\n",
        "invalid YAML",
    ),
    (
        "unknown_key",
        "milestones:\n  - id: a\n    duraton: 3\n",
        "did you mean `duration`?",
    ),
    (
        "unknown_top_level_key",
        "milestone:\n  - id: a\n",
        "did you mean `milestones`?",
    ),
    (
        "wrong_type",
        "milestones:\n  - id: a\n    duration: three\n",
        "expected an integer",
    ),
    (
        "bad_date",
        "milestones:\n  - id: a\n    due: 2027-02-30\n",
        "not a calendar date",
    ),
    (
        "bad_id",
        "milestones:\n  - id: Rack_Install\n",
        "must match",
    ),
    (
        "duplicate_id",
        "milestones:\n  - id: a\n  - id: a\n",
        "first defined here",
    ),
    (
        "unknown_site",
        "milestones:\n  - {id: a, site: dfw9}\n",
        "unknown site `dfw9`",
    ),
    (
        "unknown_cluster",
        "milestones:\n  - {id: a, cluster: c2}\n",
        "unknown cluster `c2`",
    ),
    (
        "unknown_vendor",
        "milestones:\n  - {id: a, vendor: del}\n",
        "did you mean `dell`?",
    ),
    (
        "unknown_partner",
        "sites:\n  - {id: s9, partner: colo}\n",
        "unknown vendor `colo`",
    ),
    (
        "unknown_region",
        "sites:\n  - {id: s9, region: us}\n",
        "unknown region `us`",
    ),
    (
        "unknown_dependency",
        "milestones:\n  - id: a\n    depends_on: [b]\n",
        "unknown milestone `b`",
    ),
    (
        "unknown_risk_affects",
        "risks:\n  - {id: r, probability: 0.5, affects: [nope]}\n",
        "unknown milestone `nope`",
    ),
    (
        "probability_out_of_range",
        "risks:\n  - {id: r, probability: 1.5}\n",
        "out of range",
    ),
    (
        "unknown_enum_value",
        "milestones:\n  - {id: a, status: finished}\n",
        "unknown value `finished`",
    ),
    (
        "unknown_relation_type",
        "milestones:\n  - {id: a}\n  - id: b\n    depends_on: [{id: a, type: XS}]\n",
        "unknown relation type",
    ),
    (
        "site_contradicts_cluster",
        "milestones:\n  - {id: a, cluster: c1, site: tpe1}\n",
        "contradicts cluster `c1`",
    ),
    (
        "cycle",
        "milestones:\n  - {id: a, depends_on: [c]}\n  - {id: b, depends_on: [a]}\n  - {id: c, depends_on: [b]}\n",
        "dependency cycle: a → b → c → a",
    ),
    (
        "self_dependency",
        "milestones:\n  - {id: a, depends_on: [a]}\n",
        "depends on itself",
    ),
    (
        "in_progress_without_started",
        "milestones:\n  - {id: a, duration: 3, status: in_progress}\n",
        "no `started` date",
    ),
    (
        "done_without_finished",
        "milestones:\n  - {id: a, status: done}\n",
        "no `finished` date",
    ),
    (
        "finished_after_today",
        "milestones:\n  - {id: a, status: done, finished: 2026-12-01}\n",
        "after today",
    ),
    (
        "started_after_today",
        "milestones:\n  - {id: a, duration: 2, status: in_progress, started: 2026-12-01}\n",
        "after today",
    ),
    (
        "started_after_finished",
        "milestones:\n  - {id: a, duration: 2, status: done, started: 2026-11-10, finished: 2026-11-02}\n",
        "is after `finished`",
    ),
    (
        "milestone_in_progress",
        "milestones:\n  - {id: a, status: in_progress, started: 2026-11-02}\n",
        "cannot be in progress",
    ),
    (
        "remaining_not_in_progress",
        "milestones:\n  - {id: a, duration: 3, remaining: 2}\n",
        "is not in progress",
    ),
    (
        "remaining_zero",
        "milestones:\n  - {id: a, duration: 3, status: in_progress, started: 2026-11-02, remaining: 0}\n",
        "leaves no work",
    ),
    (
        "negative_duration",
        "milestones:\n  - {id: a, duration: -2}\n",
        "negative duration",
    ),
    ("not_a_mapping", "- id: a\n", "a program file is a mapping"),
];

#[test]
fn every_invalid_input_class_exits_2_with_a_located_diagnostic() {
    for (name, yaml, needle) in CASES {
        let p = TestProgram::simple()
            .file("a.yaml", SITES)
            .file("b.yaml", yaml);
        let out = p.cmd("2026-11-16").arg("validate").run();
        let stderr = &out.stderr;
        assert_eq!(out.code, 2, "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: stdout should be empty");
        assert!(
            stderr.contains(needle),
            "{name}: expected `{needle}` in:\n{stderr}"
        );
        assert!(
            stderr.contains("╭─[b.yaml:"),
            "{name}: no file:line:col in:\n{stderr}"
        );
        insta::assert_snapshot!(*name, stderr);
    }
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let p = TestProgram::simple().file("a.yaml", SITES).file(
        "b.yaml",
        "milestones:\n  - {id: a, duraton: 1}\n  - {id: b, site: nowhere}\n  - {id: c, depends_on: [zzz]}\n",
    ).file("c.yaml", "risks:\n  - {id: r, probability: 7}\n");
    let out = p.cmd("2026-11-16").arg("status").run();
    let stderr = &out.stderr;
    assert_eq!(out.code, 2);
    for needle in [
        "unknown key `duraton`",
        "unknown site `nowhere`",
        "unknown milestone `zzz`",
        "probability 7 is out of range",
        "4 errors",
    ] {
        assert!(stderr.contains(needle), "missing `{needle}` in:\n{stderr}");
    }
}

#[test]
fn invalid_utf8_names_the_file() {
    let p = TestProgram::simple().file("a.yaml", "");
    std::fs::write(
        p.path().join("bad.yaml"),
        b"milestones:\n  - id: \xff\xfe\n",
    )
    .unwrap();
    let out = p.cmd("2026-11-16").arg("validate").run();
    assert_eq!(out.code, 2);
    let stderr = &out.stderr;
    assert!(stderr.contains("not valid UTF-8: byte 0xFF"), "{stderr}");
    assert!(stderr.contains("╭─[bad.yaml:2:9]"), "{stderr}");
}

#[test]
fn a_bad_milepost_toml_is_located() {
    let p = TestProgram::new(
        "[program]\nname = \"x\"\nstart = 2026-10-05\ntimezone = \"Europe/Lodnon\"\n[calendar]\nworkdays = [\"mon\", \"tues\"]\n",
    );
    let out = p.cmd("2026-11-16").arg("validate").run();
    assert_eq!(out.code, 2);
    let stderr = &out.stderr;
    assert!(stderr.contains("did you mean `Europe/London`?"), "{stderr}");
    assert!(stderr.contains("unknown weekday `tues`"), "{stderr}");
    assert!(stderr.contains("╭─[milepost.toml:4:12]"), "{stderr}");
}

#[test]
fn out_of_sequence_progress_is_a_warning_only() {
    let p = TestProgram::simple().file("a.yaml", "milestones:\n  - {id: a, duration: 2}\n  - {id: b, depends_on: [a], status: done, finished: 2026-11-02}\n");
    let out = p.cmd("2026-11-16").arg("validate").run();
    assert_eq!(out.code, 0);
    let stderr = &out.stderr;
    assert!(
        stderr.contains("`b` is done but its predecessor `a` is not"),
        "{stderr}"
    );
    assert_eq!(
        out.stdout,
        "valid: 0 sites, 0 clusters, 0 vendors, 2 milestones, 0 risks (1 warning)\n"
    );
}
