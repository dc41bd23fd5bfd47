//! Terminal tables (comfy-table): fit the terminal on a TTY, a fixed width otherwise.
use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, LineStyle, Row, Table,
    TableStyle, Width,
};

use super::fit::{self, Fit};
use super::{Grid, Tone};

/// The width used when output is not a terminal, so piped output is stable.
pub const FIXED_WIDTH: u16 = 120;

/// How to draw a table (the default: plain, fixed width).
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    /// The terminal's width, or `None` for [`FIXED_WIDTH`].
    pub width: Option<u16>,
    /// `--wide`: every column at its full width, however wide the table gets.
    pub wide: bool,
}

/// A table as text, and the headers of the columns hidden to fit the width.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub text: String,
    pub hidden: Vec<&'static str>,
}

/// Renders a grid as a table.
pub fn render(grid: &Grid, style: Style) -> String {
    render_fitted(grid, style).text
}

/// Renders a grid as a table that fits the style's width (see [`fit`]), unless wide.
pub fn render_fitted(grid: &Grid, style: Style) -> Rendered {
    let width = style.width.unwrap_or(FIXED_WIDTH);
    let fit = if style.wide {
        let natural = fit::natural_widths(grid);
        Fit {
            widths: natural.into_iter().map(Some).collect(),
            hidden: Vec::new(),
        }
    } else {
        fit::fit(grid, usize::from(width))
    };
    let mut table = Table::new();
    table
        // No borders, a rule under the header: every column of the width is data.
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')));
    if style.wide {
        table.set_content_arrangement(ContentArrangement::Disabled);
    } else {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    }
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
        table.add_row(row_of(row, &fit, style.color));
    }
    constrain(&mut table, grid, &fit);
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Rendered {
        text: out,
        hidden: fit.hidden,
    }
}

/// `note: 2 columns hidden to fit 80 columns (start, owner); --wide shows all`, for
/// stderr; `None` when nothing was hidden.
pub fn hidden_note(hidden: &[&str], width: u16) -> Option<String> {
    let n = hidden.len();
    (n > 0).then(|| {
        format!(
            "note: {n} column{} hidden to fit {width} columns ({}); --wide shows all\n",
            if n == 1 { "" } else { "s" },
            hidden.join(", ")
        )
    })
}

fn row_of(row: &[super::Cell], fit: &Fit, color: bool) -> Row {
    let mut cells = Row::from(row.iter().zip(&fit.widths).map(|(c, width)| {
        let text = width.map_or(c.text.as_str().into(), |w| fit::cut(&c.text, w));
        let cell = comfy_table::Cell::new(text);
        match (color, c.tone) {
            (false, _) | (_, Tone::Plain) => cell,
            (true, Tone::Good) => cell.fg(Color::Green),
            (true, Tone::Warn) => cell.fg(Color::Yellow),
            (true, Tone::Bad) => cell.fg(Color::Red).add_attribute(Attribute::Bold),
            (true, Tone::Dim) => cell.fg(Color::DarkGrey),
        }
    }));
    // One line per row: a too-narrow flexible column is cut with "…" (above), never
    // wrapped.
    cells.max_height(1);
    cells
}

/// Gives each column its fitted width (padding included), or hides it.
fn constrain(table: &mut Table, grid: &Grid, fit: &Fit) {
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_constraint(match fit.widths.get(i).copied().flatten() {
            None => ColumnConstraint::Hidden,
            Some(w) => {
                let padded = u16::try_from(w + 2).unwrap_or(u16::MAX);
                ColumnConstraint::Absolute(Width::Fixed(padded))
            }
        });
    }
    for &col in &grid.numeric {
        if let Some(column) = table.column_mut(col) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_hidden_columns() {
        assert_eq!(hidden_note(&[], 80), None);
        assert_eq!(
            hidden_note(&["start"], 120).as_deref(),
            Some("note: 1 column hidden to fit 120 columns (start); --wide shows all\n")
        );
        assert_eq!(
            hidden_note(&["owner", "start"], 80).as_deref(),
            Some("note: 2 columns hidden to fit 80 columns (owner, start); --wide shows all\n")
        );
    }
}
