//! How `status` looks: the milestone table with a one-line summary, and SPEC §3 records
//! as CSV.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone, csv, health_tone};
use crate::analysis::Health;
use crate::analysis::records::{MILESTONE_FIELDS, MilestoneRecord};
use crate::analysis::status::StatusView;
use crate::model::{CommitmentKind, Date};

impl View for StatusView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let grid = Block::Grid(grid(self));
        let summary = summary(self);
        let threatened = threatened(self);
        match medium {
            Medium::Terminal => vec![grid, Block::Text(summary + "\n" + &threatened)],
            Medium::Markdown => vec![grid, Block::Text(format!("\n{summary}\n{threatened}"))],
        }
    }

    fn csv(&self) -> Option<Result<String, String>> {
        Some(milestones_csv(&self.milestones))
    }
}

/// The CSV columns of a milestone: SPEC §3's fields, the commitment spread over three.
pub fn csv_fields() -> Vec<&'static str> {
    MILESTONE_FIELDS
        .iter()
        .flat_map(|&f| match f {
            "commitment" => vec!["commitment_kind", "commitment_id", "commitment_date"],
            _ => vec![f],
        })
        .collect()
}

/// A milestone record flattened for CSV (a cell holds no object): the commitment
/// spread over three columns.
#[derive(serde::Serialize)]
struct CsvMilestone<'a> {
    id: &'a str,
    name: &'a str,
    site: Option<&'a str>,
    cluster: Option<&'a str>,
    vendor: Option<&'a str>,
    owner: Option<&'a str>,
    calendar: &'a str,
    status: crate::model::Status,
    duration: i64,
    start: Date,
    finish: Date,
    late_start: Option<Date>,
    late_finish: Option<Date>,
    total_float: Option<i64>,
    critical: bool,
    due: Option<Date>,
    slip: i64,
    commitment_float: Option<i64>,
    commitment_kind: Option<CommitmentKind>,
    commitment_id: Option<&'a str>,
    commitment_date: Option<Date>,
    stale: bool,
    health: Health,
}

