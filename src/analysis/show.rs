//! `show`: everything about one item, what drives it and what it drives.
use serde::Serialize;

use super::records::MilestoneRecord;
use super::{Plan, drivers};
use crate::schedule::Driver;

/// `show --format json`: the item's SPEC §3 record and its context.
#[derive(Serialize)]
pub struct ShowView<'a> {
    #[serde(flatten)]
    pub milestone: MilestoneRecord<'a>,
    pub kind: &'static str,
    /// Where the item is written (`clusters/dfw1-h200.yaml:12:5`).
    pub file: String,
    pub driver: String,
    pub driving_chain: Vec<&'a str>,
    /// From the item to the milestone its commitment is on (the item alone when the
    /// commitment is its own; empty without one).
    pub commitment_chain: Vec<&'a str>,
    pub predecessors: Vec<&'a str>,
    pub successors: Vec<&'a str>,
    pub notes: Option<&'a str>,
    pub links: &'a [String],
}

impl<'a> ShowView<'a> {
    /// Item `i`, written at `file`.
    pub fn new(plan: &'a Plan, i: usize, file: String) -> ShowView<'a> {
        let p = &plan.program;
        let m = &p.milestones[i];
        let id = |j: &usize| p.milestones[*j].id.as_str();
        ShowView {
            milestone: MilestoneRecord::of(plan, i),
            kind: m.kind.as_str(),
            file,
            driver: driver_text(plan, i),
            driving_chain: drivers::driving_chain(plan, i).iter().map(id).collect(),
            commitment_chain: commitment_chain(plan, i).iter().map(id).collect(),
            predecessors: m.deps.iter().map(|d| id(&d.pred)).collect(),
            successors: drivers::successors(plan, i).iter().map(id).collect(),
            notes: m.notes.as_deref(),
            links: &m.links,
        }
    }
}

/// The chain from item `i`, successor by successor, to the milestone whose commitment
/// binds it.
fn commitment_chain(plan: &Plan, i: usize) -> Vec<usize> {
    let items = &plan.schedule.items;
    if items[i].commitment.is_none() {
        return Vec::new();
    }
    let mut chain = vec![i];
    let mut at = i;
    while let Some(next) = items[at].commitment_via {
        if chain.contains(&next) {
            break;
        }
        chain.push(next);
        at = next;
    }
    chain
}

/// Why the item starts when it does, in words.
fn driver_text(plan: &Plan, i: usize) -> String {
    let p = &plan.program;
    let m = &p.milestones[i];
    match plan.schedule.items[i].driver {
        Driver::Actual => "actual progress".into(),
        Driver::ProgramStart => format!("the program start ({})", p.config.start),
        Driver::Today => format!("today ({}): not started yet", plan.schedule.today),
        Driver::StartNoEarlier => format!(
            "start_no_earlier ({})",
            m.start_no_earlier
                .map(|d| d.to_string())
                .unwrap_or_default()
        ),
        Driver::Dep(k) => {
            let d = &m.deps[k];
            let lag = if d.lag == 0 {
                String::new()
            } else {
                format!(", lag {}", d.lag)
            };
            format!("{} ({}{lag})", p.milestones[d.pred].id, d.relation)
        }
    }
}
