//! Test support: write a program into a temporary directory, then load, schedule or
//! run the CLI on it ([`Milepost`]).
#![allow(dead_code)]
pub mod chromium;
pub mod cli;
pub mod repo;
use std::path::Path;

use chrono::NaiveDate;
use milepost::analysis::Plan;
use milepost::source::WorkTree;

pub use cli::Milepost;

/// A program written to a temporary directory.
pub struct TestProgram {
    pub dir: tempfile::TempDir,
}

impl TestProgram {
    /// A program with `milepost.toml` = `toml` and no other files.
    pub fn new(toml: &str) -> TestProgram {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("milepost.toml"), toml).expect("write toml");
        TestProgram { dir }
    }

    /// A program starting Monday 2026-10-05 on the default calendar.
    pub fn simple() -> TestProgram {
        TestProgram::new("[program]\nname = \"test\"\nstart = 2026-10-05\n")
    }

    /// Adds (or replaces) a file.
    pub fn file(self, rel: &str, text: &str) -> TestProgram {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Loads, validates and schedules as of `today`; panics on an invalid program.
    pub fn plan(&self, today: &str) -> Plan {
        let tree = WorkTree::new(self.path().to_path_buf()).expect("tree");
        let loaded = milepost::load::load(&tree).expect("load");
        let validated = milepost::validate::validate(loaded, date(today));
        let errors: Vec<_> = validated.diags.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "invalid program: {errors:#?}");
        Plan::new(validated.program.expect("program"), date(today)).expect("schedule")
    }

    /// The CLI, run in this program with a fixed today (see [`Milepost`]).
    pub fn cmd(&self, today: &str) -> Milepost {
        Milepost::new().dir(self.path()).today(today)
    }
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// (start, finish, late_start, late_finish, total_float) of an item, dates as text.
pub fn dates(
    plan: &Plan,
    id: &str,
) -> (String, String, Option<String>, Option<String>, Option<i64>) {
    let i = plan
        .program
        .milestone_index(id)
        .unwrap_or_else(|| panic!("no item {id}"));
    let it = &plan.schedule.items[i];
    (
        it.start.to_string(),
        it.finish.to_string(),
        it.late_start.map(|d| d.to_string()),
        it.late_finish.map(|d| d.to_string()),
        it.total_float,
    )
}

/// Shorthand for the expected value of [`dates`].
pub fn exp(
    start: &str,
    finish: &str,
    ls: &str,
    lf: &str,
    tf: i64,
) -> (String, String, Option<String>, Option<String>, Option<i64>) {
    (
        start.into(),
        finish.into(),
        Some(ls.into()),
        Some(lf.into()),
        Some(tf),
    )
}
