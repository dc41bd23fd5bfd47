//! An imported plan as milepost files: `milepost.toml` (program, calendars) and the
//! YAML program files, free text quoted, ids plain where YAML reads them as text.
use std::fmt::Write;

use chrono::NaiveDate;

use crate::load::import::{Imported, PlanFile};
use crate::load::raw::{RawMilestone, Relation};

const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A quoted YAML (and TOML) string: JSON's escapes are valid in both.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// An id as a YAML scalar: plain when YAML can only read it as text, else quoted.
fn id(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            text,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

fn weekdays(days: &[bool; 7]) -> String {
    let names: Vec<String> = (0..7)
        .filter(|&i| days[i])
        .map(|i| quoted(WEEKDAY_NAMES[i]))
        .collect();
    format!("[{}]", names.join(", "))
}

fn dates(list: &[NaiveDate]) -> String {
    let names: Vec<String> = list.iter().map(|d| d.to_string()).collect();
    format!("[{}]", names.join(", "))
}

/// `milepost.toml` of an imported plan.
pub fn config(imported: &Imported, source: &str) -> String {
    let mut out = format!("# Imported from {source} by `milepost import`.\n[program]\n");
    let _ = writeln!(out, "name = {}", quoted(&imported.name));
    let _ = writeln!(out, "start = {}", imported.start);
    if let Some(d) = imported.finish_by {
        let _ = writeln!(out, "finish_by = {d}");
    }
    let _ = writeln!(out, "\n[calendar]");
    let _ = writeln!(out, "workdays = {}", weekdays(&imported.workdays));
    let _ = writeln!(out, "holidays = {}", dates(&imported.holidays));
    for r in &imported.regions {
        let _ = writeln!(out, "\n[calendar.regions.{}]", r.key);
        if let Some(w) = &r.workdays {
            let _ = writeln!(out, "workdays = {}", weekdays(w));
        }
        if !r.inherit_holidays {
            let _ = writeln!(out, "inherit_holidays = false");
        }
        let _ = writeln!(out, "holidays = {}", dates(&r.holidays));
    }
    out
}

/// The text of one program file.
pub fn file(f: &PlanFile, source: &str) -> String {
    let mut out = format!("# Imported from {source} by `milepost import`.\n");
    let field = |out: &mut String, key: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = writeln!(out, "    {key}: {v}");
        }
    };
    if !f.sites.is_empty() {
        out.push_str("sites:\n");
        for s in &f.sites {
            let _ = writeln!(out, "  - id: {}", id(&s.id));
            field(&mut out, "name", s.name.as_deref().map(quoted));
            field(&mut out, "region", s.region.as_deref().map(id));
        }
    }
    if !f.clusters.is_empty() {
        out.push_str("clusters:\n");
        for c in &f.clusters {
            let _ = writeln!(out, "  - id: {}", id(&c.id));
            field(&mut out, "site", Some(id(&c.site)));
            field(&mut out, "gpu", c.gpu.as_deref().map(quoted));
            field(&mut out, "ready_by", c.ready_by.map(|d| d.0.to_string()));
        }
    }
    if !f.vendors.is_empty() {
        out.push_str("vendors:\n");
        for v in &f.vendors {
            let _ = writeln!(out, "  - id: {}", id(&v.id));
            field(&mut out, "name", v.name.as_deref().map(quoted));
        }
    }
    if !f.milestones.is_empty() {
        out.push_str("milestones:\n");
        for m in &f.milestones {
            milestone(&mut out, m);
        }
    }
    out
}

fn milestone(out: &mut String, m: &RawMilestone) {
    let _ = writeln!(out, "  - id: {}", id(&m.id));
    let text = |v: &Option<String>| v.as_deref().map(quoted);
    let ident = |v: &Option<String>| v.as_deref().map(id);
    let date = |v: Option<crate::load::raw::Date>| v.map(|d| d.0.to_string());
    let fields = [
        ("name", text(&m.name)),
        ("cluster", ident(&m.cluster)),
        ("site", ident(&m.site)),
        ("vendor", ident(&m.vendor)),
        ("owner", text(&m.owner)),
        ("kind", m.kind.map(|k| k.as_str().to_string())),
        ("calendar", ident(&m.calendar)),
        ("duration", m.duration.map(|d| d.to_string())),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            let _ = writeln!(out, "    {key}: {v}");
        }
    }
    if let Some(deps) = &m.depends_on {
        out.push_str("    depends_on:\n");
        for d in deps {
            if d.relation == Relation::Fs && d.lag == 0 {
                let _ = writeln!(out, "      - {}", id(&d.id));
            } else {
                let _ = writeln!(
                    out,
                    "      - {{ id: {}, type: {}, lag: {} }}",
                    id(&d.id),
                    d.relation.as_str(),
                    d.lag
                );
            }
        }
    }
    let fields = [
        ("start_no_earlier", date(m.start_no_earlier)),
        ("due", date(m.due)),
        ("status", m.status.map(|s| s.as_str().to_string())),
        ("started", date(m.started)),
        ("finished", date(m.finished)),
        ("expected_finish", date(m.expected_finish)),
        ("notes", text(&m.notes)),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            let _ = writeln!(out, "    {key}: {v}");
        }
    }
    if let Some(links) = &m.links {
        let list: Vec<String> = links.iter().map(|l| quoted(l)).collect();
        let _ = writeln!(out, "    links: [{}]", list.join(", "));
    }
}

/// Every file of an imported plan: (path under the program directory, text).
pub fn files(imported: &Imported, source: &str) -> Vec<(String, String)> {
    let mut out = vec![("milepost.toml".to_string(), config(imported, source))];
    for f in &imported.files {
        out.push((f.rel.clone(), file(f, source)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_only_where_yaml_reads_them_as_text() {
        assert_eq!(id("dfw1-h200"), "dfw1-h200");
        assert_eq!(id("true"), "\"true\"");
        assert_eq!(id("1e3"), "\"1e3\"");
        assert_eq!(id("007"), "\"007\"");
        assert_eq!(quoted("a \"b\"\nc"), "\"a \\\"b\\\"\\nc\"");
    }
}
