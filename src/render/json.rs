//! JSON output (SPEC §3): dates `YYYY-MM-DD`, numbers in working days, absent = null.
use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::Plan;
use crate::analysis::baseline::{Baseline, Variance};
use crate::analysis::clusters::ClusterForecast;

pub use crate::model::Date;

fn date(d: Option<NaiveDate>) -> Option<Date> {
    d.map(Date)
}

#[derive(Serialize)]
struct ProgramJson<'a> {
    name: &'a str,
    today: Date,
    start: Date,
    finish: Date,
}

/// The fields of [`MilestoneJson`], in order: SPEC §3's milestone record.
pub const MILESTONE_FIELDS: &[&str] = &[
    "id",
    "name",
    "site",
    "cluster",
    "vendor",
    "owner",
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
    "health",
];

/// One milestone in SPEC §3's shape.
#[derive(Serialize)]
pub struct MilestoneJson<'a> {
    id: &'a str,
    name: &'a str,
    site: Option<&'a str>,
    cluster: Option<&'a str>,
    vendor: Option<&'a str>,
    owner: Option<&'a str>,
    status: &'static str,
    duration: i64,
    start: Date,
    finish: Date,
    late_start: Option<Date>,
    late_finish: Option<Date>,
    total_float: Option<i64>,
    critical: bool,
    due: Option<Date>,
    slip: i64,
    health: &'static str,
    /// With a baseline only: the baseline's finish, and the variance in working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_finish: Option<Option<Date>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variance: Option<Option<i64>>,
}

impl MilestoneJson<'_> {
    /// Adds the baseline fields.
    pub fn with_baseline(mut self, v: Option<Variance>) -> Self {
        if let Some(v) = v {
            self.baseline_finish = Some(v.baseline_finish.map(Date));
            self.variance = Some(v.variance);
        }
        self
    }
}

/// The SPEC §3 record of item `i`.
pub fn milestone(plan: &Plan, i: usize) -> MilestoneJson<'_> {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    let a = &plan.assessments[i];
    MilestoneJson {
        id: &m.id,
        name: &m.name,
        site: p.site_of(m).map(|s| p.sites[s].id.as_str()),
        cluster: m.cluster.map(|c| p.clusters[c].id.as_str()),
        vendor: m.vendor.map(|v| p.vendors[v].id.as_str()),
        owner: m.owner.as_deref(),
        status: m.status.as_str(),
        duration: m.duration,
        start: Date(it.start),
        finish: Date(it.finish),
        late_start: date(it.late_start),
        late_finish: date(it.late_finish),
        total_float: it.total_float,
        critical: a.critical,
        due: date(m.due),
        slip: a.slip,
        health: a.health.as_str(),
        baseline_finish: None,
        variance: None,
    }
}

fn to_string<T: Serialize>(value: &T) -> String {
    let mut out =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// `status --format json`: the program and the listed items (already in order), with
/// baseline fields when there is a baseline.
pub fn status(plan: &Plan, items: &[usize], baseline: Option<&Baseline>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_status(&mut out, plan, items, baseline);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams `status --format json` to `w`, one milestone at a time (no copy of the whole
/// document in memory: 100k items are about 47 MB of JSON).
pub fn write_status(
    w: impl std::io::Write,
    plan: &Plan,
    items: &[usize],
    baseline: Option<&Baseline>,
) -> serde_json::Result<()> {
    struct Milestones<'a> {
        plan: &'a Plan,
        items: &'a [usize],
        baseline: Option<&'a Baseline>,
    }
    impl Serialize for Milestones<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.items.iter().map(|&i| {
                milestone(self.plan, i).with_baseline(self.baseline.map(|b| b.item(self.plan, i)))
            }))
        }
    }
    #[derive(Serialize)]
    struct Out<'a> {
        program: ProgramJson<'a>,
        milestones: Milestones<'a>,
    }
    let p = &plan.program;
    let out = Out {
        program: ProgramJson {
            name: &p.config.name,
            today: Date(plan.schedule.today),
            start: Date(p.config.start),
            finish: Date(plan.schedule.finish),
        },
        milestones: Milestones {
            plan,
            items,
            baseline,
        },
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, &out)?;
    std::io::Write::write_all(&mut w, b"\n").map_err(serde_json::Error::io)?;
    std::io::Write::flush(&mut w).map_err(serde_json::Error::io)
}

/// `critical --format json`: `{"finish": DATE, "path": [ids]}`.
pub fn critical(plan: &Plan, path: &[usize], baseline: Option<&Baseline>) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        finish: Date,
        path: Vec<&'a str>,
        /// With a baseline: the baseline's program finish and the variance to it.
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline_finish: Option<Option<Date>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        variance: Option<Option<i64>>,
    }
    let v = baseline.map(|b| b.program(plan));
    to_string(&Out {
        baseline_finish: v.map(|v| v.baseline_finish.map(Date)),
        variance: v.map(|v| v.variance),
        finish: Date(plan.schedule.finish),
        path: path
            .iter()
            .map(|&i| plan.program.milestones[i].id.as_str())
            .collect(),
    })
}

/// `clusters --format json`.
pub fn clusters(
    plan: &Plan,
    forecasts: &[ClusterForecast],
    baseline: Option<&[Variance]>,
) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        site: &'a str,
        gpu: Option<&'a str>,
        gpus: u64,
        allocated_gpus: u64,
        lifecycle: &'static str,
        ready_by: Option<Date>,
        forecast_ready: Option<Date>,
        slip: i64,
        health: Option<&'static str>,
        milestones: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline_finish: Option<Option<Date>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        variance: Option<Option<i64>>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        clusters: Vec<Row<'a>>,
    }
    let p = &plan.program;
    let rows = forecasts
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let c = &p.clusters[f.cluster];
            Row {
                id: &c.id,
                site: &p.sites[c.site].id,
                gpu: c.gpu.as_deref(),
                gpus: c.gpus,
                allocated_gpus: c.allocated_gpus,
                lifecycle: c.lifecycle.as_str(),
                ready_by: date(c.ready_by),
                forecast_ready: date(f.forecast_ready),
                slip: f.slip,
                health: f.health.map(|h| h.as_str()),
                milestones: f.milestones,
                baseline_finish: baseline.map(|b| b[n].baseline_finish.map(Date)),
                variance: baseline.map(|b| b[n].variance),
            }
        })
        .collect();
    to_string(&Out { clusters: rows })
}

/// Serializes any value as pretty JSON with a trailing newline.
pub fn value<T: Serialize>(value: &T) -> String {
    to_string(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestone_fields_name_the_record_keys() {
        let day = Date(NaiveDate::MIN);
        let record = MilestoneJson {
            id: "a",
            name: "A",
            site: None,
            cluster: None,
            vendor: None,
            owner: None,
            status: crate::model::Status::Done.as_str(),
            duration: 0,
            start: day,
            finish: day,
            late_start: None,
            late_finish: None,
            total_float: None,
            critical: false,
            due: None,
            slip: 0,
            health: crate::model::Health::Done.as_str(),
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
