//! `milepost risk`: confidence dates for every commitment (SPEC §5).
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::analysis::risk_view::RiskView;
use crate::model::config::RiskSettings;
use crate::schedule::montecarlo::Options;

use super::args::FormatArg;
use super::scope::ScopeArgs;
use super::{CommandError, Context};

/// Simulate the schedule: how likely each commitment is, and what drives the risk
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost risk\n  milepost risk --cluster dfw1-h200\n  milepost risk --iterations 50000 --seed 7 --format json"
)]
pub struct Args {
    /// Iterations of the simulation [default: [risk] iterations, else 10000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(RiskSettings::MAX_ITERATIONS)))]
    pub iterations: Option<u32>,
    /// The random seed [default: [risk] seed, else 1]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let plan = ctx.plan()?;
    let scope = args.scope.resolve(&plan.program)?;
    let settings = &plan.program.config.risk;
    let options = Options {
        iterations: args.iterations.unwrap_or(settings.iterations),
        seed: args.seed.unwrap_or(settings.seed),
    };
    let progress = Progress::new(u64::from(options.iterations));
    let view = RiskView::new(&plan, options, &scope, &|n| progress.advance(n));
    progress.finish();
    ctx.out.emit(&view?, args.format.get())
}

/// A progress line on stderr for runs longer than half a second, on a terminal only
/// (never in pipes or CI logs).
struct Progress {
    enabled: bool,
    total: u64,
    done: AtomicU64,
    start: Instant,
    last: Mutex<Option<Instant>>,
}

impl Progress {
    fn new(total: u64) -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            total,
            done: AtomicU64::new(0),
            start: Instant::now(),
            last: Mutex::new(None),
        }
    }

    fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        let done = (self.done.fetch_add(n, Ordering::Relaxed) + n).min(self.total);
        let now = Instant::now();
        if now - self.start < Duration::from_millis(500) {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.is_some_and(|t| now - t < Duration::from_millis(100)) {
            return;
        }
        *last = Some(now);
        let _ = write!(
            std::io::stderr(),
            "\rsimulating: {done}/{} iterations ({}%)",
            self.total,
            done * 100 / self.total.max(1)
        );
    }

    fn finish(&self) {
        if self.last.lock().is_ok_and(|l| l.is_some()) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
