//! One MSPDI task as the importer reads it: its outline place, dates (as the working
//! days they stand for), duration, progress, constraint, deadline, links and custom
//! fields.
use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use roxmltree::Node;

use super::fields::Field;
use super::mspdi::{child, children, int, text};

/// A predecessor link as written.
#[derive(Clone, Debug)]
pub struct Link {
    pub pred: i64,
    /// 0 FF, 1 FS, 2 SF, 3 SS.
    pub kind: i64,
    /// Tenths of a minute, or a percentage for percent formats.
    pub lag: f64,
    pub format: i64,
}

/// A task as written.
#[derive(Clone, Debug)]
pub struct Task {
    pub uid: i64,
    pub name: String,
    pub level: i64,
    pub summary: bool,
    pub milestone: bool,
    /// Duration in hours, and whether it is elapsed time.
    pub hours: f64,
    pub elapsed: bool,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    pub percent: i64,
    pub constraint: i64,
    pub constraint_date: Option<NaiveDateTime>,
    pub deadline: Option<NaiveDateTime>,
    pub calendar: Option<i64>,
    pub notes: Option<String>,
    pub hyperlink: Option<String>,
    pub links: Vec<Link>,
    /// Custom field values by milepost field alias.
    pub custom: HashMap<&'static str, String>,
    pub active: bool,
    pub null: bool,
    pub recurring: bool,
    pub manual: bool,
    pub cost: bool,
}

/// Whether an MSPDI duration format counts elapsed time (em, eh, ed, ew, emo, and
/// their estimated forms).
pub fn elapsed_format(format: i64) -> bool {
    matches!(format, 4 | 6 | 8 | 10 | 12 | 36 | 38 | 40 | 42 | 44)
}

/// Whether an MSPDI duration format is a percentage (%, e%).
pub fn percent_format(format: i64) -> bool {
    matches!(format, 19 | 20 | 51 | 52)
}

/// Hours of an XSD duration (`PT40H0M0S`, `P2DT4H`; days are 24 hours).
pub fn hours(text: &str) -> Option<f64> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    let mut total = 0.0;
    let mut number = String::new();
    let mut time = false;
    for c in rest.chars() {
        match c {
            'T' => time = true,
            '0'..='9' | '.' => number.push(c),
            unit => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                total += match (time, unit) {
                    (false, 'Y') => n * 365.0 * 24.0,
                    (false, 'M') => n * 30.0 * 24.0,
                    (false, 'W') => n * 7.0 * 24.0,
                    (false, 'D') => n * 24.0,
                    (true, 'H') => n,
                    (true, 'M') => n / 60.0,
                    (true, 'S') => n / 3600.0,
                    _ => return None,
                };
            }
        }
    }
    Some(sign * total)
}

fn datetime(node: Node<'_, '_>, tag: &str) -> Option<NaiveDateTime> {
    let t = text(node, tag)?;
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// The day work starts on: a start at the end of a day (17:00 or later) is the next.
pub fn start_day(t: NaiveDateTime) -> NaiveDate {
    if t.format("%H:%M").to_string().as_str() >= "17:00" {
        t.date().checked_add_days(Days::new(1)).unwrap_or(t.date())
    } else {
        t.date()
    }
}

/// The last day of work a finish stands for: one at the start of a day (08:00 or
/// earlier) is the day before.
pub fn finish_day(t: NaiveDateTime) -> NaiveDate {
    if t.format("%H:%M").to_string().as_str() <= "08:00" {
        t.date().checked_sub_days(Days::new(1)).unwrap_or(t.date())
    } else {
        t.date()
    }
}

impl Task {
    /// Reads a `<Task>`; `fields` maps custom field ids to milepost's fields.
    pub fn read(node: Node<'_, '_>, fields: &HashMap<i64, Field>) -> Option<Task> {
        let flag = |tag: &str| int(node, tag) == Some(1);
        let format = int(node, "DurationFormat").unwrap_or(7);
        let mut custom = HashMap::new();
        for attr in children(node, "ExtendedAttribute") {
            let (Some(id), Some(value)) = (int(attr, "FieldID"), text(attr, "Value")) else {
                continue;
            };
            if let Some(field) = fields.get(&id) {
                custom.insert(field.alias, value.to_string());
            }
        }
        let links = children(node, "PredecessorLink")
            .filter_map(|l| {
                Some(Link {
                    pred: int(l, "PredecessorUID")?,
                    kind: int(l, "Type").unwrap_or(1),
                    lag: text(l, "LinkLag")
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(0.0),
                    format: int(l, "LagFormat").unwrap_or(7),
                })
            })
            .collect();
        let cost = ["Cost", "FixedCost", "ActualCost"].iter().any(|t| {
            text(node, t)
                .and_then(|v| v.parse::<f64>().ok())
                .is_some_and(|v| v != 0.0)
        });
        Some(Task {
            uid: int(node, "UID")?,
            name: text(node, "Name").unwrap_or("").to_string(),
            level: int(node, "OutlineLevel").unwrap_or(1),
            summary: flag("Summary"),
            milestone: flag("Milestone"),
            hours: text(node, "Duration").and_then(hours).unwrap_or(0.0),
            elapsed: elapsed_format(format),
            start: datetime(node, "Start"),
            finish: datetime(node, "Finish"),
            actual_start: datetime(node, "ActualStart"),
            actual_finish: datetime(node, "ActualFinish"),
            percent: int(node, "PercentComplete").unwrap_or(0),
            constraint: int(node, "ConstraintType").unwrap_or(0),
            constraint_date: datetime(node, "ConstraintDate"),
            deadline: datetime(node, "Deadline"),
            calendar: int(node, "CalendarUID").filter(|c| *c >= 0),
            notes: child(node, "Notes")
                .and_then(|n| n.text())
                .and_then(super::clean),
            hyperlink: text(node, "HyperlinkAddress").and_then(super::clean),
            links,
            custom,
            active: int(node, "Active") != Some(0),
            null: flag("IsNull"),
            recurring: flag("Recurring"),
            manual: flag("Manual"),
            cost,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xsd_durations_in_hours() {
        assert_eq!(hours("PT40H0M0S"), Some(40.0));
        assert_eq!(hours("PT0H30M0S"), Some(0.5));
        assert_eq!(hours("P1DT2H"), Some(26.0));
        assert_eq!(hours("-PT8H"), Some(-8.0));
        assert_eq!(hours("40"), None);
    }
}
