//! `milepost check`: the CI gate. Exit 1 when an item violates the policy (or, with
//! `--fail-on-slip`, when the change slips the schedule), in the CI system's own format.
use std::path::PathBuf;

use crate::analysis::Plan;
use crate::analysis::check::{CheckResult, Row, findings};
use crate::analysis::check_slip::slip_rows;
use crate::analysis::confidence;
use crate::model::FailOn;
use crate::render::check::CheckFormat;
use crate::render::{self, github};

use super::{CommandError, Context};

/// Fail (exit 1) when a milestone is overdue, or slipping or at risk if asked
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost check\n  milepost check --fail-on overdue,slipping\n  milepost check --format junit -o milepost-junit.xml\n  milepost check --fail-on-slip          # also fail when the change slips a commitment\n  milepost check --fail-on confidence    # fail below [policy] min_probability (milepost risk)\n\nExit status: 0 no violation, 1 violations, 2 invalid program, usage or git error.\nThe default policy is [policy] fail_on in milepost.toml, else overdue.\nIn GitHub Actions (GITHUB_ACTIONS=true) the default format is github."
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
    /// Also fail when the change makes a commitment missed (or missed by more) than at the base
    #[arg(long)]
    pub fail_on_slip: bool,
    /// The base for --fail-on-slip [default: as for `milepost diff`]
    #[arg(long, value_name = "REV", requires = "fail_on_slip")]
    pub base: Option<String>,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let fail_on = if args.fail_on.is_empty() {
        plan.program.config.policy.fail_on.clone()
    } else {
        args.fail_on.clone()
    };
    let prefix = ctx.repo().ok().map(|(_, prefix)| prefix);
    let format = args
        .format
        .resolve(std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"));
    let mut result = findings(&plan, &fail_on, prefix.as_deref(), format.listing());
    if fail_on.contains(&FailOn::Confidence) {
        let sim = confidence::simulate(&plan)?;
        let rows = confidence::confidence_rows(&plan, &sim, prefix.as_deref());
        result.rows.splice(0..0, rows);
    }
    if args.fail_on_slip {
        let (base, slips) = slips(ctx, &plan, args.base.clone())?;
        result.rows.splice(0..0, slips);
        result.slip_base = Some(base);
    }
    let report = render::check::render(&result, format);
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
    append_step_summary(&github::step_summary(result))
}

/// Appends `markdown` to `$GITHUB_STEP_SUMMARY` when the runner sets it.
pub(super) fn append_step_summary(markdown: &str) -> Result<(), CommandError> {
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
    file.write_all(markdown.as_bytes())
        .map_err(|e| CommandError::io(format!("cannot write the job summary: {e}")))
}

/// Violations for `--fail-on-slip`: the base plan, scheduled with the head's today,
/// compared with the head.
/// Returns the base's name and the violations.
fn slips(
    ctx: &Context<'_>,
    head: &Plan,
    base: Option<String>,
) -> Result<(String, Vec<Row>), CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let rev = ctx.base_rev(&repo, base, false)?.rev;
    let label = format!("base ({})", rev.label);
    let base = ctx.plan_rev(&repo, &rev, &prefix, head.schedule.today, &label)?;
    Ok((
        rev.label.clone(),
        slip_rows(&base, head, &rev.label, &prefix),
    ))
}
