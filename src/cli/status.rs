//! `milepost status`: every milestone's forecast dates, float and health.
use crate::analysis::{Health, Plan};
use crate::render::{self, Cell, Format, Grid, Tone, health_tone};

use super::scope::lookup;
use super::{CommandError, Context};

/// Show every milestone's forecast dates, float, slip and health
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost status --today 2026-12-14\n  milepost status --cluster dfw1-h200 --health overdue,slipping\n  milepost status --format json | jq '.milestones[] | select(.critical)'\n  milepost status --format csv > status.csv   # every SPEC §3 field, for spreadsheets"
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Only items at this site (directly or through their cluster)
    #[arg(long, value_name = "ID")]
    pub site: Option<String>,
    /// Only items of this cluster
    #[arg(long, value_name = "ID")]
    pub cluster: Option<String>,
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
    /// Compare with the plan at this git revision [default: [program] baseline in milepost.toml]
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let items = filter(&plan, args)?;
    let baseline = ctx.baseline(&plan, args.baseline.as_deref())?;
    let grid = || {
        let mut g = grid(&plan, &items);
        if let Some(b) = &baseline {
            g.push_baseline(&items.iter().map(|&i| b.item(&plan, i)).collect::<Vec<_>>());
        }
        g
    };
    let text = match args.format {
        // Streamed: no copy of the whole document in memory.
        Format::Json => {
            return ctx
                .out
                .stream(|w| render::json::write_status(w, &plan, &items, baseline.as_ref()));
        }
        Format::Table => {
            render::table::render(&grid(), ctx.out.table_style()) + &summary(&plan, &items) + "\n"
        }
        Format::Markdown => {
            render::markdown::render(&grid()) + "\n" + &summary(&plan, &items) + "\n"
        }
        Format::Csv => render::csv::records(
            render::json::MILESTONE_FIELDS,
            items.iter().map(|&i| render::json::milestone(&plan, i)),
        )
        .map_err(CommandError::io)?,
    };
    ctx.out.data(&text)
}

fn filter(plan: &Plan, args: &Args) -> Result<Vec<usize>, CommandError> {
    let p = &plan.program;
    let site = args
        .site
        .as_deref()
        .map(|s| {
            lookup(
                "site",
                s,
                &p.sites.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            )
        })
        .transpose()?;
    let cluster = args
        .cluster
        .as_deref()
        .map(|c| {
            lookup(
                "cluster",
                c,
                &p.clusters.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            )
        })
        .transpose()?;
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
    Ok(plan
        .in_order()
        .filter(|&i| {
            let m = &p.milestones[i];
            let a = &plan.assessments[i];
            site.is_none_or(|s| p.site_of(m) == Some(s))
                && cluster.is_none_or(|c| m.cluster == Some(c))
                && vendor.is_none_or(|v| m.vendor == Some(v))
                && args
                    .owner
                    .as_ref()
                    .is_none_or(|o| m.owner.as_ref() == Some(o))
                && (args.health.is_empty() || args.health.contains(&a.health))
                && (!args.critical || a.critical)
        })
        .collect())
}

fn grid(plan: &Plan, items: &[usize]) -> Grid {
    let p = &plan.program;
    let rows = items
        .iter()
        .map(|&i| {
            let m = &p.milestones[i];
            let it = &plan.schedule.items[i];
            let a = &plan.assessments[i];
            vec![
                Cell::toned(if a.critical { "*" } else { "" }, Tone::Bad),
                Cell::plain(&m.id),
                Cell::plain(&m.name),
                Cell::plain(m.owner.as_deref().unwrap_or("")),
                Cell::plain(it.start.to_string()),
                Cell::plain(it.finish.to_string()),
                Cell::plain(m.due.map(|d| d.to_string()).unwrap_or_default()),
                Cell::toned(
                    it.total_float.map(|f| f.to_string()).unwrap_or_default(),
                    if it.total_float.is_some_and(|f| f < 0) {
                        Tone::Bad
                    } else {
                        Tone::Plain
                    },
                ),
                Cell::toned(a.health.as_str(), health_tone(a.health)),
            ]
        })
        .collect();
    Grid {
        headers: vec![
            "", "id", "name", "owner", "start", "finish", "due", "float", "health",
        ],
        rows,
        numeric: vec![7],
        flexible: vec![2, 3],
    }
}

/// `48 milestones: 12 done, 20 on_track, … · program finish 2027-05-14`.
pub fn summary(plan: &Plan, items: &[usize]) -> String {
    let counts: Vec<String> = Health::ALL
        .iter()
        .map(|h| {
            (
                h,
                items
                    .iter()
                    .filter(|&&i| plan.assessments[i].health == *h)
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .map(|(h, n)| format!("{n} {h}"))
        .collect();
    let critical = items
        .iter()
        .filter(|&&i| plan.assessments[i].critical)
        .count();
    format!(
        "{} milestone{}: {} · {critical} critical · program finish {}",
        items.len(),
        if items.len() == 1 { "" } else { "s" },
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        },
        plan.schedule.finish
    )
}
