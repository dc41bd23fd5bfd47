//! `milepost check`: the CI gate. Exit 1 when an item violates the policy (or, with
//! `--fail-on-slip`, when the change slips the schedule), in the CI system's own format.
use std::path::PathBuf;

use clap::ValueEnum;

use crate::analysis::check::{fails, violations};
use crate::analysis::diff::diff;
use crate::analysis::{Health, Plan};
use crate::model::FailOn;
use crate::render::check::{CheckResult, Row, Severity};
use crate::render::{github, gitlab, junit};

use super::diagnostics::{Place, Resolver};
use super::diff::base_rev;
use super::{CommandError, Context};

/// Fail (exit 1) when a milestone is overdue, or slipping or at risk if asked
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost check\n  milepost check --fail-on overdue,slipping\n  milepost check --format junit -o milepost-junit.xml\n  milepost check --fail-on-slip          # also fail when the change slips a commitment\n\nExit status: 0 no violation, 1 violations, 2 invalid program, usage or git error.\nThe default policy is [policy] fail_on in milepost.toml, else overdue.\nIn GitHub Actions (GITHUB_ACTIONS=true) the default format is github."
)]
pub struct Args {
    /// Health classes that fail the check, comma-separated [default: from milepost.toml, else overdue]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CLASSES")]
    pub fail_on: Vec<FailOn>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Auto)]
    pub format: CheckFormat,
    /// Write the report to FILE (atomically) instead of stdout; the result line still goes to stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also fail when the program finish or an item with a due forecasts later than at the base
    #[arg(long)]
    pub fail_on_slip: bool,
    /// The base for --fail-on-slip [default: as for `milepost diff`]
    #[arg(long, value_name = "REV", requires = "fail_on_slip")]
    pub base: Option<String>,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// github in GitHub Actions, text elsewhere
    Auto,
    /// One line per violation, `file:line:col: health: message`
    Text,
    /// A JSON object with the violations and warnings
    Json,
    /// GitHub workflow annotations (and a job summary when GITHUB_STEP_SUMMARY is set)
    Github,
    /// A GitLab Code Quality report
    Gitlab,
    /// JUnit XML, one testcase per milestone
    Junit,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let fail_on = if args.fail_on.is_empty() {
        plan.program.config.policy.fail_on.clone()
    } else {
        args.fail_on.clone()
    };
    let prefix = ctx.repo().ok().map(|(_, prefix)| prefix);
    let format = match args.format {
        CheckFormat::Auto if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") => {
            CheckFormat::Github
        }
        CheckFormat::Auto => CheckFormat::Text,
        other => other,
    };
    let every_item = format == CheckFormat::Junit;
    let mut result = findings(&plan, &fail_on, prefix.as_deref(), every_item);
    if args.fail_on_slip {
        let slips = slips(ctx, &plan, args.base.clone())?;
        result.rows.splice(0..0, slips);
    }
    let report = match format {
        CheckFormat::Auto | CheckFormat::Text => result.text(),
        CheckFormat::Json => result.json(),
        CheckFormat::Github => github::annotations(&result) + &result.summary() + "\n",
        CheckFormat::Gitlab => gitlab::code_quality(&result),
        CheckFormat::Junit => junit::junit(&result),
    };
    if format == CheckFormat::Github {
        step_summary(&result)?;
    }
    match &args.output {
        Some(path) => {
            crate::write::atomic_write(path, report.as_bytes()).map_err(CommandError::io)?;
            ctx.out.data(&(result.summary() + "\n"))?;
        }
        None => ctx.out.data(&report)?,
    }
    if result.ok() {
        Ok(())
    } else {
        Err(CommandError::violation())
    }
}

/// Appends the markdown summary to `$GITHUB_STEP_SUMMARY` when the runner sets it.
fn step_summary(result: &CheckResult) -> Result<(), CommandError> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| {
            CommandError::io(format!(
                "cannot write the job summary {}: {e}",
                PathBuf::from(&path).display()
            ))
        })?;
    file.write_all(github::step_summary(result).as_bytes())
        .map_err(|e| CommandError::io(format!("cannot write the job summary: {e}")))
}

