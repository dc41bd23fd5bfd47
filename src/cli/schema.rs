//! `milepost schema`: the JSON Schema of program files (or of milepost.toml), for editors.
use crate::load::schema;
use crate::render::json;

use super::{CommandError, Context};

/// Print the JSON Schema (draft-07) of program files, for editor completion and checks
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost schema > .milepost/schema.json       # what YAML modelines point at\n  milepost schema --toml > .milepost/milepost.toml.schema.json\n\nThe schema is generated from the types milepost reads the files into; regenerate it\nafter upgrading milepost. See docs/editors.md."
)]
pub struct Args {
    /// The schema of milepost.toml instead of the YAML program files
    #[arg(long)]
    pub toml: bool,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let value = if args.toml {
        schema::config()
    } else {
        schema::program_file()
    };
    ctx.out.data(&json::value(&value))
}
