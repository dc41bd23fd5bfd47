//! `milepost clusters`: each cluster's forecast ready date against its commitment.
use crate::analysis::clusters;
use crate::render::{self, Cell, Format, Grid, Tone, health_tone};

use super::{CommandError, Context};

/// Show each cluster's forecast ready date against its committed ready_by
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost clusters\n  milepost clusters --format markdown\n  milepost clusters --format csv > clusters.csv"
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Compare with the plan at this git revision [default: [program] baseline in milepost.toml]
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let forecasts = clusters::forecast(&plan);
    let p = &plan.program;
    let mut grid = Grid {
        headers: vec![
            "id",
            "site",
            "gpu",
            "gpus",
            "lifecycle",
            "ready_by",
            "forecast",
            "slip",
            "health",
        ],
        rows: forecasts
            .iter()
            .map(|f| {
                let c = &p.clusters[f.cluster];
                vec![
                    Cell::plain(&c.id),
                    Cell::plain(&p.sites[c.site].id),
                    Cell::plain(c.gpu.as_deref().unwrap_or("")),
                    Cell::plain(c.gpus.to_string()),
                    Cell::plain(c.lifecycle.as_str()),
                    Cell::plain(c.ready_by.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::plain(f.forecast_ready.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::toned(
                        f.slip.to_string(),
                        if f.slip > 0 { Tone::Bad } else { Tone::Plain },
                    ),
                    f.health.map_or_else(
                        || Cell::plain(""),
                        |h| Cell::toned(h.as_str(), health_tone(h)),
                    ),
                ]
            })
            .collect(),
        numeric: vec![3, 7],
        flexible: vec![2],
    };
    let baseline = ctx.baseline(&plan, args.baseline.as_deref())?;
    let variances: Option<Vec<_>> = baseline.as_ref().map(|b| {
        forecasts
            .iter()
            .map(|f| b.cluster(&plan, f.cluster, f.forecast_ready))
            .collect()
    });
    if let Some(v) = &variances {
        grid.push_baseline(v);
    }
    let text = match args.format {
        Format::Json => render::json::clusters(&plan, &forecasts, variances.as_deref()),
        Format::Table => render::table::render(&grid, ctx.out.table_style()),
        Format::Markdown => render::markdown::render(&grid),
        Format::Csv => render::csv::render(&grid).map_err(CommandError::io)?,
    };
    ctx.out.data(&text)
}
