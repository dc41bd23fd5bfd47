//! Output formats. A command builds a [`Grid`] (or a JSON value) and a renderer turns it
//! into text: [`table`] for terminals, [`markdown`] for pull requests and reports,
//! [`json`] for scripts (SPEC §3), [`csv`] for spreadsheets.
pub mod check;
pub mod clusters;
pub mod comment;
pub mod commitments;
pub mod critical;
pub mod csv;
pub mod diff;
pub mod dot;
pub mod edit;
pub mod export;
pub mod fit;
pub mod gantt;
mod gantt_legend;
mod gantt_marks;
pub mod gantt_png;
pub mod github;
pub mod gitlab;
pub mod history;
pub mod ics;
pub mod json;
pub mod junit;
pub mod kpi;
pub mod kpi_csv;
pub mod lint;
pub mod markdown;
pub mod mermaid;
pub mod mspdi;
pub mod program_files;
pub mod report;
pub mod report_confidence;
pub mod report_html;
mod report_html_chart;
mod report_html_curve;
mod report_html_md;
mod report_html_style;
pub mod report_lists;
pub mod risk;
pub mod risk_diff;
pub mod show;
pub mod status;
pub mod summary;
pub mod table;
pub mod vendors;
pub mod view;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// The output formats of reporting commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal
    Table,
    /// JSON for scripts (the shape is a stable contract)
    Json,
    /// GitHub-flavoured markdown
    Markdown,
    /// CSV for spreadsheets (RFC 4180 quoting)
    Csv,
}

impl Format {
    /// Every format but CSV, for commands whose output is not one table.
    pub const NOT_CSV: &'static [Format] = &[Format::Table, Format::Json, Format::Markdown];

    /// A `--format` value parser that accepts only `allowed`: any other format is a
    /// usage error (exit 2) naming the allowed ones, and `--help` lists only those.
    pub fn parser(allowed: &[Format]) -> impl TypedValueParser<Value = Format> + use<> {
        let values: Vec<_> = allowed
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .collect();
        PossibleValuesParser::new(values).try_map(|s| Format::from_str(&s, false))
    }
}

/// How a cell should stand out (colour on a terminal; nothing elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
}

/// One cell of a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    /// A plain cell.
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }

    /// A cell with a tone.
    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

/// Rows and columns, independent of the output format.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns (by index) whose contents align right (numbers).
    pub numeric: Vec<usize>,
    /// Columns (by index) that may be cut to fit the width; the others keep their width.
    pub flexible: Vec<usize>,
    /// The headers of the columns a table hides when it is too wide for its width, the
    /// least valuable first; columns not listed are always shown (see [`fit`], and
    /// "Tables" in docs/cli.md for each table's order). Headers not in the grid are
    /// skipped, so an order may name optional columns (`baseline`, `var`).
    pub drop_order: Vec<&'static str>,
}

impl Grid {
    /// Appends a column; `cells` has one cell per row.
    pub fn push_column(&mut self, header: &'static str, cells: Vec<Cell>, numeric: bool) {
        if numeric {
            self.numeric.push(self.headers.len());
        }
        self.headers.push(header);
        for (row, cell) in self.rows.iter_mut().zip(cells) {
            row.push(cell);
        }
    }

    /// Appends `baseline` and `variance` columns (working days, positive = later).
    pub fn push_baseline(&mut self, variances: &[crate::analysis::baseline::Variance]) {
        self.push_baseline_columns(
            variances
                .iter()
                .map(|v| (v.baseline_finish.map(crate::model::Date), v.variance)),
        );
    }

    /// Appends `baseline` and `variance` columns from SPEC §3 records' baseline fields
    /// (`None` when a record has none).
    pub fn push_baseline_records(
        &mut self,
        records: impl Iterator<Item = (Option<Option<crate::model::Date>>, Option<Option<i64>>)>,
    ) {
        self.push_baseline_columns(records.map(|(f, v)| (f.flatten(), v.flatten())));
    }

    fn push_baseline_columns(
        &mut self,
        pairs: impl Iterator<Item = (Option<crate::model::Date>, Option<i64>)>,
    ) {
        let (dates, deltas): (Vec<Cell>, Vec<Cell>) = pairs
            .map(|(finish, variance)| {
                let date = Cell::plain(finish.map(|d| d.0.to_string()).unwrap_or_default());
                let delta = match variance {
                    Some(d) if d > 0 => Cell::toned(format!("{d:+}"), Tone::Bad),
                    Some(0) => Cell::plain("0"),
                    Some(d) => Cell::plain(format!("{d:+}")),
                    None => Cell::plain(""),
                };
                (date, delta)
            })
            .unzip();
        self.push_column("baseline", dates, false);
        self.push_column("var", deltas, true);
    }
}

/// The tone of a health value.
pub fn health_tone(health: crate::analysis::Health) -> Tone {
    use crate::analysis::Health;
    match health {
        Health::Done => Tone::Dim,
        Health::OnTrack => Tone::Good,
        Health::AtRisk => Tone::Warn,
        Health::Slipping | Health::Overdue => Tone::Bad,
    }
}
