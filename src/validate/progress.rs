//! Progress rules: actual dates against status and today, and out-of-sequence work.
use chrono::NaiveDate;

use crate::diag::Diag;
use crate::model::Milestone;
use crate::model::Status;

/// Reports progress errors and out-of-sequence warnings (SPEC §1).
pub fn check(milestones: &[Milestone], today: NaiveDate, diags: &mut Vec<Diag>) {
    for m in milestones {
        check_one(m, today, diags);
    }
    for m in milestones.iter().filter(|m| m.status == Status::Done) {
        for dep in &m.deps {
            let pred = &milestones[dep.pred];
            if pred.status != Status::Done {
                diags.push(
                    Diag::warning("out-of-sequence", format!("`{}` is done but its predecessor `{}` is not", m.id, pred.id))
                        .at(m.origin.at(&[crate::diag::Seg::Key("depends_on"), crate::diag::Seg::Index(dep.index)]))
                        .label("not done yet")
                        .help("record the predecessor's progress, or remove the dependency if it no longer holds"),
                );
            }
        }
    }
}

fn check_one(m: &Milestone, today: NaiveDate, diags: &mut Vec<Diag>) {
    let o = m.origin;
    let id = &m.id;
    match m.status {
        Status::InProgress if m.started.is_none() => diags.push(
            Diag::error(
                "progress",
                format!("`{id}` is in progress but has no `started` date"),
            )
            .at(o.key("status"))
            .help("add `started: YYYY-MM-DD`, the day work began"),
        ),
        Status::Done if m.finished.is_none() => diags.push(
            Diag::error(
                "progress",
                format!("`{id}` is done but has no `finished` date"),
            )
            .at(o.key("status"))
            .help("add `finished: YYYY-MM-DD`, the day it was completed"),
        ),
        _ => {}
    }
    if m.status == Status::InProgress && m.is_event() {
        diags.push(
            Diag::error(
                "progress",
                format!("`{id}` is a milestone (duration 0) and cannot be in progress"),
            )
            .at(o.key("status"))
            .help("a milestone is either not_started or done; give it a duration if it is work"),
        );
    }
    if m.remaining.is_some() && m.status != Status::InProgress {
        diags.push(
            Diag::error("progress", format!("`{id}` has `remaining` but is not in progress"))
                .at(o.key("remaining"))
                .help("`remaining` counts working days left on work in progress; remove it or set `status: in_progress`"),
        );
    }
    for (date, key) in [(m.started, "started"), (m.finished, "finished")] {
        if let Some(d) = date.filter(|d| *d > today) {
            diags.push(
                Diag::error("progress", format!("`{key}` {d} is after today ({today})"))
                    .at(o.key(key))
                    .help("actual dates cannot be in the future; use `start_no_earlier` or `due` for plans"),
            );
        }
    }
    if let (Some(s), Some(f)) = (m.started, m.finished)
        && s > f
    {
        diags.push(
            Diag::error("progress", format!("`started` {s} is after `finished` {f}"))
                .at(o.key("started")),
        );
    }
    let ignored = match m.status {
        Status::NotStarted => [
            ("started", m.started.is_some()),
            ("finished", m.finished.is_some()),
        ],
        Status::InProgress => [("finished", m.finished.is_some()), ("", false)],
        Status::Done => [("", false), ("", false)],
    };
    for (key, present) in ignored {
        if present {
            diags.push(
                Diag::warning(
                    "progress",
                    format!("`{key}` is ignored while `{id}` is {}", m.status.words()),
                )
                .at(o.key(if key == "started" {
                    "started"
                } else {
                    "finished"
                })),
            );
        }
    }
}
