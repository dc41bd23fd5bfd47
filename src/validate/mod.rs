//! Validation: raw items → a checked [`Program`], or every problem at once (SPEC §1).
mod cycles;
mod ids;
mod incremental;
mod items;
mod progress;
mod ranges;

pub use incremental::{Basis, Revalidated, revalidate};

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarSpec};
use crate::diag::Diag;
use crate::load::Loaded;
use crate::model::{Cluster, Milestone, Program, Site};

/// What validation found: the program when it is valid, and all diagnostics
/// (errors and warnings) in the order of the files.
pub struct Validated {
    pub program: Option<Program>,
    pub diags: Vec<Diag>,
}

/// Checks a loaded program against SPEC §1 with `today` as the data date.
pub fn validate(loaded: Loaded, today: NaiveDate) -> Validated {
    validate_keeping(loaded, today).0
}

/// [`validate`], also keeping, when the program is valid, what [`revalidate`] needs
/// to check the next revision of it.
pub fn validate_keeping(loaded: Loaded, today: NaiveDate) -> (Validated, Option<Basis>) {
    let Loaded {
        files,
        config,
        raw,
        mut diags,
        unparsed,
    } = loaded;
    let index = ids::index(&raw, &mut diags);
    let regions: Option<Vec<String>> = config.as_ref().map(|c| c.regions.keys().cloned().collect());
    let mut ctx = items::Ctx {
        index: &index,
        regions: regions.as_deref(),
        diags: &mut diags,
        unparsed: Some(&unparsed),
        hints: items::HINT_BUDGET,
    };
    let sites = ctx.sites(&raw.sites);
    let clusters = ctx.clusters(&raw.clusters, &sites);
    let vendors = ctx.vendors(&raw.vendors);
    let mut milestones = ctx.milestones(&raw.milestones, &sites, &clusters);
    let risks = ctx.risks(&raw.risks);
    let unread: Vec<bool> = raw
        .milestones
        .iter()
        .map(|m| m.value.status_unread)
        .collect();
    progress::check(&milestones, &unread, today, &mut diags);
    cycles::check(&milestones, &mut diags);
    diags.sort_by_key(|d| d.loc.as_ref().map(|l| l.file()));
    let Some(config) = config else {
        let program = None;
        return (Validated { program, diags }, None);
    };
    if diags.iter().any(Diag::is_error) {
        let program = None;
        return (Validated { program, diags }, None);
    }
    let mut calendars = vec![Calendar::new(&config.calendar, config.start)];
    let mut calendar_names = vec!["program".to_string()];
    for (name, spec) in &config.regions {
        calendars.push(Calendar::new(spec, config.start));
        calendar_names.push(name.clone());
    }
    // The built-in `elapsed` calendar comes last: every day works, no holidays.
    calendars.push(Calendar::new(&CalendarSpec::ELAPSED, config.start));
    calendar_names.push("elapsed".to_string());
    let calendar_of_region = |region: &Option<String>| {
        region
            .as_ref()
            .and_then(|r| config.regions.keys().position(|k| k == r))
            .map_or(0, |i| i + 1)
    };
    let sites: Vec<_> = sites
        .into_iter()
        .map(|mut s| {
            s.calendar = calendar_of_region(&s.region);
            s
        })
        .collect();
    for m in &mut milestones {
        m.calendar = m
            .own_calendar
            .unwrap_or_else(|| calendar_of(m, &sites, &clusters));
    }
    let basis = Basis::new(raw, index, &files);
    let program = Program {
        config,
        calendars,
        calendar_names,
        sites,
        clusters,
        vendors,
        milestones,
        risks,
        files,
    };
    let program = Some(program);
    (Validated { program, diags }, Some(basis))
}

/// The calendar of a milestone: its site's (its own site, or its cluster's).
fn calendar_of(m: &Milestone, sites: &[Site], clusters: &[Cluster]) -> usize {
    let site = m
        .site
        .or_else(|| m.cluster.and_then(|c| clusters.get(c)).map(|c| c.site));
    site.and_then(|s| sites.get(s)).map_or(0, |s| s.calendar)
}
