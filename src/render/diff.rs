//! How `diff` looks: on a terminal, the summary and a table of changed items; in
//! markdown, the pull-request comment.
use super::comment::{self, Sides};
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone};
use crate::analysis::diff::ScheduleDiff;
use crate::analysis::diff_view::DiffView;
use crate::analysis::lint::Amount;
use crate::analysis::lint_diff::QualityChange;

impl View for DiffView {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let mut blocks = match medium {
            Medium::Markdown => vec![Block::Text(
                comment::render(
                    &self.diff,
                    &Sides {
                        base: &self.base.label,
                        head: &self.head.label,
                    },
                ) + &quality_markdown(&self.quality),
            )],
            Medium::Terminal => {
                let mut blocks = terminal(
                    &self.diff,
                    &self.base.label.replace('`', ""),
                    &self.head.label.replace('`', ""),
                );
                if !self.quality.is_empty() {
                    blocks.push(Block::Text(quality_text(&self.quality)));
                }
                blocks
            }
        };
        if let Some(risk) = &self.risk {
            blocks.extend(super::risk_diff::blocks(risk, medium));
        }
        blocks
    }

    fn csv(&self) -> Option<Result<String, String>> {
        None
    }
}

fn terminal(d: &ScheduleDiff, base: &str, head: &str) -> Vec<Block> {
    let mut lead = format!(
        "{base} → {head}, as of {}\ncommitments: {}\n",
        d.today.0,
        super::commitments::verdict(&d.commitments, None)
    );
    let mut blocks = Vec::new();
    if !d.commitments.is_empty() {
        blocks.push(Block::Text(lead));
        blocks.push(Block::Grid(super::commitments::grid(&d.commitments)));
        lead = String::new();
    }
    let mut out = format!("{lead}{}\n", comment::summary(d));
    for c in &d.commitments_moved {
        let to = c.head.map_or("removed".to_string(), |h| h.0.to_string());
        out.push_str(&format!(
            "commitment moved: {} {} {} → {to}\n",
            c.id,
            c.field,
            c.base.map_or("—".into(), |b| b.0.to_string())
        ));
    }
    if d.items.is_empty() {
        out.push_str("no milestone changed\n");
        blocks.push(Block::Text(out));
        return blocks;
    }
    let date = |x: Option<crate::model::Date>| x.map_or("—".to_string(), |x| x.0.to_string());
    let rows = d
        .items
        .iter()
        .map(|i| {
            let delta = i.finish.delta.unwrap_or(0);
            let kind = i.change.as_str();
            vec![
                Cell::plain(kind),
                Cell::plain(&i.id),
                Cell::plain(date(i.finish.base)),
                Cell::plain(date(i.finish.head)),
                Cell::toned(
                    i.finish
                        .delta
                        .filter(|d| *d != 0)
                        .map_or(String::new(), |d| format!("{d:+}")),
                    if delta > 0 {
                        Tone::Bad
                    } else if delta < 0 {
                        Tone::Good
                    } else {
                        Tone::Plain
                    },
                ),
                Cell::plain(match (i.health.base, i.health.head) {
                    (Some(b), Some(h)) if b == h => b.to_string(),
                    (b, h) => format!("{} → {}", b.unwrap_or("—"), h.unwrap_or("—")),
                }),
                Cell::plain(i.fields.join(", ")),
            ]
        })
        .collect();
    let grid = Grid {
        headers: vec![
            "change",
            "id",
            "base finish",
            "head finish",
            "Δ",
            "health",
            "fields",
        ],
        rows,
        numeric: vec![4],
        flexible: vec![6],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // id, head finish and Δ always stay.
        drop_order: vec!["fields", "base finish", "health", "change"],
    };
    blocks.extend([Block::Text(out), Block::Grid(grid)]);
    let mut out = String::new();
    let cp = &d.critical_path;
    if !cp.entered.is_empty() || !cp.left.is_empty() {
        out.push_str(&format!(
            "critical path: entered [{}], left [{}]\n",
            cp.entered.join(", "),
            cp.left.join(", ")
        ));
    }
    for c in &d.clusters {
        out.push_str(&format!(
            "cluster {} ready {}\n",
            c.id,
            comment::moved_text(&c.forecast_ready, "working days")
        ));
    }
    blocks.push(Block::Text(out));
    blocks
}

/// `lags 0.1 → 0.2 (threshold 0.05, fail)`.
fn quality_change(c: &QualityChange) -> String {
    let amount = |a: Option<Amount>| a.map_or("n/a".to_string(), |a| a.to_string());
    format!(
        "{} {} → {} (threshold {}, {})",
        c.name,
        amount(c.base),
        amount(c.head),
        amount(c.threshold),
        c.status
    )
}

/// The worsened checks on a terminal: one line each.
fn quality_text(changes: &[QualityChange]) -> String {
    let mut out = String::from("schedule quality worse:\n");
    for c in changes {
        out.push_str(&format!("  {} {}\n", c.id, quality_change(c)));
    }
    out
}

/// The worsened checks for the pull-request comment (empty when none worsened).
pub fn quality_markdown(changes: &[QualityChange]) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n**Schedule quality worse** (`milepost lint`):\n\n");
    for c in changes {
        out.push_str(&format!("- {} {}\n", c.id, quality_change(c)));
    }
    out
}
