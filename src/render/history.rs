//! How `history` looks: one row per change, then how often the finish slipped.
use super::view::{Block, Medium, View};
use super::{Cell, Grid};
use crate::analysis::history::{HistoryEntry, HistoryView};
use crate::model::Date;

impl View for HistoryView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let (count, n) = (self.slips, self.changes);
        let summary = format!(
            "{}: finish moved later {count} time{} in {n} change{}, {} working days in all\n",
            self.id,
            if count == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
            self.slipped_days
        );
        let grid = Block::Grid(grid(&self.entries));
        match medium {
            Medium::Terminal => vec![grid, Block::Text(summary)],
            Medium::Markdown => vec![grid, Block::Text(format!("\n{summary}"))],
        }
    }

    fn csv(&self) -> Option<Result<String, String>> {
        None
    }
}

fn grid(entries: &[HistoryEntry]) -> Grid {
    let date = |d: Option<Date>| d.map_or(String::new(), |d| d.0.to_string());
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::plain(&e.commit),
                Cell::plain(e.date.0.to_string()),
                Cell::plain(&e.author),
                Cell::plain(&e.subject),
                Cell::plain(e.change.as_str()),
                Cell::plain(date(e.due)),
                Cell::plain(e.duration.map_or(String::new(), |d| d.to_string())),
                Cell::plain(e.status.unwrap_or("")),
                Cell::plain(date(e.finish)),
                Cell::plain(if e.delta == 0 {
                    String::new()
                } else {
                    format!("{:+}", e.delta)
                }),
                Cell::plain(e.total_float.map_or(String::new(), |f| f.to_string())),
            ]
        })
        .collect();
    Grid {
        headers: vec![
            "commit", "date", "author", "subject", "change", "due", "duration", "status", "finish",
            "Δ", "float",
        ],
        rows,
        numeric: vec![6, 9, 10],
        // Only the subject is cut: the author goes whole or not at all, so the subject
        // keeps its width (a commit subject cut to 8 characters says nothing).
        flexible: vec![3],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // commit, finish and Δ always stay.
        drop_order: vec![
            "duration", "author", "status", "due", "date", "subject", "change", "float",
        ],
    }
}
