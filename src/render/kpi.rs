//! The KPIs as text: a headline grid and one grid per breakdown, shared by `milepost
//! kpi` (table, markdown) and the report, so both print the same numbers. The CSV is in
//! [`super::kpi_csv`].
use super::report::thousands;
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone};
use crate::analysis::kpi::{Kpis, Share};

/// `75%`, or `—` without a value.
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or("—".into(), |r| format!("{:.0}%", r * 100.0))
}

/// A number of days: whole as `132`, else one decimal; `—` without a value.
pub fn days(value: Option<f64>) -> String {
    match value {
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
        None => "—".into(),
    }
}

fn signed(v: Option<i64>) -> String {
    match v {
        Some(0) => "0".into(),
        Some(v) => format!("{v:+}"),
        None => "—".into(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn share_detail(s: &Share) -> String {
    if s.done_with_due == 0 {
        return "no done item has a due date".into();
    }
    format!(
        "{} of {} done with a due",
        s.on_time,
        plural(s.done_with_due, "item", "items")
    )
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| Cell::plain(*c)).collect()
}

/// The headline: one row per KPI with its value and what it is over.
pub fn headline(k: &Kpis) -> Grid {
    let u = &k.utilisation;
    let l = &k.provisioning_lead_time;
    let actual = l.clusters.iter().filter(|c| c.actual).count();
    let h = &k.health;
    let counts: Vec<String> = h
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{} {name}", thousands(*n)))
        .collect();
    let mut rows = vec![
        row(&[
            "GPU utilisation",
            &percent(u.overall),
            &if u.clusters.is_empty() {
                "no production cluster".to_string()
            } else {
                format!(
                    "{} of {} GPUs allocated in {}",
                    u.allocated,
                    u.gpus,
                    plural(
                        u.clusters.len(),
                        "production cluster",
                        "production clusters"
                    )
                )
            },
        ]),
        row(&[
            "Provisioning lead time (median)",
            &l.median_days
                .map_or("—".into(), |d| format!("{} days", days(Some(d)))),
            &if l.clusters.is_empty() {
                "no cluster has both a procurement and a handover milestone".to_string()
            } else {
                format!(
                    "{}, {actual} actual",
                    plural(l.clusters.len(), "cluster", "clusters")
                )
            },
        ]),
        row(&[
            "On-time delivery",
            &percent(k.on_time.overall),
            &share_detail(&Share {
                ratio: k.on_time.overall,
                done_with_due: k.on_time.done_with_due,
                on_time: k.on_time.on_time,
            }),
        ]),
        row(&[
            "Schedule health",
            &format!(
                "{} milestone{}",
                thousands(h.milestones),
                if h.milestones == 1 { "" } else { "s" }
            ),
            &counts.join(", "),
        ]),
        vec![
            Cell::plain("Total negative float"),
            Cell::toned(
                format!("{} working days", h.total_negative_float),
                if h.total_negative_float < 0 {
                    Tone::Bad
                } else {
                    Tone::Plain
                },
            ),
            Cell::plain(format!(
                "over {}",
                plural(h.negative_float_items, "item", "items")
            )),
        ],
        row(&[
            "Critical path",
            &plural(h.critical, "item", "items"),
            "not done, total float ≤ 0",
        ]),
        row(&[
            "Needs an update",
            &plural(h.stale, "item", "items"),
            "in progress, recorded forecast passed (stale)",
        ]),
    ];
    if let Some(c) = &k.confidence {
        rows.push(row(&[
            "Commitments at ≥ P80",
            &format!(
                "{} of {}{}",
                c.at_p80,
                c.commitments,
                c.share
                    .map_or(String::new(), |s| format!(" ({:.0}%)", s * 100.0))
            ),
            &format!(
                "probability ≥ 80% (milepost risk, {} iterations)",
                c.iterations
            ),
        ]));
    }
    if let Some(b) = &k.baseline {
        rows.push(row(&[
            "Finish variance",
            &format!("{} working days", signed(b.finish.variance)),
            &format!(
                "forecast {} vs {} at baseline {}",
                b.finish.forecast.0,
                b.finish.baseline.map_or("—".into(), |d| d.0.to_string()),
                b.rev
            ),
        ]));
        let e = &b.execution_index;
        rows.push(row(&[
            "Baseline execution index",
            &e.index.map_or("—".into(), |i| format!("{i:.2}")),
            &format!(
                "{} finished of {} planned to finish by {}",
                e.finished, e.planned, k.today.0
            ),
        ]));
    }
    Grid {
        headers: vec!["kpi", "value", "over"],
        rows,
        numeric: vec![],
        flexible: vec![2],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // kpi and value always stay.
        drop_order: vec!["over"],
    }
}

/// The breakdowns, each with a title; empty ones are left out.
pub fn breakdowns(k: &Kpis) -> Vec<(&'static str, Grid)> {
    let mut out = Vec::new();
    let u = &k.utilisation;
    if !u.clusters.is_empty() {
        out.push((
            "GPU utilisation by production cluster",
            Grid {
                headers: vec!["cluster", "gpus", "allocated", "utilisation"],
                rows: u
                    .clusters
                    .iter()
                    .map(|c| {
                        row(&[
                            &c.id,
                            &c.gpus.to_string(),
                            &c.allocated.to_string(),
                            &percent(c.ratio),
                        ])
                    })
                    .collect(),
                numeric: vec![1, 2, 3],
                flexible: vec![],
                // Hidden first when too wide (docs/cli.md, "Tables");
                // cluster and utilisation always stay.
                drop_order: vec!["allocated", "gpus"],
            },
        ));
    }
    let l = &k.provisioning_lead_time;
    if !l.clusters.is_empty() {
        out.push((
            "Provisioning lead time by cluster (calendar days)",
            Grid {
                headers: vec!["cluster", "from", "to", "days", "dates"],
                rows: l
                    .clusters
                    .iter()
                    .map(|c| {
                        row(&[
                            &c.id,
                            &format!("{} {}", c.from_item, c.from.0),
                            &format!("{} {}", c.to_item, c.to.0),
                            &c.days.to_string(),
                            if c.actual { "actual" } else { "forecast" },
                        ])
                    })
                    .collect(),
                numeric: vec![3],
                flexible: vec![1, 2],
                // Hidden first when too wide (docs/cli.md, "Tables");
                // cluster and days always stay.
                drop_order: vec!["dates", "from", "to"],
            },
        ));
    }
    let shares = |title, key, list: &[(String, Share)]| {
        (!list.is_empty()).then(|| {
            (
                title,
                Grid {
                    headers: vec![key, "done with due", "on time", "share"],
                    rows: list
                        .iter()
                        .map(|(name, s)| {
                            row(&[
                                name,
                                &s.done_with_due.to_string(),
                                &s.on_time.to_string(),
                                &percent(s.ratio),
                            ])
                        })
                        .collect(),
                    numeric: vec![1, 2, 3],
                    flexible: vec![],
                    // Hidden first when too wide (docs/cli.md, "Tables");
                    // the key and share always stay.
                    drop_order: vec!["done with due", "on time"],
                },
            )
        })
    };
    out.extend(shares(
        "On-time delivery by kind",
        "kind",
        &k.on_time.by_kind,
    ));
    out.extend(shares(
        "On-time delivery by site",
        "site",
        &k.on_time.by_site,
    ));
    if let Some(b) = &k.baseline {
        out.push((
            "Finish variance by cluster (working days)",
            Grid {
                headers: vec!["cluster", "baseline", "forecast", "variance"],
                rows: b
                    .clusters
                    .iter()
                    .map(|c| {
                        let d = |x: Option<crate::model::Date>| {
                            x.map_or("—".into(), |d| d.0.to_string())
                        };
                        row(&[
                            &c.id,
                            &d(c.baseline_finish),
                            &d(c.forecast_ready),
                            &signed(c.variance),
                        ])
                    })
                    .collect(),
                numeric: vec![3],
                flexible: vec![],
                // Hidden first when too wide (docs/cli.md, "Tables");
                // cluster and variance always stay.
                drop_order: vec!["baseline", "forecast"],
            },
        ));
    }
    out
}

impl View for Kpis {
    /// The headline table, then each breakdown under its title (bold in markdown).
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let mut blocks = Vec::new();
        if medium == Medium::Terminal {
            blocks.push(Block::Text(format!("KPIs as of {}\n", self.today.0)));
        }
        blocks.push(Block::Grid(headline(self)));
        for (title, grid) in breakdowns(self) {
            blocks.push(Block::Text(match medium {
                Medium::Terminal => format!("\n{title}\n"),
                Medium::Markdown => format!("\n**{title}**\n\n"),
            }));
            blocks.push(Block::Grid(grid));
        }
        blocks
    }

    fn csv(&self) -> Option<Result<String, String>> {
        Some(super::kpi_csv::csv(self))
    }
}

/// The KPIs as markdown: the headline table, then each breakdown under a bold title.
pub fn markdown(k: &Kpis) -> String {
    super::view::to_string(k, super::Format::Markdown, super::table::Style::default())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(percent(Some(0.5834)), "58%");
        assert_eq!(percent(None), "—");
        assert_eq!(days(Some(39.0)), "39");
        assert_eq!(days(Some(39.5)), "39.5");
        assert_eq!(signed(Some(4)), "+4");
        assert_eq!(signed(Some(-2)), "-2");
    }
}
