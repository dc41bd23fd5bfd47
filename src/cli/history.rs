//! `milepost history ID`: how one item's plan changed, commit by commit.
use crate::analysis::history::HistoryView;
use crate::analysis::revisions::{ItemHistory, item_history};

use super::args::DocumentFormatArg;
use super::{CommandError, Context};

/// Show how one item's dates changed, commit by commit, and how often it slipped
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost history dfw1-h200-handover\n  milepost history dfw1-h200-handover --limit 10 --format json\n\nEach revision is scheduled with today = its commit date, so a row shows what the plan said then."
)]
pub struct Args {
    /// The milestone id
    pub id: String,
    /// Show only the N most recent changes
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: DocumentFormatArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let start = repo.resolve(ctx.at.as_deref().unwrap_or("HEAD"))?;
    let ItemHistory {
        entries,
        invalid,
        shallow,
    } = item_history(&repo, start.commit, &prefix, &args.id, ctx.today)?;
    let mut notes = String::new();
    if shallow {
        notes.push_str("note: this is a shallow clone; history stops at its oldest fetched commit (git fetch --unshallow for all of it)\n");
    }
    if invalid > 0 {
        notes.push_str(&format!(
            "note: {invalid} revision(s) with an invalid program were skipped\n"
        ));
    }
    ctx.out.message(&notes);
    if entries.is_empty() {
        return Err(CommandError::usage(format!(
            "`{}` is in no valid revision of the program reachable from {}",
            args.id, start.label
        )));
    }
    ctx.out.emit(
        &HistoryView::new(&args.id, entries, args.limit),
        args.format.get(),
    )
}
