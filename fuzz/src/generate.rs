//! Structured fuzz input: a program spec that is valid by construction (a DAG, progress
//! consistent with today), written out as milepost.toml and a YAML file.
use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
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
        out.push_str("milestones:\n");
        for (i, it) in self.items.iter().take(MAX_ITEMS).enumerate() {
            let mut duration = i64::from(it.duration % 40);
            let progress = it.progress % 3;
            if progress == 1 && duration == 0 {
                duration = 1;
            }
            writeln!(out, "  - id: m{i}\n    duration: {duration}").ok();
            if it.in_region && self.region.is_some() {
                out.push_str("    site: away\n");
            } else {
                out.push_str("    site: home\n");
            }
            let deps: Vec<String> = it
                .deps
                .iter()
                .take(MAX_DEPS)
                .filter(|_| i > 0)
                .map(|(p, rel, lag)| {
                    let p = usize::from(*p) % i;
                    let rel = ["FS", "SS", "FF", "SF"][usize::from(rel % 4)];
                    format!("{{id: m{p}, type: {rel}, lag: {}}}", lag % 20)
                })
                .collect();
            if !deps.is_empty() {
                writeln!(out, "    depends_on: [{}]", deps.join(", ")).ok();
            }
            if let Some(d) = it.start_no_earlier {
                writeln!(
                    out,
                    "    start_no_earlier: {}",
                    day(start, i64::from(d % 400) - 30)
                )
                .ok();
            }
            if let Some(d) = it.due {
                writeln!(out, "    due: {}", day(start, i64::from(d % 500) - 30)).ok();
            }
            let started = day(today, -i64::from(it.started_ago % 300));
            match progress {
                1 => {
                    writeln!(out, "    status: in_progress\n    started: {started}").ok();
                    if let Some(r) = it.remaining {
                        writeln!(out, "    remaining: {}", 1 + r % 30).ok();
                    }
                }
                2 => {
                    let finished = day(today, -i64::from(it.finished_ago % 300));
                    writeln!(out, "    status: done\n    finished: {finished}").ok();
                    if duration > 0 && it.started_ago >= it.finished_ago {
                        let started = day(finished, -i64::from(it.started_ago % 60));
                        writeln!(out, "    started: {started}").ok();
                    }
                }
                _ => {}
            }
        }
        out
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
