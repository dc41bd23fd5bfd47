//! The schedule diff as a pull-request comment (GitHub-flavoured markdown), in the
//! style of terraform plan comments: a marker a bot can find, a title, a one-line
//! summary, a warning when dates move later, the changes, and the rest folded.
use crate::analysis::diff::{ChangeKind, ItemChange, Moved, ScheduleDiff};

use super::commitments;
use super::markdown::escape;
use crate::analysis::commitment_diff::CommitmentChange;

/// The hidden marker that lets a bot update its comment instead of adding another.
pub const MARKER: &str = "<!-- milepost:diff -->";

/// GitHub rejects comments longer than 65,536 characters; stay well below.
const BUDGET: usize = 60_000;

/// How the two sides are named in the footer.
pub struct Sides<'a> {
    pub base: &'a str,
    pub head: &'a str,
}

/// `3 slipped, 1 pulled in, 2 added · program finish 2027-03-01 → 2027-03-15 (+10 working days)`.
pub fn summary(d: &ScheduleDiff) -> String {
    let parts: Vec<String> = [
        (d.slipped().count(), "slipped"),
        (d.pulled_in().count(), "pulled in"),
        (d.count(ChangeKind::Added), ChangeKind::Added.as_str()),
        (d.count(ChangeKind::Removed), ChangeKind::Removed.as_str()),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let head = if parts.is_empty() {
        "no dates moved".to_string()
    } else {
        parts.join(", ")
    };
    format!(
        "{head} · program finish {}",
        moved_text(&d.finish, "working days")
    )
}

/// `2027-03-01 → 2027-03-15 (+10 working days)`, or the date alone when it did not move.
pub fn moved_text(m: &Moved, unit: &str) -> String {
    let date = |d: &Option<crate::model::Date>| d.map_or("—".to_string(), |d| d.0.to_string());
    match m.delta {
        Some(0) | None if m.base == m.head => format!("{} (unchanged)", date(&m.head)),
        Some(delta) => format!("{} → {} ({delta:+} {unit})", date(&m.base), date(&m.head)),
        None => format!("{} → {}", date(&m.base), date(&m.head)),
    }
}

fn warnings(d: &ScheduleDiff) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(delta) = d.finish.delta.filter(|d| *d > 0) {
        let date = |d: Option<crate::model::Date>| d.map_or("—".to_string(), |d| d.0.to_string());
        out.push(format!(
            "The program finish moves **{delta} working days later**: {} → {}.",
            date(d.finish.base),
            date(d.finish.head)
        ));
    }
    for c in &d.commitments_moved {
        let to = c.head.map_or("removed".to_string(), |h| h.0.to_string());
        let from = c.base.map_or("—".to_string(), |b| b.0.to_string());
        out.push(format!(
            "Commitment moved: `{}` {} {from} → **{to}**.",
            c.id, c.field
        ));
    }
    out
}

fn row(i: &ItemChange) -> String {
    let icon = match (i.change, i.finish.delta) {
        (ChangeKind::Added, _) => "🆕",
        (ChangeKind::Removed, _) => "🗑️",
        (_, Some(d)) if d > 0 => "🔴",
        (_, Some(d)) if d < 0 => "🟢",
        _ => "⚪",
    };
    let change = match i.change {
        ChangeKind::Edited => format!("edited: {}", i.fields.join(", ")),
        ChangeKind::Moved => "moved (ripple)".into(),
        other => other.to_string(),
    };
    let date = |d: Option<crate::model::Date>| d.map_or("—".to_string(), |d| d.0.to_string());
    let finish = match (i.finish.base, i.finish.head) {
        (b, h) if b == h => date(h),
        (Some(b), Some(h)) => format!("{} → {}", b.0, h.0),
        (b, h) => date(b.or(h)),
    };
    let delta = i
        .finish
        .delta
        .filter(|d| *d != 0)
        .map_or(String::new(), |d| format!("{d:+}"));
    let pair = |b: Option<&str>, h: Option<&str>| match (b, h) {
        (Some(b), Some(h)) if b == h => b.to_string(),
        (Some(b), Some(h)) => format!("{b} → **{h}**"),
        // Added or removed: only one side has a value.
        (x, y) => x.or(y).unwrap_or("—").to_string(),
    };
    let yes = |c: Option<bool>| c.map(|c| if c { "yes" } else { "no" });
    format!(
        "| {icon} | `{}` {} | {} | {finish} | {delta} | {} | {} |\n",
        i.id,
        escape(&i.name),
        escape(&change),
        pair(i.health.base, i.health.head),
        pair(yes(i.critical.base), yes(i.critical.head))
    )
}