/// The findings as rows, violations then at-risk warnings; with `every_item` (JUnit
/// has a testcase per item) the passing milestones follow.
fn findings(
    plan: &Plan,
    fail_on: &[FailOn],
    prefix: Option<&str>,
    every_item: bool,
) -> CheckResult {
    let p = &plan.program;
    let mut flagged = vec![false; p.milestones.len()];
    for v in violations(plan, fail_on) {
        flagged[v.item] = true;
    }
    let severity = |i: usize| {
        let health = plan.assessments[i].health;
        if flagged[i] {
            Some(Severity::Violation)
        } else if health == Health::AtRisk && !fails(health, fail_on) {
            Some(Severity::Warning)
        } else {
            None
        }
    };
    let shown: Vec<usize> = plan
        .in_order()
        .filter(|&i| every_item || severity(i).is_some())
        .collect();
    let locs: Vec<_> = shown
        .iter()
        .map(|&i| p.milestones[i].origin.item())
        .collect();
    let mut places = vec![None; p.milestones.len()];
    for (i, place) in shown.iter().zip(Resolver::new(&p.files).places(&locs)) {
        places[*i] = place;
    }
    let mut rows: Vec<(u8, Row)> = shown
        .into_iter()
        .map(|i| {
            let severity = severity(i);
            let rank = match severity {
                Some(Severity::Violation) => 4 - plan.assessments[i].health as u8,
                Some(Severity::Warning) => 10,
                None => 20,
            };
            (rank, row(plan, i, severity, prefix, places[i]))
        })
        .collect();
    rows.sort_by_key(|(rank, _)| *rank);
    CheckResult {
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        today: plan.schedule.today,
        fail_on: fail_on.iter().map(|f| f.as_str()).collect(),
        milestones: p.milestones.len(),
    }
}

fn row(
    plan: &Plan,
    i: usize,
    severity: Option<Severity>,
    prefix: Option<&str>,
    place: Option<Place>,
) -> Row {
    let p = &plan.program;
    let m = &p.milestones[i];
    let it = &plan.schedule.items[i];
    let path = place
        .and_then(|(file, _, _)| p.files.get(file))
        .map(|f| match prefix {
            Some("") => f.rel.clone(),
            Some(prefix) => format!("{prefix}/{}", f.rel),
            None => f.name.clone(),
        });
    let due = m.due.map(|d| format!("due {d}, ")).unwrap_or_default();
    let float = it
        .total_float
        .map(|f| format!(", float {f}"))
        .unwrap_or_default();
    let mut who: Vec<String> = m.owner.iter().map(|o| format!("owner {o}")).collect();
    who.extend(m.vendor.map(|v| format!("vendor {}", p.vendors[v].id)));
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" ({})", who.join(", "))
    };
    Row {
        id: m.id.clone(),
        name: m.name.clone(),
        class: plan.assessments[i].health.as_str(),
        severity,
        group: m
            .cluster
            .map(|c| p.clusters[c].id.clone())
            .or_else(|| p.site_of(m).map(|s| p.sites[s].id.clone()))
            .unwrap_or_else(|| "program".into()),
        path,
        line: place.map_or(0, |(_, l, _)| l),
        column: place.map_or(0, |(_, _, c)| c),
        message: format!("{due}forecast finish {}{float}{who}", it.finish),
    }
}

/// Violations for `--fail-on-slip`: the program finish or items with a due that
/// forecast later than at the base (scheduled with the same today).
fn slips(ctx: &Context<'_>, head: &Plan, base: Option<String>) -> Result<Vec<Row>, CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let rev = base_rev(ctx, &repo, base, false)?;
    let base = ctx.plan_rev(
        &repo,
        &rev,
        &prefix,
        head.schedule.today,
        &format!("base ({})", rev.label),
    )?;
    let d = diff(&base, head);
    let mut resolver = Resolver::new(&head.program.files);
    let mut rows = Vec::new();
    if let (Some(delta), Some(b), Some(h)) = (
        d.finish.delta.filter(|d| *d > 0),
        d.finish.base,
        d.finish.head,
    ) {
        rows.push(Row {
            id: "program".into(),
            name: head.program.config.name.clone(),
            class: "slip",
            severity: Some(Severity::Violation),
            group: "program".into(),
            path: None,
            line: 0,
            column: 0,
            message: format!(
                "program finish moves {delta} working days later than at {}: {} → {}",
                rev.label, b.0, h.0
            ),
        });
    }
    for change in d
        .items
        .iter()
        .filter(|c| c.finish.delta.is_some_and(|d| d > 0))
    {
        let Some(i) = head.program.milestone_index(&change.id) else {
            continue;
        };
        if head.program.milestones[i].due.is_none() {
            continue;
        }
        let place = resolver.place(&head.program.milestones[i].origin.item());
        let mut r = row(head, i, Some(Severity::Violation), Some(&prefix), place);
        r.class = "slip";
        r.message = format!(
            "forecast finish moves {} working days later than at {} ({}); {}",
            change.finish.delta.unwrap_or(0),
            rev.label,
            change
                .finish
                .base
                .map_or(String::new(), |b| b.0.to_string()),
            r.message
        );
        rows.push(r);
    }
    Ok(rows)
}
