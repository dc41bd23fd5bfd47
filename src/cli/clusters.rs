//! `milepost clusters`: each cluster's forecast ready date against its commitment.
use crate::analysis::clusters::ClustersView;

use super::args::{BaselineArg, FormatArg};
use super::{CommandError, Context};

/// Show each cluster's forecast ready date against its committed ready_by
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost clusters\n  milepost clusters --format markdown\n  milepost clusters --format csv > clusters.csv"
)]
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
        &ClustersView::new(&plan, baseline.as_ref()),
        args.format.get(),
    )
}
