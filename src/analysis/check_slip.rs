//! `check --fail-on-slip`: the change slips the schedule when it makes a commitment
//! missed (or missed by more working days), or — with no `finish_by` to judge it — moves
//! the program finish later. Each slipped commitment is a violation at the line of its
//! date, followed by the changed items that drive it, at theirs. An item that moves
//! later but still meets every commitment is not a violation.
use super::Plan;
use super::check::{Row, Severity, repo_path, row};
use super::commitment_diff::{CommitmentChange, Driver};
use super::diff::diff;
use crate::load::place::{Place, Resolver};
use crate::model::{CommitmentKind, Program};

/// The violations of `--fail-on-slip`: `base` scheduled with the head's today.
/// `base_label` names the base in messages; `prefix` is the program's path in the repo.
pub fn slip_rows(base: &Plan, head: &Plan, base_label: &str, prefix: &str) -> Vec<Row> {
    let d = diff(base, head);
    let mut resolver = Resolver::new(&head.program.files);
    let mut rows = Vec::new();
    if d.finish_slips(head)
        && let (Some(delta), Some(b), Some(h)) = (d.finish.delta, d.finish.base, d.finish.head)
    {
        rows.push(Row::program_violation(
            &head.program.config.name,
            "slip",
            format!(
                "program finish moves {delta} working days later than at {base_label}: {} → {} (no finish_by to judge it against)",
                b.0, h.0
            ),
        ));
    }
    // Each driver once, after the first commitment it drives, naming all of them.
    let mut driven: Vec<(usize, &Driver, Vec<String>)> = Vec::new();
    for c in d.commitments.iter().filter(|c| c.slips()) {
        let place = c.at.as_ref().and_then(|loc| resolver.place(loc));
        rows.push(commitment_row(&head.program, c, base_label, prefix, place));
        for driver in &c.drivers {
            if let Some((_, _, labels)) = driven.iter_mut().find(|(_, d, _)| d.id == driver.id) {
                labels.push(c.label());
                continue;
            }
            let Some(i) = head.program.milestone_index(&driver.id) else {
                continue;
            };
            let place = resolver.place(&head.program.milestones[i].origin.item());
            let mut r = row(head, i, Some(Severity::Violation), Some(prefix), place);
            r.class = "slip";
            r.commitment = Some(c.label());
            driven.push((rows.len(), driver, vec![c.label()]));
            rows.push(r);
        }
    }
    for (at, driver, labels) in driven {
        let r = &mut rows[at];
        let what = driver.delta.map_or("added".to_string(), |n| {
            format!("finish {n:+} working days")
        });
        r.message = format!("{what}, which misses {}; {}", labels.join(", "), r.message);
    }
    rows
}

/// The commitment's own row, at its date.
fn commitment_row(
    p: &Program,
    c: &CommitmentChange,
    base_label: &str,
    prefix: &str,
    place: Option<Place>,
) -> Row {
    let file = place.and_then(|(file, _, _)| p.files.get(file));
    let name = match c.kind {
        CommitmentKind::Due => p
            .milestone_index(&c.id)
            .map_or(c.id.clone(), |i| p.milestones[i].name.clone()),
        CommitmentKind::ReadyBy => "cluster".to_string(),
        CommitmentKind::FinishBy => p.config.name.clone(),
    };
    Row {
        id: match c.kind {
            CommitmentKind::FinishBy => "program".to_string(),
            _ => c.id.clone(),
        },
        name,
        class: "slip",
        severity: Some(Severity::Violation),
        group: c.id.clone(),
        path: file.map(|f| repo_path(f, Some(prefix))),
        shown: file.map(|f| f.name.clone()),
        line: place.map_or(0, |(_, l, _)| l),
        column: place.map_or(0, |(_, _, col)| col),
        message: slip_message(c, base_label),
        commitment: Some(c.label()),
    }
}

/// `ready_by 2027-03-31 now missed by 7 working days: forecast 2027-04-09 (was
/// 2027-03-28 at base (main), 2 to spare); driven by a (+9), b (added)`.
pub fn slip_message(c: &CommitmentChange, base_label: &str) -> String {
    let date = c.date.head.map_or("—".to_string(), |d| d.0.to_string());
    let forecast = c.forecast.head.map_or("—".to_string(), |d| d.0.to_string());
    let was = match (c.forecast.base, c.late.base) {
        (Some(f), Some(late)) => format!(" (was {} at {base_label}, {})", f.0, standing(late)),
        _ => format!(" (not at {base_label})"),
    };
    let drivers = if c.drivers.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = c
            .drivers
            .iter()
            .map(|d| format!("{} ({})", d.id, moved(d)))
            .collect();
        format!("; driven by {}", list.join(", "))
    };
    format!(
        "{} {date} {} by {} working days: forecast {forecast}{was}{drivers}",
        c.kind,
        c.verdict.words().replace(" by more", ""),
        c.late.head.unwrap_or(0),
    )
}

/// `2 to spare`, `on the day`, `missed by 3`.
fn standing(late: i64) -> String {
    match late {
        0 => "on the day".to_string(),
        l if l < 0 => format!("{} to spare", -l),
        l => format!("missed by {l}"),
    }
}

/// `+9` working days, or `added`.
fn moved(d: &Driver) -> String {
    d.delta.map_or("added".to_string(), |n| format!("{n:+}"))
}
