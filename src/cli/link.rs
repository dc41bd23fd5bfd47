//! `milepost link ID --after PRED [--type SS] [--lag N]`: a dependency added to an item's
//! `depends_on` in the list's own style (or retyped when PRED is already there).
use super::edit::{self, EditArgs, Edits, ItemEdit};
use super::{CommandError, Context};
use crate::edit::Op;
use crate::edit::depends_label;
use crate::model::Relation;

/// Make a milestone depend on another (added to its depends_on)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost link dfw1-h200-burnin --after dfw1-h200-fabric-up\n  milepost link dfw1-a100-data-wipe --after dfw1-a100-decommission --type SS --lag 2\n  milepost link dfw1-h200-burnin --after dfw1-h200-power --dry-run\n\nLinking a predecessor that is already listed changes its type and lag in place.\nA link that would make a cycle is refused, naming the cycle."
)]
pub struct Args {
    /// The milestone that waits
    #[arg(value_name = "ID")]
    pub id: String,
    /// The milestone it waits for
    #[arg(long, value_name = "PRED")]
    pub after: String,
    /// The relation: FS (finish-to-start), SS, FF or SF
    #[arg(long = "type", value_enum, default_value_t = Relation::Fs, value_name = "TYPE", ignore_case = true)]
    pub relation: Relation,
    /// Working days of lag (negative: lead)
    #[arg(
        long,
        default_value_t = 0,
        allow_negative_numbers = true,
        value_name = "N"
    )]
    pub lag: i64,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    edit::run(ctx, &args.edit, |before| {
        before.index(&args.id)?;
        before.index(&args.after)?;
        if args.id == args.after {
            return Err(CommandError::usage(format!(
                "`{}` cannot depend on itself",
                args.id
            )));
        }
        Ok(Edits {
            items: vec![ItemEdit {
                id: args.id.clone(),
                ops: vec![Op::Link {
                    pred: args.after.clone(),
                    relation: args.relation,
                    lag: args.lag,
                }],
                note: None,
            }],
            message: format!(
                "milepost: {} after {}",
                args.id,
                depends_label(&args.after, args.relation, args.lag)
            ),
        })
    })
}
