//! `diff --format json`: what a change does to the schedule, with the two sides named.
use serde::Serialize;

use super::diff::ScheduleDiff;
use super::lint_diff::QualityChange;
use super::risk_diff::RiskDiff;

/// One side of a comparison: the revision as named, and its commit (none for the
/// working tree).
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub rev: String,
    pub commit: Option<String>,
    /// Why this revision (the base only): "named", "the default branch, origin/HEAD, at
    /// merge-base 1a2b3c4", "the pull request's target, $GITHUB_BASE_REF, …".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How prose names it: "`main` (1a2b3c4)", "the working tree".
    #[serde(skip)]
    pub label: String,
}

/// The diff between two plans and the sides it compares.
#[derive(Serialize)]
pub struct DiffView {
    pub base: Side,
    pub head: Side,
    #[serde(flatten)]
    pub diff: ScheduleDiff,
    /// The schedule quality checks whose value the change made worse.
    pub quality: Vec<QualityChange>,
    /// With `--risk`: each commitment's P80 and probability at both sides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskDiff>,
}
