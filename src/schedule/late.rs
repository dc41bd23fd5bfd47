//! The backward pass (SPEC §2): late dates from the program finish and the commitments,
//! and — run again without the program finish — commitment float and the commitment
//! that binds each item.
use std::cmp::Ordering;

use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::ScheduleError;
use crate::calendar::{Calendar, Edge, carry_upper};
use crate::model::graph::Graph;
use crate::model::{CommitmentKind, Program, Relation, Status};

/// A commitment: where a "finish by" bound comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub kind: CommitmentKind,
    pub date: NaiveDate,
    /// The milestone (`due`) or cluster (`ready_by`) index; 0 for `finish_by`.
    pub owner: usize,
}

/// A late boundary and the commitment it comes from (`None`: the program finish).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bound {
    pub value: i64,
    pub tag: Option<Tag>,
    /// The successor the bound came through (`None`: the item's own).
    pub via: Option<usize>,
}

/// One item's late start and finish boundaries; `None` where nothing bounds them
/// (and late start for work in progress, whose start already happened).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Late {
    pub ls: Option<Bound>,
    pub lf: Option<Bound>,
}

/// The backward pass over `order` (topological), bounded by the program finish `p`
/// when given, and always by the commitments (SPEC §2).
pub fn pass(
    program: &Program,
    graph: &Graph,
    order: &[usize],
    p: Option<NaiveDate>,
) -> Result<Vec<Late>, ScheduleError> {
    let mut late = vec![Late::default(); program.milestones.len()];
    let meet = |a: Option<Bound>, b: Option<Bound>| meet(program, a, b);
    for &i in order.iter().rev() {
        let m = &program.milestones[i];
        if m.status == Status::Done {
            continue;
        }
        let cal = &program.calendars[m.calendar];
        let out_of_range = || ScheduleError::OutOfRange { id: m.id.clone() };
        let mut lf = p.map(|p| Bound {
            value: cal.finish_by(p),
            tag: None,
            via: None,
        });
        for tag in commitments(program, i) {
            let bound = Bound {
                value: cal.finish_by(tag.date),
                tag: Some(tag),
                via: None,
            };
            lf = meet(lf, Some(bound));
        }
        let mut ls_cap: Option<Bound> = None;
        for e in graph.edges_directed(NodeIndex::new(i), Direction::Outgoing) {
            let y = e.target().index();
            if program.milestones[y].status != Status::NotStarted {
                continue;
            }
            let link = e.weight();
            // SS and SF bind the predecessor's start, FS and FF its finish.
            let binds_start = starts(link.relation);
            // An in-progress item's start already satisfied its SS/SF successors.
            if binds_start && m.status == Status::InProgress {
                continue;
            }
            let from = match link.relation {
                Relation::Fs | Relation::Ss => late[y].ls,
                Relation::Ff | Relation::Sf => late[y].lf,
            };
            let Some(from) = from else { continue };
            // A milestone event is an instant: its start carries like its finish.
            let edge = if binds_start && !m.is_event() {
                Edge::Start
            } else {
                Edge::Finish
            };
            let to = &program.calendars[program.milestones[y].calendar];
            let value = carry(to, cal, from.value - link.lag, edge).ok_or_else(out_of_range)?;
            let bound = Some(Bound {
                value,
                tag: from.tag,
                via: Some(y),
            });
            if binds_start {
                ls_cap = meet(ls_cap, bound);
            } else {
                lf = meet(lf, bound);
            }
        }
        late[i] = match m.status {
            Status::InProgress => Late { ls: None, lf },
            _ => {
                let ls = meet(lf.map(|b| shift(b, -m.duration)), ls_cap);
                Late {
                    ls,
                    lf: ls.map(|b| shift(b, m.duration)),
                }
            }
        };
    }
    Ok(late)
}

/// Whether a relation leaves from the predecessor's start (SS, SF).
fn starts(relation: Relation) -> bool {
    matches!(relation, Relation::Ss | Relation::Sf)
}

fn shift(b: Bound, by: i64) -> Bound {
    Bound {
        value: b.value + by,
        ..b
    }
}

/// Carries a late bound of calendar `to` (the successor's) back into `cal`.
fn carry(to: &Calendar, cal: &Calendar, value: i64, edge: Edge) -> Option<i64> {
    if std::ptr::eq(to, cal) {
        Some(value)
    } else {
        carry_upper(to, cal, value, edge)
    }
}

/// The commitments on item `i`: its `due`, its cluster's `ready_by`, the program's
/// `finish_by`.
pub fn commitments(program: &Program, i: usize) -> impl Iterator<Item = Tag> {
    let m = &program.milestones[i];
    let due = m.due.map(|date| Tag {
        kind: CommitmentKind::Due,
        date,
        owner: i,
    });
    let ready_by = m.cluster.and_then(|c| {
        program.clusters[c].ready_by.map(|date| Tag {
            kind: CommitmentKind::ReadyBy,
            date,
            owner: c,
        })
    });
    let finish_by = program.config.finish_by.map(|date| Tag {
        kind: CommitmentKind::FinishBy,
        date,
        owner: 0,
    });
    [due, ready_by, finish_by].into_iter().flatten()
}

/// The id a commitment is known by: the milestone's or cluster's; none for `finish_by`.
pub fn tag_id<'p>(program: &'p Program, tag: &Tag) -> Option<&'p str> {
    match tag.kind {
        CommitmentKind::Due => Some(program.milestones[tag.owner].id.as_str()),
        CommitmentKind::ReadyBy => Some(program.clusters[tag.owner].id.as_str()),
        CommitmentKind::FinishBy => None,
    }
}

/// The smaller bound; on an exact tie the commitment with the earliest date, then kind
/// (due < ready_by < finish_by), then the smallest id (SPEC §2 "Commitment float").
fn meet(program: &Program, a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (Some(a), Some(b)) => Some(match a.value.cmp(&b.value) {
            Ordering::Less => a,
            Ordering::Greater => b,
            Ordering::Equal => {
                let key = |t: &Tag| (t.date, t.kind, tag_id(program, t));
                // The same commitment through two successors: the path through the
                // smaller id, so that nothing depends on the order of the files.
                let via = |x: &Bound| x.via.map(|v| program.milestones[v].id.as_str());
                match (a.tag, b.tag) {
                    (Some(x), Some(y)) if key(&y) < key(&x) => b,
                    (Some(x), Some(y)) if key(&y) == key(&x) && via(&b) < via(&a) => b,
                    (None, Some(_)) => b,
                    _ => a,
                }
            }
        }),
        (a, None) => a,
        (None, b) => b,
    }
}
