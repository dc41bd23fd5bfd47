//! JSON output (SPEC §3): dates `YYYY-MM-DD`, numbers in working days, absent = null.
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::analysis::Plan;
use crate::analysis::clusters::ClusterForecast;
use crate::load::raw::{Lifecycle, Status};

/// A date that serializes as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

fn date(d: Option<NaiveDate>) -> Option<Date> {
    d.map(Date)
}

/// The name of a status, as in the files.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not_started",
        Status::InProgress => "in_progress",
        Status::Done => "done",
    }
}

/// The name of a lifecycle stage, as in the files.
pub fn lifecycle_name(l: Lifecycle) -> &'static str {
    match l {
        Lifecycle::Planned => "planned",
        Lifecycle::Procuring => "procuring",
        Lifecycle::Deploying => "deploying",
        Lifecycle::Production => "production",
        Lifecycle::Retiring => "retiring",
        Lifecycle::Retired => "retired",
    }
}

#[derive(Serialize)]
struct ProgramJson<'a> {
    name: &'a str,
    today: Date,
    start: Date,
    finish: Date,
}

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
        status: status_name(m.status),
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
    }
}

fn to_string<T: Serialize>(value: &T) -> String {
    let mut out =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// `status --format json`: the program and the listed items (already in order).
pub fn status(plan: &Plan, items: &[usize]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        program: ProgramJson<'a>,
        milestones: Vec<MilestoneJson<'a>>,
    }
    let p = &plan.program;
    to_string(&Out {
        program: ProgramJson {
            name: &p.config.name,
            today: Date(plan.schedule.today),
            start: Date(p.config.start),
            finish: Date(plan.schedule.finish),
        },
        milestones: items.iter().map(|&i| milestone(plan, i)).collect(),
    })
}

/// `critical --format json`: `{"finish": DATE, "path": [ids]}`.
pub fn critical(plan: &Plan, path: &[usize]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        finish: Date,
        path: Vec<&'a str>,
    }
    to_string(&Out {
        finish: Date(plan.schedule.finish),
        path: path
            .iter()
            .map(|&i| plan.program.milestones[i].id.as_str())
            .collect(),
    })
}

/// `clusters --format json`.
pub fn clusters(plan: &Plan, forecasts: &[ClusterForecast]) -> String {
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
    }
    #[derive(Serialize)]
    struct Out<'a> {
        clusters: Vec<Row<'a>>,
    }
    let p = &plan.program;
    let rows = forecasts
        .iter()
        .map(|f| {
            let c = &p.clusters[f.cluster];
            Row {
                id: &c.id,
                site: &p.sites[c.site].id,
                gpu: c.gpu.as_deref(),
                gpus: c.gpus,
                allocated_gpus: c.allocated_gpus,
                lifecycle: lifecycle_name(c.lifecycle),
                ready_by: date(c.ready_by),
                forecast_ready: date(f.forecast_ready),
                slip: f.slip,
                health: f.health.map(|h| h.as_str()),
                milestones: f.milestones,
            }
        })
        .collect();
    to_string(&Out { clusters: rows })
}

/// Serializes any value as pretty JSON with a trailing newline.
pub fn value<T: Serialize>(value: &T) -> String {
    to_string(value)
}
