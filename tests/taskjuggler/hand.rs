//! Hand-worked cases of the TaskJuggler cross-check: literal dates derived by hand from
//! SPEC §2, checked against the in-test SPEC model, tj3 (if installed) and milepost.

use super::*;

struct Hand {
    id: &'static str,
    duration: u32,
    deps: &'static [(&'static str, Rel, u32)],
    start: &'static str,
    finish: &'static str,
    /// `calendar: elapsed`
    elapsed: bool,
}

impl Hand {
    /// The same row on the `elapsed` calendar.
    const fn elapsed(self) -> Hand {
        Hand {
            elapsed: true,
            ..self
        }
    }
}

const fn h(
    id: &'static str,
    duration: u32,
    deps: &'static [(&'static str, Rel, u32)],
    start: &'static str,
    finish: &'static str,
) -> Hand {
    Hand {
        id,
        duration,
        deps,
        start,
        finish,
        elapsed: false,
    }
}

/// Checks the literal dates against the in-test SPEC model, tj3 (if installed) and
/// milepost.
fn check_hand(name: &str, start: &str, holidays: &[&str], rows: &[Hand]) {
    let ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    let items: Vec<Item> = rows
        .iter()
        .map(|r| Item {
            id: r.id.to_string(),
            duration: r.duration,
            deps: r
                .deps
                .iter()
                .map(|(id, rel, lag)| Dep {
                    pred: ids.iter().position(|x| x == id).expect("earlier id"),
                    rel: *rel,
                    lag: *lag,
                    form: 3,
                })
                .collect(),
            file: 0,
            place: None,
            explicit_zero: true,
            elapsed: r.elapsed,
        })
        .collect();
    let p = Program {
        name: name.to_string(),
        start: ymd(start),
        holidays: holidays.iter().map(|s| ymd(s)).collect(),
        items,
        files: vec!["plan.yaml".to_string()],
        with_sites: false,
    };
    let expected: Vec<(NaiveDate, NaiveDate)> =
        rows.iter().map(|r| (ymd(r.start), ymd(r.finish))).collect();
    let model = model_dates(&p);
    if let Some(m) = diff(&p, "by hand", &expected, "SPEC model", &model, None) {
        panic!("{m}");
    }
    if tj3_available() {
        let tj3 = run_tj3(&p, tj3_end(&p, &model));
        if let Some(m) = diff(&p, "by hand", &expected, "tj3", &tj3, Some(&model)) {
            panic!("{m}");
        }
    } else {
        skip_tj3();
    }
    let mp = run_milepost(&p);
    if let Some(m) = diff(&p, "by hand", &expected, "milepost", &mp, Some(&model)) {
        panic!("{m}");
    }
}

use Rel::{Fs, Ss};

/// Working days from Mon 2026-10-05, with Wed 10-14 a holiday:
/// day 0 Mon 10-05, 1 Tue 06, 2 Wed 07, 3 Thu 08, 4 Fri 09, 5 Mon 12, 6 Tue 13,
/// 7 Thu 15, 8 Fri 16, 9 Mon 19.
#[test]
fn hand_chain_with_holiday() {
    check_hand(
        "chain with a holiday",
        "2026-10-05",
        &["2026-10-14"],
        &[
            // boundaries [0, 3): days 0..2
            h("a", 3, &[], "2026-10-05", "2026-10-07"),
            // s = f_a + 2 = 5, f = 7: days 5..6
            h("b", 2, &[("a", Fs, 2)], "2026-10-12", "2026-10-13"),
            // milestone at boundary f_b = 7, dated day 6 (tj3: Tue 17:00)
            h("m", 0, &[("b", Fs, 0)], "2026-10-13", "2026-10-13"),
            // s = 7 (tj3: starts Tue 17:00 -> next working day, skipping Wed's holiday)
            h("c", 2, &[("m", Fs, 0)], "2026-10-15", "2026-10-16"),
            // s = f_c = 9
            h("d", 1, &[("c", Fs, 0)], "2026-10-19", "2026-10-19"),
            // FS lag 1 from a milestone: s = 7 + 1 = 8
            h("e", 1, &[("m", Fs, 1)], "2026-10-16", "2026-10-16"),
        ],
    );
}

/// Working days from Mon 2026-10-05, no holidays: 0 Mon 05 .. 4 Fri 09, 5 Mon 12, 6 Tue 13.
#[test]
fn hand_start_to_start() {
    check_hand(
        "start-to-start",
        "2026-10-05",
        &[],
        &[
            h("a", 5, &[], "2026-10-05", "2026-10-09"),
            // SS lag 2: s = s_a + 2 = 2, f = 6: days 2..5
            h("b", 4, &[("a", Ss, 2)], "2026-10-07", "2026-10-12"),
            // max(SS b +0 = 2, FS a +1 = 6) = 6
            h(
                "c",
                1,
                &[("b", Ss, 0), ("a", Fs, 1)],
                "2026-10-13",
                "2026-10-13",
            ),
            // milestone SS b +3: boundary 5, dated day 4
            h("m", 0, &[("b", Ss, 3)], "2026-10-09", "2026-10-09"),
            // SS lag 0 from a milestone: s = 5 (tj3: Fri 17:00 -> Mon)
            h("f", 1, &[("m", Ss, 0)], "2026-10-12", "2026-10-12"),
        ],
    );
}

