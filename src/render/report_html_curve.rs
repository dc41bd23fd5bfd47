//! The HTML report's S-curves: for the program finish and each cluster's `ready_by`, the
//! simulated probability of finishing by a date (the cumulative distribution through
//! the earliest, P10, P50, P80, P90 and latest finishes of `milepost risk`), with the
//! committed date and the probability of making it marked.
use std::fmt::Write;

use chrono::NaiveDate;

use super::gantt::escape;
use crate::analysis::risk_view::{Percentiles, RiskView, Strip};
use crate::model::CommitmentKind;

const W: f64 = 320.0;
const H: f64 = 150.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 26.0;
const CURVE: &str = "#0b5cad";

/// One curve's data.
struct Curve<'a> {
    title: String,
    committed: Option<NaiveDate>,
    probability: Option<f64>,
    dates: &'a Percentiles,
    strip: &'a Strip,
}

/// The curves of the commitments the Confidence table lists, in its order.
pub(super) fn curves(view: &RiskView<'_>, whole_program: bool) -> String {
    let mut list = Vec::new();
    if whole_program {
        list.push(Curve {
            title: "program finish".into(),
            committed: view.program.finish_by.map(|d| d.0),
            probability: view.program.probability,
            dates: &view.program.dates,
            strip: &view.program.strip,
        });
    }
    for c in view
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::ReadyBy)
    {
        list.push(Curve {
            title: format!("{} ready_by", c.id.unwrap_or_default()),
            committed: Some(c.date.0),
            probability: Some(c.probability),
            dates: &c.dates,
            strip: &c.strip,
        });
    }
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<p>The probability of finishing by each date (the simulated distribution); the dashed line is the committed date.</p>\n<div class=\"curves\">\n",
    );
    for c in &list {
        out.push_str(&figure(c));
    }
    out.push_str("</div>\n");
    out
}

/// The known points of the cumulative distribution, by date, never decreasing.
fn points(c: &Curve<'_>) -> Vec<(NaiveDate, f64)> {
    let d = c.dates;
    let mut pts = vec![
        (d.p10.0, 0.1),
        (d.p50.0, 0.5),
        (d.p80.0, 0.8),
        (d.p90.0, 0.9),
    ];
    if let Some(e) = c.strip.earliest {
        pts.push((e.0, 0.0));
    }
    if let Some(l) = c.strip.latest {
        pts.push((l.0, 1.0));
    }
    if let (Some(day), Some(p)) = (c.committed, c.probability) {
        pts.push((day, p));
    }
    pts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut top = 0.0_f64;
    for pt in &mut pts {
        top = top.max(pt.1);
        pt.1 = top;
    }
    pts
}

fn figure(c: &Curve<'_>) -> String {
    let pts = points(c);
    let mut lo = pts.first().map_or(c.dates.p50.0, |p| p.0);
    let mut hi = pts.last().map_or(c.dates.p50.0, |p| p.0);
    if let Some(day) = c.committed {
        lo = lo.min(day);
        hi = hi.max(day);
    }
    let span = ((hi - lo).num_days().max(1)) as f64;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |d: NaiveDate| LEFT + (d - lo).num_days() as f64 / span * pw;
    let y = |p: f64| TOP + (1.0 - p) * ph;
    let mut s = String::new();
    let label = format!(
        "{}: P50 {}, P80 {}{}",
        c.title,
        c.dates.p50.0,
        c.dates.p80.0,
        c.committed
            .map(|d| format!(", committed {d}"))
            .unwrap_or_default()
    );
    let _ = write!(
        s,
        "<figure><figcaption><code>{}</code><span>P50 {} · P80 {}</span></figcaption>\n<svg viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\" font-size=\"10\">\n",
        escape(&c.title),
        c.dates.p50.0,
        c.dates.p80.0,
        escape(&label)
    );
    for (p, name) in [(0.0, "0%"), (0.5, "50%"), (0.8, "80%"), (1.0, "100%")] {
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e7eb\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#59636e\">{name}</text>",
            W - RIGHT,
            LEFT - 4.0,
            y(p) + 3.5,
            y = y(p)
        );
    }
    let bottom = H - BOTTOM;
    let _ = writeln!(
        s,
        "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{bottom:.1}\" y2=\"{bottom:.1}\" stroke=\"#8c959f\"/>",
        W - RIGHT
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" fill=\"#59636e\">{lo}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#59636e\">{hi}</text>",
        bottom + 14.0,
        W - RIGHT,
        bottom + 14.0
    );
    let path: Vec<String> = pts
        .iter()
        .map(|&(d, p)| format!("{:.1},{:.1}", x(d), y(p)))
        .collect();
    let _ = writeln!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{CURVE}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
        path.join(" ")
    );
    if let Some(day) = c.committed {
        let cx = x(day);
        let anchor = if cx > LEFT + pw / 2.0 { "end" } else { "start" };
        let dx = if anchor == "end" { -4.0 } else { 4.0 };
        let _ = writeln!(
            s,
            "<line x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{bottom:.1}\" stroke=\"#1f2328\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#1f2328\">committed {day}</text>",
            TOP - 10.0,
            cx + dx,
            TOP - 12.0 + 9.0,
        );
        if let Some(p) = c.probability {
            let _ = writeln!(
                s,
                "<circle cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{CURVE}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-weight=\"600\" fill=\"{CURVE}\">{:.0}%</text>",
                y(p),
                cx + dx,
                // Below the dot, or above it near the axis.
                if p < 0.2 { y(p) - 6.0 } else { y(p) + 12.0 },
                p * 100.0
            );
        }
    }
    s.push_str("</svg></figure>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn day(s: &str) -> Date {
        Date(s.parse().unwrap())
    }

    #[test]
    fn the_curve_rises_through_the_percentiles_and_the_commitment() {
        let dates = Percentiles {
            deterministic: day("2027-01-10"),
            p10: day("2027-01-12"),
            p50: day("2027-01-15"),
            p80: day("2027-01-20"),
            p90: day("2027-01-25"),
        };
        let strip = Strip {
            counts: vec![1; 12],
            earliest: Some(day("2027-01-11")),
            latest: Some(day("2027-02-01")),
        };
        let curve = Curve {
            title: "x <ready_by>".into(),
            committed: Some(day("2027-01-18").0),
            probability: Some(0.7),
            dates: &dates,
            strip: &strip,
        };
        let pts = points(&curve);
        assert_eq!(pts.first().map(|p| p.1), Some(0.0));
        assert_eq!(pts.last().map(|p| p.1), Some(1.0));
        assert!(pts.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
        assert!(pts.contains(&(day("2027-01-18").0, 0.7)));
        let svg = figure(&curve);
        assert!(svg.contains("committed 2027-01-18"), "{svg}");
        assert!(svg.contains(">70%</text>"), "{svg}");
        assert!(svg.contains("x &lt;ready_by&gt;"), "{svg}");
    }
}
