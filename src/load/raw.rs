//! The program file format as written (SPEC §1): the types the loader reads YAML into.
//!
//! These are the single source of truth for the format: unknown keys are rejected
//! (`deny_unknown_fields`), closed sets are enums. References are still plain ids here;
//! `validate` resolves them. The same types derive the JSON Schema of a program file
//! (`milepost schema`, see [`super::schema`]): doc comments become its descriptions.
use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::schema::{Id, Timezone};
pub use crate::model::vocab::{Category, Kind, Lifecycle, Relation, RiskStatus, Status};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map(Date).map_err(de::Error::custom)
    }
}

/// Parses a strict `YYYY-MM-DD` date, with a message that says what is wrong.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("expected a date as YYYY-MM-DD, found `{text}`"));
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    let year = i32::try_from(num(0..4)).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
        .ok_or_else(|| format!("`{text}` is not a calendar date"))
}

// Only the schema reads this type; the loader reads the lists one by one (FILE_KEYS).
/// A milepost program file: any of the lists sites, clusters, vendors, milestones and risks.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawFile {
    /// Data centers: owned sites and partner colocation sites.
    pub sites: Option<Vec<RawSite>>,
    /// GPU clusters, each at a site.
    pub clusters: Option<Vec<RawCluster>>,
    /// Suppliers and partners.
    pub vendors: Option<Vec<RawVendor>>,
    /// Work items (duration >= 1) and milestone events (duration 0).
    pub milestones: Option<Vec<RawMilestone>>,
    /// Risks to the schedule.
    pub risks: Option<Vec<RawRisk>>,
}

/// A site: a data center, owned or a partner's colocation space.
#[derive(Deserialize, JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// The site's id, unique among sites.
    #[schemars(with = "Id")]
    pub id: String,
    /// A display name (default: the id).
    pub name: Option<String>,
    /// A `[calendar.regions.X]` key: the site's holiday calendar.
    #[schemars(with = "Option<Id>")]
    pub region: Option<String>,
    /// The site's IANA timezone, e.g. America/Chicago.
    #[schemars(with = "Option<Timezone>")]
    pub timezone: Option<String>,
    /// The colocation vendor (a vendor id) when this is a partner site.
    #[schemars(with = "Option<Id>")]
    pub partner: Option<String>,
    /// Power capacity in megawatts.
    pub power_mw: Option<f64>,
    /// Country code, e.g. US.
    pub country: Option<String>,
}

/// A GPU cluster at a site.
#[derive(Deserialize, JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawCluster {
    /// The cluster's id, unique among clusters.
    #[schemars(with = "Id")]
    pub id: String,
    /// The site (a site id) the cluster is at.
    #[schemars(with = "Id")]
    pub site: String,
    /// The GPU model, e.g. H200.
    pub gpu: Option<String>,
    /// The number of GPUs.
    pub gpus: Option<u64>,
    /// Where the cluster stands in its life (default: planned).
    pub lifecycle: Option<Lifecycle>,
    /// GPUs allocated to customers, for utilisation.
    pub allocated_gpus: Option<u64>,
    /// Committed production date.
    pub ready_by: Option<Date>,
    /// Committed retirement date.
    pub retire_by: Option<Date>,
    /// The customer, as free text.
    pub customer: Option<String>,
}

/// A supplier or partner.
#[derive(Deserialize, JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawVendor {
    /// The vendor's id, unique among vendors.
    #[schemars(with = "Id")]
    pub id: String,
    /// A display name (default: the id).
    pub name: Option<String>,
    /// What the vendor supplies (default: other).
    pub category: Option<Category>,
    /// The vendor's IANA timezone, e.g. America/Chicago.
    #[schemars(with = "Option<Timezone>")]
    pub timezone: Option<String>,
    /// A contact, as free text.
    pub contact: Option<String>,
    /// Quoted lead time, in calendar days.
    pub lead_time_days: Option<u64>,
    /// The contract reference, as free text.
    pub contract: Option<String>,
}

