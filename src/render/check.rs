//! The result of `check` as data that every CI format renders from, and its text and
//! JSON forms. GitHub annotations, GitLab Code Quality and JUnit live beside this file.
use clap::ValueEnum;
use serde::Serialize;

use crate::analysis::check::{CheckResult, Listing, Row, Severity};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// github in GitHub Actions, text elsewhere
    Auto,
    /// One line per violation, `file:line:col: health: message`
    Text,
    /// A JSON object with the violations and warnings
    Json,
    /// GitHub workflow annotations (and a job summary when GITHUB_STEP_SUMMARY is set)
    Github,
    /// A GitLab Code Quality report
    Gitlab,
    /// JUnit XML, one testcase per milestone
    Junit,
}

impl CheckFormat {
    /// Which rows the format shows: text prints the violations alone, JUnit every item.
    pub fn listing(self) -> Listing {
        match self {
            CheckFormat::Junit => Listing::EveryItem,
            CheckFormat::Text | CheckFormat::Auto => Listing::Violations,
            CheckFormat::Json | CheckFormat::Github | CheckFormat::Gitlab => Listing::Findings,
        }
    }

    /// `auto` decided: github inside GitHub Actions, text elsewhere.
    pub fn resolve(self, in_github_actions: bool) -> CheckFormat {
        match self {
            CheckFormat::Auto if in_github_actions => CheckFormat::Github,
            CheckFormat::Auto => CheckFormat::Text,
            other => other,
        }
    }
}

/// The result in one of the CI formats.
pub fn render(result: &CheckResult, format: CheckFormat) -> String {
    match format.resolve(false) {
        CheckFormat::Json => result.json(),
        CheckFormat::Github => super::github::annotations(result) + &result.summary() + "\n",
        CheckFormat::Gitlab => super::gitlab::code_quality(result),
        CheckFormat::Junit => super::junit::junit(result),
        CheckFormat::Auto | CheckFormat::Text => result.text(),
    }
}

impl CheckResult {
    /// The closing line: `ok: …` or `check failed: …`, naming the policy that failed.
    pub fn summary(&self) -> String {
        let n = self.with(Severity::Violation).count();
        let slipped = self
            .with(Severity::Violation)
            .filter(|r| r.class == "slip")
            .count();
        let slip_gate = self
            .slip_base
            .as_ref()
            .map(|base| format!("--fail-on-slip (against {base})"));
        if n == 0 {
            let plural = if self.milestones == 1 { "" } else { "s" };
            let none = if self.fail_on.is_empty() {
                "checked".to_string()
            } else {
                self.fail_on.join(" or ")
            };
            let slip = self.slip_base.as_ref().map_or(String::new(), |base| {
                format!(", no commitment slipped against {base},")
            });
            return format!(
                "ok: {} milestone{plural}, none {none}{slip} as of {}",
                self.milestones, self.today
            );
        }
        let policy = format!("fail_on = [{}]", self.fail_on.join(", "));
        let parts: Vec<(usize, String)> = [(n - slipped, Some(policy)), (slipped, slip_gate)]
            .into_iter()
            .filter_map(|(k, p)| p.filter(|_| k > 0).map(|p| (k, p)))
            .collect();
        let plural = |k: usize| if k == 1 { "" } else { "s" };
        match parts.as_slice() {
            [(_, only)] => format!(
                "check failed: {n} violation{} of {only} as of {}",
                plural(n),
                self.today
            ),
            _ => format!(
                "check failed: {n} violation{} as of {}: {}",
                plural(n),
                self.today,
                parts
                    .iter()
                    .map(|(k, p)| format!("{k} of {p}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn place(row: &Row) -> String {
        match &row.shown {
            Some(p) => format!("{p}:{}:{}", row.line, row.column),
            None => "program".to_string(),
        }
    }

    /// One line per violation, `file:line:col: class: message`, then the summary.
    pub fn text(&self) -> String {
        let mut out: String = self
            .with(Severity::Violation)
            .map(|r| {
                format!(
                    "{}: {}: `{}` {}: {}\n",
                    Self::place(r),
                    r.class,
                    r.id,
                    r.name,
                    r.message
                )
            })
            .collect();
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// A JSON object: the result and the findings.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            ok: bool,
            fail_on: &'a [&'static str],
            today: crate::model::Date,
            violations: Vec<&'a Row>,
            warnings: Vec<&'a Row>,
        }
        super::json::value(&Out {
            ok: self.ok(),
            fail_on: &self.fail_on,
            today: crate::model::Date(self.today),
            violations: self.with(Severity::Violation).collect(),
            warnings: self.with(Severity::Warning).collect(),
        })
    }

    /// A markdown table of the findings (for job summaries).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| | item | finding | where |\n| --- | --- | --- | --- |\n");
        for r in self.rows.iter().filter(|r| r.severity.is_some()) {
            let icon = if r.severity == Some(Severity::Violation) {
                "❌"
            } else {
                "⚠️"
            };
            out.push_str(&format!(
                "| {icon} | `{}` {} | **{}**: {} | {} |\n",
                r.id,
                super::markdown::escape(&r.name),
                r.class,
                super::markdown::escape(&r.message),
                Self::place(r)
            ));
        }
        out
    }
}
