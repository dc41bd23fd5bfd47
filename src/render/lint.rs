//! How `lint` looks: a headline, one row per check (value, threshold, status, what it
//! counted), the failing checks' items; and its formats, the CI ones shared with `check`.
use clap::ValueEnum;

use super::view::{Block, Medium, View};
use super::{Cell, Format, Grid, Tone};
use crate::analysis::check::CheckResult;
use crate::analysis::lint::{Amount, CheckRecord, LintView};
use crate::model::LintStatus;
use crate::model::lint::Measure;

/// Items listed per failing check in a table or markdown; JSON and CI formats list all.
pub const ITEMS: usize = 25;

/// Output formats of `lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// An aligned table for the terminal
    Table,
    /// JSON for scripts: {"checks": [...]}
    Json,
    /// GitHub-flavoured markdown
    Markdown,
    /// GitHub workflow annotations on the offending items' lines
    Github,
    /// A GitLab Code Quality report
    Gitlab,
    /// JUnit XML, one testcase per passing check and per offending item
    Junit,
}

impl LintFormat {
    /// The reporting format, or `None` for a CI format.
    pub fn view_format(self) -> Option<Format> {
        match self {
            LintFormat::Table => Some(Format::Table),
            LintFormat::Json => Some(Format::Json),
            LintFormat::Markdown => Some(Format::Markdown),
            LintFormat::Github | LintFormat::Gitlab | LintFormat::Junit => None,
        }
    }
}

/// The findings in a CI format (GitHub, GitLab, JUnit); `summary` closes GitHub's.
pub fn render_ci(result: &CheckResult, format: LintFormat, summary: &str) -> String {
    match format {
        LintFormat::Gitlab => super::gitlab::code_quality(result),
        LintFormat::Junit => super::junit::junit(result),
        _ => super::github::annotations(result) + summary + "\n",
    }
}

impl LintView<'_> {
    /// `lint failed: 2 of 13 checks as of 2026-12-14`, or `ok: …`.
    pub fn summary(&self) -> String {
        let failed = self.failed().count();
        let n = self.checks.len();
        if failed == 0 {
            format!(
                "ok: {n} schedule quality checks, none failed as of {}",
                self.today.0
            )
        } else {
            format!("lint failed: {failed} of {n} checks as of {}", self.today.0)
        }
    }
}

/// The GitHub job summary: a headline and the view in markdown.
pub fn step_summary(view: &LintView<'_>) -> String {
    let icon = if view.ok() { "✅" } else { "❌" };
    let body = super::view::to_string(view, Format::Markdown, super::table::Style::default())
        .unwrap_or_default();
    format!("### {icon} milepost lint\n\n{body}\n")
}

impl View for LintView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let mut blocks = vec![Block::Text(match medium {
            Medium::Terminal => format!("{}\n", self.summary()),
            Medium::Markdown => format!("**{}**\n\n", self.summary()),
        })];
        blocks.push(Block::Grid(grid(&self.checks)));
        blocks.extend(failing_items(self, medium));
        blocks
    }
}

/// The checks as a grid.
pub fn grid(checks: &[CheckRecord<'_>]) -> Grid {
    Grid {
        headers: vec!["#", "check", "value", "threshold", "status", "basis"],
        rows: checks.iter().map(row).collect(),
        numeric: vec![0, 2],
        flexible: vec![5],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // check, value and status always stay.
        drop_order: vec!["basis", "#", "threshold"],
    }
}

fn row(c: &CheckRecord<'_>) -> Vec<Cell> {
    let tone = match c.status {
        LintStatus::Pass => Tone::Good,
        LintStatus::Fail => Tone::Bad,
        LintStatus::NotApplicable => Tone::Dim,
    };
    vec![
        Cell::plain(c.id.to_string()),
        Cell::plain(c.name.as_str()),
        Cell::plain(c.value.map_or("-".into(), |v| shown(c, v))),
        Cell::plain(threshold(c)),
        Cell::toned(c.status.as_str(), tone),
        Cell::plain(c.basis.clone()),
    ]
}

/// A value as people read it: shares as percentages, others as they are.
fn shown(c: &CheckRecord<'_>, value: Amount) -> String {
    match c.name.measure() {
        Measure::Share => {
            let pct = format!("{:.1}", value.get() * 100.0);
            format!("{}%", pct.strip_suffix(".0").unwrap_or(&pct))
        }
        _ => value.to_string(),
    }
}

/// `<= 5%`, `>= 0.95`, `= 600`, or `-`.
fn threshold(c: &CheckRecord<'_>) -> String {
    let Some(t) = c.threshold else {
        return "-".into();
    };
    let op = match c.name.measure() {
        Measure::Test => "=",
        _ if c.name.at_least() => ">=",
        _ => "<=",
    };
    format!("{op} {}", shown(c, t))
}

/// Each failing check with every item it counted, at its place in the files.
fn failing_items(view: &LintView<'_>, medium: Medium) -> Vec<Block> {
    view.failed()
        .filter(|c| !c.items.is_empty())
        .map(|c| {
            let head = format!("{} {} ({})", c.id, c.name, c.items.len());
            Block::Text(match medium {
                Medium::Terminal => format!("\n{head}:\n{}", located(c, medium)),
                Medium::Markdown => format!("\n**{head}**:\n\n{}", located(c, medium)),
            })
        })
        .collect()
}

/// One line per item: `    file:line: id` on a terminal (the form editors link),
/// `` - `id` (file:line) `` in markdown; without a place, the id alone.
fn located(c: &CheckRecord<'_>, medium: Medium) -> String {
    let mut out: String = c
        .items
        .iter()
        .take(ITEMS)
        .enumerate()
        .map(|(n, id)| {
            let line = c.lines.get(n).filter(|l| !l.is_empty());
            match (medium, line) {
                (Medium::Terminal, Some(line)) => format!("    {line}: {id}\n"),
                (Medium::Terminal, None) => format!("    {id}\n"),
                (Medium::Markdown, Some(line)) => format!("- `{id}` ({line})\n"),
                (Medium::Markdown, None) => format!("- `{id}`\n"),
            }
        })
        .collect();
    if c.items.len() > ITEMS {
        let more = format!(
            "… and {} more (`--format json` lists them all)",
            c.items.len() - ITEMS
        );
        out.push_str(&match medium {
            Medium::Terminal => format!("    {more}\n"),
            Medium::Markdown => format!("- {more}\n"),
        });
    }
    out
}
