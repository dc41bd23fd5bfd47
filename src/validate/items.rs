//! Raw items → model items: references resolved, values range-checked.
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use crate::diag::{Diag, Loc, Origin, Seg};
use crate::load::config::check_timezone;
use crate::load::de::did_you_mean;
use crate::load::raw::{RawCluster, RawMilestone, RawRisk, RawSite, RawVendor};
use crate::load::{Item, Unparsed};
use crate::model::{Cluster, Dep, Milestone, Risk, Site, Vendor};

use super::ids::Index;

/// The largest duration, lag or remaining accepted, in working days (about 400 years).
pub const MAX_DAYS: i64 = 100_000;

/// The work "did you mean" hints may take in one validation, in character pairs
/// compared (some 20 ms). Past it, unknown references are still reported, without
/// a hint: a file of a million bad references is checked in linear time.
pub const HINT_BUDGET: u64 = 50_000_000;

/// Hints are looked for only among ids (and for references) of at most this length.
const HINT_MAX_LEN: usize = super::ids::MAX_ID_LEN;

pub struct Ctx<'a> {
    pub index: &'a Index,
    /// Region keys of `milepost.toml`, when it could be read.
    pub regions: Option<&'a [String]>,
    pub diags: &'a mut Vec<Diag>,
    /// What files that failed to parse might define: references to it are not
    /// reported (the parse error is), so one bad file does not cascade.
    pub unparsed: Option<&'a Unparsed>,
    /// What is left of [`HINT_BUDGET`].
    pub hints: u64,
}

