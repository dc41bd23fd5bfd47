//! `milepost kpi`: the program's operating metrics (docs/kpis.md), with variance
//! against a baseline when one is named.
use crate::analysis::{clusters, kpi};
use crate::render::{self, Format};

use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Show the KPIs: GPU utilisation, provisioning lead time, on-time delivery, schedule health
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost kpi\n  milepost kpi --format json | jq .on_time.overall\n  milepost kpi --baseline baseline/2026-q4     # finish variance, baseline execution index\n  milepost kpi --format csv > kpi.csv\n\nEvery metric is defined in docs/kpis.md: its formula, unit and what it leaves out."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Compare with the plan at this git revision [default: [program] baseline in milepost.toml]
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let baseline = ctx.baseline(&plan, args.baseline.as_deref())?;
    let items = scope.items(&plan);
    let forecasts = clusters::forecast(&plan);
    let k = kpi::compute(&plan, &scope, &items, &forecasts, baseline.as_ref());
    let text = match args.format {
        Format::Json => render::json::value(&k),
        Format::Markdown => render::kpi::markdown(&k),
        Format::Csv => render::kpi_csv::csv(&k).map_err(CommandError::io)?,
        Format::Table => {
            let style = ctx.out.table_style();
            let mut out = format!("KPIs as of {}\n", plan.schedule.today);
            out.push_str(&render::table::render(&render::kpi::headline(&k), style));
            for (title, grid) in render::kpi::breakdowns(&k) {
                out.push_str(&format!("\n{title}\n"));
                out.push_str(&render::table::render(&grid, style));
            }
            out
        }
    };
    ctx.out.data(&text)
}
