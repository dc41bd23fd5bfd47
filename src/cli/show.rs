//! `milepost show ID`: everything about one item, what drives it and what it drives.
use crate::analysis::show::ShowView;

use super::args::DocumentFormatArg;
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
    #[command(flatten)]
    pub format: DocumentFormatArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let p = &plan.program;
    let ids: Vec<&str> = p.milestones.iter().map(|m| m.id.as_str()).collect();
    let i = lookup("milestone", &args.id, &ids)?;
    let file = Resolver::new(&p.files)
        .position(&p.milestones[i].origin.item())
        .unwrap_or_default();
    ctx.out
        .emit(&ShowView::new(&plan, i, file), args.format.get())
}
