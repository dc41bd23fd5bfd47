//! How an edit command's result looks: with `--dry-run` the unified diff first; then
//! each item's changed keys, the schedule impact (the finish, the items that moved,
//! the commitments crossed) and what was written or committed.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, commitments};
use crate::analysis::diff::Moved;
use crate::analysis::edit_view::{EditView, Impact};
use crate::edit::KeyChange;

/// At most this many moved items are listed; the rest are counted.
const MOVED_SHOWN: usize = 10;

impl View for EditView {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let mut blocks = Vec::new();
        if self.dry_run && !self.diff.is_empty() {
            blocks.push(Block::Text(match medium {
                Medium::Terminal => format!("{}\n", self.diff),
                Medium::Markdown => format!("```diff\n{}```\n\n", self.diff),
            }));
        }
        blocks.push(Block::Grid(changes(&self.changes)));
        for note in &self.notes {
            blocks.push(Block::Text(format!("note: {note}\n")));
        }
        blocks.extend(impact(&self.impact));
        blocks.push(Block::Text(format!("\n{}\n", outcome(self))));
        blocks
    }
}

fn value(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_string())
}

fn changes(list: &[KeyChange]) -> Grid {
    let rows = list
        .iter()
        .map(|c| {
            vec![
                Cell::plain(c.id.clone()),
                Cell::plain(c.key.clone()),
                Cell::plain(value(&c.before)),
                Cell::plain(value(&c.after)),
            ]
        })
        .collect();
    Grid {
        headers: vec!["item", "key", "before", "after"],
        rows,
        numeric: vec![],
        flexible: vec![2, 3],
        drop_order: vec!["before"],
    }
}

/// `2027-03-01 → 2027-02-26 (-3 working days)`.
fn moved(m: &Moved) -> String {
    let day = |d: Option<crate::model::Date>| d.map_or("—".to_string(), |d| d.0.to_string());
    match m.delta {
        Some(0) | None if m.base == m.head => format!("{} (unchanged)", day(m.head)),
        Some(n) => format!(
            "{} → {} ({n:+} working day{})",
            day(m.base),
            day(m.head),
            if n.abs() == 1 { "" } else { "s" }
        ),
        None => format!("{} → {}", day(m.base), day(m.head)),
    }
}

fn impact(impact: &Impact) -> Vec<Block> {
    let mut blocks = vec![Block::Text(format!(
        "\nSchedule: program finish {}; {}\n",
        moved(&impact.finish),
        match impact.moved.len() {
            0 => "no item's finish moved".to_string(),
            1 => "1 item's finish moved".to_string(),
            n => format!("{n} items' finish moved"),
        }
    ))];
    if !impact.moved.is_empty() {
        let rows = impact
            .moved
            .iter()
            .take(MOVED_SHOWN)
            .map(|m| vec![Cell::plain(m.id.clone()), Cell::plain(moved(&m.finish))])
            .collect();
        blocks.push(Block::Grid(Grid {
            headers: vec!["item", "finish"],
            rows,
            numeric: vec![],
            flexible: vec![0],
            drop_order: vec![],
        }));
        if impact.moved.len() > MOVED_SHOWN {
            blocks.push(Block::Text(format!(
                "… and {} more\n",
                impact.moved.len() - MOVED_SHOWN
            )));
        }
        blocks.push(Block::Text("\n".into()));
    }
    let verdict = commitments::verdict(&impact.commitments, Some(|c| c.label()));
    blocks.push(Block::Text(format!("Commitments: {verdict}\n")));
    if !impact.commitments.is_empty() {
        blocks.push(Block::Grid(commitments::grid(&impact.commitments)));
    }
    blocks
}

fn outcome(view: &EditView) -> String {
    let files = view.files.join(", ");
    match (&view.commit, view.dry_run) {
        _ if files.is_empty() => "Nothing to change: already recorded".to_string(),
        (_, true) => format!("Dry run: nothing written (would change {files})"),
        (Some(commit), false) => format!(
            "Wrote {files}; committed {}: {}",
            &commit[..commit.len().min(7)],
            view.message
        ),
        (None, false) => format!("Wrote {files}"),
    }
}
