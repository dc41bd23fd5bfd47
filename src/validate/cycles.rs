//! Dependency cycles: each one reported with every item on it, in order.
use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::NodeIndex;

use crate::diag::{Diag, Seg};
use crate::model::Milestone;
use crate::model::graph;

/// Whether the dependencies form a DAG: Kahn's algorithm over plain vectors, so the
/// usual (acyclic) case costs no graph.
fn acyclic(milestones: &[Milestone]) -> bool {
    let mut indegree: Vec<usize> = milestones.iter().map(|m| m.deps.len()).collect();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); milestones.len()];
    for (i, m) in milestones.iter().enumerate() {
        for d in &m.deps {
            successors[d.pred].push(i);
        }
    }
    let mut ready: Vec<usize> = (0..milestones.len())
        .filter(|&i| indegree[i] == 0)
        .collect();
    let mut seen = 0;
    while let Some(i) = ready.pop() {
        seen += 1;
        for &j in &successors[i] {
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(j);
            }
        }
    }
    seen == milestones.len()
}

/// Reports every dependency cycle (one diagnostic per strongly connected component).
pub fn check(milestones: &[Milestone], diags: &mut Vec<Diag>) {
    if acyclic(milestones) {
        return;
    }
    let g = graph::build(milestones);
    let mut found: Vec<Vec<usize>> = Vec::new();
    for scc in tarjan_scc(&g) {
        let members: Vec<usize> = scc.iter().map(|n| n.index()).collect();
        let is_cycle = members.len() > 1 || g.find_edge(scc[0], scc[0]).is_some();
        if is_cycle {
            found.push(cycle_in(&g, milestones, &members));
        }
    }
    found.sort_by(|a, b| milestones[a[0]].id.cmp(&milestones[b[0]].id));
    for cycle in found {
        diags.push(report(milestones, &cycle));
    }
}

/// One cycle through the component's smallest id, found by breadth-first search.
fn cycle_in(g: &graph::Graph, milestones: &[Milestone], members: &[usize]) -> Vec<usize> {
    let start = *members
        .iter()
        .min_by(|a, b| milestones[**a].id.cmp(&milestones[**b].id))
        .unwrap_or(&members[0]);
    let mut parent: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut next: Vec<usize> = g
            .neighbors_directed(NodeIndex::new(n), Direction::Outgoing)
            .map(|x| x.index())
            .filter(|x| members.contains(x))
            .collect();
        next.sort_by(|a, b| milestones[*a].id.cmp(&milestones[*b].id));
        for x in next {
            if x == start {
                let mut path = vec![n];
                let mut cur = n;
                while let Some(&p) = parent.get(&cur) {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return path;
            }
            if x != start && !parent.contains_key(&x) {
                parent.insert(x, n);
                queue.push_back(x);
            }
        }
    }
    vec![start]
}

fn report(milestones: &[Milestone], cycle: &[usize]) -> Diag {
    let mut names: Vec<&str> = cycle.iter().map(|i| milestones[*i].id.as_str()).collect();
    names.push(&milestones[cycle[0]].id);
    // Point at the edge closing the cycle: the last item's successor (the first) lists it.
    let last = cycle[cycle.len() - 1];
    let first = &milestones[cycle[0]];
    let dep = first
        .deps
        .iter()
        .find(|d| d.pred == last)
        .map_or(0, |d| d.index);
    let message = if cycle.len() == 1 {
        format!("`{}` depends on itself", first.id)
    } else {
        format!("dependency cycle: {}", names.join(" → "))
    };
    Diag::error("cycle", message)
        .at(first.origin.at(&[Seg::Key("depends_on"), Seg::Index(dep), Seg::Key("id")]))
        .label(format!("`{}` depends on `{}`, closing the cycle", first.id, milestones[last].id))
        .help(format!("{} items are on this cycle; each must finish before the next can start, so none can be scheduled. Remove one of these dependencies", cycle.len()))
}
