//! `milepost critical`: the critical path and the finish date it drives.
use crate::render::{self, Cell, Format, Grid, Tone};

use super::{Context, Failure};

/// Show the critical path: the items with no float, in order, and the finish they drive
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  milepost critical\n  milepost critical --format json")]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), Failure> {
    let plan = ctx.plan()?;
    let path = plan.critical_path();
    let p = &plan.program;
    let grid = Grid {
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
    let headline = format!(
        "critical path: {} items drive the program finish {}\n",
        path.len(),
        plan.schedule.finish
    );
    let text = match args.format {
        Format::Json => render::json::critical(&plan, &path),
        Format::Table => format!(
            "{headline}{}",
            render::table::render(&grid, ctx.out.table_style())
        ),
        Format::Markdown => format!(
            "**{}**\n\n{}",
            headline.trim_end(),
            render::markdown::render(&grid)
        ),
    };
    ctx.out.data(&text)
}
