//! The records of SPEC §3, shared by every view that lists milestones (status, show,
//! exports): dates `YYYY-MM-DD`, numbers in working days, absent = null.
use chrono::NaiveDate;
use serde::Serialize;

use super::Plan;
use super::baseline::Variance;
use crate::model::{CommitmentKind, Date, Health, Program, Status};
use crate::schedule::late::{Tag, tag_id};

fn date(d: Option<NaiveDate>) -> Option<Date> {
    d.map(Date)
}

/// The program line of `status --format json`.
#[derive(Serialize)]
pub struct ProgramRecord<'a> {
    pub name: &'a str,
    pub today: Date,
    pub start: Date,
    pub finish: Date,
    /// `[program] finish_by`, the program's own commitment.
    pub finish_by: Option<Date>,
}

/// The commitment that binds an item (SPEC §2): what it is, whose, and its date.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitmentRecord<'a> {
    pub kind: CommitmentKind,
    /// The milestone (`due`) or cluster (`ready_by`); null for `finish_by`.
    pub id: Option<&'a str>,
    pub date: Date,
}

impl<'a> CommitmentRecord<'a> {
    /// The record of a scheduled commitment.
    pub fn of(program: &'a Program, tag: &Tag) -> CommitmentRecord<'a> {
        CommitmentRecord {
            kind: tag.kind,
            id: tag_id(program, tag),
            date: Date(tag.date),
        }
    }
}

/// The fields of [`MilestoneRecord`], in order: SPEC §3's milestone record.
pub const MILESTONE_FIELDS: &[&str] = &[
    "id",
    "name",
    "site",
    "cluster",
    "vendor",
    "owner",
    "calendar",
    "status",
    "duration",
    "start",
    "finish",
    "late_start",
    "late_finish",
    "total_float",
    "critical",
    "due",
    "slip",
    "commitment_float",
    "commitment",
    "stale",
    "health",
];

/// One milestone in SPEC §3's shape.
#[derive(Serialize, Clone)]
pub struct MilestoneRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub site: Option<&'a str>,
    pub cluster: Option<&'a str>,
    pub vendor: Option<&'a str>,
    pub owner: Option<&'a str>,
    /// The calendar its working days count in: a region key, `program` or `elapsed`.
    pub calendar: &'a str,
    pub status: Status,
    pub duration: i64,
    pub start: Date,
    pub finish: Date,
    pub late_start: Option<Date>,
    pub late_finish: Option<Date>,
    pub total_float: Option<i64>,
    pub critical: bool,
    pub due: Option<Date>,
    pub slip: i64,
    pub commitment_float: Option<i64>,
    pub commitment: Option<CommitmentRecord<'a>>,
    pub stale: bool,
    pub health: Health,
    /// With a baseline only: the baseline's finish, and the variance in working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<Option<Date>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variance: Option<Option<i64>>,
}

impl MilestoneRecord<'_> {
    /// Adds the baseline fields.
    pub fn with_baseline(mut self, v: Option<Variance>) -> Self {
        if let Some(v) = v {
            self.baseline_finish = Some(v.baseline_finish.map(Date));
            self.variance = Some(v.variance);
        }
        self
    }
}

impl<'a> MilestoneRecord<'a> {
    /// The SPEC §3 record of item `i`.
    pub fn of(plan: &'a Plan, i: usize) -> MilestoneRecord<'a> {
        let p = &plan.program;
        let m = &p.milestones[i];
        let it = &plan.schedule.items[i];
        let a = &plan.assessments[i];
        MilestoneRecord {
            id: &m.id,
            name: &m.name,
            site: p.site_of(m).map(|s| p.sites[s].id.as_str()),
            cluster: m.cluster.map(|c| p.clusters[c].id.as_str()),
            vendor: m.vendor.map(|v| p.vendors[v].id.as_str()),
            owner: m.owner.as_deref(),
            calendar: &p.calendar_names[m.calendar],
            status: m.status,
            duration: m.duration,
            start: Date(it.start),
            finish: Date(it.finish),
            late_start: date(it.late_start),
            late_finish: date(it.late_finish),
            total_float: it.total_float,
            critical: a.critical,
            due: date(m.due),
            slip: a.slip,
            commitment_float: it.commitment_float,
            commitment: it.commitment.as_ref().map(|t| CommitmentRecord::of(p, t)),
            stale: it.stale,
            health: a.health,
            baseline_finish: None,
            variance: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestone_fields_name_the_record_keys() {
        let day = Date(NaiveDate::MIN);
        let record = MilestoneRecord {
            id: "a",
            name: "A",
            site: None,
            cluster: None,
            vendor: None,
            owner: None,
            calendar: "program",
            status: Status::Done,
            duration: 0,
            start: day,
            finish: day,
            late_start: None,
            late_finish: None,
            total_float: None,
            critical: false,
            due: None,
            slip: 0,
            commitment_float: None,
            commitment: None,
            stale: false,
            health: Health::Done,
            baseline_finish: None,
            variance: None,
        };
        let value = serde_json::to_value(&record).unwrap_or_default();
        let keys: Vec<&str> = value
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys, MILESTONE_FIELDS);
    }
}
