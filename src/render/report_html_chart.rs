//! The HTML report's Timeline: the Gantt chart whole on screen and, when it is taller
//! than a printed page, cut for print into page-high parts at lane boundaries, each with
//! its time axis and legend, so that no page break falls inside a chart.
use super::gantt::{LANE_H, LEGEND_H, ROW_H, SvgOptions, TOP, svg};
use crate::analysis::gantt::GanttView;

/// The chart's width in the page (it scales to the column, and to the page in print).
const WIDTH: u32 = 1400;
/// The tallest part (SVG pixels at [`WIDTH`]) that fits an A4 or Letter landscape page
/// at the print width: 1400 px drawn on about 1030 CSS px, under a page of about 690.
const PAGE_HEIGHT: f64 = 900.0;

/// The chart's height, as `render::gantt` draws it.
fn height(lanes: &[crate::analysis::gantt::Lane]) -> f64 {
    let rows: usize = lanes.iter().map(|l| l.rows.len()).sum();
    TOP + lanes.len() as f64 * LANE_H + rows as f64 * ROW_H + 16.0 + LEGEND_H
}

fn figure(view: &GanttView, class: &str) -> String {
    let drawn = svg(
        view,
        &SvgOptions {
            width: WIDTH,
            labels: true,
        },
    );
    // No XML namespace declaration: HTML puts `<svg>` in it, and the page names no URL.
    let inline = drawn.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    format!("<figure class=\"{class}\">\n{inline}</figure>\n")
}

/// The lanes of each printed part: as many whole lanes as fit a page, at least one.
fn parts(view: &GanttView) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=view.lanes.len() {
        if end - start > 1 && height(&view.lanes[start..end]) > PAGE_HEIGHT {
            out.push(start..end - 1);
            start = end - 1;
        }
    }
    if start < view.lanes.len() {
        out.push(start..view.lanes.len());
    }
    out
}

/// The view with only `lanes`, and the arrows between them.
fn part(view: &GanttView, lanes: std::ops::Range<usize>) -> GanttView {
    let mut out = view.clone();
    out.lanes = view.lanes[lanes.clone()].to_vec();
    out.links = view
        .links
        .iter()
        .filter(|l| lanes.contains(&l.from.0) && lanes.contains(&l.to.0))
        .map(|l| {
            let mut l = l.clone();
            l.from.0 -= lanes.start;
            l.to.0 -= lanes.start;
            l
        })
        .collect();
    out
}

/// The Timeline section's chart(s).
pub(super) fn chart(view: &GanttView) -> String {
    let parts = parts(view);
    if parts.len() <= 1 {
        return figure(view, "chart");
    }
    let mut out = figure(view, "chart screen-only");
    out.push_str("<div class=\"print-only\">\n");
    let cut = view.links.len()
        - parts
            .iter()
            .map(|r| part(view, r.clone()).links.len())
            .sum::<usize>();
    out.push_str(&format!(
        "<p>Printed in {} parts, a page each, split between lanes{}.</p>\n",
        parts.len(),
        match cut {
            0 => String::new(),
            1 => "; the one arrow between parts is not drawn".to_string(),
            n => format!("; the {n} arrows between parts are not drawn"),
        }
    ));
    for range in parts {
        out.push_str(&figure(&part(view, range), "chart part"));
    }
    out.push_str("</div>\n");
    out
}
