//! How `clusters` looks: one row per cluster, forecast against `ready_by`.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone, health_tone};
use crate::analysis::clusters::{ClusterRecord, ClustersView};

impl View for ClustersView<'_> {
    fn blocks(&self, _: Medium) -> Vec<Block> {
        let mut grid = Grid {
            headers: vec![
                "id",
                "site",
                "gpu",
                "gpus",
                "lifecycle",
                "ready_by",
                "forecast",
                "slip",
                "float",
                "health",
            ],
            rows: self.clusters.iter().map(row).collect(),
            numeric: vec![3, 7, 8],
            flexible: vec![2],
            // Hidden first when too wide (docs/cli.md, "Tables");
            // id, forecast and health always stay.
            drop_order: vec![
                "site",
                "gpus",
                "gpu",
                "lifecycle",
                "baseline",
                "var",
                "ready_by",
                "float",
                "slip",
            ],
        };
        if self.baseline {
            grid.push_baseline_records(
                self.clusters
                    .iter()
                    .map(|c| (c.baseline_finish, c.variance)),
            );
        }
        vec![Block::Grid(grid)]
    }
}

fn row(c: &ClusterRecord<'_>) -> Vec<Cell> {
    let date = |d: Option<crate::model::Date>| d.map(|d| d.0.to_string()).unwrap_or_default();
    vec![
        Cell::plain(c.id),
        Cell::plain(c.site),
        Cell::plain(c.gpu.unwrap_or("")),
        Cell::plain(c.gpus.to_string()),
        Cell::plain(c.lifecycle.as_str()),
        Cell::plain(date(c.ready_by)),
        Cell::plain(date(c.forecast_ready)),
        Cell::toned(
            c.slip.to_string(),
            if c.slip > 0 { Tone::Bad } else { Tone::Plain },
        ),
        Cell::toned(
            c.ready_by_float.map(|f| f.to_string()).unwrap_or_default(),
            if c.ready_by_float.is_some_and(|f| f < 0) {
                Tone::Bad
            } else {
                Tone::Plain
            },
        ),
        c.health.map_or_else(
            || Cell::plain(""),
            |h| Cell::toned(h.as_str(), health_tone(h)),
        ),
    ]
}
