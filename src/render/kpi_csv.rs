//! The KPIs as a long CSV for spreadsheets: one row per number,
//! `metric,key,value,unit,count,of` (docs/kpis.md).
use serde::Serialize;

use crate::analysis::kpi::Kpis;

/// One number of the long CSV.
#[derive(Serialize)]
struct CsvRow<'a> {
    metric: &'a str,
    key: String,
    value: Option<f64>,
    unit: &'a str,
    count: Option<u64>,
    of: Option<u64>,
}

/// Header of the long CSV: one row per number.
pub const CSV_FIELDS: &[&str] = &["metric", "key", "value", "unit", "count", "of"];

/// The KPIs as a long CSV: `metric,key,value,unit,count,of`.
pub fn csv(k: &Kpis) -> Result<String, String> {
    let mut rows = Vec::new();
    let mut push = |metric, key: &str, value, unit, count, of| {
        rows.push(CsvRow {
            metric,
            key: key.to_string(),
            value,
            unit,
            count,
            of,
        });
    };
    let u = &k.utilisation;
    push(
        "utilisation",
        "overall",
        u.overall,
        "ratio",
        Some(u.allocated),
        Some(u.gpus),
    );
    for c in &u.clusters {
        push(
            "utilisation",
            &c.id,
            c.ratio,
            "ratio",
            Some(c.allocated),
            Some(c.gpus),
        );
    }
    let l = &k.provisioning_lead_time;
    let n = l.clusters.len() as u64;
    push(
        "provisioning_lead_time",
        "median",
        l.median_days,
        "days",
        None,
        Some(n),
    );
    for c in &l.clusters {
        let unit = if c.actual {
            "days (actual)"
        } else {
            "days (forecast)"
        };
        push(
            "provisioning_lead_time",
            &c.id,
            Some(c.days as f64),
            unit,
            None,
            None,
        );
    }
    let o = &k.on_time;
    let (ot, dd) = (o.on_time as u64, o.done_with_due as u64);
    push("on_time", "overall", o.overall, "ratio", Some(ot), Some(dd));
    for (prefix, list) in [("kind", &o.by_kind), ("site", &o.by_site)] {
        for (name, s) in list.iter() {
            let key = format!("{prefix}:{name}");
            let (a, b) = (s.on_time as u64, s.done_with_due as u64);
            push("on_time", &key, s.ratio, "ratio", Some(a), Some(b));
        }
    }
    let h = &k.health;
    for (name, n) in &h.counts {
        push("health", name, Some(*n as f64), "items", None, None);
    }
    let tnf = h.total_negative_float as f64;
    let nfi = h.negative_float_items as u64;
    push(
        "health",
        "total_negative_float",
        Some(tnf),
        "working days",
        Some(nfi),
        None,
    );
    push(
        "health",
        "critical",
        Some(h.critical as f64),
        "items",
        None,
        None,
    );
    push("health", "stale", Some(h.stale as f64), "items", None, None);
    if let Some(c) = &k.confidence {
        push(
            "confidence",
            "commitments_at_p80",
            c.share,
            "ratio",
            Some(c.at_p80 as u64),
            Some(c.commitments as u64),
        );
    }
    if let Some(b) = &k.baseline {
        let var = |v: Option<i64>| v.map(|v| v as f64);
        push(
            "finish_variance",
            "program",
            var(b.finish.variance),
            "working days",
            None,
            None,
        );
        for c in &b.clusters {
            push(
                "finish_variance",
                &c.id,
                var(c.variance),
                "working days",
                None,
                None,
            );
        }
        let e = &b.execution_index;
        let (f, pl) = (e.finished as u64, e.planned as u64);
        push(
            "baseline_execution_index",
            "overall",
            e.index,
            "index",
            Some(f),
            Some(pl),
        );
    }
    super::csv::records(CSV_FIELDS, rows)
}
