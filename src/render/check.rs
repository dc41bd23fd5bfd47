//! The result of `check` as data that every CI format renders from, and its text and
//! JSON forms. GitHub annotations, GitLab Code Quality and JUnit live beside this file.
use chrono::NaiveDate;
use serde::Serialize;

/// How a finding counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Fails the check (exit 1).
    Violation,
    /// Reported, does not fail (an at-risk item outside the policy).
    Warning,
}

/// One checked milestone (or the program itself, for a slipped finish).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// The item's health (`overdue`, ...), or `slip` for a forecast that moved later.
    pub class: &'static str,
    /// `None` when the item passed.
    pub severity: Option<Severity>,
    /// The cluster, else the site, else `program`: what CI tools group by.
    pub group: String,
    /// The file, relative to the repository root (the program root outside git).
    #[serde(rename = "file")]
    pub path: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Everything `check` found.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    /// The findings (violations, then warnings), each group in order of severity of the
    /// class, then topological order; for JUnit, every checked item (passing ones last).
    pub rows: Vec<Row>,
    pub today: NaiveDate,
    pub fail_on: Vec<&'static str>,
    pub milestones: usize,
}

impl CheckResult {
    /// The rows with this severity.
    pub fn with(&self, severity: Severity) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.severity == Some(severity))
    }

    /// Whether the check passed.
    pub fn ok(&self) -> bool {
        self.with(Severity::Violation).next().is_none()
    }

    /// The closing line: `ok: …` or `check failed: …`.
    pub fn summary(&self) -> String {
        let n = self.with(Severity::Violation).count();
        let policy = if self.fail_on.is_empty() {
            "nothing".to_string()
        } else {
            self.fail_on.join(", ")
        };
        if n == 0 {
            let plural = if self.milestones == 1 { "" } else { "s" };
            format!(
                "ok: {} milestone{plural}, none {} as of {}",
                self.milestones,
                if self.fail_on.is_empty() {
                    "checked".to_string()
                } else {
                    self.fail_on.join(" or ")
                },
                self.today
            )
        } else {
            format!(
                "check failed: {n} violation{} of fail_on = [{policy}] as of {}",
                if n == 1 { "" } else { "s" },
                self.today
            )
        }
    }

    fn place(row: &Row) -> String {
        match &row.path {
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
