//! `milepost report --format html`: the report as one self-contained HTML file. The
//! sections are the markdown report's, in the same order, turned into HTML with every
//! text escaped (`report_html_md`); the Timeline is the Gantt chart as inline SVG
//! (`report_html_chart`) and the Confidence section adds an S-curve per commitment
//! (`report_html_curve`). Inline CSS with a print stylesheet (A4 or Letter landscape,
//! `report_html_style`); no script, no external request.
use clap::ValueEnum;

use super::gantt::escape;
use super::report::{Report, ReportSection, colophon, header, sections};
use super::report_html_chart::chart;
use super::report_html_curve::curves;
use super::report_html_md::html;
use super::report_html_style::css;

/// Renders the report as HTML.
pub fn render(r: &Report<'_>) -> String {
    let p = &r.plan.program;
    let scope = r
        .scope
        .label(p)
        .map(|l| format!(" — {l}"))
        .unwrap_or_default();
    let sections = sections(r);
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"milepost\">\n");
    out.push_str(&format!(
        "<title>{}{}: status report, {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(&p.config.name),
        escape(&scope),
        r.plan.schedule.today,
        css()
    ));
    out.push_str("<header class=\"masthead\">\n");
    out.push_str(&html(&header(r)));
    out.push_str("</header>\n");
    if sections.len() > 1 {
        out.push_str("<nav aria-label=\"Sections\"><ul>\n");
        for s in &sections {
            out.push_str(&format!(
                "<li><a href=\"#{}\">{}</a></li>\n",
                anchor(s.section),
                strip_code(&html(&s.title))
            ));
        }
        out.push_str("</ul></nav>\n");
    }
    out.push_str("<main>\n");
    for s in &sections {
        out.push_str(&format!(
            "<section id=\"{}\">\n{}",
            anchor(s.section),
            html(&format!("## {}\n", s.title))
        ));
        match s.section {
            ReportSection::Gantt => match r.chart {
                Some(view) => out.push_str(&chart(view)),
                None => out.push_str("<p>No chart.</p>\n"),
            },
            ReportSection::Confidence => {
                out.push_str(&html(&s.body));
                if let Some(view) = r.confidence {
                    out.push_str(&curves(view, r.scope.is_all()));
                }
            }
            _ => out.push_str(&html(&s.body)),
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(&colophon(r))
    ));
    out
}

/// The section's id in the page: its `--sections` name.
fn anchor(section: ReportSection) -> String {
    section
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// A title converted to HTML, as plain text for the contents list.
fn strip_code(title: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in title.trim().chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
