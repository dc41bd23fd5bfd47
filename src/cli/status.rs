//! `milepost status`: every milestone's forecast dates, float and health.
use crate::analysis::Health;
use crate::analysis::status::{Filter, StatusView, same_owner};
use crate::model::Program;

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
    /// Only items with this owner (compared ignoring case)
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
        owner: args.owner.as_deref().map(|o| owner(p, o)).transpose()?,
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

/// `--owner NAME`, checked against the owners the program names (in any case); an
/// owner no item has is a usage error with a hint, not an empty table.
fn owner(p: &Program, name: &str) -> Result<String, CommandError> {
    let mut owners: Vec<&str> = p
        .milestones
        .iter()
        .filter_map(|m| m.owner.as_deref())
        .collect();
    owners.sort_unstable();
    owners.dedup();
    if owners.iter().any(|o| same_owner(o, name)) {
        return Ok(name.to_string());
    }
    let lower: Vec<String> = owners.iter().map(|o| o.to_lowercase()).collect();
    let candidates: Vec<&str> = lower.iter().map(String::as_str).collect();
    let hint = crate::load::de::did_you_mean(&name.to_lowercase(), &candidates)
        .and_then(|h| candidates.iter().position(|c| *c == h))
        .map(|i| format!(" (did you mean `{}`?)", owners[i]))
        .unwrap_or_default();
    Err(CommandError::usage(format!(
        "no item has owner `{name}`{hint}"
    )))
}
