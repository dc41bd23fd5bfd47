//! The commitments a vendor's open items threaten (SPEC v2): an open item threatens the
//! commitment that binds it when its commitment float is below `[policy] at_risk_days`
//! (what makes it `at_risk` or `slipping`). Per commitment: the least commitment float of
//! the vendor's items it binds, and those items.
use serde::Serialize;

use super::Plan;
use super::check::commitment_label;
use super::records::CommitmentRecord;
use crate::model::Status;
use crate::schedule::late::{Tag, tag_id};

/// One commitment a vendor's open items threaten.
#[derive(Clone, Debug, PartialEq)]
pub struct Threat {
    pub tag: Tag,
    /// `due dfw1-h200-handover`, `ready_by tpe1-h200`, `finish_by`: as tables name it.
    pub label: String,
    /// The least commitment float of the vendor's items that threaten it.
    pub float: i64,
    /// Those items, in the order given.
    pub items: Vec<usize>,
}

/// The least commitment float of the open items; `None` when no commitment binds any.
pub fn least_commitment_float(plan: &Plan, items: &[usize]) -> Option<i64> {
    open(plan, items)
        .filter_map(|i| plan.schedule.items[i].commitment_float)
        .min()
}

/// The commitments the open items threaten, worst first: least float, then the earliest
/// date, then kind (due < ready_by < finish_by), then id.
pub fn threats(plan: &Plan, items: &[usize]) -> Vec<Threat> {
    let at_risk = plan.program.config.policy.at_risk_days;
    let mut out: Vec<Threat> = Vec::new();
    for i in open(plan, items) {
        let it = &plan.schedule.items[i];
        let (Some(tag), Some(float)) = (it.commitment, it.commitment_float) else {
            continue;
        };
        if float >= at_risk {
            continue;
        }
        match out.iter_mut().find(|t| t.tag == tag) {
            Some(t) => {
                t.float = t.float.min(float);
                t.items.push(i);
            }
            None => out.push(Threat {
                tag,
                label: commitment_label(&plan.program, tag),
                float,
                items: vec![i],
            }),
        }
    }
    let p = &plan.program;
    out.sort_by(|a, b| {
        let key = |t: &Threat| (t.float, t.tag.date, t.tag.kind, tag_id(p, &t.tag));
        key(a).cmp(&key(b))
    });
    out
}

fn open<'a>(plan: &'a Plan, items: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    items
        .iter()
        .copied()
        .filter(|&i| plan.program.milestones[i].status != Status::Done)
}

/// A threat in `vendors --format json`: the commitment, the vendor's least commitment
/// float against it and the ids of its items that threaten it.
#[derive(Serialize)]
pub struct ThreatRecord<'a> {
    #[serde(flatten)]
    pub commitment: CommitmentRecord<'a>,
    pub commitment_float: i64,
    pub items: Vec<&'a str>,
}

impl<'a> ThreatRecord<'a> {
    pub fn of(plan: &'a Plan, t: &Threat) -> ThreatRecord<'a> {
        let p = &plan.program;
        ThreatRecord {
            commitment: CommitmentRecord::of(p, &t.tag),
            commitment_float: t.float,
            items: t
                .items
                .iter()
                .map(|&i| p.milestones[i].id.as_str())
                .collect(),
        }
    }
}
