//! Microsoft Project XML (MSPDI), the exchange format that MS Project, ProjectLibre and
//! MPXJ open: the project (name, start, status date = today, 8-hour days), the program's
//! calendars, a summary task per site and per cluster, and one task per milestone with
//! the schedule's dates, its links, constraint, deadline and progress (docs/interop.md
//! has the field mapping).
mod calendars;
mod tasks;
pub mod uid;
mod xml;

use crate::analysis::Plan;
use crate::load::import::fields::{self, MINUTES_PER_DAY};

use xml::{Xml, morning};

/// A row of the task list: a site or cluster summary, or a milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Site(usize),
    Cluster(usize),
    Item(usize),
}

/// A row with its outline level (1 = top) and WBS code (`2.1.3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub node: Node,
    pub level: usize,
    pub wbs: String,
}

/// The task outline of `items` (in topological order): each site with its own items
/// and then its clusters with theirs, in the order they are defined; then the items
/// that belong to no site. Sites and clusters without an item in `items` are left out.
pub fn outline(plan: &Plan, items: &[usize]) -> Vec<Row> {
    let p = &plan.program;
    let mut site_items = vec![Vec::new(); p.sites.len()];
    let mut cluster_items = vec![Vec::new(); p.clusters.len()];
    let mut loose = Vec::new();
    for &i in items {
        let m = &p.milestones[i];
        match (m.cluster, p.site_of(m)) {
            (Some(c), _) => cluster_items[c].push(i),
            (None, Some(s)) => site_items[s].push(i),
            (None, None) => loose.push(i),
        }
    }
    let mut rows = Vec::new();
    let mut top = 0;
    for (s, own) in site_items.iter().enumerate() {
        let clusters: Vec<usize> = (0..p.clusters.len())
            .filter(|&c| p.clusters[c].site == s && !cluster_items[c].is_empty())
            .collect();
        if own.is_empty() && clusters.is_empty() {
            continue;
        }
        top += 1;
        rows.push(Row {
            node: Node::Site(s),
            level: 1,
            wbs: top.to_string(),
        });
        let mut child = 0;
        for &i in own {
            child += 1;
            rows.push(Row {
                node: Node::Item(i),
                level: 2,
                wbs: format!("{top}.{child}"),
            });
        }
        for c in clusters {
            child += 1;
            rows.push(Row {
                node: Node::Cluster(c),
                level: 2,
                wbs: format!("{top}.{child}"),
            });
            for (k, &i) in cluster_items[c].iter().enumerate() {
                rows.push(Row {
                    node: Node::Item(i),
                    level: 3,
                    wbs: format!("{top}.{child}.{}", k + 1),
                });
            }
        }
    }
    for i in loose {
        top += 1;
        rows.push(Row {
            node: Node::Item(i),
            level: 1,
            wbs: top.to_string(),
        });
    }
    rows
}

/// The MSPDI document of `items` (in topological order). Links to items outside
/// `items` are left out.
pub fn render(plan: &Plan, items: &[usize]) -> String {
    let p = &plan.program;
    let today = plan.schedule.today;
    let workdays = p.config.calendar.workdays.iter().filter(|w| **w).count() as i64;
    let mut xml = Xml::new();
    xml.open_with("Project", " xmlns=\"http://schemas.microsoft.com/project\"");
    xml.text("SaveVersion", 14);
    xml.text("Name", &p.config.name);
    xml.text("Title", &p.config.name);
    xml.flag("ScheduleFromStart", true);
    xml.text("StartDate", morning(p.config.start));
    xml.text("FinishDate", xml::evening(plan.schedule.finish));
    xml.text("CalendarUID", calendars::uid(0));
    xml.text("DefaultStartTime", "08:00:00");
    xml.text("DefaultFinishTime", "17:00:00");
    xml.text("MinutesPerDay", MINUTES_PER_DAY);
    xml.text("MinutesPerWeek", MINUTES_PER_DAY * workdays.max(1));
    xml.text("DaysPerMonth", 20);
    xml.text("DurationFormat", 7);
    xml.text("StatusDate", morning(today));
    xml.text("CurrentDate", morning(today));
    xml.flag("NewTasksAreManual", false);
    xml.open("ExtendedAttributes");
    for field in fields::ALL {
        xml.open("ExtendedAttribute");
        xml.text("FieldID", field.id);
        xml.text("FieldName", field.name);
        xml.text("Alias", field.alias);
        xml.close("ExtendedAttribute");
    }
    xml.close("ExtendedAttributes");
    calendars::write(&mut xml, p);
    tasks::write(&mut xml, plan, &outline(plan, items));
    xml.close("Project");
    xml.finish()
}
