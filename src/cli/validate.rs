//! `milepost validate`: load and check the program; print counts or diagnostics.
use super::{CommandError, Context};

/// Check the program files and report every problem at once
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost validate\n  milepost -C examples/gpu-buildout validate\n\nExit status: 0 valid (warnings allowed), 2 invalid."
)]
pub struct Args {}

pub fn run(ctx: &Context<'_>, _args: &Args) -> Result<(), CommandError> {
    let loaded = ctx.load()?;
    let (p, warnings) = (&loaded.program, loaded.warnings);
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "valid: {}, {}, {}, {}, {}",
        plural(p.sites.len(), "site"),
        plural(p.clusters.len(), "cluster"),
        plural(p.vendors.len(), "vendor"),
        plural(p.milestones.len(), "milestone"),
        plural(p.risks.len(), "risk"),
    );
    if warnings > 0 {
        line.push_str(&format!(" ({})", plural(warnings, "warning")));
    }
    line.push('\n');
    ctx.out.data(&line)
}
