//! `milepost lint`: the schedule quality checks (the DCMA 14-point assessment). Exit 1
//! when a check fails, like `check`.
use crate::analysis::lint::LintView;
use crate::analysis::lint_ci::findings;
use crate::render::lint::{LintFormat, render_ci, step_summary};

use super::args::BaselineArg;
use super::{CommandError, Context};

/// Assess the schedule's quality: the DCMA 14-point checks, each against its threshold
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost lint\n  milepost lint --baseline baseline/2026-q4   # also missed tasks and BEI\n  milepost lint --format github\n\nExit status: 0 no check failed, 1 a check failed, 2 invalid program, usage or git error.\nThresholds and checks turned off: [lint] in milepost.toml. See docs/lint.md."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Table)]
    pub format: LintFormat,
    #[command(flatten)]
    pub baseline: BaselineArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let baseline = ctx.baseline(&plan, args.baseline.rev())?;
    let view = LintView::new(&plan, baseline.as_ref()).locate(&plan);
    if let Some(format) = args.format.view_format() {
        ctx.out.emit(&view, format)?;
    } else {
        let prefix = ctx.repo().ok().map(|(_, prefix)| prefix);
        let every_check = args.format == LintFormat::Junit;
        let result = findings(&plan, &view, prefix.as_deref(), every_check);
        ctx.out
            .data(&render_ci(&result, args.format, &view.summary()))?;
        if args.format == LintFormat::Github {
            super::check::append_step_summary(&step_summary(&view))?;
        }
    }
    if view.ok() {
        Ok(())
    } else {
        Err(CommandError::violation())
    }
}
