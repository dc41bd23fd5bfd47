//! `milepost critical`: the critical path and the finish date it drives.
use crate::analysis::critical::CriticalView;

use super::args::{BaselineArg, FormatArg};
use super::{CommandError, Context};

/// Show the critical path: the items with no float, in order, and the finish they drive
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  milepost critical\n  milepost critical --format json")]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
    #[command(flatten)]
    pub baseline: BaselineArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let baseline = ctx.baseline(&plan, args.baseline.rev())?;
    ctx.out.emit(
        &CriticalView::new(&plan, baseline.as_ref()),
        args.format.get(),
    )
}
