//! `milepost man`: the manual page (roff), from clap_mangen.
use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, Context, Failure};

/// Print the manual page (roff), or write one page per command into a directory
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost man | man -l -\n  milepost man > ~/.local/share/man/man1/milepost.1\n  milepost man --dir ~/.local/share/man/man1     # milepost.1, milepost-status.1, …"
)]
pub struct Args {
    /// Write milepost.1 and a page for every command (milepost-status.1, …) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), Failure> {
    let command = Cli::command();
    if let Some(dir) = &args.dir {
        return std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(command, dir))
            .map_err(|e| {
                Failure::Error(format!("cannot write man pages to {}: {e}", dir.display()))
            });
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Failure::Error(format!("cannot render the man page: {e}")))?;
    ctx.out.data(&String::from_utf8_lossy(&page))
}
