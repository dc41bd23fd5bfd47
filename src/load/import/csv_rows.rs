//! CSV rows → milestones, and the sites, clusters and vendors they name: every bad
//! value and dangling reference is reported with its line, all at once.
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::csv::dependency;
use super::{Imported, PlanFile, WEEKDAYS, clean, is_id, milestone};
use crate::load::raw::{
    Date, Kind, RawCluster, RawMilestone, RawSite, RawVendor, Status, parse_date,
};

/// One row's values by column.
struct Row<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<&'static str, usize>,
    line: u64,
    errors: Vec<String>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> Option<String> {
        let i = *self.columns.get(column)?;
        self.record.get(i).and_then(clean)
    }

    fn error(&mut self, message: String) {
        self.errors.push(format!("line {}: {message}", self.line));
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let text = self.get(column)?;
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(format!("{column}: {e}"));
                None
            }
        }
    }

    fn id(&mut self, column: &str) -> Option<String> {
        let text = self.get(column)?;
        if is_id(&text) {
            Some(text)
        } else {
            self.error(format!(
                "{column} `{text}` is not a milepost id (lowercase letters, digits, `.`, `_`, `-`; at most 64)"
            ));
            None
        }
    }
}

/// Builds the program from the rows (line, record); `errors` holds those found so far.
pub fn build(
    rows: &[(u64, csv::StringRecord)],
    columns: &HashMap<&'static str, usize>,
    stem: &str,
    start: Option<NaiveDate>,
    today: NaiveDate,
    mut errors: Vec<String>,
) -> Result<Imported, Vec<String>> {
    let mut items: Vec<(u64, RawMilestone)> = Vec::new();
    let mut lines: HashMap<String, u64> = HashMap::new();
    // Cluster → (its site, the line that said so).
    let mut cluster_site: BTreeMap<String, Option<(String, u64)>> = BTreeMap::new();
    let mut sites: BTreeMap<String, ()> = BTreeMap::new();
    let mut vendors: BTreeMap<String, ()> = BTreeMap::new();
    let mut earliest = today;
    for (line, record) in rows {
        let mut row = Row {
            record,
            columns,
            line: *line,
            errors: Vec::new(),
        };
        let Some(id) = row.get("id") else {
            row.error("no id".into());
            errors.append(&mut row.errors);
            continue;
        };
        if !is_id(&id) {
            row.error(format!(
                "id `{id}` is not a milepost id (lowercase letters, digits, `.`, `_`, `-`; at most 64)"
            ));
        } else if let Some(first) = lines.insert(id.clone(), *line) {
            row.error(format!("id `{id}` is also on line {first}"));
        }
        let mut m = milestone(id.clone());
        m.name = row.get("name");
        if let Some(d) = row.get("duration") {
            match d.parse::<i64>() {
                Ok(n) if n >= 0 => m.duration = (n > 0).then_some(n),
                _ => row.error(format!(
                    "duration `{d}` is not a whole number of days (0 or more)"
                )),
            }
        }
        if let Some(deps) = row.get("depends_on") {
            let mut list = Vec::new();
            for entry in deps.split([';', ',', ' ', '\t']).filter(|e| !e.is_empty()) {
                match dependency(entry) {
                    Ok(d) => list.push(d),
                    Err(e) => row.error(e),
                }
            }
            m.depends_on = (!list.is_empty()).then_some(list);
        }
        m.due = row.date("due").map(Date);
        m.start_no_earlier = row.date("start_no_earlier").map(Date);
        m.started = row.date("started").map(Date);
        m.finished = row.date("finished").map(Date);
        for d in [m.start_no_earlier, m.started, m.finished]
            .into_iter()
            .flatten()
        {
            earliest = earliest.min(d.0);
        }
        if let Some(s) = row.get("status") {
            match s.parse::<Status>() {
                Ok(status) => m.status = Some(status),
                Err(e) => row.error(e),
            }
        }
        // Only where the date is missing: a bad one is reported already.
        match m.status {
            Some(Status::InProgress) if row.get("started").is_none() => {
                row.error("status in_progress needs `started`".into())
            }
            Some(Status::Done) if row.get("finished").is_none() => {
                row.error("status done needs `finished`".into())
            }
            _ => {}
        }
        if let Some(k) = row.get("kind") {
            match k.parse::<Kind>() {
                Ok(kind) => m.kind = (kind != Kind::default()).then_some(kind),
                Err(e) => row.error(e),
            }
        }
        m.owner = row.get("owner");
        m.vendor = row.id("vendor");
        if let Some(v) = &m.vendor {
            vendors.insert(v.clone(), ());
        }
        let site = row.id("site");
        let cluster = row.id("cluster");
        if let Some(s) = &site {
            sites.insert(s.clone(), ());
        }
        match (&cluster, &site) {
            (Some(c), s) => {
                let known = cluster_site.entry(c.clone()).or_insert(None);
                match (known.clone(), s) {
                    (None, Some(s)) => *known = Some((s.clone(), *line)),
                    (Some((k, at)), Some(s)) if k != *s => row.error(format!(
                        "cluster `{c}` is at site `{k}` (line {at}), not `{s}`"
                    )),
                    _ => {}
                }
                m.cluster = Some(c.clone());
            }
            (None, s) => m.site = s.clone(),
        }
        errors.append(&mut row.errors);
        items.push((*line, m));
    }
    for (line, m) in &items {
        for d in m.depends_on.iter().flatten() {
            if !lines.contains_key(&d.id) {
                errors.push(format!(
                    "line {line}: depends on `{}`, which no row has",
                    d.id
                ));
            }
        }
    }
    for (c, site) in &cluster_site {
        if site.is_none() {
            let line = items
                .iter()
                .find(|(_, m)| m.cluster.as_deref() == Some(c.as_str()))
                .map_or(0, |(l, _)| *l);
            errors.push(format!(
                "line {line}: cluster `{c}` has no site; give the site column on one of its rows"
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if items.is_empty() {
        return Err(vec!["the file has no rows to import".into()]);
    }
    let mut files: Vec<PlanFile> = Vec::new();
    let mut file_of: HashMap<String, usize> = HashMap::new();
    let mut file = |files: &mut Vec<PlanFile>, rel: String| -> usize {
        *file_of.entry(rel.clone()).or_insert_with(|| {
            files.push(PlanFile {
                rel,
                ..PlanFile::default()
            });
            files.len() - 1
        })
    };
    if !sites.is_empty() {
        let f = file(&mut files, "sites.yaml".into());
        files[f].sites = sites.keys().map(|id| site(id)).collect();
    }
    if !vendors.is_empty() {
        let f = file(&mut files, "vendors.yaml".into());
        files[f].vendors = vendors.keys().map(|id| vendor(id)).collect();
    }
    for (c, s) in &cluster_site {
        let f = file(&mut files, format!("clusters/{c}.yaml"));
        files[f]
            .clusters
            .push(cluster(c, s.as_ref().map_or("", |(s, _)| s.as_str())));
    }
    for (_, m) in items {
        let rel = match (&m.cluster, &m.site) {
            (Some(c), _) => format!("clusters/{c}.yaml"),
            (None, Some(s)) => format!("sites/{s}.yaml"),
            _ => "program.yaml".into(),
        };
        let f = file(&mut files, rel);
        files[f].milestones.push(m);
    }
    Ok(Imported {
        name: stem.to_string(),
        start: start.unwrap_or(earliest),
        finish_by: None,
        workdays: WEEKDAYS,
        holidays: Vec::new(),
        regions: Vec::new(),
        files,
        lost: Vec::new(),
    })
}

fn site(id: &str) -> RawSite {
    RawSite {
        id: id.into(),
        name: None,
        region: None,
        timezone: None,
        partner: None,
        power_mw: None,
        country: None,
    }
}

fn vendor(id: &str) -> RawVendor {
    RawVendor {
        id: id.into(),
        name: None,
        category: None,
        timezone: None,
        contact: None,
        lead_time_days: None,
        contract: None,
    }
}

fn cluster(id: &str, site: &str) -> RawCluster {
    RawCluster {
        id: id.into(),
        site: site.into(),
        gpu: None,
        gpus: None,
        lifecycle: None,
        allocated_gpus: None,
        ready_by: None,
        retire_by: None,
        customer: None,
    }
}
