//! The program file format as written (SPEC §1): the types the loader reads YAML into.
//!
//! These are the single source of truth for the format: unknown keys are rejected
//! (`deny_unknown_fields`), closed sets are enums. References are still plain ids here;
//! `validate` resolves them.
use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

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

/// A site: a data center, owned or a partner's colocation space.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub id: String,
    pub name: Option<String>,
    /// A `[calendar.regions.X]` key: the site's holiday calendar.
    pub region: Option<String>,
    pub timezone: Option<String>,
    /// The colocation vendor when this is a partner site.
    pub partner: Option<String>,
    pub power_mw: Option<f64>,
    pub country: Option<String>,
}

/// A GPU cluster at a site.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawCluster {
    pub id: String,
    pub site: String,
    pub gpu: Option<String>,
    pub gpus: Option<u64>,
    pub lifecycle: Option<Lifecycle>,
    pub allocated_gpus: Option<u64>,
    /// Committed production date.
    pub ready_by: Option<Date>,
    pub retire_by: Option<Date>,
    pub customer: Option<String>,
}

/// Where a cluster stands in its life.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    #[default]
    Planned,
    Procuring,
    Deploying,
    Production,
    Retiring,
    Retired,
}

/// A supplier or partner.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawVendor {
    pub id: String,
    pub name: Option<String>,
    pub category: Option<Category>,
    pub timezone: Option<String>,
    pub contact: Option<String>,
    /// Quoted lead time, in calendar days.
    pub lead_time_days: Option<u64>,
    pub contract: Option<String>,
}

/// What a vendor supplies.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Oem,
    Network,
    Optics,
    Facility,
    Power,
    Cooling,
    Colo,
    Logistics,
    Software,
    #[default]
    Other,
}

/// A unit of work (duration >= 1) or a milestone event (duration 0).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    pub id: String,
    pub name: Option<String>,
    pub cluster: Option<String>,
    pub site: Option<String>,
    pub vendor: Option<String>,
    pub owner: Option<String>,
    pub kind: Option<Kind>,
    /// Working days; 0 makes it a milestone event.
    pub duration: Option<i64>,
    pub depends_on: Option<Vec<Dependency>>,
    pub start_no_earlier: Option<Date>,
    /// Committed date: the item must finish by the end of this day.
    pub due: Option<Date>,
    pub status: Option<Status>,
    pub started: Option<Date>,
    pub finished: Option<Date>,
    /// In progress only: working days left, counted from today.
    pub remaining: Option<i64>,
    pub notes: Option<String>,
    pub links: Option<Vec<String>>,
}

/// What kind of work a milestone is.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Procurement,
    Delivery,
    Facility,
    Deployment,
    Acceptance,
    Handover,
    Retirement,
    #[default]
    Other,
}

/// Progress of a milestone.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

/// The type of a dependency relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Relation {
    /// Finish-to-start.
    #[default]
    Fs,
    /// Start-to-start.
    Ss,
    /// Finish-to-finish.
    Ff,
    /// Start-to-finish.
    Sf,
}

impl<'de> Deserialize<'de> for Relation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.to_ascii_uppercase().as_str() {
            "FS" => Ok(Relation::Fs),
            "SS" => Ok(Relation::Ss),
            "FF" => Ok(Relation::Ff),
            "SF" => Ok(Relation::Sf),
            _ => Err(de::Error::custom(format!(
                "unknown relation type `{text}`; expected FS, SS, FF or SF"
            ))),
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Fs => "FS",
            Relation::Ss => "SS",
            Relation::Ff => "FF",
            Relation::Sf => "SF",
        })
    }
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
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    /// 0..1.
    pub probability: Option<f64>,
    /// Working days of delay to each affected item if it happens.
    pub impact_days: Option<i64>,
    pub affects: Option<Vec<String>>,
    pub mitigation: Option<String>,
    pub status: Option<RiskStatus>,
}

/// Where a risk stands.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    #[default]
    Open,
    Mitigated,
    Closed,
}

/// The top-level keys of a program file.
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
