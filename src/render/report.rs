//! `milepost report`: the status report for leadership, in GitHub-flavoured markdown.
//! Every section is generated from the plan; long lists are capped and say so, so the
//! report stays readable for a program of any size (docs/reports.md).
use clap::ValueEnum;

use super::markdown::{escape, render as table};
use super::report_lists as lists;
use super::{Cell, Grid};
use crate::analysis::baseline::Baseline;
use crate::analysis::clusters::ClusterForecast;
use crate::analysis::diff::ScheduleDiff;
use crate::analysis::gantt::GanttView;
use crate::analysis::kpi::Kpis;
use crate::analysis::lint::LintView;
use crate::analysis::overall::{Overall, Rag};
use crate::analysis::risk_view::RiskView;
use crate::analysis::risks::RiskExposure;
use crate::analysis::scope::Scope;
use crate::analysis::timeline::Timeline;
use crate::analysis::vendors::VendorScore;
use crate::analysis::{Health, Plan};

/// Rows shown in a list section before the rest is counted instead.
pub const ROWS: usize = 25;
/// Rows in the clusters table before the rest is counted instead.
pub const CLUSTER_ROWS: usize = 30;
/// Vendors and risks shown.
pub const SHORT_ROWS: usize = 15;

/// The sections of the report, in the order they appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum ReportSection {
    /// The executive summary: what slipped, what drives the finish, what needs a decision
    Summary,
    /// Each cluster's committed and forecast ready date
    Clusters,
    /// A Mermaid gantt chart of each cluster's phases and the critical path
    Gantt,
    /// The critical path
    Critical,
    /// Overdue and slipping items, with owner and vendor
    Late,
    /// Work in progress whose recorded forecast has passed, by owner: needs an update
    Stale,
    /// What finishes or is due in the next two weeks
    Upcoming,
    /// Open risks by exposure
    Risks,
    /// P50, P80 and the probability of the program finish and each cluster's ready_by
    /// (Monte Carlo, `milepost risk`), and the top drivers
    Confidence,
    /// Vendor accountability
    Vendors,
    /// The KPIs (the numbers `milepost kpi` prints)
    Kpis,
    /// The schedule quality checks that fail (`milepost lint`)
    Quality,
    /// What changed since `--since REV`
    Changes,
}

/// The comparison with an earlier revision (`--since`).
pub struct Since<'a> {
    /// `v1 (0d2b2cd)`.
    pub label: String,
    pub diff: &'a ScheduleDiff,
}

/// Everything the report shows, computed by the command.
pub struct Report<'a> {
    pub plan: &'a Plan,
    pub scope: Scope,
    /// The items in scope, in topological order.
    pub items: &'a [usize],
    pub sections: &'a [ReportSection],
    pub overall: &'a Overall,
    pub forecasts: &'a [ClusterForecast],
    pub risks: &'a [RiskExposure],
    pub vendors: &'a [VendorScore],
    pub kpis: &'a Kpis,
    pub timeline: &'a Timeline,
    /// Overdue and slipping items, worst first ([`crate::analysis::overall::late`]).
    pub late: &'a [usize],
    /// What finishes or is due in the look-ahead ([`crate::analysis::overall::upcoming`]).
    pub upcoming: &'a [usize],
    /// Stale work in scope, by owner then id ([`crate::analysis::overall::stale`]).
    pub stale: &'a [usize],
    /// The critical items in scope, in order of start ([`crate::analysis::Plan::critical_path`]).
    pub critical: &'a [usize],
    /// The driving chain of the latest finish in scope ([`crate::analysis::overall::finish_chain`]).
    pub finish_chain: &'a [usize],
    pub baseline: Option<&'a Baseline>,
    pub since: Option<Since<'a>>,
    /// The schedule quality checks (of the whole program, whatever the scope).
    pub lint: &'a LintView<'a>,
    /// The simulation (`milepost risk`) for the Confidence section, when it is shown.
    pub confidence: Option<&'a RiskView<'a>>,
    /// The Gantt chart of the scope, for the HTML report's Timeline section.
    pub chart: Option<&'a GanttView>,
}

