//! The dependency graph (petgraph): node i is milestone i, an edge runs from a
//! predecessor to its successor and carries the relation and lag.
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Milestone, Relation};

/// A relation on an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub relation: Relation,
    pub lag: i64,
}

/// The dependency graph of a program.
pub type Graph = DiGraph<(), Link, u32>;

/// Builds the graph; node indices equal milestone indices.
pub fn build(milestones: &[Milestone]) -> Graph {
    let edges: usize = milestones.iter().map(|m| m.deps.len()).sum();
    let mut graph = Graph::with_capacity(milestones.len(), edges);
    for _ in milestones {
        graph.add_node(());
    }
    for (i, m) in milestones.iter().enumerate() {
        for d in &m.deps {
            graph.add_edge(
                NodeIndex::new(d.pred),
                NodeIndex::new(i),
                Link {
                    relation: d.relation,
                    lag: d.lag,
                },
            );
        }
    }
    graph
}

/// Topological order with ties broken by id (Kahn's algorithm over an id-ordered heap),
/// so output order never depends on file or hash order. `None` on a cycle.
pub fn topo_order(graph: &Graph, milestones: &[Milestone]) -> Option<Vec<usize>> {
    let n = milestones.len();
    let mut by_id: Vec<usize> = (0..n).collect();
    by_id.sort_unstable_by(|a, b| milestones[*a].id.cmp(&milestones[*b].id));
    let mut rank = vec![0u32; n];
    for (r, &i) in by_id.iter().enumerate() {
        rank[i] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    let mut indegree: Vec<u32> = (0..n)
        .map(|i| {
            u32::try_from(
                graph
                    .edges_directed(NodeIndex::new(i), Direction::Incoming)
                    .count(),
            )
            .unwrap_or(u32::MAX)
        })
        .collect();
    let mut ready: BinaryHeap<Reverse<(u32, u32)>> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| Reverse((rank[i], i as u32)))
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        order.push(i as usize);
        for next in graph.neighbors_directed(NodeIndex::new(i as usize), Direction::Outgoing) {
            let j = next.index();
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(Reverse((rank[j], j as u32)));
            }
        }
    }
    (order.len() == n).then_some(order)
}

/// Which items are `from` or follow it, directly or not (its successors' closure).
pub fn downstream(graph: &Graph, from: usize) -> Vec<bool> {
    let mut seen = vec![false; graph.node_count()];
    let mut stack = vec![from];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(
            graph
                .neighbors_directed(
                    petgraph::graph::NodeIndex::new(i),
                    petgraph::Direction::Outgoing,
                )
                .map(|n| n.index())
                .filter(|&n| !seen[n]),
        );
    }
    seen
}

/// Whether `order` lists every milestone once with each predecessor before its
/// successors. (Ties by id are the caller's promise: the ids are those it was made for.)
pub fn is_topo_order(order: &[usize], milestones: &[Milestone]) -> bool {
    let mut position = vec![usize::MAX; milestones.len()];
    for (p, &i) in order.iter().enumerate() {
        match position.get_mut(i) {
            Some(slot) if *slot == usize::MAX => *slot = p,
            _ => return false,
        }
    }
    order.len() == milestones.len()
        && milestones.iter().enumerate().all(|(i, m)| {
            m.deps
                .iter()
                .all(|d| position.get(d.pred).is_some_and(|&p| p < position[i]))
        })
}
