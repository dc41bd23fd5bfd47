//! What a report covers: the whole program, one site, or one cluster. A scope narrows
//! what is counted and shown, never the schedule (SPEC §3: filters narrow the list).
use crate::model::Program;

use super::Plan;

/// The whole program (`Scope::default()`), a site, or a cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub site: Option<usize>,
    pub cluster: Option<usize>,
}

impl Scope {
    /// Whether this is the whole program.
    pub fn is_all(&self) -> bool {
        self.site.is_none() && self.cluster.is_none()
    }

    /// Whether milestone `i` is in scope: at the site (directly or through its cluster)
    /// and of the cluster.
    pub fn item(&self, p: &Program, i: usize) -> bool {
        let m = &p.milestones[i];
        self.site.is_none_or(|s| p.site_of(m) == Some(s))
            && self.cluster.is_none_or(|c| m.cluster == Some(c))
    }

    /// Whether cluster `c` is in scope.
    pub fn cluster(&self, p: &Program, c: usize) -> bool {
        self.cluster.is_none_or(|x| x == c) && self.site.is_none_or(|s| p.clusters[c].site == s)
    }

    /// Whether site `s` is in scope (a cluster scope covers its site's share only).
    pub fn site(&self, p: &Program, s: usize) -> bool {
        self.site.is_none_or(|x| x == s) && self.cluster.is_none_or(|c| p.clusters[c].site == s)
    }

    /// The items in scope, in topological order.
    pub fn items(&self, plan: &Plan) -> Vec<usize> {
        plan.in_order()
            .filter(|&i| self.item(&plan.program, i))
            .collect()
    }

    /// The calendar that counts this scope's working days: the cluster's or site's,
    /// else the program calendar.
    pub fn calendar(&self, p: &Program) -> usize {
        match (self.cluster, self.site) {
            (Some(c), _) => p.sites[p.clusters[c].site].calendar,
            (None, Some(s)) => p.sites[s].calendar,
            (None, None) => 0,
        }
    }

    /// `cluster dfw1-h200`, `site dfw1 (Dallas DFW1)`, or `None` for the whole program.
    pub fn label(&self, p: &Program) -> Option<String> {
        match (self.cluster, self.site) {
            (Some(c), _) => Some(format!("cluster {}", p.clusters[c].id)),
            (None, Some(s)) => {
                let site = &p.sites[s];
                Some(if site.name.is_empty() || site.name == site.id {
                    format!("site {}", site.id)
                } else {
                    format!("site {} ({})", site.id, site.name)
                })
            }
            (None, None) => None,
        }
    }
}
