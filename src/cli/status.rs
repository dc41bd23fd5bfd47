//! `milepost status`: every milestone's forecast dates, float and health.
use crate::analysis::Health;
use crate::analysis::status::{Filter, StatusView};

use super::args::{BaselineArg, FormatArg};
use super::scope::{ScopeArgs, lookup};
use super::{CommandError, Context};

/// Show every milestone's forecast dates, float, slip and health
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost status --today 2026-12-14\n  milepost status --cluster dfw1-h200 --health overdue,slipping\n  milepost status --format json | jq '.milestones[] | select(.critical)'\n  milepost status --format csv > status.csv   # every SPEC §3 field, for spreadsheets"
)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Only items with this owner
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only items with this vendor
    #[arg(long, value_name = "ID")]
    pub vendor: Option<String>,
    /// Only items with these health values, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', value_name = "HEALTH")]
    pub health: Vec<Health>,
    /// Only critical items
    #[arg(long)]
    pub critical: bool,
    /// Only stale items: in progress, and their recorded forecast has passed
    #[arg(long)]
    pub stale: bool,
    #[command(flatten)]
    pub baseline: BaselineArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let p = &plan.program;
    let vendor = args
        .vendor
        .as_deref()
        .map(|v| {
            lookup(
                "vendor",
                v,
                &p.vendors.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            )
        })
        .transpose()?;
    let filter = Filter {
        scope: args.scope.resolve(p)?,
        owner: args.owner.clone(),
        vendor,
        health: args.health.clone(),
        critical_only: args.critical,
        stale_only: args.stale,
    };
    let items = filter.items(&plan);
    let baseline = ctx.baseline(&plan, args.baseline.rev())?;
    let view = StatusView::new(&plan, &items, baseline.as_ref());
    ctx.out.emit(&view, args.format.get())
}