/// The icon and name of a health value.
pub fn health_badge(h: Health) -> String {
    let icon = match h {
        Health::Done => "✅",
        Health::OnTrack => "🟢",
        Health::AtRisk => "🟡",
        Health::Slipping | Health::Overdue => "🔴",
    };
    format!("{icon} {h}")
}

/// The icon and name of the overall status.
pub fn rag_badge(r: Rag) -> &'static str {
    match r {
        Rag::Green => "🟢 Green",
        Rag::Amber => "🟡 Amber",
        Rag::Red => "🔴 Red",
    }
}

/// `+4`, `-2`, `0`, or `—`.
pub fn signed(v: Option<i64>) -> String {
    match v {
        Some(0) => "0".into(),
        Some(v) => format!("{v:+}"),
        None => "—".into(),
    }
}

/// `100,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn code(id: &str) -> String {
    format!("`{id}`")
}

/// The formats of the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// GitHub-flavoured markdown with a Mermaid gantt
    #[default]
    Markdown,
    /// One self-contained HTML file: inline CSS and SVG charts, a print stylesheet
    Html,
}

/// Renders the report in `format`: the one place the report picks its renderer.
pub fn render_as(r: &Report<'_>, format: ReportFormat) -> String {
    match format {
        ReportFormat::Markdown => render(r),
        ReportFormat::Html => super::report_html::render(r),
    }
}

/// One section of the report as markdown: which, its title and its body.
pub struct SectionText {
    pub section: ReportSection,
    pub title: String,
    pub body: String,
}

/// The report's sections as markdown, in order (a `changes` section without `--since`
/// is left out).
pub fn sections(r: &Report<'_>) -> Vec<SectionText> {
    let mut out = Vec::new();
    for &section in r.sections {
        let (title, body) = match section {
            ReportSection::Summary => ("Summary".to_string(), super::summary::render(r)),
            ReportSection::Clusters => ("Clusters".into(), clusters(r)),
            ReportSection::Gantt => ("Timeline".into(), super::mermaid::report_section(r)),
            ReportSection::Critical => ("Critical path".into(), lists::critical(r)),
            ReportSection::Late => ("Overdue and slipping".into(), lists::late(r)),
            ReportSection::Stale => ("Needs an update".into(), lists::stale(r)),
            ReportSection::Upcoming => ("Next two weeks".into(), lists::upcoming(r)),
            ReportSection::Risks => ("Open risks".into(), lists::risks(r)),
            ReportSection::Confidence => {
                ("Confidence".into(), super::report_confidence::confidence(r))
            }
            ReportSection::Vendors => ("Vendors".into(), lists::vendors(r)),
            ReportSection::Kpis => ("KPIs".into(), super::kpi::markdown(r.kpis)),
            ReportSection::Quality => ("Schedule quality".into(), lists::quality(r.lint)),
            ReportSection::Changes => match &r.since {
                Some(s) => (
                    format!("Changes since {}", s.label),
                    super::summary::changes(r, s),
                ),
                None => continue,
            },
        };
        out.push(SectionText {
            section,
            title,
            body,
        });
    }
    out
}

/// The line under the report: what it was generated from.
pub fn colophon(r: &Report<'_>) -> String {
    format!(
        "Generated by milepost from {} milestones as of {}. Forecasts are the early dates of the critical-path schedule; days are working days unless marked calendar days.",
        thousands(r.items.len()),
        r.plan.schedule.today
    )
}

/// Renders the report as markdown.
pub fn render(r: &Report<'_>) -> String {
    let mut out = header(r);
    for s in sections(r) {
        out.push_str(&format!("\n## {}\n\n{}", s.title, s.body));
    }
    out.push_str(&format!("\n---\n\n<sub>{}</sub>\n", colophon(r)));
    out
}

