//! The `check` gate: which items violate the policy.
use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::SourceFile;
use crate::load::place::{Place, Resolver};
use std::collections::HashMap;

use crate::model::{CommitmentKind, FailOn};
use crate::schedule::late::Tag;

use super::{Health, Plan};

/// One policy violation.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub item: usize,
    pub health: Health,
}

/// Whether `health` is one of the classes in `fail_on`.
pub fn fails(health: Health, fail_on: &[FailOn]) -> bool {
    fail_on.iter().any(|f| {
        matches!(
            (f, health),
            (FailOn::Overdue, Health::Overdue)
                | (FailOn::Slipping, Health::Slipping)
                | (FailOn::AtRisk, Health::AtRisk)
        )
    })
}

/// Whether item `i` violates `fail_on`: its health is listed, or it is stale and
/// `stale` is listed.
pub fn item_fails(plan: &Plan, i: usize, fail_on: &[FailOn]) -> bool {
    fails(plan.assessments[i].health, fail_on)
        || (plan.schedule.items[i].stale && fail_on.contains(&FailOn::Stale))
}

/// The violations, worst first, then in topological order.
pub fn violations(plan: &Plan, fail_on: &[FailOn]) -> Vec<Violation> {
    let mut out: Vec<Violation> = plan
        .in_order()
        .filter(|&i| item_fails(plan, i, fail_on))
        .map(|item| Violation {
            item,
            health: plan.assessments[item].health,
        })
        .collect();
    out.sort_by_key(|v| std::cmp::Reverse(v.health));
    out
}

/// How a finding counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Fails the check (exit 1).
    Violation,
    /// Reported, does not fail (an at-risk item outside the policy).
    Warning,
}

/// One checked milestone (or the program itself, for a slipped finish).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// The item's health (`overdue`, ...), or `slip` for a forecast that moved later.
    pub class: &'static str,
    /// `None` when the item passed.
    pub severity: Option<Severity>,
    /// The cluster, else the site, else `program`: what CI tools group by.
    pub group: String,
    /// The file, relative to the repository root (the program root outside git): for
    /// CI tools and machine-readable output.
    #[serde(rename = "file")]
    pub path: Option<String>,
    /// The file as text output names it for a person: like diagnostics, relative to the
    /// current directory.
    #[serde(skip)]
    pub shown: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The commitment the item threatens (SPEC v2 `commitment`): `ready_by dfw1-h200`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<String>,
}

/// Everything `check` found.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    /// The findings (violations, then warnings), grouped by the commitment they
    /// threaten (the group with the worst row first; within it by class, then
    /// commitment float, then topological order); for JUnit, every checked item (passing ones last).
    pub rows: Vec<Row>,
    pub today: NaiveDate,
    pub fail_on: Vec<&'static str>,
    /// With `--fail-on-slip`: the base the change was compared with.
    pub slip_base: Option<String>,
    /// The missed commitments the violations threaten, at their date's line: CI
    /// annotations show each before its group (not counted as violations).
    pub commitment_lines: Vec<Row>,
    pub milestones: usize,
    /// The command that found them (`check`, `lint`), for titles in CI reports.
    pub command: &'static str,
}

impl Row {
    /// A violation of the program as a whole (no file position): `class` and `message`.
    pub fn program_violation(name: &str, class: &'static str, message: String) -> Row {
        Row {
            id: "program".into(),
            name: name.to_string(),
            class,
            severity: Some(Severity::Violation),
            group: "program".into(),
            path: None,
            shown: None,
            line: 0,
            column: 0,
            message,
            commitment: None,
        }
    }
}

impl CheckResult {
    /// The rows with this severity.
    pub fn with(&self, severity: Severity) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.severity == Some(severity))
    }

    /// Whether the check passed.
    pub fn ok(&self) -> bool {
        self.with(Severity::Violation).next().is_none()
    }
}

/// Which rows [`findings`] lists (and so locates in the files: at 100k items, placing
/// every at-risk warning costs more than the schedule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// The violations alone: what text output prints.
    Violations,
    /// The violations and the at-risk warnings.
    Findings,
    /// Every milestone, the passing ones last (JUnit has a testcase per item).
    EveryItem,
}

