//! The report's list sections: the critical path, overdue and slipping items, the next
//! two weeks, open risks and vendors, and the failing schedule quality checks. Each list
//! is capped and says how many it left out.
use super::markdown::render as table;
use super::report::{ROWS, Report, ReportSection, SHORT_ROWS, code, health_badge, signed};
use super::{Cell, Grid};
use crate::analysis::lint::LintView;
use crate::analysis::overall::LOOKAHEAD_DAYS;
use crate::analysis::vendors::VendorScore;

/// Keeps the first `cap` rows of `grid`; returns the sentence that counts the rest.
pub(super) fn cap(grid: &mut Grid, cap: usize, what: &str, hint: &str) -> String {
    let n = grid.rows.len();
    if n <= cap {
        return String::new();
    }
    grid.rows.truncate(cap);
    format!("\n…and {} more {what}: {hint}.\n", n - cap)
}

/// The common columns of an item row: id, name, owner, vendor.
fn who(r: &Report<'_>, i: usize) -> Vec<Cell> {
    let p = &r.plan.program;
    let m = &p.milestones[i];
    vec![
        Cell::plain(code(&m.id)),
        Cell::plain(&m.name),
        Cell::plain(m.owner.as_deref().unwrap_or("—")),
        Cell::plain(m.vendor.map_or("—", |v| p.vendors[v].name.as_str())),
    ]
}

pub(super) fn stale(r: &Report<'_>) -> String {
    if r.stale.is_empty() {
        return "No work in progress is past its recorded forecast.\n".into();
    }
    let p = &r.plan.program;
    let mut grid = Grid {
        headers: vec!["owner", "item", "name", "started", "forecast was"],
        rows: Vec::new(),
        numeric: vec![],
        flexible: vec![],
        drop_order: vec![],
    };
    for &i in r.stale {
        let m = &p.milestones[i];
        let forecast = match (m.expected_finish, m.remaining, m.as_of) {
            (Some(d), _, _) => d.to_string(),
            (None, Some(n), Some(d)) => format!("{n} days from {d}"),
            _ => format!("{} days from start", m.duration),
        };
        grid.rows.push(vec![
            Cell::plain(m.owner.as_deref().unwrap_or("—")),
            Cell::plain(code(&m.id)),
            Cell::plain(&m.name),
            Cell::plain(m.started.map_or("—".into(), |d| d.to_string())),
            Cell::plain(forecast),
        ]);
    }
    let more = cap(
        &mut grid,
        ROWS,
        "stale items",
        "run `milepost status --stale`",
    );
    format!(
        "In progress, and the forecast recorded for them has passed: they are shown finishing today, a day later every day, until their owner records `expected_finish` (or `remaining` with `as_of`) or marks them done.\n\n{}{more}",
        table(&grid)
    )
}

/// The critical items the report's critical-path table shows (the first [`ROWS`]), when
/// the report has that section.
fn shown_critical<'r>(r: &Report<'r>) -> &'r [usize] {
    if !r.sections.contains(&ReportSection::Critical) {
        return &[];
    }
    &r.critical[..r.critical.len().min(ROWS)]
}

pub(super) fn critical(r: &Report<'_>) -> String {
    let path = r.critical;
    if path.is_empty() {
        return "No item is critical: every open item has float.\n".into();
    }
    let mut grid = Grid {
        headers: vec![
            "#", "item", "name", "owner", "vendor", "start", "finish", "float",
        ],
        rows: Vec::new(),
        numeric: vec![0, 7],
        flexible: vec![],
        drop_order: vec![],
    };
    for (n, &i) in path.iter().enumerate() {
        let it = &r.plan.schedule.items[i];
        let mut row = vec![Cell::plain((n + 1).to_string())];
        row.extend(who(r, i));
        row.push(Cell::plain(it.start.to_string()));
        row.push(Cell::plain(it.finish.to_string()));
        row.push(Cell::plain(signed(it.total_float)));
        grid.rows.push(row);
    }
    let more = cap(&mut grid, ROWS, "critical items", "run `milepost critical`");
    format!(
        "The items with no float (total float ≤ 0), in order of start: any delay to them delays a commitment or the finish.\n\n{}{more}",
        table(&grid)
    )
}

pub(super) fn late(r: &Report<'_>) -> String {
    if r.late.is_empty() {
        return "Nothing is overdue or slipping.\n".into();
    }
    // Rows the critical-path table already shows are not repeated here.
    let above = shown_critical(r);
    let list: Vec<usize> = r
        .late
        .iter()
        .copied()
        .filter(|i| !above.contains(i))
        .collect();
    let repeated = r.late.len() - list.len();
    if list.is_empty() {
        return match repeated {
            1 => "The overdue or slipping item is on the critical path above.\n".to_string(),
            n => format!("All {n} overdue or slipping items are on the critical path above.\n"),
        };
    }
    let note = match repeated {
        0 => String::new(),
        1 => " One more is on the critical path above.".to_string(),
        n => format!(" {n} more are on the critical path above."),
    };
    let mut grid = Grid {
        headers: vec![
            "item", "name", "owner", "vendor", "due", "forecast", "slip", "float", "health",
        ],
        rows: Vec::new(),
        numeric: vec![6, 7],
        flexible: vec![],
        drop_order: vec![],
    };
    for &i in &list {
        let m = &r.plan.program.milestones[i];
        let it = &r.plan.schedule.items[i];
        let a = &r.plan.assessments[i];
        let mut row = who(r, i);
        row.push(Cell::plain(m.due.map_or("—".into(), |d| d.to_string())));
        row.push(Cell::plain(it.finish.to_string()));
        row.push(Cell::plain(a.slip.to_string()));
        row.push(Cell::plain(signed(it.total_float)));
        row.push(Cell::plain(health_badge(a.health)));
        grid.rows.push(row);
    }
    let more = cap(
        &mut grid,
        ROWS,
        "late items",
        "run `milepost status --health overdue,slipping`",
    );
    format!(
        "Overdue: the due date has passed and the item is not done. Slipping: negative float to a commitment, so the forecast misses it. Slip is working days past `due`.{note}\n\n{}{more}",
        table(&grid)
    )
}

