//! `milepost show ID`: everything about one item, what drives it and what it drives.
use serde::Serialize;

use crate::analysis::{Plan, drivers};
use crate::render::json::{self, MilestoneJson};
use crate::render::{Format, markdown};
use crate::schedule::Driver;

use super::diagnostics::Resolver;
use super::scope::lookup;
use super::{CommandError, Context};

/// Show one milestone: its fields, dates, float, driving chain and successors
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost show dfw1-h200-handover\n  milepost show dfw1-h200-handover --format json"
)]
pub struct Args {
    /// The milestone id
    pub id: String,
    /// Output format
    #[arg(long, default_value = "table", value_parser = Format::parser(Format::NOT_CSV))]
    pub format: Format,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    milestone: MilestoneJson<'a>,
    kind: String,
    file: String,
    driver: String,
    driving_chain: Vec<&'a str>,
    predecessors: Vec<&'a str>,
    successors: Vec<&'a str>,
    notes: Option<&'a str>,
    links: &'a [String],
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let p = &plan.program;
    let ids: Vec<&str> = p.milestones.iter().map(|m| m.id.as_str()).collect();
    let i = lookup("milestone", &args.id, &ids)?;
    let m = &p.milestones[i];
    let chain: Vec<&str> = drivers::driving_chain(&plan, i)
        .iter()
        .map(|&j| ids[j])
        .collect();
    let succ: Vec<&str> = drivers::successors(&plan, i)
        .iter()
        .map(|&j| ids[j])
        .collect();
    let preds: Vec<&str> = m.deps.iter().map(|d| ids[d.pred]).collect();
    let file = Resolver::new(&p.files)
        .position(&m.origin.item())
        .unwrap_or_default();
    let view = ShowJson {
        milestone: json::milestone(&plan, i),
        kind: m.kind.as_str().to_string(),
        file,
        driver: driver_text(&plan, i),
        driving_chain: chain,
        predecessors: preds,
        successors: succ,
        notes: m.notes.as_deref(),
        links: &m.links,
    };
    let text = match args.format {
        Format::Json => json::value(&view),
        Format::Table => listing(&view, false),
        Format::Markdown => listing(&view, true),
        Format::Csv => {
            return Err(CommandError::usage(
                "show has no CSV output; use --format json",
            ));
        }
    };
    ctx.out.data(&text)
}

/// Why the item starts when it does, in words.
fn driver_text(plan: &Plan, i: usize) -> String {
    let p = &plan.program;
    let m = &p.milestones[i];
    match plan.schedule.items[i].driver {
        Driver::Actual => "actual progress".into(),
        Driver::ProgramStart => format!("the program start ({})", p.config.start),
        Driver::Today => format!("today ({}): not started yet", plan.schedule.today),
        Driver::StartNoEarlier => format!(
            "start_no_earlier ({})",
            m.start_no_earlier
                .map(|d| d.to_string())
                .unwrap_or_default()
        ),
        Driver::Dep(k) => {
            let d = &m.deps[k];
            let lag = if d.lag == 0 {
                String::new()
            } else {
                format!(", lag {}", d.lag)
            };
            format!("{} ({}{lag})", p.milestones[d.pred].id, d.relation)
        }
    }
}

fn listing(v: &ShowJson<'_>, md: bool) -> String {
    let value = serde_json::to_value(v).unwrap_or_default();
    let mut rows: Vec<(String, String)> = Vec::new();
    if let serde_json::Value::Object(map) = value {
        for (k, val) in map {
            let text = match val {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                serde_json::Value::Array(items) if items.is_empty() => continue,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(if k == "driving_chain" { " → " } else { ", " }),
                other => other.to_string(),
            };
            rows.push((k, text));
        }
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    if md {
        let mut out = String::from("| field | value |\n| --- | --- |\n");
        for (k, t) in rows {
            out.push_str(&format!("| {} | {} |\n", k, markdown::escape(&t)));
        }
        out
    } else {
        rows.iter()
            .map(|(k, t)| format!("{k:>width$}  {t}\n"))
            .collect()
    }
}
