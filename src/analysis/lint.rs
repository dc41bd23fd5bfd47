//! `lint`: the schedule quality checks (SPEC §6, the DCMA 14-point assessment), each
//! with its value, threshold, status and the items it counts against the schedule.
use serde::Serialize;

use super::Plan;
use super::baseline::Baseline;
use super::lint_checks::{Measured, measure};
use crate::diag::{Loc, Seg};
use crate::load::place::{Place, Resolver};
use crate::model::lint::Measure;
use crate::model::{Date, LintCheck, LintStatus};

/// `lint --format json`: `{"checks": [...]}`, one record per check that runs.
#[derive(Clone, Debug, Serialize)]
pub struct LintView<'a> {
    pub checks: Vec<CheckRecord<'a>>,
    /// The data date, for the headline.
    #[serde(skip)]
    pub today: Date,
    /// The baseline revision the baseline checks used, if any.
    #[serde(skip)]
    pub baseline: Option<String>,
}

/// One check's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckRecord<'a> {
    /// The DCMA check number, 1–14.
    pub id: u8,
    pub name: LintCheck,
    /// A share (0–1), a count, a ratio, or the critical path test's shift; null for n/a.
    pub value: Option<Amount>,
    /// Null for n/a.
    pub threshold: Option<Amount>,
    pub status: LintStatus,
    /// The ids the check counts against the schedule, in topological order.
    pub items: Vec<&'a str>,
    /// The same items as indices, for locating them.
    #[serde(skip)]
    pub indices: Vec<usize>,
    /// For relation checks, where in each item's `depends_on` its relation is.
    #[serde(skip)]
    pub relations: Vec<usize>,
    /// What the value was computed from, in words.
    #[serde(skip)]
    pub basis: String,
    /// Where each item is (file, line, column), once [`LintView::locate`] has run
    /// (failing checks only).
    #[serde(skip)]
    pub places: Vec<Option<Place>>,
    /// The same as `file:line` in messages' names for files, for the table.
    #[serde(skip)]
    pub lines: Vec<String>,
}

/// A number in output: counts as integers, shares and ratios as fractions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    Whole(i64),
    Fraction(f64),
}

impl std::fmt::Display for Amount {
    /// Counts as integers, fractions with at most three decimals (`0.05`, `0.123`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Amount::Whole(n) => write!(f, "{n}"),
            Amount::Fraction(x) => {
                let text = format!("{x:.3}");
                let text = text.trim_end_matches('0');
                write!(f, "{}", text.strip_suffix('.').map_or(text, |t| t))
            }
        }
    }
}

impl Amount {
    fn of(check: LintCheck, value: f64) -> Amount {
        match check.measure() {
            Measure::Count | Measure::Test => Amount::Whole(value as i64),
            _ => Amount::Fraction(value),
        }
    }

    /// The value as a float.
    pub fn get(self) -> f64 {
        match self {
            Amount::Whole(n) => n as f64,
            Amount::Fraction(f) => f,
        }
    }
}

impl<'a> LintView<'a> {
    /// Runs every check `[lint]` leaves on.
    pub fn new(plan: &'a Plan, baseline: Option<&Baseline>) -> LintView<'a> {
        let settings = &plan.program.config.lint;
        let checks = LintCheck::ALL
            .iter()
            .filter(|c| settings.runs(**c))
            .map(|&c| record(plan, c, settings.threshold(c), measure(plan, baseline, c)))
            .collect();
        LintView {
            checks,
            today: Date(plan.schedule.today),
            baseline: baseline.map(|b| b.rev.clone()),
        }
    }

    /// Finds where the failing checks' items are in the files: the item's entry, or
    /// for a relation check the offending `depends_on` entry.
    pub fn locate(mut self, plan: &Plan) -> LintView<'a> {
        let p = &plan.program;
        let resolver = Resolver::new(&p.files);
        for check in self
            .checks
            .iter_mut()
            .filter(|c| c.status == LintStatus::Fail)
        {
            let locs: Vec<Loc> = check
                .indices
                .iter()
                .enumerate()
                .map(|(n, &i)| {
                    let origin = &p.milestones[i].origin;
                    match check.relations.get(n) {
                        Some(&d) => origin.at(&[Seg::Key("depends_on"), Seg::Index(d)]),
                        None => origin.item(),
                    }
                })
                .collect();
            check.places = resolver.places(&locs);
            check.lines = check
                .places
                .iter()
                .map(
                    |place| match place.and_then(|(f, l, _)| Some((p.files.get(f)?, l))) {
                        Some((file, line)) => format!("{}:{line}", file.name),
                        None => String::new(),
                    },
                )
                .collect();
        }
        self
    }

    /// The checks that failed.
    pub fn failed(&self) -> impl Iterator<Item = &CheckRecord<'a>> {
        self.checks.iter().filter(|c| c.status == LintStatus::Fail)
    }

    /// Whether no check failed.
    pub fn ok(&self) -> bool {
        self.failed().next().is_none()
    }
}

fn record<'a>(
    plan: &'a Plan,
    check: LintCheck,
    threshold: Option<f64>,
    measured: Measured,
) -> CheckRecord<'a> {
    let status = match (measured.value, threshold) {
        (Some(v), Some(t)) if passes(check, v, t) => LintStatus::Pass,
        (Some(_), Some(_)) => LintStatus::Fail,
        _ => LintStatus::NotApplicable,
    };
    let applies = status != LintStatus::NotApplicable;
    CheckRecord {
        id: check.number(),
        name: check,
        value: measured
            .value
            .filter(|_| applies)
            .map(|v| Amount::of(check, v)),
        threshold: threshold.filter(|_| applies).map(|t| Amount::of(check, t)),
        status,
        items: measured
            .items
            .iter()
            .map(|&i| plan.program.milestones[i].id.as_str())
            .collect(),
        indices: measured.items,
        relations: measured.relations,
        basis: measured.basis,
        places: Vec::new(),
        lines: Vec::new(),
    }
}

/// Whether `value` meets `threshold`: at least it, at most it, or (the critical path
/// test) exactly it.
pub fn passes(check: LintCheck, value: f64, threshold: f64) -> bool {
    match check.measure() {
        Measure::Test => value == threshold,
        _ if check.at_least() => value >= threshold,
        _ => value <= threshold,
    }
}
