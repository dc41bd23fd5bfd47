//! The schedule as a bounded timeline for a Gantt chart: one bar per item when there
//! are few, else one bar per phase (kind of work) of each cluster plus the critical
//! path, with the clusters in the worst state kept and the rest folded into a note.
use std::cmp::Reverse;

use chrono::NaiveDate;

use super::Plan;
use crate::model::{Kind, Status};

/// Up to this many items in scope, the chart has one bar per item.
pub const ITEM_ROWS: usize = 40;
/// In the phase view, at most this many groups (clusters, site work, program).
pub const GROUP_CAP: usize = 10;
/// At most this many items in the critical-path section of the phase view.
pub const CRITICAL_ROWS: usize = 15;
/// Bar labels are cut to this many characters.
const LABEL_CHARS: usize = 48;

/// One bar (or milestone diamond).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub milestone: bool,
    pub crit: bool,
    pub done: bool,
    pub active: bool,
}

/// A titled group of bars.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The chart: its sections and what was folded away.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Timeline {
    pub sections: Vec<Section>,
    /// One bar per phase (kind of work) of each group, rather than one per item.
    pub phases: bool,
    /// The items charted, in all.
    pub items: usize,
    /// Groups (clusters, site work, program) left out of the phase view, and their items.
    pub folded_groups: usize,
    pub folded_items: usize,
    /// Items on the critical path, and how many of them the chart shows.
    pub critical: usize,
    pub critical_shown: usize,
}

/// What items are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Cluster(usize),
    Site(usize),
    Program,
}

fn group_of(plan: &Plan, i: usize) -> Group {
    let m = &plan.program.milestones[i];
    match (m.cluster, m.site) {
        (Some(c), _) => Group::Cluster(c),
        (None, Some(s)) => Group::Site(s),
        (None, None) => Group::Program,
    }
}

fn title(plan: &Plan, g: Group) -> String {
    let p = &plan.program;
    match g {
        Group::Cluster(c) => p.clusters[c].id.clone(),
        Group::Site(s) => format!("{} site work", p.sites[s].id),
        Group::Program => "Program".into(),
    }
}

/// Cuts `text` to [`LABEL_CHARS`] characters with `…`.
pub fn cut(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(LABEL_CHARS - 1).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

fn item_bar(plan: &Plan, i: usize) -> Bar {
    let m = &plan.program.milestones[i];
    let it = &plan.schedule.items[i];
    Bar {
        label: cut(&m.name),
        start: it.start,
        finish: it.finish,
        milestone: m.is_event(),
        crit: plan.assessments[i].critical,
        done: m.status == Status::Done,
        active: m.status == Status::InProgress,
    }
}

/// One bar spanning `items` (all of one kind in one group).
fn phase_bar(plan: &Plan, kind: Kind, items: &[usize]) -> Option<Bar> {
    if let [only] = items {
        return Some(item_bar(plan, *only));
    }
    let p = &plan.program;
    let sched = &plan.schedule.items;
    let start = items.iter().map(|&i| sched[i].start).min()?;
    let finish = items.iter().map(|&i| sched[i].finish).max()?;
    let done = items
        .iter()
        .filter(|&&i| p.milestones[i].status == Status::Done)
        .count();
    let name = kind.as_str();
    let mut label: String = name[..1].to_uppercase() + &name[1..];
    label.push_str(&format!(" ({} items)", items.len()));
    Some(Bar {
        label,
        start,
        finish,
        milestone: start == finish && items.iter().all(|&i| p.milestones[i].is_event()),
        crit: items.iter().any(|&i| plan.assessments[i].critical),
        done: done == items.len(),
        active: done < items.len()
            && items
                .iter()
                .any(|&i| p.milestones[i].status != Status::NotStarted),
    })
}

/// Builds the timeline of `items` (in topological order).
pub fn build(plan: &Plan, items: &[usize]) -> Timeline {
    let mut groups: Vec<(Group, Vec<usize>)> = Vec::new();
    let mut sorted: Vec<(Group, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(rank, &i)| (group_of(plan, i), rank, i))
        .collect();
    sorted.sort_unstable();
    for (g, _, i) in sorted {
        match groups.last_mut() {
            Some((last, list)) if *last == g => list.push(i),
            _ => groups.push((g, vec![i])),
        }
    }
    let start_order = |list: &mut Vec<usize>| {
        list.sort_by_key(|&i| (plan.schedule.items[i].start, plan.schedule.items[i].finish));
    };
    if items.len() <= ITEM_ROWS {
        let sections = groups
            .into_iter()
            .map(|(g, mut list)| {
                start_order(&mut list);
                Section {
                    title: title(plan, g),
                    bars: list.iter().map(|&i| item_bar(plan, i)).collect(),
                }
            })
            .collect();
        return Timeline {
            sections,
            items: items.len(),
            ..Timeline::default()
        };
    }
    let mut timeline = Timeline {
        phases: true,
        items: items.len(),
        ..Timeline::default()
    };
    if groups.len() > GROUP_CAP {
        let total = groups.len();
        groups = fold(plan, groups);
        timeline.folded_groups = total - groups.len();
        timeline.folded_items = items.len() - groups.iter().map(|(_, l)| l.len()).sum::<usize>();
    }
    let mut sections: Vec<Section> = groups
        .iter()
        .map(|(g, list)| {
            let mut bars: Vec<Bar> = Kind::ALL
                .iter()
                .filter_map(|&k| {
                    let of_kind: Vec<usize> = list
                        .iter()
                        .copied()
                        .filter(|&i| plan.program.milestones[i].kind == k)
                        .collect();
                    phase_bar(plan, k, &of_kind)
                })
                .collect();
            bars.sort_by_key(|b| (b.start, b.finish));
            Section {
                title: title(plan, *g),
                bars,
            }
        })
        .collect();
    let in_scope: rustc_hash::FxHashSet<usize> = items.iter().copied().collect();
    let path: Vec<usize> = plan
        .critical_path()
        .into_iter()
        .filter(|i| in_scope.contains(i))
        .collect();
    if !path.is_empty() {
        sections.push(Section {
            title: "Critical path".into(),
            bars: path
                .iter()
                .take(CRITICAL_ROWS)
                .map(|&i| item_bar(plan, i))
                .collect(),
        });
    }
    timeline.critical = path.len();
    timeline.critical_shown = path.len().min(CRITICAL_ROWS);
    timeline.sections = sections;
    timeline
}

/// Keeps the [`GROUP_CAP`] groups in the worst state (worst health, then most negative
/// float, then the latest finish), in their original order.
fn fold(plan: &Plan, groups: Vec<(Group, Vec<usize>)>) -> Vec<(Group, Vec<usize>)> {
    let badness = |list: &Vec<usize>| {
        let worst = list.iter().map(|&i| plan.assessments[i].health).max();
        let float = list
            .iter()
            .filter_map(|&i| plan.schedule.items[i].total_float)
            .min()
            .unwrap_or(i64::MAX);
        let finish = list.iter().map(|&i| plan.schedule.items[i].finish).max();
        (Reverse(worst), float, Reverse(finish))
    };
    let mut ranked: Vec<usize> = (0..groups.len()).collect();
    ranked.sort_by_key(|&n| (badness(&groups[n].1), n));
    let mut keep = vec![false; groups.len()];
    for &n in ranked.iter().take(GROUP_CAP) {
        keep[n] = true;
    }
    groups
        .into_iter()
        .enumerate()
        .filter(|(n, _)| keep[*n])
        .map(|(_, g)| g)
        .collect()
}
