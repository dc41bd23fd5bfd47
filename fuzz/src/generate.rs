//! Structured fuzz input: a program spec that is valid by construction (a DAG, progress
//! consistent with today), written out as milepost.toml and a YAML file with the test
//! kit's writer (milepost::testkit).
use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use milepost::testkit::{Dep, Item, Progress, milestones_yaml};
use std::fmt::Write;

/// A whole program.
#[derive(Arbitrary, Debug)]
pub struct Spec {
    /// The program start, days after 2020-01-01 (mod 3650).
    pub start: u16,
    /// Today, days after the start minus 60 (mod 900): may be before the start.
    pub today: u16,
    /// Working weekdays, a bit per day from Monday (none set: the default).
    pub workdays: u8,
    /// Holidays, days after the start minus 30 (mod 800).
    pub holidays: Vec<u16>,
    /// A regional calendar: its own workdays (when set) and holidays.
    pub region: Option<(Option<u8>, Vec<u16>)>,
    pub items: Vec<ItemSpec>,
}

/// One milestone.
#[derive(Arbitrary, Debug)]
pub struct ItemSpec {
    pub duration: u8,
    pub in_region: bool,
    pub deps: Vec<(u8, u8, i8)>,
    pub start_no_earlier: Option<u16>,
    pub due: Option<u16>,
    /// 0 not started, 1 in progress, 2 done (mod 3).
    pub progress: u8,
    pub started_ago: u16,
    pub finished_ago: u16,
    pub remaining: Option<u8>,
}

/// The most items and dependencies per item (keeps runs fast and deep enough).
pub const MAX_ITEMS: usize = 48;
const MAX_DEPS: usize = 4;

impl Spec {
    pub fn start_date(&self) -> NaiveDate {
        day(base(), i64::from(self.start % 3650))
    }

    pub fn today_date(&self) -> NaiveDate {
        day(self.start_date(), i64::from(self.today % 900) - 60)
    }

    /// milepost.toml.
    pub fn toml(&self) -> String {
        let start = self.start_date();
        let mut out = format!("[program]\nname = \"fuzz\"\nstart = {start}\n[calendar]\n");
        if self.workdays & 0x7f != 0 {
            writeln!(out, "workdays = {}", workdays(self.workdays)).ok();
        }
        writeln!(out, "holidays = [{}]", holidays(start, &self.holidays)).ok();
        if let Some((wd, hs)) = &self.region {
            out.push_str("[calendar.regions.r]\n");
            if let Some(wd) = wd.filter(|w| w & 0x7f != 0) {
                writeln!(out, "workdays = {}", workdays(wd)).ok();
            }
            writeln!(out, "holidays = [{}]", holidays(start, hs)).ok();
        }
        out
    }

    /// The YAML program file.
    pub fn yaml(&self) -> String {
        let start = self.start_date();
        let today = self.today_date();
        let mut out = String::from("sites:\n  - {id: home}\n");
        if self.region.is_some() {
            out.push_str("  - {id: away, region: r}\n");
        }
        let items: Vec<Item> = self
            .items
            .iter()
            .take(MAX_ITEMS)
            .enumerate()
            .map(|(i, it)| it.item(i, self.region.is_some(), start, today))
            .collect();
        out.push_str(&milestones_yaml(&items));
        out
    }
}

impl ItemSpec {
    /// The milestone `m{i}`, depending only on earlier ones.
    fn item(&self, i: usize, has_region: bool, start: NaiveDate, today: NaiveDate) -> Item {
        let mut duration = i64::from(self.duration % 40);
        let progress = self.progress % 3;
        if progress == 1 && duration == 0 {
            duration = 1;
        }
        let site = if self.in_region && has_region {
            "away"
        } else {
            "home"
        };
        let deps = self
            .deps
            .iter()
            .take(MAX_DEPS)
            .filter(|_| i > 0)
            .map(|(p, rel, lag)| {
                let p = usize::from(*p) % i;
                let rel = ["FS", "SS", "FF", "SF"][usize::from(rel % 4)];
                Dep::typed(format!("m{p}"), rel, i64::from(lag % 20))
            })
            .collect();
        let started = day(today, -i64::from(self.started_ago % 300));
        let progress = match progress {
            1 => Progress::InProgress {
                started,
                remaining: self.remaining.map(|r| 1 + i64::from(r % 30)),
            },
            2 => {
                let finished = day(today, -i64::from(self.finished_ago % 300));
                let started = (duration > 0 && self.started_ago >= self.finished_ago)
                    .then(|| day(finished, -i64::from(self.started_ago % 60)));
                Progress::Done { started, finished }
            }
            _ => Progress::NotStarted,
        };
        Item {
            site: Some(site.into()),
            deps,
            progress,
            start_no_earlier: self
                .start_no_earlier
                .map(|d| day(start, i64::from(d % 400) - 30)),
            due: self.due.map(|d| day(start, i64::from(d % 500) - 30)),
            ..Item::new(format!("m{i}"), duration)
        }
    }
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
}

fn day(from: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    let moved = if offset >= 0 {
        from.checked_add_days(days)
    } else {
        from.checked_sub_days(days)
    };
    moved.unwrap_or(from)
}

fn workdays(mask: u8) -> String {
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let days: Vec<String> = (0..7)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| format!("\"{}\"", names[i]))
        .collect();
    format!("[{}]", days.join(", "))
}

fn holidays(start: NaiveDate, offsets: &[u16]) -> String {
    offsets
        .iter()
        .take(64)
        .map(|o| day(start, i64::from(o % 800) - 30).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
