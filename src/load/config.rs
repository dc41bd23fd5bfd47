//! `milepost.toml`: the program's name, start, timezone, calendars and policy.
use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::calendar::CalendarSpec;
use crate::diag::{Diag, FileId, Loc};
use crate::limits::RawLimits;
use crate::load::de::did_you_mean;
use crate::load::lint::RawLint;
use crate::load::risk_settings::{RawRiskSettings, min_probability};
use crate::load::schema::{FailOnName, Timezone, TomlDate, Weekday};
use crate::model::FailOn;
pub use crate::model::config::{Config, Policy};

/// `milepost.toml`: the settings of a program. Its presence marks the program root.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    /// The program's name and start.
    program: RawProgram,
    /// The program calendar and regional calendars.
    #[serde(default)]
    calendar: RawCalendar,
    /// Thresholds and the `milepost check` gate.
    #[serde(default)]
    policy: RawPolicy,
    /// Input limits: file and program size, YAML depth, aliases, items, text length.
    #[serde(default)]
    limits: RawLimits,
    /// Schedule quality checks (`milepost lint`): which run and their thresholds.
    #[serde(default)]
    lint: RawLint,
    /// The schedule risk analysis (`milepost risk`): iterations, seed, distribution,
    /// default duration ranges by kind.
    #[serde(default)]
    risk: RawRiskSettings,
}

/// The program's name, start and timezone.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    /// The program's name (default: "program").
    name: Option<String>,
    /// The program start (a TOML date); working day 0 is the first working day on or after it.
    #[schemars(with = "TomlDate")]
    start: Spanned<Datetime>,
    /// The IANA timezone that decides what "today" is (default: UTC).
    #[schemars(with = "Option<Timezone>")]
    timezone: Option<Spanned<String>>,
    /// A commitment: every item finishes by the end of this day (a TOML date; optional).
    #[schemars(with = "Option<TomlDate>")]
    finish_by: Option<Spanned<Datetime>>,
    /// Globs of paths below the root that are not program files.
    #[serde(default)]
    exclude: Vec<String>,
    /// A git revision (e.g. the tag `baseline/2026-q4`) whose plan is the baseline that
    /// status, clusters and critical report variance against.
    baseline: Option<String>,
}

/// The program calendar.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    /// Working weekdays (default: mon … fri).
    #[schemars(with = "Option<Vec<Weekday>>")]
    workdays: Option<Vec<Spanned<String>>>,
    /// Days off (TOML dates).
    #[serde(default)]
    #[schemars(with = "Vec<TomlDate>")]
    holidays: Vec<Spanned<Datetime>>,
    /// Regional calendars by key; a site's `region` names one.
    #[serde(default)]
    regions: BTreeMap<String, RawRegion>,
}

/// A regional calendar: inherits the program's workdays and (unless told not to) its
/// holidays, and adds its own holidays.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    /// Working weekdays (default: the program calendar's).
    #[schemars(with = "Option<Vec<Weekday>>")]
    workdays: Option<Vec<Spanned<String>>>,
    /// Days off in this region, added to the program calendar's (TOML dates).
    #[serde(default)]
    #[schemars(with = "Vec<TomlDate>")]
    holidays: Vec<Spanned<Datetime>>,
    /// Whether the program calendar's holidays are days off here too (default: true).
    inherit_holidays: Option<bool>,
}

/// Calendar names that are not region keys: `program` (the program calendar) and
/// `elapsed` (every day works).
pub const RESERVED_CALENDARS: [&str; 2] = ["program", "elapsed"];

/// Thresholds and the `milepost check` gate.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    /// Total float below this many working days shows as at risk (default: 5).
    #[schemars(with = "Option<u32>")]
    at_risk_days: Option<Spanned<i64>>,
    /// Health classes that make `milepost check` fail (default: overdue).
    #[schemars(with = "Option<Vec<FailOnName>>")]
    fail_on: Option<Vec<Spanned<String>>>,
    /// With `fail_on` `confidence`: a commitment whose probability (`milepost risk`) is
    /// below this fails (default: 0.5).
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    min_probability: Option<Spanned<f64>>,
}