/// SPEC §3 records as CSV, one row per milestone (`status`, `export --format csv`).
pub fn milestones_csv(records: &[MilestoneRecord<'_>]) -> Result<String, String> {
    let rows = records.iter().map(|m| CsvMilestone {
        id: m.id,
        name: m.name,
        site: m.site,
        cluster: m.cluster,
        vendor: m.vendor,
        owner: m.owner,
        calendar: m.calendar,
        status: m.status,
        duration: m.duration,
        start: m.start,
        finish: m.finish,
        late_start: m.late_start,
        late_finish: m.late_finish,
        total_float: m.total_float,
        critical: m.critical,
        due: m.due,
        slip: m.slip,
        commitment_float: m.commitment_float,
        commitment_kind: m.commitment.map(|c| c.kind),
        commitment_id: m.commitment.and_then(|c| c.id),
        commitment_date: m.commitment.map(|c| c.date),
        stale: m.stale,
        health: m.health,
    });
    csv::records(&csv_fields(), rows)
}

fn grid(view: &StatusView<'_>) -> Grid {
    let rows = view.milestones.iter().map(row).collect();
    let mut grid = Grid {
        headers: vec![
            "",
            "id",
            "name",
            "owner",
            "start",
            "finish",
            "due",
            "float",
            "health",
            "threatens",
        ],
        rows,
        numeric: vec![7],
        // `threatens` is kept whole (a cut id names nothing); the name gives way first.
        flexible: vec![2, 3],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // the mark, id, finish and health always stay.
        // `threatens` goes before `owner`: the lines under the table name the
        // threatened commitments too, and whom to call is not said anywhere else.
        drop_order: vec![
            "start",
            "threatens",
            "owner",
            "due",
            "baseline",
            "float",
            "name",
            "var",
        ],
    };
    if view.baseline {
        grid.push_baseline_records(
            view.milestones
                .iter()
                .map(|m| (m.baseline_finish, m.variance)),
        );
    }
    grid
}

fn row(m: &MilestoneRecord<'_>) -> Vec<Cell> {
    let text = |d: Option<crate::model::Date>| d.map(|d| d.0.to_string()).unwrap_or_default();
    // `*` critical, `!` stale: in progress and its recorded forecast has passed.
    let marker = match (m.critical, m.stale) {
        (true, true) => "*!",
        (true, false) => "*",
        (false, true) => "!",
        (false, false) => "",
    };
    vec![
        Cell::toned(marker, Tone::Bad),
        Cell::plain(m.id),
        Cell::plain(m.name),
        Cell::plain(m.owner.unwrap_or("")),
        Cell::plain(m.start.0.to_string()),
        Cell::plain(m.finish.0.to_string()),
        Cell::plain(text(m.due)),
        Cell::toned(
            m.total_float.map(|f| f.to_string()).unwrap_or_default(),
            if m.total_float.is_some_and(|f| f < 0) {
                Tone::Bad
            } else {
                Tone::Plain
            },
        ),
        Cell::toned(m.health.as_str(), health_tone(m.health)),
        Cell::toned(threatens(m), health_tone(m.health)),
    ]
}

/// The commitment an at-risk, slipping or overdue row threatens: `own due`, another
/// milestone's id (its `due`), `ready_by CLUSTER` or `finish_by`; empty for any other
/// row. (The lines under the table name each with its kind and float.)
fn threatens(m: &MilestoneRecord<'_>) -> String {
    let worrying = matches!(
        m.health,
        Health::AtRisk | Health::Slipping | Health::Overdue
    );
    match (m.commitment, worrying) {
        (Some(c), true) if c.kind == CommitmentKind::Due && c.id == Some(m.id) => {
            "own due".to_string()
        }
        (Some(c), true) => match (c.kind, c.id) {
            (CommitmentKind::Due, Some(id)) => id.to_string(),
            (kind, Some(id)) => format!("{kind} {id}"),
            (kind, None) => kind.to_string(),
        },
        _ => String::new(),
    }
}

/// `threatened: ready_by dfw1-h200 (7 items), due tpe1-h200-handover (9 items)`: the
/// commitments that at-risk, slipping and overdue items threaten (as the `threatens`
/// column), worst first; empty when none.
fn threatened(view: &StatusView<'_>) -> String {
    let mut found: Vec<(i64, String, usize)> = Vec::new();
    for m in &view.milestones {
        let worrying = matches!(
            m.health,
            Health::AtRisk | Health::Slipping | Health::Overdue
        );
        let (Some(c), Some(cf), true) = (m.commitment, m.commitment_float, worrying) else {
            continue;
        };
        let name = match c.id {
            Some(id) => format!("{} {id}", c.kind),
            None => c.kind.to_string(),
        };
        match found.iter_mut().find(|(_, n, _)| *n == name) {
            Some(entry) => {
                entry.0 = entry.0.min(cf);
                entry.2 += 1;
            }
            None => found.push((cf, name, 1)),
        }
    }
    found.sort();
    if found.is_empty() {
        return String::new();
    }
    let mut out = String::from("threatened commitments, worst first:\n");
    for (cf, name, n) in found {
        let items = if n == 1 { "item" } else { "items" };
        out.push_str(&format!("  {name}: {n} {items}, float {cf}\n"));
    }
    out
}

/// `48 milestones: 12 done, 20 on_track, … · 3 critical · program finish 2027-05-14`.
fn summary(view: &StatusView<'_>) -> String {
    let rows = &view.milestones;
    let counts: Vec<String> = Health::ALL
        .iter()
        .map(|h| (h, rows.iter().filter(|m| m.health == *h).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(h, n)| format!("{n} {h}"))
        .collect();
    let critical = rows.iter().filter(|m| m.critical).count();
    let stale = match rows.iter().filter(|m| m.stale).count() {
        0 => String::new(),
        n => format!(" · {n} stale (!)"),
    };
    let committed = match view.program.finish_by {
        Some(d) => format!(" · committed finish_by {}", d.0),
        None => String::new(),
    };
    format!(
        "{} milestone{}: {} · {critical} critical{stale}\nprogram finish {}{committed}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        },
        view.program.finish.0
    )
}
