//! The legend of the Gantt chart: the health colours, progress, critical, stale,
//! events, commitments, today, and which arrows are drawn.
use std::fmt::Write;

use super::gantt::{colour, escape};
use crate::analysis::Health;
use crate::analysis::gantt::GanttView;

/// One legend entry at `x`: its swatch (drawn at the x it is given) and its words.
fn legend_item(s: &mut String, x: &mut f64, y: f64, swatch: impl Fn(f64) -> String, text: &str) {
    let _ = writeln!(
        s,
        "{}<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#3c4043\">{}</text>",
        swatch(*x),
        *x + 18.0,
        y + 11.0,
        escape(text)
    );
    *x += 26.0 + text.chars().count() as f64 * 6.4;
}

pub(super) fn legend(s: &mut String, view: &GanttView, y: f64) {
    let mut x = 12.0;
    for h in [
        Health::OnTrack,
        Health::AtRisk,
        Health::Slipping,
        Health::Overdue,
        Health::Done,
    ] {
        let fill = colour(h);
        legend_item(
            s,
            &mut x,
            y,
            |x| {
                format!(
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"12\" fill=\"{fill}\"/>"
                )
            },
            &h.words(),
        );
    }
    legend_item(
        s,
        &mut x,
        y,
        |x| {
            format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"7\" height=\"12\" fill=\"#009e73\"/><rect x=\"{:.1}\" y=\"{y:.1}\" width=\"7\" height=\"12\" fill=\"#009e73\" fill-opacity=\"0.4\"/>",
                x + 7.0
            )
        },
        "in progress: done | left",
    );
    legend_item(
        s,
        &mut x,
        y,
        |x| {
            format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"12\" fill=\"none\" stroke=\"#202124\" stroke-width=\"1.5\"/>"
            )
        },
        "critical",
    );
    legend_item(
        s,
        &mut x,
        y,
        |x| {
            format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"12\" fill=\"none\" stroke=\"#a50f15\" stroke-dasharray=\"3,2\"/>"
            )
        },
        "stale",
    );
    legend_item(
        s,
        &mut x,
        y,
        |x| {
            format!(
                "<path d=\"M{:.1},{y:.1} l6,6 l-6,6 l-6,-6 z\" fill=\"#009e73\"/>",
                x + 7.0
            )
        },
        "event",
    );
    if view.baseline.is_some() {
        legend_item(
            s,
            &mut x,
            y,
            |x| {
                format!(
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"4\" fill=\"#bdc1c6\"/>",
                    y + 8.0
                )
            },
            "baseline",
        );
    }
    let y2 = y + 24.0;
    let mut x = 12.0;
    legend_item(
        s,
        &mut x,
        y2,
        |x| {
            format!(
                "<line x1=\"{:.1}\" y1=\"{y2:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#a50f15\" stroke-width=\"1.5\"/><path d=\"M{:.1},{y2:.1} l8,3 l-8,3 z\" fill=\"#a50f15\"/>",
                x + 3.0,
                x + 3.0,
                y2 + 12.0,
                x + 3.0
            )
        },
        "commitment (due, ready_by); an arrow and +N wd: the forecast is past it",
    );
    legend_item(
        s,
        &mut x,
        y2,
        |x| {
            format!(
                "<line x1=\"{:.1}\" y1=\"{y2:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c5221f\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>",
                x + 7.0,
                x + 7.0,
                y2 + 12.0
            )
        },
        "today",
    );
    let links = if view.phases {
        "no dependency arrows in the phase view"
    } else if view.all_links {
        "arrows: the dependency that drives each bar"
    } else {
        "arrows: what drives each critical bar (too many rows for all)"
    };
    legend_item(
        s,
        &mut x,
        y2,
        |x| {
            format!(
                "<path d=\"M{x:.1},{:.1} H{:.1}\" stroke=\"#3c4043\" marker-end=\"url(#arrow)\"/>",
                y2 + 6.0,
                x + 14.0
            )
        },
        links,
    );
}
