//! JUnit XML: one testcase per checked milestone, a failure for each violation —
//! readable by GitLab, Jenkins and the usual GitHub test reporters.
use crate::analysis::check::{CheckResult, Severity};

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The JUnit report.
pub fn junit(result: &CheckResult) -> String {
    let tests = result.rows.len();
    let failures = result.with(Severity::Violation).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"milepost\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    out.push_str(&format!(
        "  <testsuite name=\"milepost {}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" timestamp=\"{}T00:00:00\">\n",
        result.command,
        result.today
    ));
    for r in &result.rows {
        let file = r
            .path
            .as_ref()
            .map(|p| format!(" file=\"{}\" line=\"{}\"", escape(p), r.line))
            .unwrap_or_default();
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\"{file}",
            escape(&r.group),
            escape(&r.id)
        ));
        match r.severity {
            Some(Severity::Violation) => {
                out.push_str(&format!(
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(r.class),
                    escape(&r.message),
                    escape(&format!("{} {}: {}", r.id, r.name, r.message))
                ));
            }
            Some(Severity::Warning) => {
                out.push_str(&format!(
                    ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    escape(&format!("warning: {}: {}", r.class, r.message))
                ));
            }
            None => out.push_str("/>\n"),
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}"
        );
    }
}
