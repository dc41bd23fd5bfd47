//! The command-line edge: parses arguments, runs a subcommand, picks the exit code.
use std::process::ExitCode;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