/// The title and the key facts (as of, overall, forecast finish, baseline), as markdown.
pub fn header(r: &Report<'_>) -> String {
    let p = &r.plan.program;
    let o = r.overall;
    let scope = r
        .scope
        .label(p)
        .map(|l| format!(" — {l}"))
        .unwrap_or_default();
    let mut out = format!("# {}{scope}: status report\n\n", escape(&p.config.name));
    out.push_str(&format!("- **As of:** {}\n", r.plan.schedule.today));
    let why = if o.reasons.is_empty() {
        "nothing late or at risk".to_string()
    } else {
        o.reasons.join(", ")
    };
    out.push_str(&format!("- **Overall:** {} — {why}\n", rag_badge(o.rag)));
    let finish = match (&o.commitment, o.variance) {
        (Some(c), Some(v)) => {
            let verdict = match v {
                v if v > 0 => format!("**{v} working days late**"),
                0 => "on time".to_string(),
                v => format!("{} working days early", -v),
            };
            format!(
                "{} against the latest commitment {} ({} {}): {verdict}",
                o.finish,
                c.date,
                code(&c.id),
                c.field
            )
        }
        _ => format!("{} (no committed date in scope)", o.finish),
    };
    out.push_str(&format!("- **Forecast finish:** {finish}\n"));
    if let Some(b) = r.baseline {
        let v = b.program(r.plan);
        out.push_str(&format!(
            "- **Against baseline `{}`:** finish {} → {} ({} working days)\n",
            b.rev,
            v.baseline_finish.map_or("—".into(), |d| d.to_string()),
            r.plan.schedule.finish,
            signed(v.variance)
        ));
    }
    out
}

fn clusters(r: &Report<'_>) -> String {
    let p = &r.plan.program;
    let mut shown: Vec<&ClusterForecast> = r
        .forecasts
        .iter()
        .filter(|f| r.scope.cluster(p, f.cluster))
        .collect();
    if shown.is_empty() {
        return "No clusters in scope.\n".into();
    }
    let variance = |f: &ClusterForecast| {
        let c = &p.clusters[f.cluster];
        let cal = &p.calendars[p.sites[c.site].calendar];
        c.ready_by
            .zip(f.forecast_ready)
            .map(|(by, fc)| cal.last_on_or_before(fc) - cal.last_on_or_before(by))
    };
    if shown.len() > CLUSTER_ROWS {
        // Too many to list: the worst first, then the closest to its commitment.
        shown.sort_by_key(|f| (std::cmp::Reverse(f.health), std::cmp::Reverse(variance(f))));
    }
    let mut grid = Grid {
        headers: vec![
            "cluster",
            "site",
            "GPUs",
            "lifecycle",
            "committed",
            "forecast",
            "variance",
            "health",
        ],
        rows: Vec::new(),
        numeric: vec![2, 6],
        flexible: vec![],
        drop_order: vec![],
    };
    for f in &shown {
        let c = &p.clusters[f.cluster];
        let gpu = c
            .gpu
            .as_deref()
            .map(|g| format!(" {g}"))
            .unwrap_or_default();
        let mut row = vec![
            Cell::plain(code(&c.id)),
            Cell::plain(&p.sites[c.site].id),
            Cell::plain(format!("{}{gpu}", thousands(c.gpus as usize))),
            Cell::plain(c.lifecycle.as_str()),
            Cell::plain(c.ready_by.map_or("—".into(), |d| d.to_string())),
            Cell::plain(f.forecast_ready.map_or("—".into(), |d| d.to_string())),
            Cell::plain(signed(variance(f))),
            Cell::plain(f.health.map_or("—".into(), health_badge)),
        ];
        if let Some(b) = r.baseline {
            let v = b.cluster(r.plan, f.cluster, f.forecast_ready);
            row.push(Cell::plain(
                v.baseline_finish.map_or("—".into(), |d| d.to_string()),
            ));
            row.push(Cell::plain(signed(v.variance)));
        }
        grid.rows.push(row);
    }
    if r.baseline.is_some() {
        grid.headers.extend(["baseline", "vs baseline"]);
        grid.numeric.push(9);
    }
    let more = lists::cap(
        &mut grid,
        CLUSTER_ROWS,
        "clusters",
        "run `milepost clusters` for all",
    );
    format!(
        "Variance is the forecast ready date against the committed `ready_by`, in working days (positive = late).\n\n{}{more}",
        table(&grid)
    )
}
