//! `milepost report`: the status report for leadership, as GitHub-flavoured markdown
//! or one self-contained HTML file, on stdout or written atomically to a file with `-o`.
use std::path::PathBuf;

use crate::analysis::diff::{ScheduleDiff, diff};
use crate::analysis::gantt::{self, GanttOptions};
use crate::analysis::lint::LintView;
use crate::analysis::risk_view::RiskView;
use crate::analysis::{Plan, clusters, confidence, kpi, overall, risks, timeline, vendors};
use crate::render::report::{self, Report, ReportFormat, ReportSection, Since};

use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Write the status report for leadership (markdown with a Mermaid gantt, or HTML)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost report -o reports/2026-12-14.md\n  milepost report --since v1 --sections summary,changes,late\n  milepost report --cluster dfw1-h200 --baseline baseline/2026-q4\n  milepost report --format html -o status.html\n\nSections, in order: summary, clusters, gantt, critical, late, stale, upcoming, risks,\nconfidence, vendors, kpis, quality, changes (with --since). The overall status rule is in docs/reports.md."
)]
pub struct Args {
    /// Write the report to FILE (atomically: a temporary file, then a rename) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: html for a .html or .htm FILE, else markdown]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Add a "changes since" section: the schedule impact from the plan at REV (same today)
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Only these sections, comma-separated [default: all]
    #[arg(long, value_delimiter = ',', value_enum, value_name = "LIST")]
    pub sections: Vec<ReportSection>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Compare with the plan at this git revision [default: [program] baseline in milepost.toml]
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
}

impl Args {
    /// The format asked for, else the one the output file's extension names.
    fn format(&self) -> ReportFormat {
        let html = self
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .is_some_and(|e| e == "html" || e == "htm");
        match self.format {
            Some(format) => format,
            None if html => ReportFormat::Html,
            None => ReportFormat::Markdown,
        }
    }
}

/// The sections to render: as asked (in report order), else all.
fn sections(args: &Args) -> Result<Vec<ReportSection>, CommandError> {
    let mut list = args.sections.clone();
    if list.is_empty() {
        list = <ReportSection as clap::ValueEnum>::value_variants().to_vec();
        if args.since.is_none() {
            list.retain(|s| *s != ReportSection::Changes);
        }
    } else if list.contains(&ReportSection::Changes) && args.since.is_none() {
        return Err(CommandError::usage(
            "the `changes` section needs --since REV (the revision to compare with)",
        ));
    }
    list.sort();
    list.dedup();
    Ok(list)
}

/// The plan at `rev`, scheduled with the same today as `head`, compared with it.
fn since(
    ctx: &Context<'_>,
    rev: &str,
    head: &Plan,
) -> Result<(String, ScheduleDiff), CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let rev = repo.resolve(rev)?;
    let side = format!("--since revision ({})", rev.label);
    let base = ctx.plan_rev(&repo, &rev, &prefix, head.schedule.today, &side)?;
    let short: String = rev.commit.to_string().chars().take(7).collect();
    Ok((format!("`{}` ({short})", rev.label), diff(&base, head)))
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let sections = sections(args)?;
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let baseline = ctx.baseline(&plan, args.baseline.as_deref())?;
    let changes = args
        .since
        .as_deref()
        .map(|rev| since(ctx, rev, &plan))
        .transpose()?;
    let items = scope.items(&plan);
    let forecasts = clusters::forecast(&plan);
    let risks = risks::open_risks(&plan, &scope);
    let overall = overall::assess(&plan, &scope, &items, &forecasts, &risks);
    let vendors = vendors::scores(&plan, &scope, &items);
    let mut kpis = kpi::compute(&plan, &scope, &items, &forecasts, baseline.as_ref());
    let timeline = if sections.contains(&ReportSection::Gantt) {
        timeline::build(&plan, &items)
    } else {
        timeline::Timeline::default()
    };
    let late = overall::late(&plan, &items);
    let upcoming = overall::upcoming(&plan, &items);
    let finish_chain = overall::finish_chain(&plan, &items);
    let stale = overall::stale(&plan, &items);
    let in_scope: std::collections::HashSet<usize> = items.iter().copied().collect();
    let critical: Vec<usize> = plan
        .critical_path()
        .into_iter()
        .filter(|i| in_scope.contains(i))
        .collect();
    let lint = LintView::new(&plan, baseline.as_ref());
    // One simulation (milepost risk) for the Confidence section and the KPI.
    let wanted = [ReportSection::Confidence, ReportSection::Kpis];
    let sim = if sections.iter().any(|s| wanted.contains(s)) {
        Some(confidence::simulate(&plan)?)
    } else {
        None
    };
    let confidence = sim
        .as_ref()
        .filter(|_| sections.contains(&ReportSection::Confidence))
        .map(|sim| RiskView::from_simulation(&plan, sim, &scope));
    kpis.confidence = sim.as_ref().map(|sim| confidence::kpi(&plan, sim, &scope));
    // The HTML report draws the timeline as a Gantt chart of the same scope.
    let format = args.format();
    let chart =
        (format == ReportFormat::Html && sections.contains(&ReportSection::Gantt)).then(|| {
            let p = &plan.program;
            let title = match scope.label(p) {
                Some(l) => format!("{} ({l})", p.config.name),
                None => p.config.name.clone(),
            };
            let options = GanttOptions {
                program_wide: scope.is_all(),
                ..GanttOptions::default()
            };
            let mut view = gantt::build(&plan, &items, &options, title);
            if let Some(b) = &baseline {
                gantt::with_baseline(&mut view, b);
            }
            view
        });
    let text = report::render_as(
        &Report {
            plan: &plan,
            scope,
            items: &items,
            sections: &sections,
            overall: &overall,
            forecasts: &forecasts,
            risks: &risks,
            vendors: &vendors,
            kpis: &kpis,
            timeline: &timeline,
            late: &late,
            upcoming: &upcoming,
            finish_chain: &finish_chain,
            stale: &stale,
            critical: &critical,
            baseline: baseline.as_ref(),
            since: changes.as_ref().map(|(label, diff)| Since {
                label: label.clone(),
                diff,
            }),
            lint: &lint,
            confidence: confidence.as_ref(),
            chart: chart.as_ref(),
        },
        format,
    );
    ctx.out.data_to(args.output.as_deref(), &text)
}
