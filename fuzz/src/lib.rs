//! Shared by the fuzz targets: a fixed program around the fuzzed part, and a run of
//! the whole pipeline (load → validate → diagnostics → schedule → renderers).
pub mod generate;
pub mod invariants;

use chrono::NaiveDate;
use milepost::analysis::Plan;
use milepost::render::Format;
use milepost::source::Source;

/// A milepost.toml with two calendars, for the file fuzzer.
pub const CONFIG: &str = "[program]\nname = \"fuzz\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-11-26, 2026-12-25]\n[calendar.regions.tw]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\nholidays = [2027-02-08]\n";

/// Reference data the fuzzed file may point at.
pub const SITES: &str = "sites:\n  - {id: us1}\n  - {id: tw1, region: tw}\nclusters:\n  - {id: c1, site: us1}\n  - {id: c2, site: tw1}\nvendors:\n  - {id: dell}\n";

/// A small plan across both calendars, for the config fuzzer.
pub const PLAN: &str = "milestones:\n  - {id: po, duration: 0, status: done, finished: 2026-10-02}\n  - {id: ship, duration: 10, cluster: c2, depends_on: [po], status: in_progress, started: 2026-10-05}\n  - {id: rack, duration: 5, cluster: c1, depends_on: [{id: ship, type: SS, lag: 3}], due: 2026-12-01}\n  - {id: accept, duration: 0, depends_on: [{id: rack, type: FF, lag: -1}], start_no_earlier: 2026-11-02}\nrisks:\n  - {id: r, probability: 0.5, impact_days: 3, affects: [rack]}\n";

/// The data date of the fixed programs.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).unwrap_or_default()
}

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
