//! How `critical` looks: a headline, then the path as a table.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone};
use crate::analysis::critical::CriticalView;
use crate::analysis::records::MilestoneRecord;

impl View for CriticalView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let n = self.path.len();
        let headline = format!(
            "critical path: {n} item{} with no float; program finish {}",
            if n == 1 { "" } else { "s" },
            self.finish.0
        );
        let grid = Block::Grid(grid(self));
        match medium {
            Medium::Terminal => vec![Block::Text(headline + "\n"), grid],
            Medium::Markdown => vec![Block::Text(format!("**{headline}**\n\n")), grid],
        }
    }
}

fn grid(view: &CriticalView<'_>) -> Grid {
    let mut grid = Grid {
        headers: vec![
            "#", "id", "name", "start", "finish", "float", "owner", "cluster",
        ],
        rows: view.items.iter().enumerate().map(row).collect(),
        numeric: vec![0, 5],
        flexible: vec![2, 6, 7],
    };
    if view.baseline {
        grid.push_baseline_records(view.items.iter().map(|m| (m.baseline_finish, m.variance)));
    }
    grid
}

fn row((n, m): (usize, &MilestoneRecord<'_>)) -> Vec<Cell> {
    let float = m.total_float.unwrap_or(0);
    vec![
        Cell::plain((n + 1).to_string()),
        Cell::plain(m.id),
        Cell::plain(m.name),
        Cell::plain(m.start.0.to_string()),
        Cell::plain(m.finish.0.to_string()),
        Cell::toned(
            float.to_string(),
            if float < 0 { Tone::Bad } else { Tone::Plain },
        ),
        Cell::plain(m.owner.unwrap_or("")),
        Cell::plain(m.cluster.unwrap_or("")),
    ]
}
