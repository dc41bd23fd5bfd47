//! What a change does to each commitment (`diff`, `check --fail-on-slip`): every
//! `due`, `ready_by` and `finish_by` whose forecast crosses its date in either
//! direction, is missed by more or fewer working days, or whose date was edited, added
//! or removed — worst first, with the changed items that drive it.
use std::collections::HashMap;

use serde::Serialize;

use super::Plan;
use super::commitments::{CommitmentState, commitments, upstream};
use super::diff::{ItemChange, Pair};
use crate::diag::Loc;
use crate::model::{ChangeKind, CommitmentKind, CommitmentVerdict, Date};

/// Drivers listed per commitment at most.
const DRIVERS: usize = 3;

/// A changed item that moves a commitment's forecast, and by how much.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    pub id: String,
    /// Working days its own finish moved (positive = later); `None` for an added item.
    pub delta: Option<i64>,
}

/// One commitment the change affects.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentChange {
    pub kind: CommitmentKind,
    pub id: String,
    pub verdict: CommitmentVerdict,
    /// The committed date at the base and the head.
    pub date: Pair<Date>,
    /// The forecast at the base and the head.
    pub forecast: Pair<Date>,
    /// Working days past the date at the base and the head (negative: days to spare).
    pub late: Pair<i64>,
    /// The changed items that move the forecast the same way, largest move first: the
    /// edited or added ones upstream of the commitment, else the ripples.
    pub drivers: Vec<Driver>,
    /// Where the date is written at the head (the base for a removed commitment).
    #[serde(skip)]
    pub at: Option<Loc>,
}

impl CommitmentChange {
    /// `ready_by dfw1-h200`, `due sjc2-handover`, `finish_by`.
    pub fn label(&self) -> String {
        match self.kind {
            CommitmentKind::FinishBy => "finish_by".to_string(),
            kind => format!("{kind} {}", self.id),
        }
    }

    /// Whether the change makes a missed commitment of it (the slip gate's rule).
    pub fn slips(&self) -> bool {
        matches!(
            self.verdict,
            CommitmentVerdict::NowMissed | CommitmentVerdict::MissedByMore
        )
    }
}

/// The commitments the change affects, worst first (by verdict, then the most working
/// days late at the head, then kind and id).
pub fn commitment_changes(base: &Plan, head: &Plan, items: &[ItemChange]) -> Vec<CommitmentChange> {
    let key = |c: &CommitmentState| (c.kind, c.id.clone());
    let before: HashMap<_, CommitmentState> = commitments(base)
        .into_iter()
        .map(|c| (key(&c), c))
        .collect();
    let after = commitments(head);
    let mut out: Vec<CommitmentChange> = Vec::new();
    for h in &after {
        let b = before.get(&key(h));
        if let Some(verdict) = verdict(b, Some(h)) {
            out.push(change(verdict, b, Some(h), head, items));
        }
    }
    let mut removed: Vec<&CommitmentState> = before
        .values()
        .filter(|b| !after.iter().any(|h| key(h) == key(b)))
        .collect();
    removed.sort_by_key(|b| key(b));
    for b in removed {
        out.push(change(
            CommitmentVerdict::Removed,
            Some(b),
            None,
            base,
            items,
        ));
    }
    out.sort_by(|x, y| {
        (x.verdict, std::cmp::Reverse(x.late.head), x.kind, &x.id).cmp(&(
            y.verdict,
            std::cmp::Reverse(y.late.head),
            y.kind,
            &y.id,
        ))
    });
    out
}

/// The verdict, or `None` when the change did not affect the commitment.
fn verdict(b: Option<&CommitmentState>, h: Option<&CommitmentState>) -> Option<CommitmentVerdict> {
    use CommitmentVerdict::*;
    let (b, h) = match (b, h) {
        (None, Some(h)) => return Some(if h.missed() { NowMissed } else { Added }),
        (Some(_), None) => return Some(Removed),
        (Some(b), Some(h)) => (b, h),
        (None, None) => return None,
    };
    match (b.missed(), h.missed()) {
        (false, true) => Some(NowMissed),
        (true, false) => Some(NowMet),
        (true, true) if h.late > b.late => Some(MissedByMore),
        (true, true) if h.late < b.late => Some(MissedByLess),
        _ if b.date != h.date => Some(DateEdited),
        _ => None,
    }
}

fn change(
    verdict: CommitmentVerdict,
    b: Option<&CommitmentState>,
    h: Option<&CommitmentState>,
    plan: &Plan,
    items: &[ItemChange],
) -> CommitmentChange {
    // Callers pass at least one side.
    let Some(state) = h.or(b) else {
        unreachable!("a commitment change names a commitment on at least one side")
    };
    let moved_later = match (b, h) {
        (Some(b), Some(h)) if h.forecast != b.forecast => Some(h.forecast > b.forecast),
        _ => None,
    };
    CommitmentChange {
        kind: state.kind,
        id: state.id.clone(),
        verdict,
        date: Pair {
            base: b.map(|c| Date(c.date)),
            head: h.map(|c| Date(c.date)),
        },
        forecast: Pair {
            base: b.map(|c| Date(c.forecast)),
            head: h.map(|c| Date(c.forecast)),
        },
        late: Pair {
            base: b.map(|c| c.late),
            head: h.map(|c| c.late),
        },
        drivers: moved_later.map_or_else(Vec::new, |later| drivers(plan, state, items, later)),
        at: state.at.clone(),
    }
}

/// The changed items upstream of the commitment whose finish moved the same way as its
/// forecast: the edited or added ones (the causes) when there are any, else the ripples.
fn drivers(plan: &Plan, state: &CommitmentState, items: &[ItemChange], later: bool) -> Vec<Driver> {
    let up = upstream(plan, &state.items);
    let same_way = |c: &&ItemChange| {
        let moved = match c.finish.delta {
            Some(d) => (later && d > 0) || (!later && d < 0),
            None => later && c.change == ChangeKind::Added,
        };
        moved && plan.program.milestone_index(&c.id).is_some_and(|i| up[i])
    };
    let moved: Vec<&ItemChange> = items.iter().filter(same_way).collect();
    let causes: Vec<&ItemChange> = moved
        .iter()
        .copied()
        .filter(|c| matches!(c.change, ChangeKind::Edited | ChangeKind::Added))
        .collect();
    let mut chosen = if causes.is_empty() { moved } else { causes };
    // Added items first (their whole duration is new), then the largest move.
    chosen.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.finish.delta.map_or(i64::MAX, i64::abs)),
            c.id.clone(),
        )
    });
    chosen
        .into_iter()
        .take(DRIVERS)
        .map(|c| Driver {
            id: c.id.clone(),
            delta: c.finish.delta,
        })
        .collect()
}
