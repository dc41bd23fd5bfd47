//! The marks of the Gantt chart: lane headers, bars (progress, stale, critical,
//! events), commitment flags with the forecast's gap, driving arrows, the today line
//! and `finish_by`.
use std::fmt::Write;

use chrono::NaiveDate;

use super::gantt::{LANE_H, ROW_H, Scale, SvgOptions, TOP, colour, cut, escape};
use crate::analysis::gantt::{Flag, GanttView, Lane, Row};
use crate::model::Status;

pub(super) fn lane_header(
    s: &mut String,
    lane: &Lane,
    scale: &Scale,
    y: f64,
    width: f64,
    options: &SvgOptions,
) {
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"{y:.1}\" width=\"{width}\" height=\"{LANE_H}\" fill=\"#e8eaed\" fill-opacity=\"0.6\"/>"
    );
    if options.labels {
        let _ = writeln!(
            s,
            "<text x=\"12\" y=\"{:.1}\" font-size=\"13\" font-weight=\"bold\" fill=\"#202124\">{}</text>",
            y + 17.0,
            escape(&cut(&lane.title, 40))
        );
    }
    if let Some(flag) = &lane.flag {
        commitment(s, flag, scale, y, LANE_H, "ready_by", options);
    }
}

pub(super) fn bar(
    s: &mut String,
    row: &Row,
    scale: &Scale,
    y: f64,
    today: NaiveDate,
    options: &SvgOptions,
) {
    let tip = format!(
        "{} — {}\n{} → {} · {}{}",
        row.id,
        row.name,
        row.start,
        row.finish,
        row.health.words(),
        if row.stale {
            " · stale: its forecast has passed"
        } else {
            ""
        }
    );
    let _ = writeln!(s, "<g><title>{}</title>", escape(&tip));
    if options.labels {
        let mut label = cut(&row.name, 40);
        if row.stale {
            label.push_str(" (stale)");
        }
        let _ = writeln!(
            s,
            "<text x=\"24\" y=\"{:.1}\" fill=\"#3c4043\">{}</text>",
            y + 15.0,
            escape(&label)
        );
    }
    if let Some((start, finish)) = row.baseline {
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"4\" fill=\"#bdc1c6\"/>",
            scale.x(start),
            y + 17.0,
            (scale.end(finish) - scale.x(start)).max(2.0)
        );
    }
    let fill = colour(row.health);
    let stroke = if row.critical {
        " stroke=\"#202124\" stroke-width=\"1.5\""
    } else {
        ""
    };
    let mid = y + ROW_H / 2.0;
    if row.event {
        let x = scale.x(row.finish) + scale.per_day / 2.0;
        let _ = writeln!(
            s,
            "<path d=\"M{x:.1},{:.1} L{:.1},{mid:.1} L{x:.1},{:.1} L{:.1},{mid:.1} z\" fill=\"{fill}\"{stroke}/>",
            mid - 7.0,
            x + 7.0,
            mid + 7.0,
            x - 7.0
        );
    } else {
        let (x0, x1) = (scale.x(row.start), scale.end(row.finish));
        let (top, hgt) = (y + 5.0, ROW_H - 10.0);
        match row.status {
            Status::InProgress if today > row.start.0 && today <= row.finish.0 => {
                let split = scale.x(today);
                let _ = writeln!(
                    s,
                    "<rect x=\"{x0:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{hgt}\" fill=\"{fill}\"/>",
                    split - x0
                );
                let _ = writeln!(
                    s,
                    "<rect x=\"{split:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{hgt}\" fill=\"{fill}\" fill-opacity=\"0.4\"/>",
                    x1 - split
                );
            }
            _ => {
                let opacity = if row.status == Status::NotStarted {
                    "0.85"
                } else {
                    "1"
                };
                let _ = writeln!(
                    s,
                    "<rect x=\"{x0:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{hgt}\" fill=\"{fill}\" fill-opacity=\"{opacity}\"/>",
                    (x1 - x0).max(2.0)
                );
            }
        }
        let outline = if row.stale {
            " fill=\"none\" stroke=\"#a50f15\" stroke-width=\"1.5\" stroke-dasharray=\"3,2\""
        } else if row.critical {
            " fill=\"none\" stroke=\"#202124\" stroke-width=\"1.5\""
        } else {
            ""
        };
        if !outline.is_empty() {
            let _ = writeln!(
                s,
                "<rect x=\"{x0:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{hgt}\"{outline}/>",
                (x1 - x0).max(2.0)
            );
        }
    }
    if let Some(flag) = &row.flag {
        commitment(s, flag, scale, y, ROW_H, "due", options);
    }
    s.push_str("</g>\n");
}

