//! Terminal tables (comfy-table): fit the terminal on a TTY, a fixed width otherwise.
use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, LineStyle, Row, Table,
    TableStyle,
};

use super::{Grid, Tone};

/// The width used when output is not a terminal, so piped output is stable.
pub const FIXED_WIDTH: u16 = 120;

/// How to draw a table (the default: plain, fixed width).
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    /// The terminal's width, or `None` for [`FIXED_WIDTH`].
    pub width: Option<u16>,
}

/// Renders a grid as a table.
pub fn render(grid: &Grid, style: Style) -> String {
    let mut table = Table::new();
    table
        // No borders, a rule under the header: every column of the width is data.
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')))
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width.unwrap_or(FIXED_WIDTH));
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_truncation_indicator("…");
    table.set_header(
        grid.headers
            .iter()
            .map(|h| comfy_table::Cell::new(h).add_attribute(Attribute::Bold)),
    );
    for row in &grid.rows {
        let mut cells = Row::from(row.iter().map(|c| {
            let cell = comfy_table::Cell::new(&c.text);
            match (style.color, c.tone) {
                (false, _) | (_, Tone::Plain) => cell,
                (true, Tone::Good) => cell.fg(Color::Green),
                (true, Tone::Warn) => cell.fg(Color::Yellow),
                (true, Tone::Bad) => cell.fg(Color::Red).add_attribute(Attribute::Bold),
                (true, Tone::Dim) => cell.fg(Color::DarkGrey),
            }
        }));
        // One line per row: a too-narrow flexible column is cut with "…", never wrapped.
        cells.max_height(1);
        table.add_row(cells);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if !grid.flexible.contains(&i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    for &col in &grid.numeric {
        if let Some(column) = table.column_mut(col) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
