//! What drives an item: the chain of predecessors that set its early start.
use crate::schedule::Driver;

use super::Plan;

/// The driving chain ending at `item`: `[first driver, ..., item]`, following each
/// item's driving dependency back until a date bound or actual progress sets it.
pub fn driving_chain(plan: &Plan, item: usize) -> Vec<usize> {
    let mut chain = vec![item];
    let mut current = item;
    while let Driver::Dep(k) = plan.schedule.items[current].driver {
        current = plan.program.milestones[current].deps[k].pred;
        if chain.contains(&current) {
            break;
        }
        chain.push(current);
    }
    chain.reverse();
    chain
}

/// The direct successors of `item`, in topological order.
pub fn successors(plan: &Plan, item: usize) -> Vec<usize> {
    plan.in_order()
        .filter(|&i| {
            plan.program.milestones[i]
                .deps
                .iter()
                .any(|d| d.pred == item)
        })
        .collect()
}