pub(crate) const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub(crate) const FULL_WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Parses and checks `milepost.toml`; every problem found becomes a diagnostic.
pub fn parse(text: &str, file: FileId) -> Result<Config, Vec<Diag>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let diag = Diag::error("config", e.message().to_string()).at(bytes(file, span));
        let quoted = super::text::toml_quoted_date(e.message()).map(String::from);
        vec![
            match super::lint::misplaced_threshold(e.message()).or(quoted) {
                Some(hint) => diag.help(hint),
                None => diag,
            },
        ]
    })?;
    if let Some(message) = super::text::toml_control(text) {
        return Err(vec![Diag::error("config", message).at(Loc::File { file })]);
    }
    let mut diags = Vec::new();
    let mut check = Checker {
        file,
        diags: &mut diags,
    };
    let start = check.date(&raw.program.start);
    let finish_by = raw.program.finish_by.as_ref().and_then(|d| check.date(d));
    let timezone = raw
        .program
        .timezone
        .as_ref()
        .map_or(Some(Tz::UTC), |tz| check.timezone(tz));
    let calendar = CalendarSpec {
        workdays: check.workdays(
            raw.calendar.workdays.as_deref(),
            [true, true, true, true, true, false, false],
        ),
        holidays: check.holidays(&raw.calendar.holidays),
    };
    let mut regions = BTreeMap::new();
    for (key, region) in &raw.calendar.regions {
        if RESERVED_CALENDARS.contains(&key.as_str()) {
            check.diags.push(
                Diag::error(
                    "config",
                    format!("`{key}` is a built-in calendar and cannot be a region key"),
                )
                .at(Loc::File { file })
                .help("rename the region, e.g. [calendar.regions.us]; `program` and `elapsed` are reserved"),
            );
        }
        let mut holidays = if region.inherit_holidays.unwrap_or(true) {
            calendar.holidays.clone()
        } else {
            Vec::new()
        };
        holidays.extend(check.holidays(&region.holidays));
        holidays.sort();
        holidays.dedup();
        let workdays = check.workdays(region.workdays.as_deref(), calendar.workdays);
        regions.insert(key.clone(), CalendarSpec { workdays, holidays });
    }
    let policy = check.policy(&raw.policy);
    let limits = raw
        .limits
        .check(&mut |span, message| check.error(span, message));
    let lint = raw
        .lint
        .check(&mut |span, message| check.error(span, message));
    let risk = raw
        .risk
        .check(&mut |span, message, help| check.error_help(span, message, help));
    match (start, timezone) {
        (Some(start), Some(timezone)) if diags.is_empty() => Ok(Config {
            name: raw.program.name.unwrap_or_else(|| "program".into()),
            start,
            finish_by,
            finish_by_at: raw
                .program
                .finish_by
                .as_ref()
                .map(|d| bytes(file, d.span())),
            timezone,
            exclude: raw.program.exclude,
            baseline: raw.program.baseline,
            calendar,
            regions,
            policy,
            limits,
            lint,
            risk,
        }),
        _ => Err(diags),
    }
}

fn bytes(file: FileId, range: Range<usize>) -> Loc {
    Loc::Bytes {
        file,
        start: range.start,
        end: range.end,
    }
}

