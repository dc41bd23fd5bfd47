//! `milepost start ID… [--on DATE]`: work on items began (`status: in_progress`,
//! `started: DATE`), written into their files in place.
use chrono::NaiveDate;

use super::edit::{self, EditArgs, Edits, ItemEdit, listed, per_id, rejected};
use super::{CommandError, Context};
use crate::edit::progress;

/// Record that work on items began: status in_progress, started DATE
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost start dfw1-h200-cabling                  # started today\n  milepost start dfw1-h200-cabling --on 2026-12-14 --dry-run\n  milepost start dfw1-h200-cabling dfw1-h200-power --commit\n\nA milestone event (duration 0) is never in progress: record it with `milepost done`.\nAn item already in progress is refused unless --on is given, to correct its start date."
)]
pub struct Args {
    /// The milestones that started
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The day the work began [default: today]
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub on: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    edit::run(ctx, &args.edit, |before| {
        let on = args.on.unwrap_or(before.today);
        let items = per_id(&args.ids, |id| {
            let item = before.item(id)?;
            Ok(ItemEdit {
                id: id.to_string(),
                ops: progress::start(&item, on, args.on.is_some(), before.today)
                    .map_err(rejected)?,
                note: None,
            })
        })?;
        Ok(Edits {
            items,
            message: format!("milepost: {} started {on}", listed(&args.ids)),
        })
    })
}