/// `text` for a message, cut to 80 characters.
fn short(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

impl Ctx<'_> {
    fn resolve(
        &mut self,
        kind: &str,
        map: &HashMap<String, usize>,
        id: &str,
        loc: impl FnOnce() -> Loc,
    ) -> Option<usize> {
        if let Some(&i) = map.get(id) {
            return Some(i);
        }
        if self.unparsed.is_some_and(|u| u.may_define(id)) {
            return None;
        }
        let mut diag = Diag::error(
            "unknown-reference",
            format!("unknown {kind} `{}`", short(id)),
        )
        .at(loc())
        .label(format!("no {kind} has this id"));
        // Comparing with every id costs |id| x |candidate| per candidate (and again to
        // break ties); 16 is a generous mean id length.
        let cost = (map.len() as u64).saturating_mul(id.len() as u64 * 16 * 2);
        if map.len() <= 50_000 && id.len() <= HINT_MAX_LEN && self.spend(cost) {
            // Only valid ids are offered: an id reported as bad is not one to copy.
            let candidates: Vec<&str> = map
                .keys()
                .map(String::as_str)
                .filter(|c| c.len() <= HINT_MAX_LEN && super::ids::is_valid_id(c))
                .collect();
            let mut best = did_you_mean(id, &candidates);
            // Ties in closeness resolve by id so the hint never depends on hash order.
            if let Some(b) = best {
                let score = strsim::jaro_winkler(id, b);
                best = candidates
                    .iter()
                    .filter(|c| strsim::jaro_winkler(id, c) == score)
                    .min()
                    .copied();
            }
            if let Some(hint) = best {
                diag = diag.help(format!("did you mean `{hint}`?"));
            }
        }
        self.diags.push(diag);
        None
    }

    /// Takes `cost` from the hint budget; false (and the budget spent) when it does
    /// not cover it, so no later hint is looked for either.
    fn spend(&mut self, cost: u64) -> bool {
        match self.hints.checked_sub(cost) {
            Some(left) => {
                self.hints = left;
                true
            }
            None => {
                self.hints = 0;
                false
            }
        }
    }

    fn timezone(&mut self, tz: Option<&String>, loc: impl FnOnce() -> Loc) {
        let Some(tz) = tz.filter(|t| t.parse::<chrono_tz::Tz>().is_err()) else {
            return;
        };
        let cost = (chrono_tz::TZ_VARIANTS.len() as u64).saturating_mul(tz.len() as u64 * 16);
        let message = if tz.len() <= HINT_MAX_LEN && self.spend(cost) {
            check_timezone(tz).err().unwrap_or_default()
        } else {
            format!(
                "unknown timezone `{}`; expected an IANA name such as America/Chicago",
                short(tz)
            )
        };
        self.diags.push(Diag::error("bad-value", message).at(loc()));
    }

    fn range(
        &mut self,
        value: Option<i64>,
        min: i64,
        loc: impl FnOnce() -> Loc,
        what: &str,
    ) -> Option<i64> {
        match value {
            Some(v) if v < min => {
                let message = if min == 0 {
                    format!("negative {what} ({v})")
                } else {
                    format!("{what} {v} is below {min}")
                };
                self.diags.push(Diag::error("bad-value", message).at(loc()));
                None
            }
            Some(v) if v.abs() > MAX_DAYS => {
                self.diags.push(
                    Diag::error(
                        "bad-value",
                        format!("{what} {v} is out of range (at most {MAX_DAYS} working days)"),
                    )
                    .at(loc()),
                );
                None
            }
            other => other,
        }
    }

    pub fn sites(&mut self, raw: &[Item<Arc<RawSite>>]) -> Vec<Site> {
        raw.iter()
            .map(|Item { value: s, origin }| {
                if let (Some(region), Some(regions)) = (&s.region, self.regions)
                    && !regions.contains(region)
                {
                    let names: Vec<&str> = regions.iter().map(String::as_str).collect();
                    let mut diag =
                        Diag::error("unknown-reference", format!("unknown region `{region}`"))
                            .at(origin.key("region"))
                            .label("no [calendar.regions] entry has this key");
                    diag = match did_you_mean(region, &names) {
                        Some(h) => diag.help(format!("did you mean `{h}`?")),
                        None => {
                            diag.help(format!("add [calendar.regions.{region}] to milepost.toml"))
                        }
                    };
                    self.diags.push(diag);
                }
                self.timezone(s.timezone.as_ref(), || origin.key("timezone"));
                let index = self.index;
                let partner = s.partner.as_ref().and_then(|p| {
                    self.resolve("vendor", &index.vendors, p, || origin.key("partner"))
                });
                Site {
                    id: s.id.clone(),
                    name: s.name.clone().unwrap_or_else(|| s.id.clone()),
                    region: s.region.clone(),
                    timezone: s.timezone.clone(),
                    partner,
                    power_mw: s.power_mw,
                    country: s.country.clone(),
                    calendar: 0,
                    origin: *origin,
                }
            })
            .collect()
    }

    pub fn clusters(&mut self, raw: &[Item<Arc<RawCluster>>], sites: &[Site]) -> Vec<Cluster> {
        let index = self.index;
        raw.iter()
            .map(|Item { value: c, origin }| {
                let site = self.resolve("site", &index.sites, &c.site, || origin.key("site"));
                let gpus = c.gpus.unwrap_or(0);
                let allocated = c.allocated_gpus.unwrap_or(0);
                if allocated > gpus {
                    self.diags.push(
                        Diag::warning(
                            "bad-value",
                            format!(
                                "cluster `{}` has {allocated} GPUs allocated but only {gpus} GPUs",
                                c.id
                            ),
                        )
                        .at(origin.key("allocated_gpus")),
                    );
                }
                Cluster {
                    id: c.id.clone(),
                    // An unknown site is an error already; the program is not built.
                    site: site.filter(|s| *s < sites.len()).unwrap_or(usize::MAX),
                    gpu: c.gpu.clone(),
                    gpus,
                    lifecycle: c.lifecycle.unwrap_or_default(),
                    allocated_gpus: allocated,
                    ready_by: c.ready_by.map(|d| d.0),
                    retire_by: c.retire_by.map(|d| d.0),
                    customer: c.customer.clone(),
                    origin: *origin,
                }
            })
            .collect()
    }

    pub fn vendors(&mut self, raw: &[Item<Arc<RawVendor>>]) -> Vec<Vendor> {
        raw.iter()
            .map(|Item { value: v, origin }| {
                self.timezone(v.timezone.as_ref(), || origin.key("timezone"));
                Vendor {
                    id: v.id.clone(),
                    name: v.name.clone().unwrap_or_else(|| v.id.clone()),
                    category: v.category.unwrap_or_default(),
                    timezone: v.timezone.clone(),
                    contact: v.contact.clone(),
                    lead_time_days: v.lead_time_days,
                    contract: v.contract.clone(),
                    origin: *origin,
                }
            })
            .collect()
    }

    pub fn milestones(
        &mut self,
        raw: &[Item<Arc<RawMilestone>>],
        sites: &[Site],
        clusters: &[Cluster],
    ) -> Vec<Milestone> {
        raw.iter()
            .map(|item| self.milestone(item, sites, clusters))
            .collect()
    }

    pub fn milestone(
        &mut self,
        item: &Item<Arc<RawMilestone>>,
        sites: &[Site],
        clusters: &[Cluster],
    ) -> Milestone {
        let (m, origin) = (&item.value, item.origin);
        let index = self.index;
        let cluster = m
            .cluster
            .as_ref()
            .and_then(|c| self.resolve("cluster", &index.clusters, c, || origin.key("cluster")));
        let site = m
            .site
            .as_ref()
            .and_then(|s| self.resolve("site", &index.sites, s, || origin.key("site")));
        if let (Some(s), Some(c)) = (site, cluster) {
            let cluster_site = clusters[c].site;
            if cluster_site < sites.len() && s != cluster_site {
                self.diags.push(
                    Diag::error(
                        "site-mismatch",
                        format!(
                            "site `{}` contradicts cluster `{}`, which is at site `{}`",
                            sites[s].id, clusters[c].id, sites[cluster_site].id
                        ),
                    )
                    .at(origin.key("site"))
                    .label("contradicts the cluster's site")
                    .help("drop `site:` (a cluster implies its site) or fix the cluster"),
                );
            }
        }
        let vendor = m
            .vendor
            .as_ref()
            .and_then(|v| self.resolve("vendor", &index.vendors, v, || origin.key("vendor")));
        let mut deps = Vec::new();
        for (i, d) in m.depends_on.iter().flatten().enumerate() {
            let loc = || origin.at(&[Seg::Key("depends_on"), Seg::Index(i), Seg::Key("id")]);
            let lag = self.range(
                Some(d.lag),
                -MAX_DAYS,
                || origin.at(&[Seg::Key("depends_on"), Seg::Index(i), Seg::Key("lag")]),
                "lag",
            );
            if let Some(pred) = self.resolve("milestone", &index.milestones, &d.id, loc) {
                deps.push(Dep {
                    pred,
                    relation: d.relation,
                    lag: lag.unwrap_or(0),
                    index: i,
                });
            }
        }
        let duration = self
            .range(m.duration, 0, || origin.key("duration"), "duration")
            .unwrap_or(0);
        let remaining = self.range(m.remaining, 0, || origin.key("remaining"), "remaining");
        if remaining == Some(0) {
            self.diags.push(
                Diag::error(
                    "bad-value",
                    "`remaining: 0` leaves no work; an item with no work left is done".into(),
                )
                .at(origin.key("remaining"))
                .help("set `status: done` with `finished`, or give the working days still left"),
            );
        }
        let duration_range = self.duration_range(m.duration_range.as_deref(), duration, origin);
        Milestone {
            id: m.id.clone(),
            name: m.name.clone().unwrap_or_else(|| m.id.clone()),
            site,
            cluster,
            vendor,
            owner: m.owner.clone(),
            kind: m.kind.unwrap_or_default(),
            duration,
            duration_range,
            deps,
            start_no_earlier: m.start_no_earlier.map(|d| d.0),
            due: m.due.map(|d| d.0),
            status: m.status.unwrap_or_default(),
            started: m.started.map(|d| d.0),
            finished: m.finished.map(|d| d.0),
            expected_finish: m.expected_finish.map(|d| d.0),
            remaining,
            as_of: m.as_of.map(|d| d.0),
            notes: m.notes.clone(),
            links: m.links.clone().unwrap_or_default(),
            calendar: 0,
            own_calendar: self.own_calendar(m.calendar.as_deref(), origin),
            origin,
        }
    }

    /// The calendar a milestone names: `program` (0), a region (1 + its position), or
    /// `elapsed` (after the regions).
    fn own_calendar(&mut self, name: Option<&str>, origin: Origin) -> Option<usize> {
        let name = name?;
        let regions = self.regions?;
        match name {
            "program" => return Some(0),
            "elapsed" => return Some(regions.len() + 1),
            _ => {}
        }
        if let Some(i) = regions.iter().position(|r| r == name) {
            return Some(i + 1);
        }
        let mut names: Vec<&str> = regions.iter().map(String::as_str).collect();
        names.extend(["program", "elapsed"]);
        let diag = Diag::error("unknown-reference", format!("unknown calendar `{name}`"))
            .at(origin.key("calendar"))
            .label("not a region key, `program` or `elapsed`");
        self.diags.push(match did_you_mean(name, &names) {
            Some(hint) => diag.help(format!("did you mean `{hint}`?")),
            None => diag.help(format!(
                "use a [calendar.regions] key, `program` or `elapsed`, or add [calendar.regions.{name}] to milepost.toml"
            )),
        });
        None
    }

    pub fn risks(&mut self, raw: &[Item<Arc<RawRisk>>]) -> Vec<Risk> {
        let index = self.index;
        raw.iter()
            .map(|Item { value: r, origin }| {
                let probability = r.probability.unwrap_or(0.0);
                if !(0.0..=1.0).contains(&probability) {
                    self.diags.push(
                        Diag::error(
                            "bad-value",
                            format!("probability {probability} is out of range"),
                        )
                        .at(origin.key("probability"))
                        .help("a probability is between 0 and 1 (0.4 means 40%)"),
                    );
                }
                let impact_days = self
                    .range(
                        r.impact_days,
                        0,
                        || origin.key("impact_days"),
                        "impact_days",
                    )
                    .unwrap_or(0);
                let affects = r
                    .affects
                    .iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(i, id)| {
                        self.resolve("milestone", &index.milestones, id, || {
                            origin.at(&[Seg::Key("affects"), Seg::Index(i)])
                        })
                    })
                    .collect();
                Risk {
                    id: r.id.clone(),
                    title: r.title.clone().unwrap_or_else(|| r.id.clone()),
                    owner: r.owner.clone(),
                    probability,
                    impact_days,
                    affects,
                    mitigation: r.mitigation.clone(),
                    status: r.status.unwrap_or_default(),
                    origin: *origin,
                }
            })
            .collect()
    }
}
