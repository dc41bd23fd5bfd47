//! How `status` looks: the milestone table with a one-line summary, and SPEC §3 records
//! as CSV.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone, csv, health_tone};
use crate::analysis::Health;
use crate::analysis::records::{MILESTONE_FIELDS, MilestoneRecord};
use crate::analysis::status::StatusView;

impl<'a> View for StatusView<'a> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let grid = Block::Grid(grid(self));
        let summary = summary(self);
        match medium {
            Medium::Terminal => vec![grid, Block::Text(summary + "\n")],
            Medium::Markdown => vec![grid, Block::Text(format!("\n{summary}\n"))],
        }
    }

    fn csv(&self) -> Option<Result<String, String>> {
        // The SPEC §3 fields only: baseline columns belong to the table.
        let plain = |m: &MilestoneRecord<'a>| MilestoneRecord {
            baseline_finish: None,
            variance: None,
            ..m.clone()
        };
        Some(csv::records(
            MILESTONE_FIELDS,
            self.milestones.iter().map(plain),
        ))
    }
}

fn grid(view: &StatusView<'_>) -> Grid {
    let rows = view.milestones.iter().map(row).collect();
    let mut grid = Grid {
        headers: vec![
            "", "id", "name", "owner", "start", "finish", "due", "float", "health",
        ],
        rows,
        numeric: vec![7],
        flexible: vec![2, 3],
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
    vec![
        Cell::toned(if m.critical { "*" } else { "" }, Tone::Bad),
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
    ]
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
    format!(
        "{} milestone{}: {} · {critical} critical · program finish {}",
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
