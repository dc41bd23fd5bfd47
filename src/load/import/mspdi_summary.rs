//! An MSPDI summary task → a site or cluster that milepost exported (its
//! `milepost:site:…` / `milepost:cluster:…` id), or a group whose tasks share a file
//! (a top-level group names the file) and, where ids clash, lend it its name.
use std::collections::HashMap;

use super::fields::{self, ID_PREFIX};
use super::mspdi::{Build, Group};
use super::mspdi_calendars::Cal;
use super::mspdi_task::{Task, finish_day};
use super::{Ids, is_id, slug};
use crate::load::raw::{RawCluster, RawSite};

/// The outline entry of a summary task: a site or cluster milepost exported, or a
/// group whose tasks share a file (a top-level one names it).
pub(super) fn summary(
    b: &mut Build,
    task: &Task,
    stack: &[(i64, Group, String)],
    cals: &HashMap<i64, Cal>,
) -> (i64, Group, String) {
    let marker = task
        .custom
        .get(fields::MILEPOST_ID.alias)
        .and_then(|v| v.strip_prefix(ID_PREFIX))
        .map(str::to_string);
    let parent_site = stack.iter().rev().find_map(|(_, g, _)| match g {
        Group::Site(s) => Some(*s),
        _ => None,
    });
    let own_id = |ids: &mut Ids, id: &str| {
        let base = if is_id(id) {
            id.to_string()
        } else {
            slug(id, "x")
        };
        ids.claim(&base)
    };
    if let Some(id) = marker.as_deref().and_then(|m| m.strip_prefix("site:")) {
        let id = own_id(&mut b.site_ids, id);
        let region = task
            .calendar
            .and_then(|u| b.calendar_key(u, cals))
            .filter(|k| k != "program" && k != "elapsed");
        b.file("sites.yaml").sites.push(RawSite {
            id: id.clone(),
            name: super::clean(&task.name).filter(|n| *n != id),
            region: region.clone(),
            timezone: None,
            partner: None,
            power_mw: None,
            country: None,
        });
        b.sites.push((id.clone(), region));
        return (
            task.level,
            Group::Site(b.sites.len() - 1),
            format!("sites/{id}.yaml"),
        );
    }
    if let (Some(id), Some(site)) = (
        marker.as_deref().and_then(|m| m.strip_prefix("cluster:")),
        parent_site,
    ) {
        let id = own_id(&mut b.cluster_ids, id);
        // The export names a cluster `id (gpu)`.
        let gpu = task
            .name
            .strip_prefix(&format!("{id} ("))
            .and_then(|r| r.strip_suffix(')'))
            .map(str::to_string);
        let rel = format!("clusters/{id}.yaml");
        let site_id = b.sites[site].0.clone();
        b.file(&rel).clusters.push(RawCluster {
            id: id.clone(),
            site: site_id,
            gpu,
            gpus: None,
            lifecycle: None,
            allocated_gpus: None,
            ready_by: task.deadline.map(|d| crate::load::raw::Date(finish_day(d))),
            retire_by: None,
            customer: None,
        });
        b.clusters.push((id, site));
        return (task.level, Group::Cluster(b.clusters.len() - 1), rel);
    }
    if task.deadline.is_some() {
        b.lost(format!(
            "the deadline of summary task `{}` is not imported (milepost commits dates on milestones, clusters and the program)",
            task.name
        ));
    }
    if !task.links.is_empty() {
        b.lost(format!(
            "the links of summary task `{}` are not imported (milepost links milestones only)",
            task.name
        ));
    }
    let group = slug(&task.name, "group");
    let rel = match stack.last() {
        Some((_, _, rel)) => rel.clone(),
        None => format!("{group}.yaml"),
    };
    (task.level, Group::Plain(group), rel)
}
