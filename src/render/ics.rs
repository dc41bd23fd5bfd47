//! iCalendar (RFC 5545): one all-day event per milestone event (on its forecast, or
//! actual, date) and one per due date of a task. UIDs are built from the program and
//! the item id, so importing a newer export updates the events instead of duplicating
//! them; SEQUENCE grows with the data date so clients take the newer version.
use chrono::{Days, NaiveDate};

use crate::analysis::Plan;
use crate::model::Status;
use crate::schedule::late::tag_id;

/// RFC 5545 §3.1: content lines are folded to at most 75 octets.
const FOLD_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,` and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: CRLF + a space before each 75-octet boundary, never inside
/// a UTF-8 character; ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > FOLD_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// A slug of the program name for UIDs: lowercase letters, digits and `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "program".into()
    } else {
        out
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar of `items` (in order).
pub fn render(plan: &Plan, items: &[usize]) -> String {
    let p = &plan.program;
    let today = plan.schedule.today;
    let program = slug(&p.config.name);
    let stamp = format!("{}T000000Z", ymd(today));
    let sequence = (today - p.config.start).num_days().max(0);
    let mut out = String::new();
    let mut line = |l: String| out.push_str(&fold(&l));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//milepost//milepost schedule export//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&p.config.name)));
    for &i in items {
        let m = &p.milestones[i];
        let it = &plan.schedule.items[i];
        let a = &plan.assessments[i];
        let (kind, date, summary) = match (m.is_event(), m.due) {
            (true, _) => ("milestone", it.finish, m.name.clone()),
            (false, Some(due)) => ("due", due, format!("Due: {}", m.name)),
            (false, None) => continue,
        };
        let mut facts = vec![format!("{} ({})", m.id, m.status.as_str())];
        let mut context = Vec::new();
        if let Some(c) = m.cluster {
            context.push(format!("cluster {}", p.clusters[c].id));
        }
        if let Some(o) = &m.owner {
            context.push(format!("owner {o}"));
        }
        if let Some(v) = m.vendor {
            context.push(format!("vendor {}", p.vendors[v].name));
        }
        if !context.is_empty() {
            facts.push(context.join(" · "));
        }
        let mut dates = vec![match m.status {
            Status::Done => format!("finished {}", it.finish),
            _ => format!("forecast finish {}", it.finish),
        }];
        if let Some(due) = m.due {
            dates.push(format!("due {due}"));
        }
        if let Some(tf) = it.total_float {
            dates.push(format!("float {tf}"));
        }
        dates.push(a.health.as_str().to_string());
        facts.push(dates.join(" · "));
        if let Some(binding) = commitment_fact(plan, i) {
            facts.push(binding);
        }
        if let Some(notes) = &m.notes {
            facts.push(notes.clone());
        }
        facts.extend(m.links.iter().cloned());
        let mut categories = vec![escape(m.kind.as_str())];
        if a.critical {
            categories.push("critical".into());
        }
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}.{kind}.{program}@milepost", m.id));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("SEQUENCE:{sequence}"));
        line(format!("DTSTART;VALUE=DATE:{}", ymd(date)));
        let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
        line(format!("DTEND;VALUE=DATE:{}", ymd(next)));
        line(format!("SUMMARY:{}", escape(&summary)));
        line(format!("DESCRIPTION:{}", escape(&facts.join("\n"))));
        if let Some(s) = p.site_of(m) {
            line(format!("LOCATION:{}", escape(&p.sites[s].name)));
        }
        line(format!("CATEGORIES:{}", categories.join(",")));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// `commitment due dfw1-h200-handover 2027-01-08 · commitment float -4`: the commitment
/// that binds a not-done item (SPEC §2); `None` when none does.
fn commitment_fact(plan: &Plan, i: usize) -> Option<String> {
    let it = &plan.schedule.items[i];
    let (tag, float) = (it.commitment?, it.commitment_float?);
    let whose = tag_id(&plan.program, &tag)
        .map(|id| format!(" {id}"))
        .unwrap_or_default();
    Some(format!(
        "commitment {}{whose} {} · commitment float {float}",
        tag.kind, tag.date
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= FOLD_OCTETS, "{} octets: {part}", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
        assert_eq!(fold("short"), "short\r\n");
    }

    #[test]
    fn slugs_are_safe_in_uids() {
        assert_eq!(slug("2027 GPU build-out"), "2027-gpu-build-out");
        assert_eq!(slug("  ***"), "program");
    }
}
