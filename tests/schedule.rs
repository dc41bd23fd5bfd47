//! Hand-worked schedules (SPEC §2). Every expected date here was worked out on paper
//! from the SPEC rules, not taken from milepost's output. Calendar: October 2026,
//! Monday 10-05 is working day 0; weekends are 10-10/11, 10-17/18, 10-24/25.
mod common;

use common::{TestProgram, dates, exp};
use milepost::analysis::Health;

fn health(plan: &milepost::analysis::Plan, id: &str) -> Health {
    plan.assessments[plan.program.milestone_index(id).unwrap()].health
}

#[test]
fn diamond_with_a_join_milestone() {
    // a(5) -> b(3), a -> c(2), b,c -> d (milestone). P = 8 (b's finish).
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: a, duration: 5}
  - {id: b, duration: 3, depends_on: [a]}
  - {id: c, duration: 2, depends_on: [a]}
  - {id: d, depends_on: [b, c]}
",
        )
        .plan("2026-10-05");
    assert_eq!(
        dates(&p, "a"),
        exp("2026-10-05", "2026-10-09", "2026-10-05", "2026-10-09", 0)
    );
    assert_eq!(
        dates(&p, "b"),
        exp("2026-10-12", "2026-10-14", "2026-10-12", "2026-10-14", 0)
    );
    // c: s = 5, f = 7; LF = LS_d = 8, LS = 6: one day of float.
    assert_eq!(
        dates(&p, "c"),
        exp("2026-10-12", "2026-10-13", "2026-10-13", "2026-10-14", 1)
    );
    // d at boundary 8 is dated working day 7 (Wednesday 10-14), the day b finishes.
    assert_eq!(
        dates(&p, "d"),
        exp("2026-10-14", "2026-10-14", "2026-10-14", "2026-10-14", 0)
    );
    assert_eq!(p.schedule.finish.to_string(), "2026-10-14");
    let path: Vec<&str> = p
        .critical_path()
        .iter()
        .map(|&i| p.program.milestones[i].id.as_str())
        .collect();
    assert_eq!(path, ["a", "b", "d"]);
}

#[test]
fn lags_and_leads() {
    // b starts 2 working days after a finishes; c starts 1 day before a finishes (lead).
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: a, duration: 5}
  - id: b
    duration: 1
    depends_on: [{id: a, lag: 2}]
  - id: c
    duration: 1
    depends_on: [{id: a, type: FS, lag: -1}]
",
        )
        .plan("2026-10-05");
    // a: [0,5). b: s = 5 + 2 = 7 (Wed 10-14). c: s = 4 (Fri 10-09).
    assert_eq!(dates(&p, "b").0, "2026-10-14");
    assert_eq!(dates(&p, "c").0, "2026-10-09");
    // P = 8; c: LF = 8, LS = 7, TF = 3.
    assert_eq!(
        dates(&p, "c"),
        exp("2026-10-09", "2026-10-09", "2026-10-14", "2026-10-14", 3)
    );
}

#[test]
fn start_to_start_finish_to_finish_and_start_to_finish() {
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: a, duration: 10}
  - id: ss
    duration: 4
    depends_on: [{id: a, type: ss, lag: 3}]
  - id: ff
    duration: 4
    depends_on: [{id: a, type: FF, lag: 2}]
  - id: sf
    duration: 3
    depends_on: [{id: a, type: SF, lag: 5}]
",
        )
        .plan("2026-10-05");
    // a: [0,10) = 10-05..10-16. ss: s = 0 + 3 = 3 (Thu 10-08), f = 7 (Tue 10-13).
    assert_eq!(
        (dates(&p, "ss").0, dates(&p, "ss").1),
        ("2026-10-08".into(), "2026-10-13".into())
    );
    // ff: f >= 10 + 2 = 12 -> s = 8 (Fri 10-15), finish day 11 (Tue 10-20). P = 12.
    assert_eq!(
        dates(&p, "ff"),
        exp("2026-10-15", "2026-10-20", "2026-10-15", "2026-10-20", 0)
    );
    // sf: f >= 0 + 5 = 5 -> s = 2 (Wed 10-07), f = 5 (finish Fri 10-09). LF = 12, LS = 9.
    assert_eq!(
        dates(&p, "sf"),
        exp("2026-10-07", "2026-10-09", "2026-10-16", "2026-10-20", 7)
    );
    // a is bounded by ff (FF: LF_a <= LF_ff - 2 = 10), so it is critical.
    assert_eq!(dates(&p, "a").4, Some(0));
}

#[test]
fn a_due_date_produces_negative_float_and_slip() {
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: a, duration: 5}
  - {id: b, duration: 5, depends_on: [a], due: 2026-10-14}
  - {id: c, duration: 1}
",
        )
        .plan("2026-10-05");
    // b: [5,10) finishes Fri 10-16; due bound = last(10-14) + 1 = 8: TF = 3 - 5 = -2.
    assert_eq!(
        dates(&p, "b"),
        exp("2026-10-12", "2026-10-16", "2026-10-08", "2026-10-14", -2)
    );
    assert_eq!(dates(&p, "a").4, Some(-2));
    let b = p.program.milestone_index("b").unwrap();
    assert_eq!(p.assessments[b].slip, 2);
    assert_eq!(health(&p, "b"), Health::Slipping);
    // c has all the float to the program finish (P = 10): LS = 9, TF = 9.
    assert_eq!(dates(&p, "c").4, Some(9));
    assert_eq!(health(&p, "c"), Health::OnTrack);
}

