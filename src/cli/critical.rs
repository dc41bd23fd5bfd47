//! `milepost critical`: the critical path and the finish date it drives.
use crate::render::{self, Cell, Format, Grid, Tone};

use super::{CommandError, Context};

/// Show the critical path: the items with no float, in order, and the finish they drive
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  milepost critical\n  milepost critical --format json")]
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
    let path = plan.critical_path();
    let p = &plan.program;
    let mut grid = Grid {
        headers: vec![
            "#", "id", "name", "start", "finish", "float", "owner", "cluster",
        ],
        rows: path
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let m = &p.milestones[i];
                let it = &plan.schedule.items[i];
                vec![
                    Cell::plain((n + 1).to_string()),
                    Cell::plain(&m.id),
                    Cell::plain(&m.name),
                    Cell::plain(it.start.to_string()),
                    Cell::plain(it.finish.to_string()),
                    Cell::toned(
                        it.total_float.unwrap_or(0).to_string(),
                        if it.total_float.unwrap_or(0) < 0 {
                            Tone::Bad
                        } else {
                            Tone::Plain
                        },
                    ),
                    Cell::plain(m.owner.as_deref().unwrap_or("")),
                    Cell::plain(m.cluster.map_or("", |c| p.clusters[c].id.as_str())),
                ]
            })
            .collect(),
        numeric: vec![0, 5],
        flexible: vec![2, 6, 7],
    };
    let baseline = ctx.baseline(&plan, args.baseline.as_deref())?;
    if let Some(b) = &baseline {
        grid.push_baseline(&path.iter().map(|&i| b.item(&plan, i)).collect::<Vec<_>>());
    }
    let headline = format!(
        "critical path: {} item{} with no float; program finish {}\n",
        path.len(),
        if path.len() == 1 { "" } else { "s" },
        plan.schedule.finish
    );
    let text = match args.format {
        Format::Json => render::json::critical(&plan, &path, baseline.as_ref()),
        Format::Table => format!(
            "{headline}{}",
            render::table::render(&grid, ctx.out.table_style())
        ),
        Format::Markdown => format!(
            "**{}**\n\n{}",
            headline.trim_end(),
            render::markdown::render(&grid)
        ),
        Format::Csv => render::csv::render(&grid).map_err(CommandError::io)?,
    };
    ctx.out.data(&text)
}
