//! A Mermaid `gantt` chart of a [`Timeline`]: renders on GitHub and GitLab inside a
//! ```` ```mermaid ```` block, and alone with `milepost export --format mermaid`.
//!
//! Dates are SPEC §2's shown dates: `inclusiveEndDates` makes a bar run from the start
//! day through the finish day, and a milestone is a diamond on its day. The chart's
//! own "today" line is switched off (it would show the clock's date, not the data
//! date); a milestone in a `Data date` section marks the data date instead. Also the
//! markdown report's Timeline section, which is this chart and a key to its colours.
use chrono::NaiveDate;

use super::report::{Report, thousands};
use crate::analysis::timeline::{Bar, Timeline};

/// Text safe inside a Mermaid gantt line: no `:` (it ends the task name), `;` or `#`
/// (statement and entity syntax), `%%` (comments), and one line.
pub fn text(s: &str) -> String {
    let cleaned: String = s
        .replace(": ", " – ")
        .replace("%%", "%")
        .chars()
        .map(|c| match c {
            ';' => ',',
            ':' | '#' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bar_line(bar: &Bar) -> String {
    let mut tags = Vec::new();
    if bar.crit {
        tags.push("crit");
    }
    if bar.done {
        tags.push("done");
    } else if bar.active {
        tags.push("active");
    }
    if bar.milestone {
        tags.push("milestone");
    }
    let mut label = text(&bar.label);
    if label.is_empty() {
        label = "(unnamed)".into();
    }
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!("{}, ", tags.join(", "))
    };
    format!(
        "    {label} :{tags}{}, {}\n",
        bar.start.format("%Y-%m-%d"),
        bar.finish.format("%Y-%m-%d")
    )
}

/// The axis format for a span: Mermaid picks weekly or monthly ticks for spans up to a
/// year or so, which need the day; longer charts get month and year.
fn axis_format(first: NaiveDate, last: NaiveDate) -> &'static str {
    if (last - first).num_days() > 400 {
        "%b %Y"
    } else {
        "%d %b"
    }
}

/// The `gantt` source (no fence) titled `title` and the data date, with a data-date
/// marker at `today`.
pub fn gantt(title: &str, today: NaiveDate, timeline: &Timeline) -> String {
    let bars = timeline.sections.iter().flat_map(|s| &s.bars);
    let first = bars
        .clone()
        .map(|b| b.start)
        .min()
        .unwrap_or(today)
        .min(today);
    let last = bars.map(|b| b.finish).max().unwrap_or(today).max(today);
    let mut out = String::from("gantt\n");
    out.push_str(&format!("    title {} · as of {today}\n", text(title)));
    out.push_str("    dateFormat YYYY-MM-DD\n");
    out.push_str(&format!("    axisFormat {}\n", axis_format(first, last)));
    out.push_str("    inclusiveEndDates\n");
    out.push_str("    todayMarker off\n");
    // The data date gets a section of its own: a milestone on that day marks "now".
    out.push_str("    section Data date\n");
    out.push_str(&bar_line(&Bar {
        label: format!("As of {today}"),
        start: today,
        finish: today,
        milestone: true,
        crit: false,
        done: false,
        active: true,
    }));
    for s in &timeline.sections {
        out.push_str(&format!("    section {}\n", section_title(&s.title)));
        for bar in &s.bars {
            out.push_str(&bar_line(bar));
        }
    }
    out
}

fn section_title(title: &str) -> String {
    let t = text(title);
    if t.is_empty() { "(none)".into() } else { t }
}

/// The markdown report's Timeline section: the gantt chart in a `mermaid` block, and
/// what its colours mean.
pub(super) fn report_section(r: &Report<'_>) -> String {
    let p = &r.plan.program;
    let title = match r.scope.label(p) {
        Some(l) => format!("{} ({l})", p.config.name),
        None => p.config.name.clone(),
    };
    let mut out = format!(
        "```mermaid\n{}```\n",
        gantt(&title, r.plan.schedule.today, r.timeline)
    );
    out.push_str("\nRed: critical (no float); red outline: critical and in progress; light blue: in progress; dark blue: not started; grey: done; ◆: milestone events.");
    let t = r.timeline;
    if t.phases {
        out.push_str(&format!(
            " Each bar spans one phase (kind of work) of a cluster or site, {} items in all; the critical path is listed item by item",
            thousands(t.items)
        ));
        if t.critical > t.critical_shown {
            out.push_str(&format!(
                " (its first {} of {} items)",
                t.critical_shown,
                thousands(t.critical)
            ));
        }
        out.push('.');
    }
    if t.folded_groups > 0 {
        out.push_str(&format!(
            " The chart shows the {} clusters and groups in the worst state; {} more ({} items) are folded away — see `milepost clusters` and `milepost status`.",
            crate::analysis::timeline::GROUP_CAP,
            thousands(t.folded_groups),
            thousands(t.folded_items)
        ));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::timeline::Section;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn names_lose_what_would_break_the_line() {
        assert_eq!(
            text("Provisioning: OS image; a#b:c %% x\ny"),
            "Provisioning – OS image, a b c % x y"
        );
    }

    #[test]
    fn bars_carry_their_tags_and_inclusive_dates() {
        let timeline = Timeline {
            sections: vec![Section {
                title: "c1".into(),
                bars: vec![
                    Bar {
                        label: "Racks".into(),
                        start: day("2026-11-30"),
                        finish: day("2026-12-09"),
                        milestone: false,
                        crit: false,
                        done: true,
                        active: false,
                    },
                    Bar {
                        label: "Handover".into(),
                        start: day("2027-01-14"),
                        finish: day("2027-01-14"),
                        milestone: true,
                        crit: true,
                        done: false,
                        active: false,
                    },
                ],
            }],
            ..Timeline::default()
        };
        let g = gantt("P: x", day("2026-12-14"), &timeline);
        assert!(g.contains("    title P – x · as of 2026-12-14\n"), "{g}");
        assert!(
            g.contains("    Racks :done, 2026-11-30, 2026-12-09\n"),
            "{g}"
        );
        assert!(
            g.contains("    Handover :crit, milestone, 2027-01-14, 2027-01-14\n"),
            "{g}"
        );
        assert!(g.contains("inclusiveEndDates") && g.contains("todayMarker off"));
    }
}
