//! What `milepost` with no command prints: a short guide, not clap's usage error.
use std::process::ExitCode;

use super::Output;

/// The guide: what milepost is, the commands used most, where to start.
pub const TEXT: &str = "\
milepost plans, schedules and tracks GPU cluster delivery programs. The program (sites,
clusters, vendors, milestones, dependencies, risks) lives as YAML files in git; milepost
validates them and computes a critical-path schedule with float, slip and health.

Start a program:
  milepost init my-program      scaffold milepost.toml, sites, clusters, vendors, a plan
  cd my-program && milepost validate

Most used:
  milepost validate             check every file, report every problem at once
  milepost status               every milestone's dates, float and health
  milepost critical             the critical path and the finish date it drives
  milepost show ID              one milestone: its dates and what drives them
  milepost check                the CI gate: exit 1 when a milestone is overdue

`milepost help` lists every command; `milepost COMMAND --help` explains one, with examples.
";

/// Prints the guide; exit 0.
pub fn run(out: &Output) -> ExitCode {
    match out.data(TEXT) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e.to_string());
            ExitCode::from(e.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::super::Cli;

    /// Every command teaches: a one-line summary and examples in its --help.
    #[test]
    fn every_command_has_a_summary_and_examples() {
        let cli = Cli::command();
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
            assert!(!about.is_empty(), "`{name}` has no summary");
            assert!(!about.contains('\n'), "`{name}`'s summary is not one line");
            let after = sub
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(
                after.contains("Examples:\n  milepost "),
                "`{name}` --help has no examples"
            );
        }
    }

    #[test]
    fn the_guide_names_commands_that_exist() {
        let cli = Cli::command();
        for line in super::TEXT.lines() {
            if let Some(rest) = line.strip_prefix("  milepost ") {
                let name = rest.split_whitespace().next().unwrap_or("");
                assert!(
                    name == "help" || cli.find_subcommand(name).is_some(),
                    "the guide names `{name}`"
                );
            }
        }
    }
}
