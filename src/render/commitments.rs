//! The commitments a change affects, as `diff` leads with them: a one-line verdict a
//! reviewer can act on, then one row per commitment with its date, forecast, standing
//! and the items that drive it.
use super::{Cell, Grid, Tone};
use crate::analysis::commitment_diff::{CommitmentChange, Driver};
use crate::analysis::diff::Pair;
use crate::model::{CommitmentVerdict, Date};

/// How a commitment is named: `ready_by dfw1-h200` on a terminal, in backticks in markdown.
type Name = fn(&CommitmentChange) -> String;

/// `2 commitments now missed: ready_by dfw1-h200 (by 7 working days), due x (by 3)`,
/// or `No commitment newly missed` with what else changed. Without `name` the bad
/// news is counted, not listed (a table below lists it).
pub fn verdict(changes: &[CommitmentChange], name: Option<Name>) -> String {
    let with = |v: CommitmentVerdict| -> Vec<&CommitmentChange> {
        changes.iter().filter(|c| c.verdict == v).collect()
    };
    let (missed, more) = (
        with(CommitmentVerdict::NowMissed),
        with(CommitmentVerdict::MissedByMore),
    );
    let mut bad = Vec::new();
    if !missed.is_empty() {
        bad.push(match name {
            Some(name) => format!(
                "{} now missed: {}",
                count(missed.len()),
                listed(&missed, name, |c| late(c.late.head))
            ),
            None => format!("{} now missed", count(missed.len())),
        });
    }
    if !more.is_empty() {
        bad.push(match name {
            Some(name) => format!(
                "{} missed by more: {}",
                count(more.len()),
                listed(&more, name, |c| format!(
                    "{} → {} working days late",
                    c.late.base.unwrap_or(0),
                    c.late.head.unwrap_or(0)
                ))
            ),
            None => format!("{} missed by more", count(more.len())),
        });
    }
    if !bad.is_empty() {
        return bad.join("; ");
    }
    let others: Vec<String> = CommitmentVerdict::ALL
        .iter()
        .map(|&v| (v, with(v).len()))
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {}", v.words()))
        .collect();
    if others.is_empty() {
        "No commitment newly missed".to_string()
    } else {
        format!("No commitment newly missed ({})", others.join(", "))
    }
}

/// `2 commitments`, `1 commitment`.
fn count(n: usize) -> String {
    format!("{n} commitment{}", if n == 1 { "" } else { "s" })
}

fn listed(
    changes: &[&CommitmentChange],
    name: Name,
    detail: impl Fn(&CommitmentChange) -> String,
) -> String {
    changes
        .iter()
        .map(|c| format!("{} ({})", name(c), detail(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `by 7 working days`.
fn late(days: Option<i64>) -> String {
    let days = days.unwrap_or(0);
    format!("by {days} working day{}", if days == 1 { "" } else { "s" })
}

/// A commitment's standing: `3 to spare`, `on the day`, `7 late`.
fn standing(late: Option<i64>) -> String {
    match late {
        None => "—".to_string(),
        Some(0) => "on the day".to_string(),
        Some(l) if l < 0 => format!("{} to spare", -l),
        Some(l) => format!("{l} late"),
    }
}

fn dates(pair: &Pair<Date>, bold: bool) -> String {
    let one = |d: Option<Date>| d.map_or("—".to_string(), |d| d.0.to_string());
    match (pair.base, pair.head) {
        (b, h) if b == h => one(h),
        (b, h) if bold => format!("{} → **{}**", one(b), one(h)),
        (b, h) => format!("{} → {}", one(b), one(h)),
    }
}

fn standings(pair: &Pair<i64>) -> String {
    match (pair.base, pair.head) {
        (b, h) if b == h => standing(h),
        (b, h) => format!("{} → {}", standing(b), standing(h)),
    }
}

fn drivers(list: &[Driver], code: bool) -> String {
    list.iter()
        .map(|d| {
            let moved = d.delta.map_or("added".to_string(), |n| format!("{n:+}"));
            if code {
                format!("`{}` {moved}", d.id)
            } else {
                format!("{} {moved}", d.id)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The verdict in words; a date that also moved says so (`now met, date edited`): a
/// commitment met by moving its date is a renegotiation, not a recovery.
fn verdict_words(c: &CommitmentChange) -> String {
    let edited = c.date.base.is_some() && c.date.head.is_some() && c.date.base != c.date.head;
    if edited && c.verdict != CommitmentVerdict::DateEdited {
        format!("{}, date edited", c.verdict.words())
    } else {
        c.verdict.words()
    }
}

fn tone(v: CommitmentVerdict) -> Tone {
    match v {
        CommitmentVerdict::NowMissed
        | CommitmentVerdict::MissedByMore
        | CommitmentVerdict::Removed => Tone::Bad,
        CommitmentVerdict::DateEdited => Tone::Warn,
        CommitmentVerdict::Added => Tone::Plain,
        CommitmentVerdict::MissedByLess | CommitmentVerdict::NowMet => Tone::Good,
    }
}

/// The commitments as a terminal table.
pub fn grid(changes: &[CommitmentChange]) -> Grid {
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                Cell::plain(c.label()),
                Cell::toned(verdict_words(c), tone(c.verdict)),
                Cell::plain(dates(&c.date, false)),
                Cell::plain(dates(&c.forecast, false)),
                Cell::plain(standings(&c.late)),
                Cell::plain(drivers(&c.drivers, false)),
            ]
        })
        .collect();
    Grid {
        headers: vec![
            "commitment",
            "verdict",
            "date",
            "forecast",
            "working days",
            "driven by",
        ],
        rows,
        numeric: vec![],
        flexible: vec![5],
        // The date and its standing say whether it is met; the forecast pair and the
        // verdict's words go first.
        drop_order: vec!["date", "forecast", "verdict", "driven by"],
    }
}

/// The commitments as a markdown table for the pull-request comment.
pub fn markdown(changes: &[CommitmentChange]) -> String {
    let mut out = String::from(
        "| | commitment | verdict | date | forecast | working days | driven by |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for c in changes {
        let icon = match tone(c.verdict) {
            Tone::Bad => "🔴",
            Tone::Warn => "🟡",
            Tone::Good => "🟢",
            _ => "🆕",
        };
        out.push_str(&format!(
            "| {icon} | `{}` | {} | {} | {} | {} | {} |\n",
            c.label(),
            verdict_words(c),
            dates(&c.date, true),
            dates(&c.forecast, false),
            standings(&c.late),
            drivers(&c.drivers, true)
        ));
    }
    out
}
