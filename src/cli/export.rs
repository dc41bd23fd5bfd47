//! `milepost export`: the schedule for other tools — CSV, iCalendar, Graphviz DOT, or
//! a Mermaid gantt — on stdout or written atomically with `-o FILE`.
use std::path::PathBuf;

use clap::ValueEnum;

use crate::analysis::timeline;
use crate::render;

use super::report::emit;
use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// What to export as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per item with the SPEC JSON fields as columns
    Csv,
    /// iCalendar (RFC 5545): an all-day event per milestone event and per task's due date
    Ics,
    /// Graphviz DOT of the dependency graph, critical path in red, clusters as boxes
    Dot,
    /// A Mermaid gantt chart (the report's chart, without the markdown fence)
    Mermaid,
}

/// Export the schedule as CSV, iCalendar, Graphviz DOT or a Mermaid gantt
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost export --format ics -o program.ics        # subscribe or import in a calendar\n  milepost export --format dot | dot -Tsvg > graph.svg\n  milepost export --format mermaid --cluster dfw1-h200\n  milepost export --format csv > schedule.csv\n\nRe-importing a newer .ics updates its events: every event's UID is stable."
)]
pub struct Args {
    /// The format to write
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE (atomically: a temporary file, then a rename) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let items = scope.items(&plan);
    let text = match args.format {
        ExportFormat::Csv => render::csv::records(
            crate::analysis::records::MILESTONE_FIELDS,
            items
                .iter()
                .map(|&i| crate::analysis::records::MilestoneRecord::of(&plan, i)),
        )
        .map_err(CommandError::io)?,
        ExportFormat::Ics => render::ics::render(&plan, &items),
        ExportFormat::Dot => render::dot::render(&plan, &items),
        ExportFormat::Mermaid => {
            let p = &plan.program;
            let title = match scope.label(p) {
                Some(l) => format!("{} ({l})", p.config.name),
                None => p.config.name.clone(),
            };
            let t = timeline::build(&plan, &items);
            render::mermaid::gantt(&title, plan.schedule.today, &t)
        }
    };
    emit(ctx, args.output.as_deref(), &text)
}
