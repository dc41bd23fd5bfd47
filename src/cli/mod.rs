//! The command-line edge: parses arguments, runs a subcommand, prints, picks the exit
//! code (0 fine, 1 a `check` violation, 2 invalid input, usage, I/O or git error).
mod args;
mod check;
mod clusters;
mod completions;
mod context;
mod critical;
pub mod diagnostics;
mod diff;
mod done;
mod edit;
mod error;
mod export;
mod forecast;
mod gantt;
mod guide;
mod history;
mod import;
mod init;
mod kpi;
mod link;
mod lint;
mod man;
mod misplaced;
mod output;
mod panic;
mod report;
mod risk;
mod schema;
mod scope;
mod set;
mod show;
mod snippet;
mod start;
mod status;
mod unlink;
mod validate;
mod vendors;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

pub use context::Context;
pub use error::{CommandError, ErrorKind};
pub use output::Output;

/// Plan, schedule and track GPU cluster delivery programs kept as YAML in git
#[derive(Parser, Debug)]
#[command(name = "milepost", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  milepost init my-program\n  milepost -C examples/gpu-buildout --today 2026-12-14 status\n  milepost check --fail-on overdue,slipping\n  milepost show dfw1-h200-handover"
)]
pub struct Cli {
    /// Use the program in DIR (the directory holding milepost.toml) [default: search upward]
    #[arg(short = 'C', long = "program", global = true, value_name = "DIR")]
    program: Option<PathBuf>,

    /// Evaluate as of DATE (YYYY-MM-DD) instead of today in the program's timezone
    #[arg(long, global = true, env = "MILEPOST_TODAY", value_name = "DATE", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,

    /// Evaluate the program as the git revision REV had it (a tag, branch, HEAD~3, sha)
    #[arg(long, global = true, value_name = "REV")]
    at: Option<String>,

    /// When to use colour (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Show every table column at full width, however wide (no column hidden or cut)
    #[arg(long, global = true)]
    wide: bool,

    /// Without a command, milepost prints a short guide
    #[command(subcommand)]
    command: Option<Command>,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    Init(init::Args),
    Validate(validate::Args),
    Status(status::Args),
    Critical(critical::Args),
    Risk(risk::Args),
    Clusters(clusters::Args),
    Check(check::Args),
    Lint(lint::Args),
    Show(show::Args),
    Start(start::Args),
    Done(done::Args),
    Forecast(forecast::Args),
    Set(set::Args),
    Link(link::Args),
    Unlink(unlink::Args),
    Diff(diff::Args),
    History(history::Args),
    Report(report::Args),
    Gantt(gantt::Args),
    Kpi(kpi::Args),
    Vendors(vendors::Args),
    Export(export::Args),
    Import(import::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
}

fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::load::raw::parse_date(text)
}

/// Prints clap's error (or a clearer one for a misplaced option) and returns the exit code.
fn clap_error(e: &clap::Error) -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(error) = misplaced::error(&<Cli as clap::CommandFactory>::command(), e, &argv) {
        Output::new(ColorChoice::Auto, false).error(&error.to_string());
        return ExitCode::from(error.exit_code());
    }
    let _ = e.print();
    ExitCode::from(if e.use_stderr() { 2 } else { 0 })
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    panic::guard(run)
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    let out = Output::new(cli.color, cli.wide);
    let ctx = Context {
        program: cli.program.clone(),
        today: cli.today,
        at: cli.at.clone(),
        out: &out,
    };
    let Some(command) = &cli.command else {
        return guide::run(&out);
    };
    let result = match command {
        Command::Init(args) => init::run(&ctx, args),
        Command::Validate(args) => validate::run(&ctx, args),
        Command::Status(args) => status::run(&ctx, args),
        Command::Critical(args) => critical::run(&ctx, args),
        Command::Risk(args) => risk::run(&ctx, args),
        Command::Clusters(args) => clusters::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Lint(args) => lint::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Start(args) => start::run(&ctx, args),
        Command::Done(args) => done::run(&ctx, args),
        Command::Forecast(args) => forecast::run(&ctx, args),
        Command::Set(args) => set::run(&ctx, args),
        Command::Link(args) => link::run(&ctx, args),
        Command::Unlink(args) => unlink::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Gantt(args) => gantt::run(&ctx, args),
        Command::Kpi(args) => kpi::run(&ctx, args),
        Command::Vendors(args) => vendors::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Completions(args) => completions::run(&ctx, args),
        Command::Man(args) => man::run(&ctx, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.needs_printing() {
                out.error(&e.to_string());
            }
            ExitCode::from(e.exit_code())
        }
    }
}
