//! MSPDI calendars → working weekdays and holidays: a calendar's own week days over its
//! base calendar's, its non-working exceptions (Project 2007+ `Exceptions`, or the
//! older exception days in `WeekDays`) as holidays. Working exceptions and recurrences
//! other than yearly dates cannot be represented and are reported.
use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use roxmltree::Node;

use super::mspdi::{child, children, date_of, int};

/// Exception ranges longer than this many days are cut (and reported).
const MAX_EXCEPTION_DAYS: u64 = 3_660;

/// A calendar as milepost can hold it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cal {
    pub name: String,
    pub workdays: [bool; 7],
    pub holidays: Vec<NaiveDate>,
}

/// A calendar as written, before its base calendar is applied.
struct RawCal {
    name: String,
    base: Option<i64>,
    /// By weekday (Monday first): working or not, where the calendar says.
    days: [Option<bool>; 7],
    holidays: Vec<NaiveDate>,
}

/// Every calendar of the project by UID, resolved against its base calendars.
pub fn read(project: Node<'_, '_>, lost: &mut Vec<String>) -> HashMap<i64, Cal> {
    let mut raw = HashMap::new();
    let Some(list) = child(project, "Calendars") else {
        return HashMap::new();
    };
    for cal in children(list, "Calendar") {
        let Some(uid) = int(cal, "UID") else { continue };
        let name = child(cal, "Name")
            .and_then(|n| n.text())
            .unwrap_or("calendar")
            .to_string();
        raw.insert(uid, read_one(cal, &name, lost));
    }
    let mut out = HashMap::new();
    for (&uid, _) in raw.iter() {
        out.insert(uid, resolve(&raw, uid, 0));
    }
    out
}

fn read_one(cal: Node<'_, '_>, name: &str, lost: &mut Vec<String>) -> RawCal {
    let mut days = [None; 7];
    let mut legacy = Vec::new();
    if let Some(week) = child(cal, "WeekDays") {
        for day in children(week, "WeekDay") {
            let working = int(day, "DayWorking") == Some(1);
            match int(day, "DayType") {
                // DayType 1 is Sunday … 7 Saturday.
                Some(t @ 1..=7) => days[((t + 5) % 7) as usize] = Some(working),
                Some(0) => legacy.push((day, working)),
                _ => {}
            }
        }
    }
    let mut holidays = Vec::new();
    let mut working_days = 0;
    let mut unsupported = 0;
    let exceptions: Vec<Node<'_, '_>> = child(cal, "Exceptions")
        .map(|e| children(e, "Exception").collect())
        .unwrap_or_default();
    if !exceptions.is_empty() {
        for ex in exceptions {
            if int(ex, "DayWorking") == Some(1) {
                working_days += 1;
                continue;
            }
            let period = child(ex, "TimePeriod");
            let from = period.and_then(|p| date_of(p, "FromDate"));
            let to = period.and_then(|p| date_of(p, "ToDate"));
            let (Some(from), Some(to)) = (from, to) else {
                unsupported += 1;
                continue;
            };
            let kind = int(ex, "Type").unwrap_or(1);
            let period = int(ex, "Period").unwrap_or(1);
            match kind {
                1 if period <= 1 => unsupported += expand(from, to, &mut holidays),
                2 => yearly(ex, from, to, &mut holidays),
                _ => unsupported += 1,
            }
        }
    } else {
        for (day, working) in legacy {
            if working {
                working_days += 1;
                continue;
            }
            let period = child(day, "TimePeriod");
            let from = period.and_then(|p| date_of(p, "FromDate"));
            let to = period.and_then(|p| date_of(p, "ToDate"));
            match (from, to) {
                (Some(from), Some(to)) => unsupported += expand(from, to, &mut holidays),
                _ => unsupported += 1,
            }
        }
    }
    if working_days > 0 {
        lost.push(format!(
            "calendar `{name}`: {working_days} working exception(s) (extra working days) are not imported: a milepost calendar only adds holidays"
        ));
    }
    if unsupported > 0 {
        lost.push(format!(
            "calendar `{name}`: {unsupported} recurring or open-ended exception(s) are not imported (only single days, date ranges and yearly dates are)"
        ));
    }
    holidays.sort_unstable();
    holidays.dedup();
    RawCal {
        name: name.to_string(),
        base: int(cal, "BaseCalendarUID").filter(|b| *b >= 0),
        days,
        holidays,
    }
}

/// Adds every day of `from..=to`; returns 1 when the range was cut.
fn expand(from: NaiveDate, to: NaiveDate, out: &mut Vec<NaiveDate>) -> usize {
    let mut day = from;
    let mut n = 0;
    while day <= to {
        if n >= MAX_EXCEPTION_DAYS {
            return 1;
        }
        out.push(day);
        n += 1;
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    0
}

/// A yearly exception on a fixed date (Type 2: `Month` from 0, `MonthDay`).
fn yearly(ex: Node<'_, '_>, from: NaiveDate, to: NaiveDate, out: &mut Vec<NaiveDate>) {
    let month = int(ex, "Month").unwrap_or(i64::from(from.month0()));
    let day = int(ex, "MonthDay").unwrap_or(i64::from(from.day()));
    let (Ok(month), Ok(day)) = (u32::try_from(month + 1), u32::try_from(day)) else {
        return;
    };
    for year in from.year()..=to.year().min(from.year() + 100) {
        if let Some(d) = NaiveDate::from_ymd_opt(year, month, day)
            && (from..=to).contains(&d)
        {
            out.push(d);
        }
    }
}

fn resolve(raw: &HashMap<i64, RawCal>, uid: i64, depth: usize) -> Cal {
    let Some(cal) = raw.get(&uid) else {
        return Cal {
            name: "calendar".into(),
            workdays: super::WEEKDAYS,
            holidays: Vec::new(),
        };
    };
    let base = match cal.base {
        Some(b) if b != uid && depth < 8 && raw.contains_key(&b) => {
            Some(resolve(raw, b, depth + 1))
        }
        _ => None,
    };
    let base_days = base.as_ref().map_or(super::WEEKDAYS, |b| b.workdays);
    let mut workdays = [false; 7];
    for (i, w) in workdays.iter_mut().enumerate() {
        *w = cal.days[i].unwrap_or(base_days[i]);
    }
    let mut holidays = cal.holidays.clone();
    if let Some(b) = base {
        holidays.extend(b.holidays);
        holidays.sort_unstable();
        holidays.dedup();
    }
    Cal {
        name: cal.name.clone(),
        workdays,
        holidays,
    }
}
