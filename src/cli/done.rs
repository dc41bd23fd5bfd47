//! `milepost done ID… [--on DATE]`: items finished (`status: done`, `finished: DATE`),
//! their in-progress forecasts removed, written into their files in place.
use chrono::NaiveDate;

use super::edit::{self, EditArgs, Edits, ItemEdit, listed, per_id, rejected};
use super::{CommandError, Context};
use crate::edit::progress;

/// Record that items finished: status done, finished DATE
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost done dfw1-h200-cabling                   # finished today\n  milepost done dfw1-h200-cabling --on 2026-12-17 --commit\n  milepost done dfw1-h200-fabric-up --dry-run\n\n`started` is kept; a task never started gets the schedule's start, or the one its duration implies (a note says which).\n`remaining`, `as_of` and `expected_finish` are removed. An item already done is refused\nunless --on is given, to correct its finish date."
)]
pub struct Args {
    /// The milestones that finished
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The day the work finished [default: today]
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub on: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    edit::run(ctx, &args.edit, |before| {
        let on = args.on.unwrap_or(before.today);
        let items = per_id(&args.ids, |id| {
            let item = before.item_finishing(id, on)?;
            let (ops, note) =
                progress::done(&item, on, args.on.is_some(), before.today).map_err(rejected)?;
            Ok(ItemEdit {
                id: id.to_string(),
                ops,
                note,
            })
        })?;
        Ok(Edits {
            items,
            message: format!("milepost: {} done {on}", listed(&args.ids)),
        })
    })
}
