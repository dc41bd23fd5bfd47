//! The Gantt chart as SVG: a title with the data date, a time axis that adapts to the
//! span, non-working days shaded, swimlanes, bars coloured by health (colour-blind
//! safe), progress split at today, critical outlines, event diamonds, commitment flags
//! with the forecast's gap, dependency arrows, a today line and a legend. Every text
//! from the program is escaped; the same view always gives the same bytes.
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::analysis::Health;
use crate::analysis::gantt::{Flag, GanttView, Lane, Row};
use crate::model::Status;

const LABEL_W: f64 = 300.0;
const TOP: f64 = 112.0;
const LANE_H: f64 = 26.0;
const ROW_H: f64 = 22.0;
const LEGEND_H: f64 = 64.0;
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
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Day positions on the chart.
struct Scale {
    from: NaiveDate,
    x0: f64,
    per_day: f64,
}

impl Scale {
    fn x(&self, date: impl Into<NaiveDate>) -> f64 {
        self.x0 + (date.into() - self.from).num_days() as f64 * self.per_day
    }
    /// The end of a day (bars and commitments end there).
    fn end(&self, date: impl Into<NaiveDate>) -> f64 {
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
        x0: LABEL_W + 10.0,
        per_day: (width - LABEL_W - 40.0) / days as f64,
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
            if options.labels && (day.month0().is_multiple_of(every) || first) && (first || day.day() == 1) {
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

fn lane_header(
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

fn bar(s: &mut String, row: &Row, scale: &Scale, y: f64, today: NaiveDate, options: &SvgOptions) {
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
fn links(s: &mut String, view: &GanttView, scale: &Scale, row_y: &[Vec<f64>]) {
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

fn today_line(s: &mut String, view: &GanttView, scale: &Scale, bottom: f64, options: &SvgOptions) {
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

fn finish_by(s: &mut String, flag: &Flag, scale: &Scale, bottom: f64, options: &SvgOptions) {
    let x = scale.end(flag.date);
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

fn legend(s: &mut String, view: &GanttView, y: f64) {
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
