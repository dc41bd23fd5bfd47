//! Working-day arithmetic: dates ↔ working-day indices, and boundaries across calendars.
//!
//! Working day 0 is a calendar's first working day on or after the program start. The
//! scheduler counts in *boundaries* (SPEC §2): boundary k lies between working days k-1
//! and k. Every conversion here is O(log holidays) and independent of the date's
//! distance from the start.
use chrono::{Datelike, NaiveDate};

/// Working weekdays (Monday first) and holidays of one calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarSpec {
    pub workdays: [bool; 7],
    pub holidays: Vec<NaiveDate>,
}

impl CalendarSpec {
    /// The built-in `elapsed` calendar: all seven days work, no holidays (freight,
    /// burn-in, curing).
    pub const ELAPSED: CalendarSpec = CalendarSpec {
        workdays: [true; 7],
        holidays: Vec::new(),
    };
}

/// Days since 0001-01-01, a Monday; weekday = day mod 7 (0 = Monday).
type Day = i64;

fn day_of(date: NaiveDate) -> Day {
    i64::from(date.num_days_from_ce()) - 1
}

fn date_of_day(day: Day) -> Option<NaiveDate> {
    let ce = i32::try_from(day + 1).ok()?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

/// One calendar: working weekdays and holidays, indexed from the program start.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// Working days among the first `i` weekdays (Monday first), for i in 0..=7.
    prefix: [i64; 8],
    /// Holidays that fall on working weekdays, sorted, as days.
    holidays: Vec<Day>,
    /// Working days before the program start, counted from day 0.
    origin: i64,
    /// The days of working days `TABLE_FROM..` (two years before the start to about
    /// twenty after): date lookups there are O(1); beyond, a binary search.
    table: Vec<Day>,
}

/// The first working-day index in the lookup table, and how many it holds.
const TABLE_FROM: i64 = -520;
const TABLE_LEN: usize = 5_720;

impl Calendar {
    /// Builds a calendar from its spec; working day 0 is the first working day on or
    /// after `start`. A spec with no working weekday gets Monday to Friday.
    pub fn new(spec: &CalendarSpec, start: NaiveDate) -> Calendar {
        let workdays = if spec.workdays.iter().any(|w| *w) {
            spec.workdays
        } else {
            [true, true, true, true, true, false, false]
        };
        let mut prefix = [0i64; 8];
        for i in 0..7 {
            prefix[i + 1] = prefix[i] + i64::from(workdays[i]);
        }
        let mut holidays: Vec<Day> = spec
            .holidays
            .iter()
            .map(|d| day_of(*d))
            .filter(|d| workdays[d.rem_euclid(7) as usize])
            .collect();
        holidays.sort_unstable();
        holidays.dedup();
        let mut cal = Calendar {
            prefix,
            holidays,
            origin: 0,
            table: Vec::new(),
        };
        cal.origin = cal.cum(day_of(start));
        cal.table = cal.build_table();
        cal
    }

    fn per_week(&self) -> i64 {
        self.prefix[7]
    }

    /// Working days in [day 0, day).
    fn cum(&self, day: Day) -> i64 {
        let weeks = day.div_euclid(7);
        let rest = day.rem_euclid(7) as usize;
        let before = self.holidays.partition_point(|h| *h < day) as i64;
        weeks * self.per_week() + self.prefix[rest] - before
    }

    /// Whether `date` is a working day.
    pub fn is_working(&self, date: NaiveDate) -> bool {
        let day = day_of(date);
        self.cum(day + 1) > self.cum(day)
    }

    /// Index of the first working day on or after `date`.
    pub fn first_on_or_after(&self, date: NaiveDate) -> i64 {
        self.cum(day_of(date)) - self.origin
    }

    /// Index of the last working day on or before `date`.
    pub fn last_on_or_before(&self, date: NaiveDate) -> i64 {
        self.cum(day_of(date) + 1) - 1 - self.origin
    }

    /// The date of working day `index`, or `None` beyond the representable range.
    pub fn date(&self, index: i64) -> Option<NaiveDate> {
        date_of_day(self.day(index)?)
    }

    /// The day number (days since 0001-01-01) of working day `index`: dates of
    /// different calendars compare as numbers (the risk simulation's hot path).
    #[inline]
    pub fn day_number(&self, index: i64) -> Option<i64> {
        self.day(index)
    }

    /// The finish boundary "finish by the end of day number `day`" (see [`Self::finish_by`]).
    pub fn finish_by_day(&self, day: i64) -> i64 {
        self.cum(day + 1) - self.origin
    }

