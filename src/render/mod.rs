//! Output formats. A command builds a [`Grid`] (or a JSON value) and a renderer turns it
//! into text: [`table`] for terminals, [`markdown`] for pull requests and reports,
//! [`json`] for scripts (SPEC §3).
pub mod json;
pub mod markdown;
pub mod table;

use clap::ValueEnum;

/// The output formats of reporting commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal
    Table,
    /// JSON for scripts (the shape is a stable contract)
    Json,
    /// GitHub-flavoured markdown
    Markdown,
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
