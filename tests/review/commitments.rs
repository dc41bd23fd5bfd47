//! `diff` leads with the commitments a change affects, and the slip gate counts a
//! commitment the change makes missed — not every item that moves later — grouped,
//! worst first, naming the policy that failed.
use crate::fixture::{PLAN, Remote, milepost_in, week50_plan};

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn the_pull_request_comment_opens_with_the_commitments_now_missed() {
    let remote = Remote::with_pushed_branch();
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["diff", "--format", "markdown"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines().filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("<!-- milepost:diff -->"));
    assert_eq!(lines.next(), Some("### milepost: schedule impact"));
    assert_eq!(
        lines.next(),
        Some(
            "**❌ 2 commitments now missed: `due install` (by 5 working days), `ready_by a` (by 5 working days)**"
        ),
        "{out}"
    );
    assert!(
        out.contains("| 🔴 | `due install` | now missed | 2026-10-23 | 2026-10-20 → 2026-10-30 | 3 to spare → 5 late | `deliver` +8 |"),
        "{out}"
    );
    // Commitments first, then the program finish, then the items.
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} in {out}"));
    assert!(at("`ready_by a`") < at("program finish") && at("program finish") < at("| item |"));
}

#[test]
fn the_json_lists_each_commitment_with_its_verdict_days_and_drivers() {
    let remote = Remote::with_pushed_branch();
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["diff", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let commitments = v["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 2, "{out}");
    let install = &commitments[0];
    assert_eq!(install["kind"], "due");
    assert_eq!(install["id"], "install");
    assert_eq!(install["verdict"], "now_missed");
    assert_eq!(install["date"]["head"], "2026-10-23");
    assert_eq!(install["forecast"]["base"], "2026-10-20");
    assert_eq!(install["forecast"]["head"], "2026-10-30");
    assert_eq!(install["late"]["base"], -3);
    assert_eq!(install["late"]["head"], 5);
    assert_eq!(
        install["drivers"],
        serde_json::json!([{"id": "deliver", "delta": 8}])
    );
    assert_eq!(commitments[1]["kind"], "ready_by");
    assert_eq!(commitments[1]["verdict"], "now_missed");
    // finish_by 2026-12-31 is still met: not listed.
    assert!(!commitments.iter().any(|c| c["kind"] == "finish_by"));
}

#[test]
fn the_slip_gate_reports_the_commitments_then_their_drivers_and_names_its_policy() {
    let remote = Remote::with_pushed_branch();
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["check", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].contains("plan.yaml:4:"), "{out}");
    assert!(
        lines[0].contains("slip: `install` Installed: due 2026-10-23 now missed by 5 working days: forecast 2026-10-30 (was 2026-10-20 at origin/main, 3 to spare); driven by deliver (+8)"),
        "{out}"
    );
    assert!(
        lines[1].contains("slip: `deliver` Racks delivered: finish +8 working days, which misses due install, ready_by a;"),
        "{out}"
    );
    assert!(lines[2].contains("sites.yaml:4:"), "{out}");
    assert!(
        lines[2].contains("slip: `a` cluster: ready_by 2026-10-23 now missed by 5"),
        "{out}"
    );
    assert_eq!(
        lines[3],
        "check failed: 3 violations of --fail-on-slip (against origin/main) as of 2026-10-05"
    );
    // In GitHub Actions the first annotation is the commitment's own line.
    let (_, out, _) = milepost_in(remote.work.path())
        .args(["check", "--fail-on-slip", "--format", "github"])
        .run()
        .parts();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=program/plan.yaml,line=4,"),
        "{out}"
    );
}

