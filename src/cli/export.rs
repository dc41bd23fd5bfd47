//! `milepost export`: the schedule for other tools — CSV, iCalendar, Graphviz DOT, a
//! Mermaid gantt, or Microsoft Project XML — on stdout or written atomically with `-o FILE`.
use std::path::PathBuf;

use crate::analysis::timeline;
use crate::render::export::{self, Export, ExportFormat};

use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Export the schedule as CSV, iCalendar, Graphviz DOT, a Mermaid gantt or MS Project XML
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost export --format ics -o program.ics        # subscribe or import in a calendar\n  milepost export --format dot | dot -Tsvg > graph.svg\n  milepost export --format mermaid --cluster dfw1-h200\n  milepost export --format csv > schedule.csv\n  milepost export --format mspdi -o plan.xml          # MS Project, ProjectLibre, MPXJ\n\nRe-importing a newer .ics updates its events: every event's UID is stable."
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
    let p = &plan.program;
    let title = match scope.label(p) {
        Some(l) => format!("{} ({l})", p.config.name),
        None => p.config.name.clone(),
    };
    let timeline = (args.format == ExportFormat::Mermaid).then(|| timeline::build(&plan, &items));
    let export = Export {
        plan: &plan,
        items: &items,
        title,
        timeline,
    };
    let text = export::render(&export, args.format).map_err(CommandError::io)?;
    ctx.out.data_to(args.output.as_deref(), &text)
}
