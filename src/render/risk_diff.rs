//! How `diff --risk` looks: each commitment's P80 and probability at base and head.
use super::view::{Block, Medium};
use super::{Cell, Grid, Tone};
use crate::analysis::risk_diff::{Confidence, RiskDiff, Sides};

/// The markdown of [`blocks`], for the pull-request comment file.
pub fn markdown(risk: &RiskDiff) -> String {
    blocks(risk, Medium::Markdown)
        .iter()
        .map(|block| match block {
            Block::Text(text) => text.clone(),
            Block::Grid(grid) => super::markdown::render(grid),
        })
        .collect()
}

pub(super) fn blocks(risk: &RiskDiff, medium: Medium) -> Vec<Block> {
    let title = format!(
        "confidence (milepost risk, {} iterations, seed {} on both sides):",
        risk.iterations, risk.seed
    );
    let mut rows = vec![row("program finish".into(), &risk.program)];
    rows.extend(
        risk.commitments
            .iter()
            .map(|c| row(format!("{} {}", c.kind, c.id), &c.sides)),
    );
    vec![
        Block::Text(match medium {
            Medium::Terminal => format!("\n{title}\n"),
            Medium::Markdown => format!("\n**{title}**\n\n"),
        }),
        Block::Grid(Grid {
            headers: vec![
                "commitment",
                "P80 base",
                "P80 head",
                "probability base",
                "probability head",
                "change",
            ],
            rows,
            numeric: vec![3, 4, 5],
            flexible: vec![0],
            drop_order: vec![],
        }),
    ]
}

fn row(name: String, sides: &Sides) -> Vec<Cell> {
    let p80 = |c: Option<Confidence>| c.map_or("—".into(), |c| c.p80.0.to_string());
    let prob = |c: Option<Confidence>| c.and_then(|c| c.probability);
    let percent = |p: Option<f64>| p.map_or("—".into(), |p| format!("{:.0}%", p * 100.0));
    let (b, h) = (prob(sides.base), prob(sides.head));
    let change = match (b, h) {
        (Some(b), Some(h)) => {
            let points = ((h - b) * 100.0).round() as i64;
            let tone = match points {
                p if p < 0 => Tone::Bad,
                p if p > 0 => Tone::Good,
                _ => Tone::Plain,
            };
            Cell::toned(
                if points == 0 {
                    "0".into()
                } else {
                    format!("{points:+}")
                },
                tone,
            )
        }
        _ => Cell::plain("—"),
    };
    vec![
        Cell::plain(name),
        Cell::plain(p80(sides.base)),
        Cell::plain(p80(sides.head)),
        Cell::plain(percent(b)),
        Cell::plain(percent(h)),
        change,
    ]
}