#[test]
fn progress_and_the_data_date() {
    // Today is Wednesday 10-14 (working day 7).
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: done, duration: 3, status: done, started: 2026-10-05, finished: 2026-10-08}
  - {id: wip, duration: 5, status: in_progress, started: 2026-10-09, depends_on: [done]}
  - {id: wip2, duration: 5, status: in_progress, started: 2026-10-13, remaining: 6, as_of: 2026-10-14}
  - {id: next, duration: 2, depends_on: [wip]}
  - {id: free, duration: 1}
  - {id: late, duration: 1, due: 2026-10-13}
  - {id: gate, depends_on: [done]}
",
        )
        .plan("2026-10-14");
    // done: f = last(10-08) + 1 = 4; the actual dates are shown.
    let (s, f, ls, lf, tf) = dates(&p, "done");
    assert_eq!(
        (s.as_str(), f.as_str(), ls, lf, tf),
        ("2026-10-05", "2026-10-08", None, None, None)
    );
    // wip: s = 4 (10-09), t = 7; no forecast recorded: f_rec = s + d = 9 (finish Thu
    // 10-15), not stale (9 > 7); f = max(9, t + 1) = 9.
    let wip = dates(&p, "wip");
    assert_eq!(
        (wip.0.as_str(), wip.1.as_str(), &wip.2),
        ("2026-10-09", "2026-10-15", &None)
    );
    // wip2: f = first_on_or_after(as_of 10-14) + 6 = 7 + 6 = 13 (finish Wed 10-21) = P.
    assert_eq!(dates(&p, "wip2").1, "2026-10-21");
    // next: FS from wip: s = 9 (Fri 10-16), f = 11 (finish Mon 10-19). LF = 13, LS = 11: TF = 2.
    assert_eq!(
        dates(&p, "next"),
        exp("2026-10-16", "2026-10-19", "2026-10-20", "2026-10-21", 2)
    );
    // wip: LF = LS_next = 11; TF = LF - f = 2.
    assert_eq!(dates(&p, "wip").4, Some(2));
    // free (not started, no predecessor) cannot start before today.
    assert_eq!(dates(&p, "free").0, "2026-10-14");
    // gate: a milestone after a done item still cannot be before today: dated today.
    assert_eq!(dates(&p, "gate").0, "2026-10-14");
    // late: due yesterday and not done.
    assert_eq!(health(&p, "late"), Health::Overdue);
    assert_eq!(health(&p, "done"), Health::Done);
}

#[test]
fn a_milestone_placed_only_by_the_program_start() {
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: kickoff}
  - {id: work, duration: 2, depends_on: [kickoff]}
",
        )
        .plan("2026-10-01");
    // kickoff is dated the start day; its successor starts the next working day.
    assert_eq!(dates(&p, "kickoff").0, "2026-10-05");
    assert_eq!(dates(&p, "work").0, "2026-10-06");
}

#[test]
fn start_no_earlier_on_a_weekend() {
    let p = TestProgram::simple()
        .file(
            "m.yaml",
            "milestones:
  - {id: t, duration: 1, start_no_earlier: 2026-10-10}
  - {id: m, start_no_earlier: 2026-10-10}
",
        )
        .plan("2026-10-05");
    // Not before Saturday: the task starts Monday 10-12; the milestone is dated Monday.
    assert_eq!(dates(&p, "t").0, "2026-10-12");
    assert_eq!(dates(&p, "m").0, "2026-10-12");
}

#[test]
fn two_calendars_across_a_regional_holiday() {
    // tw has a holiday on Tuesday 10-13. The US task a finishes Monday 10-12; its tw
    // successor b starts the next tw working day after that instant: Wednesday 10-14.
    let p = TestProgram::new("[program]\nname = \"x\"\nstart = 2026-10-05\n[calendar.regions.tw]\nholidays = [2026-10-13]\n")
        .file("s.yaml", "sites:
  - {id: us1}
  - {id: tw1, region: tw}
milestones:
  - {id: a, site: us1, duration: 6}
  - {id: b, site: tw1, duration: 2, depends_on: [a]}
  - {id: c, site: us1, duration: 1, depends_on: [b]}
").plan("2026-10-05");
    // a: US [0,6) = 10-05..10-12. b: tw s = first tw day after 10-12 = 10-14, 2 days -> 10-15.
    assert_eq!(
        (dates(&p, "b").0, dates(&p, "b").1),
        ("2026-10-14".into(), "2026-10-15".into())
    );
    // c: US start after tw's 10-15 -> Friday 10-16.
    assert_eq!(dates(&p, "c").0, "2026-10-16");
    // Backward: b and c are critical across both calendars.
    for id in ["b", "c"] {
        assert_eq!(dates(&p, id).4, Some(0), "{id}");
    }
    // a may finish as late as Tuesday 10-13 (a US working day): b cannot start on the
    // tw holiday anyway, so that day is float for a.
    assert_eq!(dates(&p, "a").3.as_deref(), Some("2026-10-13"));
    assert_eq!(dates(&p, "a").4, Some(1));
}

#[test]
fn cluster_forecast_against_ready_by() {
    let p = TestProgram::simple()
        .file(
            "c.yaml",
            "sites: [{id: s1}]
clusters:
  - {id: c1, site: s1, gpus: 8, ready_by: 2026-10-08}
milestones:
  - {id: a, cluster: c1, duration: 5}
",
        )
        .plan("2026-10-05");
    let f = milepost::analysis::clusters::forecast(&p);
    assert_eq!(
        f[0].forecast_ready.map(|d| d.to_string()).as_deref(),
        Some("2026-10-09")
    );
    assert_eq!(f[0].slip, 1);
    assert_eq!(f[0].health, Some(Health::Slipping));
}
