//! `milepost completions SHELL`: a tab-completion script for the shell, from clap_complete.
use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CommandError, Context};

/// Print a shell completion script (bash, zsh, fish, powershell, elvish)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost completions bash > ~/.local/share/bash-completion/completions/milepost\n  source <(milepost completions bash)      # just this bash session\n  milepost completions zsh > \"${fpath[1]}/_milepost\"\n  milepost completions fish > ~/.config/fish/completions/milepost.fish\n\nCommands, options and their values complete; ids (e.g. for `show`) do not."
)]
pub struct Args {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "milepost", &mut script);
    ctx.out.data(&String::from_utf8_lossy(&script))
}
