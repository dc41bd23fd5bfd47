//! Every table the tool prints, at 60, 80, 100 and 120 columns: no line is wider than
//! the width, each row is one line, a header is never split or cut, `name` keeps 16
//! characters wherever it is shown, and `--wide` shows every column whole. (`show`
//! prints a `field  value` listing and `check` one line per finding: no tables.)
use milepost::render::Grid;
use milepost::render::fit;
use milepost::render::table::{self, Style};
use milepost::render::view::{Block, Medium, View};
use unicode_width::UnicodeWidthStr;

use super::build::{
    baseline, clusters, clusters_baseline, critical, critical_baseline, diff, example, history,
    kpi, kpi_baseline, lint, risk, status, status_baseline, vendors,
};

const WIDTHS: [u16; 4] = [60, 80, 100, 120];

/// The grids of `view`'s table output, each named after the command.
fn grids(name: &str, view: &impl View) -> Vec<(String, Grid)> {
    let grids: Vec<_> = view
        .blocks(Medium::Terminal)
        .into_iter()
        .filter_map(|block| match block {
            Block::Grid(grid) => Some((name.to_string(), grid)),
            Block::Text(_) => None,
        })
        .collect();
    assert!(!grids.is_empty(), "{name} has no table");
    grids
}

/// Every table of every reporting view, with and without a baseline.
fn tables() -> Vec<(String, Grid)> {
    let plan = example();
    let base = baseline();
    [
        grids("status", &status(&plan)),
        grids("status --baseline", &status_baseline(&plan, &base)),
        grids("critical", &critical(&plan)),
        grids("critical --baseline", &critical_baseline(&plan, &base)),
        grids("clusters", &clusters(&plan)),
        grids("clusters --baseline", &clusters_baseline(&plan, &base)),
        grids("risk", &risk(&plan)),
        grids("kpi", &kpi(&plan)),
        grids("kpi --baseline", &kpi_baseline(&plan, &base)),
        grids("vendors", &vendors(&plan)),
        grids("diff", &diff(&plan)),
        grids("history", &history(&plan)),
        grids("lint", &lint(&plan)),
    ]
    .concat()
}

fn style(width: u16, wide: bool) -> Style {
    Style {
        color: false,
        width: Some(width),
        wide,
    }
}

/// Checks one rendered table: a one-line header holding `shown` whole and in order, a
/// rule, then one line per row. Returns where each shown header starts (in columns).
fn check_shape(what: &str, text: &str, grid: &Grid, shown: &[&str]) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        grid.rows.len() + 2,
        "{what}: a row wrapped:\n{text}"
    );
    assert!(
        lines[1].starts_with('─'),
        "{what}: the header wrapped:\n{text}"
    );
    let header = lines[0];
    let mut starts = Vec::new();
    let mut from = 0;
    for h in shown.iter().filter(|h| !h.is_empty()) {
        let Some(at) = header[from..].find(h) else {
            panic!("{what}: header `{h}` is split or missing:\n{text}");
        };
        starts.push(header[..from + at].width());
        from += at + h.len();
    }
    starts
}

#[test]
fn every_table_fits_every_width_with_whole_headers_and_one_line_rows() {
    let mut too_wide = Vec::new();
    for (name, grid) in tables() {
        for width in WIDTHS {
            let text = table::render(&grid, style(width, false));
            let fitted = fit::fit(&grid, usize::from(width));
            let shown: Vec<&str> = (0..grid.headers.len())
                .filter(|&i| fitted.widths[i].is_some())
                .map(|i| grid.headers[i])
                .collect();
            check_shape(&format!("{name} at {width}"), &text, &grid, &shown);
            for line in text.lines().filter(|l| l.width() > usize::from(width)) {
                too_wide.push(format!("{name} at {width} ({}): {line}", line.width()));
            }
        }
    }
    assert!(too_wide.is_empty(), "too wide:\n{}", too_wide.join("\n"));
}

#[test]
fn a_shown_name_keeps_16_characters() {
    let mut checked = 0;
    for (name, grid) in tables() {
        let Some(col) = grid.headers.iter().position(|h| *h == "name") else {
            continue;
        };
        let least = fit::natural_widths(&grid)[col].min(16);
        for width in WIDTHS {
            let fitted = fit::fit(&grid, usize::from(width));
            let Some(w) = fitted.widths[col] else {
                continue;
            };
            assert!(w >= least, "{name} at {width}: name is {w} wide");
            // The drawn column agrees: from `name` to the next header, less the gutter.
            let text = table::render(&grid, style(width, false));
            let shown: Vec<&str> = (0..grid.headers.len())
                .filter(|&i| fitted.widths[i].is_some())
                .map(|i| grid.headers[i])
                .collect();
            let starts = check_shape(&name, &text, &grid, &shown);
            let at = shown
                .iter()
                .filter(|h| !h.is_empty())
                .position(|h| *h == "name");
            if let Some(next) = at.and_then(|i| starts.get(i + 1).map(|n| n - starts[i])) {
                assert!(next >= least + 3, "{name} at {width}:\n{text}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} tables showed a name");
}

#[test]
fn status_hides_columns_in_its_documented_order() {
    let plan = example();
    let base = baseline();
    let hidden = |grid: &Grid, width: u16| fit::fit(grid, usize::from(width)).hidden;
    let (plain, with_baseline) = (
        grids("status", &status(&plan)).remove(0).1,
        grids("status --baseline", &status_baseline(&plan, &base))
            .remove(0)
            .1,
    );
    // docs/cli.md, "Tables": start, threatens, owner, due, baseline, float, name, var.
    assert!(hidden(&plain, 200).is_empty());
    assert_eq!(hidden(&plain, 120), ["start", "threatens"]);
    assert_eq!(hidden(&plain, 100), ["owner", "start", "threatens"]);
    assert_eq!(
        hidden(&plain, 80),
        ["owner", "start", "due", "float", "threatens"]
    );
    assert_eq!(
        hidden(&plain, 60),
        ["name", "owner", "start", "due", "float", "threatens"]
    );
    assert_eq!(hidden(&with_baseline, 120), ["owner", "start", "threatens"]);
    assert_eq!(
        hidden(&with_baseline, 80),
        [
            "name",
            "owner",
            "start",
            "due",
            "float",
            "threatens",
            "baseline"
        ]
    );
}

#[test]
fn wide_shows_every_column_and_cell_whole() {
    for (name, grid) in tables() {
        let text = table::render(&grid, style(60, true));
        check_shape(&name, &text, &grid, &grid.headers);
        for (row, line) in grid.rows.iter().zip(text.lines().skip(2)) {
            for cell in row {
                assert!(
                    line.contains(&cell.text),
                    "{name}: `{}` cut:\n{text}",
                    cell.text
                );
            }
        }
    }
}

/// `history` at 120 columns keeps a readable commit subject: only the subject is cut,
/// and the author goes before it does (issue #16: subjects were cut to 8 characters).
#[test]
fn history_keeps_thirty_characters_of_subject_at_120_columns() {
    let plan = example();
    let mut grid = grids("history", &history(&plan)).remove(0).1;
    for row in &mut grid.rows {
        row[3].text = "Install takes a day longer: the crew is short-staffed that week".into();
        row[2].text = "A Very Long Author Name <author@example.com>".into();
    }
    let fit = fit::fit(&grid, 120);
    let subject = grid.headers.iter().position(|h| *h == "subject").unwrap();
    assert!(
        fit.widths[subject].is_some_and(|w| w >= 30),
        "{:?} hidden {:?}",
        fit.widths,
        fit.hidden
    );
}
