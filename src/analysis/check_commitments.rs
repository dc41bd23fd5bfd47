//! The commitment lines `check` annotates: for each group of violations, the commitment
//! they threaten when it is missed — at the line of its date (a cluster's `ready_by`,
//! `finish_by` in milepost.toml, another item's `due`), so that CI shows the customer
//! date beside the items that push it out. Not violations themselves: the items are.
use std::collections::HashMap;

use super::Plan;
use super::check::{Row, Severity, repo_path};
use super::commitments::{CommitmentState, commitments};
use crate::load::place::Resolver;
use crate::model::CommitmentKind;

/// One row per missed commitment that the violations in `rows` threaten, unless the
/// commitment is the own `due` of one of them (its annotation already points there).
pub fn commitment_rows(plan: &Plan, rows: &[Row], prefix: Option<&str>) -> Vec<Row> {
    // Per commitment: how many violations threaten it, and whether one is its own item.
    let mut threats: HashMap<&str, (usize, Vec<&str>)> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| r.severity == Some(Severity::Violation))
    {
        if let Some(label) = r.commitment.as_deref() {
            let entry = threats.entry(label).or_default();
            entry.0 += 1;
            entry.1.push(&r.id);
        }
    }
    let mut resolver = Resolver::new(&plan.program.files);
    let mut out: Vec<Row> = Vec::new();
    for state in commitments(plan).iter().filter(|c| c.missed()) {
        let label = state.label();
        let Some((count, ids)) = threats.get(label.as_str()) else {
            continue;
        };
        if state.kind == CommitmentKind::Due && ids.contains(&state.id.as_str()) {
            continue;
        }
        let place = state.at.as_ref().and_then(|loc| resolver.place(loc));
        let file = place.and_then(|(file, _, _)| plan.program.files.get(file));
        out.push(Row {
            id: state.id.clone(),
            name: label.clone(),
            class: "commitment",
            severity: Some(Severity::Violation),
            group: state.id.clone(),
            path: file.map(|f| repo_path(f, prefix)),
            shown: file.map(|f| f.name.clone()),
            line: place.map_or(0, |(_, l, _)| l),
            column: place.map_or(0, |(_, _, c)| c),
            message: message(state, *count),
            commitment: Some(label),
        });
    }
    out
}

/// `ready_by 2027-01-08 missed by 4 working days: forecast 2027-01-14; 7 violations threaten it`.
fn message(state: &CommitmentState, count: usize) -> String {
    format!(
        "{} {} missed by {} working day{}: forecast {}; {count} violation{} threaten{} it",
        state.kind,
        state.date,
        state.late,
        if state.late == 1 { "" } else { "s" },
        state.forecast,
        if count == 1 { "" } else { "s" },
        if count == 1 { "s" } else { "" },
    )
}
