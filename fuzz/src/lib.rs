//! Shared by the fuzz targets: a fixed program around the fuzzed part, and a run of
//! the whole pipeline (load → validate → diagnostics → schedule → renderers).
pub mod generate;
pub mod invariants;

use chrono::NaiveDate;
use milepost::analysis::Plan;
use milepost::render::Format;
use milepost::source::Source;

/// The fixed program around the fuzzed part, and its data date.
pub use milepost::testkit::fuzz::{CONFIG, PLAN, SITES, today};

/// Runs everything a command would: load, validate, render the diagnostics, schedule
/// and render the reports. Returns the plan when the program is valid.
pub fn run(source: &dyn Source, today: NaiveDate) -> Option<Plan> {
    let loaded = milepost::load::load(source).ok()?;
    let files = loaded.files.clone();
    let validated = milepost::validate::validate(loaded, today);
    let text = milepost::cli::diagnostics::render(&validated.diags, &files, false, 100);
    assert!(validated.diags.is_empty() || !text.is_empty());
    let plan = Plan::new(validated.program?, today).ok()?;
    render(&plan);
    Some(plan)
}

/// The renderers over a plan (their output is not checked, only that they finish).
pub fn render(plan: &Plan) {
    let all: Vec<usize> = plan.in_order().collect();
    let style = milepost::render::table::Style::default();
    for format in [Format::Json, Format::Table, Format::Markdown, Format::Csv] {
        let status = milepost::analysis::status::StatusView::new(plan, &all, None);
        let _ = milepost::render::view::to_string(&status, format, style);
        let critical = milepost::analysis::critical::CriticalView::new(plan, None);
        let _ = milepost::render::view::to_string(&critical, format, style);
    }
    let _ = milepost::render::ics::render(plan, &all);
    let _ = milepost::render::dot::render(plan, &all);
    let _ = milepost::analysis::check::violations(plan, &plan.program.config.policy.fail_on);
}
