//! Progress rules: actual dates against status and today, and out-of-sequence work.
use chrono::NaiveDate;

use crate::diag::Diag;
use crate::model::Milestone;
use crate::model::Status;

/// Reports progress errors and out-of-sequence warnings (SPEC §1). Items whose
/// `status` could not be read (`unread[i]`, already reported) are not checked: their
/// status is unknown, and guessing `not_started` only adds false messages.
pub fn check(milestones: &[Milestone], unread: &[bool], today: NaiveDate, diags: &mut Vec<Diag>) {
    let unread = |i: usize| unread.get(i).copied().unwrap_or(false);
    for (i, m) in milestones.iter().enumerate() {
        if !unread(i) {
            check_one(m, today, diags);
        }
    }
    for m in milestones.iter().filter(|m| m.status == Status::Done) {
        for dep in &m.deps {
            let pred = &milestones[dep.pred];
            if pred.status != Status::Done && !unread(dep.pred) {
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

/// The errors of [`check`] alone (no out-of-sequence warnings, which cost an allocation
/// each): for re-checking a revision, where only whether it is valid matters.
pub fn errors(milestones: &[Milestone], today: NaiveDate, diags: &mut Vec<Diag>) {
    for m in milestones {
        check_one(m, today, diags);
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
    forecast_rules(m, today, diags);
    for (date, key) in [
        (m.started, "started"),
        (m.finished, "finished"),
        (m.as_of, "as_of"),
    ] {
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

/// The forecast of work in progress (SPEC v2): `expected_finish`, or `remaining`
/// anchored by `as_of`; only on in-progress items, at most one form.
fn forecast_rules(m: &Milestone, today: NaiveDate, diags: &mut Vec<Diag>) {
    let (o, id) = (m.origin, &m.id);
    let forecast_keys = [
        ("remaining", m.remaining.is_some()),
        ("as_of", m.as_of.is_some()),
        ("expected_finish", m.expected_finish.is_some()),
    ];
    if m.status != Status::InProgress {
        for (key, _) in forecast_keys.iter().filter(|(_, present)| *present) {
            diags.push(
                Diag::error(
                    "progress",
                    format!("`{id}` has `{key}` but is not in progress"),
                )
                .at(o.key(key))
                .help(format!(
                    "`{key}` forecasts work in progress; remove it or set `status: in_progress`"
                )),
            );
        }
        return;
    }
    match (m.remaining, m.as_of, m.expected_finish) {
        (Some(_), _, Some(_)) => diags.push(
            Diag::error(
                "progress",
                format!("`{id}` has both `remaining` and `expected_finish`"),
            )
            .at(o.key("expected_finish"))
            .help(
                "keep one forecast: `expected_finish: DATE`, or `remaining: N` with `as_of: DATE`",
            ),
        ),
        (Some(_), None, None) => diags.push(
            Diag::error(
                "progress",
                format!("`{id}` has `remaining` without `as_of`"),
            )
            .at(o.key("remaining"))
            .label("counted from which day?")
            .help(format!(
                "add `as_of: {today}` — the day this estimate was made (or use `expected_finish`)"
            )),
        ),
        (None, Some(_), _) => diags.push(
            Diag::error(
                "progress",
                format!("`{id}` has `as_of` without `remaining`"),
            )
            .at(o.key("as_of"))
            .help("`as_of` dates a `remaining` estimate; add `remaining: N` or remove `as_of`"),
        ),
        _ => {}
    }
    for (date, key) in [(m.as_of, "as_of"), (m.expected_finish, "expected_finish")] {
        if let (Some(d), Some(s)) = (date, m.started)
            && d < s
        {
            diags.push(
                Diag::error("progress", format!("`{key}` {d} is before `started` {s}"))
                    .at(o.key(key))
                    .help("a forecast cannot come before the work began"),
            );
        }
    }
}
