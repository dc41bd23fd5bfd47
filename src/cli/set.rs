//! `milepost set ID KEY=VALUE…`: any single-valued field of a milestone set in place,
//! or removed with `KEY=`.
use super::edit::{self, EditArgs, Edits, ItemEdit, all_or_errors, rejected};
use super::{CommandError, Context};
use crate::edit::progress;

/// Set fields of a milestone (KEY=VALUE), or remove optional ones (KEY=)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost set dfw1-h200-cabling due=2027-01-20\n  milepost set dfw1-h200-cabling owner=\"Lee H.\" vendor=sims-lifecycle --dry-run\n  milepost set dfw1-h200-cabling notes=                # remove the notes\n\nKeys: name, cluster, site, vendor, owner, kind, calendar, duration, start_no_earlier,\ndue, status, started, finished, expected_finish, remaining, as_of, notes.\nDependencies: milepost link / milepost unlink."
)]
pub struct Args {
    /// The milestone to change
    #[arg(value_name = "ID")]
    pub id: String,
    /// KEY=VALUE to set, KEY= to remove
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let ops = all_or_errors(
        args.pairs
            .iter()
            .map(|p| progress::set_pair(p).map_err(rejected))
            .collect(),
    )?;
    edit::run(ctx, &args.edit, |before| {
        before.index(&args.id)?;
        Ok(Edits {
            items: vec![ItemEdit {
                id: args.id.clone(),
                ops,
                note: None,
            }],
            message: format!("milepost: {} set {}", args.id, args.pairs.join(" ")),
        })
    })
}
