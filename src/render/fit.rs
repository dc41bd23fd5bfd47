//! Fitting a grid to a width: which columns a table shows, and how wide each one is.
//!
//! Every column wants its natural width (its widest cell or header). When they do not
//! all fit, the grid's `drop_order` columns are hidden one by one, least valuable first,
//! until the rest fit at their minimum widths; the space left then goes to the flexible
//! columns, which are cut with `…` below their natural width. A column is never
//! narrower than its header, and a flexible one keeps [`FLEX_MIN`] characters (or its
//! natural width, if that is less), so a `name` stays readable.
use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Grid;

/// The narrowest a flexible column (a name, an owner) is cut to.
pub const FLEX_MIN: usize = 16;

/// What a column costs besides its text: a space each side and the gap after it
/// (comfy-table with no borders draws `text · gap · text`; the last gap is not drawn).
const GUTTER: usize = 3;

/// The columns a table shows and their widths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    /// Each column's text width (without padding), `None` when it is hidden.
    pub widths: Vec<Option<usize>>,
    /// The headers of the hidden columns, in the grid's order.
    pub hidden: Vec<&'static str>,
}

/// Fits `grid` into `width` columns (see the module's doc).
pub fn fit(grid: &Grid, width: usize) -> Fit {
    let natural = natural_widths(grid);
    let least: Vec<usize> = (0..natural.len())
        .map(|i| minimum(grid, i, natural[i]))
        .collect();
    let mut shown = vec![true; natural.len()];
    for header in &grid.drop_order {
        if total(&shown, &least) <= width {
            break;
        }
        if let Some(i) = grid.headers.iter().position(|h| h == header) {
            shown[i] = false;
        }
    }
    let mut widths = least;
    let spare = width.saturating_sub(total(&shown, &widths));
    share(&mut widths, &natural, &flexible_shown(grid, &shown), spare);
    Fit {
        widths: (0..widths.len())
            .map(|i| shown[i].then_some(widths[i]))
            .collect(),
        hidden: (0..shown.len())
            .filter(|&i| !shown[i])
            .map(|i| grid.headers[i])
            .collect(),
    }
}

/// Each column's widest header or cell, at least 1 (as comfy-table measures).
pub fn natural_widths(grid: &Grid) -> Vec<usize> {
    let mut widths: Vec<usize> = grid.headers.iter().map(|h| h.width().max(1)).collect();
    for row in &grid.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.text.width());
        }
    }
    widths
}

/// The narrowest column `i` may be: its header, and for a flexible column up to
/// [`FLEX_MIN`] of its text; any other column keeps its natural width.
fn minimum(grid: &Grid, i: usize, natural: usize) -> usize {
    if grid.flexible.contains(&i) {
        natural.min(FLEX_MIN).max(grid.headers[i].width())
    } else {
        natural
    }
}

/// The width of a table of the `shown` columns at `widths`.
fn total(shown: &[bool], widths: &[usize]) -> usize {
    let columns = widths.iter().zip(shown).filter(|(_, s)| **s);
    let (n, sum) = columns.fold((0, 0), |(n, sum), (w, _)| (n + 1, sum + w + GUTTER));
    if n == 0 { 0 } else { sum - 1 }
}

fn flexible_shown(grid: &Grid, shown: &[bool]) -> Vec<usize> {
    let mut columns: Vec<usize> = grid
        .flexible
        .iter()
        .copied()
        .filter(|&i| shown.get(i) == Some(&true))
        .collect();
    columns.sort_unstable();
    columns
}

/// Gives `spare` characters to the `flexible` columns, evenly, none past its natural
/// width (the leftmost get the remainder).
fn share(widths: &mut [usize], natural: &[usize], flexible: &[usize], mut spare: usize) {
    loop {
        let wanting: Vec<usize> = flexible
            .iter()
            .copied()
            .filter(|&i| widths[i] < natural[i])
            .collect();
        if wanting.is_empty() || spare == 0 {
            return;
        }
        let each = (spare / wanting.len()).max(1);
        for i in wanting {
            let more = each.min(natural[i] - widths[i]).min(spare);
            widths[i] += more;
            spare -= more;
        }
    }
}

/// `text` cut to `width` columns, ending in `…` when it was cut (mid-word: a cut name
/// shows as much of itself as fits).
pub fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::super::Cell;
    use super::*;

    fn grid(drop_order: Vec<&'static str>) -> Grid {
        let row = |cells: &[&str]| cells.iter().map(|c| Cell::plain(*c)).collect();
        Grid {
            headers: vec!["id", "name", "owner", "start"],
            rows: vec![row(&[
                "a-1",
                "A rather long milestone name",
                "dana",
                "2027-01-08",
            ])],
            numeric: vec![],
            flexible: vec![1],
            drop_order,
        }
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(cut("CDU PO placed", 13), "CDU PO placed");
        assert_eq!(cut("CDUs delivered to DFW1", 18), "CDUs delivered to…");
        assert_eq!(cut("CDUs delivered to DFW1", 16), "CDUs delivered…");
        assert_eq!(cut("GB200 NVL72 allocation", 16), "GB200 NVL72 all…");
        assert_eq!(cut("日本語のなまえ", 7), "日本語…");
    }

    #[test]
    fn everything_fits_at_natural_width() {
        let fit = fit(&grid(vec!["start"]), 80);
        assert_eq!(fit.widths, vec![Some(3), Some(28), Some(5), Some(10)]);
        assert!(fit.hidden.is_empty());
        // 3 + 28 + 5 + 10 text, a space each side of each, a gap between each pair.
        assert_eq!(total(&[true; 4], &[3, 28, 5, 10]), 46 + 8 + 3);
    }

    #[test]
    fn a_flexible_column_is_cut_before_anything_is_hidden() {
        let fit = fit(&grid(vec!["start"]), 50);
        assert_eq!(fit.widths, vec![Some(3), Some(21), Some(5), Some(10)]);
    }

    #[test]
    fn columns_are_hidden_in_order_and_a_name_keeps_its_minimum() {
        let fit = fit(&grid(vec!["start", "owner"]), 35);
        assert_eq!(fit.widths, vec![Some(3), Some(19), Some(5), None]);
        assert_eq!(fit.hidden, vec!["start"]);
        let fit = super::fit(&grid(vec!["start", "owner"]), 20);
        assert_eq!(fit.widths, vec![Some(3), Some(FLEX_MIN), None, None]);
        assert_eq!(fit.hidden, vec!["owner", "start"]);
    }

    #[test]
    fn a_column_not_in_the_drop_order_stays_even_if_the_table_is_too_wide() {
        let fit = fit(&grid(vec![]), 10);
        assert_eq!(fit.widths, vec![Some(3), Some(FLEX_MIN), Some(5), Some(10)]);
    }
}
