//! The Gantt chart as SVG: a title with the data date, a time axis that adapts to the
//! span, non-working days shaded, swimlanes, bars coloured by health (colour-blind
//! safe), progress split at today, critical outlines, event diamonds, commitment flags
//! with the forecast's gap, dependency arrows, a today line and a legend. Every text
//! from the program is escaped; the same view always gives the same bytes.
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::gantt_legend::legend;
use super::gantt_marks::{bar, finish_by, lane_header, links, today_line};
use crate::analysis::Health;
use crate::analysis::gantt::GanttView;

pub(super) const LABEL_W: f64 = 300.0;
pub(super) const TOP: f64 = 112.0;
pub(super) const LANE_H: f64 = 26.0;
pub(super) const ROW_H: f64 = 22.0;
pub(super) const LEGEND_H: f64 = 64.0;
const FONT: &str = "Lato, 'Helvetica Neue', Arial, sans-serif";

/// How to draw.
#[derive(Clone, Debug)]
pub struct SvgOptions {
    pub width: u32,
    /// Draw text (off: the same picture without any text, to test rendering).
    pub labels: bool,
}

/// The colour of a health: Okabe–Ito, told apart with any colour vision.
pub fn colour(health: Health) -> &'static str {
    match health {
        Health::Done => "#9e9e9e",
        Health::OnTrack => "#009e73",
        Health::AtRisk => "#e69f00",
        Health::Slipping => "#d55e00",
        Health::Overdue => "#cc79a7",
    }
}

/// Text for SVG and HTML: `& < > " '` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `chars` characters with an ellipsis.
pub(super) fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Day positions on the chart.
pub(super) struct Scale {
    pub(super) from: NaiveDate,
    /// The axis's last day.
    pub(super) last: NaiveDate,
    pub(super) x0: f64,
    pub(super) per_day: f64,
}

impl Scale {
    pub(super) fn x(&self, date: impl Into<NaiveDate>) -> f64 {
        self.x0 + (date.into() - self.from).num_days() as f64 * self.per_day
    }
    /// The end of a day (bars and commitments end there).
    pub(super) fn end(&self, date: impl Into<NaiveDate>) -> f64 {
        self.x(date) + self.per_day
    }
}

/// The chart's height for `view`.
fn height(view: &GanttView) -> f64 {
    let rows: usize = view.lanes.iter().map(|l| l.rows.len()).sum();
    TOP + view.lanes.len() as f64 * LANE_H + rows as f64 * ROW_H + 16.0 + LEGEND_H
}

/// The SVG document.
pub fn svg(view: &GanttView, options: &SvgOptions) -> String {
    let width = f64::from(options.width.max(640));
    let days = (view.to.0 - view.from.0).num_days() + 1;
    let scale = Scale {
        from: view.from.0,
        last: view.to.0,
        x0: LABEL_W + 10.0,
        per_day: (width - LABEL_W - 90.0) / days as f64,
    };
    let h = height(view);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">",
        w = width,
        h = h
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L6,3 L0,6 z\" fill=\"#5f6368\"/></marker></defs>\n");
    let _ = writeln!(
        s,
        "<rect width=\"{width}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
    let body_bottom = h - LEGEND_H - 8.0;
    shading(&mut s, view, &scale, body_bottom);
    axis(&mut s, view, &scale, options, body_bottom);
    let mut y = TOP;
    let mut row_y: Vec<Vec<f64>> = Vec::new();
    for lane in &view.lanes {
        lane_header(&mut s, lane, &scale, y, width, options);
        y += LANE_H;
        let mut ys = Vec::new();
        for row in &lane.rows {
            ys.push(y);
            bar(&mut s, row, &scale, y, view.today.0, options);
            y += ROW_H;
        }
        row_y.push(ys);
    }
    links(&mut s, view, &scale, &row_y);
    today_line(&mut s, view, &scale, body_bottom, options);
    if let Some(flag) = &view.finish_by {
        finish_by(&mut s, flag, &scale, body_bottom, options);
    }
    if options.labels {
        title(&mut s, view);
        legend(&mut s, view, h - LEGEND_H + 8.0);
    }
    s.push_str("</svg>\n");
    s
}

fn title(s: &mut String, view: &GanttView) {
    let _ = writeln!(
        s,
        "<text x=\"12\" y=\"28\" font-size=\"18\" font-weight=\"bold\" fill=\"#202124\">{}</text>",
        escape(&view.title)
    );
    let mut sub = format!("data date {} · {} rows", view.today, view.items);
    if view.phases {
        sub.push_str(" · one bar per phase of each lane (too many items for one per item)");
    }
    if let Some(rev) = &view.baseline {
        sub.push_str(&format!(" · baseline {rev}"));
    }
    let _ = writeln!(
        s,
        "<text x=\"12\" y=\"48\" fill=\"#5f6368\">{}</text>",
        escape(&sub)
    );
}

/// Weekends and holidays of the program calendar, when a day is at least 4 px wide.
fn shading(s: &mut String, view: &GanttView, scale: &Scale, bottom: f64) {
    if scale.per_day < 4.0 {
        return;
    }
    let mut day = view.from.0;
    while day <= view.to.0 {
        if view.non_working.binary_search(&day).is_ok() {
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f1f3f4\"/>",
                scale.x(day),
                scale.per_day,
                bottom - TOP
            );
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Month lines with their names (the year on January and on the first), and week
/// ticks on Mondays when weeks are at least 14 px apart.
fn axis(s: &mut String, view: &GanttView, scale: &Scale, options: &SvgOptions, bottom: f64) {
    let _ = writeln!(
        s,
        "<line x1=\"{x0}\" y1=\"{y}\" x2=\"{x1:.1}\" y2=\"{y}\" stroke=\"#bdc1c6\"/>",
        x0 = scale.x0,
        y = TOP - 2.0,
        x1 = scale.end(view.to)
    );
    let weeks = scale.per_day * 7.0 >= 14.0;
    let month_px = scale.per_day * 30.0;
    let mut day = view.from.0;
    let mut first = true;
    while day <= view.to.0 {
        let x = scale.x(day);
        if day.day() == 1 || first {
            let _ = writeln!(
                s,
                "<line x1=\"{x:.1}\" y1=\"70\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#dadce0\"/>"
            );
            let every = if month_px >= 40.0 {
                1
            } else if month_px >= 14.0 {
                3
            } else {
                6
            };
            if options.labels
                && (day.month0().is_multiple_of(every) || first)
                && (first || day.day() == 1)
            {
                let year = day.month() == 1 || first;
                let name = if year {
                    format!("{} {}", MONTHS[day.month0() as usize], day.year())
                } else {
                    MONTHS[day.month0() as usize].to_string()
                };
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"84\" fill=\"#3c4043\" font-weight=\"bold\">{name}</text>",
                    x + 3.0
                );
            }
            first = false;
        } else if weeks && day.weekday().number_from_monday() == 1 {
            let _ = writeln!(
                s,
                "<line x1=\"{x:.1}\" y1=\"92\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#f1f3f4\"/>"
            );
            if options.labels {
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"104\" font-size=\"10\" fill=\"#80868b\">{}</text>",
                    x + 2.0,
                    day.day()
                );
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
}
