//! What every command needs: find the program (working tree or a git revision), load
//! and validate it as of today, report its diagnostics, and schedule it.
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{CommandError, Output, diagnostics};
use crate::analysis::Plan;
use crate::analysis::baseline::Baseline;
use crate::load::{self, ParseCache};
use crate::model::Program;
use crate::source::base::default_base;
use crate::source::git::{Repo, Rev};
use crate::source::{self, Source, WorkTree};
use crate::validate::validate;

/// Global options and the output streams.
pub struct Context<'a> {
    pub program: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    /// `--at REV`: evaluate the program as this revision had it.
    pub at: Option<String>,
    pub out: &'a Output,
}

/// A program read from somewhere, valid, with the data date it was checked against.
pub struct Loaded {
    pub program: Program,
    pub today: NaiveDate,
    pub warnings: usize,
}

/// The revision a change is compared with, and why it was chosen.
pub struct ChosenBase {
    pub rev: Rev,
    /// "the default branch, origin/HEAD, at merge-base 1a2b3c4", or "named".
    pub reason: String,
}

/// The first seven hex digits of a commit id.
pub fn short_oid(oid: git2::Oid) -> String {
    oid.to_string()[..7].to_string()
}

/// Which side of a comparison a program is, for messages (`base`, `head`).
pub type Side<'s> = Option<&'s str>;

