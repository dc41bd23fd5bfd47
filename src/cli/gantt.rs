//! `milepost gantt`: the schedule as a Gantt chart, SVG (stdout or `-o chart.svg`) or
//! PNG (`-o chart.png`, rendered in-process with the fonts in the binary).
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::args::BaselineArg;
use super::scope::ScopeArgs;
use super::{CommandError, Context};
use crate::analysis::gantt::{self, GanttOptions};
use crate::render::gantt::{SvgOptions, svg};
use crate::render::gantt_png::png;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PictureFormat {
    /// SVG: scalable, with tooltips
    Svg,
    /// PNG, for slides and email
    Png,
    /// The chart's data as JSON
    Json,
}

/// Draw the schedule as a Gantt chart (SVG or PNG) for slides and email
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost gantt -o program.svg\n  milepost gantt --cluster dfw1-h200 -o dfw1-h200.png --scale 2\n  milepost gantt --milestones-only -o slide.png          # events and commitments only\n  milepost gantt --critical --baseline v1 -o critical.svg\n\nThe format follows the file's extension (.svg, .png); without -o, SVG goes to stdout."
)]
pub struct Args {
    /// Write to FILE (.svg or .png), atomically
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: from the file's extension, else svg]
    #[arg(long, value_enum)]
    pub format: Option<PictureFormat>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Start the time axis at DATE
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub from: Option<NaiveDate>,
    /// End the time axis at DATE
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub to: Option<NaiveDate>,
    /// Only milestone events and items with a due date (the slide version)
    #[arg(long)]
    pub milestones_only: bool,
    /// Only critical items
    #[arg(long)]
    pub critical: bool,
    #[command(flatten)]
    pub baseline: BaselineArg,
    /// Width of the picture in pixels
    #[arg(long, default_value_t = 1400, value_name = "PX", value_parser = clap::value_parser!(u32).range(640..=8000))]
    pub width: u32,
    /// Scale of the PNG (2 for high-DPI slides)
    #[arg(long, default_value_t = 1.0, value_name = "N")]
    pub scale: f32,
}

impl Args {
    fn format(&self) -> Result<PictureFormat, CommandError> {
        if let Some(format) = self.format {
            return Ok(format);
        }
        let ext = self
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            None | Some("svg") => Ok(PictureFormat::Svg),
            Some("png") => Ok(PictureFormat::Png),
            Some("json") => Ok(PictureFormat::Json),
            Some(other) => Err(CommandError::usage(format!(
                "-o: cannot tell the format of a .{other} file"
            ))
            .with_hint("name it .svg or .png, or give --format svg|png|json")),
        }
    }
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let format = args.format()?;
    if !(0.25..=8.0).contains(&args.scale) {
        return Err(CommandError::usage(format!(
            "--scale {}: give a scale from 0.25 to 8",
            args.scale
        )));
    }
    if format == PictureFormat::Png && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(CommandError::usage("a PNG is not for the terminal")
            .with_hint("write it with -o chart.png, or pipe it"));
    }
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let items = scope.items(&plan);
    let p = &plan.program;
    let title = match scope.label(p) {
        Some(l) => format!("{} ({l})", p.config.name),
        None => p.config.name.clone(),
    };
    let options = GanttOptions {
        milestones_only: args.milestones_only,
        critical_only: args.critical,
        from: args.from,
        to: args.to,
        program_wide: args.scope.site.is_none() && args.scope.cluster.is_none(),
    };
    let mut view = gantt::build(&plan, &items, &options, title);
    if let Some(baseline) = ctx.baseline(&plan, args.baseline.rev())? {
        gantt::with_baseline(&mut view, &baseline);
    }
    let drawn = || {
        svg(
            &view,
            &SvgOptions {
                width: args.width,
                labels: true,
            },
        )
    };
    let bytes = match format {
        PictureFormat::Svg => drawn().into_bytes(),
        PictureFormat::Png => png(&drawn(), args.scale).map_err(CommandError::io)?,
        PictureFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&view).map_err(|e| CommandError::io(e.to_string()))?;
            text.push('\n');
            text.into_bytes()
        }
    };
    match &args.output {
        Some(path) => crate::write::atomic_write(path, &bytes).map_err(CommandError::io),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(CommandError::io(format!("cannot write to stdout: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}