/// A flag at the end of the committed day; when the forecast is past it, an arrow to
/// the forecast and the gap in working days (`+4 wd`).
fn commitment(
    s: &mut String,
    flag: &Flag,
    scale: &Scale,
    y: f64,
    h: f64,
    what: &str,
    options: &SvgOptions,
) {
    let x = scale.end(flag.date);
    let late = flag.late > 0;
    let colour = if late { "#a50f15" } else { "#202124" };
    let _ = writeln!(
        s,
        "<g><title>{}</title><line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"1.5\"/><path d=\"M{x:.1},{:.1} l8,3 l-8,3 z\" fill=\"{colour}\"/></g>",
        escape(&format!(
            "{what} {} · forecast {} · {}",
            flag.date,
            flag.forecast,
            gap_words(flag.late)
        )),
        y + 2.0,
        y + h - 2.0,
        y + 2.0
    );
    if late {
        let to = scale.end(flag.forecast);
        let mid = y + h / 2.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{mid:.1}\" x2=\"{to:.1}\" y2=\"{mid:.1}\" stroke=\"#a50f15\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>"
        );
        if options.labels {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"bold\" fill=\"#a50f15\">+{} wd</text>",
                to + 4.0,
                mid + 4.0,
                flag.late
            );
        }
    }
}

fn gap_words(late: i64) -> String {
    match late {
        0 => "met on the day".into(),
        l if l < 0 => format!("{} working days to spare", -l),
        l => format!("{l} working days late"),
    }
}

/// Elbow arrows from a predecessor's finish (or start) to a successor's start (or finish).
pub(super) fn links(s: &mut String, view: &GanttView, scale: &Scale, row_y: &[Vec<f64>]) {
    for link in &view.links {
        let row = |(l, r): (usize, usize)| &view.lanes[l].rows[r];
        let (from, to) = (row(link.from), row(link.to));
        let fx = if link.from_start {
            scale.x(from.start)
        } else {
            scale.end(from.finish)
        };
        let tx = if link.to_finish {
            scale.end(to.finish)
        } else {
            scale.x(to.start)
        };
        let fy = row_y[link.from.0][link.from.1] + ROW_H / 2.0;
        let ty = row_y[link.to.0][link.to.1] + ROW_H / 2.0;
        let colour = if link.critical { "#3c4043" } else { "#9aa0a6" };
        let _ = writeln!(
            s,
            "<path d=\"M{fx:.1},{fy:.1} H{:.1} V{ty:.1} H{tx:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>",
            fx + 5.0
        );
    }
}

pub(super) fn today_line(
    s: &mut String,
    view: &GanttView,
    scale: &Scale,
    bottom: f64,
    options: &SvgOptions,
) {
    if view.today < view.from || view.today > view.to {
        return;
    }
    let x = scale.x(view.today);
    let _ = writeln!(
        s,
        "<line x1=\"{x:.1}\" y1=\"66\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#c5221f\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>"
    );
    if options.labels {
        let _ = writeln!(
            s,
            "<text x=\"{x:.1}\" y=\"62\" font-size=\"11\" fill=\"#c5221f\" font-weight=\"bold\" text-anchor=\"middle\">today {}</text>",
            view.today
        );
    }
}

pub(super) fn finish_by(
    s: &mut String,
    flag: &Flag,
    scale: &Scale,
    bottom: f64,
    options: &SvgOptions,
) {
    let x = scale.end(flag.date);
    // Off the axis (a scope or --to that ends before it): not drawn.
    if x > scale.end(scale.last) + 0.5 || flag.date.0 < scale.from {
        return;
    }
    let _ = writeln!(
        s,
        "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#0072b2\" stroke-width=\"1.5\" stroke-dasharray=\"2,3\"/>"
    );
    if options.labels {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#0072b2\" text-anchor=\"end\">finish_by {} ({})</text>",
            x - 3.0,
            bottom - 4.0,
            flag.date,
            gap_words(flag.late)
        );
    }
}
