//! The report's "Confidence" section: the program finish and each cluster's `ready_by`
//! with P50, P80 and the probability of making it (`milepost risk`), then the top drivers.
use super::markdown::render as table;
use super::report::{Report, code};
use super::{Cell, Grid};
use crate::analysis::risk_view::RiskView;
use crate::model::CommitmentKind;

/// Drivers named in the section.
const TOP: usize = 3;

pub(super) fn confidence(r: &Report<'_>) -> String {
    let Some(view) = r.confidence else {
        return "Not simulated.\n".into();
    };
    let mut grid = Grid {
        headers: vec![
            "commitment",
            "committed",
            "forecast",
            "P50",
            "P80",
            "probability",
        ],
        rows: Vec::new(),
        numeric: vec![5],
        flexible: vec![],
        drop_order: vec![],
    };
    if r.scope.is_all() {
        let p = &view.program;
        grid.rows.push(vec![
            Cell::plain("**program finish**"),
            Cell::plain(p.finish_by.map_or("—".into(), |d| d.0.to_string())),
            Cell::plain(p.dates.deterministic.0.to_string()),
            Cell::plain(p.dates.p50.0.to_string()),
            Cell::plain(p.dates.p80.0.to_string()),
            Cell::plain(p.probability.map_or("—".into(), percent)),
        ]);
    }
    for c in view
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::ReadyBy)
    {
        grid.rows.push(vec![
            Cell::plain(format!("{} ready_by", code(c.id.unwrap_or_default()))),
            Cell::plain(c.date.0.to_string()),
            Cell::plain(c.dates.deterministic.0.to_string()),
            Cell::plain(c.dates.p50.0.to_string()),
            Cell::plain(c.dates.p80.0.to_string()),
            Cell::plain(percent(c.probability)),
        ]);
    }
    let mut out = format!(
        "Monte Carlo over the schedule: {} iterations, seed {} (`milepost risk`; docs/risk.md).\n\n",
        view.iterations, view.seed
    );
    out.push_str(&table(&grid));
    out.push_str(&drivers(view));
    out
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// The top items (criticality × sensitivity) and risks (what mitigating them moves).
fn drivers(view: &RiskView<'_>) -> String {
    let items: Vec<String> = view
        .top_items
        .iter()
        .take(TOP)
        .map(|it| {
            format!(
                "{} (critical in {}, sensitivity {:.2})",
                code(it.id),
                percent(it.criticality),
                it.sensitivity.unwrap_or(0.0)
            )
        })
        .collect();
    let risks: Vec<String> = view
        .risks
        .iter()
        .filter(|x| x.p80_shift > 0)
        .take(TOP)
        .map(|x| {
            format!(
                "{} (P80 −{} working days if mitigated)",
                code(x.id),
                x.p80_shift
            )
        })
        .collect();
    let mut out = String::new();
    if !items.is_empty() {
        out.push_str(&format!("\n**Top drivers:** {}.\n", items.join(", ")));
    }
    if !risks.is_empty() {
        out.push_str(&format!(
            "\n**Risks that move the P80:** {}.\n",
            risks.join(", ")
        ));
    }
    out
}
