//! Vendor accountability as a grid (table, markdown, the report), JSON and CSV.
use serde::Serialize;

use super::kpi::{days, percent};
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone, health_tone};
use crate::analysis::Plan;
use crate::analysis::vendor_threats::ThreatRecord;
use crate::analysis::vendors::{VendorRecord, VendorScore, VendorsView};

/// How wide a vendor grid may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Every column (markdown: the report, wiki pages).
    Full,
    /// For a terminal: no name, the worst item's health in a column of its own, quoted
    /// and actual lead time in one column.
    Compact,
}

/// One row per vendor, in the given (worst-first) order.
pub fn grid(plan: &Plan, scores: &[VendorScore], layout: Layout) -> Grid {
    let p = &plan.program;
    let rows = scores
        .iter()
        .map(|s| {
            let v = &p.vendors[s.vendor];
            let (ok, of) = (s.on_time.on_time, s.on_time.done_with_due);
            let on_time = match (s.on_time.ratio, layout) {
                (Some(r), Layout::Full) => format!("{} ({ok}/{of})", percent(Some(r))),
                (Some(r), Layout::Compact) => format!("{} {ok}/{of}", percent(Some(r))),
                (None, _) => "—".into(),
            };
            let health = s.worst_open.map(|i| plan.assessments[i].health);
            let worst = match (s.worst_open, health, layout) {
                (Some(i), Some(h), Layout::Full) => {
                    Cell::toned(format!("{} ({h})", p.milestones[i].id), health_tone(h))
                }
                (Some(i), Some(h), Layout::Compact) => {
                    Cell::toned(&p.milestones[i].id, health_tone(h))
                }
                _ => Cell::plain(""),
            };
            let quoted = s.quoted_lead_days.map_or("—".into(), |d| d.to_string());
            let actual = match s.actual_lead_days {
                Some(d) => format!("{} ({})", days(Some(d.round())), s.lead_samples),
                None => "—".into(),
            };
            let threatens = threatens(s, layout);
            let mut row = vec![Cell::plain(&v.id)];
            if layout == Layout::Full {
                row.push(Cell::plain(&v.name));
            }
            row.extend([
                Cell::plain(s.items.to_string()),
                Cell::plain(s.done.to_string()),
                Cell::plain(s.open.to_string()),
                Cell::plain(on_time),
                Cell::plain(s.mean_days_late.map_or("—".into(), |d| format!("{d:.1}"))),
                Cell::toned(
                    s.forecast_slip.to_string(),
                    if s.forecast_slip > 0 {
                        Tone::Bad
                    } else {
                        Tone::Plain
                    },
                ),
            ]);
            row.extend([commitment_float(s), threatens, worst]);
            match layout {
                Layout::Full => row.extend([Cell::plain(quoted), Cell::plain(actual)]),
                Layout::Compact => row.extend([
                    health.map_or_else(
                        || Cell::plain(""),
                        |h| Cell::toned(h.as_str(), health_tone(h)),
                    ),
                    Cell::plain(format!("{quoted} / {actual}")),
                ]),
            }
            row
        })
        .collect();
    match layout {
        Layout::Full => Grid {
            headers: vec![
                "vendor",
                "name",
                "items",
                "done",
                "open",
                "on time",
                "days late",
                "slip",
                "commitment float",
                "threatens",
                "worst open item",
                "lead quoted",
                "lead actual",
            ],
            rows,
            numeric: vec![2, 3, 4, 6, 7, 8, 11, 12],
            flexible: vec![1, 9, 10],
            drop_order: vec![],
        },
        Layout::Compact => Grid {
            headers: vec![
                "vendor",
                "items",
                "done",
                "open",
                "on time",
                "late",
                "slip",
                "cf",
                "threatens",
                "worst open item",
                "health",
                "lead q / a",
            ],
            rows,
            numeric: vec![1, 2, 3, 5, 6, 7],
            // `threatens` is kept whole: a cut id names no commitment.
            flexible: vec![9],
            // Hidden first when too wide (docs/cli.md, "Tables");
            // vendor and on time always stay.
            drop_order: vec![
                "lead q / a",
                "items",
                "done",
                "open",
                "late",
                "health",
                "worst open item",
                "threatens",
                "slip",
                "cf",
            ],
        },
    }
}

