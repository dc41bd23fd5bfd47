//! `milepost show ID`: everything about one item, what drives it and what it drives.
use crate::analysis::show::ShowView;

use super::args::DocumentFormatArg;
use super::diagnostics::Resolver;
use super::scope::lookup;
use super::{CommandError, Context};
use crate::model::Program;

/// Show one milestone: its fields, dates, float, driving chain and successors
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost show dfw1-h200-handover\n  milepost show dfw1-h200-handover --format json"
)]
pub struct Args {
    /// The milestone id
    pub id: String,
    #[command(flatten)]
    pub format: DocumentFormatArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let p = &plan.program;
    let ids: Vec<&str> = p.milestones.iter().map(|m| m.id.as_str()).collect();
    let i = match lookup("milestone", &args.id, &ids) {
        Ok(i) => i,
        Err(e) => return Err(not_a_milestone(p, &args.id).unwrap_or(e)),
    };
    let file = Resolver::new(&p.files)
        .position(&p.milestones[i].origin.item())
        .unwrap_or_default();
    ctx.out
        .emit(&ShowView::new(&plan, i, file), args.format.get())
}

/// The error for an id that is a cluster, a site or a vendor rather than a milestone:
/// what it is, and the commands that show it.
fn not_a_milestone(p: &Program, id: &str) -> Option<CommandError> {
    let (what, by_id, list) = if p.clusters.iter().any(|c| c.id == id) {
        ("a cluster", "--cluster", "clusters")
    } else if p.sites.iter().any(|s| s.id == id) {
        ("a site", "--site", "clusters")
    } else if p.vendors.iter().any(|v| v.id == id) {
        ("a vendor", "--vendor", "vendors")
    } else {
        return None;
    };
    let error = CommandError::usage(format!(
        "`{id}` is {what}, not a milestone; `show` takes a milestone id"
    ));
    Some(error.with_hint(format!(
        "run `milepost status {by_id} {id}` for its milestones, or `milepost {list}`"
    )))
}