const HEADER: &str = "| | item | change | finish | Δ days | health | critical |\n| --- | --- | --- | --- | ---: | --- | --- |\n";

/// Table rows until `budget` characters; says how many were left out.
fn table(items: &[&ItemChange], budget: usize) -> String {
    let mut out = String::from(HEADER);
    for (n, i) in items.iter().enumerate() {
        let r = row(i);
        if out.len() + r.len() > budget {
            out.push_str(&format!(
                "\n…and {} more; run `milepost diff` for the full list.\n",
                items.len() - n
            ));
            break;
        }
        out.push_str(&r);
    }
    out
}

/// Renders the whole comment.
pub fn render(d: &ScheduleDiff, sides: &Sides<'_>) -> String {
    let mut out = format!("{MARKER}\n### milepost: schedule impact\n\n");
    // Commitments first: the verdict a reviewer acts on, then each one affected.
    let name: fn(&CommitmentChange) -> String = |c| format!("`{}`", c.label());
    let verdict = commitments::verdict(&d.commitments, Some(name));
    let icon = if d.commitments.iter().any(CommitmentChange::slips) {
        "❌"
    } else {
        "✅"
    };
    out.push_str(&format!("**{icon} {verdict}**\n\n"));
    if !d.commitments.is_empty() {
        out.push_str(&commitments::markdown(&d.commitments));
        out.push('\n');
    }
    out.push_str(&format!("{}\n\n", summary(d)));
    let warns = warnings(d);
    if !warns.is_empty() {
        out.push_str("> [!WARNING]\n");
        for w in &warns {
            out.push_str(&format!("> {w}\n"));
        }
        out.push('\n');
    }
    // Date changes first (latest slip first), then edits that moved nothing.
    let mut dated: Vec<&ItemChange> = d
        .items
        .iter()
        .filter(|i| i.finish.delta != Some(0))
        .collect();
    dated.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.finish.delta.unwrap_or(0)),
            i.change,
            i.id.clone(),
        )
    });
    let quiet: Vec<&ItemChange> = d
        .items
        .iter()
        .filter(|i| i.finish.delta == Some(0))
        .collect();
    if dated.is_empty() && quiet.is_empty() {
        out.push_str("No milestone changed.\n\n");
    } else if !dated.is_empty() {
        out.push_str(&table(&dated, BUDGET / 2));
        out.push('\n');
    }
    if !d.critical_path.entered.is_empty() || !d.critical_path.left.is_empty() {
        let list = |ids: &[String]| {
            if ids.is_empty() {
                "—".to_string()
            } else {
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        out.push_str(&format!(
            "**Critical path** — entered: {} · left: {}\n\n",
            list(&d.critical_path.entered),
            list(&d.critical_path.left)
        ));
    }
    if !d.clusters.is_empty() {
        out.push_str("**Cluster forecasts**\n\n");
        for c in &d.clusters {
            out.push_str(&format!(
                "- `{}` ready {}\n",
                c.id,
                moved_text(&c.forecast_ready, "working days")
            ));
        }
        out.push('\n');
    }
    if !quiet.is_empty() {
        let n = quiet.len();
        out.push_str(&format!(
            "<details><summary>{n} more change{} that moved no date</summary>\n\n",
            if n == 1 { "" } else { "s" }
        ));
        out.push_str(&table(&quiet, BUDGET.saturating_sub(out.len()) / 2));
        out.push_str("\n</details>\n\n");
    }
    out.push_str(&format!(
        "<sub>base {} · head {} · {} unchanged · as of {}</sub>\n",
        sides.base, sides.head, d.unchanged, d.today.0
    ));
    out
}
