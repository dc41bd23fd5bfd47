//! `milepost forecast ID (--finish DATE | --remaining N [--as-of DATE])`: an in-progress
//! item's forecast, recorded the SPEC v2 way (one form set, the other removed).
use chrono::NaiveDate;

use super::edit::{self, EditArgs, Edits, ItemEdit, rejected};
use super::{CommandError, Context};
use crate::edit::progress::{self, Forecast};

/// Record an in-progress item's forecast: its finish date, or working days remaining
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost forecast dfw1-h200-cabling --finish 2026-12-22\n  milepost forecast dfw1-h200-cabling --remaining 4            # as of today\n  milepost forecast dfw1-h200-cabling --remaining 4 --as-of 2026-12-14 --commit\n\n--finish writes expected_finish and removes remaining/as_of; --remaining writes\nremaining and as_of and removes expected_finish."
)]
#[command(group(clap::ArgGroup::new("forecast").required(true).args(["finish", "remaining"])))]
pub struct Args {
    /// The milestone in progress
    #[arg(value_name = "ID")]
    pub id: String,
    /// The forecast last working day
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub finish: Option<NaiveDate>,
    /// Working days left, counted from --as-of
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub remaining: Option<i64>,
    /// The day the --remaining estimate was made [default: today]
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg, requires = "remaining")]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    edit::run(ctx, &args.edit, |before| {
        let item = before.item(&args.id)?;
        let (forecast, said) = match (args.finish, args.remaining) {
            (Some(date), _) => (Forecast::Finish(date), format!("finish {date}")),
            (None, Some(days)) => {
                let as_of = args.as_of.unwrap_or(before.today);
                (
                    Forecast::Remaining(days, as_of),
                    format!("{days} working days left as of {as_of}"),
                )
            }
            (None, None) => return Err(CommandError::usage("give --finish DATE or --remaining N")),
        };
        let ops = progress::forecast(&item, forecast, before.today).map_err(rejected)?;
        Ok(Edits {
            items: vec![ItemEdit {
                id: args.id.clone(),
                ops,
                note: None,
            }],
            message: format!("milepost: {} forecast {said}", args.id),
        })
    })
}
