//! Microsoft Project XML (MSPDI) → a milepost program. Summary tasks that milepost
//! exported (`milepost:site:…`, `milepost:cluster:…` in the `milepost id` field) become
//! sites and clusters again; any other top-level summary task becomes a file of its own
//! and lends its name to the ids below it where they would clash. Tasks become
//! milestones (docs/interop.md has the whole mapping).
use std::collections::HashMap;

use roxmltree::Node;

pub use super::mspdi_xml::{child, children, date_of, int, text};

use super::fields::{self, Field, ID_PREFIX};
use super::mspdi_calendars::{self, Cal};
use super::mspdi_task::{Task, finish_day, start_day};
use super::{Ids, Imported, PlanFile, Region, WEEKDAYS, is_id, slug};
use super::{mspdi_item, mspdi_summary};
use crate::load::raw::RawVendor;

/// The custom fields the file defines whose alias is one of milepost's, by field id.
fn custom_fields(project: Node<'_, '_>) -> HashMap<i64, Field> {
    let mut out = HashMap::new();
    let Some(list) = child(project, "ExtendedAttributes") else {
        return out;
    };
    for attr in children(list, "ExtendedAttribute") {
        let (Some(id), Some(alias)) = (int(attr, "FieldID"), text(attr, "Alias")) else {
            continue;
        };
        if let Some(f) = fields::ALL
            .iter()
            .find(|f| f.alias.eq_ignore_ascii_case(alias))
        {
            out.insert(id, *f);
        }
    }
    out
}

/// Where the tasks below a summary task go.
#[derive(Clone, Debug)]
pub(super) enum Group {
    Site(usize),
    Cluster(usize),
    Plain(String),
}

/// The state of the import while tasks are read in outline order.
pub(super) struct Build {
    pub(super) imported: Imported,
    files: HashMap<String, usize>,
    pub(super) site_ids: Ids,
    pub(super) cluster_ids: Ids,
    vendor_ids: HashMap<String, String>,
    vendor_taken: Ids,
    item_ids: Ids,
    /// Site ids and their region keys, in the order they were read.
    pub(super) sites: Vec<(String, Option<String>)>,
    /// Cluster ids and their site's index.
    pub(super) clusters: Vec<(String, usize)>,
    /// Calendar UID → `program`, `elapsed` or a region key.
    calendar_keys: HashMap<i64, String>,
    project_calendar: Option<i64>,
}

impl Build {
    pub(super) fn file(&mut self, rel: &str) -> &mut PlanFile {
        let n = self.imported.files.len();
        let i = *self.files.entry(rel.to_string()).or_insert(n);
        if i == n {
            self.imported.files.push(PlanFile {
                rel: rel.to_string(),
                ..PlanFile::default()
            });
        }
        &mut self.imported.files[i]
    }

    pub(super) fn lost(&mut self, line: String) {
        self.imported.lost.push(line);
    }

    /// The id of the vendor written `value` (named `name`), declared on first use.
    pub(super) fn vendor(&mut self, value: &str, name: Option<&str>) -> String {
        if let Some(id) = self.vendor_ids.get(value) {
            return id.clone();
        }
        let base = if is_id(value) {
            value.to_string()
        } else {
            slug(value, "vendor")
        };
        let id = self.vendor_taken.claim(&base);
        self.vendor_ids.insert(value.to_string(), id.clone());
        let name = name
            .map(str::to_string)
            .or_else(|| (value != id).then(|| value.to_string()));
        self.file("vendors.yaml").vendors.push(RawVendor {
            id: id.clone(),
            name,
            category: None,
            timezone: None,
            contact: None,
            lead_time_days: None,
            contract: None,
        });
        id
    }

    /// The milepost name of calendar `uid`, declaring a region for it if needed.
    pub(super) fn calendar_key(&mut self, uid: i64, cals: &HashMap<i64, Cal>) -> Option<String> {
        if Some(uid) == self.project_calendar {
            return Some("program".into());
        }
        if let Some(key) = self.calendar_keys.get(&uid) {
            return Some(key.clone());
        }
        let cal = cals.get(&uid)?;
        let key = if cal.name.eq_ignore_ascii_case("elapsed") {
            "elapsed".to_string()
        } else {
            let mut keys = Ids::default();
            for k in ["program", "elapsed"]
                .into_iter()
                .chain(self.imported.regions.iter().map(|r| r.key.as_str()))
            {
                keys.claim(k);
            }
            let key = keys.claim(&slug(&cal.name, "region").replace('.', "-"));
            self.imported
                .regions
                .push(region(&key, cal, &self.imported));
            key
        };
        self.calendar_keys.insert(uid, key.clone());
        Some(key)
    }
}

/// A region for `cal`: inheriting the program's holidays when it has all of them.
fn region(key: &str, cal: &Cal, program: &Imported) -> Region {
    let inherit = program.holidays.iter().all(|h| cal.holidays.contains(h));
    let holidays = if inherit {
        cal.holidays
            .iter()
            .filter(|h| !program.holidays.contains(h))
            .copied()
            .collect()
    } else {
        cal.holidays.clone()
    };
    Region {
        key: key.to_string(),
        workdays: (cal.workdays != program.workdays).then_some(cal.workdays),
        holidays,
        inherit_holidays: inherit,
    }
}

