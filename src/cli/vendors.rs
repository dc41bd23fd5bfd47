//! `milepost vendors`: vendor accountability, worst first.
use crate::analysis::vendors::{self, VendorsView};

use super::args::FormatArg;
use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Show vendor accountability: on-time %, days late, forecast slip, threatened commitments, worst item, lead times
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost vendors\n  milepost vendors --format markdown   # for the vendor call's notes\n  milepost vendors --site tpe1 --format json\n\nSorted worst first: the worst health of an open item, then the largest forecast slip,\nthe least commitment float, the lowest on-time share, the most days late."
)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let items = scope.items(&plan);
    let scores = vendors::scores(&plan, &scope, &items);
    ctx.out
        .emit(&VendorsView::new(&plan, scores), args.format.get())
}
