//! The views of tests/views.rs, built from the bundled example as src/cli/ builds them.
use std::path::Path;

use chrono::NaiveDate;
use milepost::analysis::baseline::Baseline;
use milepost::analysis::check::{CheckResult, findings};
use milepost::analysis::clusters::ClustersView;
use milepost::analysis::critical::CriticalView;
use milepost::analysis::diff_view::{DiffView, Side};
use milepost::analysis::history::{HistoryEntry, HistoryView};
use milepost::analysis::kpi::Kpis;
use milepost::analysis::lint::LintView;
use milepost::analysis::scope::Scope;
use milepost::analysis::show::ShowView;
use milepost::analysis::status::StatusView;
use milepost::analysis::vendors::VendorsView;
use milepost::analysis::{Plan, kpi, vendors as vendor_scores};
use milepost::load::place::Resolver;
use milepost::model::{ChangeKind, Date, FailOn};
use milepost::render::check::CheckFormat;
use milepost::source::{Memory, Source};

/// The README's today.
pub const TODAY: &str = "2026-12-14";
/// The item `show` and `history` look at.
pub const ITEM: &str = "dfw1-h200-handover";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date")
}

/// Loads, validates and schedules a program as of [`TODAY`]; panics if it is invalid.
fn plan(source: &dyn Source) -> Plan {
    let loaded = milepost::load::load(source).expect("load");
    let validated = milepost::validate::validate(loaded, today());
    let errors: Vec<_> = validated.diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "invalid program: {errors:#?}");
    Plan::new(validated.program.expect("program"), today()).expect("schedule")
}

/// The bundled example, as of [`TODAY`].
pub fn example() -> Plan {
    load_example(|_, text| text)
}

/// The example read into memory, each file's text through `edit` (its path, its
/// text). Files are named as from the repository root (`examples/gpu-buildout/…`),
/// as the CLI names them there, so no snapshot holds a machine's path.
fn load_example(edit: impl Fn(&str, String) -> String) -> Plan {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gpu-buildout");
    let mut memory = Memory::new().with_display_prefix("examples/gpu-buildout/".into());
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(&root).expect("under the example");
            let rel = rel.to_str().expect("utf-8 path").replace('\\', "/");
            if path.is_dir() {
                stack.push(path);
            } else if rel == "milepost.toml" || rel.ends_with(".yaml") {
                let text = std::fs::read_to_string(&path).expect("read");
                memory = memory.with(&rel, edit(&rel, text));
            }
        }
    }
    plan(&memory)
}

pub fn status(plan: &Plan) -> StatusView<'_> {
    let items: Vec<usize> = plan.in_order().collect();
    StatusView::new(plan, &items, None)
}

pub fn show(plan: &Plan) -> ShowView<'_> {
    let i = plan.program.milestone_index(ITEM).expect("the item");
    let file = Resolver::new(&plan.program.files)
        .position(&plan.program.milestones[i].origin.item())
        .unwrap_or_default();
    ShowView::new(plan, i, file)
}

pub fn critical(plan: &Plan) -> CriticalView<'_> {
    CriticalView::new(plan, None)
}

/// `risk` as the command builds it, with 2,000 iterations (seed 1).
pub fn risk(plan: &Plan) -> milepost::analysis::risk_view::RiskView<'_> {
    let options = milepost::schedule::montecarlo::Options {
        iterations: 2000,
        seed: 1,
    };
    milepost::analysis::risk_view::RiskView::new(plan, options, &Scope::default(), &|_| {})
        .expect("simulates")
}

pub fn clusters(plan: &Plan) -> ClustersView<'_> {
    ClustersView::new(plan, None)
}

pub fn kpi(plan: &Plan) -> Kpis {
    let scope = Scope::default();
    let items = scope.items(plan);
    let forecasts = milepost::analysis::clusters::forecast(plan);
    kpi::compute(plan, &scope, &items, &forecasts, None)
}

pub fn vendors(plan: &Plan) -> VendorsView<'_> {
    let scope = Scope::default();
    let items = scope.items(plan);
    VendorsView::new(plan, vendor_scores::scores(plan, &scope, &items))
}

/// The example with DFW1 H200 burn-in taking 3 working days instead of 5: the base of
/// [`diff`] and the plan of [`baseline`].
fn shorter_burn_in() -> Plan {
    load_example(|file, text| {
        if file != "clusters/dfw1-h200.yaml" {
            return text;
        }
        let (from, to) = (
            "    duration: 5\n    depends_on: [dfw1-h200-provisioning]\n",
            "    duration: 3\n    depends_on: [dfw1-h200-provisioning]\n",
        );
        assert_eq!(text.matches(from).count(), 1, "burn-in's duration moved");
        text.replace(from, to)
    })
}

