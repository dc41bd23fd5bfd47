//! The report's executive summary, written from the data: the status and why, what
//! slipped, what drives the finish, and what needs a decision; and the "changes
//! since" section built from the schedule diff.
use super::comment;
use super::markdown::{escape, render as table};
use super::report::{Report, Since, code, signed};
use super::{Cell, Grid};
use crate::analysis::overall::Rag;
use crate::analysis::{Health, Plan};
use crate::schedule::Driver;

/// Bullets under "Needs a decision" before the rest is counted.
const DECISIONS: usize = 6;
/// Late items named in the summary.
const NAMED: usize = 3;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn vendor_owner(plan: &Plan, i: usize) -> String {
    let p = &plan.program;
    let m = &p.milestones[i];
    let mut parts = Vec::new();
    if let Some(v) = m.vendor {
        parts.push(escape(&p.vendors[v].name));
    }
    if let Some(o) = &m.owner {
        parts.push(format!("owner {}", escape(o)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// The summary section.
pub fn render(r: &Report<'_>) -> String {
    let plan = r.plan;
    let p = &plan.program;
    let count = |h: Health| {
        r.items
            .iter()
            .filter(|&&i| plan.assessments[i].health == h)
            .count()
    };
    let mut out = String::new();
    // 1. Status and why.
    let (overdue, slipping, at_risk) = (
        count(Health::Overdue),
        count(Health::Slipping),
        count(Health::AtRisk),
    );
    let late_clusters: Vec<String> = r
        .forecasts
        .iter()
        .filter(|f| r.scope.cluster(p, f.cluster) && f.slip > 0)
        .map(|f| {
            let c = &p.clusters[f.cluster];
            format!(
                "{} is forecast ready {}, {} after its committed {}",
                code(&c.id),
                f.forecast_ready.map_or("—".into(), |d| d.to_string()),
                plural(f.slip as usize, "working day", "working days"),
                c.ready_by.map_or("—".into(), |d| d.to_string())
            )
        })
        .collect();
    let status = match r.overall.rag {
        Rag::Red => {
            let mut why = Vec::new();
            if overdue > 0 {
                why.push(format!(
                    "{} overdue",
                    plural(overdue, "item is", "items are")
                ));
            }
            if slipping > 0 {
                why.push(format!(
                    "{} slipping (negative commitment float)",
                    plural(slipping, "item is", "items are")
                ));
            }
            why.extend(late_clusters);
            if why.is_empty() {
                why.push("the forecast finish is past the latest commitment".into());
            }
            format!("**Red**: {}.", why.join("; "))
        }
        Rag::Amber => {
            let mut why = Vec::new();
            if at_risk > 0 {
                why.push(format!(
                    "{} less than {} working days of float",
                    plural(at_risk, "item has", "items have"),
                    p.config.policy.at_risk_days
                ));
            }
            let threats = r.risks.iter().filter(|x| x.threatens).count();
            if threats > 0 {
                why.push(format!(
                    "{} larger than the float of what {} affect{}",
                    plural(threats, "open risk is", "open risks are"),
                    if threats == 1 { "it" } else { "they" },
                    if threats == 1 { "s" } else { "" }
                ));
            }
            format!("**Amber**: nothing is late, but {}.", why.join(", and "))
        }
        Rag::Green => {
            "**Green**: every open item has enough float and no open risk threatens a commitment."
                .into()
        }
    };
    out.push_str(&status);
    out.push_str("\n\n");
    // 2. What slipped.
    let mut slipped = Vec::new();
    if let Some(s) = &r.since {
        slipped.push(format!("Since {}: {}.", s.label, comment::summary(s.diff)));
    }
    let list = r.late;
    if !list.is_empty() {
        let named: Vec<String> = list
            .iter()
            .take(NAMED)
            .map(|&i| {
                let m = &p.milestones[i];
                let it = &plan.schedule.items[i];
                let a = &plan.assessments[i];
                let what = match m.due {
                    Some(due) if a.slip > 0 => format!(
                        "due {due}, forecast {}: {} late",
                        it.finish,
                        plural(a.slip as usize, "working day", "working days")
                    ),
                    _ => format!("forecast {}, float {}", it.finish, signed(it.total_float)),
                };
                format!("{}{} — {what}", code(&m.id), vendor_owner(plan, i))
            })
            .collect();
        slipped.push(format!(
            "Furthest behind: {}{}.",
            named.join("; "),
            if list.len() > NAMED {
                format!("; and {} more", list.len() - NAMED)
            } else {
                String::new()
            }
        ));
    }
    if !slipped.is_empty() {
        out.push_str(&slipped.join(" "));
        out.push_str("\n\n");
    }
    // 3. What drives the finish.
    out.push_str(&drives(r));
    out.push_str("\n\n");
    // 4. What needs a decision.
    out.push_str(&decisions(r));
    out
}

fn drives(r: &Report<'_>) -> String {
    let plan = r.plan;
    let p = &plan.program;
    // The chain ends at the latest finish and starts at what sets its date.
    let chain = r.finish_chain;
    let (Some(&head), Some(&last)) = (chain.first(), chain.last()) else {
        return "There are no milestones in scope.".into();
    };
    let why = match plan.schedule.items[head].driver {
        Driver::Actual => "work already under way".to_string(),
        Driver::ProgramStart => "the program start".into(),
        Driver::Today => "today: it has not started".into(),
        Driver::StartNoEarlier => format!(
            "its start_no_earlier date {}",
            p.milestones[head]
                .start_no_earlier
                .map_or("—".into(), |d| d.to_string())
        ),
        Driver::Dep(_) => "a dependency".into(),
    };
    let ids: Vec<String> = chain.iter().map(|&i| code(&p.milestones[i].id)).collect();
    let shown = if ids.len() > 6 {
        format!(
            "{} → … → {} ({} items)",
            ids[..3].join(" → "),
            ids[ids.len() - 2..].join(" → "),
            ids.len()
        )
    } else {
        ids.join(" → ")
    };
    let mut out = format!(
        "The forecast finish, {}, is driven by {shown}, set by {why}.",
        plan.schedule.items[last].finish
    );
    let in_scope: rustc_hash::FxHashSet<usize> = r.items.iter().copied().collect();
    let path: Vec<usize> = plan
        .critical_path()
        .into_iter()
        .filter(|i| in_scope.contains(i))
        .collect();
    let tightest = path
        .iter()
        .copied()
        .min_by_key(|&i| (plan.schedule.items[i].total_float.unwrap_or(0), i));
    if let Some(t) = tightest {
        out.push_str(&format!(
            " The critical path has {}; the least float is {} working days, on {}.",
            plural(path.len(), "item", "items"),
            signed(plan.schedule.items[t].total_float),
            code(&p.milestones[t].id)
        ));
    }
    out
}

fn decisions(r: &Report<'_>) -> String {
    let plan = r.plan;
    let p = &plan.program;
    let mut bullets = Vec::new();
    for f in r
        .forecasts
        .iter()
        .filter(|f| r.scope.cluster(p, f.cluster) && f.slip > 0)
    {
        let c = &p.clusters[f.cluster];
        let customer = c
            .customer
            .as_deref()
            .map(|x| format!(" for {}", escape(x)))
            .unwrap_or_default();
        bullets.push(format!(
            "Recover {} or re-commit {}'s ready date{customer}: committed {}, forecast {}.",
            plural(f.slip as usize, "working day", "working days"),
            code(&c.id),
            c.ready_by.map_or("—".into(), |d| d.to_string()),
            f.forecast_ready.map_or("—".into(), |d| d.to_string())
        ));
    }
    for &i in r
        .late
        .iter()
        .filter(|&&i| plan.assessments[i].health == Health::Overdue)
    {
        let m = &p.milestones[i];
        bullets.push(format!(
            "Escalate or re-plan {}{}: due {}, not done, forecast {}.",
            code(&m.id),
            vendor_owner(plan, i),
            m.due.map_or("—".into(), |d| d.to_string()),
            plan.schedule.items[i].finish
        ));
    }
    for x in r.risks.iter().filter(|x| x.threatens) {
        let risk = &p.risks[x.risk];
        let owner = risk
            .owner
            .as_deref()
            .map(|o| format!(", owner {}", escape(o)))
            .unwrap_or_default();
        let float = x.min_float.unwrap_or(0);
        let outcome = if float < 0 {
            "; they are late already, and if it happens the slip grows"
        } else {
            ", so if it happens a date is missed"
        };
        let days = if float.abs() == 1 { "day" } else { "days" };
        bullets.push(format!(
            "Confirm the mitigation of risk {} ({:.0}% likely{owner}): its impact of {} working days exceeds the least float of the items it affects ({float} working {days}){outcome}.",
            code(&risk.id),
            risk.probability * 100.0,
            risk.impact_days,
        ));
    }
    if bullets.is_empty() {
        return "**Needs a decision:** nothing this week.\n".into();
    }
    let n = bullets.len();
    let mut out = String::from("**Needs a decision:**\n\n");
    for b in bullets.iter().take(DECISIONS) {
        out.push_str(&format!("- {b}\n"));
    }
    if n > DECISIONS {
        out.push_str(&format!(
            "- …and {} more in the sections below.\n",
            n - DECISIONS
        ));
    }
    out
}

/// The "changes since" section: the diff's summary, moved commitments, the items whose
/// finish moved most, critical-path entries and exits, and cluster forecasts.
pub fn changes(r: &Report<'_>, s: &Since<'_>) -> String {
    let d = s.diff;
    let p = &r.plan.program;
    let in_scope = |id: &str| {
        p.milestone_index(id)
            .map_or(r.scope.is_all(), |i| r.scope.item(p, i))
    };
    let mut out = format!("**{}**\n\n", comment::summary(d));
    for c in d
        .commitments_moved
        .iter()
        .filter(|c| in_scope(&c.id) || c.field == crate::model::CommitmentKind::ReadyBy)
    {
        out.push_str(&format!(
            "- Commitment moved: {} {} {} → **{}**\n",
            code(&c.id),
            c.field,
            c.base.map_or("—".into(), |b| b.0.to_string()),
            c.head.map_or("removed".into(), |h| h.0.to_string())
        ));
    }
    let mut moved: Vec<_> = d
        .items
        .iter()
        .filter(|i| in_scope(&i.id) && i.finish.delta.is_some_and(|x| x != 0))
        .collect();
    moved.sort_by_key(|i| (std::cmp::Reverse(i.finish.delta), i.id.clone()));
    if !moved.is_empty() {
        let mut grid = Grid {
            headers: vec!["item", "change", "finish", "Δ working days", "health"],
            rows: Vec::new(),
            numeric: vec![3],
            flexible: vec![],
            drop_order: vec![],
        };
        for i in &moved {
            let date = |x: Option<crate::model::Date>| x.map_or("—".into(), |x| x.0.to_string());
            let change = match i.fields.is_empty() {
                true => i.change.as_str().to_string(),
                false => format!("edited: {}", i.fields.join(", ")),
            };
            grid.rows.push(vec![
                Cell::plain(code(&i.id)),
                Cell::plain(change),
                Cell::plain(format!("{} → {}", date(i.finish.base), date(i.finish.head))),
                Cell::plain(signed(i.finish.delta)),
                Cell::plain(i.health.head.or(i.health.base).unwrap_or("—")),
            ]);
        }
        let n = grid.rows.len();
        grid.rows.truncate(super::report::ROWS);
        out.push('\n');
        out.push_str(&table(&grid));
        if n > super::report::ROWS {
            out.push_str(&format!(
                "\n…and {} more: run `milepost diff`.\n",
                n - super::report::ROWS
            ));
        }
    }
    let cp = &d.critical_path;
    let list = |ids: &[String]| {
        let ids: Vec<String> = ids
            .iter()
            .filter(|i| in_scope(i))
            .map(|i| code(i))
            .collect();
        if ids.is_empty() {
            "—".into()
        } else {
            ids.join(", ")
        }
    };
    if !cp.entered.is_empty() || !cp.left.is_empty() {
        out.push_str(&format!(
            "\nCritical path — entered: {} · left: {}\n",
            list(&cp.entered),
            list(&cp.left)
        ));
    }
    for c in d.clusters.iter().filter(|c| {
        p.clusters
            .iter()
            .position(|x| x.id == c.id)
            .is_some_and(|k| r.scope.cluster(p, k))
    }) {
        out.push_str(&format!(
            "\n- Cluster {} ready {}",
            code(&c.id),
            comment::moved_text(&c.forecast_ready, "working days")
        ));
    }
    if !d.clusters.is_empty() {
        out.push('\n');
    }
    out
}