/// The commitments a vendor's open items threaten, toned by the worst: all of them with
/// their floats in the full layout; in the compact one the worst (its float is in the
/// `cf` column) and how many more.
fn threatens(s: &VendorScore, layout: Layout) -> Cell {
    let Some(worst) = s.threats.first() else {
        return Cell::plain("");
    };
    let text = match layout {
        Layout::Full => {
            let all: Vec<String> = s
                .threats
                .iter()
                .map(|t| format!("{} {}", t.label, t.float))
                .collect();
            all.join(", ")
        }
        Layout::Compact => match s.threats.len() {
            1 => worst.label.clone(),
            n => format!("{} (+{})", worst.label, n - 1),
        },
    };
    Cell::toned(text, float_tone(worst.float))
}

/// A commitment float's tone: bad below zero, a warning when it is a threat at all.
fn float_tone(float: i64) -> Tone {
    if float < 0 { Tone::Bad } else { Tone::Warn }
}

/// The least commitment float, toned when it threatens a commitment.
fn commitment_float(s: &VendorScore) -> Cell {
    match (s.commitment_float, s.threats.first()) {
        (Some(f), Some(_)) => Cell::toned(f.to_string(), float_tone(f)),
        (Some(f), None) => Cell::plain(f.to_string()),
        (None, _) => Cell::plain("—"),
    }
}

impl View for VendorsView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let layout = match medium {
            Medium::Terminal => Layout::Compact,
            Medium::Markdown => Layout::Full,
        };
        vec![Block::Grid(grid(self.plan, &self.scores, layout))]
    }

    fn csv(&self) -> Option<Result<String, String>> {
        Some(csv(&self.vendors))
    }
}

/// The columns of the vendor CSV.
pub const CSV_FIELDS: &[&str] = &[
    "id",
    "name",
    "category",
    "items",
    "deliveries",
    "done",
    "open",
    "on_time_ratio",
    "done_with_due",
    "on_time",
    "mean_days_late",
    "forecast_slip",
    "late_open",
    "commitment_float",
    "threatens",
    "worst_open",
    "worst_open_health",
    "quoted_lead_days",
    "actual_lead_days",
    "lead_samples",
];

#[derive(Serialize)]
struct CsvRow<'a> {
    id: &'a str,
    name: &'a str,
    category: &'static str,
    items: usize,
    deliveries: usize,
    done: usize,
    open: usize,
    on_time_ratio: Option<f64>,
    done_with_due: usize,
    on_time: usize,
    mean_days_late: Option<f64>,
    forecast_slip: i64,
    late_open: usize,
    commitment_float: Option<i64>,
    threatens: String,
    worst_open: Option<&'a str>,
    worst_open_health: Option<&'static str>,
    quoted_lead_days: Option<u64>,
    actual_lead_days: Option<f64>,
    lead_samples: usize,
}

/// One CSV record per vendor, worst first.
pub fn csv(records: &[VendorRecord<'_>]) -> Result<String, String> {
    let rows = records.iter().map(|r| CsvRow {
        id: r.id,
        name: r.name,
        category: r.category.as_str(),
        items: r.items,
        deliveries: r.deliveries,
        done: r.done,
        open: r.open,
        on_time_ratio: r.on_time.ratio,
        done_with_due: r.on_time.done_with_due,
        on_time: r.on_time.on_time,
        mean_days_late: r.mean_days_late,
        forecast_slip: r.forecast_slip,
        late_open: r.late_open,
        commitment_float: r.commitment_float,
        threatens: threatens_csv(&r.threatens),
        worst_open: r.worst_open.as_ref().map(|w| w.id),
        worst_open_health: r.worst_open.as_ref().map(|w| w.health.as_str()),
        quoted_lead_days: r.lead_time.quoted_days,
        actual_lead_days: r.lead_time.actual_days,
        lead_samples: r.lead_time.samples,
    });
    super::csv::records(CSV_FIELDS, rows)
}

/// `due dfw1-h200-handover -4; ready_by tpe1-h200 3`: the threatened commitments in one
/// CSV field, worst first.
fn threatens_csv(threats: &[ThreatRecord<'_>]) -> String {
    let labels: Vec<String> = threats
        .iter()
        .map(|t| {
            let c = &t.commitment;
            match c.id {
                Some(id) => format!("{} {id} {}", c.kind, t.commitment_float),
                None => format!("{} {}", c.kind, t.commitment_float),
            }
        })
        .collect();
    labels.join("; ")
}