#[test]
fn an_item_that_moves_later_but_meets_every_commitment_is_not_a_slip() {
    let remote = Remote::with_pushed_branch();
    // Paperwork takes 14 days instead of 2 and finishes 2026-10-22: the program finish
    // moves later, yet every commitment is still met (ready_by a with a day to spare,
    // finish_by 2026-12-31).
    remote.work.write(
        "program/plan.yaml",
        &PLAN.replace("duration: 2, owner: di", "duration: 14, owner: di"),
    );
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["check", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("no commitment slipped against origin/main"),
        "{out}"
    );
    let (code, out, _) = milepost_in(remote.work.path())
        .args(["diff", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("commitments: No commitment newly missed"),
        "{out}"
    );
}

#[test]
fn a_due_moved_later_is_listed_as_edited_beside_the_commitment_it_still_misses() {
    let remote = Remote::with_pushed_branch();
    remote.work.write(
        "program/plan.yaml",
        &week50_plan().replace("due: 2026-10-23", "due: 2026-11-13"),
    );
    let (_, out, _) = milepost_in(remote.work.path())
        .args(["diff", "--format", "json"])
        .run()
        .parts();
    let v = json(&out);
    let verdicts: Vec<(String, String)> = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().into(),
                c["verdict"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("a".to_string(), "now_missed".to_string()),
            ("install".to_string(), "date_edited".to_string())
        ]
    );
}

#[test]
fn check_groups_violations_by_the_commitment_they_threaten_worst_first() {
    let remote = Remote::with_pushed_branch();
    // A second cluster, missed by 1 working day; its item sorts first by id.
    remote.work.write(
        "program/sites.yaml",
        "sites:\n  - {id: dfw1}\nclusters:\n  - {id: a, site: dfw1, gpus: 8, ready_by: 2026-10-23}\n  - {id: b, site: dfw1, gpus: 8, ready_by: 2026-10-15}\n",
    );
    remote.work.write(
        "program/plan.yaml",
        &(week50_plan() + "  - {id: b1, name: B racked, cluster: b, duration: 10}\n"),
    );
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["check", "--fail-on", "slipping", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 1, "{err}");
    let v = json(&out);
    let rows: Vec<(String, String)> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().into(),
                r["commitment"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // install's own due: it leads the group; then by float, then by start.
            ("install".to_string(), "due install".to_string()),
            ("po".to_string(), "due install".to_string()),
            ("deliver".to_string(), "due install".to_string()),
            ("b1".to_string(), "ready_by b".to_string()),
        ],
        "{out}"
    );
}

#[test]
fn github_annotates_the_missed_commitment_line_before_the_items_that_threaten_it() {
    let remote = Remote::with_pushed_branch();
    // Without install's due, the items threaten the cluster's ready_by alone.
    remote.work.write(
        "program/plan.yaml",
        &week50_plan().replace(", due: 2026-10-23", ""),
    );
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["check", "--fail-on", "slipping", "--format", "github"])
        .run()
        .parts();
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("::error file=program/sites.yaml,line=4,")
            && lines[0].contains("title=commitment%3A a::ready_by a — ready_by 2026-10-23 missed by 5 working days: forecast 2026-10-30; 3 violations threaten it"),
        "{out}"
    );
    assert!(lines[1].contains("title=slipping%3A"), "{out}");
    // Not a violation itself: the closing line counts the items.
    assert!(
        out.contains("check failed: 3 violations of fail_on = [slipping]"),
        "{out}"
    );
}

#[test]
fn in_a_group_the_item_whose_due_it_is_comes_first() {
    let remote = Remote::with_pushed_branch();
    let (_, out, _) = milepost_in(remote.work.path())
        .args(["check", "--fail-on", "slipping", "--format", "github"])
        .run()
        .parts();
    let first = out.lines().next().unwrap();
    assert!(first.contains("title=slipping%3A install::"), "{out}");
}

#[test]
fn a_commitment_met_by_moving_its_date_says_the_date_was_edited() {
    let remote = Remote::with_pushed_branch();
    remote.work.git(&["checkout", "-q", "main"]);
    // At the base the delivery is already late; the change moves the due past it.
    remote.work.write("program/plan.yaml", &week50_plan());
    remote.work.commit("2026-10-06", "Delivery late on main");
    remote.work.write(
        "program/plan.yaml",
        &week50_plan().replace("due: 2026-10-23", "due: 2026-11-06"),
    );
    let (_, out, _) = milepost_in(remote.work.path())
        .args(["diff", "HEAD", "--format", "markdown"])
        .run()
        .parts();
    assert!(
        out.contains("| 🟢 | `due install` | now met, date edited | 2026-10-23 → **2026-11-06** |"),
        "{out}"
    );
}