    fn build_table(&self) -> Vec<Day> {
        let Some(mut day) = self.search(TABLE_FROM) else {
            return Vec::new();
        };
        let mut table = Vec::with_capacity(TABLE_LEN);
        let first = day;
        let mut holidays = self
            .holidays
            .iter()
            .skip_while(move |h| **h < first)
            .peekable();
        while table.len() < TABLE_LEN {
            let weekday = day.rem_euclid(7) as usize;
            let holiday = holidays.peek() == Some(&&day);
            if holiday {
                holidays.next();
            } else if self.prefix[weekday + 1] > self.prefix[weekday] {
                table.push(day);
            }
            day += 1;
        }
        table
    }

    /// The day of working day `index`.
    #[inline]
    fn day(&self, index: i64) -> Option<Day> {
        let offset = index.checked_sub(TABLE_FROM)?;
        match usize::try_from(offset).ok().and_then(|o| self.table.get(o)) {
            Some(day) => Some(*day),
            None => self.search(index),
        }
    }

    /// The day of working day `index` by binary search: the smallest day d with
    /// cum(d + 1) > n.
    fn search(&self, index: i64) -> Option<Day> {
        let n = index.checked_add(self.origin)?;
        let pw = self.per_week();
        let q = n.div_euclid(pw);
        let slack = (self.holidays.len() as i64) / pw + 3;
        let mut lo = q.checked_sub(2)?.checked_mul(7)?;
        let mut hi = q.checked_add(slack)?.checked_mul(7)?;
        if hi > 4_000_000 || lo < -4_000_000 {
            return None;
        }
        // Invariant: cum(lo + 1) <= n < cum(hi + 1).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.cum(mid + 1) > n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }

    /// The earliest start boundary for "not before `date`" (SPEC §2): a task may
    /// start on the first working day on/after it; a milestone is dated it at the earliest.
    pub fn not_before(&self, date: NaiveDate, milestone: bool) -> i64 {
        self.first_on_or_after(date) + i64::from(milestone)
    }

    /// The latest finish boundary for "finish by the end of `date`".
    pub fn finish_by(&self, date: NaiveDate) -> i64 {
        self.last_on_or_before(date) + 1
    }
}

/// The day number of a date (days since 0001-01-01), as [`Calendar::day_number`] gives.
pub fn day_number_of(date: NaiveDate) -> i64 {
    day_of(date)
}

/// The date of a day number.
pub fn date_of_day_number(day: i64) -> Option<NaiveDate> {
    date_of_day(day)
}

/// Whether a boundary stands for a start (start of day b) or a finish (end of day b-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    Finish,
}

/// Carries a lower (early) bound `b` of `from` into `to`: the earliest boundary of `to`
/// at or after the instant `b` stands for. `None` past the representable range.
pub fn carry_lower(from: &Calendar, to: &Calendar, b: i64, edge: Edge) -> Option<i64> {
    Some(match edge {
        // End of working day b-1: the next day of `to` that starts after it.
        Edge::Finish => to.cum(from.day(b - 1)? + 1) - to.origin,
        // Start of working day b.
        Edge::Start => to.cum(from.day(b)?) - to.origin,
    })
}

/// Carries an upper (late) bound back: the largest boundary `x` of `to` whose lower
/// carry into `from` is at most `b` — the exact inverse of [`carry_lower`], so a
/// driving chain across calendars keeps zero float.
pub fn carry_upper(from: &Calendar, to: &Calendar, b: i64, edge: Edge) -> Option<i64> {
    let day = from.day(b)?;
    Some(match edge {
        // x - 1 <= last working day of `to` before the start of `from`'s day b.
        Edge::Finish => to.cum(day) - to.origin,
        // x <= last working day of `to` on or before `from`'s day b.
        Edge::Start => to.cum(day + 1) - 1 - to.origin,
    })
}

