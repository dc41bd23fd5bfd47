//! A command's option given where it does not belong: before the command
//! (`milepost --baseline x kpi`) or to a command that does not take it (`milepost
//! vendors --baseline x`). clap says "unexpected argument" with a usage line of the
//! options read so far; this says where the option goes, or which commands take it.
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::CommandError;

/// The error for clap's `e` when it is an unknown `--option` that some command takes;
/// `argv` is the command line, `cli` the command tree.
pub fn error(cli: &clap::Command, e: &clap::Error, argv: &[String]) -> Option<CommandError> {
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let long = arg.strip_prefix("--")?.split('=').next()?;
    let takers: Vec<&clap::Command> = cli
        .get_subcommands()
        .filter(|s| value_name(s, long).is_some())
        .collect();
    let names: Vec<&str> = takers.iter().map(|s| s.get_name()).collect();
    if names.is_empty() {
        return None;
    }
    let commands = format!("it is an option of {}", names.join(", "));
    let given = argv
        .iter()
        .position(|a| a.split('=').next() == Some(arg.as_str()));
    let sub = argv
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, a)| cli.find_subcommand(a).map(|s| (i, s)));
    Some(match sub {
        Some((at, sub)) => match value_name(sub, long) {
            Some(value) if given.is_some_and(|g| g < at) => CommandError::usage(format!(
                "`--{long}` is an option of `{}`, not of milepost: put it after the command",
                sub.get_name()
            ))
            .with_hint(format!(
                "try `milepost {} --{long} {value}`",
                sub.get_name()
            )),
            _ => CommandError::usage(format!("`{}` does not take `--{long}`", sub.get_name()))
                .with_hint(format!(
                    "{commands}; see `milepost {} --help`",
                    sub.get_name()
                )),
        },
        None => CommandError::usage(format!("`--{long}` needs a command"))
            .with_hint(format!("{commands}; put it after the command")),
    })
}

/// The value name of the option `--long` of `cmd` (`REV`), when `cmd` takes it.
fn value_name(cmd: &clap::Command, long: &str) -> Option<String> {
    let arg = cmd
        .get_arguments()
        .find(|a| !a.is_global_set() && a.get_long() == Some(long))?;
    Some(
        arg.get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| "VALUE".to_string(), |v| v.to_string()),
    )
}