/// The findings as rows, violations then at-risk warnings (as `listing` asks).
pub fn findings(
    plan: &Plan,
    fail_on: &[FailOn],
    prefix: Option<&str>,
    listing: Listing,
) -> CheckResult {
    let p = &plan.program;
    let mut flagged = vec![false; p.milestones.len()];
    for v in violations(plan, fail_on) {
        flagged[v.item] = true;
    }
    let severity = |i: usize| {
        let health = plan.assessments[i].health;
        if flagged[i] {
            Some(Severity::Violation)
        } else if health == Health::AtRisk && !fails(health, fail_on) {
            Some(Severity::Warning)
        } else {
            None
        }
    };
    let shown: Vec<usize> = plan
        .in_order()
        .filter(|&i| match listing {
            Listing::EveryItem => true,
            Listing::Findings => severity(i).is_some(),
            Listing::Violations => severity(i) == Some(Severity::Violation),
        })
        .collect();
    let locs: Vec<_> = shown
        .iter()
        .map(|&i| p.milestones[i].origin.item())
        .collect();
    let mut places = vec![None; p.milestones.len()];
    for (i, place) in shown.iter().zip(Resolver::new(&p.files).places(&locs)) {
        places[*i] = place;
    }
    let rows: Vec<Ranked> = shown
        .into_iter()
        .map(|i| {
            let severity = severity(i);
            let rank = match severity {
                Some(Severity::Violation) => 4 - plan.assessments[i].health as u8,
                Some(Severity::Warning) => 10,
                None => 20,
            };
            let float = plan.schedule.items[i].commitment_float.unwrap_or(i64::MAX);
            Ranked {
                key: (rank, float),
                row: row(plan, i, severity, prefix, places[i]),
            }
        })
        .collect();
    let rows = worst_commitment_first(rows);
    CheckResult {
        commitment_lines: super::check_commitments::commitment_rows(plan, &rows, prefix),
        rows,
        today: plan.schedule.today,
        fail_on: fail_on.iter().map(|f| f.as_str()).collect(),
        slip_base: None,
        milestones: p.milestones.len(),
        command: "check",
    }
}

/// A row and how bad it is: (class rank, commitment float), smaller is worse.
struct Ranked {
    key: (u8, i64),
    row: Row,
}

/// The rows grouped by the commitment they threaten, the group with the worst row
/// first, each group worst first; rows keep their order (topological) on ties. Rows
/// of another severity never mix: a group's key is its worst row's class rank.
fn worst_commitment_first(rows: Vec<Ranked>) -> Vec<Row> {
    let mut worst: HashMap<(u8, Option<String>), (u8, i64)> = HashMap::new();
    let band = |r: &Ranked| (r.key.0 / 10, r.row.commitment.clone());
    for r in &rows {
        let w = worst.entry(band(r)).or_insert(r.key);
        *w = (*w).min(r.key);
    }
    let mut keyed: Vec<_> = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let b = band(&r);
            // The item whose own `due` the group threatens leads it on a tie.
            let other = r.row.commitment.as_deref() != Some(&format!("due {}", r.row.id));
            ((b.0, worst[&b], b.1, r.key, other, n), r.row)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// `ready_by dfw1-h200`, `due sjc2-handover`, `finish_by`: a commitment as the rows name it.
pub fn commitment_label(p: &crate::model::Program, tag: Tag) -> String {
    match tag.kind {
        CommitmentKind::Due => format!("due {}", p.milestones[tag.owner].id),
        CommitmentKind::ReadyBy => format!("ready_by {}", p.clusters[tag.owner].id),
        CommitmentKind::FinishBy => "finish_by".to_string(),
    }
}

pub(super) fn row(
    plan: &Plan,
    i: usize,
    severity: Option<Severity>,
    prefix: Option<&str>,
    place: Option<Place>,
) -> Row {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    let file = place.and_then(|(file, _, _)| p.files.get(file));
    let due = m.due.map(|d| format!("due {d}, ")).unwrap_or_default();
    let float = it
        .total_float
        .map(|f| format!(", float {f}"))
        .unwrap_or_default();
    let mut who: Vec<String> = m.owner.iter().map(|o| format!("owner {o}")).collect();
    who.extend(m.vendor.map(|v| format!("vendor {}", p.vendors[v].id)));
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" ({})", who.join(", "))
    };
    Row {
        id: m.id.clone(),
        name: m.name.clone(),
        // A healthy item that fails only for being stale says so.
        class: match plan.assessments[i].health {
            h if fails(h, &[FailOn::Overdue, FailOn::Slipping, FailOn::AtRisk])
                || !plan.schedule.items[i].stale =>
            {
                h.as_str()
            }
            _ => FailOn::Stale.as_str(),
        },
        severity,
        group: m
            .cluster
            .map(|c| p.clusters[c].id.clone())
            .or_else(|| p.site_of(m).map(|s| p.sites[s].id.clone()))
            .unwrap_or_else(|| "program".into()),
        path: file.map(|f| repo_path(f, prefix)),
        shown: file.map(|f| f.name.clone()),
        line: place.map_or(0, |(_, l, _)| l),
        column: place.map_or(0, |(_, _, c)| c),
        message: format!("{due}forecast finish {}{float}{who}", it.finish),
        commitment: it.commitment.map(|tag| commitment_label(p, tag)),
    }
}

/// A file's path from the repository root (`prefix` is the program's path in it), or
/// as shown when there is no repository.
pub fn repo_path(f: &SourceFile, prefix: Option<&str>) -> String {
    match prefix {
        Some("") => f.rel.clone(),
        Some(prefix) => format!("{prefix}/{}", f.rel),
        None => f.name.clone(),
    }
}