/// The weekday index (0 = Monday) of a date.
pub fn weekday(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal(start: &str, holidays: &[&str], workdays: [bool; 7]) -> Calendar {
        let spec = CalendarSpec {
            workdays,
            holidays: holidays.iter().map(|h| d(h)).collect(),
        };
        Calendar::new(&spec, d(start))
    }

    const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];
    const MON_SAT: [bool; 7] = [true, true, true, true, true, true, false];

    #[test]
    fn indexes_working_days_from_the_start() {
        // 2026-10-03 is a Saturday: day 0 is Monday 2026-10-05.
        let c = cal("2026-10-03", &[], MON_FRI);
        assert_eq!(c.first_on_or_after(d("2026-10-03")), 0);
        assert_eq!(c.date(0), Some(d("2026-10-05")));
        assert_eq!(c.date(5), Some(d("2026-10-12")));
        assert_eq!(c.last_on_or_before(d("2026-10-11")), 4);
        assert_eq!(c.date(-1), Some(d("2026-10-02")));
        assert_eq!(c.first_on_or_after(d("2026-10-02")), -1);
    }

    #[test]
    fn skips_holidays() {
        let c = cal(
            "2026-11-23",
            &["2026-11-26", "2026-11-27", "2026-11-28"],
            MON_FRI,
        );
        assert_eq!(c.date(3), Some(d("2026-11-30")));
        assert!(!c.is_working(d("2026-11-26")));
        assert_eq!(c.first_on_or_after(d("2026-11-26")), 3);
        assert_eq!(c.last_on_or_before(d("2026-11-27")), 2);
    }

    #[test]
    fn date_and_index_round_trip_over_years() {
        let c = cal(
            "2026-10-05",
            &["2026-12-25", "2027-01-01", "2027-07-05"],
            MON_FRI,
        );
        for i in -400..2000 {
            let date = c.date(i).unwrap();
            assert!(c.is_working(date));
            assert_eq!(c.first_on_or_after(date), i);
            assert_eq!(c.last_on_or_before(date), i);
        }
    }

    #[test]
    fn the_lookup_table_agrees_with_the_search() {
        let c = cal(
            "2026-10-03",
            &["2026-11-26", "2027-01-01", "2030-07-04"],
            MON_SAT,
        );
        for i in (TABLE_FROM - 30)..(TABLE_FROM + TABLE_LEN as i64 + 30) {
            assert_eq!(c.day(i), c.search(i), "index {i}");
        }
    }

    #[test]
    fn bounds_for_tasks_and_milestones() {
        let c = cal("2026-10-05", &[], MON_FRI);
        // Not before Saturday 10-10: a task starts Monday (index 5); a milestone is
        // dated Monday at the earliest (boundary 6 is dated working day 5).
        assert_eq!(c.not_before(d("2026-10-10"), false), 5);
        assert_eq!(c.not_before(d("2026-10-10"), true), 6);
        // Finish by Sunday 10-11: by the end of Friday (index 4), boundary 5.
        assert_eq!(c.finish_by(d("2026-10-11")), 5);
    }

    #[test]
    fn carrying_within_one_calendar_is_the_identity() {
        let c = cal("2026-10-05", &["2026-10-12"], MON_FRI);
        for b in -20..40 {
            for edge in [Edge::Start, Edge::Finish] {
                assert_eq!(carry_lower(&c, &c, b, edge), Some(b));
                assert_eq!(carry_upper(&c, &c, b, edge), Some(b));
            }
        }
    }

    #[test]
    fn carrying_across_calendars() {
        let us = cal("2026-10-05", &[], MON_FRI);
        let six = cal("2026-10-05", &[], MON_SAT);
        // A Mon–Sat item finishing on Saturday 10-10 (boundary 6) lets a Mon–Fri
        // successor start Monday 10-12 (boundary 5).
        assert_eq!(carry_lower(&six, &us, 6, Edge::Finish), Some(5));
        // Starting Saturday (boundary 5 of Mon–Sat) is carried to Monday in Mon–Fri.
        assert_eq!(carry_lower(&six, &us, 5, Edge::Start), Some(5));
        // Backward: a Mon–Fri start at Monday (5) allows a Mon–Sat finish on Saturday
        // (boundary 6), and a Mon–Sat start as late as that Monday (boundary 6 too).
        assert_eq!(carry_upper(&us, &six, 5, Edge::Finish), Some(6));
        assert_eq!(carry_upper(&us, &six, 5, Edge::Start), Some(6));
    }

    #[test]
    fn carry_upper_inverts_carry_lower() {
        let a = cal("2026-10-05", &["2026-10-14", "2026-10-15"], MON_FRI);
        let b = cal("2026-10-05", &["2026-10-21"], MON_SAT);
        for (from, to) in [(&a, &b), (&b, &a)] {
            for bound in -10..60 {
                for edge in [Edge::Start, Edge::Finish] {
                    let x = carry_upper(from, to, bound, edge).unwrap();
                    assert!(carry_lower(to, from, x, edge).unwrap() <= bound);
                    assert!(carry_lower(to, from, x + 1, edge).unwrap() > bound);
                }
            }
        }
    }
}
