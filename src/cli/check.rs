//! `milepost check`: the CI gate. Exit 1 when an item violates the policy.
use clap::ValueEnum;
use serde::Serialize;

use crate::analysis::check::violations;
use crate::load::config::FailOn;
use crate::render;

use super::diagnostics::Resolver;
use super::{Context, Failure};

/// Fail (exit 1) when a milestone is overdue, or slipping or at risk if asked
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost check\n  milepost check --fail-on overdue,slipping\n\nExit status: 0 no violation, 1 violations, 2 invalid program or usage.\nThe default policy is [policy] fail_on in milepost.toml, else overdue."
)]
pub struct Args {
    /// Health classes that fail the check (comma-separated: overdue, slipping, at-risk) [default: from milepost.toml, else overdue]
    #[arg(long, value_delimiter = ',', value_parser = parse_fail_on, value_name = "CLASSES")]
    pub fail_on: Vec<FailOn>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per violation, `file:line:col: health: message`
    Text,
    /// A JSON object with the violations
    Json,
}

fn parse_fail_on(text: &str) -> Result<FailOn, String> {
    FailOn::parse(text)
        .ok_or_else(|| format!("unknown class `{text}`; expected overdue, slipping or at-risk"))
}

#[derive(Serialize)]
struct JsonViolation<'a> {
    id: &'a str,
    health: &'static str,
    file: String,
    line: usize,
    column: usize,
    message: String,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), Failure> {
    let plan = ctx.plan()?;
    let p = &plan.program;
    let fail_on = if args.fail_on.is_empty() {
        p.config.policy.fail_on.clone()
    } else {
        args.fail_on.clone()
    };
    let found = violations(&plan, &fail_on);
    let mut resolver = Resolver::new(&p.files);
    let mut lines = Vec::new();
    let mut json = Vec::new();
    for v in &found {
        let m = &p.milestones[v.item];
        let it = &plan.schedule.items[v.item];
        let a = &plan.assessments[v.item];
        let position = resolver
            .position(&m.origin.item())
            .unwrap_or_else(|| "?:0:0".into());
        let due = m.due.map(|d| format!("due {d}, ")).unwrap_or_default();
        let float = it
            .total_float
            .map(|f| format!(", float {f}"))
            .unwrap_or_default();
        let owner = m
            .owner
            .as_deref()
            .map(|o| format!(" (owner {o})"))
            .unwrap_or_default();
        let message = format!(
            "`{}` {}: {due}forecast finish {}{float}{owner}",
            m.id, m.name, it.finish
        );
        lines.push(format!("{position}: {}: {message}\n", a.health));
        let mut parts = position.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
        let file = parts.next().unwrap_or("").to_string();
        json.push(JsonViolation {
            id: &m.id,
            health: a.health.as_str(),
            file,
            line,
            column,
            message,
        });
    }
    let names: Vec<&str> = fail_on
        .iter()
        .map(|f| match f {
            FailOn::Overdue => "overdue",
            FailOn::Slipping => "slipping",
            FailOn::AtRisk => "at-risk",
        })
        .collect();
    let text = match args.format {
        CheckFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                ok: bool,
                fail_on: Vec<&'a str>,
                today: render::json::Date,
                violations: Vec<JsonViolation<'a>>,
            }
            render::json::value(&Out {
                ok: found.is_empty(),
                fail_on: names.clone(),
                today: render::json::Date(plan.schedule.today),
                violations: json,
            })
        }
        CheckFormat::Text if found.is_empty() => {
            format!(
                "ok: {} milestone{}, none {} as of {}\n",
                p.milestones.len(),
                if p.milestones.len() == 1 { "" } else { "s" },
                names.join(" or "),
                plan.schedule.today
            )
        }
        CheckFormat::Text => {
            let n = found.len();
            lines.join("")
                + &format!(
                    "check failed: {n} violation{} of fail_on = [{}] as of {}\n",
                    if n == 1 { "" } else { "s" },
                    names.join(", "),
                    plan.schedule.today
                )
        }
    };
    ctx.out.data(&text)?;
    if found.is_empty() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}
