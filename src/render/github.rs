//! GitHub Actions: workflow-command annotations on the milestones' lines, and a job
//! summary in markdown.
use crate::analysis::check::{CheckResult, Row, Severity};

/// GitHub shows at most this many annotations of one kind per step.
pub const PER_KIND: usize = 10;

/// Escapes a workflow command's message (`%`, CR, LF).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(kind: &str, row: &Row) -> String {
    let mut props = Vec::new();
    if let Some(path) = &row.path {
        props.push(format!("file={}", escape_property(path)));
        props.push(format!("line={}", row.line));
        props.push(format!("col={}", row.column));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("{}: {}", row.class, row.id))
    ));
    format!(
        "::{kind} {}::{}\n",
        props.join(","),
        escape_data(&format!("{} — {}", row.name, row.message))
    )
}

/// `::error` for each violation and `::warning` for each warning, the most severe
/// first and at most [`PER_KIND`] of each, then one `::notice` for the rest.
pub fn annotations(result: &CheckResult) -> String {
    let mut out = String::new();
    let mut hidden = Vec::new();
    for (severity, kind, what) in [
        (Severity::Violation, "error", "violation"),
        (Severity::Warning, "warning", "warning"),
    ] {
        let rows: Vec<&Row> = if severity == Severity::Violation {
            with_commitment_lines(result)
        } else {
            result.with(severity).collect()
        };
        for row in rows.iter().take(PER_KIND) {
            out.push_str(&command(kind, row));
        }
        if rows.len() > PER_KIND {
            let n = rows.len() - PER_KIND;
            hidden.push(format!("{n} more {what}{}", if n == 1 { "" } else { "s" }));
        }
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "::notice title=milepost {}::{}\n",
            result.command,
            escape_data(&format!(
                "{} not shown as annotations; see the job summary or run milepost {}",
                hidden.join(" and "),
                result.command
            ))
        ));
    }
    out
}

/// The violations, each group preceded by the line of the commitment it threatens
/// (unless a `--fail-on-slip` row already stands there).
fn with_commitment_lines(result: &CheckResult) -> Vec<&Row> {
    let mut out: Vec<&Row> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for row in result.with(Severity::Violation) {
        let label = row.commitment.as_deref().unwrap_or("");
        if !shown.contains(&label) {
            shown.push(label);
            let slip_row_there = |line: &&Row| {
                result
                    .rows
                    .iter()
                    .any(|r| r.class == "slip" && r.id == line.id && r.line == line.line)
            };
            out.extend(
                result
                    .commitment_lines
                    .iter()
                    .filter(|c| c.commitment.as_deref() == Some(label))
                    .filter(|c| !slip_row_there(c)),
            );
        }
        out.push(row);
    }
    out
}

/// The job summary: the result and every finding.
pub fn step_summary(result: &CheckResult) -> String {
    let icon = if result.ok() { "✅" } else { "❌" };
    let mut out = format!(
        "### {icon} milepost {}\n\n{}\n\n",
        result.command,
        result.summary()
    );
    if result.rows.iter().any(|r| r.severity.is_some()) {
        out.push_str(&result.markdown_table());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
