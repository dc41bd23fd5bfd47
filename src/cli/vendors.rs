//! `milepost vendors`: vendor accountability, worst first.
use crate::analysis::vendors;
use crate::render::vendors::{Layout, grid};
use crate::render::{self, Format};

use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Show vendor accountability: on-time %, days late, forecast slip, worst item, lead times
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost vendors\n  milepost vendors --format markdown   # for the vendor call's notes\n  milepost vendors --site tpe1 --format json\n\nSorted worst first: the worst health of an open item, then the largest forecast slip,\nthe lowest on-time share, the most days late."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let items = scope.items(&plan);
    let scores = vendors::scores(&plan, &scope, &items);
    let text = match args.format {
        Format::Json => render::vendors::json(&plan, &scores),
        Format::Csv => render::vendors::csv(&plan, &scores).map_err(CommandError::io)?,
        Format::Markdown => render::markdown::render(&grid(&plan, &scores, Layout::Full)),
        Format::Table => render::table::render(
            &grid(&plan, &scores, Layout::Compact),
            ctx.out.table_style(),
        ),
    };
    ctx.out.data(&text)
}