/// Reads an MSPDI document. `stem` names the program when the file does not.
pub fn read(text_in: &str, stem: &str) -> Result<Imported, String> {
    let doc = roxmltree::Document::parse(text_in).map_err(|e| format!("not XML: {e}"))?;
    let project = doc.root_element();
    if project.tag_name().name() != "Project" {
        return Err(format!(
            "not Microsoft Project XML: the root element is <{}>, not <Project>",
            project.tag_name().name()
        ));
    }
    let mut lost = Vec::new();
    let cals = mspdi_calendars::read(project, &mut lost);
    let project_calendar = int(project, "CalendarUID");
    let program_cal = project_calendar.and_then(|u| cals.get(&u)).cloned();
    let minutes_per_day = int(project, "MinutesPerDay")
        .filter(|m| *m > 0)
        .unwrap_or(480);
    let custom = custom_fields(project);
    let tasks: Vec<Task> = child(project, "Tasks")
        .map(|t| {
            children(t, "Task")
                .filter_map(|n| Task::read(n, &custom))
                .collect()
        })
        .unwrap_or_default();
    let start = date_of(project, "StartDate")
        .or_else(|| tasks.iter().filter_map(|t| t.start).map(start_day).min())
        .ok_or("the file has no project start date and no task with a start")?;
    let name = text(project, "Title")
        .or_else(|| text(project, "Name").map(|n| n.trim_end_matches(".xml")))
        .and_then(super::clean)
        .unwrap_or_else(|| stem.to_string());
    let mut b = Build {
        imported: Imported {
            name,
            start,
            finish_by: tasks
                .iter()
                .find(|t| t.uid == 0 || t.level == 0)
                .and_then(|t| t.deadline)
                .map(finish_day),
            workdays: program_cal.as_ref().map_or(WEEKDAYS, |c| c.workdays),
            holidays: program_cal.map(|c| c.holidays).unwrap_or_default(),
            regions: Vec::new(),
            files: Vec::new(),
            lost,
        },
        files: HashMap::new(),
        site_ids: Ids::default(),
        cluster_ids: Ids::default(),
        vendor_ids: HashMap::new(),
        vendor_taken: Ids::default(),
        item_ids: Ids::default(),
        sites: Vec::new(),
        clusters: Vec::new(),
        calendar_keys: HashMap::new(),
        project_calendar,
    };
    let resources = child(project, "Resources")
        .map(|r| {
            children(r, "Resource")
                .filter(|r| text(*r, "Name").is_some())
                .count()
        })
        .unwrap_or(0);
    let assignments = child(project, "Assignments")
        .map(|a| {
            children(a, "Assignment")
                .filter(|a| int(*a, "ResourceUID").is_some_and(|r| r >= 0))
                .count()
        })
        .unwrap_or(0);
    if resources + assignments > 0 {
        b.lost(format!(
            "{resources} resource(s) and {assignments} assignment(s) are not imported: milepost plans dates, not resources (owners are a text field)"
        ));
    }
    let mut uid_to_id = HashMap::new();
    let mut placed = Vec::new();
    let mut stack: Vec<(i64, Group, String)> = Vec::new();
    for task in &tasks {
        if task.uid == 0 || task.level < 1 || task.null {
            continue;
        }
        if !task.active {
            b.lost(format!("inactive task `{}` is not imported", task.name));
            continue;
        }
        while stack
            .last()
            .is_some_and(|(level, _, _)| *level >= task.level)
        {
            stack.pop();
        }
        if task.summary {
            let entry = mspdi_summary::summary(&mut b, task, &stack, &cals);
            stack.push(entry);
            continue;
        }
        let (rel, site, cluster, prefix) = place(&stack);
        let id = item_id(&mut b, task, prefix.as_deref());
        uid_to_id.insert(task.uid, id.clone());
        placed.push((task, id, rel, site, cluster));
    }
    let file = mspdi_item::File {
        uid_to_id,
        summaries: tasks.iter().filter(|t| t.summary).map(|t| t.uid).collect(),
        cals,
        minutes_per_day,
    };
    for (task, id, rel, site, cluster) in placed {
        let m = mspdi_item::milestone(&mut b, &file, task, id, (site, cluster));
        b.file(&rel).milestones.push(m);
    }
    if b.imported.files.iter().all(|f| f.milestones.is_empty()) {
        return Err("the file has no tasks to import".into());
    }
    Ok(b.imported)
}

/// Where a task under `stack` goes: its file, site, cluster and the nearest group name.
fn place(stack: &[(i64, Group, String)]) -> (String, Option<usize>, Option<usize>, Option<String>) {
    let rel = stack
        .last()
        .map_or_else(|| "program.yaml".to_string(), |(_, _, r)| r.clone());
    let mut site = None;
    let mut cluster = None;
    let mut prefix = None;
    for (_, group, _) in stack.iter().rev() {
        match group {
            Group::Cluster(c) if cluster.is_none() && site.is_none() => cluster = Some(*c),
            Group::Site(s) if site.is_none() && cluster.is_none() => site = Some(*s),
            Group::Plain(p) if prefix.is_none() => prefix = Some(p.clone()),
            _ => {}
        }
    }
    (rel, site, cluster, prefix)
}

/// A task's milestone id: its `milepost:<id>` when present and free, else a slug of
/// its name (with its group's name in front when that is taken), made unique.
fn item_id(b: &mut Build, task: &Task, prefix: Option<&str>) -> String {
    if let Some(id) = task
        .custom
        .get(fields::MILEPOST_ID.alias)
        .and_then(|v| v.strip_prefix(ID_PREFIX))
        && is_id(id)
        && !b.item_ids.has(id)
    {
        return b.item_ids.claim(id);
    }
    let base = slug(&task.name, "task");
    match prefix {
        Some(p) if b.item_ids.has(&base) => b.item_ids.claim(&slug(&format!("{p}-{base}"), "task")),
        _ => b.item_ids.claim(&base),
    }
}
