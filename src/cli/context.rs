//! What every command needs: find the program, load and validate it as of today,
//! report its diagnostics, and schedule it.
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Failure, Output, diagnostics};
use crate::analysis::Plan;
use crate::diag::Diag;
use crate::load;
use crate::model::Program;
use crate::source::{self, WorkTree};
use crate::validate::validate;

/// Global options and the output streams.
pub struct Context<'a> {
    pub program: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    pub out: &'a Output,
}

impl Context<'_> {
    /// Loads and validates the program; prints its diagnostics (warnings too).
    /// Returns the valid program and the number of warnings.
    pub fn load(&self) -> Result<(Program, NaiveDate, usize), Failure> {
        let root = source::find_root(self.program.as_deref())
            .map_err(|e| Failure::Error(e.to_string()))?;
        let tree = WorkTree::new(root).map_err(|e| Failure::Error(e.to_string()))?;
        let loaded = load::load(&tree).map_err(|e| Failure::Error(e.to_string()))?;
        let today = self.today.unwrap_or_else(|| {
            let tz = loaded
                .config
                .as_ref()
                .map_or(chrono_tz::Tz::UTC, |c| c.timezone);
            chrono::Utc::now().with_timezone(&tz).date_naive()
        });
        let files = loaded.files.clone();
        let validated = validate(loaded, today);
        self.report(&validated.diags, &files);
        let warnings = validated.diags.iter().filter(|d| !d.is_error()).count();
        match validated.program {
            Some(program) => Ok((program, today, warnings)),
            None => Err(Failure::Invalid),
        }
    }

    /// Loads, validates and schedules the program.
    pub fn plan(&self) -> Result<Plan, Failure> {
        let (program, today, _) = self.load()?;
        Plan::new(program, today).map_err(|e| Failure::Error(e.to_string()))
    }

    fn report(&self, diags: &[Diag], files: &crate::diag::Files) {
        if !diags.is_empty() {
            self.out.message(&diagnostics::render(
                diags,
                files,
                self.out.color_err,
                self.out.err_width(),
            ));
        }
    }
}
