//! How `risk` looks: one row per commitment (committed date, deterministic forecast,
//! P50, P80, probability, a sparkline of the finish dates), then the top drivers.
use super::view::{Block, Medium, View};
use super::{Cell, Grid, Tone};
use crate::analysis::risk_view::{RiskShift, RiskView, Strip};
use crate::model::Date;

impl View for RiskView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        let scope = self
            .scope
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let headline = format!(
            "schedule risk{scope}: {} iterations, seed {}, {} ranges",
            self.iterations, self.seed, self.distribution
        );
        let mut blocks = vec![
            text(medium, &headline, true),
            Block::Grid(commitments(self)),
        ];
        if !self.top_items.is_empty() {
            blocks.push(text(
                medium,
                "top drivers (criticality × sensitivity):",
                false,
            ));
            blocks.push(Block::Grid(drivers(self)));
        }
        let moving: Vec<&RiskShift<'_>> = self
            .risks
            .iter()
            .filter(|r| r.p80_shift != 0 || r.probability_shifts.iter().any(|s| s.shift != 0.0))
            .collect();
        if let Some(top) = moving.first() {
            blocks.push(text(medium, &risk_sentence(top), false));
            blocks.push(Block::Grid(risks(&moving)));
        }
        blocks
    }
}

fn text(medium: Medium, line: &str, first: bool) -> Block {
    Block::Text(match (medium, first) {
        (Medium::Terminal, true) => format!("{line}\n"),
        (Medium::Terminal, false) => format!("\n{line}\n"),
        (Medium::Markdown, true) => format!("**{line}**\n"),
        (Medium::Markdown, false) => format!("\n{line}\n\n"),
    })
}

fn commitments(view: &RiskView<'_>) -> Grid {
    let mut rows = Vec::new();
    let p = &view.program;
    rows.push(vec![
        Cell::plain("program finish"),
        Cell::plain(date(p.finish_by)),
        Cell::plain(p.dates.deterministic.0.to_string()),
        Cell::plain(p.dates.p50.0.to_string()),
        Cell::plain(p.dates.p80.0.to_string()),
        probability(p.probability),
        Cell::plain(sparkline(&p.strip)),
    ]);
    for c in &view.commitments {
        let name = match c.id {
            Some(id) => format!("{} {id}", c.kind),
            None => c.kind.to_string(),
        };
        rows.push(vec![
            Cell::plain(name),
            Cell::plain(c.date.0.to_string()),
            Cell::plain(c.dates.deterministic.0.to_string()),
            Cell::plain(c.dates.p50.0.to_string()),
            Cell::plain(c.dates.p80.0.to_string()),
            probability(Some(c.probability)),
            Cell::plain(sparkline(&c.strip)),
        ]);
    }
    Grid {
        headers: vec![
            "commitment",
            "committed",
            "forecast",
            "P50",
            "P80",
            "probability",
            "distribution",
        ],
        rows,
        numeric: vec![5],
        flexible: vec![0],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // commitment, P80 and probability always stay.
        drop_order: vec!["distribution", "P50", "forecast", "committed"],
    }
}

fn date(d: Option<Date>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.0.to_string())
}

/// A probability as a percentage: green from 80%, amber from 50%, red below.
fn probability(p: Option<f64>) -> Cell {
    match p {
        None => Cell::plain("-"),
        Some(p) => {
            let tone = if p >= 0.8 {
                Tone::Good
            } else if p >= 0.5 {
                Tone::Warn
            } else {
                Tone::Bad
            };
            Cell::toned(format!("{:.0}%", p * 100.0), tone)
        }
    }
}

/// The finish-date histogram as a unicode sparkline, earliest left.
fn sparkline(strip: &Strip) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = strip.counts.iter().copied().max().unwrap_or(0);
    if max == 0 || strip.earliest == strip.latest {
        return "█".to_string();
    }
    strip
        .counts
        .iter()
        .map(|&c| match c {
            0 => ' ',
            c => BARS[((u64::from(c) * 7).div_ceil(u64::from(max))) as usize],
        })
        .collect()
}

fn drivers(view: &RiskView<'_>) -> Grid {
    Grid {
        headers: vec!["item", "criticality", "sensitivity"],
        rows: view
            .top_items
            .iter()
            .map(|it| {
                vec![
                    Cell::plain(it.id),
                    Cell::plain(format!("{:.0}%", it.criticality * 100.0)),
                    Cell::plain(it.sensitivity.map_or("-".into(), |s| format!("{s:.2}"))),
                ]
            })
            .collect(),
        numeric: vec![1, 2],
        flexible: vec![0],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // item and criticality always stay.
        drop_order: vec!["sensitivity"],
    }
}

/// "risks: mitigating `x` moves P80 of ready_by dfw1-h200 by −6 working days", on two
/// lines when one would pass the fixed width.
fn risk_sentence(top: &RiskShift<'_>) -> String {
    let days = |n: i64| {
        let s = if n.abs() == 1 { "" } else { "s" };
        format!("{} working day{s}", signed(-n))
    };
    let (what, shift) = match (&top.commitment_p80, top.p80_shift) {
        (Some((name, shift)), _) => (format!("P80 of {name}"), *shift),
        (None, 0) => return "risks that move a commitment's probability:".to_string(),
        (None, program) => ("the program finish P80".to_string(), program),
    };
    let line = format!(
        "risks: mitigating `{}` moves {what} by {}",
        top.id,
        days(shift)
    );
    if line.chars().count() <= 110 {
        line
    } else {
        format!(
            "risks: mitigating `{}`\n  moves {what} by {}",
            top.id,
            days(shift)
        )
    }
}

/// Each risk that moves something: the program P80 and the largest probability shifts
/// if it were mitigated.
fn risks(moving: &[&RiskShift<'_>]) -> Grid {
    let rows = moving
        .iter()
        .map(|r| {
            let mut shifts: Vec<_> = r
                .probability_shifts
                .iter()
                .filter(|x| x.shift != 0.0)
                .collect();
            shifts.sort_by(|a, b| b.shift.abs().total_cmp(&a.shift.abs()));
            let text: Vec<String> = shifts
                .iter()
                .take(3)
                .map(|x| {
                    let name =
                        x.id.map_or_else(|| x.kind.to_string(), |id| format!("{} {id}", x.kind));
                    format!("{name} {}", signed((-x.shift * 100.0).round() as i64))
                })
                .collect();
            let commitment = r
                .commitment_p80
                .as_ref()
                .map_or(String::new(), |(name, shift)| {
                    format!("{name} {}", signed(-shift))
                });
            vec![
                Cell::plain(r.id),
                Cell::plain(signed(-r.p80_shift)),
                Cell::plain(commitment),
                Cell::plain(text.join(", ")),
            ]
        })
        .collect();
    Grid {
        headers: vec![
            "risk",
            "program P80",
            "commitment P80 moved most",
            "probability (points)",
        ],
        rows,
        numeric: vec![1],
        flexible: vec![2, 3],
        // Hidden first when too wide (docs/cli.md, "Tables");
        // risk and program P80 always stay.
        drop_order: vec!["probability (points)", "commitment P80 moved most"],
    }
}

/// A signed number with a true minus sign.
fn signed(n: i64) -> String {
    match n {
        n if n < 0 => format!("−{}", -n),
        0 => "0".into(),
        n => format!("+{n}"),
    }
}
