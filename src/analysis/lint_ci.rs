//! `lint` for CI: the failing checks as `check`'s findings, one per offending item at
//! its place in the files, so that the same GitHub, GitLab and JUnit renderers serve.
use super::Plan;
use super::check::{CheckResult, Row, Severity, repo_path};
use super::lint::{CheckRecord, LintView};
use crate::model::LintStatus;

/// The findings: a violation per offending item of each failing check (one at the
/// program for a failing check without items), the checks interleaved; with
/// `every_check` (JUnit) a passing row for each other check after them. `prefix` is
/// the program's path in the repository. Run [`LintView::locate`] on the view first:
/// without it the findings have no place.
pub fn findings(
    plan: &Plan,
    view: &LintView<'_>,
    prefix: Option<&str>,
    every_check: bool,
) -> CheckResult {
    let failed: Vec<Vec<Row>> = view
        .failed()
        .map(|check| failing(plan, check, prefix))
        .collect();
    // Each failing check's first item, then each one's second, …: CI tools that show
    // only the first few annotations show every failing check.
    let longest = failed.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Row> = (0..longest)
        .flat_map(|n| failed.iter().filter_map(move |rows| rows.get(n).cloned()))
        .collect();
    if every_check {
        rows.extend(
            view.checks
                .iter()
                .filter(|c| c.status != LintStatus::Fail)
                .map(|c| program_row(c, None)),
        );
    }
    CheckResult {
        rows,
        today: view.today.0,
        fail_on: view.failed().map(|c| c.name.as_str()).collect(),
        slip_base: None,
        commitment_lines: Vec::new(),
        milestones: plan.program.milestones.len(),
        command: "lint",
    }
}

fn failing(plan: &Plan, check: &CheckRecord<'_>, prefix: Option<&str>) -> Vec<Row> {
    if check.indices.is_empty() {
        return vec![program_row(check, Some(Severity::Violation))];
    }
    let p = &plan.program;
    check
        .indices
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let m = &p.milestones[i];
            let place = check.places.get(n).copied().flatten();
            let file = place.and_then(|(file, _, _)| p.files.get(file));
            Row {
                id: m.id.clone(),
                name: m.name.clone(),
                class: check.name.as_str(),
                severity: Some(Severity::Violation),
                group: check.name.as_str().to_string(),
                path: file.map(|f| repo_path(f, prefix)),
                shown: file.map(|f| f.name.clone()),
                line: place.map_or(0, |(_, l, _)| l),
                column: place.map_or(0, |(_, _, c)| c),
                commitment: None,
                message: message(check),
            }
        })
        .collect()
}

/// A row for the check itself, at the program.
fn program_row(check: &CheckRecord<'_>, severity: Option<Severity>) -> Row {
    Row {
        id: check.name.as_str().to_string(),
        name: format!("check {}", check.id),
        class: check.name.as_str(),
        severity,
        group: "lint".into(),
        path: None,
        shown: None,
        line: 0,
        column: 0,
        commitment: None,
        message: message(check),
    }
}

/// `lint check 6 high_float failed: 0.12 (threshold 0.05; 3 of 25 not-done items)`.
pub fn message(check: &CheckRecord<'_>) -> String {
    let amount = |a: Option<super::lint::Amount>| a.map_or("n/a".into(), |a| a.to_string());
    format!(
        "lint check {} {} {}: {} (threshold {}; {})",
        check.id,
        check.name,
        match check.status {
            LintStatus::Fail => "failed",
            LintStatus::Pass => "passed",
            LintStatus::NotApplicable => "does not apply",
        },
        amount(check.value),
        amount(check.threshold),
        check.basis
    )
}
