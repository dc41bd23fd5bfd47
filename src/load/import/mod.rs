//! Plans from other tools, read into milepost's file format: Microsoft Project XML
//! (MSPDI) and a documented CSV column set. The result is the raw format types
//! ([`super::raw`]) arranged in files; what a source holds that milepost cannot
//! represent is listed in [`Imported::lost`], never dropped silently.
use std::collections::HashSet;

use chrono::NaiveDate;

use super::raw::{RawCluster, RawMilestone, RawSite, RawVendor};

pub mod csv;
mod csv_rows;
pub mod fields;
pub mod mspdi;
mod mspdi_calendars;
mod mspdi_item;
mod mspdi_summary;
mod mspdi_task;
mod mspdi_xml;

/// A regional calendar of the imported program.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub key: String,
    /// `None`: the program's workdays.
    pub workdays: Option<[bool; 7]>,
    pub holidays: Vec<NaiveDate>,
    /// Whether the program's holidays count here too (`inherit_holidays`).
    pub inherit_holidays: bool,
}

/// One program file to write: its path under the program directory and its lists.
#[derive(Clone, Debug, Default)]
pub struct PlanFile {
    pub rel: String,
    pub sites: Vec<RawSite>,
    pub clusters: Vec<RawCluster>,
    pub vendors: Vec<RawVendor>,
    pub milestones: Vec<RawMilestone>,
}

/// A program read from another tool, ready to be written as milepost files.
#[derive(Clone, Debug)]
pub struct Imported {
    pub name: String,
    pub start: NaiveDate,
    /// `[program] finish_by`: the project summary task's deadline.
    pub finish_by: Option<NaiveDate>,
    pub workdays: [bool; 7],
    pub holidays: Vec<NaiveDate>,
    pub regions: Vec<Region>,
    pub files: Vec<PlanFile>,
    /// What the source holds that the program does not, one line each.
    pub lost: Vec<String>,
}

/// Monday to Friday.
pub const WEEKDAYS: [bool; 7] = [true, true, true, true, true, false, false];

/// A milepost id made of `text`: lowercase letters and digits, other runs as `-`, at
/// most 64 characters; `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(64);
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { fallback.into() } else { out }
}

/// Whether `text` is a valid milepost id (`[a-z0-9][a-z0-9._-]*`, at most 64).
pub fn is_id(text: &str) -> bool {
    let b = text.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"._-".contains(c))
}

/// Ids handed out so far: [`Ids::claim`] makes each one unique.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// `base` if free, else `base-2`, `base-3`… (within 64 characters).
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        for n in 2.. {
            let suffix = format!("-{n}");
            let mut stem = base.to_string();
            stem.truncate(64 - suffix.len());
            let candidate = format!("{}{suffix}", stem.trim_end_matches('-'));
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        base.to_string()
    }

    /// Whether `id` is taken.
    pub fn has(&self, id: &str) -> bool {
        self.taken.contains(id)
    }
}

/// A milestone with only an id (every other field unset).
pub fn milestone(id: String) -> RawMilestone {
    RawMilestone {
        id,
        name: None,
        cluster: None,
        site: None,
        vendor: None,
        owner: None,
        kind: None,
        calendar: None,
        duration: None,
        duration_range: None,
        depends_on: None,
        start_no_earlier: None,
        due: None,
        status: None,
        started: None,
        finished: None,
        expected_finish: None,
        remaining: None,
        as_of: None,
        notes: None,
        links: None,
        status_unread: false,
    }
}

/// Text without control characters other than line breaks and tabs, trimmed; `None`
/// when empty.
pub fn clean(text: &str) -> Option<String> {
    let out: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(
            slug("Servers delivered (32 racks)", "x"),
            "servers-delivered-32-racks"
        );
        assert_eq!(slug("  ", "item"), "item");
        assert_eq!(slug(&"a".repeat(80), "x").len(), 64);
        let mut ids = Ids::default();
        assert_eq!(ids.claim("po"), "po");
        assert_eq!(ids.claim("po"), "po-2");
        assert_eq!(ids.claim("po"), "po-3");
        assert!(is_id("dfw1-h200.po_2") && !is_id("Po") && !is_id("-x") && !is_id(""));
    }
}
