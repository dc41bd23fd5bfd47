//! GitLab Code Quality: a JSON array of issues that the merge request widget shows.
use serde::Serialize;

use crate::analysis::check::{CheckResult, Row, Severity};

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

/// A fingerprint that depends only on the finding's class and item, so it stays the
/// same across runs and when unrelated items change (FNV-1a, 64 bits, hex).
pub fn fingerprint(row: &Row) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("milepost:{}:{}", row.class, row.id).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn severity(row: &Row) -> &'static str {
    match (row.severity, row.class) {
        (Some(Severity::Warning), _) => "info",
        (_, "overdue") => "critical",
        (_, "slipping" | "slip") => "major",
        _ => "minor",
    }
}

/// The Code Quality report: one issue per finding.
pub fn code_quality(result: &CheckResult) -> String {
    let issues: Vec<Issue<'_>> = result
        .rows
        .iter()
        .filter(|r| r.severity.is_some())
        .map(|r| Issue {
            description: format!("{} `{}` {}: {}", r.class, r.id, r.name, r.message),
            check_name: format!("milepost/{}", r.class),
            fingerprint: fingerprint(r),
            severity: severity(r),
            location: Location {
                path: r.path.as_deref().unwrap_or("milepost.toml"),
                lines: Lines {
                    begin: r.line.max(1),
                },
            },
        })
        .collect();
    super::json::value(&issues)
}
