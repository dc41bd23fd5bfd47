//! How `critical` looks: a headline, then the critical items grouped by the commitment
//! they drive (worst first), the items that drive only the program finish last.
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
        let mut blocks = vec![Block::Text(match medium {
            Medium::Terminal => headline + "\n",
            Medium::Markdown => format!("**{headline}**\n"),
        })];
        for group in &self.groups {
            let title = match (&group.commitment, group.float) {
                (Some(c), Some(f)) => format!("drives {c} (float {f})"),
                (Some(c), None) => format!("drives {c}"),
                (None, _) => format!("drives only the program finish {}", self.finish.0),
            };
            blocks.push(Block::Text(match medium {
                Medium::Terminal => format!("\n{title}:\n"),
                Medium::Markdown => format!("\n{title}:\n\n"),
            }));
            blocks.push(Block::Grid(grid(self, &group.items)));
        }
        blocks
    }

    /// One record per critical item, in order of start (the groups are the table's).
    fn csv(&self) -> Option<Result<String, String>> {
        let all: Vec<usize> = (0..self.items.len()).collect();
        Some(super::csv::render(&grid(self, &all)))
    }
}

fn grid(view: &CriticalView<'_>, shown: &[usize]) -> Grid {
    let mut grid = Grid {
        headers: vec![
            "#", "id", "name", "start", "finish", "float", "owner", "cluster",
        ],
        rows: shown.iter().map(|&n| row((n, &view.items[n]))).collect(),
        numeric: vec![0, 5],
        flexible: vec![2, 6, 7],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // #, id and finish always stay.
        drop_order: vec![
            "cluster", "owner", "start", "baseline", "float", "name", "var",
        ],
    };
    if view.baseline {
        grid.push_baseline_records(
            shown
                .iter()
                .map(|&n| (view.items[n].baseline_finish, view.items[n].variance)),
        );
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