impl Context<'_> {
    /// The program directory in the working tree.
    pub fn root(&self) -> Result<PathBuf, CommandError> {
        source::find_root(self.program.as_deref()).map_err(CommandError::from)
    }

    /// The repository holding the program and the program's path inside it.
    pub fn repo(&self) -> Result<(Repo, String), CommandError> {
        let dir = match &self.program {
            Some(dir) => dir.clone(),
            // The program may not exist in the working tree at all (e.g. deleted).
            None => self.root().unwrap_or_else(|_| PathBuf::from(".")),
        };
        let repo = Repo::discover(&dir).map_err(CommandError::from)?;
        let prefix = repo.prefix_of(&dir).map_err(CommandError::from)?;
        Ok((repo, prefix))
    }

    /// Loads and validates the program (at `--at REV` when given), printing diagnostics.
    pub fn load(&self) -> Result<Loaded, CommandError> {
        match &self.at {
            None => self.load_worktree(self.today, None),
            Some(rev) => {
                let (repo, prefix) = self.repo()?;
                let rev = repo.resolve(rev).map_err(CommandError::from)?;
                self.load_rev(&repo, &rev, &prefix, self.today, None, None)
            }
        }
    }

    /// The working tree's program.
    pub fn load_worktree(
        &self,
        today: Option<NaiveDate>,
        side: Side<'_>,
    ) -> Result<Loaded, CommandError> {
        let tree = WorkTree::new(self.root()?).map_err(CommandError::from)?;
        self.load_from(&tree, today, None, side)
    }

    /// The program as `rev` had it.
    pub fn load_rev(
        &self,
        repo: &Repo,
        rev: &Rev,
        prefix: &str,
        today: Option<NaiveDate>,
        cache: Option<&ParseCache>,
        side: Side<'_>,
    ) -> Result<Loaded, CommandError> {
        let memory = repo.program_at(rev, prefix).map_err(CommandError::from)?;
        self.load_from(&memory, today, cache, side)
    }

    /// The plan as `rev` had it, scheduled with `today`, so that two sides of a
    /// comparison (`diff`, `check --fail-on-slip`, `report --since`) differ only by
    /// the change. `side` names it in diagnostics.
    pub fn plan_rev(
        &self,
        repo: &Repo,
        rev: &Rev,
        prefix: &str,
        today: NaiveDate,
        side: &str,
    ) -> Result<Plan, CommandError> {
        schedule(self.load_rev(repo, rev, prefix, Some(today), None, Some(side))?)
    }

    /// Loads and validates from any source; `today` defaults to the clock's date in the
    /// program's timezone.
    pub fn load_from(
        &self,
        source: &dyn Source,
        today: Option<NaiveDate>,
        cache: Option<&ParseCache>,
        side: Side<'_>,
    ) -> Result<Loaded, CommandError> {
        let loaded = load::load_cached(source, cache).map_err(CommandError::from)?;
        let today = today.unwrap_or_else(|| {
            let tz = loaded
                .config
                .as_ref()
                .map_or(chrono_tz::Tz::UTC, |c| c.timezone);
            chrono::Utc::now().with_timezone(&tz).date_naive()
        });
        let files = loaded.files.clone();
        let validated = validate(loaded, today);
        if !validated.diags.is_empty() {
            let mut text = String::new();
            if let Some(side) = side {
                text.push_str(&format!("in the {side} program:\n"));
            }
            text.push_str(&diagnostics::render(
                &validated.diags,
                &files,
                self.out.color_err,
                self.out.err_width(),
            ));
            self.out.message(&text);
        }
        let warnings = validated.diags.iter().filter(|d| !d.is_error()).count();
        match validated.program {
            Some(program) => Ok(Loaded {
                program,
                today,
                warnings,
            }),
            None => Err(CommandError::invalid()),
        }
    }

    /// The baseline to compare `plan` with: `--baseline REV`, else `[program] baseline`.
    /// The baseline revision is scheduled as of its commit date: the plan as it stood.
    pub fn baseline(
        &self,
        plan: &Plan,
        named: Option<&str>,
    ) -> Result<Option<Baseline>, CommandError> {
        let Some(rev) = named.or(plan.program.config.baseline.as_deref()) else {
            return Ok(None);
        };
        let (repo, prefix) = self.repo()?;
        let rev = repo.resolve(rev).map_err(CommandError::from)?;
        let tz = plan.program.config.timezone;
        let day = chrono::TimeZone::timestamp_opt(&tz, rev.time, 0)
            .single()
            .map(|t| t.date_naive());
        let loaded = self.load_rev(
            &repo,
            &rev,
            &prefix,
            day,
            None,
            Some(&format!("baseline ({})", rev.label)),
        )?;
        Ok(Some(Baseline::new(rev.label, &schedule(loaded)?)))
    }

    /// The base revision: as named, or the default at its merge-base with HEAD. The
    /// choice is said on stderr ("base: origin/main (the default branch) at merge-base
    /// 1a2b3c4") and returned for the output to repeat.
    pub fn base_rev(
        &self,
        repo: &Repo,
        named: Option<String>,
        merge_base: bool,
    ) -> Result<ChosenBase, CommandError> {
        let (label, why, merge_base) = match named {
            Some(rev) => (rev, None, merge_base),
            None => {
                let base = default_base(repo, &|v| std::env::var(v).ok())?;
                (base.rev, Some(base.why), true)
            }
        };
        let rev = repo.resolve(&label)?;
        let mut reason = why.clone().unwrap_or_else(|| "named".into());
        let rev = if merge_base {
            let head = repo.resolve("HEAD")?;
            match repo.git().merge_base(rev.commit, head.commit) {
                Ok(oid) => {
                    reason = format!("{reason}, at merge-base {}", short_oid(oid));
                    Rev { commit: oid, ..rev }
                }
                Err(_) => {
                    self.out.message(&format!(
                        "note: no merge-base of {} and HEAD in this clone (shallow?); comparing with {} itself\n",
                        rev.label, rev.label
                    ));
                    reason = format!("{reason}, its tip: no merge-base in this clone");
                    rev
                }
            }
        } else {
            rev
        };
        if why.is_some() {
            self.out
                .message(&format!("base: {} ({reason})\n", rev.label));
        }
        Ok(ChosenBase { rev, reason })
    }

    /// Loads, validates and schedules the program.
    pub fn plan(&self) -> Result<Plan, CommandError> {
        let loaded = self.load()?;
        schedule(loaded)
    }
}

/// Schedules a loaded program.
pub fn schedule(loaded: Loaded) -> Result<Plan, CommandError> {
    Plan::new(loaded.program, loaded.today).map_err(CommandError::from)
}
