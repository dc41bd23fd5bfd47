//! GitHub-flavoured markdown tables.
use super::Grid;

/// Escapes text for a markdown table cell.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Renders a grid as a GFM table.
pub fn render(grid: &Grid) -> String {
    let mut out = String::new();
    out.push('|');
    for h in &grid.headers {
        out.push_str(&format!(" {} |", escape(h)));
    }
    out.push_str("\n|");
    for i in 0..grid.headers.len() {
        out.push_str(if grid.numeric.contains(&i) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in &grid.rows {
        out.push('|');
        for cell in row {
            out.push_str(&format!(" {} |", escape(&cell.text)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Cell;

    #[test]
    fn escapes_pipes_and_aligns_numbers() {
        let grid = Grid {
            headers: vec!["a", "n"],
            rows: vec![vec![Cell::plain("x|y"), Cell::plain("3")]],
            numeric: vec![1],
            flexible: vec![],
            drop_order: vec![],
        };
        assert_eq!(render(&grid), "| a | n |\n| --- | ---: |\n| x\\|y | 3 |\n");
    }
}