/// A unit of work (duration >= 1) or a milestone event (duration 0).
#[derive(Deserialize, JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    /// The milestone's id, unique among milestones.
    #[schemars(with = "Id")]
    pub id: String,
    /// A display name (default: the id).
    pub name: Option<String>,
    /// The cluster (a cluster id) the work is for; it implies the site.
    #[schemars(with = "Option<Id>")]
    pub cluster: Option<String>,
    /// The site (a site id), for work that belongs to no cluster.
    #[schemars(with = "Option<Id>")]
    pub site: Option<String>,
    /// The vendor (a vendor id) doing the work.
    #[schemars(with = "Option<Id>")]
    pub vendor: Option<String>,
    /// Who answers for the dates, as free text.
    pub owner: Option<String>,
    /// What kind of work this is (default: other).
    pub kind: Option<Kind>,
    /// The calendar its working days count in: a region key, `program`, or `elapsed`
    /// (every day works: freight, burn-in, curing). Default: its site's region.
    #[schemars(with = "Option<Id>")]
    pub calendar: Option<String>,
    /// Working days; 0 (the default) makes it a milestone event.
    #[schemars(range(min = 0))]
    pub duration: Option<i64>,
    /// For the risk analysis (`milepost risk`): the working days it may take, `[lo, hi]`
    /// with lo <= duration <= hi (tasks only); overrides its kind's `[risk.ranges]`.
    #[schemars(length(equal = 2))]
    pub duration_range: Option<Vec<i64>>,
    /// Predecessors: milestone ids, or `{ id, type, lag }` mappings.
    pub depends_on: Option<Vec<Dependency>>,
    /// The work starts on this day at the earliest.
    pub start_no_earlier: Option<Date>,
    /// Committed date: the item must finish by the end of this day.
    pub due: Option<Date>,
    /// Progress (default: not_started).
    pub status: Option<Status>,
    /// Actual start: required when in_progress.
    pub started: Option<Date>,
    /// Actual finish: required when done.
    pub finished: Option<Date>,
    /// In progress only: the owner's forecast of the last working day.
    pub expected_finish: Option<Date>,
    /// In progress only: working days left, counted from `as_of` (which it needs).
    #[schemars(range(min = 1))]
    pub remaining: Option<i64>,
    /// In progress only: the day the `remaining` estimate was made.
    pub as_of: Option<Date>,
    /// Notes, as free text.
    pub notes: Option<String>,
    /// Links to trackers, documents, tickets.
    pub links: Option<Vec<String>>,
    /// Set when `status` is written but could not be read (that error is reported):
    /// the rules that depend on the status are then not checked, so a typo in it is
    /// reported once rather than as a cascade about `started` or `remaining`.
    #[serde(skip)]
    #[schemars(skip)]
    pub status_unread: bool,
}

/// One entry of `depends_on`: `- id` (finish-to-start, lag 0) or `{ id, type, lag }`.
#[derive(Debug, Clone)]
pub struct Dependency {
    pub id: String,
    pub relation: Relation,
    /// Working days in the successor's calendar; negative is a lead.
    pub lag: i64,
}

const DEPENDENCY_FIELDS: &[&str] = &["id", "type", "lag"];

impl<'de> Deserialize<'de> for Dependency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Dependency", DEPENDENCY_FIELDS, DependencyVisitor)
    }
}

struct DependencyVisitor;

impl<'de> Visitor<'de> for DependencyVisitor {
    type Value = Dependency;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a milestone id or a mapping with `id`, `type` and `lag`")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Dependency, E> {
        Ok(Dependency {
            id: id.to_string(),
            relation: Relation::Fs,
            lag: 0,
        })
    }

    fn visit_i64<E: de::Error>(self, id: i64) -> Result<Dependency, E> {
        self.visit_str(&id.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dependency, A::Error> {
        let (mut id, mut relation, mut lag) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => id = Some(map.next_value::<String>()?),
                "type" => relation = Some(map.next_value::<Relation>()?),
                "lag" => lag = Some(map.next_value::<i64>()?),
                other => return Err(de::Error::unknown_field(other, DEPENDENCY_FIELDS)),
            }
        }
        Ok(Dependency {
            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
            relation: relation.unwrap_or_default(),
            lag: lag.unwrap_or(0),
        })
    }
}

/// A risk to the schedule.
#[derive(Deserialize, JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    /// The risk's id, unique among risks.
    #[schemars(with = "Id")]
    pub id: String,
    /// A one-line title (default: the id).
    pub title: Option<String>,
    /// Who answers for the risk, as free text.
    pub owner: Option<String>,
    /// The chance it happens, 0..1 (0.4 means 40%).
    #[schemars(range(min = 0, max = 1))]
    pub probability: Option<f64>,
    /// Working days of delay to each affected item if it happens.
    #[schemars(range(min = 0))]
    pub impact_days: Option<i64>,
    /// The milestones (milestone ids) it would delay.
    #[schemars(with = "Option<Vec<Id>>")]
    pub affects: Option<Vec<String>>,
    /// The mitigation, as free text.
    pub mitigation: Option<String>,
    /// Where the risk stands (default: open).
    pub status: Option<RiskStatus>,
}

/// The top-level keys of a program file (the fields of [`RawFile`]).
pub const FILE_KEYS: &[&str] = &["sites", "clusters", "vendors", "milestones", "risks"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_ok());
        assert_eq!(
            parse_date("2026-02-30").unwrap_err(),
            "`2026-02-30` is not a calendar date"
        );
        assert!(parse_date("2026-2-3").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("2026/02/03").is_err());
    }
}
