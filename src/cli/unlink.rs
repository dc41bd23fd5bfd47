//! `milepost unlink ID PRED`: a dependency removed from an item's `depends_on` (the key
//! itself when it was the last entry).
use super::edit::{self, EditArgs, Edits, ItemEdit};
use super::{CommandError, Context};
use crate::edit::Op;

/// Remove a dependency of a milestone (from its depends_on)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost unlink dfw1-a100-itad-pickup dfw1-a100-decommission\n  milepost unlink dfw1-a100-itad-pickup dfw1-a100-decommission --dry-run"
)]
pub struct Args {
    /// The milestone that waits
    #[arg(value_name = "ID")]
    pub id: String,
    /// The milestone it no longer waits for
    #[arg(value_name = "PRED")]
    pub pred: String,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    edit::run(ctx, &args.edit, |before| {
        before.index(&args.id)?;
        Ok(Edits {
            items: vec![ItemEdit {
                id: args.id.clone(),
                ops: vec![Op::Unlink(args.pred.clone())],
                note: None,
            }],
            message: format!("milepost: {} no longer after {}", args.id, args.pred),
        })
    })
}