struct Checker<'a> {
    file: FileId,
    diags: &'a mut Vec<Diag>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: String) {
        self.diags
            .push(Diag::error("config", message).at(bytes(self.file, span)));
    }

    fn error_help(&mut self, span: Range<usize>, message: String, help: String) {
        let diag = Diag::error("config", message).at(bytes(self.file, span));
        self.diags.push(diag.help(help));
    }

    fn date(&mut self, value: &Spanned<Datetime>) -> Option<NaiveDate> {
        let dt = value.get_ref();
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let date = NaiveDate::from_ymd_opt(
                    i32::from(d.year),
                    u32::from(d.month),
                    u32::from(d.day),
                );
                if date.is_none() {
                    self.error(value.span(), format!("`{dt}` is not a calendar date"));
                }
                date
            }
            _ => {
                self.error(
                    value.span(),
                    format!("expected a date such as 2026-10-05, found `{dt}`"),
                );
                None
            }
        }
    }

    fn timezone(&mut self, tz: &Spanned<String>) -> Option<Tz> {
        let parsed = check_timezone(tz.get_ref());
        if let Err(message) = &parsed {
            self.error(tz.span(), message.clone());
        }
        parsed.ok()
    }

    fn holidays(&mut self, list: &[Spanned<Datetime>]) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> = list.iter().filter_map(|d| self.date(d)).collect();
        out.sort();
        out.dedup();
        out
    }

    fn workdays(&mut self, list: Option<&[Spanned<String>]>, default: [bool; 7]) -> [bool; 7] {
        let Some(list) = list else { return default };
        let mut days = [false; 7];
        for entry in list {
            let name = entry.get_ref().to_ascii_lowercase();
            let index = WEEKDAYS
                .iter()
                .position(|d| *d == name)
                .or_else(|| FULL_WEEKDAYS.iter().position(|d| *d == name));
            match index {
                Some(i) => days[i] = true,
                None => self.error(
                    entry.span(),
                    format!(
                        "unknown weekday `{}`; expected one of mon, tue, wed, thu, fri, sat, sun",
                        entry.get_ref()
                    ),
                ),
            }
        }
        if list.is_empty() {
            self.diags.push(
                Diag::error(
                    "config",
                    "a calendar needs at least one working weekday".into(),
                )
                .at(Loc::Bytes {
                    file: self.file,
                    start: 0,
                    end: 0,
                }),
            );
        }
        days
    }

    fn policy(&mut self, raw: &RawPolicy) -> Policy {
        let at_risk_days = match &raw.at_risk_days {
            Some(v) if *v.get_ref() < 0 => {
                self.error(v.span(), "at_risk_days must not be negative".into());
                5
            }
            Some(v) => *v.get_ref(),
            None => 5,
        };
        let mut fail_on = Vec::new();
        for entry in raw.fail_on.iter().flatten() {
            match entry.get_ref().trim().parse::<FailOn>() {
                Ok(f) => fail_on.push(f),
                Err(message) => self.error(entry.span(), message),
            }
        }
        // Absent: the default gate. Present but empty (`fail_on = []`): no gate.
        if raw.fail_on.is_none() {
            fail_on.push(FailOn::Overdue);
        }
        fail_on.sort();
        fail_on.dedup();
        let min_probability = min_probability(raw.min_probability.as_ref(), &mut |span, m, h| {
            self.error_help(span, m, h)
        });
        Policy {
            at_risk_days,
            fail_on,
            min_probability,
        }
    }
}

/// Checks an IANA timezone name, suggesting the closest one on a typo.
pub fn check_timezone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        // A hint only for a name of a sensible length: the comparison is quadratic.
        match (name.len() <= 64)
            .then(|| did_you_mean(name, &names))
            .flatten()
        {
            Some(hint) => format!("unknown timezone `{name}` (did you mean `{hint}`?)"),
            None => {
                format!("unknown timezone `{name}`; expected an IANA name such as America/Chicago")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Config {
        parse(text, FileId(0)).unwrap_or_else(|d| panic!("{d:?}"))
    }

    #[test]
    fn reads_a_full_config() {
        let c = ok(r#"
[program]
name = "x"
start = 2026-10-05
timezone = "America/Los_Angeles"
[calendar]
holidays = [2026-11-26]
[calendar.regions.tw]
holidays = [2027-02-16]
[policy]
at_risk_days = 3
fail_on = ["overdue", "at-risk"]
"#);
        assert_eq!(c.start, NaiveDate::from_ymd_opt(2026, 10, 5).unwrap());
        assert_eq!(c.regions["tw"].holidays.len(), 2);
        assert_eq!(c.regions["tw"].workdays, c.calendar.workdays);
        assert_eq!(c.policy.fail_on, vec![FailOn::Overdue, FailOn::AtRisk]);
    }

    #[test]
    fn defaults() {
        let c = ok("[program]\nstart = 2026-10-05\n");
        assert_eq!(c.timezone, Tz::UTC);
        assert_eq!(c.policy.at_risk_days, 5);
        assert_eq!(
            c.calendar.workdays,
            [true, true, true, true, true, false, false]
        );
    }

    #[test]
    fn reports_problems_with_spans() {
        let errs = parse("[program]\nstart = 2026-10-05\ntimezone = \"America/Chicgo\"\n[calendar]\nworkdays = [\"mon\", \"fry\"]\n", FileId(0)).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("did you mean `America/Chicago`"));
        let unknown = parse("[program]\nstart = 2026-10-05\nstrat = 1\n", FileId(0)).unwrap_err();
        assert!(
            unknown[0].message.contains("unknown field `strat`"),
            "{}",
            unknown[0].message
        );
        assert!(parse("[program]\nname = \"x\"\n", FileId(0)).is_err());
    }
}
