//! MSPDI calendars: the program calendar (the project's), every region and `elapsed`,
//! each a base calendar with its working weekdays (08:00–12:00, 13:00–17:00) and its
//! holidays as one-day non-working exceptions.
use crate::calendar::CalendarSpec;
use crate::model::Program;

use super::xml::Xml;

/// The calendar UID of milepost calendar `index` ([`Program::calendars`] order:
/// program, regions by key, elapsed).
pub fn uid(index: usize) -> usize {
    index + 1
}

/// The name a calendar has in the export: `Standard` for the program calendar (the
/// project calendar), else its milepost name (a region key, `elapsed`).
pub fn name(program: &Program, index: usize) -> &str {
    if index == 0 {
        "Standard"
    } else {
        &program.calendar_names[index]
    }
}

/// The spec of calendar `index`.
fn spec(program: &Program, index: usize) -> CalendarSpec {
    let regions = program.config.regions.len();
    match index {
        0 => program.config.calendar.clone(),
        i if i <= regions => program
            .config
            .regions
            .values()
            .nth(i - 1)
            .cloned()
            .unwrap_or_else(|| program.config.calendar.clone()),
        _ => CalendarSpec::ELAPSED,
    }
}

/// `<Calendars>` with every calendar of the program.
pub fn write(xml: &mut Xml, program: &Program) {
    xml.open("Calendars");
    for index in 0..program.calendar_names.len() {
        write_one(xml, program, index);
    }
    xml.close("Calendars");
}

fn write_one(xml: &mut Xml, program: &Program, index: usize) {
    let spec = spec(program, index);
    xml.open("Calendar");
    xml.text("UID", uid(index));
    xml.text("Name", name(program, index));
    xml.flag("IsBaseCalendar", true);
    xml.flag("IsBaselineCalendar", false);
    xml.text("BaseCalendarUID", -1);
    xml.open("WeekDays");
    // DayType 1 is Sunday; milepost's weekdays start on Monday.
    for day_type in 1..=7usize {
        let working = spec.workdays[(day_type + 5) % 7];
        xml.open("WeekDay");
        xml.text("DayType", day_type);
        xml.flag("DayWorking", working);
        if working {
            working_times(xml);
        }
        xml.close("WeekDay");
    }
    xml.close("WeekDays");
    let mut holidays = spec.holidays.clone();
    holidays.sort_unstable();
    holidays.dedup();
    if !holidays.is_empty() {
        // Project ignores exceptions that are not in date order.
        xml.open("Exceptions");
        for day in holidays {
            xml.open("Exception");
            xml.flag("EnteredByOccurrences", false);
            xml.open("TimePeriod");
            xml.text("FromDate", format!("{day}T00:00:00"));
            xml.text("ToDate", format!("{day}T23:59:00"));
            xml.close("TimePeriod");
            xml.text("Occurrences", 1);
            xml.text("Name", "Holiday");
            xml.text("Type", 1);
            xml.flag("DayWorking", false);
            xml.close("Exception");
        }
        xml.close("Exceptions");
    }
    xml.close("Calendar");
}

/// An eight-hour day: 08:00–12:00 and 13:00–17:00.
fn working_times(xml: &mut Xml) {
    xml.open("WorkingTimes");
    for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
        xml.open("WorkingTime");
        xml.text("FromTime", from);
        xml.text("ToTime", to);
        xml.close("WorkingTime");
    }
    xml.close("WorkingTimes");
}