/// SPEC's program-start bound for milestones: a milestone is at boundary >= 1 (dated day 0
/// at the earliest) and its successors start on day 1, even when its only relation would
/// allow boundary 0. Raw tj3 would put `m` at START 00:00 and `e` on day 0; the `floor`
/// task in the .tjp encodes the SPEC rule. Also: a Saturday start whose Monday is a
/// holiday, so day 0 is Tue 2026-10-06 (1 Wed 07, 2 Thu 08, 3 Fri 09, 4 Mon 12, ...).
#[test]
fn hand_milestone_floor_at_program_start() {
    check_hand(
        "milestone at the program start",
        "2026-10-03",
        &["2026-10-05"],
        &[
            // 15 working days: Tue 10-06 .. Mon 10-26
            h("a", 15, &[], "2026-10-06", "2026-10-26"),
            // SS a +0 gives boundary 0, the program-start bound gives 1: dated day 0
            h("m", 0, &[("a", Ss, 0)], "2026-10-06", "2026-10-06"),
            // s = boundary of m = 1
            h("e", 1, &[("m", Fs, 0)], "2026-10-07", "2026-10-07"),
            // SS a +3: s = 3
            h("f", 1, &[("a", Ss, 3)], "2026-10-09", "2026-10-09"),
            // SS f +0: s = 3, f = 5
            h("g", 2, &[("f", Ss, 0)], "2026-10-09", "2026-10-12"),
            // milestone after a: boundary 15, dated day 14
            h("z", 0, &[("a", Fs, 0)], "2026-10-26", "2026-10-26"),
            // FS z +1: s = 16 = Wed 10-28 (day 15 is Tue 10-27)
            h("k", 1, &[("z", Fs, 1)], "2026-10-28", "2026-10-28"),
        ],
    );
}

/// SPEC §2 across the program calendar and `elapsed` (every day works: freight that sails
/// weekends and holidays). Program calendar from Mon 2026-10-05 with Mon 10-12 a holiday:
/// 0 Mon 05 .. 4 Fri 09, 5 Tue 13, 6 Wed 14, 7 Thu 15, 8 Fri 16, 9 Mon 19, 10 Tue 20.
/// Elapsed: day k is 10-05 + k (5 Sat 10, 9 Wed 14, 10 Thu 15, 12 Sat 17).
#[test]
fn hand_elapsed_freight_across_a_weekend_and_a_holiday() {
    check_hand(
        "elapsed freight",
        "2026-10-05",
        &["2026-10-12"],
        &[
            h("a", 5, &[], "2026-10-05", "2026-10-09"),
            // FS a: first elapsed day after Fri 09 is Sat 10 (5); sails Sat..Tue, the
            // weekend and Monday's holiday included (f = 9)
            h("ship", 4, &[("a", Fs, 0)], "2026-10-10", "2026-10-13").elapsed(),
            // FS ship: first program working day after Tue 13 is Wed 14 (6)
            h("dock", 1, &[("ship", Fs, 0)], "2026-10-14", "2026-10-14"),
            // elapsed milestone at boundary 9, dated elapsed day 8 (Tue 13)
            h("landed", 0, &[("ship", Fs, 0)], "2026-10-13", "2026-10-13").elapsed(),
            // FS dock lag 2, the lag in elapsed days: Thu 15 (10) + 2 = 12 (Sat 17)
            h("cure", 2, &[("dock", Fs, 2)], "2026-10-17", "2026-10-18").elapsed(),
            // SS cure lag 1, the lag in working days: first working day on/after Sat 17
            // is Mon 19 (9), + 1 = 10 (Tue 20)
            h("test", 1, &[("cure", Ss, 1)], "2026-10-20", "2026-10-20"),
            // SS ship lag 1 within elapsed: 5 + 1 = 6 (Sun 11)
            h("k", 1, &[("ship", Ss, 1)], "2026-10-11", "2026-10-11").elapsed(),
            // SS from an event carries like its finish: first working day after Tue 13
            h("w", 1, &[("landed", Ss, 0)], "2026-10-14", "2026-10-14"),
        ],
    );
}

/// A Saturday start: elapsed day 0 is the Saturday itself, the program calendar's day 0
/// the Monday. An elapsed milestone placed only by the program start is dated the start
/// day (Sat 10-03); a program-calendar one the first working day (Mon 10-05).
#[test]
fn hand_elapsed_from_a_saturday_start() {
    check_hand(
        "elapsed from a Saturday",
        "2026-10-03",
        &[],
        &[
            h("truck", 3, &[], "2026-10-03", "2026-10-05").elapsed(),
            h("po", 2, &[], "2026-10-05", "2026-10-06"),
            h("sailed", 0, &[("truck", Ss, 0)], "2026-10-03", "2026-10-03").elapsed(),
            h("kickoff", 0, &[("po", Ss, 0)], "2026-10-05", "2026-10-05"),
            // FS truck (ends Mon 05): first working day after is Tue 06
            h("unpack", 1, &[("truck", Fs, 0)], "2026-10-06", "2026-10-06"),
            // FS sailed (dated Sat 03) lag 1 in elapsed days: Sun 04 + 1 = Mon 05
            h("track", 1, &[("sailed", Fs, 1)], "2026-10-05", "2026-10-05").elapsed(),
        ],
    );
}
