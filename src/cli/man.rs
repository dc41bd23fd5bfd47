//! `milepost man`: the manual page (roff), from clap_mangen.
use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, CommandError, Context};

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

/// Writes the page of `command` and of every visible subcommand into `dir`, each
/// atomically (a temporary file renamed into place), as clap_mangen names them.
fn write_pages(command: clap::Command, dir: &std::path::Path) -> Result<(), CommandError> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir)?;
    }
    let man = clap_mangen::Man::new(command);
    let mut page = Vec::new();
    man.render(&mut page)
        .map_err(|e| CommandError::io(format!("cannot render the man page: {e}")))?;
    crate::write::atomic_write(&dir.join(man.get_filename()), &page).map_err(CommandError::io)
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let command = Cli::command();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            CommandError::io(format!("cannot write man pages to {}: {e}", dir.display()))
        })?;
        let mut command = command.disable_help_subcommand(true);
        command.build();
        return write_pages(command, dir);
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| CommandError::io(format!("cannot render the man page: {e}")))?;
    ctx.out.data(&String::from_utf8_lossy(&page))
}
