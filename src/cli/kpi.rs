//! `milepost kpi`: the program's operating metrics (docs/kpis.md), with variance
//! against a baseline when one is named.
use crate::analysis::{clusters, confidence, kpi};

use super::args::{BaselineArg, FormatArg};
use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Show the KPIs: GPU utilisation, provisioning lead time, on-time delivery, schedule health
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost kpi\n  milepost kpi --format json | jq .on_time.overall\n  milepost kpi --baseline baseline/2026-q4     # finish variance, baseline execution index\n  milepost kpi --format csv > kpi.csv\n\nEvery metric is defined in docs/kpis.md: its formula, unit and what it leaves out."
)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
    #[command(flatten)]
    pub baseline: BaselineArg,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let baseline = ctx.baseline(&plan, args.baseline.rev())?;
    let items = scope.items(&plan);
    let forecasts = clusters::forecast(&plan);
    let mut k = kpi::compute(&plan, &scope, &items, &forecasts, baseline.as_ref());
    let sim = confidence::simulate(&plan)?;
    k.confidence = Some(confidence::kpi(&plan, &sim, &scope));
    ctx.out.emit(&k, args.format.get())
}