pub(super) fn upcoming(r: &Report<'_>) -> String {
    let list = r.upcoming;
    let today = r.plan.schedule.today;
    let end = today
        .checked_add_days(chrono::Days::new(LOOKAHEAD_DAYS - 1))
        .unwrap_or(today);
    if list.is_empty() {
        return format!("Nothing is forecast to finish or due from {today} to {end}.\n");
    }
    let mut grid = Grid {
        headers: vec![
            "forecast", "item", "name", "owner", "vendor", "due", "health",
        ],
        rows: Vec::new(),
        numeric: vec![],
        flexible: vec![],
        drop_order: vec![],
    };
    for &i in list {
        let m = &r.plan.program.milestones[i];
        let mut row = vec![Cell::plain(r.plan.schedule.items[i].finish.to_string())];
        row.extend(who(r, i));
        row.push(Cell::plain(m.due.map_or("—".into(), |d| d.to_string())));
        row.push(Cell::plain(health_badge(r.plan.assessments[i].health)));
        grid.rows.push(row);
    }
    let more = cap(&mut grid, ROWS, "items", "run `milepost status`");
    format!(
        "Open items forecast to finish, or due, from {today} to {end}.\n\n{}{more}",
        table(&grid)
    )
}

pub(super) fn risks(r: &Report<'_>) -> String {
    let p = &r.plan.program;
    let mut out = String::new();
    if r.risks.is_empty() {
        out.push_str("No open risks.\n");
    } else {
        let mut grid = Grid {
            headers: vec![
                "risk",
                "title",
                "owner",
                "exposure",
                "affects",
                "least float",
                "mitigation",
            ],
            rows: Vec::new(),
            numeric: vec![3, 5],
            flexible: vec![],
            drop_order: vec![],
        };
        for x in r.risks {
            let risk = &p.risks[x.risk];
            let affects: Vec<String> = x
                .affected
                .iter()
                .map(|&i| {
                    format!(
                        "{} ({})",
                        code(&p.milestones[i].id),
                        r.plan.assessments[i].health
                    )
                })
                .collect();
            let warn = if x.threatens { " ⚠️" } else { "" };
            grid.rows.push(vec![
                Cell::plain(code(&risk.id)),
                Cell::plain(&risk.title),
                Cell::plain(risk.owner.as_deref().unwrap_or("—")),
                Cell::plain(format!(
                    "{:.1} ({:.0}% × {} d)",
                    x.exposure,
                    risk.probability * 100.0,
                    risk.impact_days
                )),
                Cell::plain(affects.join(", ")),
                Cell::plain(format!("{}{warn}", signed(x.min_float))),
                Cell::plain(risk.mitigation.as_deref().unwrap_or("—")),
            ]);
        }
        let more = cap(&mut grid, SHORT_ROWS, "open risks", "see the risk register");
        out.push_str("Exposure = probability × impact, in working days of expected delay. ⚠️: the impact is larger than the least float of the items it affects, so if it happens a commitment is missed.\n\n");
        out.push_str(&table(&grid));
        out.push_str(&more);
    }
    let others = p
        .risks
        .iter()
        .filter(|k| k.status != crate::model::RiskStatus::Open)
        .count();
    if others > 0 {
        out.push_str(&format!(
            "\n{others} mitigated or closed risk{} not listed.\n",
            if others == 1 { " is" } else { "s are" }
        ));
    }
    out
}

pub(super) fn vendors(r: &Report<'_>) -> String {
    let shown: Vec<VendorScore> = r.vendors.iter().filter(|s| s.items > 0).cloned().collect();
    if shown.is_empty() {
        return "No items name a vendor.\n".into();
    }
    let mut grid = super::vendors::grid(r.plan, &shown, super::vendors::Layout::Full);
    let more = cap(&mut grid, SHORT_ROWS, "vendors", "run `milepost vendors`");
    format!(
        "Worst first. On time: done items with a due that finished by it. Days late: mean working days past due of those. Slip: the largest forecast slip of its open items. Commitment float: the least of its open items'; threatens: the commitments they put at risk, each with its float. Lead times in calendar days (actual: mean over its delivered items, with their count).\n\n{}{more}",
        table(&grid)
    )
}

/// The failing schedule quality checks, or a line that says none fails.
pub(super) fn quality(view: &LintView<'_>) -> String {
    let failed: Vec<_> = view.failed().cloned().collect();
    let n = view.checks.len();
    if failed.is_empty() {
        return format!(
            "All {n} schedule quality checks pass or do not apply (`milepost lint`).\n"
        );
    }
    format!(
        "{} of {n} schedule quality checks (the DCMA 14-point assessment) fail; `milepost lint` lists the items and docs/lint.md what each check means.\n\n{}",
        failed.len(),
        table(&super::lint::grid(&failed))
    )
}