/// A baseline 2 working days ahead of the example on the H200 handover's chain, as
/// `--baseline REV` loads one.
pub fn baseline() -> Baseline {
    Baseline::new("baseline/2026-q4".into(), &shorter_burn_in())
}

pub fn status_baseline<'a>(plan: &'a Plan, baseline: &Baseline) -> StatusView<'a> {
    let items: Vec<usize> = plan.in_order().collect();
    StatusView::new(plan, &items, Some(baseline))
}

pub fn critical_baseline<'a>(plan: &'a Plan, baseline: &Baseline) -> CriticalView<'a> {
    CriticalView::new(plan, Some(baseline))
}

pub fn clusters_baseline<'a>(plan: &'a Plan, baseline: &Baseline) -> ClustersView<'a> {
    ClustersView::new(plan, Some(baseline))
}

pub fn kpi_baseline(plan: &Plan, baseline: &Baseline) -> Kpis {
    let scope = Scope::default();
    let items = scope.items(plan);
    let forecasts = milepost::analysis::clusters::forecast(plan);
    kpi::compute(plan, &scope, &items, &forecasts, Some(baseline))
}

/// `head` against a base where DFW1 H200 burn-in took 3 working days instead of 5:
/// the change slips the H200 handover and the A100 retirement behind it by 2 days
/// (the program finish does not move).
pub fn diff(head: &Plan) -> DiffView {
    let base = shorter_burn_in();
    let commit = "0123456789abcdef0123456789abcdef01234567";
    DiffView {
        base: Side {
            rev: "main".into(),
            commit: Some(commit.into()),
            reason: Some(format!(
                "the default branch, at merge-base {}",
                &commit[..7]
            )),
            label: format!("`main` ({})", &commit[..7]),
        },
        head: Side {
            rev: "WORKTREE".into(),
            commit: None,
            reason: None,
            label: "the working tree".into(),
        },
        diff: milepost::analysis::diff::diff(&base, head),
        quality: milepost::analysis::lint_diff::worsened(
            &LintView::new(&base, None),
            &LintView::new(head, None),
        ),
        risk: None,
    }
}

/// Three hand-made revisions of [`ITEM`], oldest first: added on its due date, moved
/// 3 working days later by a ripple, then edited to pull it in by 1.
pub fn history(_: &Plan) -> HistoryView<'static> {
    use ChangeKind::{Added, Edited, Moved};
    let date = |s: &str| Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"));
    // (commit, date, subject, change, finish, total float, delta)
    let rows = [
        (
            "a1b2c3d",
            "2026-09-02",
            "Plan the DFW1 H200 build",
            Added,
            "2027-01-08",
            0,
            0,
        ),
        (
            "b2c3d4e",
            "2026-11-20",
            "Optics arrive two weeks late",
            Moved,
            "2027-01-13",
            -3,
            3,
        ),
        (
            "c3d4e5f",
            "2026-12-10",
            "Shorten the HPL run",
            Edited,
            "2027-01-12",
            -2,
            -1,
        ),
    ];
    let entries = rows
        .into_iter()
        .map(
            |(commit, when, subject, change, finish, float, delta)| HistoryEntry {
                commit: commit.into(),
                date: date(when),
                author: "Marcus L".into(),
                subject: subject.into(),
                change,
                due: Some(date("2027-01-08")),
                duration: Some(0),
                status: Some("not_started"),
                finish: Some(date(finish)),
                total_float: Some(float),
                delta,
            },
        )
        .collect();
    HistoryView::new(ITEM, entries, None)
}

/// The example's findings with fail_on = [overdue], as `check --format FORMAT` finds
/// them from the repository root (JUnit lists every item).
pub fn check(plan: &Plan, format: CheckFormat) -> CheckResult {
    findings(
        plan,
        &[FailOn::Overdue],
        Some("examples/gpu-buildout"),
        format.listing(),
    )
}

/// The example's schedule quality checks, without a baseline.
pub fn lint(plan: &Plan) -> LintView<'_> {
    LintView::new(plan, None).locate(plan)
}

/// The example's lint findings in a CI format, as `lint --format FORMAT` writes them
/// from the repository root.
pub fn lint_ci(plan: &Plan, format: milepost::render::lint::LintFormat) -> String {
    use milepost::render::lint::{LintFormat, render_ci};
    let view = lint(plan);
    let every_check = format == LintFormat::Junit;
    let result = milepost::analysis::lint_ci::findings(
        plan,
        &view,
        Some("examples/gpu-buildout"),
        every_check,
    );
    render_ci(&result, format, &view.summary())
}
